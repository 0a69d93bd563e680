#if canImport(Glibc)
import Glibc
#endif

/// Options of the record reader (the `--encoding`, `--delimiter` and limit flags).
public struct ReaderOptions: Sendable {
    /// Forces an encoding instead of BOM / detection.
    public var encoding: TextEncoding?
    /// Forces a delimiter instead of detection from the header line.
    public var delimiter: UInt8?
    /// Largest row, in bytes (`--max-row-bytes`).
    public var maxRowBytes = 16 << 20
    /// Most columns in a row (`--max-columns`).
    public var maxColumns = 1024
    /// How many rejected rows are kept with their reasons (all are counted).
    public var maxKeptRejections = 10_000
    /// Threads used to parse (`--threads`): 1 reads on the calling thread only; with N ≥ 2, a
    /// thread decodes the input into chunks, N − 1 worker threads tokenize and validate chunks in
    /// parallel, and the calling thread stitches the chunks together and consumes the records,
    /// parsing chunks itself while the one it needs is not ready (see ``ChunkedRecordReader``).
    /// Records reach the callback in file order either way and every result is the same. Default:
    /// the number of cores, at most 4.
    public var threads = min(4, onlineProcessors)
    /// Bytes per chunk (default 512 KiB): what the tokenizer is fed at a time, and with two or
    /// more threads what one worker parses. Small values only serve tests that force rows, quotes
    /// and CRLFs to straddle chunk boundaries.
    public var chunkSize = 1 << 19
    /// Header names given a field by `--column 组织名称=org` (normalized name → field); they win
    /// over the built-in aliases.
    public var columnOverrides: [String: RecordField] = [:]
    /// The sheet read from workbooks (`--sheet`); nil: the first visible sheet.
    public var sheet: String?
    /// Creates default options.
    public init() {}
}

/// How one input was read: what `inspect` shows and every report's header repeats.
public struct FileReadInfo: Sendable {
    /// The input's name as given.
    public var path: String
    /// The encoding and how it was decided.
    public var encoding: EncodingInfo?
    /// The delimiter used.
    public var delimiter: UInt8 = 0x2C
    /// Header names as found (trimmed).
    public var headers: [String] = []
    /// Column index of each canonical field found.
    public var columns: [RecordField: Int] = [:]
    /// Indexes of columns no canonical field took; they are kept and passed along.
    public var unmapped: [Int] = []
    /// Data rows read (blank lines not counted).
    public var rowsRead = 0
    /// Rows that became records.
    public var accepted = 0
    /// Rows rejected.
    public var rejected: Int { rowsRead - accepted }
}

/// What a read produced besides the records: per-file facts and every rejected row.
public struct ReadSummary: Sendable {
    /// One entry per input, in order.
    public var files: [FileReadInfo] = []
    /// Rejected rows, in input order, up to ``ReaderOptions/maxKeptRejections``.
    public var rejections: [Rejection] = []
    /// Rejected rows counted by reason category (never capped).
    public var rejectionCounts: [String: Int] = [:]
    /// Cells of optional fields that could not be read, in input order (their rows were kept),
    /// up to ``ReaderOptions/maxKeptRejections``.
    public var cellWarnings: [Rejection] = []
    /// All such cells (never capped).
    public var cellWarningCount = 0
    /// Data rows read.
    public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
    /// Rows accepted as records.
    public var accepted: Int { files.reduce(0) { $0 + $1.accepted } }
    /// Rows rejected.
    public var rejected: Int { rowsRead - accepted }
    /// Creates an empty summary.
    public init() {}
}

/// One accepted record, borrowed from the reader's buffers: valid only inside the callback.
///
/// Fields are trimmed UTF-8 bytes; ask for `string(_:)` only where a `String` is needed.
public struct RecordView {
    /// Index of the input in ``ReadSummary/files``.
    public let fileIndex: Int
    /// Physical line the row starts on.
    public let line: Int
    /// The activity's day.
    public let date: Day
    /// Participants, or nil when the cell was empty.
    public let participants: Int?
    let row: CSVTokenizer.Row
    let columns: UnsafeBufferPointer<Int>   // per RecordField.rawValue, -1 when absent
    let unmappedColumns: UnsafeBufferPointer<Int>   // a buffer, like `columns`: no reference counting per record
    /// What a worker thread already worked out (``RecordKeys/none`` otherwise).
    var keys = RecordKeys.none

