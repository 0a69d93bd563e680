/// The stats tables as CSV (UTF-8 with BOM by default, CRLF, formula guard): one table per file.
public enum StatsCSVReporter {
    /// The tables, in `--csv-dir` order; `rules` and `units` need a plan.
    public enum Table: String, CaseIterable, Sendable {
        case long, pivot, rules, units, health
        /// Whether the table needs `--plan`.
        public var needsPlan: Bool { self == .rules || self == .units }
        /// File name under `--csv-dir`.
        public var fileName: String { "stats-\(rawValue).csv" }
    }

    /// Header of each table.
    public static func header(_ t: Table, _ r: StatsReport) -> [String] {
        switch t {
        case .long: return ["org", "type", "period", "count", "participants"]
        case .pivot: return ["org", "kind"] + (0..<r.lastMonth).map { r.period($0 + 1) } + ["total", "participants"]
        case .rules: return ["rule", "title", "checker", "checks", "due", "met", "missed", "at_risk", "on_track", "upcoming", "percent"]
        case .units: return ["rank", "org", "kind", "checks", "due", "met", "missed", "at_risk", "on_track", "upcoming", "percent"]
        case .health: return ["kind", "org", "period", "count", "detail"]
        }
    }

    static func completion(_ c: StatsCompletion) -> [String] {
        [c.checks, c.due, c.met, c.missed, c.atRisk, c.onTrack, c.upcoming].map(String.init) + [c.percent]
    }

    /// The rows of a table (without the header).
    public static func rows(_ t: Table, _ r: StatsReport) -> [[String]] {
        var out: [[String]] = []
        forEachRow(t, r) { out.append($0) }
        return out
    }

    /// Hands each row of a table (without the header) to `body`, one at a time: the long table
    /// of a province's year has millions of rows, made here as they are written.
    public static func forEachRow(_ t: Table, _ r: StatsReport, _ body: ([String]) -> Void) {
        if t == .long {
            for x in r.long { body([x.org, x.type, r.period(x.month), String(x.cell.count), String(x.cell.participants)]) }
            return
        }
        smallRows(t, r, body)
    }

    /// The rows of the tables other than the long one, handed to `out` one by one (a pivot of a
    /// million units built whole first was a gigabyte of strings).
    static func smallRows(_ t: Table, _ r: StatsReport, _ out: ([String]) -> Void) {
        switch t {
        case .long:
            return
        case .pivot:
            for u in r.units { out([u.name, u.kind] + u.months.map { String($0.count) } + [String(u.total.count), String(u.total.participants)]) }
            out(["合计", ""] + r.months.map { String($0.count) } + [String(r.total.count), String(r.total.participants)])
        case .rules:
            for x in r.rules { out([x.id, x.title, x.checker] + completion(x.completion)) }
            out(["合计", "", ""] + completion(r.planTotal))
        case .units:
            for x in r.unitRanks { out([x.rank.map(String.init) ?? "", x.org, x.kind] + completion(x.completion)) }
        case .health:
            let h = r.health
            out(["rows-read", "", "", String(h.rowsRead), "读取 \(h.rowsRead) 行 = 接受 \(h.accepted) 行 + 拒绝 \(h.rejected) 行"])
            for x in h.rejectedByReason { out(["rejected", "", "", String(x.count), x.reason]) }
            for d in h.duplicates { out(["duplicate", d.org, "", String(d.count), d.evidence.joined(separator: " ")]) }
            for u in h.unknownUnits { out(["unknown-unit", u.org, "", String(u.count), "不在花名册中"]) }
            if h.outsideYear > 0 { out(["outside-year", "", "", String(h.outsideYear), "日期不在 \(r.year) 年，未统计"]) }
            if h.afterAsOf > 0 { out(["after-as-of", "", "", String(h.afterAsOf), "日期晚于统计截止日 \(r.asOf.iso)，未统计"]) }
            if h.missingParticipants > 0 { out(["no-participants", "", "", String(h.missingParticipants), "参加人数为空，人次按 0 计"]) }
            for m in h.emptyMonths { out(["empty-month", "", r.period(m), "0", "全部单位均无活动记录"]) }
            for u in r.units {
                for run in u.silentRuns {
                    let p = run.from == run.to ? r.period(run.from) : r.period(run.from) + ".." + r.period(run.to)
                    out(["silent", u.name, p, String(run.to - run.from + 1), "连续 \(run.to - run.from + 1) 个月无活动记录"])
                }
            }
        }
    }

