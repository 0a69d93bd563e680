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

    /// Decides the status of a period, by the pro-rata rule documented in README:
    /// met when `actual >= required`; otherwise missed once the period (or the year under review)
    /// is over, upcoming before it starts, and within it at-risk when, with at least one day gone,
    /// `actual < required × daysGone / daysInPeriod` (rounded down) or when at most
    /// min(14, half the period) days are left; on-track otherwise.
    public static func evaluate(required: Int, actual: Int, start: Day, end: Day, asOf: Day, yearEnd: Day) -> Status {
        if actual >= required { return .met }
        if asOf >= end || asOf >= yearEnd { return .missed }
        if asOf < start { return .upcoming }
        let gone = start.days(to: asOf)
        if gone == 0 { return .onTrack }
        let length = start.days(to: end) + 1
        let left = asOf.days(to: end) + 1
        let expected = required * gone / length
        if actual < expected || left <= min(14, length / 2) { return .atRisk }
        return .onTrack
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

    /// Creates the shared part of a rule's findings.
    public init(id: String, title: String, checker: String, measure: String = "次", clause: String = "", source: String = "") {
        self.id = id; self.title = title; self.checker = checker; self.measure = measure; self.clause = clause; self.source = source
    }
}

/// Where a counted record is: kept compact while checking, formatted only when a report is written.
public struct EvidenceRef: Sendable, Equatable {
    /// Input index.
    public var file: Int32
    /// Physical line.
    public var line: Int32
    /// Offset of the record's id in the pool's id bytes (−1 when the record has no id).
    var idStart: Int32
    /// Length of the id in bytes.
    var idLength: Int32
}

/// The input names and record ids that ``EvidenceRef``s point into. Appended to while checking,
/// read-only afterwards.
public final class EvidencePool: @unchecked Sendable {
    /// Input names, by file index.
    public var fileNames: [String] = []
    var ids: [UInt8] = []

    /// Creates an empty pool.
    public init() {}

    /// A reference to a record (its id copied into the pool when it has one).
    @inline(__always)
    func ref(_ r: RecordView) -> EvidenceRef {
        let id = r.bytes(.id)
        var start: Int32 = -1
        if !id.isEmpty {
            start = Int32(ids.count)
            ids.append(contentsOf: id)
        }
        return EvidenceRef(file: Int32(r.fileIndex), line: Int32(r.line), idStart: start, idLength: Int32(id.count))
    }

    /// How a record is cited: `file:line`, with `#id` when the record has an id (a 序号 is only
    /// unique within its file, so the location always comes first).
    public func label(_ e: EvidenceRef) -> String {
        let f = Int(e.file) < fileNames.count ? fileNames[Int(e.file)] : "?"
        if e.idStart < 0 { return "\(f):\(e.line)" }
        let lo = Int(e.idStart), hi = lo + Int(e.idLength)
        return "\(f):\(e.line)#" + String(decoding: ids[lo..<hi], as: UTF8.self)
    }
}

/// One line of a check report: a rule × unit (or person) × period, required vs actual.
///
/// Compact by design: the rule's texts are shared (``RuleInfo``) and evidence stays as references
/// until a reporter asks for ``evidence``.
public struct Finding: Sendable, Equatable {
    /// The shared texts of the rule.
    public let info: RuleInfo
    /// Unit name (`*` for a rule scoped to all units).
    public var org: String
    /// Person name for role-scoped rules, else empty.
    public var person: String
    /// Period label (`2022`, `2022-Q3`, a window's name …).
    public var period: String
    /// First day of the period.
    public var start: Day
    /// Last day of the period.
    public var end: Day
    /// Last day on which a record still counts.
    public var due: Day
    /// Status.
    public var status: Status
    /// Required count or sum.
    public var required: Int
    /// Actual count or sum.
    public var actual: Int
    /// How many records counted in all (evidence may be capped).
    public var evidenceCount: Int
    /// Extra explanation (quality warnings).
    public var note: String
    enum Evidence: Sendable {
        case strings([String])
        case refs(ArraySlice<EvidenceRef>, EvidencePool)
    }
    var evidenceStore: Evidence

    /// Rule id (`quality` for data-quality warnings).
    public var rule: String { info.id }
    /// Rule title.
    public var title: String { info.title }
    /// Checker identifier.
    public var checker: String { info.checker }
    /// Unit of `required`/`actual` for people: 次 or 人次.
    public var measure: String { info.measure }
    /// Clause locator.
    public var clause: String { info.clause }
    /// The clause, verbatim.
    public var source: String { info.source }
    /// Ids or file:line of the records that counted (capped).
    public var evidence: [String] {
        switch evidenceStore {
        case .strings(let s): return s
        case .refs(let refs, let pool): return refs.map(pool.label)
        }
    }
    /// Whether any evidence is kept.
    public var hasEvidence: Bool {
        switch evidenceStore {
        case .strings(let s): return !s.isEmpty
        case .refs(let r, _): return !r.isEmpty
        }
    }

    /// `required - actual`, never negative.
    public var shortfall: Int { max(0, required - actual) }

    /// Creates a finding with its own texts (quality warnings, tests).
    public init(rule: String, title: String, checker: String, org: String, person: String = "", period: String,
                start: Day, end: Day, required: Int, actual: Int, status: Status, due: Day, measure: String = "次",
                clause: String = "", source: String = "", evidence: [String] = [], evidenceCount: Int = 0, note: String = "") {
        self.init(info: RuleInfo(id: rule, title: title, checker: checker, measure: measure, clause: clause, source: source),
                  org: org, person: person, period: period, start: start, end: end, required: required, actual: actual,
                  status: status, due: due, evidence: .strings(evidence), evidenceCount: evidenceCount, note: note)
    }

    init(info: RuleInfo, org: String, person: String, period: String, start: Day, end: Day, required: Int, actual: Int,
         status: Status, due: Day, evidence: Evidence, evidenceCount: Int, note: String = "") {
        self.info = info; self.org = org; self.person = person; self.period = period; self.start = start; self.end = end
        self.required = required; self.actual = actual; self.status = status; self.due = due
        self.evidenceStore = evidence; self.evidenceCount = evidenceCount; self.note = note
    }

    public static func == (a: Finding, b: Finding) -> Bool {
        a.rule == b.rule && a.title == b.title && a.checker == b.checker && a.org == b.org && a.person == b.person
            && a.period == b.period && a.start == b.start && a.end == b.end && a.required == b.required
            && a.actual == b.actual && a.status == b.status && a.due == b.due && a.measure == b.measure
            && a.clause == b.clause && a.source == b.source && a.evidence == b.evidence
            && a.evidenceCount == b.evidenceCount && a.note == b.note
    }

    /// What is still needed and by when, in the office's words
    /// ("还需 2 次，截至 2022-12-31 还有 40 天").
    public func advice(asOf: Day) -> String {
        switch status {
        case .met: return ""
        case .warning: return note
        case .missed: return "缺 \(shortfall) \(measure)，已于 \(due.iso) 截止"
        case .upcoming: return "需 \(required) \(measure)，\(start.iso) 开始，截至 \(due.iso)"
        case .onTrack, .atRisk:
            return "还需 \(shortfall) \(measure)，截至 \(due.iso) 还有 \(asOf.days(to: due) + 1) 天"
        }
    }
}
