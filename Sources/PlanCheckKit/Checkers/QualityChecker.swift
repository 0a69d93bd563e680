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

    let context: CheckContext
    /// The warnings, one per kind and unit; the findings are views of it.
    let store: QualityTallies
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
    /// Records seen, so that warnings keep the order in which records first caused them.
    var seq = 0

    /// A record waiting for the duplicate check.
    struct PendingCheck {
        var fingerprint: UInt64
        var day: Int32
        var org: Int32
        var seq: Int
        var ref: EvidenceRef
    }
    /// Records waiting for the duplicate check, which runs ``duplicateBatch`` at a time (see
    /// ``checkDuplicates()``).
    var pending = RawList<PendingCheck>()
    static let duplicateBatch = 32
    /// Where the warming loads' values go, so that they are not optimised away.
    var warmSink: UInt64 = 0

    public init(rule: Rule, context: CheckContext) {
        self.context = context
        duplicates = DuplicateTable(maxKeys: context.maxDuplicateKeys)
        store = QualityTallies(context: context,
                               expectedUnits: context.hasRoster ? min(QualityChecker.maxDuplicateUnits, context.rosterUnitCount) : 0)
    }

    deinit { pending.deallocate() }

    @inline(__always)
    func note(_ kind: Kind, org: Int, _ r: MatchedRecord) {
        store.add(kind, org: org, kind == .uncountedType ? nil : context.evidence.ref(r.view, withID: false), first: seq)
    }

    public func observe(_ r: MatchedRecord) {
        seq += 1
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
        // Duplicate: same date, org, type and title; checked in batches.
        pending.append(PendingCheck(fingerprint: r.view.fingerprint, day: r.date.ordinal, org: Int32(truncatingIfNeeded: r.org),
                                    seq: seq, ref: context.evidence.ref(r.view, withID: false)))
        if pending.count >= QualityChecker.duplicateBatch { checkDuplicates() }
    }

    /// Runs the duplicate check on the waiting records, in order. First the slot each of them
    /// probes first in the current day's table is loaded, in a loop whose loads do not depend on
    /// one another, so that the processor overlaps their cache misses: a province's day table is
    /// 512 KB, and probed one record at a time, between the other checkers' work, that one miss per
    /// record was a tenth of a 10M-record check's time, on the thread every record passes through.
    func checkDuplicates() {
        warmSink &+= duplicates.warm(UnsafeBufferPointer(pending.buffer))
        for x in pending.buffer {
            switch duplicates.insert(day: x.day, fingerprint: x.fingerprint) {
            case .new: break
            case .duplicate:
                let org = Int(x.org)
                let known = store.tally(.duplicate, org: org) != nil
                let own = known || duplicateUnits < QualityChecker.maxDuplicateUnits
                if own && !known { duplicateUnits += 1 }
                store.add(.duplicate, org: own ? org : -1, x.ref, first: x.seq)
            }
        }
        pending.removeAll()
    }

    /// Warnings per kind and unit, plus a possible partial-duplicates note.
    public var findingCount: Int { store.tallies.count + 1 }

    public func findings() -> [Finding] {
        checkDuplicates()
        // The two warnings that sum up many units or types get their texts now; the per-unit ones
        // (up to 10,000 duplicate warnings) are views of the store, formatted when written.
        for (i, t) in store.tallies.enumerated() {
            switch t.kind {
            case .unknownUnit:
                let units = unknownCounts.indices.filter { unknownCounts[$0] > 0 }
                if units.count == 1 {
                    let org = context.unitName(context.rosterUnitCount + units[0])
                    store.fixed[i] = (org, "单位“\(org)”不在花名册中（\(t.count) 条记录）")
                } else {
                    let top = units.sorted { unknownCounts[$0] != unknownCounts[$1] ? unknownCounts[$0] > unknownCounts[$1] : $0 < $1 }.prefix(20)
                    store.fixed[i] = ("*", "\(units.count) 个单位不在花名册中（共 \(t.count) 条记录）："
                        + top.map { "\(context.unitName(context.rosterUnitCount + $0)) \(unknownCounts[$0])" }.joined(separator: "、")
                        + (units.count > 20 ? " 等" : ""))
                }
            case .uncountedType:
                var list: [(key: String, value: Int)] = []
                for i in uncountedCounts.indices where uncountedCounts[i] > 0 { list.append((uncountedNames[i], uncountedCounts[i])) }
                list.sort { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
                store.fixed[i] = ("*", "\(list.count) 种活动类型没有规则计入（共 \(t.count) 条记录）："
                    + list.map { "\($0.key) \($0.value)" }.joined(separator: "、"))
            case .duplicate, .outsideYear, .afterAsOf, .duplicatePartial: break
            }
        }
        var out: [Finding] = []
        out.reserveCapacity(store.tallies.count + 1)
        // In the order records first caused them (duplicates were tallied a batch late).
        for i in store.firstOrder() { out.append(Finding(quality: store, Int32(i))) }
        if let p = duplicates.partial {
            let n = p.unchecked + p.unstored
            var note = "重复记录只在最多 \(duplicates.maxKeys) 条记录的指纹内精确检查（--max-duplicate-keys）："
            note += "记录未按日期排序或同一天记录过多，\(p.unchecked) 条记录所在日期的早先指纹已被移出、无法与之比较，"
            note += "\(p.unstored) 条记录的指纹未能保存；这些记录之间的重复可能未被发现。"
            note += "调大 --max-duplicate-keys（约每条 12 字节）或先按日期排序后重新检查。"
            out.append(Finding(rule: "quality", title: Kind.duplicatePartial.title, checker: QualityChecker.identifier, org: "*",
                               period: store.year, start: context.yearStart, end: context.yearEnd, required: 0, actual: n,
                               status: .warning, due: context.yearEnd, measure: "条", evidenceCount: n,
                               note: note))
        }
        return out
    }
}

