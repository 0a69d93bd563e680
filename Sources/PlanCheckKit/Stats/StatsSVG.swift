/// Inline SVG charts for the stats HTML report: no scripts, no fonts, no external resources; every
/// label escaped. Each returns one `<svg>` element that scales down to the page width.
public enum StatsSVG {
    static let e = HTML.escape

    /// Rough pixel width of a label at `size` px (CJK characters are full width).
    static func textWidth(_ s: String, size: Int) -> Int { (DisplayWidth.of(s) * size + 1) / 2 }

    static func open(_ w: Int, _ h: Int, _ title: String) -> String {
        "<svg width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" aria-label=\"\(e(title))\" style=\"max-width:100%;height:auto\" font-size=\"12\">\n<title>\(e(title))</title>\n"
    }

    /// Fill for a heatmap cell: white-ish pink for zero (a silent month), else blues by share of `max`.
    static func heat(_ v: Int, _ max: Int) -> (fill: String, ink: String) {
        if v == 0 { return ("#fde8e8", "#b00") }
        let steps = ["#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c"]
        let i = max <= 0 ? 0 : min(steps.count - 1, (v * steps.count - 1) / max)
        return (steps[i], i >= 4 ? "#fff" : "#123")
    }

    /// A rows × columns heatmap with the number in each cell.
    public static func heatmap(title: String, rows: [String], columns: [String], values: [[Int]]) -> String {
        let labelW = (rows.map { textWidth($0, size: 12) }.max() ?? 40) + 10
        let cw = 34, ch = 22, top = 22
        let w = labelW + cw * columns.count + 2, h = top + ch * rows.count + 2
        let maxV = values.flatMap { $0 }.max() ?? 0
        var s = open(w, h, title)
        for (j, c) in columns.enumerated() {
            s += "<text x=\"\(labelW + j * cw + cw / 2)\" y=\"15\" text-anchor=\"middle\" fill=\"#333\">\(e(c))</text>\n"
        }
        for (i, r) in rows.enumerated() {
            let y = top + i * ch
            s += "<text x=\"\(labelW - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" fill=\"#222\">\(e(r))</text>\n"
            for (j, v) in values[i].enumerated() {
                let (fill, ink) = heat(v, maxV)
                let x = labelW + j * cw
                s += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cw - 2)\" height=\"\(ch - 2)\" fill=\"\(fill)\"><title>\(e(r)) \(e(columns[j])): \(v)</title></rect>"
                s += "<text x=\"\(x + cw / 2 - 1)\" y=\"\(y + 15)\" text-anchor=\"middle\" fill=\"\(ink)\">\(v)</text>\n"
            }
        }
        return s + "</svg>"
    }

    /// Horizontal bars of a percentage (per mille) per label; nil draws an empty track.
    public static func percentBars(title: String, labels: [String], perMille: [Int?]) -> String {
        let labelW = (labels.map { textWidth($0, size: 12) }.max() ?? 40) + 10
        let barW = 300, bh = 20, top = 6
        let w = labelW + barW + 60, h = top + bh * labels.count + 20
        var s = open(w, h, title)
        for (i, l) in labels.enumerated() {
            let y = top + i * bh
            s += "<text x=\"\(labelW - 6)\" y=\"\(y + 14)\" text-anchor=\"end\" fill=\"#222\">\(e(l))</text>"
            s += "<rect x=\"\(labelW)\" y=\"\(y + 2)\" width=\"\(barW)\" height=\"\(bh - 6)\" fill=\"#eee\"/>"
            if let p = perMille[i] {
                let colour = p >= 1000 ? "#2e7d32" : p >= 800 ? "#f9a825" : "#c62828"
                s += "<rect x=\"\(labelW)\" y=\"\(y + 2)\" width=\"\(barW * p / 1000)\" height=\"\(bh - 6)\" fill=\"\(colour)\"/>"
                s += "<text x=\"\(labelW + barW + 6)\" y=\"\(y + 14)\" fill=\"#222\">\(StatsReport.percentText(p))%</text>\n"
            } else {
                s += "<text x=\"\(labelW + barW + 6)\" y=\"\(y + 14)\" fill=\"#888\">—</text>\n"
            }
        }
        let y = top + bh * labels.count + 14
        for q in [0, 50, 100] {
            s += "<text x=\"\(labelW + barW * q / 100)\" y=\"\(y)\" text-anchor=\"middle\" fill=\"#666\" font-size=\"10\">\(q)%</text>"
        }
        return s + "\n</svg>"
    }

    /// Monthly trend: bars for activities (left scale) and a line for participants (right scale).
    public static func trend(title: String, labels: [String], bars: [Int], line: [Int], barName: String, lineName: String) -> String {
        let left = 44, right = 54, top = 26, plotH = 180, bottom = 24
        let step = 40
        let w = left + step * max(labels.count, 1) + right, h = top + plotH + bottom
        let maxB = max(bars.max() ?? 0, 1), maxL = max(line.max() ?? 0, 1)
        var s = open(w, h, title)
        s += "<rect x=\"\(left)\" y=\"6\" width=\"10\" height=\"10\" fill=\"#4292c6\"/><text x=\"\(left + 14)\" y=\"15\" fill=\"#222\">\(e(barName))</text>"
        let lx = left + 14 + textWidth(barName, size: 12) + 16
        s += "<line x1=\"\(lx)\" y1=\"11\" x2=\"\(lx + 16)\" y2=\"11\" stroke=\"#e6550d\" stroke-width=\"2\"/><text x=\"\(lx + 20)\" y=\"15\" fill=\"#222\">\(e(lineName))</text>\n"
        let base = top + plotH
        s += "<line x1=\"\(left)\" y1=\"\(base)\" x2=\"\(w - right)\" y2=\"\(base)\" stroke=\"#999\"/>"
        s += "<text x=\"\(left - 4)\" y=\"\(top + 4)\" text-anchor=\"end\" fill=\"#4292c6\" font-size=\"10\">\(maxB)</text>"
        s += "<text x=\"\(left - 4)\" y=\"\(base)\" text-anchor=\"end\" fill=\"#666\" font-size=\"10\">0</text>"
        s += "<text x=\"\(w - right + 4)\" y=\"\(top + 4)\" fill=\"#e6550d\" font-size=\"10\">\(maxL)</text>\n"
        var points: [String] = []
        for (i, l) in labels.enumerated() {
            let x = left + i * step
            let bh = plotH * bars[i] / maxB
            s += "<rect x=\"\(x + 8)\" y=\"\(base - bh)\" width=\"\(step - 16)\" height=\"\(bh)\" fill=\"#4292c6\"><title>\(e(l)): \(bars[i])</title></rect>"
            s += "<text x=\"\(x + step / 2)\" y=\"\(base + 16)\" text-anchor=\"middle\" fill=\"#333\">\(e(l))</text>\n"
            points.append("\(x + step / 2),\(base - plotH * line[i] / maxL)")
        }
        if !points.isEmpty {
            s += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#e6550d\" stroke-width=\"2\"/>\n"
            for (i, p) in points.enumerated() {
                let xy = p.split(separator: ",")
                s += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"3\" fill=\"#e6550d\"><title>\(e(labels[i])): \(line[i])</title></circle>"
            }
        }
        return s + "\n</svg>"
    }
}
