/// What a checker sees of a record that matched its rule's types and keywords.
public struct MatchedRecord {
    /// The record (borrowed: valid only during ``Checker/observe(_:)``).
    public let view: RecordView
    /// Unit id of the record's org in ``CheckContext/units``.
    public let org: Int
    /// Whether any rule of the plan counts this record's type.
    public let typeCounted: Bool
    /// The record's type as an id of the engine's type table (the same id for the same type).
    public let typeID: Int
    /// Whether the record is within the year under review and not after as-of (quality sees all).
    public let inReview: Bool
    /// The record's day.
    public var date: Day { view.date }
}

/// A worked example of a checker: a plan row, a few records, and what the check finds.
/// `plancheck checkers` prints them; the tests run every one.
public struct CheckerExample: Sendable {
    /// What the example shows.
    public var summary: String
    /// The plan row (column → value).
    public var rule: [PlanColumn: String]
    /// Records as CSV with header `date,org,type,participants,title,lead,target`.
    public var records: String
    /// The as-of day.
    public var asOf: String
    /// Expected findings, each `org|person|period|actual|status`.
    public var expected: [String]
    /// Roster units, each `name|kind`.
    public var units: [String] = []
    /// Roster people, each `name|unit|role`.
    public var people: [String] = []
}

/// A kind of requirement. One file per checker, named `<Kind>Checker`; register it in
/// ``CheckerRegistry/all``.
public protocol Checker: AnyObject {
    /// The stable identifier plan files use in their `checker` column.
    static var identifier: String { get }
    /// The Chinese name plan files may write instead (计数, 合计 …).
    static var chineseName: String { get }
    /// One line saying what it checks.
    static var summary: String { get }
    /// Plan columns it needs filled (beyond id, checker, types, threshold, scope).
    static var requiredColumns: [PlanColumn] { get }
    /// Plan columns it reads when present.
    static var optionalColumns: [PlanColumn] { get }
    /// Examples for `plancheck checkers` and the tests.
    static var examples: [CheckerExample] { get }
    /// Whether it sees every record, not only those matching the rule (the quality checker).
    static var seesEveryRecord: Bool { get }
    /// Sets up counting for `rule`.
    init(rule: Rule, context: CheckContext)
    /// Counts one record.
    func observe(_ record: MatchedRecord)
    /// The findings, once every record has been observed.
    func findings() -> [Finding]
    /// How many findings ``appendFindings(to:)`` will add (0 when unknown), to size the report once.
    var findingCount: Int { get }
    /// Appends the findings to `out` (no intermediate array: a province has ~10⁵ of them).
    func appendFindings(to out: inout [Finding])
    /// Appends the findings to a report's list (a tally's cells as one run, no value per cell).
    func appendFindings(to out: inout FindingList)
}

extension Checker {
    /// Default: only matching records.
    public static var seesEveryRecord: Bool { false }
    /// Default: none beyond the identifier.
    public static var chineseName: String { identifier }
    /// Default: none.
    public static var optionalColumns: [PlanColumn] { [] }
    /// Default: unknown.
    public var findingCount: Int { 0 }
    /// Default: appends ``findings()``.
    public func appendFindings(to out: inout [Finding]) { out += findings() }
    /// Default: the findings of ``appendFindings(to:)-([Finding])``, stored.
    public func appendFindings(to out: inout FindingList) {
        var a: [Finding] = []
        appendFindings(to: &a)
        out.append(contentsOf: a)
    }
}

/// The checkers plancheck knows, by identifier. Adding a checker = one file + one line here.
public enum CheckerRegistry {
    /// Every checker type.
    nonisolated(unsafe) public static let all: [any Checker.Type] = [
        CountChecker.self,
        SumChecker.self,
        DeadlineChecker.self,
        WindowsChecker.self,
        CoverageChecker.self,
        QualityChecker.self,
    ]

    /// The checker with this identifier.
    public static func named(_ id: String) -> (any Checker.Type)? { all.first { $0.identifier == id } }

