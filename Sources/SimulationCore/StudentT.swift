import CGSL

/// Confidence intervals over replications (Student's t, from GSL's `gsl_cdf_tdist_Pinv`).
public enum StudentT {
    /// The two-sided 95% quantile t(0.975, df); df ≥ 1.
    public static func quantile975(degreesOfFreedom df: Int) -> Double {
        gsl_cdf_tdist_Pinv(0.975, Double(max(1, df)))
    }

    /// Mean and 95% confidence interval of a sample (the interval is the mean itself for one value).
    public static func meanAndInterval(_ xs: [Double]) -> (mean: Double, low: Double, high: Double) {
        guard !xs.isEmpty else { return (0, 0, 0) }
        let n = Double(xs.count)
        let mean = xs.reduce(0, +) / n
        guard xs.count > 1 else { return (mean, mean, mean) }
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let half = quantile975(degreesOfFreedom: xs.count - 1) * (variance / n).squareRoot()
        return (mean, mean - half, mean + half)
    }
}
