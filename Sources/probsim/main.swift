// The probsim executable: the command line lives in the ProbationCommands library.
import ProbationCommands

ProbsimCommand.runAsMain()
