import SimulationCore
import Foundation

/// Small inline SVG charts for the report: titled, with axis labels (units) and legends.
enum Charts {
    static let palette = ["#1b6ca8", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#666666"]

    static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A "nice" upper bound for an axis.
    static func niceMax(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let p = pow(10, floor(log10(x)))
        for m in [1.0, 2, 2.5, 5, 10] where m * p >= x { return m * p }
        return 10 * p
    }

    static func number(_ x: Double) -> String {
        abs(x) >= 100 || x == x.rounded() ? String(format: "%.0f", x) : String(format: "%.2g", x)
    }

    /// Grouped bars with 95% interval whiskers: groups on the x axis, one bar per series.
    static func bars(title: String, yLabel: String, groups: [String], series: [String],
                     values: [[(mean: Double, low: Double, high: Double)?]], width: Int = 720, height: Int = 340, fixedMax: Double? = nil) -> String {
        let left = 70.0, right = 20.0, top = 40.0, bottom = 110.0
        let plotW = Double(width) - left - right, plotH = Double(height) - top - bottom
        let maxV = fixedMax ?? niceMax(values.flatMap { $0.compactMap { $0.map { max($0.high, $0.mean) } } }.max() ?? 1)
        // The legend wraps onto as many rows as it needs; the chart grows to hold them.
        let (legendSVG, legendRows) = wrappedLegend(series, x: left, y: Double(height) - 10, width: plotW)
        var svg = header(title: title, width: width, height: height + max(0, legendRows - 1) * 18)
        svg += axes(left: left, top: top, plotW: plotW, plotH: plotH, maxV: maxV, yLabel: yLabel)
        let gw = plotW / Double(max(1, groups.count))
        let bw = gw * 0.8 / Double(max(1, series.count))
        for (g, name) in groups.enumerated() {
            let x0 = left + Double(g) * gw + gw * 0.1
            for s in series.indices {
                guard let v = values[g][s], v.mean.isFinite else { continue }
                let h = plotH * min(1, max(0, v.mean) / maxV)
                let x = x0 + Double(s) * bw
                svg += "<rect x=\"\(f(x))\" y=\"\(f(top + plotH - h))\" width=\"\(f(bw * 0.9))\" height=\"\(f(h))\" fill=\"\(palette[s % palette.count])\"><title>\(esc(series[s])) \(esc(name)): \(number(v.mean))</title></rect>"
                if v.high > v.low {
                    let cx = x + bw * 0.45
                    let y1 = top + plotH - plotH * min(1, max(0, v.low) / maxV), y2 = top + plotH - plotH * min(1, v.high / maxV)
                    svg += "<line x1=\"\(f(cx))\" x2=\"\(f(cx))\" y1=\"\(f(y1))\" y2=\"\(f(y2))\" stroke=\"#222\"/>"
                    svg += "<line x1=\"\(f(cx - 4))\" x2=\"\(f(cx + 4))\" y1=\"\(f(y2))\" y2=\"\(f(y2))\" stroke=\"#222\"/><line x1=\"\(f(cx - 4))\" x2=\"\(f(cx + 4))\" y1=\"\(f(y1))\" y2=\"\(f(y1))\" stroke=\"#222\"/>"
                }
            }
            let lx = left + Double(g) * gw + gw / 2, ly = top + plotH + 14
            svg += "<text transform=\"translate(\(f(lx)) \(f(ly))) rotate(-30)\" text-anchor=\"end\" font-size=\"11\">\(esc(name))</text>"
        }
        return svg + legendSVG + "</svg>"
    }

    /// Lines over weeks, one per series (x: week number from the warm-up end, or with `weekStart`,
    /// the first week's start, a calendar axis labelled by month with a dashed marker at each of
    /// `markers`' days).
    static func lines(title: String, yLabel: String, xLabel: String, series: [(String, [Double])], width: Int = 720, height: Int = 300,
                      reference: (Double, String)? = nil, weekStart: Day? = nil, markers: [(Day, String)] = []) -> String {
        let left = 70.0, right = 20.0, top = 40.0, bottom = 70.0
        let plotW = Double(width) - left - right, plotH = Double(height) - top - bottom
        let all = series.flatMap { $0.1 }.filter(\.isFinite) + (reference.map { [$0.0] } ?? [])
        let maxV = niceMax(all.max() ?? 1)
        let n = max(2, series.map { $0.1.count }.max() ?? 2)
        let (legendSVG, legendRows) = wrappedLegend(series.map(\.0), x: left, y: Double(height) - 14, width: plotW)
        var svg = header(title: title, width: width, height: height + max(0, legendRows - 1) * 18)
        svg += axes(left: left, top: top, plotW: plotW, plotH: plotH, maxV: maxV, yLabel: yLabel)
        for (k, (name, ys)) in series.enumerated() {
            let pts = ys.enumerated().filter { $0.element.isFinite }.map { i, y in
                "\(f(left + plotW * Double(i) / Double(n - 1))),\(f(top + plotH - plotH * y / maxV))"
            }
            guard !pts.isEmpty else { continue }
            svg += "<polyline fill=\"none\" stroke=\"\(palette[k % palette.count])\" stroke-width=\"2\" points=\"\(pts.joined(separator: " "))\"><title>\(esc(name))</title></polyline>"
        }
        if let (y, label) = reference {
            let yy = top + plotH - plotH * y / maxV
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(yy))\" y2=\"\(f(yy))\" stroke=\"#b00\" stroke-dasharray=\"5,4\"/>"
            svg += "<text x=\"\(f(left + plotW - 4))\" y=\"\(f(yy - 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#b00\">\(esc(label))</text>"
        }
        if let start = weekStart {
            // A calendar axis: a tick at the first week of each month shown (at most about 8 labels).
            let x = { (week: Double) in left + plotW * week / Double(n - 1) }
            var firsts: [(Int, Day)] = []
            for w in 0..<n {
                let d = start.adding(days: 7 * w)
                if w == 0 || d.firstOfMonth != start.adding(days: 7 * (w - 1)).firstOfMonth { firsts.append((w, d.firstOfMonth)) }
            }
            let every = max(1, (firsts.count + 7) / 8)
            for (k, (w, month)) in firsts.enumerated() where k % every == 0 {
                svg += "<text x=\"\(f(x(Double(w))))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\" font-size=\"11\">\(month.iso.prefix(7))</text>"
            }
            // Each label goes on the first text row whose last label ends before it (about 5.5 px a
            // character at 10 px), so markers close together do not write over each other.
            var rowEnds: [Double] = []
            for (day, label) in markers {
                let week = Double(start.days(to: day)) / 7
                guard week >= 0, week <= Double(n - 1) else { continue }
                let mx = x(week)
                let row = rowEnds.firstIndex { $0 < mx } ?? rowEnds.count
                let end = mx + 3 + Double(label.count) * 5.5 + 4
                if row < rowEnds.count { rowEnds[row] = end } else { rowEnds.append(end) }
                svg += "<line x1=\"\(f(mx))\" x2=\"\(f(mx))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\" stroke=\"#555\" stroke-dasharray=\"3,3\" class=\"marker\"><title>\(esc(label))</title></line>"
                svg += "<text x=\"\(f(mx + 3))\" y=\"\(f(top + 12 + Double(row) * 12))\" font-size=\"10\" fill=\"#333\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(esc(label))</text>"
            }
        } else {
            for t in stride(from: 0, to: n, by: max(1, n / 8)) {
                svg += "<text x=\"\(f(left + plotW * Double(t) / Double(n - 1)))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\" font-size=\"11\">\(t)</text>"
            }
        }
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH + 34))\" text-anchor=\"middle\" font-size=\"12\">\(esc(xLabel))</text>"
        return svg + legendSVG + "</svg>"
    }

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    static func header(title: String, width: Int, height: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(esc(title))\">" +
            "<text x=\"\(width / 2)\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(esc(title))</text>"
    }

    static func axes(left: Double, top: Double, plotW: Double, plotH: Double, maxV: Double, yLabel: String) -> String {
        var s = "<line x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\" stroke=\"#444\"/>"
        s += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH))\" stroke=\"#444\"/>"
        for k in 0...4 {
            let v = maxV * Double(k) / 4
            let y = top + plotH - plotH * Double(k) / 4
            s += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\" font-size=\"11\">\(number(v))</text>"
        }
        s += "<text transform=\"translate(16 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">\(esc(yLabel))</text>"
        return s
    }
}