    /// The plan checker a `checker` cell names: its identifier (any case) or its Chinese name.
    public static func planChecker(_ name: String) -> (any Checker.Type)? {
        let n = name.trimmingWhitespace().lowercased()
        return planCheckers.first { $0.identifier == n || $0.chineseName == n }
    }

    /// Checkers a plan row may name (quality is always on and not named).
    public static var planCheckers: [any Checker.Type] { all.filter { !$0.seesEveryRecord } }
}

/// Who a rule reports on, resolved against the roster: units, people, or the whole.
///
/// Without a roster, a `kind:` scope cannot know the kinds of the units seen in the records. It
/// then takes only the units whose *name* shows one of its kinds (``nameShowsKind(_:_:)``:
/// 宝胜寺社区党支部 is a 社区党支部, 街道机关第一党支部 a 机关党支部) as they appear; the others are
/// not evaluated, never reported as missed, and listed in a note (``unitsOfUnknownKind``) that
/// says how to give a roster. So a run without a roster reports no shortfall that the run with
/// the roster does not also report.
public final class ScopeEntities {
    /// Report rows, compact: the unit id of each entity (−1: all units) and the person's index in
    /// the roster (−1: none). Names are looked up when a report is written.
    var entityUnit: [Int32] = []
    var entityPerson: [Int32] = []
    var byUnit: [Int32] = []           // unit id → entity, -1 for none (kinds scope)
    /// The one unit of an `org:` scope (its entity is 0), −1 for other scopes: compared, not
    /// looked up in a table the size of the roster.
    var onlyUnit = -1
    var byPerson: [String: [Int]] = [:]  // person name → entities (role scope)
    /// Role scope: entities per distinct `lead` cell already resolved (bounded, see ``leadCacheLimit``).
    var leadCache = ByteInterner(capacity: 256)
    var leadEntities: [[Int]] = []
    /// Most distinct `lead` cells remembered; past it, cells are resolved each time.
    static let leadCacheLimit = 1 << 16
    var isAll = false
    var isRole = false
    /// Whether entities are the units seen whose names show the scope's kinds (no roster, kind scope).
    public private(set) var dynamicUnits = false
    /// The kinds of a `kind:` scope without a roster.
    public private(set) var dynamicKinds: [String] = []
    /// Units seen so far that were considered for the dynamic scope.
    var synced = 0
    /// Units seen in the records whose kind cannot be told from their name (no roster): not
    /// evaluated for this rule.
    public private(set) var unitsOfUnknownKind: [Int] = []
    /// Unowned: the context keeps its resolved scopes (``CheckContext/entities(of:)``), so a strong
    /// reference back made a cycle that leaked the context, its unit interner and every tally of a
    /// check (the fuzz harness lost ~270 MB a run). Whoever holds scope entities (a tally, a
    /// checker) also holds the context.
    unowned let context: CheckContext

    /// Resolves `scope`.
    public init(_ scope: Scope, context: CheckContext) {
        self.context = context
        switch scope {
        case .all:
            isAll = true
            append(unit: -1, person: -1)
        case .org(let name):
            let id = context.unitID(name)
            onlyUnit = id
            append(unit: id, person: -1)
        case .kinds(let kinds):
            if context.hasRoster {
                for id in context.units(ofKinds: kinds) {
                    setUnit(id, count)
                    append(unit: id, person: -1)
                }
            } else {
                dynamicUnits = true
                dynamicKinds = kinds
                syncUnits()
            }
        case .role(let role):
            isRole = true
            for (i, p) in context.people.enumerated() where p.role == role {
                byPerson[p.name, default: []].append(count)
                append(unit: context.unitID(p.unit), person: i)
            }
        }
    }

    /// Number of entities (report rows per period).
    public var count: Int { entityUnit.count }
    /// The unit name of entity `e` (`*` for all units).
    public func org(_ e: Int) -> String {
        let u = Int(entityUnit[e])
        return u < 0 ? "*" : context.unitName(u)
    }
    /// The person name of entity `e`, or empty.
    public func person(_ e: Int) -> String {
        let p = Int(entityPerson[e])
        return p < 0 ? "" : context.people[p].name
    }

