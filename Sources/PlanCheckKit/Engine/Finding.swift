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

/// One line of a check report: a rule × unit (or person) × period, required vs actual.
public struct Finding: Sendable, Equatable {
    /// Rule id (`quality` for data-quality warnings).
    public var rule: String
    /// Rule title.
    public var title: String
    /// Checker identifier.
    public var checker: String
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
    /// Required count or sum.
    public var required: Int
    /// Actual count or sum.
    public var actual: Int
    /// Status.
    public var status: Status
    /// Last day on which a record still counts.
    public var due: Day
    /// Unit of `required`/`actual` for people: 次 or 人次.
    public var measure: String
    /// Clause locator.
    public var clause: String
    /// The clause, verbatim.
    public var source: String
    /// Ids or file:line of the records that counted (capped).
    public var evidence: [String]
    /// How many records counted in all (evidence may be capped).
    public var evidenceCount: Int
    /// Extra explanation (quality warnings).
    public var note: String

    /// `required - actual`, never negative.
    public var shortfall: Int { max(0, required - actual) }

    /// Creates a finding.
    public init(rule: String, title: String, checker: String, org: String, person: String = "", period: String,
                start: Day, end: Day, required: Int, actual: Int, status: Status, due: Day, measure: String = "次",
                clause: String = "", source: String = "", evidence: [String] = [], evidenceCount: Int = 0, note: String = "") {
        self.rule = rule; self.title = title; self.checker = checker; self.org = org; self.person = person
        self.period = period; self.start = start; self.end = end; self.required = required; self.actual = actual
        self.status = status; self.due = due; self.measure = measure; self.clause = clause; self.source = source
        self.evidence = evidence; self.evidenceCount = evidenceCount; self.note = note
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
