/// The stats report as text for people: a summary to paste into a year-end review (Chinese by
/// default, English with `--lang en`), then tables aligned by display width.
public enum StatsTextReporter {
    static let enMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    struct Words {
        let zh: Bool
        func callAsFunction(_ zh: String, _ en: String) -> String { self.zh ? zh : en }
        var lang: Lang { zh ? .zh : .en }
        func month(_ m: Int) -> String { Messages.text("stats.month", lang, m, StatsTextReporter.enMonths[m - 1]) }
        func run(_ a: Int, _ b: Int) -> String {
            if a == b { return month(a) }
            return Messages.text("stats.months", lang, a, b, StatsTextReporter.enMonths[a - 1], StatsTextReporter.enMonths[b - 1])
        }
        var listSep: String { zh ? "、" : ", " }
        var clauseSep: String { zh ? "；" : "; " }
        /// `1 record`, `2 records`.
        static func en(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        var end: String { zh ? "。" : "." }
        func paren(_ s: String) -> String { zh ? "（\(s)）" : " (\(s))" }
    }

    /// The summary paragraphs (what the office pastes into its review), without tables: see
    /// ``ReviewText`` for the register.
    public static func summary(_ r: StatsReport, lang L: Lang = .zh) -> [String] {
        let w = Words(zh: L == .zh)
        let end = Messages.text("review.end", L), sep = Messages.text("review.sep", L), list = Messages.text("review.list", L)
        var paras: [String] = []
        // Totals, and the main kinds of activity.
        var s = r.fullYear ? Messages.text("review.totalYear", L, r.year, r.total.count, r.total.participants)
            : Messages.text("review.totalSoFar", L, r.year, ReviewText.monthDay(r.asOf, L), r.total.count, r.total.participants)
        if !r.types.isEmpty {
            let top = r.types.prefix(6)
            var parts = top.map { Messages.text("review.typeCount", L, $0.name, $0.total.count) }
            if r.types.count > top.count {
                parts.append(Messages.text("review.otherTypes", L, r.types.count - top.count, r.types.dropFirst(top.count).reduce(0) { $0 + $1.total.count }))
            }
            s += Messages.text("review.ofWhich", L, parts.joined(separator: list))
        }
        paras.append(s + end)
        // Units, each compared only with units of its own kind; months without activity.
        var kinds: [String] = []
        var byKind: [String: [StatsUnit]] = [:]
        for u in r.units where u.inRoster && !u.kind.isEmpty {
            if byKind[u.kind] == nil { kinds.append(u.kind) }
            byKind[u.kind, default: []].append(u)
        }
        var items: [String] = []
        for k in kinds {
            let us = byKind[k]!
            guard us.count > 1, let maxC = us.map(\.total.count).max(), let minC = us.map(\.total.count).min() else { continue }
            if maxC == minC { items.append(Messages.text("review.kindActivityEqual", L, us.count, k, maxC)); continue }
            let most = ReviewText.capped(us.filter { $0.total.count == maxC }.map(\.name), list, L)
            let least = ReviewText.capped(us.filter { $0.total.count == minC }.map(\.name), list, L)
            items.append(Messages.text("review.kindActivity", L, us.count, k, most, maxC, least, minC))
        }
        let silent = r.silentUnits
        if !silent.isEmpty {
            items.append(Messages.text("review.silent", L, ReviewText.capped(silent.map { u in u.name + w.paren(u.silentRuns.map { w.run($0.from, $0.to) }.joined(separator: list)) }, list, L)))
        }
        if !items.isEmpty { paras.append(items.joined(separator: sep) + end) }
        // The plan.
        if r.hasPlan, let c = r.check { paras += ReviewText.plan(c, lang: L) }
        // Data.
        let h = r.health
        var d = Messages.text("review.data", L, h.rowsRead, h.accepted, h.rejected)
        if h.rejected > 0 {
            d += Messages.text("review.dataRejected", L, h.rejectedByReason.map { Messages.text("review.rejectedReason", L, Rejection.kindLabel($0.reason, L), $0.count) }.joined(separator: list))
        }
        if h.duplicateCount > 0 { d += Messages.text("review.dataDuplicates", L, h.duplicateCount) }
        for u in h.unknownUnits.prefix(ReviewText.namesCap) { d += Messages.text("review.dataUnknown", L, u.org, u.count) }
        if h.unknownUnits.count > ReviewText.namesCap {
            let rest = h.unknownUnits.dropFirst(ReviewText.namesCap)
            d += Messages.text("review.dataUnknownMore", L, rest.count, rest.reduce(0) { $0.addingSaturating($1.count) })
        }
        if h.outsideYear > 0 { d += Messages.text("review.dataOutside", L, h.outsideYear, r.year) }
        if h.afterAsOf > 0 { d += Messages.text("review.dataAfter", L, h.afterAsOf, HTMLCheckReporter.date(r.asOf, L)) }
        if h.missingParticipants > 0 { d += Messages.text("review.dataNoParticipants", L, h.missingParticipants) }
        paras.append(d + end)
        return paras
    }

    /// Writes the header, summary and tables.
    public static func write(_ r: StatsReport, to sink: OutputSink, options o: ReportOptions) {
        let w = Words(zh: o.lang == .zh), L = o.lang
        // The review text first, ready to paste; where the numbers come from after it.
        var out = ""
        for p in summary(r, lang: o.lang) { out += p + "\n" }
        out += ReviewText.footer(planPaths: r.planPaths, rosterPaths: r.rosterPaths, files: r.files, asOf: r.asOf, lang: o.lang) + "\n"
        func section(_ title: String, _ rows: [[String]], right: Set<Int>) {
            out += "\n" + title + "\n" + DisplayWidth.table(rows.map { ["  " + $0[0]] + $0.dropFirst() }, rightAligned: right)
        }
        if r.lastMonth > 0 {
            var rows = [[Messages.text("stats.col.month", L), Messages.text("stats.col.activities", L), Messages.text("stats.col.participants", L)]]
            // Months as the summary and the page say them in Chinese (1月); English keeps 2022-01.
            for (i, c) in r.months.enumerated() {
                rows.append([L == .zh ? Words(zh: true).month(i + 1) : r.period(i + 1), String(c.count), String(c.participants)])
            }
            rows.append([Messages.text("stats.total", L), String(r.total.count), String(r.total.participants)])
            section(Messages.text("stats.section.byMonth", L), rows, right: [1, 2])
        }
        if !r.types.isEmpty {
            var rows = [[Messages.text("stats.col.type", L), Messages.text("stats.col.activities", L), Messages.text("stats.col.participants", L)]]
            for t in r.types { rows.append([t.name, String(t.total.count), String(t.total.participants)]) }
            section(Messages.text("stats.section.byType", L), rows, right: [1, 2])
        }
        if !r.units.isEmpty {
            var rows = [[Messages.text("stats.col.unit", L), Messages.text("stats.col.kind", L), Messages.text("stats.col.activities", L), Messages.text("stats.col.participants", L),
                         Messages.text("stats.col.activeMonths", L), Messages.text("stats.col.silentMonths", L)]]
            for u in r.units {
                rows.append([u.name, u.inRoster ? u.kind : Messages.text("stats.notInRoster", L), String(u.total.count), String(u.total.participants),
                             "\(u.activeMonths)/\(r.lastMonth)", u.silentRuns.map { w.run($0.from, $0.to) }.joined(separator: w.listSep)])
            }
            section(Messages.text("stats.section.byUnit", L), rows, right: [2, 3, 4])
            if r.lastMonth > 0 {
                var pivot = [[Messages.text("stats.col.unit", L)] + (1...r.lastMonth).map { w.month($0) } + [Messages.text("stats.total", L)]]
                for u in r.units { pivot.append([u.name] + u.months.map { String($0.count) } + [String(u.total.count)]) }
                pivot.append([Messages.text("stats.total", L)] + r.months.map { String($0.count) } + [String(r.total.count)])
                section(Messages.text("stats.section.pivot", L), pivot, right: Set(1...(r.lastMonth + 1)))
            }
        }
        if r.hasPlan {
            var rows = [[Messages.text("stats.col.rule", L), Messages.text("stats.col.title", L), Messages.text("stats.col.checks", L), Messages.text("stats.col.due", L), Messages.text("stats.col.met", L),
                         Messages.text("stats.col.missed", L), Messages.text("stats.col.percent", L)]]
            for x in r.rules {
                let c = x.completion
                rows.append([x.id, x.title, String(c.checks), String(c.due), String(c.met), String(c.missed), c.percent])
            }
            let c = r.planTotal
            rows.append([Messages.text("stats.total", L), "", String(c.checks), String(c.due), String(c.met), String(c.missed), c.percent])
            section(Messages.text("stats.section.rules", L), rows, right: [2, 3, 4, 5, 6])
            var units = [[Messages.text("stats.col.rank", L), Messages.text("stats.col.unit", L), Messages.text("stats.col.checks", L), Messages.text("stats.col.due", L), Messages.text("stats.col.met", L),
                          Messages.text("stats.col.missed", L), Messages.text("stats.col.percent", L)]]
            for x in r.unitRanks {
                let c = x.completion
                units.append([x.rank.map(String.init) ?? "-", x.org, String(c.checks), String(c.due), String(c.met), String(c.missed), c.percent])
            }
            section(Messages.text("stats.section.units", L), units, right: [0, 2, 3, 4, 5, 6])
        }
        for n in r.notes { out += "\n" + Messages.text("stats.note", L, n) }
        if !r.notes.isEmpty { out += "\n" }
        sink.write(out)
    }
}
