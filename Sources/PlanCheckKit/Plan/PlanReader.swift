/// Reads plan files (CSV, one rule per row; English or Chinese headers; UTF-8 or GB18030) and
/// reports every problem at once with its line and column.
public enum PlanReader {
    /// Columns every plan needs.
    public static let requiredColumns: [PlanColumn] = [.id, .checker, .types, .threshold, .scope, .source]

    /// Reads and validates `paths`; throws ``PlanError/invalid(problems:)`` listing every problem.
    public static func read(_ paths: [String], roster: Roster? = nil, options: ReaderOptions = ReaderOptions(), lang: Lang = .zh) throws -> Plan {
        let (plan, problems) = try validate(paths, roster: roster, options: options, lang: lang)
        if !problems.isEmpty { throw PlanError.invalid(problems: problems) }
        return plan
    }

    /// Reads `paths` and returns the rules that are valid plus every problem found. Problems with a
    /// "did you mean" (checker, period, column names) are said in `lang`.
    public static func validate(_ paths: [String], roster: Roster? = nil, options: ReaderOptions = ReaderOptions(), lang: Lang = .zh) throws -> (Plan, [PlanProblem]) {
        var rules: [Rule] = []
        var problems: [PlanProblem] = []
        var ids: [String: String] = [:]
        var year: Int? = nil
        var unexpressible = 0
        for path in paths {
            if year == nil { year = yearInName(path) }
            let table = try TableFile.read(path, options: options)
            let m = HeaderNames.map(table.headers, fields: PlanColumn.allCases) { $0.aliases }
            let missing = requiredColumns.filter { m.columns[$0] == nil }
            let headerHints = columnHints(table.headers, mapped: m, lang: lang)
            if !missing.isEmpty {
                let sep = lang == .zh ? "、" : ", "
                problems.append(PlanProblem(file: table.name, line: table.headerLine, column: 1,
                    message: Messages.text("hint.missingColumns", lang, missing.map(\.rawValue).joined(separator: sep),
                                           table.shownHeaders.joined(separator: sep), requiredColumns.map(\.rawValue).joined(separator: sep),
                                           missing.compactMap { headerHints[$0] }.joined())))
                continue
            }
            for row in table.rows {
                if row.cells.allSatisfy(\.isEmpty) { continue }
                if row.width != table.headers.count {
                    // Column: the first field past the header's, or the first missing one.
                    problems.append(PlanProblem(file: table.name, line: row.line, column: min(row.width, table.headers.count) + 1,
                        message: Messages.text("plan.fieldCount", lang, table.headers.count, row.width)))
                    continue
                }
                // A draft's 无法表达 rows only record a clause; cells marked 待确认 are named, not parsed.
                if DraftMarker.isUnexpressibleRow(row.cells, checkerColumn: m.columns[.checker]) { unexpressible += 1; continue }
                let unconfirmed = DraftMarker.unconfirmed(row.cells, columns: m.columns)
                for (c, index, proposal) in unconfirmed {
                    problems.append(PlanProblem(file: table.name, line: row.line, column: index + 1, message: DraftMarker.message(c, proposal, line: row.line, column: index + 1, lang: lang)))
                }
                var bad = !unconfirmed.isEmpty
                func problem(_ c: PlanColumn, _ msg: String) {
                    if unconfirmed.contains(where: { $0.0 == c }) { return }
                    bad = true
                    problems.append(PlanProblem(file: table.name, line: row.line, column: (m.columns[c] ?? -1) + 1, message: msg))
                }
                func cell(_ c: PlanColumn) -> String { m.columns[c].map { row.cell($0) } ?? "" }

                let id = cell(.id)
                if id.isEmpty { problem(.id, Messages.text("plan.idEmpty", lang)) }
                else if let other = ids[id] { problem(.id, Messages.text("plan.idRepeated", lang, id, other)) }
                else { ids[id] = "\(table.name):\(row.line)" }

                let checkerText = cell(.checker)
                let checker = CheckerRegistry.planChecker(checkerText)
                let checkerName = checker?.identifier ?? checkerText
                if checker == nil {
                    problem(.checker, Messages.text("hint.unknownChecker", lang, checkerText,
                        CheckerRegistry.planCheckers.map { lang == .zh ? "\($0.chineseName)（\($0.identifier)）" : "\($0.identifier) (\($0.chineseName))" }
                            .joined(separator: lang == .zh ? "、" : ", "),
                        didYouMean(checkerText, among: CheckerRegistry.planCheckers.flatMap { [$0.identifier, $0.chineseName] }, lang: lang)))
                }
                let types = cell(.types).splitList()
                if types.isEmpty { problem(.types, Messages.text("plan.typesEmpty", lang)) }
                let thresholdText = cell(.threshold)
                // ChineseNumber reads 12, full-width １２ and 十二 alike (records already did); the
                // range keeps a pro-rata pace (threshold × days gone) far from overflow.
                let threshold = ChineseNumber.parse(thresholdText) ?? 0
                if !Limits.threshold.contains(threshold) {
                    problem(.threshold, Messages.text("limits.threshold", lang, thresholdText, Limits.threshold.lowerBound, Limits.threshold.upperBound))
                }
                var period = PeriodKind.year
                let periodText = cell(.period)
                if !periodText.isEmpty {
                    if let p = PeriodKind.parse(periodText) { period = p } else {
                        problem(.period, Messages.text("hint.unknownPeriod", lang, periodText,
                                                       didYouMean(periodText, among: PeriodKind.names, lang: lang)))
                    }
                }
                let scopeText = cell(.scope)
                let scope = Scope.parse(scopeText)
                if scope == nil {
                    problem(.scope, Messages.text("plan.scopeUnknown", lang, scopeText))
                }
                if let c = checker {
                    for col in c.requiredColumns where cell(col).isEmpty {
                        if m.columns[col] == nil {
                            problem(.id, Messages.text("hint.checkerNeedsColumn", lang, c.identifier, col.rawValue, headerHints[col] ?? ""))
                        } else {
                            problem(col, Messages.text("plan.columnEmpty", lang, col.rawValue, c.identifier))
                        }
                    }
                }
                var deadline: MonthDay? = nil
                if !cell(.deadline).isEmpty {
                    deadline = MonthDay.parse(cell(.deadline))
                    if deadline == nil { problem(.deadline, Messages.text("plan.deadlineBad", lang, cell(.deadline))) }
                }
                var windows: [DateWindow] = []
                if !cell(.windows).isEmpty {
                    if let w = DateWindow.parseList(cell(.windows)) { windows = w } else {
                        problem(.windows, Messages.text("plan.windowsBad", lang, cell(.windows)))
                    }
                }
                let field = cell(.field)
                if !field.isEmpty && field != "participants" && field != "参加人数" && field != "人数" {
                    problem(.field, Messages.text("plan.fieldBad", lang, field))
                }
                let targetKinds = cell(.targetKind).splitList()
                if cell(.source).isEmpty { problem(.source, Messages.text("plan.sourceEmpty", lang)) }
                if bad { continue }
                rules.append(Rule(id: id, title: cell(.title).isEmpty ? id : cell(.title), checker: checkerName, types: types,
                                  keywords: cell(.keywords).splitList(), threshold: threshold, period: period, scope: scope!,
                                  deadline: deadline, windows: windows, targetKinds: targetKinds,
                                  field: field.isEmpty ? nil : "participants", clause: cell(.clause), source: cell(.source),
                                  file: path, line: row.line))
            }
        }
        var plan = Plan(paths: paths, rules: rules, year: year)
        plan.unexpressibleRows = unexpressible
        return (plan, problems)
    }

