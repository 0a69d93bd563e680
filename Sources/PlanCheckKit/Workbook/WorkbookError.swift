/// Why a file given as a workbook (or found to be one by its content) cannot be read.
public enum WorkbookError: Error, Equatable, Sendable, LocalizedMessage {
    /// An old binary workbook (.xls, BIFF) or a WPS .et file: an OLE2 compound file.
    case legacyFormat(path: String)
    /// A workbook encrypted with a password (Excel stores these as OLE2 compound files).
    case encrypted(path: String)
    /// An OpenDocument spreadsheet (.ods).
    case openDocument(path: String)
    /// A ZIP archive that is not a workbook (a .docx, a .zip of files …).
    case notWorkbook(path: String)
    /// The workbook has no worksheet.
    case noSheet(path: String)
    /// `--sheet` names a sheet the workbook does not have.
    case sheetNotFound(path: String, sheet: String, available: [String])
    /// A part of the workbook is not well-formed XML (cut off).
    case badXML(path: String, entry: String)
    /// A row is wider than the column limit.
    case tooManyColumns(path: String, row: Int, limit: Int)
    /// A row number (`<row r=…>`) or a cell reference (`<c r=…>`) outside A1 … XFD1048576;
    /// `path` names the sheet (`book.xlsx[台账]`).
    case badReference(path: String, row: Int, reference: String)
    /// A cell points at a shared string the workbook does not have.
    case badSharedString(path: String, cell: String, index: String, count: Int)
    /// One XML tag, comment or text run of an entry is longer than `limit` bytes (damaged or forged).
    case xmlTooLong(path: String, entry: String, offset: Int, limit: Int)
    /// The file is larger than ``Workbook/maxFileBytes``.
    case fileTooLarge(path: String, size: Int, limit: Int)

    public func message(_ lang: Lang) -> String {
        switch self {
        case let .legacyFormat(path): return Messages.text("workbook.legacy", lang, path)
        case let .encrypted(path): return Messages.text("workbook.encrypted", lang, path)
        case let .openDocument(path): return Messages.text("workbook.ods", lang, path)
        case let .notWorkbook(path): return Messages.text("workbook.notWorkbook", lang, path)
        case let .noSheet(path): return Messages.text("workbook.noSheet", lang, path)
        case let .sheetNotFound(path, sheet, available):
            return Messages.text("workbook.sheetNotFound", lang, path, sheet, available.joined(separator: lang == .zh ? "、" : ", "))
        case let .badXML(path, entry): return Messages.text("workbook.badXML", lang, path, entry)
        case let .tooManyColumns(path, row, limit): return Messages.text("workbook.tooManyColumns", lang, path, row, limit)
        case let .badReference(path, row, reference): return Messages.text("workbook.badReference", lang, path, row, reference)
        case let .badSharedString(path, cell, index, count):
            return Messages.text("workbook.badSharedString", lang, path, cell, index, count)
        case let .xmlTooLong(path, entry, offset, limit):
            return Messages.text("workbook.xmlTooLong", lang, path, entry, offset, limit / (1 << 20))
        case let .fileTooLarge(path, size, limit):
            return Messages.text("workbook.fileTooLarge", lang, path, size / (1 << 20), limit / (1 << 20))
        }
    }
}
