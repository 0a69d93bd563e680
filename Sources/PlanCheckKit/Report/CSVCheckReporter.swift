/// The check report as CSV (one row per finding, then rejected rows), UTF-8 with BOM by default.
public enum CSVCheckReporter: CheckReporter {
    public static let format = "csv"

    /// The columns, fixed first as documented; more may follow in later versions.
    public static let header = ["rule", "title", "org", "person", "period", "required", "actual", "shortfall", "status", "due",
                                "source", "evidence", "checker", "clause", "start", "end", "note"]

    public static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions) {
        let w = CSVWriter(sink: sink, bom: o.bom, formulaGuard: o.formulaGuard)
        w.row(header)
        // A rule's texts repeat on every row of the rule: escape them once per rule.
        var ruleCells: [ObjectIdentifier: [String]] = [:]
        var lastInfo: RuleInfo? = nil
        var cells: [String] = []
        var iso: [Int32: String] = [:]
        func day(_ d: Day) -> String {
            if let s = iso[d.ordinal] { return s }
            let s = d.iso
            iso[d.ordinal] = s
            return s
        }
        for f in r.findings {
            let status = f.status
            if o.quiet && !status.isProblem { continue }
            let info = f.info
            if info !== lastInfo {
                lastInfo = info
                if let c = ruleCells[ObjectIdentifier(info)] { cells = c } else {
                    cells = [info.id, info.title, info.source, info.checker, info.clause].map(w.escape)
                    ruleCells[ObjectIdentifier(info)] = cells
                }
            }
            w.escapedRow([cells[0], cells[1], w.escape(f.org), w.escape(f.person), w.escape(f.period), String(f.required),
                          String(f.actual), String(f.shortfall), status.rawValue, day(f.due), cells[2],
                          w.escape(f.evidence.joined(separator: " ")), cells[3], cells[4], day(f.start), day(f.end),
                          status == .met ? "" : w.escape(f.advice(asOf: r.asOf))])
        }
        for x in r.read.rejections {
            w.row(["rejected", "拒绝的行", "", "", "", "", "", "", "warning", "", "", x.location, "reader", x.kind, "", "", x.reason])
        }
        w.row(["input", "读取的记录", "", "", "", String(r.read.rowsRead), String(r.read.accepted), String(r.read.rejected),
               r.read.rejected > 0 ? "warning" : "met", "", "", "", "reader", "", "", "",
               "读取 \(r.read.rowsRead) 行 = 接受 \(r.read.accepted) 行 + 拒绝 \(r.read.rejected) 行"])
    }
}
