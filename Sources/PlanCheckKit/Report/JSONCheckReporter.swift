/// The check report as JSON: the CSV fields plus the run's metadata.
public enum JSONCheckReporter: CheckReporter {
    public static let format = "json"

    /// One finding: English keys and status codes (stable for machines), plus `periodLabel`,
    /// `statusLabel` and `advice` in the report's language.
    static func finding(_ f: Finding, asOf: Day, lang: Lang) -> JSONValue {
        .object([
            ("rule", .string(f.rule)), ("title", .string(f.title(lang))), ("checker", .string(f.checker)),
            ("org", .string(f.org)), ("person", .string(f.person)), ("period", .string(f.period)), ("periodLabel", .string(f.slot.name(lang))),
            ("start", .string(f.start.iso)), ("end", .string(f.end.iso)),
            ("required", .int(f.required)), ("actual", .int(f.actual)), ("shortfall", .int(f.shortfall)),
            ("status", .string(f.status.rawValue)), ("statusLabel", .string(f.status.label(lang))), ("due", .string(f.due.iso)),
            ("advice", .string(f.advice(asOf: asOf, lang: lang))), ("clause", .string(f.clause)), ("source", .string(f.source)),
            ("evidence", .array(f.evidence.map { .string($0) })), ("evidenceCount", .int(f.evidenceCount)),
        ])
    }

    /// The report as a JSON value (everything in memory; ``write(_:to:options:)`` streams the findings).
    public static func value(_ r: CheckReport, quiet: Bool, lang: Lang = .zh) -> JSONValue {
        guard case .object(var fields) = header(r, lang: lang) else { return .null }
        fields.append(("findings", .array(r.findings.filter { !quiet || $0.status.isProblem }.map { finding($0, asOf: r.asOf, lang: lang) })))
        return .object(fields)
    }

    /// Everything but the findings.
    static func header(_ r: CheckReport, lang: Lang) -> JSONValue {
        let c = r.statusCounts
        return .object([
            ("plancheck", .string(PlanCheckCLI.version)), ("lang", .string(lang.rawValue)),
            ("plans", .array(r.planPaths.map { .string($0) })),
            ("rosters", .array(r.rosterPaths.map { .string($0) })),
            ("year", .int(r.year)), ("asOf", .string(r.asOf.iso)),
            ("org", r.org.map { .string($0) } ?? .null),
            ("files", .array(r.read.files.map { f in .object([
                ("path", .string(f.path)), ("encoding", .string(f.encoding?.description ?? "")),
                ("rowsRead", .int(f.rowsRead)), ("accepted", .int(f.accepted)), ("rejected", .int(f.rejected)),
            ]) })),
            ("counts", .object([
                ("rowsRead", .int(r.read.rowsRead)), ("accepted", .int(r.read.accepted)), ("rejected", .int(r.read.rejected)),
                ("checks", .int(r.ruleFindings.count)),
                ("met", .int(c[.met] ?? 0)), ("missed", .int(c[.missed] ?? 0)), ("atRisk", .int(c[.atRisk] ?? 0)),
                ("onTrack", .int(c[.onTrack] ?? 0)), ("upcoming", .int(c[.upcoming] ?? 0)), ("warnings", .int(c[.warning] ?? 0)),
            ])),
            ("rejectedByReason", .object(r.read.rejectionCounts.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("rejections", .array(r.read.rejections.map { x in .object([
                ("file", .string(x.file)), ("line", .int(x.line)), ("column", .int(x.column)),
                ("kind", .string(x.kind)), ("kindLabel", .string(Rejection.kindLabel(x.kind, lang))), ("reason", .string(x.message(lang))),
            ]) })),
        ] + cellWarnings(r, lang: lang) + unreadFiles(r, lang: lang) + [
            ("notes", .array(r.notes.map { .string($0) })),
        ])
    }

    /// Cells of optional fields that could not be read (their rows counted): `cellWarnings`, and
    /// `cellWarningCount` when more than the kept ones, only when there are any.
    static func cellWarnings(_ r: CheckReport, lang: Lang) -> [(String, JSONValue)] {
        guard r.read.cellWarningCount > 0 else { return [] }
        return [("cellWarningCount", .int(r.read.cellWarningCount)),
                ("cellWarnings", .array(r.read.cellWarnings.map { x in .object([
                    ("location", .string(x.location)), ("file", .string(x.file)), ("line", .int(x.line)), ("column", .int(x.column)),
                    ("kind", .string(x.kind)), ("kindLabel", .string(Rejection.kindLabel(x.kind, lang))), ("reason", .string(x.message(lang))),
                ]) }))]
    }

    /// Files of the input folders that were not read: `unreadFiles` (path, reason), only when there are any.
    static func unreadFiles(_ r: CheckReport, lang: Lang) -> [(String, JSONValue)] {
        guard !r.notRead.isEmpty else { return [] }
        return [("unreadFiles", .array(r.notRead.map { x in .object([("path", .string(x.path)), ("reason", .string(x.message(lang)))]) }))]
    }

    /// Writes the same text as `value(r).rendered()`, one finding at a time.
    public static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions) {
        var head = header(r, lang: o.lang).rendered()
        head.removeLast(2)   // "\n}"
        sink.write(head + ",\n  \"findings\": [")
        var first = true
        for f in r.findings where !o.quiet || f.status.isProblem {
            sink.write((first ? "\n    " : ",\n    ") + finding(f, asOf: r.asOf, lang: o.lang).rendered(indent: 2))
            first = false
        }
        sink.write(first ? "]\n}\n" : "\n  ]\n}\n")
    }
}