/// The quality checker's warnings, one per kind and unit, in compact form: a tally is 24 bytes,
/// its evidence sits in one shared array (`cap` references per tally) and its unit is found by
/// an array lookup, so a province's 10,000 per-unit duplicate warnings take about 1 MB and no
/// more objects than a street's few. Their findings (``Finding``'s `quality` storage) are views
/// of this table; unit names and notes are formatted only when a report is written.
final class QualityTallies: @unchecked Sendable {
    struct Tally {
        var count: Int
        /// Where the first record came: ``QualityChecker/seq`` × 8 + the kind's place in a record's checks.
        var first: Int
        var org: Int32
        var kind: QualityChecker.Kind
    }

    let context: CheckContext
    /// Evidence references kept per tally.
    let cap: Int
    /// The year under review, as a period label.
    let year: String
    /// The shared texts of each kind's warnings.
    let infos: [RuleInfo]
    /// Tallies in order of first occurrence.
    private(set) var tallies: [Tally] = []
    /// Evidence: tally `i`'s references are `evidence[i * cap ..< i * cap + min(count, cap)]`
    /// while the cap is small (``dense``); with a larger cap they are in `sparse`, kept as they come,
    /// so memory follows the records cited and not cap × tallies.
    private var evidence: [EvidenceRef] = []
    private var sparse: [Int: [EvidenceRef]] = [:]
    private let dense: Bool
    /// Per kind, tally index by org + 1 (org −1 stands for all units); −1 when none yet.
    private var index: [[Int32]]
    /// Unit and note of tallies whose texts are worked out at the end (unknown units, uncounted types).
    var fixed: [Int: (org: String, note: String)] = [:]

    /// `expectedUnits`: room reserved up front for that many per-unit tallies, so that the arrays
    /// do not grow (holding two copies at once) as a large input finds more units.
    init(context: CheckContext, expectedUnits: Int) {
        self.context = context
        cap = max(context.evidenceCap, 1)
        dense = cap <= 16
        year = String(context.year)
        infos = QualityChecker.Kind.allCases.map {
            RuleInfo(id: "quality", title: $0.title, checker: QualityChecker.identifier, measure: "条")
        }
        index = [[Int32]](repeating: [], count: QualityChecker.Kind.allCases.count)
        let room = expectedUnits + QualityChecker.Kind.allCases.count
        tallies.reserveCapacity(room)
        if dense { evidence.reserveCapacity(min(room * cap, 1 << 20)) }
    }

    /// The tally of `kind` for `org`, if any.
    @inline(__always)
    func tally(_ kind: QualityChecker.Kind, org: Int) -> Int? {
        let list = index[kind.rawValue]
        guard org + 1 < list.count else { return nil }
        let i = list[org + 1]
        return i < 0 ? nil : Int(i)
    }

    /// Counts one record for `kind` and `org` (−1: all units), citing `ref` while there is room;
    /// `first` is the record's ``QualityChecker/seq``.
    @inline(__always)
    func add(_ kind: QualityChecker.Kind, org: Int, _ ref: EvidenceRef?, first: Int) {
        let i: Int
        if let t = tally(kind, org: org) {
            i = t
        } else {
            i = tallies.count
            // A record's checks run in this order: year or as-of, roster, type, duplicate.
            let place = kind == .duplicate ? 5 : kind.rawValue
            tallies.append(Tally(count: 0, first: first * 8 + place, org: Int32(truncatingIfNeeded: org), kind: kind))
            if dense { evidence.append(contentsOf: repeatElement(EvidenceRef.empty, count: cap)) }
            let k = kind.rawValue
            if index[k].count <= org + 1 { index[k] += [Int32](repeating: -1, count: org + 2 - index[k].count) }
            index[k][org + 1] = Int32(i)
        }
        let n = tallies[i].count
        if let ref, n < cap {
            if dense { evidence[i * cap + n] = ref } else { sparse[i, default: []].append(ref) }
        }
        tallies[i].count = n + 1
    }