    func append(unit: Int, person: Int) {
        entityUnit.append(Int32(unit))
        entityPerson.append(Int32(person))
    }

    /// In dynamic mode, adds the units seen since the last call whose names show a kind of the scope.
    func syncUnits() {
        guard dynamicUnits else { return }
        while synced < context.unitCount {
            let id = synced
            synced += 1
            if ScopeEntities.nameShowsKind(context.unitName(id), dynamicKinds) {
                setUnit(id, count)
                append(unit: id, person: -1)
            } else {
                unitsOfUnknownKind.append(id)
            }
        }
    }

    /// Whether a unit's name shows one of `kinds`: it ends with the kind, or it ends with the
    /// kind's last character and holds the kind's characters in order (街道机关第一党支部 is a
    /// 机关党支部; 龙门街道纪工委 is no 社区党支部).
    public static func nameShowsKind(_ name: String, _ kinds: [String]) -> Bool {
        kinds.contains { k in
            guard let last = k.last, !k.isEmpty else { return false }
            if name.hasSuffix(k) { return true }
            guard name.last == last else { return false }
            var it = name.makeIterator()
            outer: for ch in k {
                while let c = it.next() { if c == ch { continue outer } }
                return false
            }
            return true
        }
    }

    func setUnit(_ id: Int, _ entity: Int) {
        // Grown to the roster's size at once (one unit at a time, a new array each, it was 80,000
        // allocations for four rules over 20,000 units).
        if byUnit.count <= id {
            byUnit.append(contentsOf: repeatElement(-1, count: max(id + 1, context.rosterUnitCount) - byUnit.count))
        }
        byUnit[id] = Int32(entity)
    }

    /// The entities of one record: none, one, or several (a `lead` naming several people); a
    /// collection that needs no allocation in the common cases.
    public struct EntityList: RandomAccessCollection {
        enum Storage { case none, one(Int), many([Int]) }
        let storage: Storage
        public var startIndex: Int { 0 }
        public var endIndex: Int {
            switch storage {
            case .none: return 0
            case .one: return 1
            case .many(let a): return a.count
            }
        }
        public subscript(i: Int) -> Int {
            switch storage {
            case .none: fatalError("index out of range")
            case .one(let e): precondition(i == 0, "index out of range"); return e
            case .many(let a): return a[i]
            }
        }
    }

    /// The entities a record counts for: by its org, or by the people its `lead` names.
    @inline(__always)
    public func entities(for r: MatchedRecord) -> EntityList {
        if isAll { return EntityList(storage: .one(0)) }
        if dynamicUnits { syncUnits() }
        if isRole { return EntityList(storage: .many(roleEntities(r.view.bytes(.lead)))) }
        let o = r.org
        if onlyUnit >= 0 { return EntityList(storage: o == onlyUnit ? .one(0) : .none) }
        if o < byUnit.count, byUnit[o] >= 0 { return EntityList(storage: .one(Int(byUnit[o]))) }
        return EntityList(storage: .none)
    }

    /// The people a `lead` cell names, resolved once per distinct cell.
    func roleEntities(_ lead: UnsafeBufferPointer<UInt8>) -> [Int] {
        if let id = leadCache.lookup(lead) { return leadEntities[id] }
        var out: [Int] = []
        for name in ScopeEntities.names(in: String(decoding: lead, as: UTF8.self)) { if let e = byPerson[name] { out += e } }
        if leadCache.count < ScopeEntities.leadCacheLimit {
            _ = leadCache.intern(lead)
            leadEntities.append(out)
        }
        return out
    }

    /// The entity of a unit id (coverage targets).
    public func entity(ofUnit id: Int) -> Int? {
        if dynamicUnits { syncUnits() }
        if onlyUnit >= 0 { return id == onlyUnit ? 0 : nil }
        return id < byUnit.count && byUnit[id] >= 0 ? Int(byUnit[id]) : nil
    }

