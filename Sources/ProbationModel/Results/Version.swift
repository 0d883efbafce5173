/// The version printed by `probsim --version` and written into every result.
public let probsimVersion = "0.2.0"
