/// The check report as CSV (one row per finding, then rejected rows), UTF-8 with BOM by default.
public enum CSVCheckReporter: CheckReporter {
    public static let format = "csv"

    /// The columns, fixed first as documented; more may follow in later versions.
    public static let header = ["rule", "title", "org", "person", "period", "required", "actual", "shortfall", "status", "due",
                                "source", "evidence", "checker", "clause", "start", "end", "note"]

    /// Findings per block when a second thread formats every other block.
    static let blockRows = 1024

    public static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions) {
        write(r, to: sink, options: o, blockRows: blockRows)
    }

    /// Writes the report; with `o.threads` ≥ 2 and more than one block of `blockRows` findings, a
    /// second thread formats every other block (``BlockWriter``): the same bytes in the same order.
    static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions, blockRows: Int) {
        let w = CSVWriter(sink: sink, bom: o.bom, formulaGuard: o.formulaGuard)
        w.row(header)
        let n = r.findings.count
        let size = max(1, blockRows)
        @Sendable func range(_ b: Int) -> Range<Int> { (b * size)..<min(n, (b + 1) * size) }
        let rows = FindingRows(writer: w, report: r, options: o)
        let out = MemoryOutput()
        let helperRows = FindingRows(writer: CSVWriter(sink: out, bom: false, formulaGuard: o.formulaGuard), report: r, options: o)
        BlockWriter.write(blocks: (n + size - 1) / size, threads: o.threads, to: sink, main: { rows.write(range($0)) },
                          helper: { helperRows.write(range($0)); return out.take() })
        for x in r.read.rejections {
            w.row(["rejected", "拒绝的行", "", "", "", "", "", "", "warning", "", "", x.location, "reader", x.kind, "", "", x.reason])
        }
        w.row(["input", "读取的记录", "", "", "", String(r.read.rowsRead), String(r.read.accepted), String(r.read.rejected),
               r.read.rejected > 0 ? "warning" : "met", "", "", "", "reader", "", "", "",
               "读取 \(r.read.rowsRead) 行 = 接受 \(r.read.accepted) 行 + 拒绝 \(r.read.rejected) 行"])
    }

    /// Formats findings as rows, one writer per thread. A rule's texts repeat on every row of the
    /// rule: they are escaped once per rule. Cells are written as bytes (Strings per cell were most
    /// of the time of writing 140,000 rows).
    final class FindingRows {
        let w: CSVWriter
        let r: CheckReport
        let o: ReportOptions
        var ruleCells: [ObjectIdentifier: [[UInt8]]] = [:]
        var lastInfo: RuleInfo? = nil
        var cells: [[UInt8]] = []
        let scratch = ByteLine()
        /// Days written so far, by ordinal modulo 512 (a whole year without two days on one
        /// entry), with their ISO bytes: rows repeat the same start, end and due days, and working
        /// out a day's calendar date was most of the cost of writing it (three days a row, 150,000
        /// rows for a province).
        var days = [(ordinal: Int32, bytes: (UInt64, UInt64), count: Int)](repeating: (Int32.min, (0, 0), 0), count: 512)

        init(writer: CSVWriter, report: CheckReport, options: ReportOptions) { w = writer; r = report; o = options }

        /// Appends `d`'s ISO bytes to `out`, from ``days`` when it is there.
        func appendDay(_ d: Day, to out: ByteLine) {
            let k = Int(d.ordinal & 511)
            if days[k].ordinal != d.ordinal {
                var iso: [UInt8] = []
                d.appendISO(to: &iso)
                guard iso.count <= 16 else { iso.withUnsafeBufferPointer { out.append(bytes: $0) }; return }
                var e = (ordinal: d.ordinal, bytes: (UInt64(0), UInt64(0)), count: iso.count)
                withUnsafeMutableBytes(of: &e.bytes) { $0.copyBytes(from: iso) }
                days[k] = e
            }
            withUnsafeBytes(of: days[k].bytes) { out.append(bytes: UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[..<days[k].count])) }
        }

        func write(_ range: Range<Int>) {
            let w = self.w
            func day(_ d: Day) { w.cell(unescaped: { appendDay(d, to: $0) }) }
            for i in range {
                let f = r.findings[i]
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
                w.cell(scratch: scratch) { var out = $0; f.appendEvidence(to: &out) }
                w.cell(escaped: cells[3])
                w.cell(escaped: cells[4])
                day(start)
                day(end)
                if status == .met { w.cell(escaped: "") } else { w.cell(scratch: scratch) { var out = $0; f.appendAdvice(asOf: r.asOf, status: status, to: &out) } }
                w.endRow()
            }
        }
    }
}
