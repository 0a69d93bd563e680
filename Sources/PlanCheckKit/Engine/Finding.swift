/// The status of one rule for one unit (or person) and period.
public enum Status: String, CaseIterable, Sendable, Comparable {
    /// The requirement is fulfilled.
    case met
    /// The period has not started yet.
    case upcoming
    /// Within the period and keeping pace.
    case onTrack = "on-track"
    /// A data-quality warning (the `quality` checker).
    case warning
    /// Within the period and behind pace, or nearly out of time.
    case atRisk = "at-risk"
    /// The period is over and the requirement was not met.
    case missed

    /// Severity order used by `--fail-on`: met/upcoming/on-track < warning < at-risk < missed.
    var severity: Int {
        switch self {
        case .met, .upcoming, .onTrack: return 0
        case .warning: return 1
        case .atRisk: return 2
        case .missed: return 3
        }
    }

    /// Whether this is something wrong (what `--quiet` prints).
    public var isProblem: Bool { severity > 0 }

    public static func < (a: Status, b: Status) -> Bool { a.severity < b.severity }

    /// The status in a person's words: 达标, 未达标, 滞后, 正常推进, 未开始, 提示 (`.en`: the code).
    public func label(_ lang: Lang) -> String {
        switch self {
        case .met: return Messages.text("status.met", lang)
        case .missed: return Messages.text("status.missed", lang)
        case .atRisk: return Messages.text("status.atRisk", lang)
        case .onTrack: return Messages.text("status.onTrack", lang)
        case .upcoming: return Messages.text("status.upcoming", lang)
        case .warning: return Messages.text("status.warning", lang)
        }
    }

    /// Decides the status of a period, by the pro-rata rule documented in README:
    /// met when `actual >= required`; otherwise missed once the period (or the year under review)
    /// is over, upcoming before it starts, and within it at-risk when, with at least one day gone,
    /// `actual < required × daysGone / daysInPeriod` (rounded down) or when at most
    /// min(14, half the period) days are left; on-track otherwise.
    public static func evaluate(required: Int, actual: Int, start: Day, end: Day, asOf: Day, yearEnd: Day) -> Status {
        PeriodPhase(required: required, start: start, end: end, asOf: asOf, yearEnd: yearEnd).status(actual: actual, required: required)
    }
}

/// Where a period stands on the as-of day, everything ``Status/evaluate(required:actual:start:end:asOf:yearEnd:)``
/// needs besides the actual count: the calendar half of a status. `plancheck sql` ships it to the
/// engine as literal values, so a warehouse decides statuses by exactly this rule.
public struct PeriodPhase: Sendable, Equatable {
    /// The as-of day relative to the period.
    public enum Phase: String, Sendable {
        /// The period (or the year under review) is over: below the threshold is missed.
        case over
        /// The period has not started: upcoming.
        case before
        /// As-of is the period's first day: on-track whatever the count.
        case first
        /// Within the period, at least one day gone: at-risk or on-track by pace.
        case during
    }
    /// The phase.
    public let phase: Phase
    /// The pro-rata count expected by now (`required × daysGone / daysInPeriod`, rounded down).
    public let expected: Int
    /// Whether at most min(14, half the period) days are left.
    public let nearEnd: Bool

    /// The phase of the period `start...end` for a threshold of `required` as of `asOf`.
    @inline(__always)
    public init(required: Int, start: Day, end: Day, asOf: Day, yearEnd: Day) {
        if asOf >= end || asOf >= yearEnd { phase = .over; expected = 0; nearEnd = false; return }
        if asOf < start { phase = .before; expected = 0; nearEnd = false; return }
        let gone = start.days(to: asOf)
        if gone == 0 { phase = .first; expected = 0; nearEnd = false; return }
        let length = start.days(to: end) + 1
        let left = asOf.days(to: end) + 1
        phase = .during
        expected = required * gone / length
        nearEnd = left <= min(14, length / 2)
    }

    /// The status of `actual` against `required` in this phase.
    @inline(__always)
    public func status(actual: Int, required: Int) -> Status {
        if actual >= required { return .met }
        switch phase {
        case .over: return .missed
        case .before: return .upcoming
        case .first: return .onTrack
        case .during: return actual < expected || nearEnd ? .atRisk : .onTrack
        }
    }
}

