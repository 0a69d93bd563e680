/// The check report as CSV (one row per finding, then rejected rows), UTF-8 with BOM by default.
public enum CSVCheckReporter: CheckReporter {
    public static let format = "csv"

    /// The columns, fixed first as documented; more may follow in later versions (`--lang en`).
    public static let header = ["rule", "title", "org", "person", "period", "required", "actual", "shortfall", "status", "due",
                                "source", "evidence", "checker", "clause", "start", "end", "note"]

    /// The header in `lang`: Chinese column names for Excel users, the English ones for machines.
    public static func header(_ lang: Lang) -> [String] {
        if lang == .en { return header }
        return [Messages.text("report.csv.rule", lang), Messages.text("report.csv.title", lang), Messages.text("report.csv.org", lang),
                Messages.text("report.csv.person", lang), Messages.text("report.csv.period", lang), Messages.text("report.csv.required", lang),
                Messages.text("report.csv.actual", lang), Messages.text("report.csv.shortfall", lang), Messages.text("report.csv.status", lang),
                Messages.text("report.csv.due", lang), Messages.text("report.csv.source", lang), Messages.text("report.csv.evidence", lang),
                Messages.text("report.csv.checker", lang), Messages.text("report.csv.clause", lang), Messages.text("report.csv.start", lang),
                Messages.text("report.csv.end", lang), Messages.text("report.csv.note", lang)]
    }

    /// Findings per block when a second thread formats every other block.
    static let blockRows = 1024

