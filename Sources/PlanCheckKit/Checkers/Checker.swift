/// What a checker sees of a record that matched its rule's types and keywords.
public struct MatchedRecord {
    /// The record (borrowed: valid only during ``Checker/observe(_:)``).
    public let view: RecordView
    /// Unit id of the record's org in ``CheckContext/units``.
    public let org: Int
    /// Whether any rule of the plan counts this record's type.
    public let typeCounted: Bool
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
}

extension Checker {
    /// Default: only matching records.
    public static var seesEveryRecord: Bool { false }
    /// Default: none.
    public static var optionalColumns: [PlanColumn] { [] }
}

/// The checkers plancheck knows, by identifier. Adding a checker = one file + one line here.
public enum CheckerRegistry {
    /// Every checker type.
    public static let all: [any Checker.Type] = [
        CountChecker.self,
        SumChecker.self,
        DeadlineChecker.self,
        WindowsChecker.self,
        CoverageChecker.self,
        QualityChecker.self,
    ]

    /// The checker with this identifier.
    public static func named(_ id: String) -> (any Checker.Type)? { all.first { $0.identifier == id } }

    /// Checkers a plan row may name (quality is always on and not named).
    public static var planCheckers: [any Checker.Type] { all.filter { !$0.seesEveryRecord } }
}

/// Who a rule reports on, resolved against the roster: units, people, or the whole.
///
/// Without a roster, a `kind:` scope means every unit seen in the records; its entities then
/// are the unit ids themselves and grow as units appear.
public final class ScopeEntities {
    /// Report rows: (org, person).
    public private(set) var entities: [(org: String, person: String)] = []
    var byUnit: [Int] = []             // unit id → entity, -1 for none (org and kinds scopes)
    var byPerson: [String: [Int]] = [:]  // person name → entities (role scope)
    /// Role scope: entities per distinct `lead` cell already resolved (bounded, see ``leadCacheLimit``).
    var leadCache = ByteInterner(capacity: 256)
    var leadEntities: [[Int]] = []
    /// Most distinct `lead` cells remembered; past it, cells are resolved each time.
    static let leadCacheLimit = 1 << 16
    var isAll = false
    var isRole = false
    /// Whether entities are every unit seen (no roster, kind scope).
    public private(set) var dynamicUnits = false
    let context: CheckContext

    /// Resolves `scope`.
    public init(_ scope: Scope, context: CheckContext) {
        self.context = context
        switch scope {
        case .all:
            isAll = true
            entities = [("*", "")]
        case .org(let name):
            let id = context.unitID(name)
            setUnit(id, 0)
            entities = [(name, "")]
        case .kinds(let kinds):
            if context.hasRoster {
                for id in context.units(ofKinds: kinds) {
                    setUnit(id, entities.count)
                    entities.append((context.unitName(id), ""))
                }
            } else {
                dynamicUnits = true
                syncUnits()
            }
        case .role(let role):
            isRole = true
            for p in context.people where p.role == role {
                byPerson[p.name, default: []].append(entities.count)
                entities.append((p.unit, p.name))
            }
        }
    }

    /// In dynamic mode, brings the entity list up to every unit known so far.
    func syncUnits() {
        guard dynamicUnits else { return }
        while entities.count < context.unitCount { entities.append((context.unitName(entities.count), "")) }
    }

    func setUnit(_ id: Int, _ entity: Int) {
        if byUnit.count <= id { byUnit += [Int](repeating: -1, count: id + 1 - byUnit.count) }
        byUnit[id] = entity
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
        if dynamicUnits { syncUnits(); return EntityList(storage: .one(r.org)) }
        if isRole { return EntityList(storage: .many(roleEntities(r.view.bytes(.lead)))) }
        let o = r.org
        if o < byUnit.count, byUnit[o] >= 0 { return EntityList(storage: .one(byUnit[o])) }
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
        if dynamicUnits { syncUnits(); return id < entities.count ? id : nil }
        return id < byUnit.count && byUnit[id] >= 0 ? byUnit[id] : nil
    }

    /// Splits a `lead` or `target` cell into names: 、 ， , ； ; / and spaces separate.
    public static func names(in s: String) -> [String] {
        s.split(whereSeparator: { "、，,；;/ \u{3000}".contains($0) }).map(String.init).filter { !$0.isEmpty }
    }
}

/// Counts per entity × period slot, with capped evidence; shared by the period checkers.
public final class SlotTally {
    /// The rule.
    public let rule: Rule
    /// The context.
    public let context: CheckContext
    /// Entities reported.
    public let scope: ScopeEntities
    /// Period slots.
    public let slots: [PeriodSlot]
    var values: [Int]
    var counts: [Int]
    var evidence: [[String]]

    /// Creates a tally of `slots` for the rule's scope.
    public init(rule: Rule, context: CheckContext, slots: [PeriodSlot], scope: ScopeEntities? = nil) {
        self.rule = rule; self.context = context; self.slots = slots
        self.scope = scope ?? ScopeEntities(rule.scope, context: context)
        let n = self.scope.entities.count * slots.count
        values = [Int](repeating: 0, count: n)
        counts = [Int](repeating: 0, count: n)
        evidence = [[String]](repeating: [], count: context.evidenceCap > 0 ? n : 0)
    }

    func grow() {
        scope.syncUnits()
        let n = scope.entities.count * slots.count
        if values.count < n {
            values += [Int](repeating: 0, count: n - values.count)
            counts += [Int](repeating: 0, count: n - counts.count)
            if context.evidenceCap > 0 { evidence += [[String]](repeating: [], count: n - evidence.count) }
        }
    }

    /// Adds `value` to entity `e`, slot `s`, remembering the record as evidence.
    @inline(__always)
    public func add(entity e: Int, slot s: Int, value: Int, record: MatchedRecord) {
        let k = e * slots.count + s
        if k >= values.count { grow() }
        values[k] += value
        counts[k] += 1
        if context.evidenceCap > 0 && evidence[k].count < context.evidenceCap {
            evidence[k].append(context.evidenceLabel(record.view))
        }
    }

    /// One finding per entity × slot. `due` overrides the slot end (deadlines).
    public func findings(measure: String = "次", due: ((PeriodSlot) -> Day)? = nil) -> [Finding] {
        grow()
        var out: [Finding] = []
        for (e, ent) in scope.entities.enumerated() {
            for (s, slot) in slots.enumerated() {
                let k = e * slots.count + s
                let end = due?(slot) ?? slot.end
                let status = Status.evaluate(required: rule.threshold, actual: values[k], start: slot.start, end: end,
                                             asOf: context.asOf, yearEnd: context.yearEnd)
                out.append(Finding(rule: rule.id, title: rule.title, checker: rule.checker, org: ent.org, person: ent.person,
                                   period: slot.label, start: slot.start, end: end, required: rule.threshold,
                                   actual: values[k], status: status, due: end, measure: measure, clause: rule.clause,
                                   source: rule.source, evidence: evidence.isEmpty ? [] : evidence[k], evidenceCount: counts[k]))
            }
        }
        return out
    }
}
