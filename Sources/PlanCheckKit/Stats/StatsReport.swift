/// Counts and participant sums of one cell (a unit, a type, a month, or any sum of them).
public struct StatsCell: Sendable, Equatable {
    /// Activities (records).
    public var count = 0
    /// Participants summed (person-times, 人次); records without a number add nothing.
    public var participants = 0
    /// Creates a cell.
    public init(count: Int = 0, participants: Int = 0) { self.count = count; self.participants = participants }
    static func += (a: inout StatsCell, b: StatsCell) { a.count += b.count; a.participants = a.participants.addingSaturating(b.participants) }
}

/// One unit's activity: a roster unit (even with no records) or a unit seen in the records.
public struct StatsUnit: Sendable {
    /// Name as records write it.
    public var name: String
    /// Roster kind; empty when the unit is not in the roster.
    public var kind: String
    /// Whether the unit is in the roster.
    public var inRoster: Bool
    /// Whole-period total.
    public var total = StatsCell()
    /// Per month, index 0 = January, `lastMonth` entries.
    public var months: [StatsCell]
    /// Months (1-based) within January..as-of month with no record at all (worked out when asked:
    /// kept for every unit it was a tenth of a million-unit report's memory).
    public var silentMonths: [Int] { months.indices.filter { months[$0].count == 0 }.map { $0 + 1 } }
    /// Months with at least one record.
    public var activeMonths: Int { months.filter { $0.count > 0 }.count }
    /// Silent months as runs of consecutive months (`[(3, 5), (8, 8)]`).
    public var silentRuns: [(from: Int, to: Int)] { StatsReport.runs(silentMonths) }
}

/// One activity type's totals.
public struct StatsType: Sendable {
    /// Type as records write it (trimmed).
    public var name: String
    /// Whole-period total.
    public var total = StatsCell()
    /// Per month, `lastMonth` entries.
    public var months: [StatsCell]
}

/// One row of the long table: unit × type × month, only where something happened.
public struct StatsLongRow: Sendable, Equatable {
    public var org: String
    public var type: String
    /// 1-based month.
    public var month: Int
    public var cell: StatsCell
}

/// The long table as a sequence over the dense counts: rows are made as they are read, so a
/// report of millions of rows holds none of them.
public struct StatsLongTable: Sequence, @unchecked Sendable {   // the cube is read-only once a report holds it
    let cube: StatsCube?
    let orgs: [String]
    let types: [String]
    /// Type ids in report order.
    let typeOrder: [Int]
    /// Rows (cells with count > 0).
    public let count: Int

    /// An empty table.
    public init() { cube = nil; orgs = []; types = []; typeOrder = []; count = 0; sparseRows = [] }

    /// A sparse cube's cells in walking order (unit, type in report order, month); empty for a dense one.
    let sparseRows: [(org: Int, type: Int, month: Int)]

    init(cube: StatsCube, orgs: [String], types: [String], typeOrder: [Int], count: Int) {
        self.cube = cube; self.orgs = orgs; self.types = types; self.typeOrder = typeOrder; self.count = count
        if cube.isSparse {
            var rank = [Int](repeating: 0, count: types.count)
            for (i, t) in typeOrder.enumerated() { rank[t] = i }
            sparseRows = cube.sparseCellKeys().map { (org: $0.unit, type: $0.type, month: $0.month) }.sorted {
                ($0.org, rank[$0.type], $0.month) < ($1.org, rank[$1.type], $1.month)
            }
        } else {
            sparseRows = []
        }
    }

    /// Whether no unit × type × month has a record.
    public var isEmpty: Bool { count == 0 }

    /// Where a walk over the counts stands: unit id, index into ``typeOrder``, 0-based month.
    struct Cursor { var org = 0, typeIndex = 0, month = 0, sparseIndex = -1 }

    /// The next cell with records from `c` on — unit id (into `orgs`), type id (into `types`),
    /// 1-based month and counts — walking unit by unit, then type in report order, then month.
    func nextCell(_ c: inout Cursor) -> (org: Int, type: Int, month: Int, cell: StatsCell)? {
        guard let cube else { return nil }
        if cube.isSparse {
            if c.sparseIndex < 0 {   // the first row of unit `c.org` or later
                var lo = 0, hi = sparseRows.count
                while lo < hi { let mid = (lo + hi) / 2; if sparseRows[mid].org < c.org { lo = mid + 1 } else { hi = mid } }
                c.sparseIndex = lo
            }
            while c.sparseIndex < sparseRows.count {
                let k = sparseRows[c.sparseIndex]
                c.sparseIndex += 1
                let cell = cube.cell(type: k.type, unit: k.org, month: k.month)
                if cell.count > 0 { c.org = k.org; return (k.org, k.type, k.month + 1, cell) }
            }
            return nil
        }
        while c.org < orgs.count {
            while c.typeIndex < typeOrder.count {
                let t = typeOrder[c.typeIndex]
                while c.month < 12 {
                    let m = c.month
                    c.month += 1
                    let cell = cube.cell(type: t, unit: c.org, month: m)
                    if cell.count > 0 { return (c.org, t, m + 1, cell) }
                }
                c.month = 0
                c.typeIndex += 1
            }
            c.typeIndex = 0
            c.org += 1
        }
        return nil
    }

    /// Rows as ``StatsLongRow``s, in ``nextCell(_:)``'s order.
    public struct Iterator: IteratorProtocol {
        let table: StatsLongTable
        var cursor = Cursor()

        public mutating func next() -> StatsLongRow? {
            table.nextCell(&cursor).map { StatsLongRow(org: table.orgs[$0.org], type: table.types[$0.type], month: $0.month, cell: $0.cell) }
        }
    }

