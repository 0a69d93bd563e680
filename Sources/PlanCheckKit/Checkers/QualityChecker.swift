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
        /// The catalogue id of the warning's title.
        var titleID: String {
            switch self {
            case .duplicate: return "quality.title.duplicate"
            case .outsideYear: return "quality.title.outsideYear"
            case .afterAsOf: return "quality.title.afterAsOf"
            case .unknownUnit: return "quality.title.unknownUnit"
            case .uncountedType: return "quality.title.uncountedType"
            case .duplicatePartial: return "quality.title.duplicatePartial"
            }
        }
        /// The title in Chinese (the findings' `title`).
        var title: String { Messages.text(titleID, .zh) }
    }

    let context: CheckContext
    /// The warnings, one per kind and unit; the findings are views of it.
    let store: QualityTallies
    /// Per type id (``MatchedRecord/typeID``): records of that type when no rule counts it, and
    /// its name, taken from the first such record.
    var uncountedCounts: [Int] = []
    var uncountedNames: [String] = []
    let duplicates: DuplicateTable
    /// Duplicates found, per unit (tallied at the end: records whose check waited on temporary
    /// files are decided then, out of input order).
    var duplicateLog: DuplicateLog
    /// Records per unit not in the roster, by unit id − roster size.
    var unknownCounts: [Int32] = []
    /// Units with their own duplicate warning (the first by their first duplicate); beyond it
    /// duplicates are grouped under `*`.
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
        duplicates = DuplicateTable(maxKeys: context.maxDuplicateKeys, directory: context.temporaryDirectory)
        duplicateLog = DuplicateLog(cap: context.evidenceCap)
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
    /// probes first is loaded, in a loop whose loads do not depend on one another, so that the
    /// processor overlaps their cache misses: probed one record at a time, between the other
    /// checkers' work, that one miss per record was a tenth of a 10M-record check's time, on the
    /// thread every record passes through.
    func checkDuplicates() {
        warmSink &+= duplicates.warm(UnsafeBufferPointer(pending.buffer))
        for x in pending.buffer {
            if duplicates.insert(day: x.day, fingerprint: x.fingerprint, org: x.org, seq: x.seq, ref: x.ref) == .duplicate {
                duplicateLog.add(org: x.org, day: x.day, fingerprint: x.fingerprint, seq: x.seq, ref: x.ref)
            }
        }
        pending.removeAll()
    }

    /// Adds `count` records of warning `kind` for `org` (a unit, or for `.uncountedType` an
    /// activity type) as an engine counted them (`check --counts`): the same warnings and notes as
    /// a native run, citing no records.
    func restore(_ kind: Kind, org: String, count: Int) {
        store.withoutEvidence = true
        seq += 1
        switch kind {
        case .duplicate, .outsideYear, .afterAsOf:
            store.add(kind, org: context.unitID(org), nil, first: seq, count: count)
        case .unknownUnit:
            let id = context.unitID(org)
            store.add(.unknownUnit, org: -1, nil, first: seq, count: count)
            let u = id - context.rosterUnitCount
            guard u >= 0 else { return }
            if unknownCounts.count <= u { unknownCounts += [Int32](repeating: 0, count: u + 1 - unknownCounts.count) }
            unknownCounts[u] = Int32(clamping: Int(unknownCounts[u]).addingSaturating(count))
        case .uncountedType:
            store.add(.uncountedType, org: -1, nil, first: seq, count: count)
            if let i = uncountedNames.firstIndex(of: org) { uncountedCounts[i] = uncountedCounts[i].addingSaturating(count) }
            else { uncountedNames.append(org); uncountedCounts.append(count) }
        case .duplicatePartial:
            break
        }
    }

    /// Decides the records whose duplicate check waited on temporary files, and tallies every
    /// duplicate per unit.
    func tallyDuplicates() {
        checkDuplicates()
        duplicates.finish { x in
            duplicateLog.add(org: x.org, day: x.day, fingerprint: x.fingerprint, seq: x.seq, ref: x.ref)
        }
        for s in duplicateLog.summaries(maxUnits: QualityChecker.maxDuplicateUnits) {
            store.addAll(.duplicate, org: s.org, count: s.count, refs: s.refs, first: s.first)
        }
    }

    /// Warnings per kind and unit, plus a possible partial-duplicates note.
    public var findingCount: Int { store.tallies.count + 1 }

    public func findings() -> [Finding] {
        tallyDuplicates()
        // The two warnings that sum up many units or types get their texts now; the per-unit ones
        // (up to 10,000 duplicate warnings) are views of the store, formatted when written.
        for (i, t) in store.tallies.enumerated() {
            switch t.kind {
            case .unknownUnit:
                let units = unknownCounts.indices.filter { unknownCounts[$0] > 0 }
                if units.count == 1 {
                    let org = context.unitName(context.rosterUnitCount + units[0])
                    let n = t.count
                    store.fixed[i] = (org, { Messages.text("quality.note.unknownUnit", $0, org, n) })
                } else {
                    let top = units.sorted { unknownCounts[$0] != unknownCounts[$1] ? unknownCounts[$0] > unknownCounts[$1] : $0 < $1 }.prefix(20)
                    let items = top.map { "\(context.unitName(context.rosterUnitCount + $0)) \(unknownCounts[$0])" }
                    let (n, total, more) = (units.count, t.count, units.count > 20)
                    store.fixed[i] = ("*", { lang in
                        Messages.text("quality.note.unknownUnits", lang, n, total, items.joined(separator: lang == .zh ? "、" : ", "))
                            + (more ? Messages.text("quality.andMore", lang) : "")
                    })
                }
            case .uncountedType:
                var list: [(key: String, value: Int)] = []
                for i in uncountedCounts.indices where uncountedCounts[i] > 0 { list.append((uncountedNames[i], uncountedCounts[i])) }
                list.sort { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
                let items = list.map { "\($0.key) \($0.value)" }
                let total = t.count
                store.fixed[i] = ("*", { lang in
                    Messages.text("quality.note.uncountedTypes", lang, items.count, total, items.joined(separator: lang == .zh ? "、" : ", "))
                })
            case .duplicate, .outsideYear, .afterAsOf, .duplicatePartial: break
            }
        }
        var out: [Finding] = []
        out.reserveCapacity(store.tallies.count + 1)
        // In the order records first caused them (duplicates were tallied a batch late).
        for i in store.firstOrder() { out.append(Finding(quality: store, Int32(i))) }
        if duplicates.unchecked > 0 {
            let n = duplicates.unchecked
            let reason = duplicates.spillError ?? ""
            out.append(Finding(rule: "quality", titleID: Kind.duplicatePartial.titleID, checker: QualityChecker.identifier, org: "*",
                               period: store.year, start: context.yearStart, end: context.yearEnd,
                               status: .warning, due: context.yearEnd, measure: "条", actual: n, evidenceCount: n,
                               note: { Messages.text("duplicates.spillFailed", $0, n, reason) }))
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
    /// Whether the tallies were restored from counts (`check --counts`) and cite no records.
    var withoutEvidence = false
    /// Unit and note of tallies whose texts are worked out at the end (unknown units, uncounted types).
    var fixed: [Int: (org: String, note: (Lang) -> String)] = [:]

    /// `expectedUnits`: room reserved up front for that many per-unit tallies, so that the arrays
    /// do not grow (holding two copies at once) as a large input finds more units.
    init(context: CheckContext, expectedUnits: Int) {
        self.context = context
        cap = max(context.evidenceCap, 1)
        dense = cap <= 16
        year = String(context.year)
        infos = QualityChecker.Kind.allCases.map {
            RuleInfo(id: "quality", title: $0.title, checker: QualityChecker.identifier, measure: "条", titleID: $0.titleID)
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
    func add(_ kind: QualityChecker.Kind, org: Int, _ ref: EvidenceRef?, first: Int, count: Int = 1) {
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
        tallies[i].count = n.addingSaturating(count)   // counts restored from a file may be huge
    }

    /// Counts `count` records for `kind` and `org` at once, citing `refs` (at most `cap`); `first`
    /// is the first record's ``QualityChecker/seq``.
    func addAll(_ kind: QualityChecker.Kind, org: Int, count: Int, refs: [EvidenceRef], first: Int) {
        guard count > 0 else { return }
        for r in refs.prefix(count) { add(kind, org: org, r, first: first) }
        let rest = count - min(refs.count, count)
        if rest > 0 {
            if refs.isEmpty { add(kind, org: org, nil, first: first); if let i = tally(kind, org: org) { tallies[i].count += rest - 1 } }
            else if let i = tally(kind, org: org) { tallies[i].count += rest }
        }
    }

    /// Tally indexes in the order records first caused them.
    func firstOrder() -> [Int] { tallies.indices.sorted { tallies[$0].first < tallies[$1].first } }

    /// The evidence of tally `i`.
    func refs(_ i: Int) -> ArraySlice<EvidenceRef> {
        let t = tallies[i]
        let n = t.kind == .uncountedType || withoutEvidence ? 0 : min(t.count, cap)
        if !dense { return (sparse[i] ?? []).prefix(n) }
        return evidence[i * cap ..< i * cap + n]
    }

    /// The unit of tally `i` (`*` for all units).
    func org(_ i: Int) -> String {
        if let f = fixed[i] { return f.org }
        let o = Int(tallies[i].org)
        return o >= 0 ? context.unitName(o) : "*"
    }

    /// The note of tally `i` in `lang`.
    func note(_ i: Int, _ lang: Lang = .zh) -> String {
        if let f = fixed[i] { return f.note(lang) }
        let t = tallies[i]
        switch t.kind {
        case .duplicate: return Messages.text("quality.note.duplicate", lang, t.count)
        case .outsideYear: return Messages.text("quality.note.outsideYear", lang, t.count, year)
        case .afterAsOf: return Messages.text("quality.note.afterAsOf", lang, t.count, context.asOf.iso)
        case .unknownUnit, .uncountedType, .duplicatePartial: return ""
        }
    }
}
