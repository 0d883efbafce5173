import Foundation

/// Charts of a metric's response to a setting (sweeps, solves) and of swings (sensitivity):
/// axes fitted to the data (so a 5-point gap in a met rate shows), 95% interval bars, and legends
/// that wrap onto as many rows as they need instead of running off the chart.
extension Charts {
    /// One point of a response: the setting's value and the metric's mean and 95% interval.
    struct ResponsePoint: Sendable {
        var x: Double
        var mean: Double
        var low: Double
        var high: Double
    }

    /// About five round tick values covering `low...high` (whole numbers only, if `whole`).
    static func niceTicks(_ low: Double, _ high: Double, whole: Bool = false) -> [Double] {
        var lo = low, hi = high
        if !(hi > lo) { let pad = max(1, abs(lo) * 0.1); lo -= pad; hi += pad }
        let raw = (hi - lo) / 4
        let p = pow(10, floor(log10(raw)))
        var step = ([1.0, 2, 2.5, 5, 10].first { $0 * p >= raw } ?? 10) * p
        if whole { step = max(1, step.rounded(.up)) }
        let first: Double = (lo / step).rounded(.down) * step
        var ticks: [Double] = []
        var t = first
        while ticks.count < 40 && t <= hi + step * 0.999 {
            ticks.append(abs(t) < step * 1e-9 ? 0 : t)
            t = first + Double(ticks.count) * step
        }
        return ticks
    }

    /// A tick label: no more decimals than the tick step needs.
    static func tickText(_ x: Double, step: Double) -> String {
        var places = 0
        while places < 6 && abs(step * pow(10, Double(places)) - (step * pow(10, Double(places))).rounded()) > 1e-6 { places += 1 }
        return String(format: "%.\(places)f", x)
    }

