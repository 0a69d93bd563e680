/// The stats report as one self-contained HTML page: summary, then each chart (inline SVG) with
/// its numbers in a table beside it. No scripts, no fonts, no network; every record text escaped.
public enum StatsHTMLReporter {
    static let e = HTML.escape
    /// Most rows a chart draws (a heatmap row per unit; 500 rows are a long printed chart already).
    static let maxChartRows = 500

    /// A table of at most ``HTML/maxRows`` rows (plus the last when `keepLast`, a total row);
    /// a row after them says how many more the CSV tables have.
    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>, classes: [String?]? = nil, keepLast: Bool = false) -> String {
        var s = "<table>\n<thead><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        let body = keepLast ? rows.count - 1 : rows.count
        for (i, r) in rows.enumerated() {
            if i >= HTML.maxRows && i < body {
                if i == HTML.maxRows { s += HTML.moreRow(body - HTML.maxRows, columns: header.count) }
                continue
            }
            let cls = classes?[i].map { " class=\"\($0)\"" } ?? ""
            s += "<tr\(cls)>" + r.enumerated().map { numeric.contains($0.offset) ? "<td class=n>\(e($0.element))</td>" : "<td>\(e($0.element))</td>" }.joined() + "</tr>\n"
        }
        return s + "</tbody></table>\n"
    }

    static func chart(_ svg: String, _ table: String) -> String {
        "<div class=\"chart\">\n<figure>\(svg)</figure>\n<div>\(table)</div>\n</div>\n"
    }

    /// The page.
    public static func page(_ r: StatsReport) -> String {
        var b = "<style>figure { margin: 0.5em 0; } h2 { margin-top: 1.5em; border-bottom: 1px solid #ddd; } p.meta { color: #555; font-size: 13px; } .summary p { line-height: 1.7; max-width: 60em; }</style>\n"
        b += "<h1>\(r.year) 年度活动统计 · 统计截至 \(r.asOf.iso)</h1>\n"
        b += "<p class=meta>"
        if r.hasPlan { b += "计划：\(e(r.planPaths.joined(separator: ", ")))<br>" }
        b += "花名册：\(e(r.rosterPaths.isEmpty ? "（无）" : r.rosterPaths.joined(separator: ", ")))<br>"
        b += "记录：\(e(r.files.joined(separator: ", "))) · plancheck \(PlanCheckCLI.version)</p>\n"
        b += "<h2>总体情况</h2>\n<div class=summary>\n" + StatsTextReporter.summary(r, lang: .zh).map { "<p>\(e($0))</p>" }.joined(separator: "\n") + "\n</div>\n"
        let monthLabels = (0..<r.lastMonth).map { "\($0 + 1)月" }
        if r.lastMonth > 0 && !r.units.isEmpty {
            b += "<h2>单位 × 月份活动次数</h2>\n<p class=meta>粉色格为该单位整月无活动记录。</p>\n"
            // The chart shows the first units only (its table and the CSV have them all).
            let charted = r.units.prefix(StatsHTMLReporter.maxChartRows)
            let svg = StatsSVG.heatmap(title: "单位 × 月份活动次数", rows: charted.map(\.name), columns: monthLabels,
                                       values: charted.map { $0.months.map(\.count) })
            var rows = r.units.map { [$0.name] + $0.months.map { String($0.count) } + [String($0.total.count)] }
            rows.append(["合计"] + r.months.map { String($0.count) } + [String(r.total.count)])
            b += chart(svg, table(["单位"] + monthLabels + ["合计"], rows, numeric: Set(1...(r.lastMonth + 1)), keepLast: true))
        }
        if r.lastMonth > 0 {
            b += "<h2>月度趋势</h2>\n"
            let svg = StatsSVG.trend(title: "每月活动次数与参与人次", labels: monthLabels, bars: r.months.map(\.count),
                                     line: r.months.map(\.participants), barName: "活动次数", lineName: "参与人次")
            var rows = r.months.enumerated().map { [r.period($0.offset + 1), String($0.element.count), String($0.element.participants)] }
            rows.append(["合计", String(r.total.count), String(r.total.participants)])
            b += chart(svg, table(["月份", "活动", "人次"], rows, numeric: [1, 2]))
        }
        if r.hasPlan {
            b += "<h2>规则完成情况</h2>\n<p class=meta>完成率 = 达标 ÷ 到期（到期 = 达标 + 未达标）。</p>\n"
            let chartedRules = r.rules.prefix(StatsHTMLReporter.maxChartRows)
            let svg = StatsSVG.percentBars(title: "各规则完成率", labels: chartedRules.map(\.id), perMille: chartedRules.map(\.completion.perMille))
            var rows = r.rules.map { x -> [String] in
                let c = x.completion
                return [x.id, x.title, String(c.checks), String(c.due), String(c.met), String(c.missed), c.percent]
            }
            let t = r.planTotal
            rows.append(["合计", "", String(t.checks), String(t.due), String(t.met), String(t.missed), t.percent])
            b += chart(svg, table(["规则", "标题", "检查", "到期", "达标", "未达标", "完成率%"], rows, numeric: [2, 3, 4, 5, 6], keepLast: true))
            b += "<h2>单位完成情况</h2>\n"
            let urows = r.unitRanks.map { x -> [String] in
                let c = x.completion
                return [x.rank.map(String.init) ?? "-", x.org, x.kind, String(c.checks), String(c.due), String(c.met), String(c.missed), c.percent]
            }
            b += table(["名次", "单位", "类别", "检查", "到期", "达标", "未达标", "完成率%"], urows, numeric: [0, 3, 4, 5, 6, 7])
            if !r.problems.isEmpty {
                b += "<h2>未达标和滞后事项</h2>\n"
                let prow = r.problems.map { f in [f.status.label(.zh), f.rule, f.title, f.org, f.person, f.period, String(f.required), String(f.actual)] }
                b += table(["状态", "规则", "标题", "单位", "人员", "周期", "要求", "实际"], prow, numeric: [6, 7],
                           classes: r.problems.map { $0.status.rawValue })
            }
        }
        if !r.types.isEmpty {
            b += "<h2>按活动类型</h2>\n"
            b += table(["活动类型", "活动", "人次"], r.types.map { [$0.name, String($0.total.count), String($0.total.participants)] }, numeric: [1, 2])
        }
        b += "<h2>数据质量</h2>\n"
        b += table(["类别", "单位", "期间", "数量", "说明"], StatsCSVReporter.rows(.health, r), numeric: [3])
        if !r.notes.isEmpty { b += "<ul>\n" + r.notes.map { "<li>注意：\(e($0))</li>" }.joined(separator: "\n") + "\n</ul>\n" }
        return HTML.page(title: "plancheck \(r.year) 年度活动统计", body: b)
    }

    /// Writes the page.
    public static func write(_ r: StatsReport, to sink: OutputSink) { sink.write(page(r)) }
}
