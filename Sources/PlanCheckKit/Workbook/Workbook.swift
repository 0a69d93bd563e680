#if canImport(Glibc)
import Glibc
#endif

/// What a file's first bytes say it is.
public enum FileSniff: Equatable, Sendable {
    /// A ZIP archive (`PK\3\4`): an .xlsx workbook, or an .ods, .docx …
    case zip
    /// An OLE2 compound file: an .xls or .et workbook, an encrypted .xlsx, an old .doc.
    case ole2
    /// Anything else (text, CSV).
    case other

    /// Looks at the first bytes of `path` (never standard input); `.other` when it cannot be read.
    public static func of(path: String) -> FileSniff {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .other }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR { return .other }
        var b = [UInt8](repeating: 0, count: 8)
        let n = read(fd, &b, 8)
        return of(bytes: Array(b[0..<max(0, n)]))
    }

    /// Looks at the first bytes.
    public static func of(bytes b: [UInt8]) -> FileSniff {
        if ZipArchive.looksLikeZip(b) { return .zip }
        if b.count >= 8 && b[0..<8] == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] { return .ole2 }
        return .other
    }
}

/// An Excel workbook (.xlsx, SpreadsheetML) opened for reading: its sheets, shared strings, date
/// styles and date system. Sheets are read row by row while they are decompressed, so memory
/// holds the compressed file, the shared strings and one piece of one sheet, not the sheet.
public struct Workbook {
    /// One worksheet: its name and the archive entry with its XML.
    public struct Sheet: Sendable, Equatable {
        public var name: String
        public var entry: String
        public var hidden: Bool
    }

    /// The file's path as given.
    public let path: String
    /// The worksheets in workbook order (chart sheets left out).
    public let sheets: [Sheet]
    /// Whether dates count from 1904 (`date1904="1"`).
    public let date1904: Bool
    let zip: ZipArchive
    let sharedStrings: [String]
    /// By cell style index (`s`): whether its number format shows a date.
    let dateStyles: [Bool]
    /// The most columns a row may have.
    public var maxColumns = 16_384

    /// The largest workbook file read: 1 GiB. The compressed file is held in memory while it is
    /// read; Excel's own largest sheet (1,048,576 rows) makes files of a few hundred MB.
    public static let maxFileBytes = 1 << 30

