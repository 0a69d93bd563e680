/// The audit report an office files: one self-contained HTML page (no scripts, no external
/// resources) laid out for A4 paper.
///
/// First the title the office sets (`--title`), then one page of overview: rules per unit by
/// status, shortfall units first, and every shortfall; then a section per unit (shortfalls first,
/// a rule's periods on one line, a person's rules under the person), data quality, and the rules
/// with their clauses once, in a table at the end. Provenance (version, files) is a footer line.
public enum HTMLCheckReporter: CheckReporter {
    public static let format = "html"

    /// One rule for one unit or person: its periods' findings, in period order.
    struct Line {
        let info: RuleInfo
        let person: String
        var findings: [Finding]
        /// The line's status: its worst period's (missed, at-risk, on-track, upcoming, met).
        var status: Status { findings.map(\.status).min { rank($0) < rank($1) } ?? .met }
    }

    /// A unit's lines: its own rules, then each person's.
    struct UnitGroup {
        let name: String
        let kind: String?
        var lines: [Line] = []
        var people: [(name: String, lines: [Line])] = []
        var all: [Line] { lines + people.flatMap(\.lines) }
    }

    /// Report order of statuses: the worst first.
    static func rank(_ s: Status) -> Int {
        switch s {
        case .missed: return 0
        case .atRisk: return 1
        case .warning: return 2
        case .onTrack: return 3
        case .upcoming: return 4
        case .met: return 5
        }
    }

    /// The findings grouped per unit (report order, the all-units group first), person and rule.
    static func groups(_ r: CheckReport) -> [UnitGroup] {
        var byUnit: [String: UnitGroup] = [:]
        var lineIndex: [String: (person: Int, line: Int)] = [:]   // org \u{1} person \u{1} rule → where
        let kinds = Dictionary(r.unitOrder.map { ($0.name, $0.kind) }, uniquingKeysWith: { a, _ in a })
        var seen: [String] = []
        for f in r.ruleFindings {
            let org = f.org, person = f.person
            if byUnit[org] == nil { byUnit[org] = UnitGroup(name: org, kind: kinds[org]); seen.append(org) }
            let key = org + "\u{1}" + person + "\u{1}" + f.rule
            if let at = lineIndex[key] {
                if at.person < 0 { byUnit[org]!.lines[at.line].findings.append(f) }
                else { byUnit[org]!.people[at.person].lines[at.line].findings.append(f) }
                continue
            }
            let line = Line(info: f.info, person: person, findings: [f])
            if person.isEmpty {
                lineIndex[key] = (-1, byUnit[org]!.lines.count)
                byUnit[org]!.lines.append(line)
            } else {
                var p = byUnit[org]!.people.firstIndex { $0.name == person } ?? -1
                if p < 0 { p = byUnit[org]!.people.count; byUnit[org]!.people.append((person, [])) }
                lineIndex[key] = (p, byUnit[org]!.people[p].lines.count)
                byUnit[org]!.people[p].lines.append(line)
            }
        }
        var order = r.unitOrder.map(\.name).filter { byUnit[$0] != nil }
        if byUnit["*"] != nil { order.insert("*", at: 0) }
        let known = Set(order)
        order += seen.filter { !known.contains($0) }
        return order.map { byUnit[$0]! }
    }

    // MARK: words

    /// A day as offices write it: 2022年12月31日.
    static func date(_ d: Day, _ L: Lang) -> String {
        let c = d.components
        return L == .zh ? Messages.text("audit.date", L, c.year, c.month, c.day) : d.iso
    }

    /// The period kind of a label (see ``PeriodSlot/kind(of:)``).
    static func kind(_ label: String) -> PeriodKind? { PeriodSlot.kind(of: label) }

    /// A period in words: 全年, 上半年, 第三季度, 8月, 第12周, or a window's name (see ``PeriodSlot/words(_:_:)``).
    static func periodName(_ label: String, _ L: Lang) -> String { PeriodSlot.words(label, L) }

    /// The word for one period of a kind (季度, 月, 周 …).
    static func periodWord(_ k: PeriodKind?, _ L: Lang) -> String {
        switch k {
        case .year?: return Messages.text("audit.period.year", L)
        case .half?: return Messages.text("audit.period.half", L)
        case .quarter?: return Messages.text("audit.period.quarter", L)
        case .month?: return Messages.text("audit.period.month", L)
        case .week?: return Messages.text("audit.period.week", L)
        case nil: return Messages.text("audit.period.window", L)
        }
    }

