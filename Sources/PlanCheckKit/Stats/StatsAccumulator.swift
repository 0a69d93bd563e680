/// Counts records by unit × type × month in the check's single pass (see `CheckCommand.runCheck`'s
/// `also:`), then builds the ``StatsReport``.
///
/// Hot path: units and types are interned from their bytes, no `String` is made per record. A
/// record counts when it is dated within the year under review and not after as-of.
public final class StatsAccumulator {
    public let year: Int
    public let asOf: Day
    let lastMonth: Int
    let start: Day, end: Day
    var orgs = ByteInterner(capacity: 256)
    var types = ByteInterner(capacity: 64)
    /// Worker-local org and type ids → ids of `orgs` and `types`.
    var orgKeys = KeyTranslation()
    var typeKeys = KeyTranslation()
    let rosterUnits: [Unit]
    let hasRoster: Bool
    /// Unit × type × month counts and participants.
    let cube = StatsCube()
    /// The 0-based month of each day of the year, by its offset from January 1 (records in any
    /// order: working the month out of the day's ordinal cost about 40 instructions a record
    /// once days no longer came in runs).
    let monthOfDay: [UInt8]
    var outsideYear = 0
    var afterAsOf = 0
    var missingParticipants = 0

    /// Creates one for a year, as-of day and optional roster (its units are listed even without records).
    public init(year: Int, asOf: Day, roster: Roster?) {
        self.year = year
        self.asOf = asOf
        start = Day(year: year, month: 1, day: 1)!
        end = Day(year: year, month: 12, day: 31)!
        if asOf < start { lastMonth = 0 } else if asOf > end { lastMonth = 12 } else { lastMonth = asOf.month }
        let first = start
        monthOfDay = (0...first.days(to: end)).map { UInt8(first.adding(days: $0).month - 1) }
        rosterUnits = roster?.units ?? []
        hasRoster = roster != nil && !(roster!.units.isEmpty)
        for u in rosterUnits { _ = orgs.intern(u.name) }
        cube.reserve(units: orgs.count, types: 0)
    }

    /// Counts one accepted record.
    @inline(__always)
    public func add(_ r: RecordView) {
        let d = r.date
        if d < start || d > end { outsideYear += 1; return }
        if d > asOf { afterAsOf += 1; return }
        // A known org's id is its id in the check's unit table, which, like `orgs`, starts with the
        // roster's units interned in roster order: the same ids.
        let o = r.keys.known >= 0 ? Int(r.keys.known) : orgKeys.global(table: r.keys.table, local: r.keys.org) { orgs.intern(r.bytes(.org)).id }
        let t = typeKeys.global(table: r.keys.table, local: r.keys.type) { types.intern(r.bytes(.type)).id }
        if o >= cube.unitCapacity || t >= cube.typeCount { cube.reserve(units: o + 1, types: t + 1) }
        let p = r.participants
        if p == nil { missingParticipants &+= 1 }
        cube.queue(type: t, unit: o, month: Int(monthOfDay[Int(d.ordinal &- start.ordinal)]), participants: p)
    }

