#if canImport(Glibc)
import Glibc
#endif

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
    /// second thread formats the odd blocks into memory while this one formats the even blocks
    /// straight to `sink` and copies each odd block there in turn: the same bytes in the same
    /// order, in about half the time (formatting 140,000 rows was most of a check's fixed cost,
    /// paid on one thread after reading). At most two formatted blocks wait at a time.
    static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions, blockRows: Int) {
        let w = CSVWriter(sink: sink, bom: o.bom, formulaGuard: o.formulaGuard)
        w.row(header)
        let n = r.findings.count
        let size = max(1, blockRows)
        let blocks = (n + size - 1) / size
        func range(_ b: Int) -> Range<Int> { (b * size)..<min(n, (b + 1) * size) }
        let rows = FindingRows(writer: w, report: r, options: o)
        if o.threads < 2 || blocks < 2 {
            rows.write(0..<n)
        } else {
            let handoff = BlockHandoff(writer: pthread_self())
            startThread {
                let out = MemoryOutput()
                let helper = FindingRows(writer: CSVWriter(sink: out, bom: false, formulaGuard: o.formulaGuard), report: r, options: o)
                for b in stride(from: 1, to: blocks, by: 2) {
                    helper.write(range(b))
                    if !handoff.put(out.take()) { return }
                }
            }
            defer { handoff.cancel() }
            for b in 0..<blocks {
                if b % 2 == 0 { rows.write(range(b)) } else { handoff.take().withUnsafeBufferPointer { sink.write(bytes: $0) } }
            }
        }
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
        var scratch: [UInt8] = []

        init(writer: CSVWriter, report: CheckReport, options: ReportOptions) { w = writer; r = report; o = options }

        func write(_ range: Range<Int>) {
            let w = self.w
            func day(_ d: Day) { w.cell(unescaped: { d.appendISO(to: &$0) }) }
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
                w.cell(scratch: &scratch) { f.appendEvidence(to: &$0) }
                w.cell(escaped: cells[3])
                w.cell(escaped: cells[4])
                day(start)
                day(end)
                if status == .met { w.cell(escaped: "") } else { w.cell(scratch: &scratch) { f.appendAdvice(asOf: r.asOf, status: status, to: &$0) } }
                w.endRow()
            }
        }
    }

    /// Formatted blocks passed from the helper thread to the writing one, in order; `put` waits
    /// while two are waiting, and returns false once the writer has stopped.
    /// (When no thread could be started, the helper's work runs on the writing thread before it
    /// writes anything, and `put` then does not wait.)
    final class BlockHandoff: @unchecked Sendable {
        let lock = Condition()
        var ready: [[UInt8]] = []
        var cancelled = false
        let writer: pthread_t

        init(writer: pthread_t) { self.writer = writer }

        func put(_ block: [UInt8]) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            while ready.count >= 2 && !cancelled && pthread_equal(pthread_self(), writer) == 0 { lock.wait() }
            if cancelled { return false }
            ready.append(block)
            lock.broadcast()
            return true
        }

        func take() -> [UInt8] {
            lock.lock()
            defer { lock.unlock() }
            while ready.isEmpty { lock.wait() }
            let b = ready.removeFirst()
            lock.broadcast()
            return b
        }

        func cancel() {
            lock.lock()
            cancelled = true
            lock.broadcast()
            lock.unlock()
        }
    }
}