    /// Units per block of the long table when a second thread formats every other block
    /// (``BlockWriter``; a province's year has about 250 rows a unit).
    static let blockUnits = 64

    /// Writes one table.
    public static func write(_ t: Table, _ r: StatsReport, to sink: OutputSink, options o: ReportOptions) {
        write(t, r, to: sink, options: o, blockUnits: blockUnits)
    }

    /// ``write(_:_:to:options:)`` with the long table in blocks of `blockUnits` units.
    static func write(_ t: Table, _ r: StatsReport, to sink: OutputSink, options o: ReportOptions, blockUnits: Int) {
        let w = CSVWriter(sink: sink, bom: o.bom, formulaGuard: o.formulaGuard)
        w.row(header(t, r))
        if t == .long {
            // Millions of rows: names escaped once per unit and type into one byte array, and the
            // rows built in one buffer handed to the sink 64 KiB at a time — no String, no array
            // per name and no writer call per cell (each cost a retain and a release).
            var names: [UInt8] = []
            func escaped(_ s: String) -> Range<Int> {
                let lo = names.count
                names.append(contentsOf: w.escape(s).utf8)
                return lo..<names.count
            }
            let orgs = r.long.orgs.map(escaped), types = r.long.types.map(escaped)
            let periods = (0...12).map { escaped(r.period($0)) }
            let table = r.long
            // The rows of units lo..<hi appended to `line` (through a ``ByteSink``: appending to an
            // array checked its uniqueness on every append, a twentieth of a province's `stats`),
            // handed to `flush` 64 KiB at a time.
            func rows(_ units: Range<Int>, into line: ByteLine, flush: (ByteLine) -> Void) {
                var out = line.sink
                let comma = UInt8(ascii: ",")
                names.withUnsafeBufferPointer { nb in
                    table.forEachCell(orgs: units) { org, type, month, cell in
                        out.append(bytes: UnsafeBufferPointer(rebasing: nb[orgs[org]]))
                        out.append(byte: comma)
                        out.append(bytes: UnsafeBufferPointer(rebasing: nb[types[type]]))
                        out.append(byte: comma)
                        out.append(bytes: UnsafeBufferPointer(rebasing: nb[periods[month]]))
                        out.append(byte: comma)
                        CSVWriter.appendDecimal(cell.count, to: &out)
                        out.append(byte: comma)
                        CSVWriter.appendDecimal(cell.participants, to: &out)
                        out.append(byte: 0x0D)
                        out.append(byte: 0x0A)
                        if line.count >= 1 << 16 { flush(line) }
                    }
                }
            }
            // Blocks of `blockUnits` units, every other one formatted on a second thread.
            let n = table.orgs.count, size = max(1, blockUnits)
            @Sendable func range(_ b: Int) -> Range<Int> { (b * size)..<min(n, (b + 1) * size) }
            let line = ByteLine()
            func toSink(_ l: ByteLine) {
                sink.write(bytes: l.bytes)
                l.removeAll()
            }
            BlockWriter.write(blocks: (n + size - 1) / size, threads: o.threads, to: sink,
                              main: { b in rows(range(b), into: line, flush: toSink); toSink(line) },
                              helper: { b in let block = ByteLine(); rows(range(b), into: block, flush: { _ in }); return Array(block.bytes) })
            return
        }
        forEachRow(t, r) { w.row($0) }
    }
}