    /// What a rule requires, in words: 全年 12 次, 每季度 1 次, 7月1日前 1 次, 年初、年中、年末各 1 次.
    static func requirement(_ line: Line, _ L: Lang) -> String {
        guard let f = line.findings.first else { return "" }
        let measure = Finding.measureText(f.measure, L)
        let k = kind(f.period)
        if line.findings.count == 1 {
            if k == .year && !(f.due.components.month == 12 && f.due.components.day == 31) {
                return Messages.text("audit.byDay", L, ReviewText.monthDay(f.due, L), Messages.text("audit.times", L, f.required, measure))
            }
            return Messages.text("audit.inPeriod", L, periodName(f.period, L), Messages.text("audit.times", L, f.required, measure))
        }
        if k == nil {
            let names = line.findings.map(\.period).joined(separator: Messages.text("audit.listSep", L))
            return Messages.text("audit.perWindow", L, names, f.required, measure)
        }
        return Messages.text("audit.every", L, periodWord(k, L), f.required, measure)
    }

    /// A single period's note: what is short and by when, in office dates (the year is the report's,
    /// so a day of that year is written 9月30日).
    static func advice(_ f: Finding, asOf: Day, _ L: Lang) -> String {
        let measure = Finding.measureText(f.measure, L)
        func day(_ d: Day) -> String { d.year == asOf.year && L == .zh ? ReviewText.monthDay(d, L) : date(d, L) }
        switch f.status {
        case .met, .warning: return ""
        case .missed: return Messages.text("audit.missedAdvice", L, f.shortfall, measure, day(f.due))
        case .atRisk, .onTrack: return Messages.text("audit.pendingAdvice", L, f.shortfall, measure, day(f.due), asOf.days(to: f.due) + 1)
        case .upcoming: return Messages.text("audit.upcomingAdvice", L, day(f.start))
        }
    }

    /// Several periods of one rule on one line: "52 周中 49 周达标；未达标：第 12、30、41 周".
    static func periodsNote(_ line: Line, _ L: Lang) -> String {
        let fs = line.findings
        let k = kind(fs[0].period)
        let word = periodWord(k, L)
        let met = fs.filter { $0.status == .met }.count
        let weeks = k == .week && L == .zh
        var parts: [String] = []
        if met == fs.count {
            return Messages.text(weeks ? "audit.allMetWeeks" : "audit.allMet", L, fs.count, met, word)
        }
        if fs.allSatisfy({ $0.status == .missed }) {
            return Messages.text(weeks ? "audit.noneMetWeeks" : "audit.noneMet", L, fs.count, 0, word)
        }
        parts.append(Messages.text(weeks ? "audit.someMetWeeks" : "audit.someMet", L, fs.count, met, word))
        for st in [Status.missed, .atRisk, .onTrack] {
            let these = fs.filter { $0.status == st }
            if these.isEmpty { continue }
            let list: String
            if k == .week {
                let numbers = these.map { String(Int($0.period.dropFirst(6)) ?? 0) }.joined(separator: Messages.text("audit.listSep", L))
                list = Messages.text("audit.weeksN", L, numbers)
            } else {
                list = these.map { periodName($0.period, L) }.joined(separator: Messages.text("audit.listSep", L))
            }
            parts.append(Messages.text("audit.listed", L, st.label(L), list))
        }
        let upcoming = fs.filter { $0.status == .upcoming }.count
        if upcoming > 0 { parts.append(Messages.text(weeks ? "audit.notStartedWeeks" : "audit.notStarted", L, upcoming, word)) }
        return parts.joined(separator: Messages.text("audit.partSep", L))
    }

    /// The default title: the office (the `--org` unit, else the roster's first unit) and the year.
    static func defaultTitle(_ r: CheckReport, _ L: Lang) -> String {
        let unit = r.org ?? (r.rosterPaths.isEmpty ? nil : r.unitOrder.first?.name)
        return Messages.text("audit.defaultTitle", L, unit.map { Messages.text("audit.defaultTitleUnit", L, $0) } ?? "", r.year)
    }

    // MARK: page