    /// Builds the report from the counts and the check that ran in the same pass (with an empty
    /// plan it still gives reading facts and duplicates).
    public func report(check: CheckReport, plan: Plan) -> StatsReport {
        cube.flush()
        let months = lastMonth
        var r = StatsReport(year: year, asOf: asOf, planPaths: check.planPaths, rosterPaths: check.rosterPaths,
                            files: check.read.files.map(\.path), lastMonth: months, fullYear: asOf >= end)
        r.months = Array(repeating: StatsCell(), count: months)
        // Types: totals first, to order them.
        let nt = types.count
        var typeTotals = [StatsCell](repeating: StatsCell(), count: nt)
        var typeMonths = [[StatsCell]](repeating: Array(repeating: StatsCell(), count: months), count: nt)
        var units: [StatsUnit] = []
        var longCount = 0
        // A sparse cube (a very large roster) is walked by its cells, not by every unit × type × month.
        let sparse = cube.sparseCellKeys()
        var next = 0
        for o in 0..<orgs.count {
            let inRoster = o < rosterUnits.count
            var u = StatsUnit(name: orgs.strings[o], kind: inRoster ? rosterUnits[o].kind : "", inRoster: inRoster,
                              months: Array(repeating: StatsCell(), count: months))
            func visit(_ t: Int, _ m: Int) {
                let cell = cube.cell(type: t, unit: o, month: m)
                guard cell.count > 0 else { return }
                longCount += 1
                u.months[m] += cell
                u.total += cell
                typeTotals[t] += cell
                typeMonths[t][m] += cell
                r.months[m] += cell
                r.total += cell
            }
            if cube.isSparse {
                while next < sparse.count && sparse[next].unit == o {
                    let k = sparse[next]
                    next += 1
                    if k.month < months { visit(k.type, k.month) }
                }
            } else {
                for t in 0..<nt { for m in 0..<months { visit(t, m) } }
            }
            units.append(u)
        }
        r.units = units
        let typeNames = types.strings
        let typeOrder = (0..<nt).sorted { (a: Int, b: Int) -> Bool in
            let ca = typeTotals[a].count, cb = typeTotals[b].count
            if ca != cb { return ca > cb }
            return typeNames[a] < typeNames[b]
        }
        r.types = typeOrder.map { StatsType(name: types.strings[$0], total: typeTotals[$0], months: typeMonths[$0]) }
        r.long = StatsLongTable(cube: cube, orgs: orgs.strings, types: typeNames, typeOrder: typeOrder, count: longCount)
        // Plan results.
        r.hasPlan = !plan.rules.isEmpty
        r.notes = check.notes
        r.check = check
        // Rules and units by name through byte interners, not `String`-keyed dictionaries: hashing a
        // Chinese unit name as a `String` normalises it first, and with 140,000 findings that was
        // a third of the report's work.
        var ruleIDs = ByteInterner(capacity: plan.rules.count, keepStrings: false)
        for rule in plan.rules { ruleIDs.intern(rule.id) }
        // Units in report order: those with records first, then the check's other units.
        var unitIDs = ByteInterner(capacity: units.count + check.unitOrder.count, keepStrings: false)
        var order: [(String, String)] = []
        for (name, kind) in units.map({ ($0.name, $0.kind) }) + check.unitOrder {
            let n = unitIDs.count
            unitIDs.intern(name)
            if unitIDs.count > n { order.append((name, kind)) }
        }
        var byRule = [StatsCompletion](repeating: StatsCompletion(), count: ruleIDs.count)
        var byUnit = [StatsCompletion?](repeating: nil, count: unitIDs.count)
        for f in check.ruleFindings {
            let status = f.status
            if let i = ruleIDs.lookup(f.rule) { byRule[i].add(status) }
            r.planTotal.add(status)
            let org = f.org
            if let i = unitIDs.lookup(org), org != "*" {
                var c = byUnit[i] ?? StatsCompletion()
                c.add(status)
                byUnit[i] = c
            }
            if status == .missed || status == .atRisk { r.problems.append(f) }
        }
        r.rules = plan.rules.map { StatsRuleRow(id: $0.id, title: $0.title, checker: $0.checker, completion: byRule[ruleIDs.lookup($0.id)!]) }
        var unitRows: [StatsUnitRow] = []
        for (i, (name, kind)) in order.enumerated() { if let c = byUnit[i] { unitRows.append(StatsUnitRow(rank: nil, org: name, kind: kind, completion: c)) } }
        r.unitRanks = StatsAccumulator.ranked(unitRows)
        // Health.
        var h = StatsHealth()
        h.rowsRead = check.read.rowsRead
        h.accepted = check.read.accepted
        h.rejected = check.read.rejected
        h.rejectedByReason = check.read.rejectionCounts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        for f in check.qualityFindings where f.title == QualityChecker.Kind.duplicate.title {
            h.duplicates.append((f.org, f.actual, f.evidence))
        }
        if hasRoster { h.unknownUnits = units.filter { !$0.inRoster }.map { ($0.name, $0.total.count) } }
        h.outsideYear = outsideYear
        h.afterAsOf = afterAsOf
        h.missingParticipants = missingParticipants
        h.emptyMonths = (0..<months).filter { r.months[$0].count == 0 }.map { $0 + 1 }
        r.health = h
        return r
    }

    /// Sorts by % met (exact fractions), then fewer missed; equal rows share a rank (1, 1, 3);
    /// rows with nothing due come last, unranked, in their given order.
    static func ranked(_ rows: [StatsUnitRow]) -> [StatsUnitRow] {
        let due = rows.enumerated().filter { $0.element.completion.due > 0 }
        func better(_ a: StatsCompletion, _ b: StatsCompletion) -> Bool? {
            let l = a.met * b.due, r = b.met * a.due
            if l != r { return l > r }
            if a.missed != b.missed { return a.missed < b.missed }
            return nil
        }
        let sorted = due.sorted { x, y in better(x.element.completion, y.element.completion) ?? (x.offset < y.offset) }
        var out: [StatsUnitRow] = []
        for (i, e) in sorted.enumerated() {
            var row = e.element
            if i > 0, better(sorted[i - 1].element.completion, row.completion) == nil { row.rank = out[i - 1].rank }
            else { row.rank = i + 1 }
            out.append(row)
        }
        return out + rows.filter { $0.completion.due == 0 }
    }
}
