#if canImport(Glibc)
import Glibc
#endif

/// A file found in an input folder that is not read, and why (every run lists them).
public struct NotReadFile: Sendable, Equatable {
    /// The file's path.
    public var path: String
    /// Why, in the reader's words (catalogue id and arguments).
    public var id: String
    public var args: [String]
    /// The reason in `lang`.
    public func message(_ lang: Lang) -> String { Messages.format(id, lang, args) }
}

/// Input folders as people keep them: activity tables (CSV, .xlsx) are read, subfolders are read
/// too, and every other file — a roster, a plan, a notes sheet, a Word file — is listed as not
/// read with the reason instead of ending the run. With `strict`, every CSV and workbook of a
/// folder is read as records, as before, so a stray table ends the run (fail-fast).
extension RecordReader {
    static let tableExtensions: Set<String> = ["csv", "txt", "tsv", "xlsx", "xlsm"]
    static let maxFolderDepth = 8

    /// Expands files, `-` and folders; returns what to read and what was found but not read.
    public static func expandFolders(_ args: [String], options: ReaderOptions, strict: Bool) throws
        -> (sources: [InputSource], notRead: [NotReadFile]) {
        var sources: [InputSource] = []
        var notRead: [NotReadFile] = []
        for a in args {
            if a == "-" { sources.append(.standardInput); continue }
            guard isDirectory(a) else { sources.append(.file(a)); continue }
            let before = sources.count
            try walk(a, depth: 0, options: options, strict: strict, &sources, &notRead)
            if sources.count == before && notRead.isEmpty { throw CSVError.noCSVInDirectory(path: a) }
        }
        return (sources, notRead)
    }

    static func isDirectory(_ p: String) -> Bool {
        var st = stat()
        return stat(p, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func walk(_ dir: String, depth: Int, options: ReaderOptions, strict: Bool,
                     _ sources: inout [InputSource], _ notRead: inout [NotReadFile]) throws {
        guard let d = opendir(dir) else { throw CSVError.cannotRead(path: dir, reason: "cannot list the directory") }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        closedir(d)
        let base = dir.hasSuffix("/") ? dir : dir + "/"
        for name in names.sorted() {
            let path = base + name
            if isDirectory(path) {
                if depth + 1 >= maxFolderDepth { notRead.append(NotReadFile(path: path, id: "folder.tooDeep", args: [])); continue }
                try walk(path, depth: depth + 1, options: options, strict: strict, &sources, &notRead)
                continue
            }
            let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!).lowercased() : ""
            if name.hasPrefix("~$") { notRead.append(NotReadFile(path: path, id: "folder.lockFile", args: [])); continue }
            if ext == "xls" || ext == "et" || FileSniff.of(path: path) == .ole2 {
                notRead.append(NotReadFile(path: path, id: "folder.legacy", args: [])); continue
            }
            guard tableExtensions.contains(ext) || FileSniff.of(path: path) == .zip else {
                notRead.append(NotReadFile(path: path, id: "folder.notTable", args: [ext.isEmpty ? "?" : "." + ext])); continue
            }
            if strict { sources.append(.file(path)); continue }
            if let why = notActivityTable(path, options: options) { notRead.append(why) } else { sources.append(.file(path)) }
        }
    }

    /// Why a table found in a folder is not a table of activities (nil when it is): its header
    /// lacks a required column, or it cannot be opened as a table.
    static func notActivityTable(_ path: String, options: ReaderOptions) -> NotReadFile? {
        struct Stop: Error {}
        var header: [String]? = nil
        do {
            if FileSniff.of(path: path) == .zip {
                let wb = try Workbook.open(path: path)
                let sheet = try wb.sheet(named: options.sheet)
                var feeder = SheetRowFeeder()
                do {
                    try feeder.run(wb, sheet) { _, cells in header = cells; throw Stop() } isHeader: { cells in
                        let m = RowValidator.mapHeaders(cells, overrides: options.columnOverrides)
                        return RecordField.allCases.allSatisfy { !$0.isRequired || m.columns[$0] != nil }
                    }
                } catch is Stop {}
            } else {
                let decoder = DecodingReader(source: .file(path), encoding: options.encoding, chunkSize: 1 << 16)
                var tok: CSVTokenizer? = nil
                do {
                    try decoder.run { chunk in
                        if tok == nil { tok = CSVTokenizer(delimiter: options.delimiter ?? CSVTokenizer.detectDelimiter(chunk), path: path) }
                        try tok!.feed(chunk) { r in
                            header = (0..<r.count).map { String(decoding: FieldParsing.trim(r[$0]), as: UTF8.self) }
                            throw Stop()
                        }
                    }
                    try tok?.finish { r in header = (0..<r.count).map { String(decoding: FieldParsing.trim(r[$0]), as: UTF8.self) } }
                } catch is Stop {}
            }
        } catch let e as LocalizedMessage {
            return NotReadFile(path: path, id: "folder.unreadable", args: [e.message(.zh)])
        } catch {
            return NotReadFile(path: path, id: "folder.unreadable", args: ["\(error)"])
        }
        guard let h = header else { return NotReadFile(path: path, id: "folder.empty", args: []) }
        let m = RowValidator.mapHeaders(h, overrides: options.columnOverrides)
        let missing = RecordField.allCases.filter { $0.isRequired && m.columns[$0] == nil }
        if missing.isEmpty { return nil }
        return NotReadFile(path: path, id: "folder.notActivity",
                           args: [missing.map { Rejection.fieldLabel($0.name, .zh) }.joined(separator: "、"), h.prefix(8).joined(separator: "、")])
    }
}