    public static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions) {
        let L = o.lang
        let e = HTML.escape
        let groups = groups(r)
        let title = o.title ?? defaultTitle(r, L)
        func t(_ id: String, _ args: Any...) -> String { e(Messages.format(id, L, args)) }
        func unitName(_ g: UnitGroup) -> String { g.name == "*" ? Messages.text("report.allUnits", L) : g.name }

        var b = "<header>\n<h1>\(e(title))</h1>\n<p class=meta>"
        let ruleCount = Set(r.ruleFindings.map(\.rule)).count
        var meta = [Messages.text("audit.asOf", L, date(r.asOf, L)),
                    Messages.text("audit.scope", L, groups.filter { $0.name != "*" }.count, ruleCount)]
        meta.append(r.read.rejected > 0 ? Messages.text("audit.records", L, r.read.accepted, r.read.rejected)
                                        : Messages.text("audit.recordsClean", L, r.read.accepted))
        b += meta.map(e).joined(separator: "　") + "</p>\n</header>\n"
        // The review text: what the office pastes into its year-end review.
        let summary = o.summary.isEmpty ? ReviewText.plan(r, lang: L, perRule: false) : o.summary
        if !summary.isEmpty {
            b += "<section class=summary>\n" + summary.map { "<p>\(e($0))</p>" }.joined(separator: "\n") + "\n</section>\n"
        }

        // Overview: rules per unit by status, shortfall units first.
        let shown: [Status] = [.met, .missed, .atRisk, .onTrack, .upcoming].filter { s in
            s == .met || s == .missed || groups.contains { $0.all.contains { $0.status == s } }
        }
        func counts(_ g: UnitGroup) -> [Status: Int] {
            var c: [Status: Int] = [:]
            for l in g.all { c[l.status, default: 0] += 1 }
            return c
        }
        let ranked = groups.enumerated().sorted { a, b in
            let ca = counts(a.element), cb = counts(b.element)
            let ka = (ca[.missed] ?? 0, ca[.atRisk] ?? 0), kb = (cb[.missed] ?? 0, cb[.atRisk] ?? 0)
            if (ka.0 > 0 || ka.1 > 0) != (kb.0 > 0 || kb.1 > 0) { return ka.0 > 0 || ka.1 > 0 }
            if ka != kb { return ka > kb }
            return a.offset < b.offset
        }.map(\.element)
        b += "<section class=keep>\n<h2>\(t("audit.h.overview"))</h2>\n<table class=overview>\n<thead><tr><th>\(t("audit.col.unit"))</th><th>\(t("audit.col.kind"))</th><th class=n>\(t("audit.col.rules"))</th>"
        for s in shown { b += "<th class=n>\(e(s.label(L)))</th>" }
        b += "</tr></thead>\n<tbody>\n"
        var total: [Status: Int] = [:]
        var totalLines = 0
        // Each long table shows at most HTML.maxRows rows and says how many more the CSV report has
        // (a roster of a million units must not make a page of a million rows).
        for (i, g) in ranked.enumerated() {
            let c = counts(g)
            for s in shown { total[s, default: 0] += c[s] ?? 0 }
            totalLines += g.all.count
            if i >= HTML.maxRows {
                if i == HTML.maxRows { b += HTML.moreRow(ranked.count - HTML.maxRows, columns: 3 + shown.count, lang: L) }
                continue
            }
            let problem = (c[.missed] ?? 0) > 0 ? " class=missed" : (c[.atRisk] ?? 0) > 0 ? " class=at-risk" : ""
            b += "<tr\(problem)><td>\(e(unitName(g)))</td><td class=p>\(e(g.kind ?? (g.name == "*" ? "" : Messages.text("report.notInRoster", L))))</td><td class=n>\(g.all.count)</td>"
            for s in shown { b += "<td class=n>\(c[s].map(String.init) ?? "")</td>" }
            b += "</tr>\n"
        }
        b += "<tr class=total><td>\(t("audit.total"))</td><td></td><td class=n>\(totalLines)</td>"
        for s in shown { b += "<td class=n>\(total[s] ?? 0)</td>" }
        b += "</tr>\n</tbody>\n</table>\n</section>\n"

        // Every shortfall, the missed ones first.
        let problems = groups.flatMap { g in g.all.flatMap { l in l.findings.filter { $0.status == .missed || $0.status == .atRisk }.map { (g, $0) } } }
            .enumerated().sorted { (rank($0.element.1.status), $0.offset) < (rank($1.element.1.status), $1.offset) }.map(\.element)
        b += "<section class=keep>\n<h2>\(t("audit.h.shortfalls"))</h2>\n"
        if problems.isEmpty {
            b += "<p>\(t("audit.noShortfalls"))</p>\n"
        } else {
            b += "<table class=shortfalls>\n<thead><tr><th>\(t("audit.col.unit"))</th><th>\(t("audit.col.rule"))</th><th>\(t("audit.col.period"))</th><th class=n>\(t("audit.col.required"))</th><th class=n>\(t("audit.col.actual"))</th><th>\(t("audit.col.status"))</th><th>\(t("audit.col.note"))</th></tr></thead>\n<tbody>\n"
            for (i, (g, f)) in problems.enumerated() {
                if i >= HTML.maxRows { b += HTML.moreRow(problems.count - HTML.maxRows, columns: 7, lang: L); break }
                let who = unitName(g) + (f.person.isEmpty ? "" : " " + f.person)
                b += "<tr class=\(f.status.rawValue)><td>\(e(who))</td><td>\(e(f.title))</td><td class=p>\(e(periodName(f.period, L)))</td><td class=n>\(f.required)</td><td class=n>\(f.actual)</td><td class=s>\(e(f.status.label(L)))</td><td>\(e(advice(f, asOf: r.asOf, L)))</td></tr>\n"
            }
            b += "</tbody>\n</table>\n"
        }
        b += "</section>\n"

        // One section per unit.
        b += "<h2 class=units>\(t("audit.h.units"))</h2>\n"
        let head = "<thead><tr><th>\(t("audit.col.rule"))</th><th>\(t("audit.col.required"))</th><th class=n>\(t("audit.col.actual"))</th><th>\(t("audit.col.status"))</th><th>\(t("audit.col.note"))</th></tr></thead>\n"
        func row(_ l: Line) -> String {
            let st = l.status
            let single = l.findings.count == 1 ? l.findings[0] : nil
            let note = single.map { advice($0, asOf: r.asOf, L) } ?? periodsNote(l, L)
            return "<tr class=\(st.rawValue)><td>\(e(l.info.title)) <span class=id>\(e(l.info.id))</span></td><td class=p>\(e(requirement(l, L)))</td><td class=n>\(single.map { String($0.actual) } ?? "")</td><td class=s>\(e(st.label(L)))</td><td>\(e(note))</td></tr>\n"
        }
        func sorted(_ ls: [Line]) -> [Line] {
            ls.enumerated().sorted { (rank($0.element.status) > 1 ? 1 : 0, $0.offset) < (rank($1.element.status) > 1 ? 1 : 0, $1.offset) }.map(\.element)
        }
        var unitRows = 0
        for (i, g) in ranked.enumerated() {
            if unitRows >= HTML.maxRows {
                let left = ranked[i...].reduce(0) { $0 + $1.all.count }
                b += "<p class=more>\(e(Messages.text("limits.htmlMoreUnits", L, ranked.count - i, left)))</p>\n"
                break
            }
            unitRows += g.all.count + g.people.count
            let c = counts(g)
            let tally = shown.compactMap { s in c[s].map { Messages.text("audit.countOf", L, $0, s.label(L)) } }.joined(separator: Messages.text("audit.listSep", L))
            // A short section stays on one page; a long one may break between rows (headers repeat).
            let rows = g.all.count + g.people.count
            b += "<section class=\"unit\(rows <= 12 ? " keep" : "")\">\n<h3>\(e(unitName(g)))\(g.kind.map { e(Messages.text("report.paren", L, $0)) } ?? "") <span class=tally>\(t("audit.unitSummary", g.all.count, tally))</span></h3>\n"
            b += "<table class=rules>\n<colgroup><col class=c-rule><col class=c-req><col class=c-act><col class=c-st><col class=c-note></colgroup>\n" + head + "<tbody>\n"
            for l in sorted(g.lines) { b += row(l) }
            let people = g.people.enumerated().sorted {
                let a = $0.element.lines.map { rank($0.status) }.min() ?? 5, c = $1.element.lines.map { rank($0.status) }.min() ?? 5
                return (a > 1 ? 1 : 0, $0.offset) < (c > 1 ? 1 : 0, $1.offset)
            }.map(\.element)
            for p in people {
                b += "<tr class=person><td colspan=5>\(e(p.name))</td></tr>\n"
                for l in sorted(p.lines) { b += row(l) }
            }
            b += "</tbody>\n</table>\n</section>\n"
        }

        // Data quality: warnings and rows that could not be read.
        let quality = r.qualityFindings
        do {
            b += "<section class=keep>\n<h2>\(t("audit.h.quality"))</h2>\n<table class=quality>\n<thead><tr><th>\(t("audit.col.item"))</th><th>\(t("audit.col.detail"))</th></tr></thead>\n<tbody>\n"
            b += "<tr><td class=p>\(t("report.inputTitle"))</td><td>\(t("audit.readLine", r.read.files.count, r.read.rowsRead, r.read.accepted, r.read.rejected))"
                + (r.read.files.isEmpty ? "" : "<br><span class=id>\(t("report.filesRead", r.filesRead(lang: L)))</span>") + "</td></tr>\n"
            if r.read.rejected > 0 {
                let list = r.read.rejections.prefix(5).map { "\($0.location)：\($0.message(L))" }.joined(separator: "；")
                b += "<tr><td class=p>\(t("audit.rejected", r.read.rejected))</td><td>\(e(list))</td></tr>\n"
            }
            // Files of the input folders that were not read (a branch's old workbook must not vanish from the filed report).
            if !r.notRead.isEmpty {
                let list = r.notRead.map { e("\($0.path)：\($0.message(L))") }.joined(separator: "<br>")
                b += "<tr><td class=p>\(t("folder.auditRow", r.notRead.count))</td><td>\(list)</td></tr>\n"
            }
            if r.read.cellWarningCount > 0 {
                let list = r.read.cellWarnings.prefix(5).map { "\($0.location)：\($0.message(L))" }.joined(separator: "；")
                    + (r.read.cellWarningCount > min(5, r.read.cellWarnings.count) ? " …" : "")
                b += "<tr><td class=p>\(t("cells.audit", r.read.cellWarningCount))</td><td>\(e(list))</td></tr>\n"
            }
            for f in quality {
                let refs = f.evidence.prefix(3).joined(separator: " ")
                b += "<tr><td class=p>\(e(f.title(L)))</td><td>\(e(f.note(L)))\(refs.isEmpty ? "" : "<br><span class=id>\(e(Messages.text("report.see", L, refs)))</span>")</td></tr>\n"
            }
            b += "</tbody>\n</table>\n</section>\n"
        }

        // The rules and their clauses, once.
        var infos: [RuleInfo] = []
        var seenRules = Set<String>()
        var firstLine: [String: Line] = [:]
        for g in groups { for l in g.all where !seenRules.contains(l.info.id) { seenRules.insert(l.info.id); infos.append(l.info); firstLine[l.info.id] = l } }
        infos.sort { $0.id < $1.id }
        b += "<section class=appendix>\n<h2>\(t("audit.h.rules"))</h2>\n<table class=clauses>\n<colgroup><col class=c-id><col class=c-title><col class=c-req><col class=c-src></colgroup>\n<thead><tr><th>\(t("audit.col.id"))</th><th>\(t("audit.col.rule"))</th><th>\(t("audit.col.required"))</th><th>\(t("audit.col.clause"))</th></tr></thead>\n<tbody>\n"
        var previous: RuleInfo? = nil
        for i in infos {
            let req = firstLine[i.id].map { requirement($0, L) } ?? ""
            // Two rules from one sentence: the clause once, then 同上 ("as above").
            let same = previous.map { $0.source == i.source && $0.clause == i.clause } ?? false
            let clause = same ? e(Messages.text("audit.sameAsAbove", L))
                : (i.clause.isEmpty ? "" : "<span class=id>\(e(i.clause))</span> ") + e(i.source)
            b += "<tr><td class=p>\(e(i.id))</td><td>\(e(i.title))</td><td class=p>\(e(req))</td><td class=src>\(clause)</td></tr>\n"
            previous = i
        }
        b += "</tbody>\n</table>\n</section>\n"
        let files = r.read.files.map(\.path)
        let none = Messages.text("report.none", L)
        let plans = r.planPaths.isEmpty ? none : r.planPaths.joined(separator: Messages.text("review.list", L))
        let rosters = r.rosterPaths.isEmpty ? none : r.rosterPaths.joined(separator: Messages.text("review.list", L))
        let records = files.isEmpty ? none : files.joined(separator: Messages.text("review.list", L))
        b += "<footer>" + t("audit.footer", PlanCheckCLI.version, plans, rosters, records) + "</footer>\n"
        sink.write(page(title: title, lang: L, body: b))
    }

    /// The page around the body, with the print style for A4.
    static func page(title: String, lang: Lang, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(lang == .zh ? "zh-CN" : "en")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <style>
        @page { size: A4; margin: 15mm 13mm 15mm 13mm; }
        body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", "Noto Sans CJK SC", "Microsoft YaHei", serif;
               font-size: 10.5pt; line-height: 1.45; color: #000; max-width: 184mm; margin: 0 auto; }
        @media screen { body { margin: 2em auto; padding: 0 1em; } }
        h1 { font-size: 17pt; text-align: center; margin: 0 0 4pt; letter-spacing: 0.5pt; }
        p.meta { text-align: center; font-size: 9.5pt; margin: 0 0 10pt; }
        h2 { font-size: 12.5pt; margin: 12pt 0 4pt; break-after: avoid; page-break-after: avoid; }
        h3 { font-size: 11pt; margin: 9pt 0 3pt; break-after: avoid; page-break-after: avoid; }
        h3 .tally { font-size: 9pt; font-weight: normal; margin-left: 1em; }
        .summary p { text-indent: 2em; margin: 0 0 4pt; text-align: justify; }
        section.keep { break-inside: avoid; page-break-inside: avoid; }
        table { width: 100%; border-collapse: collapse; font-size: 9pt; margin: 2pt 0 6pt; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        th, td { border: 0.5pt solid #777; padding: 1.5pt 4pt; vertical-align: top; text-align: left; }
        th { background: #eee; font-weight: bold; white-space: nowrap; }
        .n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.p, td.s { white-space: nowrap; }
        tr.missed td.s, tr.missed td:first-child { color: #b00000; font-weight: bold; }
        tr.at-risk td.s { color: #9a4a00; font-weight: bold; }
        tr.total td { font-weight: bold; background: #f4f4f4; }
        tr.person td { background: #f4f4f4; font-weight: bold; }
        table.rules col.c-rule { width: 44%; } table.rules col.c-req { width: 15%; } table.rules col.c-act { width: 6%; }
        table.rules col.c-st { width: 7%; } table.rules col.c-note { width: 28%; }
        table.shortfalls td:first-child, table.shortfalls td:last-child { white-space: nowrap; }
        table.clauses col.c-id { width: 8%; } table.clauses col.c-title { width: 21%; } table.clauses col.c-req { width: 12%; }
        td.src { font-size: 8.5pt; }
        .id { color: #555; font-size: 8pt; font-weight: normal; }
        footer { font-size: 8pt; color: #444; margin-top: 10pt; padding-top: 3pt; border-top: 0.5pt solid #999; }
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}

/// HTML helpers shared by the HTML reporters.
public enum HTML {
    /// Most rows an HTML report's long tables show (a page meant for reading and printing: 5,000
    /// rows are about 150 printed pages). The rest are counted in a last row pointing to the CSV
    /// report, which has every row; the page's size stays bounded whatever the roster or plan.
    public static let maxRows = 5_000

    /// The row that says how many rows were left out (spanning `columns` cells).
    static func moreRow(_ n: Int, columns: Int, lang: Lang = .zh) -> String {
        "<tr class=more><td colspan=\(columns)>\(escape(Messages.text("limits.htmlMoreRows", lang, n)))</td></tr>\n"
    }

    /// Escapes text for element content and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A complete page with the shared print-friendly style.
    public static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2em; color: #222; }
        table { border-collapse: collapse; margin: 1em 0; font-size: 13px; }
        th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; }
        th { background: #f3f3f3; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        td.src { max-width: 28em; color: #555; }
        tr.missed td:first-child { color: #b00; font-weight: bold; }
        tr.at-risk td:first-child { color: #b60; font-weight: bold; }
        tr.met td:first-child { color: #070; }
        .chart { display: flex; gap: 2em; align-items: flex-start; flex-wrap: wrap; page-break-inside: avoid; }
        @page { size: A4; margin: 15mm; }
        @media print { body { margin: 0; } }
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
