/// The frame of the experiment reports (`sweep`, `solve`, `sensitivity`): one self-contained page,
/// inline CSS and SVG, no network; small multiples sit side by side in a grid.
enum ReportPage {
    static func html(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>probsim: \(Charts.esc(title))</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:1100px;margin:1.5em auto;padding:0 1em;color:#222}
        h1{margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc;padding-bottom:.2em}h3{margin:1.2em 0 .3em}.lead{color:#555}
        table{border-collapse:collapse;margin:.8em 0;font-size:14px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
        table.num td{text-align:right}table.num td:first-child{text-align:left}small{color:#666}
        .wide{overflow-x:auto}svg.chart{width:100%;height:auto;display:block;margin:.6em 0;font-family:inherit}
        .multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:.4em 1em}
        .answer{font-size:1.2em;background:#eef5fb;border-left:4px solid #1b6ca8;padding:.6em 1em}
        .foot{color:#666;font-size:12px;margin-top:2em}
        @media print{body{max-width:none}h2{page-break-after:avoid}svg.chart{page-break-inside:avoid}}
        </style></head><body>
        \(body)
        <p class="foot">probsim \(probsimVersion). Every point ran with the same seed (common random numbers); intervals are 95% Student-t intervals over replications.</p>
        </body></html>

        """
    }

    /// A table from a header and rows (cells are escaped).
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        "<div class=\"wide\"><table class=\"num\"><tr>" + header.map { "<th>\(Charts.esc($0))</th>" }.joined() + "</tr>" +
            rows.map { "<tr>" + $0.map { "<td>\(Charts.esc($0))</td>" }.joined() + "</tr>" }.joined() + "</table></div>"
    }
}
