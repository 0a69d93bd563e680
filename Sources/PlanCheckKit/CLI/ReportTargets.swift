/// Where a command's reports go: a format on standard output plus any `--output` files.
struct ReportTargets {
    /// The format for standard output.
    var stdoutFormat: String
    /// Report files and their formats.
    var files: [(path: String, format: String)]
    /// Whether CSV gets a BOM.
    var bom: Bool
    /// Whether CSV cells are formula-guarded.
    var formulaGuard: Bool

    static let extensions = ["txt": "text", "text": "text", "csv": "csv", "json": "json", "html": "html", "htm": "html"]

    /// Reads `--format`, `--output`, `--no-bom`, `--no-formula-guard` and checks every output
    /// directory before any work is done.
    static func parse(_ p: ParsedArguments, stdoutFormats: [String], fileFormats: [String]) throws -> ReportTargets {
        let f = p.value("format") ?? "text"
        guard stdoutFormats.contains(f) else {
            throw UsageError(id: "csv.unknownFormat", f, stdoutFormats.joined(separator: ", "))
        }
        var files: [(String, String)] = []
        for path in p.all("output") {
            let ext = path.split(separator: ".").count > 1 ? String(path.split(separator: ".").last!).lowercased() : ""
            guard let fmt = extensions[ext], fileFormats.contains(fmt) else {
                throw ReportError.unknownFormat(path: path, known: fileFormats.map { "." + ($0 == "text" ? "txt" : $0) })
            }
            if files.contains(where: { $0.0 == path }) { throw UsageError(id: "csv.outputTwice", path) }
            try AtomicFileOutput.preflight(path)
            files.append((path, fmt))
        }
        return ReportTargets(stdoutFormat: f, files: files, bom: !p.flag("no-bom"), formulaGuard: !p.flag("no-formula-guard"))
    }

    /// Renders every report file to a temporary file, then renames them all into place; on any
    /// failure no report file is replaced.
    func writeFiles(_ render: (String, OutputSink) throws -> Void) throws {
        var pending: [AtomicFileOutput] = []
        do {
            for (path, fmt) in files {
                let out = try AtomicFileOutput(path: path)
                pending.append(out)
                try render(fmt, out)
                try out.flush()
            }
            for out in pending { try out.commit() }
        } catch {
            for out in pending { out.discard() }
            throw error
        }
    }
}
