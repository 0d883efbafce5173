import Foundation

/// The tornado chart of `probsim sensitivity`: a bar per key from the metric at its low value to
/// the metric at its high value, largest swing on top, around a line at the base.
extension Charts {
    struct TornadoBar: Sendable {
        var label: String
        /// The key's low and high values, as written.
        var lowLabel: String
        var highLabel: String
        /// The metric at the low and at the high value (`x` unused).
        var low: ResponsePoint
        var high: ResponsePoint
    }

    /// - Parameter bars: in the order drawn, top first.
    static func tornado(title: String, xLabel: String, base: Double, bars: [TornadoBar], width: Int = 480) -> String {
        let left = 20.0, right = 20.0, top = 40.0, rowH = 46.0
        let plotW = Double(width) - left - right, plotH = rowH * Double(max(1, bars.count))
        let xs = bars.flatMap { [$0.low.mean, $0.low.low, $0.low.high, $0.high.mean, $0.high.low, $0.high.high] }.filter(\.isFinite) + (base.isFinite ? [base] : [])
        let ticks = niceTicks(xs.min() ?? 0, xs.max() ?? 1)
        let (x0, x1) = (ticks.first!, ticks.last!)
        func px(_ x: Double) -> Double { left + plotW * (x - x0) / (x1 - x0) }
        let height = Int(top + plotH + 60)
        var svg = header(title: title, width: width, height: height)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        for t in ticks {
            svg += "<line x1=\"\(f(px(t)))\" x2=\"\(f(px(t)))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(f(px(t)))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\" font-size=\"11\">\(tickText(t, step: step))</text>"
        }
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH + 36))\" text-anchor=\"middle\" font-size=\"12\">\(esc(xLabel))</text>"
        let colours = (low: palette[0], high: palette[1])
        for (k, b) in bars.enumerated() {
            let y = top + Double(k) * rowH
            svg += "<text x=\"\(f(left))\" y=\"\(f(y + 12))\" font-size=\"12\">\(esc(b.label))</text>"
            for (p, colour, label) in [(b.low, colours.low, b.lowLabel), (b.high, colours.high, b.highLabel)] where p.mean.isFinite && base.isFinite {
                let (a, c) = (px(min(base, p.mean)), px(max(base, p.mean)))
                svg += "<rect x=\"\(f(a))\" y=\"\(f(y + 18))\" width=\"\(f(max(1, c - a)))\" height=\"16\" fill=\"\(colour)\" opacity=\"0.85\"><title>\(esc(b.label)) = \(esc(label)): \(number(p.mean)) (95% \(number(p.low))–\(number(p.high)))</title></rect>"
                if p.high > p.low {
                    svg += "<line x1=\"\(f(px(p.low)))\" x2=\"\(f(px(p.high)))\" y1=\"\(f(y + 26))\" y2=\"\(f(y + 26))\" stroke=\"#222\"/>"
                }
                let after = p.mean >= base
                svg += "<text x=\"\(f(after ? max(c, px(p.high)) + 4 : min(a, px(p.low)) - 4))\" y=\"\(f(y + 30))\" text-anchor=\"\(after ? "start" : "end")\" font-size=\"11\">\(esc(label))</text>"
            }
        }
        if base.isFinite {
            svg += "<line x1=\"\(f(px(base)))\" x2=\"\(f(px(base)))\" y1=\"\(f(top - 4))\" y2=\"\(f(top + plotH))\" stroke=\"#222\" stroke-width=\"1.5\"/>"
        }
        let (legend, _) = wrappedLegend(["at the low value", "at the high value"], x: left, y: top + plotH + 54, width: plotW)
        return svg + legend + "</svg>"
    }
}
