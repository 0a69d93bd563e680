/// The stats report as JSON (stable key order): every number the other formats show.
public enum StatsJSONReporter {
    static func cell(_ c: StatsCell) -> [(String, JSONValue)] { [("count", .int(c.count)), ("participants", .int(c.participants))] }

    static func completion(_ c: StatsCompletion) -> [(String, JSONValue)] {
        [("checks", .int(c.checks)), ("due", .int(c.due)), ("met", .int(c.met)), ("missed", .int(c.missed)),
         ("atRisk", .int(c.atRisk)), ("onTrack", .int(c.onTrack)), ("upcoming", .int(c.upcoming)),
         ("percent", c.perMille.map { .string(StatsReport.percentText($0)) } ?? .null)]
    }

    static func months(_ r: StatsReport, _ cs: [StatsCell]) -> JSONValue {
        .array(cs.enumerated().map { .object([("period", .string(r.period($0.offset + 1)))] + cell($0.element)) })
    }

    /// The report as a JSON value (`longRows: false` leaves the long table out, as `null`).
    public static func value(_ r: StatsReport, longRows: Bool = true) -> JSONValue {
        let h = r.health
        var o: [(String, JSONValue)] = [
            ("plancheck", .string(PlanCheckCLI.version)),
            ("plans", .array(r.planPaths.map { .string($0) })),
            ("rosters", .array(r.rosterPaths.map { .string($0) })),
            ("files", .array(r.files.map { .string($0) })),
            ("year", .int(r.year)), ("asOf", .string(r.asOf.iso)),
            ("total", .object(cell(r.total))),
            ("months", months(r, r.months)),
            ("types", .array(r.types.map { t in .object([("type", .string(t.name))] + cell(t.total)) })),
            ("units", .array(r.units.map { u in .object([
                ("org", .string(u.name)), ("kind", .string(u.kind)), ("inRoster", .bool(u.inRoster))] + cell(u.total) + [
                ("activeMonths", .int(u.activeMonths)),
                ("months", .array(u.months.map { .int($0.count) })),
                ("silentMonths", .array(u.silentMonths.map { .string(r.period($0)) })),
            ]) })),
            ("long", !longRows ? .null : .array(r.long.map { x in .object([
                ("org", .string(x.org)), ("type", .string(x.type)), ("period", .string(r.period(x.month)))] + cell(x.cell)) })),
        ]
        if r.hasPlan {
            o.append(("plan", .object(completion(r.planTotal))))
            o.append(("rules", .array(r.rules.map { x in .object([
                ("rule", .string(x.id)), ("title", .string(x.title)), ("checker", .string(x.checker))] + completion(x.completion)) })))
            o.append(("unitRanks", .array(r.unitRanks.map { x in .object([
                ("rank", x.rank.map { .int($0) } ?? .null), ("org", .string(x.org)), ("kind", .string(x.kind))] + completion(x.completion)) })))
            o.append(("problems", .array(r.problems.map { f in .object([
                ("rule", .string(f.rule)), ("org", .string(f.org)), ("person", .string(f.person)), ("period", .string(f.period)),
                ("required", .int(f.required)), ("actual", .int(f.actual)), ("status", .string(f.status.rawValue))]) })))
        }
        o.append(("health", .object([
            ("rowsRead", .int(h.rowsRead)), ("accepted", .int(h.accepted)), ("rejected", .int(h.rejected)),
            ("rejectedByReason", .object(h.rejectedByReason.map { ($0.reason, .int($0.count)) })),
            ("duplicates", .array(h.duplicates.map { d in .object([("org", .string(d.org)), ("count", .int(d.count)),
                                                                   ("evidence", .array(d.evidence.map { .string($0) }))]) })),
            ("unknownUnits", .array(h.unknownUnits.map { .object([("org", .string($0.org)), ("count", .int($0.count))]) })),
            ("outsideYear", .int(h.outsideYear)), ("afterAsOf", .int(h.afterAsOf)),
            ("missingParticipants", .int(h.missingParticipants)),
            ("emptyMonths", .array(h.emptyMonths.map { .string(r.period($0)) })),
            ("silentUnits", .array(r.silentUnits.map { u in .object([
                ("org", .string(u.name)), ("months", .array(u.silentMonths.map { .string(r.period($0)) }))]) })),
        ])))
        o.append(("notes", .array(r.notes.map { .string($0) })))
        return .object(o)
    }

    /// Writes the report. The long table (up to units × types × months rows) is streamed row by
    /// row in the same layout `JSONValue.rendered` gives, instead of being built as one value.
    public static func write(_ r: StatsReport, to sink: OutputSink) {
        guard case .object(let pairs) = value(r, longRows: false) else { return }
        sink.write("{\n")
        for (i, (key, v)) in pairs.enumerated() {
            sink.write("  " + JSONValue.quote(key) + ": ")
            if key == "long" { writeLong(r, to: sink) } else { sink.write(v.rendered(indent: 1)) }
            sink.write(i == pairs.count - 1 ? "\n" : ",\n")
        }
        sink.write("}\n")
    }

    static func writeLong(_ r: StatsReport, to sink: OutputSink) {
        if r.long.isEmpty { sink.write("[]"); return }
        sink.write("[\n")
        let q = JSONValue.quote
        for (i, x) in r.long.enumerated() {
            sink.write("    {\n      \"org\": " + q(x.org) + ",\n      \"type\": " + q(x.type) + ",\n      \"period\": "
                       + q(r.period(x.month)) + ",\n      \"count\": " + String(x.cell.count) + ",\n      \"participants\": "
                       + String(x.cell.participants) + (i == r.long.count - 1 ? "\n    }\n" : "\n    },\n"))
        }
        sink.write("  ]")
    }
}
