/// `quality`: always on. Flags duplicates, dates outside the year or after as-of, units not in
/// the roster, and activity types no rule counts.
public final class QualityChecker: Checker {
    public static let identifier = "quality"
    public static let summary = "Always on: duplicate records, dates outside the year, dates after as-of, units not in the roster, types no rule counts."
    public static let requiredColumns: [PlanColumn] = []
    public static let seesEveryRecord = true
    public static let examples: [CheckerExample] = [
        CheckerExample(
            summary: "The same date, org, type and title twice is a duplicate; a unit missing from the roster is flagged.",
            rule: [:],
            records: """
            date,org,type,participants,title,lead,target
            2022-05-02,甲支部,主题党日,10,五月主题党日,,
            2022-05-02,甲支部,主题党日,10,五月主题党日,,
            2022-06-01,无名支部,主题党日,10,六月主题党日,,
            """,
            asOf: "2022-12-31",
            expected: ["甲支部||2022|1|warning", "无名支部||2022|1|warning"],
            units: ["甲支部|社区党支部"]),
    ]

    enum Kind: Int, CaseIterable {
        case duplicate, outsideYear, afterAsOf, unknownUnit, uncountedType, duplicatePartial
        var title: String {
            switch self {
            case .duplicate: return "重复记录"
            case .outsideYear: return "日期不在检查年度内"
            case .afterAsOf: return "日期晚于检查日"
            case .unknownUnit: return "单位不在花名册中"
            case .uncountedType: return "活动类型未被任何规则计入"
            case .duplicatePartial: return "重复记录检查不完整"
            }
        }
    }

    struct Tally { var kind: Kind; var org: Int; var count = 0; var evidence: [EvidenceRef] = [] }

    let context: CheckContext
    /// Tallies in order of first occurrence; `index` finds one by kind and org.
    var tallies: [Tally] = []
    var index: [Int: Int] = [:]
    var uncountedTally = -1
    /// Per type id (``MatchedRecord/typeID``): records of that type when no rule counts it, and
    /// its name, taken from the first such record.
    var uncountedCounts: [Int] = []
    var uncountedNames: [String] = []
    var duplicates: DuplicateTable
    /// Records per unit not in the roster, by unit id − roster size.
    var unknownCounts: [Int32] = []
    var duplicateUnits = 0
    /// Units with their own duplicate warning; beyond it duplicates are grouped under `*`.
    static let maxDuplicateUnits = 10_000

    public init(rule: Rule, context: CheckContext) {
        self.context = context
        duplicates = DuplicateTable(maxKeys: context.maxDuplicateKeys)
    }

    @inline(__always)
    func tally(_ kind: Kind, org: Int) -> Int {
        if kind == .uncountedType && uncountedTally >= 0 { return uncountedTally }
        let key = kind.rawValue << 40 | (org + 1)
        if let i = index[key] { return i }
        let i = tallies.count
        tallies.append(Tally(kind: kind, org: org))
        index[key] = i
        if kind == .uncountedType { uncountedTally = i }
        return i
    }

    func note(_ kind: Kind, org: Int, _ r: MatchedRecord) {
        let i = tally(kind, org: org)
        tallies[i].count += 1
        if kind != .uncountedType && tallies[i].evidence.count < max(context.evidenceCap, 1) {
            tallies[i].evidence.append(context.evidence.ref(r.view, withID: false))
        }
    }

    public func observe(_ r: MatchedRecord) {
        if r.date < context.yearStart || r.date > context.yearEnd { note(.outsideYear, org: r.org, r) }
        else if r.date > context.asOf { note(.afterAsOf, org: r.org, r) }
        if context.hasRoster && !context.inRoster(r.org) {
            // One warning for all units missing from the roster (a million of them must not make a
            // million lines); counts per unit for the note.
            note(.unknownUnit, org: -1, r)
            let u = r.org - context.rosterUnitCount
            if unknownCounts.count <= u { unknownCounts += [Int32](repeating: 0, count: u + 1 - unknownCounts.count) }
            unknownCounts[u] += 1
        }
        if !r.typeCounted {
            note(.uncountedType, org: -1, r)
            let id = r.typeID
            if uncountedCounts.count <= id {
                uncountedCounts += [Int](repeating: 0, count: id + 1 - uncountedCounts.count)
                uncountedNames += [String](repeating: "", count: id + 1 - uncountedNames.count)
            }
            if uncountedCounts[id] == 0 { uncountedNames[id] = r.view.string(.type) }
            uncountedCounts[id] += 1
        }
        // Duplicate: same date, org, type and title.
        switch duplicates.insert(day: r.date.ordinal, fingerprint: r.view.fingerprint) {
        case .new: break
        case .duplicate:
            let own = index[Kind.duplicate.rawValue << 40 | (r.org + 1)] != nil || duplicateUnits < QualityChecker.maxDuplicateUnits
            if own && index[Kind.duplicate.rawValue << 40 | (r.org + 1)] == nil { duplicateUnits += 1 }
            note(.duplicate, org: own ? r.org : -1, r)
        }
    }

