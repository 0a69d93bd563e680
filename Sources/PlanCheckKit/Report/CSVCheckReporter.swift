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

        /// Writes findings `range`. A run of findings that are cells of one tally (a counting rule's
        /// rows) goes to ``writeCells(of:_:_:)``; the others are written field by field.
        func write(_ range: Range<Int>) {
            r.findings.withUnsafeBufferPointer { fs in
                var i = range.lowerBound
                while i < range.upperBound {
                    if let t = fs[i].tally {
                        var j = i &+ 1
                        while j < range.upperBound && fs[j].cell(of: t) != nil { j &+= 1 }
                        writeCells(of: t, fs, i..<j)
                        i = j
                    } else {
                        writeRow(fs[i])
                        i &+= 1
                    }
                }
            }
        }

        /// The rule's texts, escaped once per rule (in ``cells``).
        func useRule(_ info: RuleInfo) {
            guard info !== lastInfo else { return }
            lastInfo = info
            if let c = ruleCells[ObjectIdentifier(info)] { cells = c } else {
                cells = [info.id, info.title, info.source, info.checker, info.clause].map { Array(w.escape($0).utf8) }
                ruleCells[ObjectIdentifier(info)] = cells
            }
        }

        func day(_ d: Day) { w.cell(unescaped: { appendDay(d, to: $0) }) }

        /// One finding, through its accessors.
        func writeRow(_ f: Finding) {
            let status = f.status
            if o.quiet && !status.isProblem { return }
            useRule(f.info)
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

        /// The texts of one run of ``writeCells(of:_:_:)``: the rule's cells, the period labels
        /// (escaped) and the measure, back to back.
        let runText = ByteLine()
        /// Escaped unit names, filled as rows need them, and where each is in ``orgText`` (offset
        /// × 2³² + length; −1: not yet): each of a province's 20,000 units is named on rows of
        /// every rule.
        let orgText = ByteLine()
        var orgSpans: [Int64] = []

        /// Unit `u`'s name, escaped (`*` for all units).
        func orgCell(_ u: Int, _ context: CheckContext) -> UnsafeBufferPointer<UInt8> {
            if u >= orgSpans.count { orgSpans += repeatElement(-1, count: max(u + 1, context.unitCount) - orgSpans.count) }
            var m = orgSpans[u]
            if m < 0 {
                let lo = orgText.count
                var out = orgText
                var name = context.unitName(u)
                name.withUTF8 { CSVWriter.appendEscaped($0, formulaGuard: w.formulaGuard, to: &out) }
                m = Int64(lo) << 32 | Int64(orgText.count - lo)
                orgSpans[u] = m
            }
            let lo = Int(m >> 32)
            return UnsafeBufferPointer(rebasing: orgText.bytes[lo..<(lo + Int(m & 0xFFFF_FFFF))])
        }

        /// The rows of findings `fs[range]`, all cells of tally `t`, read from the tally's arrays
        /// directly. Going through each finding's accessors took about twenty reference counts a
        /// row (the tally, its rule's texts, the unit's name, the period's label), on objects both
        /// report threads share: atomic operations on contended cache lines were more than half of
        /// writing a province's 150,000 rows.
        func writeCells(of t: SlotTally, _ fs: UnsafeBufferPointer<Finding>, _ range: Range<Int>) {
            useRule(t.findingInfo)
            let context = t.context, scope = t.scope, evidence = context.evidence
            let required = t.rule.threshold, cap = t.cap, reportAsOf = r.asOf
            let asOf = context.asOf, yearEnd = context.yearEnd
            let slotCount = t.slots.count
            runText.removeAll()
            var ends: [Int] = []
            var out = runText
            for c in cells { out.append(array: c); ends.append(runText.count) }
            for s in t.slots { var l = s.label; l.withUTF8 { CSVWriter.appendEscaped($0, formulaGuard: w.formulaGuard, to: &out) }; ends.append(runText.count) }
            out.append(string: t.findingInfo.measure); ends.append(runText.count)
            let text = runText.bytes
            let pieces = (0..<ends.count).map { k in UnsafeBufferPointer(rebasing: text[(k == 0 ? 0 : ends[k - 1])..<ends[k]]) }
            let measure = pieces[5 + slotCount]
            t.slots.withUnsafeBufferPointer { slots in
            t.cells.withUnsafeBufferPointer { tallies in
            t.evidence.withUnsafeBufferPointer { refs in
            scope.entityUnit.withUnsafeBufferPointer { units in
            scope.entityPerson.withUnsafeBufferPointer { people in
                for i in range {
                    guard let (e, s) = fs[i].cell(of: t) else { continue }
                    let k = e &* slotCount &+ s
                    let actual = tallies[k].value, counted = tallies[k].count
                    let start = slots[s].start, end = slots[s].end
                    let status = Status.evaluate(required: required, actual: actual, start: start, end: end, asOf: asOf, yearEnd: yearEnd)
                    if o.quiet && !status.isProblem { continue }
                    w.cell(escaped: pieces[0])
                    w.cell(escaped: pieces[1])
                    let u = Int(units[e])
                    if u < 0 { w.cell(escaped: "*") } else { w.cell(escaped: orgCell(u, context)) }
                    if people[e] < 0 { w.cell(escaped: "") } else { w.cell(scope.person(e)) }
                    w.cell(escaped: pieces[5 + s])
                    w.cell(required)
                    w.cell(actual)
                    w.cell(max(0, required - actual))
                    w.cell(escaped: status.rawValue)
                    day(end)
                    w.cell(escaped: pieces[2])
                    scratch.removeAll()
                    var ev = scratch
                    evidence.appendLabels(UnsafeBufferPointer(rebasing: refs[(k &* cap)..<(k &* cap &+ min(counted, cap))]), to: &ev)
                    w.cell(bytes: scratch.bytes)
                    w.cell(escaped: pieces[3])
                    w.cell(escaped: pieces[4])
                    day(start)
                    day(end)
                    if status == .met { w.cell(escaped: "") } else {
                        scratch.removeAll()
                        Finding.appendAdvice(status: status, required: required, actual: actual, start: start, due: end,
                                             asOf: reportAsOf, measure: measure, to: &ev)
                        w.cell(bytes: scratch.bytes)
                    }
                    w.endRow()
                }
            }}}}}
        }
    }
}