    public func makeIterator() -> Iterator { Iterator(table: self) }

    /// Visits the rows by ids (no `String` per row), for writers that keep per-id bytes.
    func forEachCell(_ body: (_ org: Int, _ type: Int, _ month: Int, _ cell: StatsCell) -> Void) {
        forEachCell(orgs: 0..<orgs.count, body)
    }

    /// ``forEachCell(_:)`` for the units in `range` only (the rows of those units, in order).
    func forEachCell(orgs range: Range<Int>, _ body: (_ org: Int, _ type: Int, _ month: Int, _ cell: StatsCell) -> Void) {
        var c = Cursor(org: range.lowerBound)
        while let x = nextCell(&c), x.org < range.upperBound { body(x.org, x.type, x.month, x.cell) }
    }

    public var underestimatedCount: Int { count }
}

/// Status counts of a group of plan-check results (one rule, one unit, or all).
public struct StatsCompletion: Sendable, Equatable {
    public var checks = 0, met = 0, missed = 0, atRisk = 0, onTrack = 0, upcoming = 0
    /// Results whose period is decided: met or missed.
    public var due: Int { met + missed }
    /// `met / due` in per mille, rounded half up; nil when nothing is due.
    public var perMille: Int? { due == 0 ? nil : (met * 1000 + due / 2) / due }
    /// `met / due` as a percentage with one decimal (`91.7`), or empty when nothing is due.
    public var percent: String { StatsReport.percentText(perMille) }

    mutating func add(_ s: Status) {
        checks += 1
        switch s {
        case .met: met += 1
        case .missed: missed += 1
        case .atRisk: atRisk += 1
        case .onTrack: onTrack += 1
        case .upcoming: upcoming += 1
        case .warning: checks -= 1
        }
    }
}

/// Completion of one plan rule.
public struct StatsRuleRow: Sendable {
    public var id: String
    public var title: String
    public var checker: String
    public var completion: StatsCompletion
}

/// Completion of one unit over every rule that checks it (its own and its people's).
public struct StatsUnitRow: Sendable {
    /// Rank by % met (higher first), then fewer missed; equal units share a rank; nil when nothing is due.
    public var rank: Int?
    public var org: String
    public var kind: String
    public var completion: StatsCompletion
}

/// Data health: what was not counted and where data is thin.
public struct StatsHealth: Sendable {
    public var rowsRead = 0
    public var accepted = 0
    public var rejected = 0
    /// Rejected rows by reason category, sorted by category.
    public var rejectedByReason: [(reason: String, count: Int)] = []
    /// Duplicate records (same date, unit, type and title as an earlier one) per unit, with where.
    public var duplicates: [(org: String, count: Int, evidence: [String])] = []
    /// Units in the records but not in the roster (only with a roster), with their record counts.
    public var unknownUnits: [(org: String, count: Int)] = []
    /// Records dated outside the year under review (not counted).
    public var outsideYear = 0
    /// Records dated after the as-of day (not counted).
    public var afterAsOf = 0
    /// Counted records with no participant number.
    public var missingParticipants = 0
    /// Months (1-based) within January..as-of month with no record from any unit.
    public var emptyMonths: [Int] = []
    /// Duplicates in all.
    public var duplicateCount: Int { duplicates.reduce(0) { $0 + $1.count } }
}

/// Everything `plancheck stats` shows, computed before any reporter runs: reporters only format.
public struct StatsReport: Sendable {
    public var year: Int
    public var asOf: Day
    public var planPaths: [String]
    public var rosterPaths: [String]
    /// Input files as read.
    public var files: [String]
    /// Months of the year that have begun by as-of (0…12); every monthly table has this many columns.
    public var lastMonth: Int
    /// Whether as-of is on or after the year's last day (the text then says 全年).
    public var fullYear: Bool
    /// Counted records: dated within the year and not after as-of.
    public var total = StatsCell()
    /// Per month, `lastMonth` entries.
    public var months: [StatsCell] = []
    /// Units: roster order, then first seen in the records.
    public var units: [StatsUnit] = []
    /// Types by count (most first), then name.
    public var types: [StatsType] = []
    /// Unit × type × month where count > 0, in unit, type and month order: generated from the
    /// counts as it is read (a province's year has millions of such rows).
    public var long = StatsLongTable()
    /// Whether a plan with rules was given.
    public var hasPlan = false
    /// Per rule, in plan order.
    public var rules: [StatsRuleRow] = []
    /// Per unit, by rank (unranked last, in unit order).
    public var unitRanks: [StatsUnitRow] = []
    /// All plan results together.
    public var planTotal = StatsCompletion()
    /// Missed and at-risk plan results, in plan order.
    public var problems: [Finding] = []
    public var health = StatsHealth()
    /// Notes from the check (unresolved scopes …).
    public var notes: [String] = []
    /// The check the plan results come from (the review text words them per rule and unit).
    public var check: CheckReport? = nil

    /// `YYYY-MM` for a 1-based month of the year.
    public func period(_ month: Int) -> String { "\(year)-\(Day.pad2(month))" }

    /// Units that have at least one silent month.
    public var silentUnits: [StatsUnit] { units.filter { !$0.silentMonths.isEmpty } }

    static func percentText(_ perMille: Int?) -> String {
        guard let p = perMille else { return "" }
        return "\(p / 10).\(p % 10)"
    }

    /// Groups sorted months into runs of consecutive months.
    static func runs(_ months: [Int]) -> [(from: Int, to: Int)] {
        var out: [(from: Int, to: Int)] = []
        for m in months {
            if let last = out.last, last.to == m - 1 { out[out.count - 1].to = m } else { out.append((m, m)) }
        }
        return out
    }
}