    /// Splits a `lead` or `target` cell into names: 、 ， , ； ; / and spaces (also U+3000)
    /// separate. Each name is listed once, in first order: `张三、张三` names one person, so the
    /// record counts once for them.
    public static func names(in s: String) -> [String] {
        var seen = Set<Substring>()
        return s.split(whereSeparator: { "、，,；;/ \u{3000}".contains($0) }).filter { !$0.isEmpty && seen.insert($0).inserted }.map(String.init)
    }
}

/// A checker whose results are one ``SlotTally``: it only says how records are counted, and gets
/// `findings`, `findingCount` and `appendFindings` from the tally.
public protocol TallyChecker: Checker {
    /// The tally holding the counts.
    var tally: SlotTally { get }
    /// Unit of the counts for people: 次 (default) or 人次.
    static var measure: String { get }
}

extension TallyChecker {
    /// Default: 次.
    public static var measure: String { "次" }
    /// The tally's findings.
    public func findings() -> [Finding] {
        var out: [Finding] = []
        appendFindings(to: &out)
        return out
    }
    /// Entities × slots.
    public var findingCount: Int { tally.findingCount }
    /// Appends the tally's findings.
    public func appendFindings(to out: inout [Finding]) { tally.appendFindings(to: &out, measure: Self.measure) }
    /// Appends the tally's cells as one run.
    public func appendFindings(to out: inout FindingList) {
        tally.setMeasure(Self.measure)
        out.append(cellsOf: tally)
    }
}

/// Counts per entity × period slot, with capped evidence; shared by the period checkers.
/// Mutated only while records are read; findings are read-only views of it afterwards.
public final class SlotTally: @unchecked Sendable {
    /// The rule.
    public let rule: Rule
    /// The context.
    public let context: CheckContext
    /// Entities reported.
    public let scope: ScopeEntities
    /// Period slots.
    public let slots: [PeriodSlot]
    /// One cell's sum and number of records, side by side: a record's add touches one cache line.
    struct Cell { var value = 0; var count = 0 }
    /// Per entity × slot.
    var cells: [Cell]
    /// The slot of each day from `dayBase` on (−1: none), for the rule's period in the year.
    let daySlot: [Int8]
    let dayBase: Int32
    /// Evidence: the references records cited, in the order they came (at most `cap` per cell),
    /// each cell's chained from its newest (``evidenceHead``) through ``evidenceNext``. Memory
    /// follows the records cited: 4 bytes a cell and 28 a reference. (Slots preallocated for every
    /// cell, 72 bytes a cell at the default cap, were most of a 50,000-rule plan's 1.7 GB and of
    /// a 200,000-unit roster's empty report.)
    var evidenceLog: [EvidenceRef] = []
    /// Per reference in ``evidenceLog``, the index of the cell's previous one (−1: none).
    var evidenceNext: [Int32] = []
    /// Per cell, the index of its newest reference in ``evidenceLog`` (−1: none); empty until a
    /// record is cited.
    var evidenceHead: [Int32] = []
    let cap: Int
    /// The texts findings show (with the checker's measure, set by ``appendFindings(to:measure:)``).
    private(set) var findingInfo: RuleInfo

    /// A tally of the rule's periods (year, half, quarter, month or ISO week of the year under review).
    public convenience init(periodsOf rule: Rule, context: CheckContext) {
        self.init(rule: rule, context: context, slots: PeriodSlot.slots(rule.period, year: context.year))
    }

