/// What every checker shares: the year under review, as-of, the units and people, evidence policy.
public final class CheckContext {
    /// The year under review.
    public let year: Int
    /// Records after this day are not counted; periods after it are upcoming.
    public let asOf: Day
    /// January 1 of the year.
    public let yearStart: Day
    /// December 31 of the year.
    public let yearEnd: Day
    /// Whether a roster was given (so absent units can be reported).
    public let hasRoster: Bool
    /// People from the roster.
    public let people: [Person]
    /// Units of the roster first, then units first seen in records.
    var units: ByteInterner
    var kinds: [String]
    var parents: [String]
    /// Number of units that come from the roster (ids below it).
    public let rosterUnitCount: Int
    /// Input names, by file index.
    public var fileNames: [String] = [] { didSet { evidence.fileNames = fileNames } }
    /// Most evidence references kept per finding (0 keeps none).
    public let evidenceCap: Int
    /// Most record fingerprints the duplicate check holds in memory (`--max-duplicate-keys`, at
    /// most 12 bytes each); beyond it, days least recently seen move to temporary files and the check
    /// stays exact (see ``DuplicateTable``).
    public var maxDuplicateKeys = CheckContext.defaultMaxDuplicateKeys
    /// Where the duplicate check's temporary files go (nil: `TMPDIR`, else /tmp).
    public var temporaryDirectory: String? = nil
    /// The default of ``maxDuplicateKeys``: 524,288 (at most 6 MiB).
    public static let defaultMaxDuplicateKeys = 1 << 19

    /// Creates a context.
    public init(year: Int, asOf: Day, roster: Roster?, evidenceCap: Int = 3, maxDuplicateKeys: Int = CheckContext.defaultMaxDuplicateKeys) {
        self.maxDuplicateKeys = maxDuplicateKeys
        self.year = year
        self.asOf = asOf
        self.yearStart = Day(year: year, month: 1, day: 1)!
        self.yearEnd = Day(year: year, month: 12, day: 31)!
        self.hasRoster = roster != nil
        self.people = roster?.people ?? []
        self.evidenceCap = evidenceCap
        var u = ByteInterner(capacity: max(64, (roster?.units.count ?? 0) * 2))
        for unit in roster?.units ?? [] { u.intern(unit.name) }
        units = u
        kinds = roster?.units.map(\.kind) ?? []
        parents = roster?.units.map(\.parent) ?? []
        rosterUnitCount = roster?.units.count ?? 0
    }

    /// The id of a unit name, registering it if new.
    public func unitID(_ name: String) -> Int { units.intern(name) }
    /// Interns a unit from record bytes.
    @inline(__always) func unitID(_ b: UnsafeBufferPointer<UInt8>) -> Int { units.intern(b).id }
    /// The unit's name.
    public func unitName(_ id: Int) -> String { units.strings[id] }
    /// Units known so far.
    public var unitCount: Int { units.count }
    /// The roster kind of a unit, if it is in the roster.
    public func kind(of id: Int) -> String? { id < kinds.count ? kinds[id] : nil }
    /// Whether a unit is in the roster.
    public func inRoster(_ id: Int) -> Bool { id < rosterUnitCount }
    /// Roster units of any of these kinds, in roster order.
    public func units(ofKinds k: [String]) -> [Int] { (0..<rosterUnitCount).filter { k.contains(kinds[$0]) } }

    /// A unit's name and every unit below it in the roster (for `--org`).
    public func subtree(of name: String) -> Set<String> {
        var out: Set<String> = [name]
        var changed = true
        while changed {
            changed = false
            for i in 0..<rosterUnitCount where !out.contains(unitName(i)) && out.contains(parents[i]) {
                out.insert(unitName(i)); changed = true
            }
        }
        return out
    }

    /// Input names and ids that evidence references point into.
    public let evidence = EvidencePool()

    /// Resolved scopes, one per distinct scope (see ``entities(of:)``).
    private var scopes: [Scope: ScopeEntities] = [:]

    /// The entities of `scope`, resolved once and shared by every rule with that scope: a scope's
    /// entities do not depend on the rule, and with one unit → entity table instead of one per
    /// rule, the per-record lookup stays in cache (four `kind:` rules over 20,000 units had four
    /// 80 KB tables, and that lookup missed: 5% of a 10M-record check's time).
    public func entities(of scope: Scope) -> ScopeEntities {
        if let e = scopes[scope] { return e }
        let e = ScopeEntities(scope, context: self)
        scopes[scope] = e
        return e
    }

}

/// A checker as the per-record loop calls it: its type and an unretained reference, so that a
/// call costs no reference counting (`unowned(unsafe)` still retained around each call). Whoever
/// makes one keeps the checker alive by another reference.
struct CheckerCall {
    let type: any Checker.Type
    let object: UnsafeMutableRawPointer

    init(_ checker: any Checker) {
        type = Swift.type(of: checker)
        object = Unmanaged.passUnretained(checker as AnyObject).toOpaque()
    }

    @inline(__always)
    func observe(_ r: MatchedRecord) { type.observe(unretained: object, r) }
}

extension Checker {
    /// ``observe(_:)`` on the checker `object` points to, which must be of this type.
    static func observe(unretained object: UnsafeMutableRawPointer, _ r: MatchedRecord) {
        Unmanaged<Self>.fromOpaque(object)._withUnsafeGuaranteedRef { $0.observe(r) }
    }
}