    /// Warnings per kind and unit, plus a possible partial-duplicates note.
    public var findingCount: Int { tallies.count + 1 }

    public func findings() -> [Finding] {
        let y = String(context.year)
        let infos = Kind.allCases.map { RuleInfo(id: "quality", title: $0.title, checker: QualityChecker.identifier, measure: "条") }
        var out: [Finding] = []
        out.reserveCapacity(tallies.count + 1)
        for t in tallies {
            let kind = t.kind
            var org = t.org >= 0 ? context.unitName(t.org) : "*"
            let detail: String
            switch kind {
            case .duplicate: detail = "\(t.count) 条记录与前面的记录日期、单位、类型、主题完全相同"
            case .outsideYear: detail = "\(t.count) 条记录的日期不在 \(y) 年，未计入"
            case .afterAsOf: detail = "\(t.count) 条记录的日期晚于检查日 \(context.asOf.iso)，未计入"
            case .unknownUnit:
                let units = unknownCounts.indices.filter { unknownCounts[$0] > 0 }
                if units.count == 1 {
                    org = context.unitName(context.rosterUnitCount + units[0])
                    detail = "单位“\(org)”不在花名册中（\(t.count) 条记录）"
                } else {
                    let top = units.sorted { unknownCounts[$0] != unknownCounts[$1] ? unknownCounts[$0] > unknownCounts[$1] : $0 < $1 }.prefix(20)
                    detail = "\(units.count) 个单位不在花名册中（共 \(t.count) 条记录）："
                        + top.map { "\(context.unitName(context.rosterUnitCount + $0)) \(unknownCounts[$0])" }.joined(separator: "、")
                        + (units.count > 20 ? " 等" : "")
                }
            case .uncountedType:
                var list: [(key: String, value: Int)] = []
                for i in uncountedCounts.indices where uncountedCounts[i] > 0 { list.append((uncountedNames[i], uncountedCounts[i])) }
                list.sort { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
                detail = "\(list.count) 种活动类型没有规则计入（共 \(t.count) 条记录）：" + list.map { "\($0.key) \($0.value)" }.joined(separator: "、")
            case .duplicatePartial: continue
            }
            out.append(Finding(info: infos[kind.rawValue], org: org, period: y, start: context.yearStart, end: context.yearEnd,
                               actual: t.count, status: .warning, evidence: t.evidence, pool: context.evidence,
                               evidenceCount: t.count, note: detail))
        }
        if let p = duplicates.partial {
            let n = p.unchecked + p.unstored
            var note = "重复记录只在最多 \(duplicates.maxKeys) 条记录的指纹内精确检查（--max-duplicate-keys）："
            note += "记录未按日期排序或同一天记录过多，\(p.unchecked) 条记录所在日期的早先指纹已被移出、无法与之比较，"
            note += "\(p.unstored) 条记录的指纹未能保存；这些记录之间的重复可能未被发现。"
            note += "调大 --max-duplicate-keys（约每条 16 字节）或先按日期排序后重新检查。"
            out.append(Finding(rule: "quality", title: Kind.duplicatePartial.title, checker: QualityChecker.identifier, org: "*",
                               period: y, start: context.yearStart, end: context.yearEnd, required: 0, actual: n,
                               status: .warning, due: context.yearEnd, measure: "条", evidenceCount: n,
                               note: note))
        }
        return out
    }
}

/// Duplicate detection in bounded memory: the fingerprints (64-bit hashes of org, type and title,
/// ``RecordKeys/fingerprint(org:type:title:)``) of at most `maxKeys` records, kept per day.
///
/// Semantics: a record is a duplicate when an earlier record has the same day and fingerprint.
/// While the records seen hold at most `maxKeys` fingerprints, detection is exact (up to 64-bit
/// hash collisions). Past that, the whole table of the earliest day held (other than the current
/// record's) is dropped to make room. Input in date order loses nothing by that — a day once
/// passed does not come back — so detection stays exact; otherwise a later record of a dropped
/// day is counted as `unchecked`, and a record that finds the table full of its own day is counted
/// as `unstored`. Either count makes ``partial`` non-nil, and the check report says so: a limit is
/// never silent.
struct DuplicateTable {
    enum Outcome { case new, duplicate }

    /// Open addressing over fingerprints of one day; 0 marks an empty slot.
    struct DaySet {
        var slots: [UInt64]
        var count = 0
        /// An empty set of `capacity` slots (a power of two, at least 8).
        init(capacity: Int = 8) { slots = [UInt64](repeating: 0, count: capacity) }