/// What every finding of one rule shares, held once (a province has hundreds of thousands of findings).
public final class RuleInfo: Sendable {
    /// Rule id.
    public let id: String
    /// Rule title.
    public let title: String
    /// Checker identifier.
    public let checker: String
    /// Unit of `required`/`actual` for people: 次, 人次, 条.
    public let measure: String
    /// Clause locator.
    public let clause: String
    /// The clause, verbatim.
    public let source: String
    /// The catalogue id of a title the program writes (data-quality warnings), so that it is said
    /// in the report's language; nil for a plan's rules, whose titles are the plan's words.
    public let titleID: String?

    /// Creates the shared part of a rule's findings.
    public init(id: String, title: String, checker: String, measure: String = "次", clause: String = "", source: String = "",
                titleID: String? = nil) {
        self.id = id; self.title = title; self.checker = checker; self.measure = measure; self.clause = clause; self.source = source
        self.titleID = titleID
    }

    /// The title in `lang` (a plan rule's title as written).
    public func title(_ lang: Lang) -> String { titleID.map { Messages.text($0, lang) } ?? title }
}

/// Where a counted record is: 24 bytes, kept for at most `--evidence-cap` records a finding, as they
/// are cited (``SlotTally/evidenceLog``); formatted only when a report is written. An id of up to 16
/// bytes is kept inline; a longer one is not, and the record is cited by file and line only.
public struct EvidenceRef: Sendable, Equatable {
    /// Input index.
    public var file: Int32
    /// Physical line.
    public var line: Int32
    /// The id's UTF-8 bytes, zero-padded (ids never hold NUL: such rows are rejected).
    var id: (UInt64, UInt64)

    /// A reference that cites nothing yet.
    static let empty = EvidenceRef(file: 0, line: 0, id: (0, 0))

    public static func == (a: EvidenceRef, b: EvidenceRef) -> Bool {
        a.file == b.file && a.line == b.line && a.id.0 == b.id.0 && a.id.1 == b.id.1
    }
}

/// A counted record's date, type and title, read back for the self-review's evidence.
public struct EvidenceRecord: Sendable, Equatable {
    /// The activity's day.
    public var date: Day
    /// Its activity type.
    public var type: String
    /// Its title (may be empty).
    public var title: String
    /// The key of a reference: input index and line.
    static func key(_ e: EvidenceRef) -> Int64 { Int64(e.file) << 32 | Int64(e.line) }
}

/// The input names ``EvidenceRef``s point into.
public final class EvidencePool: @unchecked Sendable {
    /// Input names, by file index.
    public var fileNames: [String] = [] {
        didSet {
            nameText.removeAll()
            nameEnds.removeAll()
            for n in fileNames {
                var n = n
                n.withUTF8 { nameText.append(contentsOf: $0) }
                nameEnds.append(nameText.count)
            }
        }
    }
    /// The names' bytes back to back, and where each ends: a label copies its file's name from
    /// here. Raw lists, not arrays: both report threads format labels, and reading a shared
    /// `String` or `Array` counted a reference to it, an atomic operation on one cache line from
    /// two cores, three times a row.
    private var nameText = RawList<UInt8>()
    private var nameEnds = RawList<Int>()

    deinit {
        nameText.deallocate()
        nameEnds.deallocate()
    }

    /// Creates an empty pool.
    public init() {}

    /// A reference to a record, with its id inline when `withID` and it fits in 16 bytes.
    @inline(__always)
    func ref(_ r: RecordView, withID: Bool = true) -> EvidenceRef {
        var e = EvidenceRef(file: Int32(r.fileIndex), line: Int32(r.line), id: (0, 0))
        if !withID { return e }
        let id = r.bytes(.id)
        if withID && !id.isEmpty && id.count <= 16 {
            withUnsafeMutableBytes(of: &e.id) { raw in raw.copyMemory(from: UnsafeRawBufferPointer(id)) }
        }
        return e
    }

