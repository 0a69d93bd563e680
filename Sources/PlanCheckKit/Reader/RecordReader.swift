import Foundation

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
    let unmappedColumns: [Int]

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
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: a, isDirectory: &isDir), isDir.boolValue {
                let names: [String]
                do { names = try FileManager.default.contentsOfDirectory(atPath: a) } catch {
                    throw CSVError.cannotRead(path: a, reason: "cannot list the directory")
                }
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

    /// Reads every input in order, calling `onRecord` for each accepted record.
    public func read(_ sources: [InputSource], _ onRecord: (RecordView) throws -> Void) throws -> ReadSummary {
        var summary = ReadSummary()
        for (index, source) in sources.enumerated() {
            try readOne(source, index: index, into: &summary, onRecord)
        }
        return summary
    }

    func readOne(_ source: InputSource, index: Int, into summary: inout ReadSummary, _ onRecord: (RecordView) throws -> Void) throws {
        let path = source.name
        var info = FileReadInfo(path: path)
        let decoder = DecodingReader(source: source, encoding: options.encoding)
        var tokenizer: CSVTokenizer?
        var columns = [Int](repeating: -1, count: RecordField.allCases.count)
        var unmapped: [Int] = []
        var headerCount = 0
        var haveHeader = false
        let opts = options

        func reject(_ line: Int, _ column: Int, _ kind: String, _ reason: String) {
            summary.rejectionCounts[kind, default: 0] += 1
            if summary.rejections.count < opts.maxKeptRejections {
                summary.rejections.append(Rejection(file: path, line: line, column: column, kind: kind, reason: reason))
            }
        }

        func headerName(_ c: Int) -> String { c < info.headers.count ? info.headers[c] : "column \(c + 1)" }

        func handle(_ row: CSVTokenizer.Row) throws {
            if !haveHeader {
                haveHeader = true
                var headers: [String] = []
                for i in 0..<row.count {
                    let b = FieldParsing.trim(row[i])
                    if FieldParsing.firstInvalidUTF8(b) != nil {
                        throw CSVError.undecodableHeader(path: path, line: row.line, column: i + 1, encoding: decoder.info?.encoding.rawValue ?? "UTF-8")
                    }
                    headers.append(String(decoding: b, as: UTF8.self))
                }
                info.headers = headers
                headerCount = headers.count
                let m = HeaderNames.map(headers, fields: RecordField.allCases, aliases: { $0.aliases })
                info.columns = m.columns
                info.unmapped = m.unmapped
                unmapped = m.unmapped
                for (f, c) in m.columns { columns[f.rawValue] = c }
                let missing = RecordField.allCases.filter { $0.isRequired && m.columns[$0] == nil }
                if !missing.isEmpty {
                    throw CSVError.missingColumns(
                        path: path, line: row.line, missing: missing.map(\.name), found: headers,
                        accepted: missing.map { "\($0.name) = " + $0.aliases.joined(separator: " / ") })
                }
                return
            }
            info.rowsRead += 1
            if row.count != headerCount {
                reject(row.line, row.count > headerCount ? headerCount + 1 : row.count, "wrong field count",
                       "expected \(headerCount) fields as in the header, found \(row.count)")
                return
            }
            // Every canonical field must be clean text.
            for f in RecordField.allCases {
                let c = columns[f.rawValue]
                if c < 0 { continue }
                let b = row[c]
                if let bad = FieldParsing.firstInvalidUTF8(b) {
                    let enc = decoder.info?.encoding.rawValue ?? "UTF-8"
                    reject(row.line, c + 1, "invalid text", "\(headerName(c)) (\(f.name)) has bytes that are not valid \(enc) at byte \(bad + 1); re-save the file as UTF-8 or give --encoding")
                    return
                }
                if b.contains(0) {
                    reject(row.line, c + 1, "NUL byte", "\(headerName(c)) (\(f.name)) contains a NUL byte")
                    return
                }
            }
            for f in [RecordField.date, .org, .type] where FieldParsing.trim(row[columns[f.rawValue]]).isEmpty {
                let c = columns[f.rawValue]
                reject(row.line, c + 1, "missing \(f.name)", "\(headerName(c)) (\(f.name)) is empty; every record needs a date, an org and a type")
                return
            }
            let dc = columns[RecordField.date.rawValue]
            let day: Day
            switch FieldParsing.parseDate(FieldParsing.trim(row[dc])) {
            case .day(let d): day = d
            case .impossible(let why):
                reject(row.line, dc + 1, "impossible date", "\(headerName(dc)) '\(row.string(dc))': \(why)")
                return
            case .unrecognized:
                reject(row.line, dc + 1, "unrecognized date", "\(headerName(dc)) '\(row.string(dc))' is not a date; expected \(FieldParsing.acceptedDateShapes)")
                return
            }
            var participants: Int? = nil
            let pc = columns[RecordField.participants.rawValue]
            if pc >= 0 {
                switch FieldParsing.parseCount(FieldParsing.trim(row[pc])) {
                case .empty: participants = nil
                case .value(let v): participants = v
                case .invalid:
                    reject(row.line, pc + 1, "bad participants", "\(headerName(pc)) '\(row.string(pc))' is not a count; expected digits, optionally followed by 人 or 人次 (or empty)")
                    return
                }
            }
            info.accepted += 1
            try columns.withUnsafeBufferPointer { cols in
                try onRecord(RecordView(fileIndex: index, line: row.line, date: day, participants: participants,
                                        row: row, columns: cols, unmappedColumns: unmapped))
            }
        }

        do {
            try decoder.run { chunk in
                if tokenizer == nil {
                    let d = opts.delimiter ?? CSVTokenizer.detectDelimiter(chunk)
                    info.delimiter = d
                    tokenizer = CSVTokenizer(delimiter: d, path: path, maxRowBytes: opts.maxRowBytes, maxColumns: opts.maxColumns)
                }
                try tokenizer!.feed(chunk, handle)
            }
            if tokenizer != nil { try tokenizer!.finish(handle) }
        } catch {
            info.encoding = decoder.info
            throw error
        }
        info.encoding = decoder.info
        if !haveHeader { throw CSVError.empty(path: path) }
        summary.files.append(info)
    }
}
