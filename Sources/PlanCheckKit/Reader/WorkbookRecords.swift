/// Records from a workbook sheet: its rows go through the same ``RowValidator`` as CSV rows (the
/// same header mapping, validation and rejections), named `file.xlsx[sheet]`, with the sheet's
/// row numbers as lines and its column numbers as columns.
extension RecordReader {
    /// Whether `source` is a file whose content is a ZIP archive or an OLE2 file (a workbook,
    /// or something that must be explained as not one), whatever its extension.
    static func isWorkbook(_ source: InputSource) -> Bool {
        guard case .file(let p) = source else { return false }
        return FileSniff.of(path: p) != .other
    }

    func readWorkbook(_ path: String, index: Int, into summary: inout ReadSummary,
                      _ onRecord: (RecordView) throws -> Void) throws {
        var wb = try Workbook.open(path: path)
        wb.maxColumns = options.maxColumns
        let sheet = try wb.sheet(named: options.sheet)
        let name = "\(path)[\(sheet.name)]"
        let rows = RowValidator(path: name, maxKeptRejections: options.maxKeptRejections)
        rows.columnOverrides = options.columnOverrides
        var feeder = SheetRowFeeder()
        try feeder.run(wb, sheet) { line, cells in
            try SheetRowFeeder.withRow(line: line, cells: cells, width: rows.haveHeader ? rows.headerCount : cells.count) { row in
                try rows.pass(row, fileIndex: index, &summary, onRecord)
            }
        } isHeader: { cells in
            let m = RowValidator.mapHeaders(cells, overrides: options.columnOverrides)
            return RecordField.allCases.allSatisfy { !$0.isRequired || m.columns[$0] != nil }
        }
        if !rows.haveHeader { throw CSVError.empty(path: name) }
        rows.info.encoding = EncodingInfo(encoding: .utf8, bom: false, how: "xlsx")
        summary.files.append(rows.info)
    }
}

/// Hands a sheet's rows on, finding the header first: the first of the first ten rows that
/// names every required column (title rows above it, such as 2022年活动台账, are passed over);
/// if none does, the first row, so that the error names what is missing.
struct SheetRowFeeder {
    static let headerSearchRows = 10

    mutating func run(_ wb: Workbook, _ sheet: Workbook.Sheet,
                      _ handle: (_ line: Int, _ cells: [String]) throws -> Void,
                      isHeader: ([String]) -> Bool) throws {
        var waiting: [(Int, [String])] = []
        var started = false
        try wb.rows(sheet) { line, cells in
            if started { try handle(line, cells); return }
            waiting.append((line, cells))
            let h = waiting.firstIndex { isHeader($0.1) }
            if h != nil || waiting.count >= Self.headerSearchRows {
                started = true
                for (l, c) in waiting[(h ?? 0)...] { try handle(l, c) }
                waiting = []
            }
        }
        if !started { for (l, c) in waiting { try handle(l, c) } }
    }

    /// Builds a tokenizer row from cell texts, padded with empty cells to `width` (a sheet leaves
    /// out trailing empty cells; a CSV row has them).
    static func withRow(line: Int, cells: [String], width: Int, _ body: (CSVTokenizer.Row) throws -> Void) throws {
        var bytes: [UInt8] = []
        var spans: [FieldSpan] = []
        for c in cells {
            let lo = Int32(bytes.count)
            bytes.append(contentsOf: c.utf8)
            spans.append(FieldSpan(lo: lo, hi: Int32(bytes.count)))
        }
        while spans.count < width { spans.append(FieldSpan(lo: Int32(bytes.count), hi: Int32(bytes.count))) }
        if bytes.isEmpty { bytes.append(0) }
        try bytes.withUnsafeBufferPointer { b in
            try spans.withUnsafeBufferPointer { s in
                try body(CSVTokenizer.Row(base: b.baseAddress, spans: s, line: line))
            }
        }
    }
}

extension TableFile {
    /// A plan or roster sheet as a table (header row found as for records, by `isHeader`).
    ///
    /// Rows are kept without padding to the header's width (see ``TableFile/Row/declaredWidth``),
    /// and `maxColumns` bounds a row as for CSV plans and rosters.
    static func readWorkbook(_ path: String, sheet: String?, maxColumns: Int, isHeader: ([String]) -> Bool) throws -> TableFile {
        var wb = try Workbook.open(path: path)
        wb.maxColumns = maxColumns
        let s = try wb.sheet(named: sheet)
        var headers: [String]? = nil
        var headerLine = 1
        var rows: [Row] = []
        var feeder = SheetRowFeeder()
        try feeder.run(wb, s) { line, cells in
            let trimmed = cells.map { $0.workbookTrimmed }
            if let h = headers {
                rows.append(Row(line: line, cells: trimmed, declaredWidth: trimmed.count < h.count ? h.count : nil))
            } else {
                headers = trimmed
                headerLine = line
            }
        } isHeader: { isHeader($0) }
        guard let h = headers else { throw PlanError.emptyFile(path: path) }
        return TableFile(path: path, headers: h, headerLine: headerLine, rows: rows, sheet: s.name)
    }
}
