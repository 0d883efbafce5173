// The probsim executable: everything lives in the ProbationModel library.
import ProbationModel

ProbsimCommand.runAsMain()