    /// How a record is cited: `file:line`, with `#id` when the record has an id (a 序号 is only
    /// unique within its file, so the location always comes first).
    public func label(_ e: EvidenceRef) -> String {
        var out: [UInt8] = []
        appendLabel(e, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the labels of `refs`, separated by spaces.
    func appendLabels<C: Collection<EvidenceRef>, B: ByteAppending>(_ refs: C, to out: inout B) {
        for (i, r) in refs.enumerated() {
            if i > 0 { out.append(byte: UInt8(ascii: " ")) }
            appendLabel(r, to: &out)
        }
    }

    /// Appends ``label(_:)``'s bytes.
    func appendLabel<B: ByteAppending>(_ e: EvidenceRef, to out: inout B) {
        let f = Int(e.file)
        if f >= 0 && f < nameEnds.count {
            let ends = nameEnds.buffer
            let lo = f == 0 ? 0 : ends[f &- 1]
            out.append(bytes: UnsafeBufferPointer(rebasing: UnsafeBufferPointer(nameText.buffer)[lo..<ends[f]]))
        } else {
            out.append(byte: UInt8(ascii: "?"))
        }
        out.append(byte: UInt8(ascii: ":"))
        CSVWriter.appendDecimal(Int(e.line), to: &out)
        if e.id.0 == 0 { return }
        out.append(byte: UInt8(ascii: "#"))
        var id = e.id
        withUnsafeBytes(of: &id) { raw in
            let b = raw.bindMemory(to: UInt8.self)
            out.append(bytes: UnsafeBufferPointer(rebasing: b[..<(b.firstIndex(of: 0) ?? b.count)]))
        }
    }
}

/// A finding whose every field is stored (the partial-duplicates warning, tests).
final class StoredFinding: Sendable {
    let info: RuleInfo
    let org: String, person: String, period: String
    let start: Day, end: Day, due: Day
    let required: Int, actual: Int, evidenceCount: Int
    let status: Status
    let evidence: [String]
    let note: String
    /// The note in a report's language, when the program wrote it (nil: `note` as given).
    let localizedNote: (@Sendable (Lang) -> String)?

    init(info: RuleInfo, org: String, person: String, period: String, start: Day, end: Day, due: Day, required: Int,
         actual: Int, evidenceCount: Int, status: Status, evidence: [String], note: String,
         localizedNote: (@Sendable (Lang) -> String)? = nil) {
        self.info = info; self.org = org; self.person = person; self.period = period; self.start = start; self.end = end
        self.due = due; self.required = required; self.actual = actual; self.evidenceCount = evidenceCount
        self.status = status; self.evidence = evidence; self.note = note; self.localizedNote = localizedNote
    }
}

/// One line of a check report: a rule × unit (or person) × period, required vs actual.
///
/// A province's check has hundreds of thousands of these, so a finding of a counting rule is only
/// a view of one cell of its rule's ``SlotTally`` (24 bytes), and a data-quality warning one of a
/// ``QualityTallies`` entry: its texts, numbers and evidence are read from the tally when a
/// reporter asks for them.
public struct Finding: Sendable, Equatable {
    enum Storage: Sendable {
        case cell(SlotTally, Int32, Int32)   // tally, entity, slot
        case quality(QualityTallies, Int32)  // the quality checker's warnings, tally
        case stored(StoredFinding)
    }
    let storage: Storage

    /// A view of cell (entity `e`, slot `s`) of `tally`.
    init(tally: SlotTally, entity e: Int, slot s: Int) { storage = .cell(tally, Int32(e), Int32(s)) }

    /// A view of tally `i` of the quality checker's warnings.
    init(quality store: QualityTallies, _ i: Int32) { storage = .quality(store, i) }

    /// Creates a finding with its own texts (quality warnings, tests).
    public init(rule: String, title: String, checker: String, org: String, person: String = "", period: String,
                start: Day, end: Day, required: Int, actual: Int, status: Status, due: Day, measure: String = "次",
                clause: String = "", source: String = "", evidence: [String] = [], evidenceCount: Int = 0, note: String = "") {
        storage = .stored(StoredFinding(
            info: RuleInfo(id: rule, title: title, checker: checker, measure: measure, clause: clause, source: source),
            org: org, person: person, period: period, start: start, end: end, due: due, required: required, actual: actual,
            evidenceCount: evidenceCount, status: status, evidence: evidence, note: note))
    }

    /// A stored finding whose title and note the program writes, in the report's language.
    init(rule: String, titleID: String, checker: String, org: String, period: String, start: Day, end: Day,
         status: Status, due: Day, measure: String, actual: Int, evidenceCount: Int, note: @escaping @Sendable (Lang) -> String) {
        storage = .stored(StoredFinding(
            info: RuleInfo(id: rule, title: Messages.text(titleID, .zh), checker: checker, measure: measure, titleID: titleID),
            org: org, person: "", period: period, start: start, end: end, due: due, required: 0, actual: actual,
            evidenceCount: evidenceCount, status: status, evidence: [], note: note(.zh), localizedNote: note))
    }

    /// The tally whose cell this finding is, nil for other findings.
    var tally: SlotTally? {
        if case .cell(let t, _, _) = storage { return t }
        return nil
    }

    /// The entity and slot of this finding when it is a cell of `t`, else nil.
    func cell(of t: SlotTally) -> (entity: Int, slot: Int)? {
        if case .cell(let u, let e, let s) = storage, u === t { return (Int(e), Int(s)) }
        return nil
    }

    /// The shared texts of the rule.
    public var info: RuleInfo {
        switch storage {
        case .cell(let t, _, _): return t.findingInfo
        case .quality(let q, let i): return q.infos[q.tallies[Int(i)].kind.rawValue]
        case .stored(let f): return f.info
        }
    }
    /// Unit name (`*` for a rule scoped to all units).
    public var org: String {
        switch storage {
        case .cell(let t, let e, _): return t.scope.org(Int(e))
        case .quality(let q, let i): return q.org(Int(i))
        case .stored(let f): return f.org
        }
    }
    /// Person name for role-scoped rules, else empty.
    public var person: String {
        switch storage {
        case .cell(let t, let e, _): return t.scope.person(Int(e))
        case .quality: return ""
        case .stored(let f): return f.person
        }
    }
    /// Period label (`2022`, `2022-Q3`, a window's name …).
    public var period: String {
        switch storage {
        case .cell(let t, _, let s): return t.slots[Int(s)].label
        case .quality(let q, _): return q.year
        case .stored(let f): return f.period
        }
    }
    /// First day of the period.
    public var start: Day {
        switch storage {
        case .cell(let t, _, let s): return t.slots[Int(s)].start
        case .quality(let q, _): return q.context.yearStart
        case .stored(let f): return f.start
        }
    }
    /// Last day of the period.
    public var end: Day {
        switch storage {
        case .cell(let t, _, let s): return t.slots[Int(s)].end
        case .quality(let q, _): return q.context.yearEnd
        case .stored(let f): return f.end
        }
    }
    /// Last day on which a record still counts.
    public var due: Day {
        switch storage {
        case .cell(let t, _, let s): return t.slots[Int(s)].end
        case .quality(let q, _): return q.context.yearEnd
        case .stored(let f): return f.due
        }
    }
    /// Required count or sum.
    public var required: Int {
        switch storage {
        case .cell(let t, _, _): return t.rule.threshold
        case .quality: return 0
        case .stored(let f): return f.required
        }
    }
    /// Actual count or sum.
    public var actual: Int {
        switch storage {
        case .cell(let t, let e, let s): return t.cells[Int(e) * t.slots.count + Int(s)].value
        case .quality(let q, let i): return q.tallies[Int(i)].count
        case .stored(let f): return f.actual
        }
    }
    /// How many records counted in all (evidence may be capped).
    public var evidenceCount: Int {
        switch storage {
        case .cell(let t, let e, let s): return t.cells[Int(e) * t.slots.count + Int(s)].count
        case .quality(let q, let i): return q.tallies[Int(i)].count
        case .stored(let f): return f.evidenceCount
        }
    }
    /// Status.
    public var status: Status {
        switch storage {
        case .cell(let t, _, let s):
            let slot = t.slots[Int(s)]
            return Status.evaluate(required: t.rule.threshold, actual: actual, start: slot.start, end: slot.end,
                                   asOf: t.context.asOf, yearEnd: t.context.yearEnd)
        case .quality: return .warning
        case .stored(let f): return f.status
        }
    }
    /// Extra explanation (quality warnings).
    public var note: String { note(.zh) }

    /// The note in `lang` (data-quality warnings are written in the report's language).
    public func note(_ lang: Lang) -> String {
        switch storage {
        case .cell: return ""
        case .quality(let q, let i): return q.note(Int(i), lang)
        case .stored(let f): return f.localizedNote?(lang) ?? f.note
        }
    }
    /// Ids or file:line of the records that counted (capped), formatted now.
    public var evidence: [String] {
        switch storage {
        case .cell(let t, let e, let s): return t.evidenceRefs(entity: Int(e), slot: Int(s)).map(t.context.evidence.label)
        case .quality(let q, let i): return q.refs(Int(i)).map(q.context.evidence.label)
        case .stored(let f): return f.evidence
        }
    }

    /// The references behind ``evidence`` (none for a finding with its own texts).
    var evidenceRefs: [EvidenceRef] {
        switch storage {
        case .cell(let t, let e, let s): return Array(t.evidenceRefs(entity: Int(e), slot: Int(s)))
        case .quality(let q, let i): return Array(q.refs(Int(i)))
        case .stored: return []
        }
    }

    /// Each counted record as the self-review shows it: its date and title, then where it is
    /// (`2022-03-15 支部分析研判会（records.csv:152）`); the labels alone when the report has no
    /// details (standard input cannot be read twice).
    public func evidenceLines(_ details: [Int64: EvidenceRecord], lang: Lang) -> [String] {
        let refs = evidenceRefs
        let labels = evidence
        guard !details.isEmpty, refs.count == labels.count else { return labels }
        return zip(refs, labels).map { ref, label in
            guard let d = details[EvidenceRecord.key(ref)] else { return label }
            return Messages.text("report.evidenceRecord", lang, d.date.iso, d.title.isEmpty ? d.type : d.title, label)
        }
    }

    /// Appends ``evidence`` joined by spaces, as bytes (what the CSV report writes).
    func appendEvidence<B: ByteAppending>(to out: inout B) {
        switch storage {
        case .cell(let t, let e, let s): t.context.evidence.appendLabels(t.evidenceRefs(entity: Int(e), slot: Int(s)), to: &out)
        case .quality(let q, let i): q.context.evidence.appendLabels(q.refs(Int(i)), to: &out)
        case .stored(let f): out.append(string: f.evidence.joined(separator: " "))
        }
    }

    /// Rule id (`quality` for data-quality warnings).
    public var rule: String { info.id }
    /// Rule title.
    public var title: String { info.title }
    /// Rule title in `lang`: a plan rule's as written, a data-quality warning's in `lang`.
    public func title(_ lang: Lang) -> String { info.title(lang) }
    /// Checker identifier.
    public var checker: String { info.checker }
    /// Unit of `required`/`actual` for people: 次 or 人次.
    public var measure: String { info.measure }
    /// Clause locator.
    public var clause: String { info.clause }
    /// The clause, verbatim.
    public var source: String { info.source }

    /// `required - actual`, never negative.
    public var shortfall: Int { max(0, required - actual) }

    public static func == (a: Finding, b: Finding) -> Bool {
        a.rule == b.rule && a.title == b.title && a.checker == b.checker && a.org == b.org && a.person == b.person
            && a.period == b.period && a.start == b.start && a.end == b.end && a.required == b.required
            && a.actual == b.actual && a.status == b.status && a.due == b.due && a.measure == b.measure
            && a.clause == b.clause && a.source == b.source && a.evidence == b.evidence
            && a.evidenceCount == b.evidenceCount && a.note == b.note
    }

    /// What is still needed and by when, in the office's words
    /// ("还需 2 次，截至 2022-12-31 还有 40 天"; English with `.en`).
    public func advice(asOf: Day, lang: Lang = .zh) -> String {
        var out: [UInt8] = []
        appendAdvice(asOf: asOf, status: status, lang: lang, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``advice(asOf:lang:)``'s bytes; `status` is this finding's (callers have it already).
    /// `day` writes a day (``Day/appendISO(to:)`` by default; the CSV report keeps the days it wrote).
    func appendAdvice<B: ByteAppending>(asOf: Day, status: Status, lang: Lang = .zh, to out: inout B,
                                        day: (Day, inout B) -> Void = { d, o in d.appendISO(to: &o) }) {
        if status == .warning { out.append(string: note(lang)); return }
        Finding.appendAdvice(status: status, required: required, actual: actual, start: start, due: due,
                             asOf: asOf, measure: Array(Finding.measureText(measure, lang).utf8), lang: lang, to: &out, day: day)
    }

    /// A rule's measure (次, 人次, 条) in `lang`.
    public static func measureText(_ measure: String, _ lang: Lang) -> String {
        switch measure {
        case "次": return Messages.text("report.measure.times", lang)
        case "人次": return Messages.text("report.measure.personTimes", lang)
        case "条": return Messages.text("report.measure.records", lang)
        default: return measure
        }
    }

    /// The advice of a finding that is not a warning, from its numbers and days (the CSV report
    /// writes it straight from a tally's cell); `measure` is already in `lang`.
    /// `day` writes a day (``Day/appendISO(to:)`` by default; the CSV report's table of days).
    static func appendAdvice<B: ByteAppending>(status: Status, required: Int, actual: Int, start: Day, due: Day, asOf: Day,
                                               measure: [UInt8], lang: Lang = .zh, to out: inout B,
                                               day: (Day, inout B) -> Void = { d, o in d.appendISO(to: &o) }) {
        let texts = lang == .zh ? AdviceTexts.zh : AdviceTexts.en
        let shortfall = max(0, required - actual)
        switch status {
        case .met, .warning: return
        case .missed:
            // {0} shortfall, {1} measure, {2} due
            texts.missed.append(to: &out) { n, o in
                switch n { case 0: CSVWriter.appendDecimal(shortfall, to: &o); case 1: o.append(array: measure); default: day(due, &o) }
            }
        case .upcoming:
            // {0} required, {1} measure, {2} start, {3} due
            texts.upcoming.append(to: &out) { n, o in
                switch n {
                case 0: CSVWriter.appendDecimal(required, to: &o)
                case 1: o.append(array: measure)
                case 2: day(start, &o)
                default: day(due, &o)
                }
            }
        case .onTrack, .atRisk:
            // {0} shortfall, {1} measure, {2} due, {3} days left
            texts.pending.append(to: &out) { n, o in
                switch n {
                case 0: CSVWriter.appendDecimal(shortfall, to: &o)
                case 1: o.append(array: measure)
                case 2: day(due, &o)
                default: CSVWriter.appendDecimal(asOf.days(to: due) + 1, to: &o)
                }
            }
        }
    }
}

/// The advice templates of the catalogue in one language, split at their placeholders once.
struct AdviceTexts: Sendable {
    let missed: ByteTemplate, upcoming: ByteTemplate, pending: ByteTemplate
    init(_ lang: Lang) {
        missed = ByteTemplate(Messages.text("report.adviceMissed", lang))
        upcoming = ByteTemplate(Messages.text("report.adviceUpcoming", lang))
        pending = ByteTemplate(Messages.text("report.advicePending", lang))
    }
    static let zh = AdviceTexts(.zh)
    static let en = AdviceTexts(.en)
}

/// A catalogue template as bytes between its `{n}` placeholders, for reporters that write a
/// sentence per row without building Strings.
struct ByteTemplate: Sendable {
    /// Literal pieces; `pieces.count == slots.count + 1`.
    let pieces: [[UInt8]]
    /// The placeholder number after each piece but the last.
    let slots: [Int]

    init(_ template: String) {
        var pieces: [[UInt8]] = [[]]
        var slots: [Int] = []
        let b = Array(template.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "{"), let close = b[i...].firstIndex(of: UInt8(ascii: "}")),
               let n = Int(String(decoding: b[(i + 1)..<close], as: UTF8.self)) {
                slots.append(n)
                pieces.append([])
                i = close + 1
            } else {
                pieces[pieces.count - 1].append(b[i])
                i += 1
            }
        }
        self.pieces = pieces
        self.slots = slots
    }

    /// Appends the template, `arg` writing placeholder `n`.
    @inline(__always)
    func append<B: ByteAppending>(to out: inout B, _ arg: (Int, inout B) -> Void) {
        for k in 0..<pieces.count {
            pieces[k].withUnsafeBufferPointer { out.append(bytes: $0) }
            if k < slots.count { arg(slots[k], &out) }
        }
    }
}