    /// The duplicate fingerprint of org, type and title.
    @inline(__always)
    var fingerprint: UInt64 {
        keys.table >= 0 ? keys.fingerprint : RecordKeys.fingerprint(org: bytes(.org), type: bytes(.type), title: bytes(.title))
    }

    /// The trimmed bytes of a canonical field (empty when the file lacks the column).
    @inline(__always)
    public func bytes(_ f: RecordField) -> UnsafeBufferPointer<UInt8> {
        let c = columns[f.rawValue]
        return c < 0 ? UnsafeBufferPointer(start: nil, count: 0) : FieldParsing.trim(row[c])
    }

    /// A canonical field as a `String`.
    public func string(_ f: RecordField) -> String { String(decoding: bytes(f), as: UTF8.self) }

    /// The record's columns that no canonical field took, in file order (header index, value).
    public var extras: [(column: Int, value: String)] { unmappedColumns.map { ($0, row.string($0)) } }
}

/// Reads activity records from CSV inputs, streaming, with every row accounted for.
public struct RecordReader {
    /// The options in force.
    public let options: ReaderOptions

    /// Creates a reader.
    public init(options: ReaderOptions = ReaderOptions()) { self.options = options }

    /// Expands command-line inputs: a file, `-` (standard input), or a directory (its `.csv` files,
    /// sorted by name).
    public static func expand(_ args: [String]) throws -> [InputSource] {
        var out: [InputSource] = []
        for a in args {
            if a == "-" { out.append(.standardInput); continue }
            var st = stat()
            if stat(a, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
                guard let dir = opendir(a) else { throw CSVError.cannotRead(path: a, reason: "cannot list the directory") }
                var names: [String] = []
                while let entry = readdir(dir) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                        String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                    }
                    names.append(name)
                }
                closedir(dir)
                let csvs = names.filter { $0.lowercased().hasSuffix(".csv") && !$0.hasPrefix(".") }.sorted()
                if csvs.isEmpty { throw CSVError.noCSVInDirectory(path: a) }
                let base = a.hasSuffix("/") ? a : a + "/"
                out += csvs.map { .file(base + $0) }
            } else {
                out.append(.file(a))
            }
        }
        return out
    }

    /// Reads every input in order, calling `onRecord` for each accepted record, in file order and
    /// on the calling thread. With ``ReaderOptions/threads`` of 2 or more, decoding, tokenizing
    /// and validating run on other threads ahead of it (``ChunkedRecordReader``); with 1, the
    /// same chunked parse runs on the calling thread alone. The records, rejections and summary
    /// are the same with any number of threads.
    ///
    /// `knownOrgs`, when given, is a table whose ids the caller's own org table starts with (the
    /// roster's units, interned first): worker threads then look a record's org up there and
    /// hand over its id (``RecordKeys/known``) instead of an id of their own tables.
    public func read(_ sources: [InputSource], knownOrgs: ByteInterner? = nil,
                     _ onRecord: (RecordView) throws -> Void) throws -> ReadSummary {
        // A file changed while read (truncated, appended) gives a mix of versions that differs by
        // --threads: refused, compared by size and times before and after.
        let before = FileSnapshot.of(sources)
        // Workbooks are read on the calling thread (decompression and XML are sequential); with
        // one among the inputs, all are.
        // CSV is read in chunks by the region parser: on worker threads with 2 or more threads, on
        // the calling thread alone with 1.
        if !sources.isEmpty && !sources.contains(where: RecordReader.isWorkbook) {
            let chunked = ChunkedRecordReader(options: options, sources: sources, knownOrgs: knownOrgs, workers: options.threads >= 2 ? nil : 0)
            let summary = try options.threads >= 2 ? chunked.run(onRecord) : chunked.runOnCallingThread(onRecord)
            try FileSnapshot.verify(before)
            return summary
        }
        var summary = ReadSummary()
        for (index, source) in sources.enumerated() {
            try readOne(source, index: index, into: &summary, onRecord)
        }
        try FileSnapshot.verify(before)
        return summary
    }

    /// Tokenizes one input, handing every complete row to `handle`; returns the file's delimiter.
    /// The decoder's chunks are cut into pieces of ``ReaderOptions/chunkSize`` for the tokenizer.
    static func tokenize(_ decoder: DecodingReader, path: String, options opts: ReaderOptions,
                         delimiter: inout UInt8, onChunk: () -> Void = {}, _ handle: (CSVTokenizer.Row) throws -> Void) throws {
        var tokenizer: CSVTokenizer?
        let piece = max(1, opts.chunkSize)
        try decoder.run { chunk in
            onChunk()
            if tokenizer == nil {
                let d = opts.delimiter ?? CSVTokenizer.detectDelimiter(chunk)
                delimiter = d
                tokenizer = CSVTokenizer(delimiter: d, path: path, maxRowBytes: opts.maxRowBytes, maxColumns: opts.maxColumns)
            }
            if chunk.count <= piece {
                try tokenizer!.feed(chunk, handle)
            } else {
                var lo = 0
                while lo < chunk.count {
                    let hi = min(chunk.count, lo + piece)
                    try tokenizer!.feed(UnsafeBufferPointer(rebasing: chunk[lo..<hi]), handle)
                    lo = hi
                }
            }
        }
        if tokenizer != nil { try tokenizer!.finish(handle) }
    }

    func readOne(_ source: InputSource, index: Int, into summary: inout ReadSummary, _ onRecord: (RecordView) throws -> Void) throws {
        if case .file(let path) = source, RecordReader.isWorkbook(source) {
            return try readWorkbook(path, index: index, into: &summary, onRecord)
        }
        let decoder = DecodingReader(source: source, encoding: options.encoding, chunkSize: max(options.chunkSize, 4096))
        let rows = RowValidator(path: source.name, maxKeptRejections: options.maxKeptRejections)
        rows.columnOverrides = options.columnOverrides
        var delimiter: UInt8 = 0x2C
        defer { rows.info.delimiter = delimiter }
        do {
            try RecordReader.tokenize(decoder, path: source.name, options: options, delimiter: &delimiter,
                                      onChunk: { rows.encodingName = decoder.info?.encoding.rawValue ?? "UTF-8" }) { row in
                try rows.pass(row, fileIndex: index, &summary, onRecord)
            }
        } catch {
            rows.info.encoding = decoder.info
            throw error
        }
        rows.info.encoding = decoder.info
        rows.info.delimiter = delimiter
        if !rows.haveHeader { throw CSVError.empty(path: source.name) }
        summary.files.append(rows.info)
    }
}