    /// Tally indexes in the order records first caused them.
    func firstOrder() -> [Int] { tallies.indices.sorted { tallies[$0].first < tallies[$1].first } }

    /// The evidence of tally `i`.
    func refs(_ i: Int) -> ArraySlice<EvidenceRef> {
        let t = tallies[i]
        let n = t.kind == .uncountedType ? 0 : min(t.count, cap)
        if !dense { return (sparse[i] ?? []).prefix(n) }
        return evidence[i * cap ..< i * cap + n]
    }

    /// The unit of tally `i` (`*` for all units).
    func org(_ i: Int) -> String {
        if let f = fixed[i] { return f.org }
        let o = Int(tallies[i].org)
        return o >= 0 ? context.unitName(o) : "*"
    }

    /// The note of tally `i`.
    func note(_ i: Int) -> String {
        if let f = fixed[i] { return f.note }
        let t = tallies[i]
        switch t.kind {
        case .duplicate: return "\(t.count) 条记录与前面的记录日期、单位、类型、主题完全相同"
        case .outsideYear: return "\(t.count) 条记录的日期不在 \(year) 年，未计入"
        case .afterAsOf: return "\(t.count) 条记录的日期晚于检查日 \(context.asOf.iso)，未计入"
        case .unknownUnit, .uncountedType, .duplicatePartial: return ""
        }
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
    /// Most table slots (8 bytes each) held over all days: 1.5 × `maxKeys`, at least 1,024. A day's
    /// table doubles at three quarters full, so it holds 1.33 to 2.67 slots per key, by the records
    /// per day. Bounding slots at 1.5 × keys means that whichever bound a large input reaches first,
    /// the table ends up between 1.33 and 1.5 × 8 bytes × `maxKeys` (5.3–6 MiB by default), so a
    /// province's year and a tenth of it use the same memory. (At 2 × keys, a 1M-record export with
    /// 2,700 records a day stopped at the key bound with 6 MiB, a 10M one at the slot bound with 8.)
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
        maxSlots = max(1024, self.maxKeys + self.maxKeys / 2)
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
        var h = h0 ^ UInt64(truncatingIfNeeded: b.count) &* 0xFF51_AFD7_ED55_8CCD
        guard let p = b.baseAddress else { return finalize(h) }
        let n = b.count
        var i = 0
        while i &+ 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            h ^= h &>> 29
            i &+= 8
        }
        if i < n {
            h = (h ^ ByteInterner.tail(p, i, n)) &* 0xC2B2_AE3D_27D4_EB4F
            h ^= h &>> 31
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

    /// Loads the slot each check's fingerprint probes first, when its day is the current one, and
    /// returns their sum (see ``QualityChecker/checkDuplicates()``).
    func warm(_ checks: UnsafeBufferPointer<QualityChecker.PendingCheck>) -> UInt64 {
        guard haveCurrent else { return 0 }
        return current.slots.withUnsafeBufferPointer { s in
            let mask = s.count - 1
            var sink: UInt64 = 0
            for x in checks where x.day == currentDay {
                let f = x.fingerprint == 0 ? 1 : x.fingerprint
                sink &+= s[Int(truncatingIfNeeded: f >> 20) & mask]
            }
            return sink
        }
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
            // A new day starts at the last day's size. When the budget has no room for that, the
            // earliest days are dropped first, as ``makeRoom()`` would do once the day filled up:
            // growing from 8 slots instead rehashed every fingerprint and, at each doubling, held
            // the old slots and the new at once, past the budget.
            let hint = lastDaySlots
            if hint > 8 {
                while parkedSlots + hint > maxSlots, let victim = days.keys.min() { drop(victim) }
            }
            current = DaySet(capacity: hint > 8 && parkedSlots + hint <= maxSlots ? hint : 8)
        }
        currentDay = day
        haveCurrent = true
        droppedCurrent = dropped.contains(day)
    }

    /// Drops whole days, earliest first, other than the current one, until there is room.
    mutating func makeRoom() {
        while full, let victim = days.keys.min() { drop(victim) }
    }

    /// Drops a parked day's table; a later record of that day can no longer be compared.
    mutating func drop(_ day: Int32) {
        let set = days.removeValue(forKey: day)!
        held -= set.count
        parkedSlots -= set.slots.count
        dropped.insert(day)
    }
}
