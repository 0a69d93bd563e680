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
    public static func page(_ r: StatsReport, lang L: Lang = .zh) -> String {
        func label(_ id: String) -> String { Messages.text(id, L) }
        var b = "<style>figure { margin: 0.5em 0; } h2 { margin-top: 1.5em; border-bottom: 1px solid #ddd; } p.meta { color: #555; font-size: 13px; } .summary p { line-height: 1.7; max-width: 60em; }</style>\n"
        b += "<h1>" + e(Messages.text("stats.html.heading", L, r.year, HTMLCheckReporter.date(r.asOf, L))) + "</h1>\n"
        b += "<p class=meta>"
        if r.hasPlan { b += e(Messages.text("stats.html.plans", L, r.planPaths.joined(separator: Messages.text("review.list", L)))) + "<br>" }
        b += e(Messages.text("stats.html.rosters", L, r.rosterPaths.isEmpty ? Messages.text("stats.html.none", L) : r.rosterPaths.joined(separator: Messages.text("review.list", L)))) + "<br>"
        b += e(Messages.text("stats.html.records", L, r.files.joined(separator: Messages.text("review.list", L)))) + " · plancheck \(PlanCheckCLI.version)</p>\n"
        b += "<h2>\(e(Messages.text("stats.html.summary", L)))</h2>\n<div class=summary>\n" + StatsTextReporter.summary(r, lang: L).map { "<p>\(e($0))</p>" }.joined(separator: "\n") + "\n</div>\n"
        let monthLabels = (0..<r.lastMonth).map { Messages.text("stats.month", L, $0 + 1, StatsTextReporter.enMonths[$0]) }
        if r.lastMonth > 0 && !r.units.isEmpty {
            b += "<h2>\(e(Messages.text("stats.html.heatmap", L)))</h2>\n<p class=meta>\(e(Messages.text("stats.html.heatmapNote", L)))</p>\n"
            // The chart shows the first units only (its table and the CSV have them all).
            let charted = r.units.prefix(StatsHTMLReporter.maxChartRows)
            let svg = StatsSVG.heatmap(title: Messages.text("stats.html.heatmap", L), rows: charted.map(\.name), columns: monthLabels,
                                       values: charted.map { $0.months.map(\.count) })
            var rows = r.units.map { [$0.name] + $0.months.map { String($0.count) } + [String($0.total.count)] }
            rows.append([label("stats.total")] + r.months.map { String($0.count) } + [String(r.total.count)])
            b += chart(svg, table([label("stats.col.unit")] + monthLabels + [label("stats.total")], rows, numeric: Set(1...(r.lastMonth + 1)), keepLast: true))
        }
        if r.lastMonth > 0 {
            b += "<h2>\(e(Messages.text("stats.html.trend", L)))</h2>\n"
            let svg = StatsSVG.trend(title: Messages.text("stats.html.trendChart", L), labels: monthLabels, bars: r.months.map(\.count),
                                     line: r.months.map(\.participants), barName: Messages.text("stats.html.bars", L), lineName: Messages.text("stats.html.line", L))
            var rows = r.months.enumerated().map { [monthLabels[$0.offset], String($0.element.count), String($0.element.participants)] }
            rows.append([label("stats.total"), String(r.total.count), String(r.total.participants)])
            b += chart(svg, table([label("stats.col.month"), label("stats.col.activities"), label("stats.col.participants")], rows, numeric: [1, 2]))
        }
        if r.hasPlan {
            b += "<h2>\(e(Messages.text("stats.section.rules", L)))</h2>\n<p class=meta>\(e(Messages.text("stats.html.rulesNote", L)))</p>\n"
            let chartedRules = r.rules.prefix(StatsHTMLReporter.maxChartRows)
            let svg = StatsSVG.percentBars(title: Messages.text("stats.html.rulesChart", L), labels: chartedRules.map(\.id), perMille: chartedRules.map(\.completion.perMille))
            var rows = r.rules.map { x -> [String] in
                let c = x.completion
                return [x.id, x.title, String(c.checks), String(c.due), String(c.met), String(c.missed), c.percent]
            }
            let t = r.planTotal
            rows.append([Messages.text("stats.total", L), "", String(t.checks), String(t.due), String(t.met), String(t.missed), t.percent])
            b += chart(svg, table(["stats.col.rule", "stats.col.title", "stats.col.checks", "stats.col.due", "stats.col.met", "stats.col.missed", "stats.col.percent"].map(label), rows, numeric: [2, 3, 4, 5, 6], keepLast: true))
            b += "<h2>\(e(Messages.text("stats.section.units", L)))</h2>\n"
            let urows = r.unitRanks.map { x -> [String] in
                let c = x.completion
                return [x.rank.map(String.init) ?? "-", x.org, x.kind, String(c.checks), String(c.due), String(c.met), String(c.missed), c.percent]
            }
            b += table(["stats.col.rank", "stats.col.unit", "stats.col.kind", "stats.col.checks", "stats.col.due", "stats.col.met", "stats.col.missed", "stats.col.percent"].map(label), urows, numeric: [0, 3, 4, 5, 6, 7])
            if !r.problems.isEmpty {
                b += "<h2>\(e(Messages.text("stats.html.problems", L)))</h2>\n"
                let prow = r.problems.map { f in [f.status.label(L), f.rule, f.title, f.org, f.person, HTMLCheckReporter.periodName(f.period, L), String(f.required), String(f.actual)] }
                b += table(["stats.col.status", "stats.col.rule", "stats.col.title", "stats.col.unit", "stats.col.person", "stats.col.period", "stats.col.required", "stats.col.actual"].map(label), prow, numeric: [6, 7],
                           classes: r.problems.map { $0.status.rawValue })
            }
        }
        if !r.types.isEmpty {
            b += "<h2>\(e(Messages.text("stats.section.byType", L)))</h2>\n"
            b += table([label("stats.col.type"), label("stats.col.activities"), label("stats.col.participants")], r.types.map { [$0.name, String($0.total.count), String($0.total.participants)] }, numeric: [1, 2])
        }
        b += "<h2>\(e(Messages.text("stats.html.health", L)))</h2>\n"
        b += table(["stats.col.healthKind", "stats.col.unit", "stats.col.healthPeriod", "stats.col.count", "stats.col.detail"].map(label), healthRows(r, L), numeric: [3])
        if !r.notes.isEmpty { b += "<ul>\n" + r.notes.map { "<li>\(e(Messages.text("stats.note", L, $0)))</li>" }.joined(separator: "\n") + "\n</ul>\n" }
        return HTML.page(title: "plancheck " + Messages.text("stats.html.pageTitle", L, r.year), body: b)
    }

    /// Writes the page.
    public static func write(_ r: StatsReport, to sink: OutputSink, lang: Lang = .zh) { sink.write(page(r, lang: lang)) }

    /// The health table for people: each kind in words (the CSV keeps the codes for machines), a
    /// rejection's reason in words too.
    static func healthRows(_ r: StatsReport, _ L: Lang) -> [[String]] {
        StatsCSVReporter.rows(.health, r).map { row in
            var row = row
            if row[0] == "rejected" { row[4] = Rejection.kindLabel(row[4], L) }
            // 2022-01..2022-03 → 1—3月, as the summary says it.
            let months = row[2].components(separatedBy: "..").compactMap { p -> Int? in
                p.count == 7 && p.hasPrefix("\(r.year)-") ? Int(p.suffix(2)) : nil
            }
            let w = StatsTextReporter.Words(zh: L == .zh)
            if months.count == 1 { row[2] = w.month(months[0]) } else if months.count == 2 { row[2] = w.run(months[0], months[1]) }
            let id = "stats.health." + row[0]
            row[0] = Messages.format(id, L, [])
            return row
        }
    }
}