    /// "did you mean …" for a misspelt word, in `lang` (empty when nothing is near).
    static func didYouMean(_ word: String, among known: [String], lang: Lang) -> String {
        guard !word.isEmpty, let s = Suggest.nearest(HeaderNames.normalize(word), among: known) else { return "" }
        return Messages.text("hint.didYouMean", lang, s)
    }

    /// For each column the header lacks, a header cell no column took that is a near miss of
    /// one of its names (`阈直` for `阈值`), as a "did you mean" to append to the problem.
    static func columnHints(_ headers: [String], mapped m: (columns: [PlanColumn: Int], unmapped: [Int]), lang: Lang) -> [PlanColumn: String] {
        var hints: [PlanColumn: String] = [:]
        let absent = PlanColumn.allCases.filter { m.columns[$0] == nil }
        for i in m.unmapped {
            let h = HeaderNames.normalize(headers[i])
            if h.isEmpty { continue }
            for c in absent where hints[c] == nil {
                if let s = Suggest.nearest(h, among: c.aliases) {
                    hints[c] = Messages.text("hint.columnDidYouMean", lang, headers[i], s)
                    break
                }
            }
        }
        return hints
    }

    /// The first stand-alone 20xx in a file's name (`000-street-2022.csv` → 2022).
    static func yearInName(_ path: String) -> Int? {
        let name = Array((path.split(separator: "/").last.map(String.init) ?? path).utf8)
        func digit(_ i: Int) -> Bool { i >= 0 && i < name.count && name[i] >= 0x30 && name[i] <= 0x39 }
        var i = 0
        while i + 4 <= name.count {
            if name[i] == 0x32 && name[i + 1] == 0x30 && digit(i + 2) && digit(i + 3) && !digit(i - 1) && !digit(i + 4) {
                return Int(String(decoding: name[i..<i + 4], as: UTF8.self))
            }
            i += 1
        }
        return nil
    }
}

extension PlanReader {
    /// What the roster cannot resolve for this plan: units, kinds or roles it names that the
    /// roster lacks. These are notes, not errors: a plan written for another organisation still runs.
    public static func rosterNotes(_ plan: Plan, roster: Roster, lang: Lang = .zh) -> [String] {
        var out: [String] = []
        for r in plan.rules {
            switch r.scope {
            case .org(let o) where !roster.units.contains { $0.name == o }:
                out.append(Messages.text("plan.rosterNoUnit", lang, r.id, o))
            case .kinds(let ks) where !ks.contains(where: { k in roster.units.contains { $0.kind == k } }):
                // A list of kinds (a standard plan naming every kind of branch) needs only one in the roster.
                out.append(Messages.text("plan.rosterNoKind", lang, r.id, ks.joined(separator: lang == .zh ? "”“" : ", ")))
            default: break
            }
            for k in r.targetKinds where !roster.units.contains(where: { $0.kind == k }) {
                out.append(Messages.text("plan.rosterNoTargetKind", lang, r.id, k))
            }
        }
        return out
    }
}
