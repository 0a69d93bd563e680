/// The check report as CSV (one row per finding, then rejected rows), UTF-8 with BOM by default.
public enum CSVCheckReporter: CheckReporter {
    public static let format = "csv"

    /// The columns, fixed first as documented; more may follow in later versions.
    public static let header = ["rule", "title", "org", "person", "period", "required", "actual", "shortfall", "status", "due",
                                "source", "evidence", "checker", "clause", "start", "end", "note"]

    public static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions) {
        let w = CSVWriter(sink: sink, bom: o.bom, formulaGuard: o.formulaGuard)
        w.row(header)
        // A rule's texts repeat on every row of the rule: escape them once per rule. Cells are
        // written as bytes (Strings per cell were most of the time of writing 140,000 rows).
        var ruleCells: [ObjectIdentifier: [[UInt8]]] = [:]
        var lastInfo: RuleInfo? = nil
        var cells: [[UInt8]] = []
        func day(_ d: Day) { w.cell(unescaped: { d.appendISO(to: &$0) }) }
        var scratch: [UInt8] = []
        for f in r.findings {
            let status = f.status
            if o.quiet && !status.isProblem { continue }
            let info = f.info
            if info !== lastInfo {
                lastInfo = info
                if let c = ruleCells[ObjectIdentifier(info)] { cells = c } else {
                    cells = [info.id, info.title, info.source, info.checker, info.clause].map { Array(w.escape($0).utf8) }
                    ruleCells[ObjectIdentifier(info)] = cells
                }
            }
            let start = f.start, end = f.end, required = f.required, actual = f.actual
            w.cell(escaped: cells[0])
            w.cell(escaped: cells[1])
            w.cell(f.org)
            w.cell(f.person)
            w.cell(f.period)
            w.cell(required)
            w.cell(actual)
            w.cell(max(0, required - actual))
            w.cell(escaped: status.rawValue)
            day(f.due)
            w.cell(escaped: cells[2])
            w.cell(scratch: &scratch) { f.appendEvidence(to: &$0) }
            w.cell(escaped: cells[3])
            w.cell(escaped: cells[4])
            day(start)
            day(end)
            if status == .met { w.cell(escaped: "") } else { w.cell(scratch: &scratch) { f.appendAdvice(asOf: r.asOf, status: status, to: &$0) } }
            w.endRow()
        }
        for x in r.read.rejections {
            w.row(["rejected", "拒绝的行", "", "", "", "", "", "", "warning", "", "", x.location, "reader", x.kind, "", "", x.reason])
        }
        w.row(["input", "读取的记录", "", "", "", String(r.read.rowsRead), String(r.read.accepted), String(r.read.rejected),
               r.read.rejected > 0 ? "warning" : "met", "", "", "", "reader", "", "", "",
               "读取 \(r.read.rowsRead) 行 = 接受 \(r.read.accepted) 行 + 拒绝 \(r.read.rejected) 行"])
    }
}
