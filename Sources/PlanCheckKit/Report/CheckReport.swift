/// Everything a check report shows, computed before any reporter runs: reporters only format.
public struct CheckReport: Sendable {
    /// Plan files.
    public var planPaths: [String]
    /// Roster files.
    public var rosterPaths: [String]
    /// Year under review.
    public var year: Int
    /// As-of day.
    public var asOf: Day
    /// How the inputs were read.
    public var read: ReadSummary
    /// Findings after `--org` filtering, in report order (a tally's cells as one run, see ``FindingList``).
    public var findings: FindingList
    /// Notes (no roster, unresolved scopes …).
    public var notes: [String]
    /// `--org` filter, if any.
    public var org: String?
    /// Units in report order with their kinds (roster order, then first seen).
    public var unitOrder: [(name: String, kind: String)]
    /// Files of the input folders that were not read, with why (every report names them).
    public var notRead: [NotReadFile] = []
    /// The counted records' dates and titles, by input and line (self-review only).
    public var evidenceRecords: [Int64: EvidenceRecord] = [:]

    /// Findings per status.
    public var statusCounts: [Status: Int] {
        var c: [Status: Int] = [:]
        for f in findings { c[f.status, default: 0] += 1 }
        return c
    }

    /// Rule findings (not data-quality warnings).
    /// (Lazy: a rule's findings are read from its tally as they are walked, never stored.)
    public var ruleFindings: LazyFilterSequence<FindingList> { findings.lazy.filter { $0.checker != QualityChecker.identifier } }
    /// Data-quality warnings.
    public var qualityFindings: [Finding] { findings.filter { $0.checker == QualityChecker.identifier } }

    /// The files read, by path, for people: the first `limit`, then how many more.
    public func filesRead(limit: Int = 10, lang: Lang) -> String {
        let paths = read.files.map(\.path)
        let shown = paths.prefix(limit).joined(separator: Messages.text("report.filesSep", lang))
        return paths.count > limit ? shown + Messages.text("report.filesMore", lang, paths.count) : shown
    }

    /// Whether any finding is at or above `level`.
    public func hasFindings(atOrAbove level: Status) -> Bool {
        findings.contains { $0.status.severity >= level.severity && $0.status.severity > 0 }
    }
}

/// How reporters should write.
public struct ReportOptions: Sendable {
    /// UTF-8 BOM before CSV (Excel).
    public var bom = true
    /// Neutralise formula-like CSV cells.
    public var formulaGuard = true
    /// ANSI colours (text on a terminal only).
    public var colour = false
    /// Only problems.
    public var quiet = false
    /// Show the records that counted (self-review).
    public var evidence = false
    /// Language of every word a person reads: Chinese (default) or English (`--lang en`).
    public var lang = Lang.zh
    /// The audit report's title (`--title`); nil: built from the office and the year.
    public var title: String? = nil
    /// The year-end review paragraphs printed at the top of the audit report (computed before).
    public var summary: [String] = []
    /// Threads a reporter may use to format rows (`--threads`; the CSV report formats every
    /// other block of rows on a second thread).
    public var threads = 1
    /// Creates defaults.
    public init() {}
}

/// Formats a ``CheckReport``. One file per format; register it in ``CheckReporters/all``.
public protocol CheckReporter {
    /// Format name used by `--format` and file extensions.
    static var format: String { get }
    /// Writes the report.
    static func write(_ report: CheckReport, to sink: OutputSink, options: ReportOptions)
}

/// The check report formats.
public enum CheckReporters {
    /// Every reporter.
    nonisolated(unsafe) public static let all: [any CheckReporter.Type] = [TextCheckReporter.self, CSVCheckReporter.self, JSONCheckReporter.self, HTMLCheckReporter.self]
    /// The reporter for a format.
    public static func named(_ f: String) -> (any CheckReporter.Type)? { all.first { $0.format == f } }
}