    public static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions) {
        write(r, to: sink, options: o, blockRows: blockRows)
    }

    /// Writes the report; with `o.threads` ≥ 2 and more than one block of `blockRows` findings, a
    /// second thread formats every other block (``BlockWriter``): the same bytes in the same order.
    static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions, blockRows: Int) {
        let w = CSVWriter(sink: sink, bom: o.bom, formulaGuard: o.formulaGuard)
        w.row(header(o.lang))
        let n = r.findings.count
        let size = max(1, blockRows)
        @Sendable func range(_ b: Int) -> Range<Int> { (b * size)..<min(n, (b + 1) * size) }
        let rows = FindingRows(writer: w, report: r, options: o)
        let out = MemoryOutput()
        let helperRows = FindingRows(writer: CSVWriter(sink: out, bom: false, formulaGuard: o.formulaGuard), report: r, options: o)
        BlockWriter.write(blocks: (n + size - 1) / size, threads: o.threads, to: sink, main: { rows.write(range($0)) },
                          helper: { helperRows.write(range($0)); return out.take() })
        let L = o.lang
        for x in r.read.rejections {
            w.row(["rejected", Messages.text("report.rejectedTitle", L), "", "", "", "", "", "", Status.warning.label(L), "", "", x.location,
                   "reader", Rejection.kindLabel(x.kind, L), "", "", x.message(L)])
        }
        w.row(["input", Messages.text("report.inputTitle", L), "", "", "", String(r.read.rowsRead), String(r.read.accepted), String(r.read.rejected),
               (r.read.rejected > 0 ? Status.warning : Status.met).label(L), "", "", "", "reader", "", "", "",
               Messages.text("report.inputNote", L, r.read.rowsRead, r.read.accepted, r.read.rejected)])
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

        /// Status cells in the report's language, by ``Status/allCases`` order.
        let statusCells: [String]

        init(writer: CSVWriter, report: CheckReport, options: ReportOptions) {
            w = writer; r = report; o = options
            statusCells = Status.allCases.map { $0.label(options.lang) }
        }

        /// The status cell of `s`.
        @inline(__always)
        func statusCell(_ s: Status) -> String {
            switch s {
            case .met: return statusCells[0]
            case .upcoming: return statusCells[1]
            case .onTrack: return statusCells[2]
            case .warning: return statusCells[3]
            case .atRisk: return statusCells[4]
            case .missed: return statusCells[5]
            }
        }

        /// Appends `d`'s ISO bytes to `out`, from ``days`` when it is there.
        func appendDay<B: ByteAppending>(_ d: Day, to out: inout B) {
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

        func day(_ d: Day) { w.cell(unescaped: { var out = $0; appendDay(d, to: &out) }) }

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
            w.cell(escaped: statusCell(status))
            day(f.due)
            w.cell(escaped: cells[2])
            w.cell(scratch: scratch) { var out = $0; f.appendEvidence(to: &out) }
            w.cell(escaped: cells[3])
            w.cell(escaped: cells[4])
            day(start)
            day(end)
            if status == .met { w.cell(escaped: "") } else { w.cell(scratch: scratch) { var out = $0; f.appendAdvice(asOf: r.asOf, status: status, lang: o.lang, to: &out) } }
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

        /// Unit `u`'s name, escaped (`*` for all units). The context is taken from `context` only
        /// when the name is not here yet: passing the shared object itself counted a reference on
        /// every row.
        func orgCell(_ u: Int, _ context: Unmanaged<CheckContext>) -> UnsafeBufferPointer<UInt8> {
            if u >= orgSpans.count {
                orgSpans += repeatElement(-1, count: max(u + 1, context._withUnsafeGuaranteedRef { $0.unitCount }) - orgSpans.count)
            }
            var m = orgSpans[u]
            if m < 0 {
                let lo = orgText.count
                var out = orgText.sink
                var name = context._withUnsafeGuaranteedRef { $0.unitName(u) }
                name.withUTF8 { CSVWriter.appendEscaped($0, formulaGuard: w.formulaGuard, to: &out) }
                m = Int64(lo) << 32 | Int64(orgText.count - lo)
                orgSpans[u] = m
            }
            let lo = Int(m >> 32)
            return UnsafeBufferPointer(rebasing: orgText.bytes[lo..<(lo + Int(m & 0xFFFF_FFFF))])
        }

        /// What the rows of one run of ``writeCells(of:_:_:)`` read: the tally's arrays as buffers,
        /// the run's texts, plain values, and the shared objects held without reference counting
        /// (the tally that holds them outlives the run).
        struct CellRun {
            /// The rule's texts (``cells``: id, title, source, checker, clause), escaped.
            var rule: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>
            /// The period labels by slot, escaped, and the measure (次, 人次).
            var labels: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>
            var measure: UnsafeBufferPointer<UInt8>
            var slots: UnsafeBufferPointer<PeriodSlot>
            var cells: UnsafeBufferPointer<SlotTally.Cell>
            var refs: UnsafeBufferPointer<EvidenceRef>
            var units: UnsafeBufferPointer<Int32>
            var people: UnsafeBufferPointer<Int32>
            var required: Int, cap: Int
            /// Whether `refs` holds the tally's evidence (else ``SlotTally/evidenceRefs(entity:slot:)``).
            var denseRefs: Bool
            var asOf: Day, yearEnd: Day, reportAsOf: Day
            unowned(unsafe) var tally: SlotTally
            unowned(unsafe) var context: CheckContext
        }

        /// The rows of findings `fs[range]`, all cells of tally `t`, read from the tally's arrays
        /// directly. Going through each finding's accessors took about twenty reference counts a
        /// row (the tally, its rule's texts, the unit's name, the period's label), on objects both
        /// report threads share: atomic operations on contended cache lines were more than half of
        /// writing a province's 150,000 rows.
        func writeCells(of t: SlotTally, _ fs: UnsafeBufferPointer<Finding>, _ range: Range<Int>) {
            useRule(t.findingInfo)
            let context = t.context, scope = t.scope
            // The run's texts: the rule's cells, the period labels (escaped), the measure.
            runText.removeAll()
            var ends: [Int] = []
            var out = runText.sink
            for c in cells { out.append(array: c); ends.append(runText.count) }
            for s in t.slots { var l = s.label; l.withUTF8 { CSVWriter.appendEscaped($0, formulaGuard: w.formulaGuard, to: &out) }; ends.append(runText.count) }
            out.append(string: Finding.measureText(t.findingInfo.measure, o.lang)); ends.append(runText.count)
            let text = runText.bytes
            let texts = (0..<ends.count).map { k in UnsafeBufferPointer(rebasing: text[(k == 0 ? 0 : ends[k - 1])..<ends[k]]) }
            let ruleCount = cells.count, slotCount = t.slots.count
            texts.withUnsafeBufferPointer { texts in
            t.slots.withUnsafeBufferPointer { slots in
            t.cells.withUnsafeBufferPointer { cells in
            t.evidence.withUnsafeBufferPointer { refs in
            scope.entityUnit.withUnsafeBufferPointer { units in
            scope.entityPerson.withUnsafeBufferPointer { people in
                writeRows(CellRun(rule: UnsafeBufferPointer(rebasing: texts[0..<ruleCount]),
                                  labels: UnsafeBufferPointer(rebasing: texts[ruleCount..<(ruleCount + slotCount)]),
                                  measure: texts[ruleCount + slotCount], slots: slots, cells: cells, refs: refs, units: units, people: people,
                                  required: t.rule.threshold, cap: t.cap, denseRefs: t.denseEvidence, asOf: context.asOf, yearEnd: context.yearEnd,
                                  reportAsOf: r.asOf, tally: t, context: context), fs, range)
            }}}}}}
        }

        /// The rows of ``writeCells(of:_:_:)``, appended straight to the writer's line: cells
        /// separated here, texts copied, numbers, days and the advice formatted in place.
        func writeRows(_ run: CellRun, _ fs: UnsafeBufferPointer<Finding>, _ range: Range<Int>) {
            var out = w.line.bytes.sink
            var scr = scratch.sink
            let guarded = w.formulaGuard, quiet = o.quiet, comma = UInt8(ascii: ",")
            let slotCount = run.slots.count
            let evidence = run.context.evidence
            @inline(__always) func text(_ b: UnsafeBufferPointer<UInt8>) { out.append(bytes: b); out.append(byte: comma) }
            @inline(__always) func number(_ n: Int) { CSVWriter.appendDecimal(n, to: &out); out.append(byte: comma) }
            @inline(__always) func day(_ d: Day) { appendDay(d, to: &out); out.append(byte: comma) }
            @inline(__always) func escaped(_ b: UnsafeBufferPointer<UInt8>) { CSVWriter.appendEscaped(b, formulaGuard: guarded, to: &out) }
            for i in range {
                guard let (e, s) = fs[i].cellIndex else { continue }   // the run holds cells of `run.tally` only
                let k = e &* slotCount &+ s
                let actual = run.cells[k].value, counted = run.cells[k].count
                let start = run.slots[s].start, end = run.slots[s].end
                let status = Status.evaluate(required: run.required, actual: actual, start: start, end: end, asOf: run.asOf, yearEnd: run.yearEnd)
                if quiet && !status.isProblem { continue }
                text(run.rule[0])
                text(run.rule[1])
                let u = Int(run.units[e])
                if u < 0 { out.append(byte: UInt8(ascii: "*")) } else { out.append(bytes: orgCell(u, Unmanaged.passUnretained(run.context))) }
                out.append(byte: comma)
                if run.people[e] >= 0 { var p = run.tally.scope.person(e); p.withUTF8 { escaped($0) } }
                out.append(byte: comma)
                text(run.labels[s])
                number(run.required)
                number(actual)
                number(max(0, run.required - actual))
                var name = statusCell(status)
                name.withUTF8 { text($0) }
                day(end)
                text(run.rule[2])
                scratch.removeAll()
                if run.denseRefs {
                    evidence.appendLabels(UnsafeBufferPointer(rebasing: run.refs[(k &* run.cap)..<(k &* run.cap &+ min(counted, run.cap))]), to: &scr)
                } else {
                    Array(run.tally.evidenceRefs(entity: e, slot: s)).withUnsafeBufferPointer { evidence.appendLabels($0, to: &scr) }
                }
                escaped(scratch.bytes)
                out.append(byte: comma)
                text(run.rule[3])
                text(run.rule[4])
                day(start)
                day(end)
                if status != .met {
                    scratch.removeAll()
                    Finding.appendAdvice(status: status, required: run.required, actual: actual, start: start, due: end,
                                         asOf: run.reportAsOf, measure: run.measure, lang: o.lang, to: &scr) { d, o in appendDay(d, to: &o) }
                    escaped(scratch.bytes)
                }
                w.endRow()
            }
        }
    }
}