    /// Reads the file at `path` (the whole compressed file is held in memory, at most
    /// ``maxFileBytes``; a larger file is refused before it is read).
    public static func open(path: String, maxFileBytes: Int = Workbook.maxFileBytes) throws -> Workbook {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw CSVError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        let size = fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : 0
        if size > maxFileBytes { throw WorkbookError.fileTooLarge(path: path, size: size, limit: maxFileBytes) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(fd, &buf, buf.count)
            if n < 0 { throw CSVError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            // A file that grows while it is read (or is no regular file) meets the same limit.
            if bytes.count + n > maxFileBytes { throw WorkbookError.fileTooLarge(path: path, size: bytes.count + n, limit: maxFileBytes) }
            bytes.append(contentsOf: buf[0..<n])
        }
        return try Workbook(bytes: bytes, path: path)
    }

    /// Opens a workbook from its bytes; a file of another kind ends with the error that says how
    /// to save it as .xlsx.
    public init(bytes: [UInt8], path: String) throws {
        self.path = path
        switch FileSniff.of(bytes: Array(bytes.prefix(8))) {
        case .ole2:
            let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            throw Workbook.contains(bytes, marker) ? WorkbookError.encrypted(path: path) : WorkbookError.legacyFormat(path: path)
        case .other:
            throw WorkbookError.notWorkbook(path: path)
        case .zip:
            break
        }
        let zip = try ZipArchive(bytes: bytes, path: path)
        self.zip = zip
        if let m = try? zip.data("mimetype"), String(decoding: m, as: UTF8.self).hasPrefix("application/vnd.oasis.opendocument") {
            throw WorkbookError.openDocument(path: path)
        }
        // The workbook part: from the package relationships, else the usual name.
        var workbookEntry = "xl/workbook.xml"
        _ = try XMLStream.run(zip, entry: "_rels/.rels") { e in
            if e.kind != .end, e.is("Relationship"), let type = e.attribute("Type"), type.hasSuffix("/officeDocument"),
               let target = e.attribute("Target") {
                workbookEntry = Workbook.resolve(target, base: "")
            }
        }
        guard zip.entry(workbookEntry) != nil else {
            if zip.entry("content.xml") != nil { throw WorkbookError.openDocument(path: path) }
            throw WorkbookError.notWorkbook(path: path)
        }
        let base = workbookEntry.contains("/") ? String(workbookEntry[..<workbookEntry.lastIndex(of: "/")!]) + "/" : ""
        let relsEntry = base + "_rels/" + workbookEntry.dropFirst(base.count) + ".rels"
        var targets: [String: (type: String, target: String)] = [:]
        _ = try XMLStream.run(zip, entry: relsEntry) { e in
            if e.kind != .end, e.is("Relationship"), let id = e.attribute("Id"), let t = e.attribute("Target") {
                targets[id] = (e.attribute("Type") ?? "", Workbook.resolve(t, base: base))
            }
        }
        var sheets: [Sheet] = []
        var date1904 = false
        _ = try XMLStream.run(zip, entry: workbookEntry) { e in
            guard e.kind != .end else { return }
            if e.is("workbookPr"), let v = e.attribute("date1904") { date1904 = v == "1" || v.lowercased() == "true" }
            if e.is("sheet"), let name = e.attribute("name"), let rid = e.attribute("r:id") ?? e.attribute("id"),
               let t = targets[rid], !t.type.hasSuffix("/chartsheet") {
                let state = e.attribute("state") ?? "visible"
                sheets.append(Sheet(name: name, entry: t.target, hidden: state != "visible"))
            }
        }
        if sheets.isEmpty { throw WorkbookError.noSheet(path: path) }
        self.sheets = sheets
        self.date1904 = date1904
        let shared = targets.values.first { $0.type.hasSuffix("/sharedStrings") }?.target ?? base + "sharedStrings.xml"
        let styles = targets.values.first { $0.type.hasSuffix("/styles") }?.target ?? base + "styles.xml"
        sharedStrings = try Workbook.readSharedStrings(zip, entry: shared)
        dateStyles = try Workbook.readDateStyles(zip, entry: styles)
    }

    static func contains(_ bytes: [UInt8], _ marker: [UInt8]) -> Bool {
        guard let first = marker.first, bytes.count >= marker.count else { return false }
        var i = 0
        while i <= bytes.count - marker.count {
            if bytes[i] == first && Array(bytes[i..<(i + marker.count)]) == marker { return true }
            i += 1
        }
        return false
    }

    /// A relationship target as an entry name: absolute (`/xl/…`) or relative to `base`, with `..` resolved.
    static func resolve(_ target: String, base: String) -> String {
        let full = target.hasPrefix("/") ? String(target.dropFirst()) : base + target
        var parts: [Substring] = []
        for p in full.split(separator: "/") {
            if p == ".." { _ = parts.popLast() } else if p != "." { parts.append(p) }
        }
        return parts.joined(separator: "/")
    }

    static func readSharedStrings(_ zip: ZipArchive, entry: String) throws -> [String] {
        var out: [String] = []
        var current = ""
        var inText = false, phonetic = 0
        _ = try XMLStream.run(zip, entry: entry) { e in
            switch e.kind {
            case .start:
                if e.is("si") { current = "" } else if e.is("t") { inText = true } else if e.is("rPh") { phonetic += 1 }
            case .end:
                if e.is("si") { out.append(current) } else if e.is("t") { inText = false } else if e.is("rPh") { phonetic -= 1 }
            case .empty:
                if e.is("si") { out.append("") }
            case .text:
                if inText && phonetic == 0 { current += e.text }
            }
        }
        return out
    }

    static func readDateStyles(_ zip: ZipArchive, entry: String) throws -> [Bool] {
        var codes: [Int: String] = [:]
        var styles: [Bool] = []
        var inCellXfs = false
        _ = try XMLStream.run(zip, entry: entry) { e in
            if e.is("numFmt"), e.kind != .end, let id = e.attribute("numFmtId").flatMap({ Int($0) }) {
                codes[id] = e.attribute("formatCode") ?? ""
            } else if e.is("cellXfs") {
                inCellXfs = e.kind == .start
            } else if inCellXfs, e.is("xf"), e.kind != .end {
                let id = e.attribute("numFmtId").flatMap { Int($0) } ?? 0
                styles.append(ExcelDate.isDateFormat(id: id, code: codes[id]))
            }
        }
        return styles
    }

    /// The sheet named `name`, or the first visible worksheet when `name` is nil.
    public func sheet(named name: String?) throws -> Sheet {
        if let name {
            if let s = sheets.first(where: { $0.name == name }) { return s }
            let n = HeaderNames.normalize(name)
            if let s = sheets.first(where: { HeaderNames.normalize($0.name) == n }) { return s }
            throw WorkbookError.sheetNotFound(path: path, sheet: name, available: sheets.map(\.name))
        }
        return sheets.first { !$0.hidden } ?? sheets[0]
    }

    /// Reads a sheet row by row: `onRow(rowNumber, cells)` for each row with a value, `cells[i]`
    /// the text of column i+1 (empty for a skipped or empty cell), trailing empty cells dropped.
    ///
    /// Cell text: shared and inline strings (rich-text runs joined, phonetic runs left out),
    /// numbers as Excel shows them (15 significant digits, whole numbers without `.0`), dates (numbers in a date format) as
    /// `2022-03-05` or `2022-03-05 14:30`, booleans as TRUE/FALSE, errors as shown (#N/A),
    /// formulas by their cached value.
    public func rows(_ sheet: Sheet, _ onRow: (_ row: Int, _ cells: [String]) throws -> Void) throws {
        let place = "\(path)[\(sheet.name)]"
        var rowNumber = 0
        var cells: [String] = []
        var col = -1
        var type = "n", style = -1
        var value = "", inline = ""
        var inCell = false, inValue = false, inInline = false, inText = false, phonetic = 0
        var cellHasValue = false
        func finishRow() throws {
            while let last = cells.last, last.isEmpty { cells.removeLast() }
            if !cells.isEmpty { try onRow(rowNumber, cells) }
            cells.removeAll(keepingCapacity: true)
        }
        let found = try XMLStream.run(zip, entry: sheet.entry) { e in
            switch e.kind {
            case .start, .empty:
                if e.is("row") {
                    // A row number outside 1 … 1,048,576 (Excel's last row), given or counted on
                    // from the previous row, is no row of a sheet: refused before it is used.
                    if let r = e.attribute("r") {
                        guard let n = Int(r.workbookTrimmed), Workbook.rowRange.contains(n) else {
                            throw WorkbookError.badReference(path: place, row: rowNumber + 1, reference: "<row r=\"\(r.prefix(40))\">")
                        }
                        rowNumber = n
                    } else {
                        guard rowNumber < Workbook.rowRange.upperBound else {
                            throw WorkbookError.badReference(path: place, row: rowNumber, reference: "<row>")
                        }
                        rowNumber += 1
                    }
                    col = -1
                    inCell = false
                    cells.removeAll(keepingCapacity: true)
                } else if e.is("c") {
                    if let r = e.attribute("r") {
                        guard let c = Workbook.column(r) else {
                            throw WorkbookError.badReference(path: place, row: rowNumber, reference: String(r.prefix(40)))
                        }
                        col = c
                    } else {
                        col += 1
                    }
                    if col >= maxColumns { throw WorkbookError.tooManyColumns(path: place, row: rowNumber, limit: maxColumns) }
                    type = e.attribute("t") ?? "n"
                    style = e.attribute("s").flatMap { Int($0) } ?? -1
                    value = ""; inline = ""; cellHasValue = false
                    inCell = e.kind == .start
                } else if e.is("v") {
                    inValue = e.kind == .start && inCell
                    if inCell { cellHasValue = true }
                } else if e.is("is") {
                    inInline = e.kind == .start && inCell
                    if inCell { cellHasValue = true }
                } else if e.is("t") {
                    inText = e.kind == .start
                } else if e.is("rPh") {
                    if e.kind == .start { phonetic += 1 }
                }
            case .end:
                if e.is("row") { try finishRow() }
                else if e.is("c") {
                    // Only a cell that was opened is finished (a stray </c> is ignored).
                    if inCell && cellHasValue {
                        let text = try cellText(type: type, style: style, value: value, inline: inline, place: place) {
                            Workbook.cellName(column: col, row: rowNumber)
                        }
                        if !text.isEmpty {
                            if cells.count <= col { cells += [String](repeating: "", count: col + 1 - cells.count) }
                            cells[col] = text
                        }
                    }
                    inCell = false
                }
                else if e.is("v") { inValue = false }
                else if e.is("is") { inInline = false }
                else if e.is("t") { inText = false }
                else if e.is("rPh") { phonetic = max(0, phonetic - 1) }
            case .text:
                if inValue { value += e.text } else if inInline && inText && phonetic == 0 { inline += e.text }
            }
        }
        if !found { throw WorkbookError.badXML(path: path, entry: sheet.entry) }
    }

    /// Excel's rows: 1 … 1,048,576.
    static let rowRange = 1...1_048_576
    /// Excel's columns: A … XFD (0 … 16,383 here).
    static let lastColumn = 16_383

    /// `A1`-style name of a 0-based column and a row (`cellName(column: 3, row: 7)` = `D7`).
    static func cellName(column: Int, row: Int) -> String {
        var letters: [Character] = []
        var c = column + 1
        while c > 0 {
            let r = (c - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            c = (c - 1) / 26
        }
        return String(letters.reversed()) + String(row)
    }

    /// A cell's text; `cell` names it for the error of a shared string the workbook lacks.
    func cellText(type: String, style: Int, value: String, inline: String, place: String? = nil, cell: () -> String = { "" }) throws -> String {
        switch type {
        case "s":
            let v = value.workbookTrimmed
            guard let i = Int(v), i >= 0, i < sharedStrings.count else {
                throw WorkbookError.badSharedString(path: place ?? path, cell: cell(), index: String(v.prefix(40)), count: sharedStrings.count)
            }
            return sharedStrings[i]
        case "inlineStr": return inline
        case "b": return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
        case "str", "e", "d": return value
        default:
            let v = value.workbookTrimmed
            guard let d = Double(v) else { return v }
            if style >= 0 && style < dateStyles.count && dateStyles[style] {
                return ExcelDate.text(d, date1904: date1904) ?? v
            }
            return Workbook.numberText(v, d)
        }
    }

    /// A number as a clerk sees it in Excel/WPS: rounded to 15 significant digits (what Excel shows
    /// of the binary number it stores), whole numbers without a fraction. A count that arithmetic
    /// left as 12.000000000000002 reads as 12, and 0.1+0.2 as 0.3, as the clerk sees them.
    static func numberText(_ raw: String, _ d: Double) -> String {
        // Most cells (12, 12.5) have 15 digits or fewer and are shown as written.
        if raw.utf8.count <= 15 && !raw.utf8.contains(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }) {
            return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : raw
        }
        let shown = significant15(d)
        let r = Double(shown) ?? d
        if r == r.rounded(), abs(r) < 1e15 { return String(Int(r)) }
        if !shown.contains("e") { return shown }
        if raw.count <= 16 && !raw.contains("E") && !raw.contains("e") { return raw }
        var s = String(d)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    /// `d` to 15 significant digits (`%.15g`): `12.000000000000002` → `12`, `0.30000000000000004` → `0.3`.
    static func significant15(_ d: Double) -> String {
        guard d.isFinite else { return String(d) }
        var buffer = [CChar](repeating: 0, count: 48)
        _ = withVaList([d]) { vsnprintf(&buffer, buffer.count, "%.15g", $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The 0-based column of a cell reference (`D7` → 3), nil when it has no letters or names a
    /// column past XFD (Excel's last, 16,384th).
    static func column(_ ref: String) -> Int? {
        var c = 0, letters = 0
        for u in ref.utf8 {
            if u >= 0x41 && u <= 0x5A { c = c * 26 + Int(u - 0x40); letters += 1 }
            else if u >= 0x61 && u <= 0x7A { c = c * 26 + Int(u - 0x60); letters += 1 }
            else { break }
            if letters > 3 { return nil }
        }
        return letters == 0 || c - 1 > lastColumn ? nil : c - 1
    }
}

extension String {
    var workbookTrimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