/// Runs every rule's checker over a stream of records in one pass.
public final class CheckEngine {
    /// The shared context.
    public let context: CheckContext
    /// The rules, in plan order.
    public let rules: [Rule]
    let checkers: [any Checker]
    let everyRecord: [any Checker]
    /// `checkers`, held without reference counting for the per-record calls (`checkers` keeps them
    /// alive): a retain and a release around each call were about a sixth of the counting thread.
    let calls: ContiguousArray<CheckerCall>
    var types = ByteInterner(capacity: 256)
    /// Per type id, its rules: `typeRuleList[typeRuleStart[t] ..< typeRuleStart[t + 1]]` (one flat
    /// array, so no per-record reference counting of a per-type array).
    var typeRuleStart: [Int] = [0]
    var typeRuleList: [Int] = []
    /// Worker-local org and type ids → ids of `context.units` and `types`.
    var orgKeys = KeyTranslation()
    var typeKeys = KeyTranslation()
    var keywords: [[[UInt8]]]
    var hasKeywords: [Bool]
    /// The quality checker when it is the only one that sees every record (the usual case), called
    /// directly and without reference counting (`everyRecord` keeps it alive).
    let qualityCall: Unmanaged<QualityChecker>?
    let reviewStart: Day
    let reviewEnd: Day
    /// Explanations the report prints (no roster, unresolved scopes …).
    public private(set) var notes: [String] = []

    /// Sets up one checker per rule plus the always-on ones.
    public init(plan: Plan, context: CheckContext) {
        self.context = context
        self.rules = plan.rules
        keywords = plan.rules.map { $0.keywords.map { Array($0.utf8) } }
        hasKeywords = keywords.map { !$0.isEmpty }
        // Only the year's own days count, for every period kind (weeks are cut at its edges, see
        // PeriodSlot.slots), so the count agrees with the quality warning on dates outside the year.
        reviewStart = context.yearStart
        reviewEnd = min(context.asOf, context.yearEnd)
        var checkers: [any Checker] = [], everyRecord: [any Checker] = []
        for r in plan.rules {
            let t = CheckerRegistry.named(r.checker)!
            checkers.append(t.init(rule: r, context: context))
            if case .role(let role) = r.scope, !context.people.contains(where: { $0.role == role }) {
                notes.append(context.hasRoster
                    ? "规则 \(r.id): 花名册中没有角色为“\(role)”的人员，本规则无可检查对象"
                    : "规则 \(r.id): 按角色检查需要含人员的花名册（--roster），本次未检查")
            }
        }
        for t in CheckerRegistry.all where t.seesEveryRecord {
            everyRecord.append(t.init(rule: Rule(id: t.identifier, title: "数据质量", checker: t.identifier, types: [], scope: .all), context: context))
        }
        qualityCall = (everyRecord.count == 1 ? everyRecord[0] as? QualityChecker : nil).map { Unmanaged.passUnretained($0) }
        self.checkers = checkers
        calls = ContiguousArray(checkers.map { CheckerCall($0) })
        self.everyRecord = everyRecord
        if !context.hasRoster {
            notes.append("未提供花名册（--roster）：只能检查记录中出现过的单位，完全没有记录的单位无法发现")
        }
    }

    @inline(__always)
    func rulesFor(type b: UnsafeBufferPointer<UInt8>) -> Int {
        let (id, isNew) = types.intern(b)
        if isNew {
            let name = types.strings[id]
            typeRuleList += rules.indices.filter { rules[$0].types.contains(name) }
            typeRuleStart.append(typeRuleList.count)
        }
        return id
    }

    @inline(__always)
    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        if hay.count < needle.count { return false }
        let first = needle[0]
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < needle.count && hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Counts one record.
    @inline(__always)
    public func consume(_ r: RecordView) {
        let org = r.keys.known >= 0 ? Int(r.keys.known) : orgKeys.global(table: r.keys.table, local: r.keys.org) { context.unitID(r.bytes(.org)) }
        let typeID = typeKeys.global(table: r.keys.table, local: r.keys.type) { rulesFor(type: r.bytes(.type)) }
        let matching = typeRuleStart[typeID]..<typeRuleStart[typeID + 1]
        let inReview = r.date >= reviewStart && r.date <= reviewEnd
        let m = MatchedRecord(view: r, org: org, typeCounted: !matching.isEmpty, typeID: typeID, inReview: inReview)
        if let q = qualityCall { q._withUnsafeGuaranteedRef { $0.observe(m) } } else { for c in everyRecord { c.observe(m) } }
        guard inReview else { return }
        for k in matching {
            let ri = typeRuleList[k]
            if hasKeywords[ri] {
                let title = r.bytes(.title)
                if !keywords[ri].contains(where: { CheckEngine.contains(title, $0) }) { continue }
            }
            calls[ri].observe(m)
        }
    }

    /// Without a roster: for each `kind:` scope, the units seen whose kind the name does not show
    /// (not evaluated for those rules), and how to give a roster. One note per distinct scope.
    func noteUnknownKinds() {
        var seen: [String: [String]] = [:]
        var order: [String] = []
        for c in checkers {
            guard let tally = (c as? any TallyChecker)?.tally, tally.scope.dynamicUnits else { continue }
            let scope = tally.scope
            scope.syncUnits()
            guard !scope.unitsOfUnknownKind.isEmpty else { continue }
            let units = scope.unitsOfUnknownKind.map { context.unitName($0) }.joined(separator: "、")
            let key = scope.dynamicKinds.joined(separator: "|") + "\u{0}" + units
            if seen[key] == nil { order.append(key) }
            seen[key, default: []].append(tally.rule.id)
        }
        for key in order {
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
            notes.append(Messages.text("scope.unknownKind", .zh, seen[key]!.joined(separator: "、"), parts[0], parts[1]))
        }
    }

    /// Every finding: rules in plan order, then data-quality warnings.
    public func finish() -> FindingList {
        var out = FindingList()
        for c in checkers + everyRecord { c.appendFindings(to: &out) }
        noteUnknownKinds()
        return out
    }
}

#if canImport(Glibc)
import Glibc
#endif
