/// The check report for people: grouped by unit, aligned by display width, with what is still
/// needed and by when.
public enum TextCheckReporter: CheckReporter {
    public static let format = "text"

    static func colour(_ s: String, _ st: Status, _ on: Bool) -> String {
        guard on else { return s }
        let code: String
        switch st {
        case .met: code = "32"
        case .missed: code = "31;1"
        case .atRisk: code = "33;1"
        case .warning: code = "35"
        case .onTrack, .upcoming: code = "36"
        }
        return "\u{1B}[\(code)m\(s)\u{1B}[0m"
    }

    public static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions) {
        var out = ""
        var wroteAny = false
        /// Writes what is buffered (per unit group: a province's report is never one huge string).
        func flush() {
            if o.quiet && !wroteAny { while out.hasPrefix("\n") { out.removeFirst() } }
            if out.isEmpty { return }
            sink.write(out)
            wroteAny = true
            out = ""
        }
        let L = o.lang
        let shown = o.quiet ? FindingList(r.findings.filter { $0.status.isProblem }) : r.findings   // a copy only when quiet (few)
        if !o.quiet {
            out += Messages.text("report.header", L, PlanCheckCLI.version, r.year, r.asOf.iso)
            if let org = r.org { out += Messages.text("report.headerOrg", L, org) }
            out += "\n" + Messages.text("report.plans", L, r.planPaths.joined(separator: ", ")) + "\n"
            out += Messages.text("report.rosters", L, r.rosterPaths.isEmpty ? Messages.text("report.none", L) : r.rosterPaths.joined(separator: ", ")) + "\n"
        }
        if !o.quiet || r.read.rejected > 0 {
            out += Messages.text("report.records", L, r.read.files.count, r.read.rowsRead, r.read.accepted, r.read.rejected)
            if !r.read.rejectionCounts.isEmpty {
                out += Messages.text("report.paren", L, r.read.rejectionCounts.sorted { $0.key < $1.key }
                    .map { "\(Rejection.kindLabel($0.key, L)) \($0.value)" }.joined(separator: Messages.text("report.listSep", L)))
            }
            out += "\n"
            // Which files were read (those of a folder that were not are in the notes).
            if !o.quiet && !r.read.files.isEmpty { out += Messages.text("report.filesRead", L, r.filesRead(lang: L)) + "\n" }
            for x in r.read.rejections.prefix(20) { out += Messages.text("report.rejectedRow", L, x.location, x.message(L)) + "\n" }
            if r.read.rejected > min(20, r.read.rejections.count) {
                // A self-review lists only the rejected rows of its own units.
                out += Messages.text(r.org != nil && r.read.rejections.count <= 20 ? "report.otherUnitsRejected" : "report.moreRejected", L,
                                     r.read.rejected - min(20, r.read.rejections.count)) + "\n"
            }
        }
        if r.read.cellWarningCount > 0 {
            for x in r.read.cellWarnings.prefix(20) { out += Messages.text("cells.warning", L, x.location, x.message(L)) + "\n" }
            if r.read.cellWarningCount > min(20, r.read.cellWarnings.count) {
                out += Messages.text("cells.more", L, r.read.cellWarningCount - min(20, r.read.cellWarnings.count)) + "\n"
            }
        }
        // Group rule findings by unit (persons under their unit), in unit order.
        var groups: [String: [Int]] = [:]   // org → indexes into `shown`
        for (i, f) in shown.enumerated() where f.checker != QualityChecker.identifier { groups[f.org, default: []].append(i) }
        var order = r.unitOrder.map(\.name)
        if groups["*"] != nil { order.insert("*", at: 0) }
        let known = Set(order)
        for k in groups.keys.sorted() where !known.contains(k) { order.append(k) }
        let kinds = Dictionary(r.unitOrder.map { ($0.name, $0.kind) }, uniquingKeysWith: { a, _ in a })
        for name in order {
            flush()
            guard let idx = groups[name], !idx.isEmpty else { continue }
            let fs = idx.map { shown[$0] }
            out += "\n" + (name == "*" ? Messages.text("report.allUnits", L)
                : name + Messages.text("report.paren", L, kinds[name] ?? Messages.text("report.notInRoster", L))) + "\n"
            var rows: [[String]] = [["  " + Messages.text("report.col.status", L), Messages.text("report.col.rule", L), Messages.text("report.col.title", L),
                                     Messages.text("report.col.person", L), Messages.text("report.col.period", L), Messages.text("report.col.required", L),
                                     Messages.text("report.col.actual", L), Messages.text("report.col.shortfall", L), Messages.text("report.col.advice", L)]]
            var statuses: [Status?] = [nil]
            // A rule with several periods: its met periods fold into one line (CSV/JSON keep them all).
            // Periods and met periods per rule and person, counted once (a group can hold many rules).
            struct Fold { var periods = 0; var met = 0; var firstMet = ""; var lastMet = ""; var shown = false }
            struct FoldKey: Hashable { var rule: String; var person: String }
            var foldIndex: [FoldKey: Int] = [:]
            var folds: [Fold] = []
            var foldOf: [Int] = []   // per finding of the group, its fold
            foldOf.reserveCapacity(fs.count)
            let statusOf = fs.map(\.status)
            for (i, f) in fs.enumerated() {
                let k = FoldKey(rule: f.rule, person: f.person)
                let x: Int
                if let j = foldIndex[k] { x = j } else { x = folds.count; foldIndex[k] = x; folds.append(Fold()) }
                foldOf.append(x)
                folds[x].periods += 1
                if statusOf[i] == .met {
                    if folds[x].met == 0 { folds[x].firstMet = f.period }
                    folds[x].met += 1
                    folds[x].lastMet = f.period
                }
            }
            for (i, f) in fs.enumerated() {
                let fold = folds[foldOf[i]]
                if !o.evidence && fold.periods > 1 && fold.met > 1 && statusOf[i] == .met {
                    if fold.shown { continue }
                    folds[foldOf[i]].shown = true
                    let all = fold.met == fold.periods
                    let span = all ? PeriodSlot.span(fold.firstMet, fold.lastMet, L) : Messages.text("report.foldOthers", L)
                    rows.append(["  " + Status.met.label(L), f.rule, f.title, f.person, span, String(f.required), "", "",
                                 all ? Messages.text("report.foldAll", L, fold.periods) : Messages.text("report.foldSome", L, fold.met, fold.periods)])
                    statuses.append(.met)
                    continue
                }
                rows.append(["  " + f.status.label(L), f.rule, f.title, f.person, f.slot.name(L), String(f.required), String(f.actual),
                             String(f.shortfall), f.advice(asOf: r.asOf, lang: L)])
                statuses.append(f.status)
                if o.evidence && f.evidenceCount > 0 {
                    if r.evidenceRecords.isEmpty {
                        rows.append(["", "", "", "", "", "", "", "", Messages.text("report.counted", L, f.evidence.joined(separator: " "))
                                     + (f.evidenceCount > f.evidence.count ? Messages.text("report.countedMore", L, f.evidenceCount) : "")])
                        statuses.append(nil)
                    } else {
                        // One counted record a line: date and title, where it is at the end.
                        let lines = f.evidenceLines(r.evidenceRecords, lang: L)
                        for (k, line) in lines.enumerated() {
                            let last = k == lines.count - 1 && f.evidenceCount > lines.count
                            rows.append(["", "", "", "", "", "", "", "", (k == 0 ? Messages.text("report.counted", L, line) : Messages.text("report.countedNext", L, line))
                                         + (last ? Messages.text("report.countedMore", L, f.evidenceCount) : "")])
                            statuses.append(nil)
                        }
                    }
                }
            }
            for (i, line) in DisplayWidth.tableLines(rows, rightAligned: [5, 6, 7]).enumerated() {
                if let st = statuses[i], o.colour {
                    let word = st.label(L)
                    out += line.replacingAll("  " + word, with: "  " + colour(word, st, true))
                } else {
                    out += line
                }
                out += "\n"
            }
        }
        let quality = shown.filter { $0.checker == QualityChecker.identifier }
        if !quality.isEmpty {
            out += "\n" + Messages.text("report.quality", L) + "\n"
            var rows: [[String]] = []
            for f in quality {
                let word = Status.warning.label(L)
                rows.append(["  " + (o.colour ? colour(word, .warning, true) : word), f.title(L), f.note(L)])
                if !f.evidence.isEmpty {
                    rows.append(["", "", Messages.text("report.see", L, f.evidence.prefix(3).joined(separator: " ") + (f.evidenceCount > min(3, f.evidence.count) ? " …" : ""))])
                }
            }
            out += DisplayWidth.table(rows)
        }
        // Quiet and something was said: the summary line still ends it (what cron mails); quiet
        // and all well: nothing at all.
        if !o.quiet || wroteAny || !out.isEmpty {
            let c = r.statusCounts
            let ruleCount = r.ruleFindings.count
            out += "\n" + Messages.text("report.total", L, ruleCount, c[.met] ?? 0, c[.missed] ?? 0, c[.atRisk] ?? 0,
                                         c[.onTrack] ?? 0, c[.upcoming] ?? 0, c[.warning] ?? 0) + "\n"
        }
        if !o.quiet {
            for n in r.notes { out += Messages.text("report.note", L, n) + "\n" }
        }
        flush()
    }
}