/// A row that passed every check: what the record view carries besides the fields.
struct AcceptedRow {
    var day: Day
    var participants: Int?
    /// The org and type cells, trimmed (validation trims them anyway; the keys reuse them).
    var org: UnsafeBufferPointer<UInt8>
    var type: UnsafeBufferPointer<UInt8>
}

/// The per-file row logic shared by the single- and two-thread paths: maps the header, then
/// accepts or rejects each data row (rejections are appended to the summary in file order).
final class RowValidator {
    let path: String
    /// The input's encoding as messages name it (set as the decoder decides it).
    var encodingName = "UTF-8"
    /// Set while the rows come from a region known to be valid UTF-8 without NUL bytes, so the
    /// per-field text scan can be skipped.
    var textIsClean = false
    let maxKeptRejections: Int
    /// `--column` overrides: normalized header name → field.
    var columnOverrides: [String: RecordField] = [:]
    var info: FileReadInfo
    /// Column of each canonical field by `rawValue`, -1 when absent.
    var columns = [Int](repeating: -1, count: RecordField.allCases.count)
    var unmapped: [Int] = []
    var headerCount = 0
    var haveHeader = false
    /// Canonical fields present in the file, in `RecordField.allCases` order, with their columns.
    var present: [(field: RecordField, column: Int)] = []
    var dateColumn = -1, orgColumn = -1, typeColumn = -1, participantsColumn = -1, titleColumn = -1
    /// The last plain date parsed (a chunk's records come in runs of one day).
    var dateCache = FieldParsing.DateCache()

    init(path: String, maxKeptRejections: Int) {
        self.path = path
        self.maxKeptRejections = maxKeptRejections
        self.info = FileReadInfo(path: path)
    }