        /// Inserts; returns false when the fingerprint was present. `room` false: look up only.
        @inline(__always)
        mutating func insert(_ f: UInt64, room: Bool) -> (present: Bool, stored: Bool) {
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: f >> 20) & mask
            while true {
                let x = slots[i]
                if x == f { return (true, false) }
                if x == 0 { break }
                i = (i + 1) & mask
            }
            guard room else { return (false, false) }
            slots[i] = f
            count += 1
            if count * 4 > slots.count * 3 { grow() }
            return (false, true)
        }

        /// Slots after one more insert (the table doubles at three quarters full).
        var slotsAfterInsert: Int { (count + 1) * 4 > slots.count * 3 ? 2 * slots.count : slots.count }

        mutating func grow() {
            let old = slots
            slots = [UInt64](repeating: 0, count: old.count * 2)
            let mask = slots.count - 1
            for f in old where f != 0 {
                var i = Int(truncatingIfNeeded: f >> 20) & mask
                while slots[i] != 0 { i = (i + 1) & mask }
                slots[i] = f
            }
        }
    }

    /// Most fingerprints kept.
    let maxKeys: Int
    /// Most table slots (8 bytes each) held over all days: 2 × `maxKeys`, at least 1,024. A day's
    /// table doubles as it fills, so its slots per key vary with the records per day; bounding
    /// slots as well keeps memory the same whatever the input's size.
    let maxSlots: Int
    var days: [Int32: DaySet] = [:]
    var held = 0
    /// Slots of the parked days' tables.
    var parkedSlots = 0
    var dropped = Set<Int32>()
    var unchecked = 0
    var unstored = 0
    var current = DaySet()
    var currentDay = Int32.min
    var haveCurrent = false
    var droppedCurrent = false
    /// Slots the last day set out of the parked ones reached: a new day starts at that size, within
    /// the budget (the days of one export are alike; growing from 8 slots each day rehashed every
    /// fingerprint about twice).
    var lastDaySlots = 8

    init(maxKeys: Int) {
        self.maxKeys = max(1, maxKeys)
        maxSlots = max(1024, 2 * self.maxKeys)
    }

    /// Whether a new fingerprint needs room made first.
    @inline(__always)
    var full: Bool { held >= maxKeys || parkedSlots + current.slotsAfterInsert > maxSlots }

    /// Non-nil when detection was not exact (see the type's documentation).
    var partial: (unchecked: Int, unstored: Int)? {
        unchecked + unstored > 0 ? (unchecked, unstored) : nil
    }

    @inline(__always)
    static func seed(_ x: UInt64) -> UInt64 { (x ^ 0x243F_6A88_85A3_08D3) &* 0x9E37_79B9_7F4A_7C15 }

    /// Mixes a byte string (and its length, so field boundaries count) into `h`, a word at a time.
    @inline(__always)
    static func mix(_ h0: UInt64, _ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = h0 ^ UInt64(b.count) &* 0xFF51_AFD7_ED55_8CCD
        guard let p = b.baseAddress else { return finalize(h) }
        let n = b.count
        var i = 0
        while i + 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        if i < n {
            h = (h ^ ByteInterner.tail(p, i, n)) &* 0xC2B2_AE3D_27D4_EB4F
            h ^= h >> 31
        }
        return finalize(h)
    }

    @inline(__always)
    static func finalize(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// Records one fingerprint for `day`.
    @inline(__always)
    mutating func insert(day: Int32, fingerprint: UInt64) -> Outcome {
        let f = fingerprint == 0 ? 1 : fingerprint
        if !haveCurrent || day != currentDay { switchTo(day) }
        if droppedCurrent { unchecked += 1 }
        if full {
            // Full: a repeat is still found; a new fingerprint needs room first.
            if current.insert(f, room: false).present { return .duplicate }
            makeRoom()
            if full { unstored += 1; return .new }
        }
        if current.insert(f, room: true).present { return .duplicate }
        held += 1
        return .new
    }

    /// Parks the current day's set and takes out `day`'s (records of a day come in runs).
    mutating func switchTo(_ day: Int32) {
        if haveCurrent {
            days[currentDay] = current
            parkedSlots += current.slots.count
            lastDaySlots = current.slots.count
        }
        if let parked = days.removeValue(forKey: day) {
            current = parked
            parkedSlots -= parked.slots.count
        } else {
            let hint = lastDaySlots
            current = DaySet(capacity: hint > 8 && parkedSlots + 2 * hint <= maxSlots ? hint : 8)
        }
        currentDay = day
        haveCurrent = true
        droppedCurrent = dropped.contains(day)
    }

    /// Drops whole days, earliest first, other than the current one, until there is room.
    mutating func makeRoom() {
        while full, let victim = days.keys.min() {
            let set = days.removeValue(forKey: victim)!
            held -= set.count
            parkedSlots -= set.slots.count
            dropped.insert(victim)
        }
    }
}