    /// A legend laid out left to right, wrapping to a new row before it would pass `width`.
    ///
    /// - Returns: the SVG and the number of rows (each 18 units high).
    static func wrappedLegend(_ names: [String], x: Double, y: Double, width: Double, dashed: (Int) -> Bool = { _ in false }) -> (String, Int) {
        var s = "", cx = x, row = 0
        for (k, n) in names.enumerated() {
            let w = 30 + Double(n.count) * 7.4
            if cx > x && cx + w > x + width { row += 1; cx = x }
            let cy = y + Double(row) * 18
            let colour = palette[k % palette.count]
            s += "<line x1=\"\(f(cx))\" x2=\"\(f(cx + 14))\" y1=\"\(f(cy - 4))\" y2=\"\(f(cy - 4))\" stroke=\"\(colour)\" stroke-width=\"3\"\(dashed(k) ? " stroke-dasharray=\"4,3\"" : "")/>"
            s += "<text x=\"\(f(cx + 18))\" y=\"\(f(cy))\" font-size=\"12\">\(esc(n))</text>"
            cx += w
        }
        return (s, names.isEmpty ? 0 : row + 1)
    }

    /// A metric against a setting: one line (or, with `connect` false, scattered points) per
    /// series, each point with its 95% interval bar.
    ///
    /// - Parameters:
    ///   - xTicks: labels for a setting whose values are not numbers (placed at 0, 1, 2, ...).
    ///   - reference: a horizontal line, e.g. a solve's threshold, with its label.
    static func response(title: String, xLabel: String, yLabel: String, series: [(name: String, points: [ResponsePoint])],
                         connect: Bool = true, xTicks: [String]? = nil, reference: (Double, String)? = nil,
                         width: Int = 720, plotHeight: Int = 220) -> String {
        let left = 70.0, right = 20.0, top = 40.0
        let plotW = Double(width) - left - right, plotH = Double(plotHeight)
        let all = series.flatMap(\.points).filter { $0.mean.isFinite }
        let ys = all.flatMap { [$0.mean, $0.low, $0.high] }.filter(\.isFinite) + (reference.map { [$0.0] } ?? [])
        let yt = niceTicks(ys.min() ?? 0, ys.max() ?? 1)
        let (y0, y1) = (yt.first!, yt.last!)
        let xs = all.map(\.x)
        let xt = xTicks.map { t in t.indices.map(Double.init) } ?? niceTicks(xs.min() ?? 0, xs.max() ?? 1, whole: xs.allSatisfy { $0 == $0.rounded() })
        var (x0, x1) = (xs.min() ?? 0, xs.max() ?? 1)
        if !(x1 > x0) { x0 -= 1; x1 += 1 }
        let pad = xTicks == nil ? (x1 - x0) * 0.05 : 0.5
        x0 -= pad
        x1 += pad
        func px(_ x: Double) -> Double { left + plotW * (x - x0) / (x1 - x0) }
        func py(_ y: Double) -> Double { top + plotH - plotH * (y - y0) / (y1 - y0) }
        let dashed: (Int) -> Bool = { $0 / palette.count % 2 == 1 }
        let (legend, rows) = wrappedLegend(series.count > 1 ? series.map(\.name) : [], x: left, y: top + plotH + 58, width: plotW, dashed: dashed)
        let height = Int(top + plotH + 50 + Double(rows) * 18 + 10)
        var svg = header(title: title, width: width, height: height)
        let ystep = yt.count > 1 ? yt[1] - yt[0] : 1
        for t in yt {
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(py(t)))\" y2=\"\(f(py(t)))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(py(t) + 4))\" text-anchor=\"end\" font-size=\"11\">\(tickText(t, step: ystep))</text>"
        }
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\" stroke=\"#444\"/>"
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH))\" stroke=\"#444\"/>"
        let xstep = xt.count > 1 ? xt[1] - xt[0] : 1
        for (i, t) in xt.enumerated() where t >= x0 && t <= x1 {
            let label = xTicks.map { $0[i] } ?? tickText(t, step: xstep)
            svg += "<text x=\"\(f(px(t)))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\" font-size=\"11\">\(esc(label))</text>"
        }
        svg += "<text transform=\"translate(16 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">\(esc(yLabel))</text>"
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH + 36))\" text-anchor=\"middle\" font-size=\"12\">\(esc(xLabel))</text>"
        if let (y, label) = reference {
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(py(y)))\" y2=\"\(f(py(y)))\" stroke=\"#b00\" stroke-dasharray=\"5,4\"/>"
            svg += "<text x=\"\(f(left + plotW - 4))\" y=\"\(f(py(y) - 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#b00\">\(esc(label))</text>"
        }
        for (k, s) in series.enumerated() {
            let colour = palette[k % palette.count]
            let pts = s.points.filter { $0.mean.isFinite }.sorted { $0.x < $1.x }
            if connect && pts.count > 1 {
                let nudge = series.count > 1 ? (Double(k) - Double(series.count - 1) / 2) * min(4, 16 / Double(series.count)) : 0
                svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dashed(k) ? " stroke-dasharray=\"4,3\"" : "") points=\"\(pts.map { "\(f(px($0.x) + nudge)),\(f(py($0.mean)))" }.joined(separator: " "))\"/>"
            }
            // Series side by side are nudged apart a little, so equal values do not hide each other's intervals.
            let nudge = series.count > 1 ? (Double(k) - Double(series.count - 1) / 2) * min(4, 16 / Double(series.count)) : 0
            for p in pts {
                let cx = px(p.x) + nudge
                if p.high > p.low {
                    svg += "<line x1=\"\(f(cx))\" x2=\"\(f(cx))\" y1=\"\(f(py(p.low)))\" y2=\"\(f(py(p.high)))\" stroke=\"\(colour)\"/>"
                    for y in [p.low, p.high] { svg += "<line x1=\"\(f(cx - 3))\" x2=\"\(f(cx + 3))\" y1=\"\(f(py(y)))\" y2=\"\(f(py(y)))\" stroke=\"\(colour)\"/>" }
                }
                svg += "<circle cx=\"\(f(cx))\" cy=\"\(f(py(p.mean)))\" r=\"3\" fill=\"\(colour)\"><title>\(esc(s.name)): \(esc(number(p.x))) → \(esc(number(p.mean))) (95% \(esc(number(p.low)))–\(esc(number(p.high))))</title></circle>"
            }
        }
        return svg + legend + "</svg>"
    }
}
