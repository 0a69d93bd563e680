/// `plancheck inspect`: shows how each input was read, or writes the normalized records.
public enum InspectCommand: Command {
    public static let spec = CommandSpec(
        name: "inspect",
        options: CommonOptions.reader + [
            OptionSpec("format", value: "FORMAT", help: "help.inspect.opt.format"),
            OptionSpec("output", short: "o", value: "FILE", help: "help.inspect.opt.output"),
            OptionSpec("bom"),
            OptionSpec("no-formula-guard", help: "help.inspect.opt.no-formula-guard"),
            OptionSpec("max-listed", value: "N"),
        ])

    struct FileStats {
        var minDay: Day?
        var maxDay: Day?
        var orgs: [String: Int] = [:]
        var types: [String: Int] = [:]
    }

    public static func run(_ p: ParsedArguments, io: CommandIO) throws -> Int32 {
        let options = try CommonOptions.readerOptions(p)
        let (inputs, folderNotes) = try CommonOptions.inputsAndNotes(p, lang: io.lang)
        for n in folderNotes { io.stderr.write(n + "\n") }
        let format = p.value("format") ?? "text"
        guard format == "text" || format == "csv" else { throw UsageError(id: "csv.unknownFormat", format, "text, csv") }
        let maxListed = try p.value("max-listed").map { try Limits.option($0, "max-listed", Limits.maxListed) } ?? 10
        var fileOut: AtomicFileOutput? = nil
        if let path = p.value("output") {
            try AtomicFileOutput.refuseInputs([path], inputs: inputs)
            fileOut = try AtomicFileOutput(path: path)
        }
        let sink: OutputSink = fileOut ?? io.stdout
        let reader = RecordReader(options: options)
        var stats: [FileStats] = []
        let summary: ReadSummary
        do {
            if format == "csv" {
                let w = CSVWriter(sink: sink, bom: p.flag("bom"), formulaGuard: !p.flag("no-formula-guard"))
                w.row(["id", "date", "org", "type", "participants", "title", "lead", "target", "file", "line"])
                let names = inputs.map(\.name)
                summary = try reader.read(inputs) { r in
                    w.row([r.string(.id), r.date.iso, r.string(.org), r.string(.type), r.participants.map(String.init) ?? "",
                           r.string(.title), r.string(.lead), r.string(.target), names[r.fileIndex], String(r.line)])
                }
            } else {
                summary = try reader.read(inputs) { r in
                    while stats.count <= r.fileIndex { stats.append(FileStats()) }
                    var s = stats[r.fileIndex]
                    stats[r.fileIndex] = FileStats()
                    if s.minDay == nil || r.date < s.minDay! { s.minDay = r.date }
                    if s.maxDay == nil || r.date > s.maxDay! { s.maxDay = r.date }
                    s.orgs[r.string(.org), default: 0] += 1
                    s.types[r.string(.type), default: 0] += 1
                    stats[r.fileIndex] = s
                }
                while stats.count < summary.files.count { stats.append(FileStats()) }
                sink.write(renderText(summary, stats, maxListed: maxListed, lang: io.lang))
            }
            // Standard output is flushed here so the summary comes before the rejections on
            // standard error; a failed write there is said once, by the CLI's final flush (which
            // also keeps a closed pipe quiet).
            if let f = fileOut { try f.commit() } else { try? sink.flush() }
        } catch {
            fileOut?.discard()
            throw error
        }
        if format == "csv" {
            for r in summary.rejections { io.stderr.write(Messages.text("inspect.rejectedRow", io.lang, r.location, r.message(io.lang)) + "\n") }
            for w in summary.cellWarnings { io.stderr.write(Messages.text("cells.warning", io.lang, w.location, w.message(io.lang)).trimmingWhitespace() + "\n") }
            if summary.rejected > summary.rejections.count {
                io.stderr.write(Messages.text("inspect.moreRejected", io.lang, summary.rejected - summary.rejections.count) + "\n")
            }
            io.stderr.write(Messages.text("inspect.rows", io.lang, summary.rowsRead, summary.accepted, summary.rejected) + "\n")
        }
        if p.flag("strict"), let e = CommonOptions.strictFailure(summary, lang: io.lang) {
            io.stderr.write(Messages.text("core.error", io.lang, e.message(io.lang)) + "\n")
            return ExitCode.badInput
        }
        return ExitCode.ok
    }

    static func top(_ d: [String: Int], _ n: Int, _ lang: Lang) -> String {
        let sorted = d.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var parts = sorted.prefix(n).map { "\($0.key) \($0.value)" }
        if sorted.count > n { parts.append(Messages.text("inspect.more", lang, sorted.count - n)) }
        return parts.joined(separator: Messages.text("inspect.sep", lang))
    }

    static func renderText(_ s: ReadSummary, _ stats: [FileStats], maxListed: Int, lang L: Lang = .zh) -> String {
        var out = ""
        for (i, f) in s.files.enumerated() {
            let st = stats[i]
            out += "\(f.path)\n"
            var rows: [[String]] = []
            rows.append(["  " + Messages.text("inspect.encoding", L), f.encoding?.message(L) ?? "?"])
            rows.append(["  " + Messages.text("inspect.delimiter", L), CommonOptions.delimiterName(f.delimiter, L)])
            let mapped = RecordField.allCases.compactMap { fld in f.columns[fld].map { "\(f.headers[$0]) → " + (L == .zh ? Rejection.fieldLabel(fld.name, L) : fld.name) } }
            rows.append(["  " + Messages.text("inspect.columns", L), mapped.joined(separator: ", ")])
            if !f.unmapped.isEmpty {
                rows.append(["  " + Messages.text("inspect.unmapped", L), Messages.text("inspect.unmappedList", L, f.unmapped.map { f.headers[$0] }.joined(separator: ", "))])
            }
            rows.append(["  " + Messages.text("inspect.rowsLabel", L), Messages.text("inspect.rowsCounts", L, f.rowsRead, f.accepted, f.rejected)])
            if let a = st.minDay, let b = st.maxDay { rows.append(["  " + Messages.text("inspect.dates", L), "\(a.iso) … \(b.iso)"]) }
            if !st.orgs.isEmpty { rows.append(["  " + Messages.text("inspect.orgs", L), "\(st.orgs.count): " + top(st.orgs, maxListed, L)]) }
            if !st.types.isEmpty { rows.append(["  " + Messages.text("inspect.types", L), "\(st.types.count): " + top(st.types, maxListed, L)]) }
            out += DisplayWidth.table(rows)
            let rej = s.rejections.filter { $0.file == f.path }
            for r in rej.prefix(maxListed) { out += "  " + Messages.text("inspect.rejectedRow", L, r.location, r.message(L)) + "\n" }
            if f.rejected > min(rej.count, maxListed) { out += "  " + Messages.text("inspect.moreRejected", L, f.rejected - min(rej.count, maxListed)) + "\n" }
            for w in s.cellWarnings.filter({ $0.file == f.path }).prefix(maxListed) { out += Messages.text("cells.warning", L, w.location, w.message(L)) + "\n" }
            out += "\n"
        }
        out += Messages.text("inspect.total", L, s.files.count, s.rowsRead, s.accepted, s.rejected) + "\n"
        if !s.rejectionCounts.isEmpty {
            out += Messages.text("inspect.byReason", L, s.rejectionCounts.sorted { $0.key < $1.key }
                .map { "\(Rejection.kindLabel($0.key, L)) \($0.value)" }.joined(separator: Messages.text("inspect.sep", L))) + "\n"
        }
        return out
    }
}
