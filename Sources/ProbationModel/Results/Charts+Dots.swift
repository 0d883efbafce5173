import Foundation

/// Dot plots with 95% interval whiskers, one row per label: readable for 2 variants or 20, on an
/// axis fitted to the data (a 5-point gap between met rates shows), and, for differences, signed
/// around a zero line (a saving left of zero, a cost right of it).
extension Charts {
    /// - Parameters:
    ///   - rows: a label and its mean and interval (`x` unused), or nil for no value.
    ///   - zero: draw a line at zero and keep it on the axis (for differences).
    static func dots(title: String, xLabel: String, rows: [(label: String, point: ResponsePoint?)], zero: Bool = false, width: Int = 480) -> String {
        let labelW = min(Double(width) * 0.6, 12 + 7.4 * Double(rows.map(\.label.count).max() ?? 4))
        let left = labelW + 8, right = 24.0, top = 40.0, rowH = 22.0
        let plotW = Double(width) - left - right, plotH = rowH * Double(max(1, rows.count))
        let pts = rows.compactMap(\.point).filter { $0.mean.isFinite }
        let xs = pts.flatMap { [$0.mean, $0.low, $0.high] }.filter(\.isFinite) + (zero ? [0] : [])
        let ticks = niceTicks(xs.min() ?? 0, xs.max() ?? 1)
        let (x0, x1) = (ticks.first!, ticks.last!)
        func px(_ x: Double) -> Double { left + plotW * (x - x0) / (x1 - x0) }
        var svg = header(title: title, width: width, height: Int(top + plotH + 44))
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        for t in ticks {
            svg += "<line x1=\"\(f(px(t)))\" x2=\"\(f(px(t)))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\" stroke=\"#e3e3e3\"/>"
            svg += "<text x=\"\(f(px(t)))\" y=\"\(f(top + plotH + 14))\" text-anchor=\"middle\" font-size=\"11\">\(tickText(t, step: step))</text>"
        }
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH + 32))\" text-anchor=\"middle\" font-size=\"12\">\(esc(xLabel))</text>"
        if zero { svg += "<line x1=\"\(f(px(0)))\" x2=\"\(f(px(0)))\" y1=\"\(f(top - 4))\" y2=\"\(f(top + plotH))\" stroke=\"#222\" stroke-width=\"1.5\"/>" }
        for (k, row) in rows.enumerated() {
            let y = top + rowH * (Double(k) + 0.5)
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y + 4))\" text-anchor=\"end\" font-size=\"12\">\(esc(row.label))</text>"
            guard let p = row.point, p.mean.isFinite else {
                svg += "<text x=\"\(f(left + 4))\" y=\"\(f(y + 4))\" font-size=\"11\" fill=\"#888\">no value</text>"
                continue
            }
            let colour = zero ? (p.high < 0 ? palette[0] : p.low > 0 ? palette[1] : "#666") : palette[0]
            if p.high > p.low {
                svg += "<line x1=\"\(f(px(p.low)))\" x2=\"\(f(px(p.high)))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            }
            svg += "<circle cx=\"\(f(px(p.mean)))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(colour)\"><title>\(esc(row.label)): \(number(p.mean)) (95% \(number(p.low))–\(number(p.high)))</title></circle>"
        }
        return svg + "</svg>"
    }
}
