/// The check report as CSV (one row per finding, then rejected rows), UTF-8 with BOM by default.
public enum CSVCheckReporter: CheckReporter {
    public static let format = "csv"

    /// The columns, fixed first as documented; more may follow in later versions.
    public static let header = ["rule", "title", "org", "person", "period", "required", "actual", "shortfall", "status", "due",
                                "source", "evidence", "checker", "clause", "start", "end", "note"]

    public static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions) {
        let w = CSVWriter(sink: sink, bom: o.bom, formulaGuard: o.formulaGuard)
        w.row(header)
        for f in r.findings where !o.quiet || f.status.isProblem {
            w.row([f.rule, f.title, f.org, f.person, f.period, String(f.required), String(f.actual), String(f.shortfall),
                   f.status.rawValue, f.due.iso, f.source, f.evidence.joined(separator: " "), f.checker, f.clause,
                   f.start.iso, f.end.iso, f.status == .met ? "" : f.advice(asOf: r.asOf)])
        }
        for x in r.read.rejections {
            w.row(["rejected", "拒绝的行", "", "", "", "", "", "", "warning", "", "", x.location, "reader", x.kind, "", "", x.reason])
        }
        w.row(["input", "读取的记录", "", "", "", String(r.read.rowsRead), String(r.read.accepted), String(r.read.rejected),
               r.read.rejected > 0 ? "warning" : "met", "", "", "", "reader", "", "", "",
               "读取 \(r.read.rowsRead) 行 = 接受 \(r.read.accepted) 行 + 拒绝 \(r.read.rejected) 行"])
    }
}