    /// A validator with this one's header and none of its counts, for a worker thread.
    func copyForRows() -> RowValidator {
        let v = RowValidator(path: path, maxKeptRejections: maxKeptRejections)
        v.encodingName = encodingName
        v.columnOverrides = columnOverrides
        v.info.headers = info.headers
        v.columns = columns
        v.unmapped = unmapped
        v.headerCount = headerCount
        v.haveHeader = haveHeader
        v.present = present
        v.dateColumn = dateColumn; v.orgColumn = orgColumn; v.typeColumn = typeColumn
        v.participantsColumn = participantsColumn
        v.titleColumn = titleColumn
        return v
    }

    /// A cell of an optional field that could not be read: the row is kept, the cell noted.
    func warn(_ line: Int, _ column: Int, _ kind: String, _ id: String, _ args: [String], _ summary: inout ReadSummary) {
        summary.cellWarningCount += 1
        if summary.cellWarnings.count < maxKeptRejections {
            summary.cellWarnings.append(Rejection(file: path, line: line, column: column, kind: kind, id: id, args: args))
        }
    }

    /// Counts a rejected row and keeps it (up to the cap) with its reason's message id and words,
    /// said in the report's language later.
    func reject(_ row: CSVTokenizer.Row, _ line: Int, _ column: Int, _ kind: String, _ id: String, _ args: [String], _ summary: inout ReadSummary) {
        summary.rejectionCounts[kind, default: 0] += 1
        if summary.rejections.count < maxKeptRejections {
            var x = Rejection(file: path, line: line, column: column, kind: kind, id: id, args: args)
            // The unit the row names, when it has that cell (a self-review lists only its own rows).
            if orgColumn >= 0 && orgColumn < row.count { x.org = String(decoding: FieldParsing.trim(row[orgColumn]), as: UTF8.self) }
            summary.rejections.append(x)
        }
    }

    /// The field of each header: `--column` overrides first (a field given one takes only the
    /// headers named for it), then the built-in aliases.
    static func mapHeaders(_ headers: [String], overrides: [String: RecordField]) -> (columns: [RecordField: Int], unmapped: [Int]) {
        if overrides.isEmpty { return HeaderNames.map(headers, fields: RecordField.allCases, aliases: { $0.aliases }) }
        return HeaderNames.map(headers, fields: RecordField.allCases) { f in
            let own = overrides.filter { $0.value == f }.map(\.key)
            return own.isEmpty ? f.aliases.filter { overrides[HeaderNames.normalize($0)] == nil } : own
        }
    }

    func headerName(_ c: Int) -> String { c < info.headers.count ? info.headers[c] : "column \(c + 1)" }

    func header(_ row: CSVTokenizer.Row) throws {
        haveHeader = true
        var headers: [String] = []
        for i in 0..<row.count {
            let b = FieldParsing.trim(row[i])
            if FieldParsing.firstInvalidUTF8(b) != nil {
                throw CSVError.undecodableHeader(path: path, line: row.line, column: i + 1, encoding: encodingName)
            }
            headers.append(String(decoding: b, as: UTF8.self))
        }
        info.headers = headers
        headerCount = headers.count
        let m = RowValidator.mapHeaders(headers, overrides: columnOverrides)
        info.columns = m.columns
        info.unmapped = m.unmapped
        unmapped = m.unmapped
        for (f, c) in m.columns { columns[f.rawValue] = c }
        present = RecordField.allCases.compactMap { f in columns[f.rawValue] >= 0 ? (f, columns[f.rawValue]) : nil }
        dateColumn = columns[RecordField.date.rawValue]
        orgColumn = columns[RecordField.org.rawValue]
        typeColumn = columns[RecordField.type.rawValue]
        participantsColumn = columns[RecordField.participants.rawValue]
        titleColumn = columns[RecordField.title.rawValue]
        let missing = RecordField.allCases.filter { $0.isRequired && m.columns[$0] == nil }
        if !missing.isEmpty {
            throw CSVError.missingColumns(
                path: path, line: row.line, missing: missing.map(\.name), found: headers,
                accepted: missing.map { f in
                    let near = HeaderNames.nearest(m.unmapped.map { headers[$0] }, to: f.aliases)
                    return "\(f.name) = " + f.aliases.joined(separator: " / ")
                        + (near.isEmpty ? "" : " (nearest here: \(near.joined(separator: ", ")); if it is, give --column \(near[0])=\(f.name))")
                })
        }
    }

