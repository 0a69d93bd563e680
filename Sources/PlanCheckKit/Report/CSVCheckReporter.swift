/// The check report as CSV (one row per finding, then rejected rows and unreadable optional cells), UTF-8 with BOM by default.
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
    /// (Formatting 140,000 rows on one thread after reading added about 4% to a 10M-record check.)
    static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions, blockRows: Int) {
        let w = CSVWriter(sink: sink, bom: o.bom, formulaGuard: o.formulaGuard)
        w.row(header(o.lang))
        let n = r.findings.count, size = max(1, blockRows)
        @Sendable func block(_ b: Int) -> Range<Int> { (b * size)..<min(n, (b + 1) * size) }
        let rows = FindingRows(writer: w, report: r, options: o)
        let out = MemoryOutput()
        let helperRows = FindingRows(writer: CSVWriter(sink: out, bom: false, formulaGuard: o.formulaGuard), report: r, options: o)
        BlockWriter.write(blocks: (n + size - 1) / size, threads: o.threads, to: sink, main: { rows.write(r.findings, block($0)) },
                          helper: { helperRows.write(r.findings, block($0)); return out.take() })
        let L = o.lang
        // The rows about reading name their kind and "checker" in the report's language (拒绝, 读取 …
        // in Chinese; the English codes rejected, reader … with --lang en, for machines).
        let reader = Messages.text("report.row.reader", L)
        for x in r.read.rejections {
            w.row([Messages.text("report.row.rejected", L), Messages.text("report.rejectedTitle", L), "", "", "", "", "", "", Status.warning.label(L), "", "", x.location,
                   reader, Rejection.kindLabel(x.kind, L), "", "", x.message(L)])
        }
        // Cells of optional fields that could not be read: the row counted, the cell is named.
        for x in r.read.cellWarnings {
            w.row([Messages.text("report.row.cell", L), Messages.text("cells.title", L), "", "", "", "", "", "", Status.warning.label(L), "", "", x.location,
                   reader, Rejection.kindLabel(x.kind, L), "", "", x.message(L)])
        }
        // Files of the input folders that were not read: the file in `evidence`, why in `note`.
        for x in r.notRead {
            w.row([Messages.text("report.row.unread", L), Messages.text("folder.csvTitle", L), "", "", "", "", "", "", Status.warning.label(L), "", "", x.path,
                   reader, "", "", "", x.message(L)])
        }
        // The input row: rows read, accepted, rejected, and in `evidence` the files read (" | " between).
        w.row([Messages.text("report.row.input", L), Messages.text("report.inputTitle", L), "", "", "", String(r.read.rowsRead), String(r.read.accepted), String(r.read.rejected),
               (r.read.rejected > 0 ? Status.warning : Status.met).label(L), "", "", r.read.files.map(\.path).joined(separator: " | "), reader, "", "", "",
               Messages.text("report.inputNote", L, r.read.rowsRead, r.read.accepted, r.read.rejected)])
    }

    /// Formats findings as rows. A rule's texts repeat on every row of the rule and a unit's name on
    /// the rows of every rule: each is escaped once. Rows repeat their periods' few days: each day's
    /// ISO bytes are worked out once.
    final class FindingRows {
        let w: CSVWriter
        let r: CheckReport
        let o: ReportOptions
        var ruleCells: [ObjectIdentifier: [[UInt8]]] = [:]
        let scratch = ByteLine()
        /// A cell's evidence indices, newest first (reused from row to row).
        var chain: [Int] = []
        /// ISO bytes of the days written so far, by days since the start of the year before the
        /// one under review (periods and advice name days of the year and its neighbours).
        var isoDays: [[UInt8]] = []
        let firstDay: Day

        /// Status cells in the report's language, by status.
        let statusCells: [Status: String]

        init(writer: CSVWriter, report: CheckReport, options: ReportOptions) {
            w = writer; r = report; o = options
            firstDay = Day(year: report.year - 1, month: 1, day: 1) ?? report.asOf
            statusCells = Dictionary(uniqueKeysWithValues: Status.allCases.map { ($0, $0.label(options.lang)) })
        }

        /// The rule's texts, escaped: id, title, source, checker, clause.
        func cells(of info: RuleInfo) -> [[UInt8]] {
            if let c = ruleCells[ObjectIdentifier(info)] { return c }
            // The checker as the plan's writer names it in the report's language (计数 … under zh).
            let quality = info.checker == QualityChecker.identifier
            let checker = o.lang == .zh
                ? (quality ? Messages.text("report.row.quality", o.lang) : CheckerRegistry.planChecker(info.checker)?.chineseName ?? info.checker)
                : info.checker
            let id = quality && info.id == QualityChecker.identifier ? Messages.text("report.row.quality", o.lang) : info.id
            let c = [id, info.title(o.lang), info.source, checker, info.clause].map { Array(w.escape($0).utf8) }
            ruleCells[ObjectIdentifier(info)] = c
            return c
        }

        /// Appends `d` as `YYYY-MM-DD`.
        func appendDay<B: ByteAppending>(_ d: Day, to out: inout B) {
            let k = Int(d.ordinal) - Int(firstDay.ordinal)
            guard k >= 0 && k < 3 * 366 else { d.appendISO(to: &out); return }
            if k >= isoDays.count { isoDays += repeatElement([], count: k + 1 - isoDays.count) }
            if isoDays[k].isEmpty { d.appendISO(to: &isoDays[k]) }
            out.append(array: isoDays[k])
        }

        func day(_ d: Day) { w.cell(unescaped: { var out = $0; appendDay(d, to: &out) }) }

        /// Writes findings `range` of `list` in order: a tally's run (a counting rule's rows, most of
        /// a report) straight from the tally by ``write(cellsOf:_:)``.
        func write(_ list: FindingList, _ range: Range<Int>) {
            list.forEachRun(in: range, cells: { t, cells in write(cellsOf: t, cells) }, stored: { write($0) })
        }

        /// Writes `findings` in order. A run of findings that are cells of one tally (a self-review's
        /// selection) is written by ``write(cellsOf:_:)``.
        func write<C: Collection<Finding>>(_ findings: C) {
            var i = findings.startIndex
            while i < findings.endIndex {
                guard let t = findings[i].tally else { write(findings[i]); findings.formIndex(after: &i); continue }
                var cells: [Int] = []
                while i < findings.endIndex, let (e, s) = findings[i].cell(of: t) {
                    cells.append(e * t.slots.count + s)
                    findings.formIndex(after: &i)
                }
                write(cellsOf: t, cells)
            }
        }

        /// A slot's row bytes around the unit and the evidence, for one status and actual value:
        /// from the period to the source (`mid`) and from the checker to the note (`tail`).
        struct SlotRow {
            var status: Status? = nil
            var actual = 0
            var mid: [UInt8] = []
            var tail: [UInt8] = []
        }

        /// The rows of cells `run` of tally `t` (indices entity × slots + slot), written from the tally's
        /// arrays, held once for the run: through each finding's accessors a row counted about
        /// twenty references (tally, rule texts, unit name, period label), more than the rest of
        /// formatting it. Everything of a row but the unit, the person and the evidence depends
        /// only on its period, status and actual value: those bytes are made once per slot and
        /// reused while they stay the same (most cells of a large roster are alike). The bytes are
        /// those of ``write(_:)-(Finding)`` (the golden files and a test compare).
        func write<C: Collection<Int>>(cellsOf t: SlotTally, _ run: C) {
            let rule = cells(of: t.findingInfo)
            let slots = t.slots, cells = t.cells, log = t.evidenceLog, next = t.evidenceNext, head = t.evidenceHead
            let scope = t.scope, units = scope.entityUnit, people = scope.entityPerson
            let context = t.context, evidence = context.evidence, required = t.rule.threshold
            let labels = slots.map { Array(w.escape($0.name(o.lang)).utf8) }
            let measure = Array(Finding.measureText(t.findingInfo.measure, o.lang).utf8)
            let guardFormulas = w.formulaGuard
            let ruleHead = rule[0] + [UInt8(ascii: ",")] + rule[1] + [UInt8(ascii: ",")]
            var slotRows = [SlotRow](repeating: SlotRow(), count: slots.count)
            let line = w.line.bytes
            for k in run {
                let e = k / slots.count, s = k % slots.count
                let actual = cells[k].value, slot = slots[s]
                let status = Status.evaluate(required: required, actual: actual, start: slot.start, end: slot.end,
                                             asOf: context.asOf, yearEnd: context.yearEnd)
                if o.quiet && !status.isProblem { continue }
                if slotRows[s].status != status || slotRows[s].actual != actual {
                    slotRows[s] = slotRow(rule, label: labels[s], required: required, actual: actual, status: status, slot: slot, measure: measure)
                }
                var out = line.sink
                out.append(array: ruleHead)
                // The unit's name escaped as it is written, not kept escaped per unit: two threads'
                // copies of every name were 128 bytes a unit of a 5,000,000-unit roster's check.
                let u = Int(units[e])
                if u < 0 { out.append(byte: UInt8(ascii: "*")) } else {
                    var name = context.unitName(u)
                    name.withUTF8 { CSVWriter.appendEscaped($0, formulaGuard: guardFormulas, to: &out) }
                }
                out.append(byte: UInt8(ascii: ","))
                if people[e] >= 0 {
                    var name = scope.person(e)
                    name.withUTF8 { CSVWriter.appendEscaped($0, formulaGuard: guardFormulas, to: &out) }
                }
                out.append(byte: UInt8(ascii: ","))
                out.append(array: slotRows[s].mid)
                if k < head.count, head[k] >= 0 {
                    // The cell's chain runs newest first: collected, then written oldest first.
                    chain.removeAll(keepingCapacity: true)
                    var i = Int(head[k])
                    while i >= 0 { chain.append(i); i = Int(next[i]) }
                    scratch.removeAll()
                    var sc = scratch.sink
                    for (n, i) in chain.reversed().enumerated() {
                        if n > 0 { sc.append(byte: UInt8(ascii: " ")) }
                        evidence.appendLabel(log[i], to: &sc)
                    }
                    CSVWriter.appendEscaped(scratch.bytes, formulaGuard: guardFormulas, to: &out)
                }
                out.append(array: slotRows[s].tail)
                w.endRow()
            }
        }

        /// ``SlotRow`` of a slot for one status and actual value.
        func slotRow(_ rule: [[UInt8]], label: [UInt8], required: Int, actual: Int, status: Status, slot: PeriodSlot, measure: [UInt8]) -> SlotRow {
            var mid: [UInt8] = [], tail: [UInt8] = []
            let comma = UInt8(ascii: ",")
            mid.append(array: label); mid.append(byte: comma)
            CSVWriter.appendDecimal(required, to: &mid); mid.append(byte: comma)
            CSVWriter.appendDecimal(actual, to: &mid); mid.append(byte: comma)
            CSVWriter.appendDecimal(max(0, required - actual), to: &mid); mid.append(byte: comma)
            mid.append(string: statusCells[status] ?? status.rawValue); mid.append(byte: comma)
            appendDay(slot.end, to: &mid); mid.append(byte: comma)
            mid.append(array: rule[2]); mid.append(byte: comma)
            tail.append(byte: comma)
            tail.append(array: rule[3]); tail.append(byte: comma)
            tail.append(array: rule[4]); tail.append(byte: comma)
            appendDay(slot.start, to: &tail); tail.append(byte: comma)
            appendDay(slot.end, to: &tail); tail.append(byte: comma)
            if status != .met {
                var advice: [UInt8] = []
                Finding.appendAdvice(status: status, required: required, actual: actual, start: slot.start, due: slot.end,
                                     asOf: r.asOf, measure: measure, lang: o.lang, to: &advice) { d, o in self.appendDay(d, to: &o) }
                advice.withUnsafeBufferPointer { CSVWriter.appendEscaped($0, formulaGuard: w.formulaGuard, to: &tail) }
            }
            return SlotRow(status: status, actual: actual, mid: mid, tail: tail)
        }

        /// One row: the rule's escaped texts, the unit's escaped name, the period's escaped label …
        func row(_ rule: [[UInt8]], org: [UInt8], person: String, period: [UInt8], required: Int, actual: Int, status: Status,
                 start: Day, end: Day, due: Day, evidence: (ByteLine) -> Void, advice: (ByteLine) -> Void) {
            w.cell(escaped: rule[0])
            w.cell(escaped: rule[1])
            w.cell(escaped: org)
            w.cell(person)
            w.cell(escaped: period)
            w.cell(required)
            w.cell(actual)
            w.cell(max(0, required - actual))
            w.cell(escaped: statusCells[status] ?? status.rawValue)
            day(due)
            w.cell(escaped: rule[2])
            w.cell(scratch: scratch, evidence)
            w.cell(escaped: rule[3])
            w.cell(escaped: rule[4])
            day(start)
            day(end)
            if status == .met { w.cell(escaped: "") } else { w.cell(scratch: scratch, advice) }
            w.endRow()
        }

        /// One finding's row (none with `--quiet` when the finding is no problem).
        func write(_ f: Finding) {
            let status = f.status
            if o.quiet && !status.isProblem { return }
            row(cells(of: f.info), org: Array(w.escape(f.org).utf8), person: f.person, period: Array(w.escape(f.slot.name(o.lang)).utf8),
                required: f.required, actual: f.actual, status: status, start: f.start, end: f.end, due: f.due,
                evidence: { var out = $0; f.appendEvidence(to: &out) },
                advice: { var out = $0; f.appendAdvice(asOf: self.r.asOf, status: status, lang: self.o.lang, to: &out) { d, o in self.appendDay(d, to: &o) } })
        }
    }
}