    /// Creates a tally of `slots` for the rule's scope.
    public init(rule: Rule, context: CheckContext, slots: [PeriodSlot], scope: ScopeEntities? = nil) {
        self.rule = rule; self.context = context; self.slots = slots
        self.scope = scope ?? context.entities(of: rule.scope)
        let n = self.scope.count * slots.count
        cells = [Cell](repeating: Cell(), count: n)
        // ISO weeks reach up to 3 days into the years around; a week's slot table covers them.
        let first = context.yearStart.adding(days: -7), last = context.yearEnd.adding(days: 7)
        dayBase = first.ordinal
        let period = rule.period, year = context.year
        daySlot = (0...first.days(to: last)).map { Int8(PeriodSlot.index(of: first.adding(days: $0), period, year: year) ?? -1) }
        cap = context.evidenceCap
        findingInfo = RuleInfo(id: rule.id, title: rule.title, checker: rule.checker, measure: "次", clause: rule.clause, source: rule.source)
    }

    /// The evidence kept for one cell, in the order the records came.
    func evidenceRefs(entity e: Int, slot s: Int) -> [EvidenceRef] {
        let k = e * slots.count + s
        guard k < evidenceHead.count, evidenceHead[k] >= 0 else { return [] }
        var out: [EvidenceRef] = []
        var i = Int(evidenceHead[k])
        while i >= 0 { out.append(evidenceLog[i]); i = Int(evidenceNext[i]) }
        out.reverse()
        return out
    }

    func grow() {
        scope.syncUnits()
        let n = scope.count * slots.count
        if cells.count < n { cells += [Cell](repeating: Cell(), count: n - cells.count) }
    }

    /// Remembers `record` as evidence of cell `k`. A log index past `Int32.max` (over two billion
    /// citations in one tally) is not kept: the record still counts.
    @inline(never)
    func cite(_ k: Int, _ record: MatchedRecord) {
        if evidenceHead.count < cells.count { evidenceHead += repeatElement(-1, count: cells.count - evidenceHead.count) }
        let i = evidenceLog.count
        guard i < Int(Int32.max) else { return }
        evidenceLog.append(context.evidence.ref(record.view))
        evidenceNext.append(evidenceHead[k])
        evidenceHead[k] = Int32(truncatingIfNeeded: i)
    }

    /// Adds `value` to entity `e`, slot `s`, remembering the record as evidence.
    @inline(__always)
    public func add(entity e: Int, slot s: Int, value: Int, record: MatchedRecord) {
        let k = e * slots.count + s
        if k >= cells.count { grow() }
        cells[k].value = cells[k].value.addingSaturating(value)  // sums of 18-digit counts saturate
        let c = cells[k].count
        cells[k].count = c + 1
        if c < cap { cite(k, record) }
    }

    /// Number of findings: entities × slots.
    public var findingCount: Int {
        grow()
        return scope.count * slots.count
    }

    /// Adds `value` to every entity the record counts for, in the period slot of its date (the
    /// common case of `count` and `sum`).
    @inline(__always)
    public func addByPeriod(_ r: MatchedRecord, value: Int) {
        let i = Int(r.date.ordinal &- dayBase)
        let s = i >= 0 && i < daySlot.count ? Int(daySlot[i]) : PeriodSlot.index(of: r.date, rule.period, year: context.year) ?? -1
        guard s >= 0 else { return }
        add(r, slot: s, value: value)
    }

    /// Adds `value` in slot `s` to every entity the record counts for.
    @inline(__always)
    public func add(_ r: MatchedRecord, slot s: Int, value: Int) {
        for e in scope.entities(for: r) { add(entity: e, slot: s, value: value, record: r) }
    }

    /// Appends one finding (a view of one cell) per entity × slot to `out`.
    /// Sets the measure findings show (次, 人次).
    func setMeasure(_ measure: String) {
        if measure != findingInfo.measure {
            findingInfo = RuleInfo(id: rule.id, title: rule.title, checker: rule.checker, measure: measure, clause: rule.clause, source: rule.source)
        }
    }

    public func appendFindings(to out: inout [Finding], measure: String = "次") {
        grow()
        setMeasure(measure)
        out.reserveCapacity(out.count + scope.count * slots.count)
        for e in 0..<scope.count {
            for s in 0..<slots.count { out.append(Finding(tally: self, entity: e, slot: s)) }
        }
    }
}