    /// Validates a row and, when it is accepted, hands it to `onRecord` as a record of input `fileIndex`.
    @inline(__always)
    func pass(_ row: CSVTokenizer.Row, fileIndex: Int, _ summary: inout ReadSummary,
              _ onRecord: (RecordView) throws -> Void) throws {
        guard let ok = try validate(row, &summary) else { return }
        try columns.withUnsafeBufferPointer { cols in
            try unmapped.withUnsafeBufferPointer { extra in
                try onRecord(RecordView(fileIndex: fileIndex, line: row.line, date: ok.day, participants: ok.participants,
                                        row: row, columns: cols, unmappedColumns: extra))
            }
        }
    }

    /// The header (returns nil), a rejected row (nil, recorded in `summary`), or an accepted row.
    @inline(__always)
    func validate(_ row: CSVTokenizer.Row, _ summary: inout ReadSummary) throws -> AcceptedRow? {
        if !haveHeader { try header(row); return nil }
        info.rowsRead += 1
        if row.count != headerCount {
            reject(row, row.line, row.count > headerCount ? headerCount + 1 : row.count, "wrong field count",
                   "reader.wrongFieldCount", [String(headerCount), String(row.count)], &summary)
            return nil
        }
        // Every canonical field must be clean text.
        if !textIsClean {
            for (f, c) in present {
                let scan = FieldParsing.scanField(row[c])
                if scan.invalidAt >= 0 {
                    let enc = encodingName
                    reject(row, row.line, c + 1, "invalid text", "reader.invalidText", [headerName(c), "field:" + f.name, enc, String(scan.invalidAt + 1)], &summary)
                    return nil
                }
                if scan.hasNUL {
                    reject(row, row.line, c + 1, "NUL byte", "reader.nulByte", [headerName(c), "field:" + f.name], &summary)
                    return nil
                }
            }
        }
        let date = FieldParsing.trim(row[dateColumn]), org = FieldParsing.trim(row[orgColumn])
        let type = FieldParsing.trim(row[typeColumn])
        let empty: (RecordField, Int)? =
            date.isEmpty ? (.date, dateColumn)
            : org.isEmpty ? (.org, orgColumn)
            : type.isEmpty ? (.type, typeColumn) : nil
        if let (f, c) = empty {
            reject(row, row.line, c + 1, "missing \(f.name)", "reader.missingField", [headerName(c), "field:" + f.name], &summary)
            return nil
        }
        if (org.count == 1 || org.count == 6) && Roster.isReservedName(org) {
            reject(row, row.line, orgColumn + 1, "reserved org", "limits.reservedName", [row.string(orgColumn)], &summary)
            return nil
        }
        let dc = dateColumn
        let day: Day
        switch FieldParsing.parseDate(date, cache: &dateCache) {
        case .day(let d): day = d
        case .impossible(let why):
            // `why` is "2022-02-30 is not a calendar date" or "24:00 is not a time of day".
            let (id, what): (String, String) =
                why.hasSuffix(" is not a time of day") ? ("reader.impossibleTime", String(why.dropLast(" is not a time of day".count)))
                : why.hasSuffix(" is not a calendar date") ? ("reader.impossibleDate", String(why.dropLast(" is not a calendar date".count)))
                : ("reader.impossibleDate", why)
            reject(row, row.line, dc + 1, "impossible date", id, [headerName(dc), row.string(dc), what], &summary)
            return nil
        case .unrecognized:
            reject(row, row.line, dc + 1, "unrecognized date", "reader.unrecognizedDate", [headerName(dc), row.string(dc), FieldParsing.acceptedDateShapes], &summary)
            return nil
        }
        var participants: Int? = nil
        let pc = participantsColumn
        if pc >= 0 {
            switch FieldParsing.parseCount(FieldParsing.trim(row[pc])) {
            case .empty: participants = nil
            case .value(let v): participants = v
            case .invalid:
                // Chinese numerals (十八, 二十三人); anything else keeps the row, the count unknown,
                // with a warning at the cell: an optional field never costs the activity.
                if let v = FieldParsing.chineseCount(FieldParsing.trim(row[pc])) {
                    participants = v
                } else {
                    warn(row.line, pc + 1, "bad participants", "cells.badParticipants", [headerName(pc), row.string(pc)], &summary)
                }
            }
        }
        info.accepted += 1
        return AcceptedRow(day: day, participants: participants, org: org, type: type)
    }
}
