/// Turns the counts a warehouse wrote (the results of `plancheck sql --emit counts`) back into a
/// ``CheckReport``: the same rules, entities, periods and statuses as a native run, because the
/// engine's own checkers are set up and their tallies filled from the counts. Reporters then
/// write text, CSV, JSON and HTML as usual; the findings cite no records (the engine sent none).
///
/// A counts file is CSV with the header `kind,rule,org,person,period,count,sum`; rows:
/// `cell` (a rule × unit or person × period: records and participants), `input` (rows read in
/// `count`, rejected in `sum`), and the data-quality rows `duplicate`, `unknown-unit`,
/// `outside-year`, `after-as-of` (per unit in `org`) and `uncounted-type` (the type in `rule`).
/// A repeated header line is skipped, so several statements' results may be concatenated; rows of
/// the same cell add up (several files, e.g. shards, may be given).
public enum CountsReport {
    /// Builds the report of `plan` for `roster`, `year` and `asOf` from counts files.
    public static func build(paths: [String], plan: Plan, roster: Roster?, rosterPaths: [String], year: Int, asOf: Day,
                             org: String? = nil, extraNotes: [String] = [], lang: Lang = .zh) throws -> CheckReport {
        let context = CheckContext(year: year, asOf: asOf, roster: roster, evidenceCap: 0)
        let engine = CheckEngine(plan: plan, context: context)
        var tallies: [String: SlotTally] = [:]
        for (i, r) in plan.rules.enumerated() {
            if let t = (engine.checkers[i] as? any TallyChecker)?.tally { tallies[r.id] = t }
        }
        let quality = engine.everyRecord.compactMap { $0 as? QualityChecker }.first
        // Entity and slot indexes per tally, built when first needed.
        var entityIndex: [ObjectIdentifier: [String: Int]] = [:]
        var slotIndex: [ObjectIdentifier: [String: Int]] = [:]
        var rowsRead = 0, rejected = 0
        let columns = SQLCompiler.countsColumns
        for path in paths {
            let table = try TableFile.read(path, options: ReaderOptions())
            let headers = table.headers.map { $0.lowercased() }
            func bad(_ line: Int, _ column: Int, _ reason: String) -> SQLError {
                .badCounts(path: path, line: line, column: column, reason: reason)
            }
            var col: [String: Int] = [:]
            for (i, h) in headers.enumerated() where col[h] == nil { col[h] = i }
            guard columns.allSatisfy({ col[$0] != nil }) else {
                throw bad(table.headerLine, 1, Messages.text("sql.countsHeader", lang, columns.joined(separator: ","), table.shownHeaders.joined(separator: ",")))
            }
            for row in table.rows {
                if row.cells.allSatisfy(\.isEmpty) { continue }
                if row.cells.map({ $0.lowercased() }) == headers { continue }
                guard row.width == headers.count else {
                    throw bad(row.line, 0, Messages.text("sql.countsFields", lang, headers.count, row.width))
                }
                func text(_ c: String) -> String { row.cell(col[c]!) }
                func number(_ c: String) throws -> Int {
                    let s = text(c)
                    if s.isEmpty { return 0 }
                    // At most 18 digits, as a record's participants: sums of them saturate below.
                    guard s.utf8.count <= Limits.countDigits, let n = Int(s), n >= 0 else {
                        throw bad(row.line, col[c]! + 1, Messages.text("sql.countsNumber", lang, s))
                    }
                    return n
                }
                let kind = text("kind")
                let count = try number("count"), sum = try number("sum")
                switch kind {
                case "cell":
                    let ruleID = text("rule")
                    guard let t = tallies[ruleID] else { throw bad(row.line, col["rule"]! + 1, Messages.text("sql.countsRule", lang, ruleID)) }
                    let key = ObjectIdentifier(t)
                    if entityIndex[key] == nil {
                        var d: [String: Int] = [:]
                        t.grow()
                        for e in 0..<t.scope.count { d[t.scope.org(e) + "\u{0}" + t.scope.person(e)] = d[t.scope.org(e) + "\u{0}" + t.scope.person(e)] ?? e }
                        entityIndex[key] = d
                        var s: [String: Int] = [:]
                        for (i, slot) in t.slots.enumerated() { s[slot.label] = i }
                        slotIndex[key] = s
                    }
                    let org = text("org"), person = text("person"), period = text("period")
                    guard let e = entityIndex[key]![org + "\u{0}" + person] else {
                        throw bad(row.line, col["org"]! + 1, Messages.text("sql.countsEntity", lang, ruleID, org, person))
                    }
                    guard let s = slotIndex[key]![period] else {
                        throw bad(row.line, col["period"]! + 1, Messages.text("sql.countsPeriod", lang, ruleID, period))
                    }
                    let k = e * t.slots.count + s
                    // Rows of the same cell add up (shards); saturating, as the engine's own sums.
                    t.cells[k].count = t.cells[k].count.addingSaturating(count)
                    t.cells[k].value = t.cells[k].value.addingSaturating(t.rule.checker == SumChecker.identifier ? sum : count)
                case "input":
                    rowsRead = rowsRead.addingSaturating(count)
                    rejected = rejected.addingSaturating(sum)
                case "duplicate": quality?.restore(.duplicate, org: text("org"), count: count)
                case "unknown-unit": quality?.restore(.unknownUnit, org: text("org"), count: count)
                case "outside-year": quality?.restore(.outsideYear, org: text("org"), count: count)
                case "after-as-of": quality?.restore(.afterAsOf, org: text("org"), count: count)
                case "uncounted-type": quality?.restore(.uncountedType, org: text("rule"), count: count)
                default:
                    throw bad(row.line, col["kind"]! + 1, Messages.text("sql.countsKind", lang, kind,
                        "cell, input, duplicate, unknown-unit, outside-year, after-as-of, uncounted-type"))
                }
            }
        }
        var findings = engine.finish()
        var unitOrder: [(String, String)] = []
        for id in 0..<context.unitCount { unitOrder.append((context.unitName(id), context.kind(of: id) ?? "")) }
        if let org = org {
            let keep = context.subtree(of: org)
            findings = FindingList(findings.filter { keep.contains($0.org) })
        }
        if rejected > rowsRead {
            throw SQLError.badCounts(path: paths.joined(separator: ", "), line: 0, column: 0,
                                     reason: Messages.text("sql.countsRejectedOverRead", lang, rejected, rowsRead))
        }
        var read = ReadSummary()
        var file = FileReadInfo(path: paths.joined(separator: ", "))
        file.rowsRead = rowsRead
        file.accepted = rowsRead - rejected
        read.files = [file]
        if rejected > 0 { read.rejectionCounts[Messages.text("sql.countsRejected", lang)] = rejected }
        return CheckReport(planPaths: plan.paths, rosterPaths: rosterPaths, year: year, asOf: asOf, read: read,
                           findings: findings, notes: extraNotes + engine.notes, org: org, unitOrder: unitOrder)
    }
}
