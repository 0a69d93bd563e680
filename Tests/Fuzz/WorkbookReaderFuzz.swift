// libFuzzer target for the workbook (.xlsx) reader: bytes in, never a crash, a hang or runaway
// memory, whatever the ZIP container, the DEFLATE streams, the SpreadsheetML, the shared strings
// or the styles hold.
//
// Input layout: byte 0 chooses the mode and options, the rest is the material.
//   mode 0 (ctl & 3 == 0): the rest is the whole file (ZIP directory, local headers, DEFLATE, XML);
//   mode 1: the rest is split at NUL bytes into the sheet's XML, the shared strings' XML and the
//           styles' XML, packed by the harness into a well-formed workbook (stored entries, right
//           CRCs), so mutations reach the XML and the cells instead of dying at a checksum;
//   mode 2: the rest is a raw DEFLATE stream, decoded on its own (bounded) and, when it decodes,
//           stored as the sheet of a workbook with its right CRC and size;
//   mode 3: as mode 1, with the workbook in the 1904 date system.
// Every workbook goes through the entries the product uses: RecordReader (records), and the
// plan and roster readers (TableFile). Invariants: any error is one of the reader's error types
// and has a message in both languages; rows read = accepted + rejected.
#if canImport(Glibc)
import Glibc
#endif

/// Builds a ZIP archive of stored entries (or given DEFLATE payloads) with right CRCs.
func fuzzZip(_ items: [(name: String, data: [UInt8], deflated: [UInt8]?)]) -> [UInt8] {
    var out: [UInt8] = []
    var central: [UInt8] = []
    func le(_ v: Int, _ n: Int) -> [UInt8] { (0..<n).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    for it in items {
        var crc = CRC32(); crc.update(it.data[...])
        let payload = it.deflated ?? it.data
        let method = it.deflated == nil ? 0 : 8
        let name = Array(it.name.utf8)
        let offset = out.count
        out += le(0x0403_4B50, 4) + le(20, 2) + le(0, 2) + le(method, 2) + le(0, 4)
        out += le(Int(crc.value), 4) + le(payload.count, 4) + le(it.data.count, 4) + le(name.count, 2) + le(0, 2) + name + payload
        central += le(0x0201_4B50, 4) + le(45, 2) + le(20, 2) + le(0, 2) + le(method, 2) + le(0, 4) + le(Int(crc.value), 4)
        central += le(payload.count, 4) + le(it.data.count, 4)
        central += le(name.count, 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(offset, 4) + name
    }
    let cdOffset = out.count
    out += central
    out += le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(items.count, 2) + le(items.count, 2)
    out += le(central.count, 4) + le(cdOffset, 4) + le(0, 2)
    return out
}

/// A workbook of one sheet around the given sheet XML, shared strings and styles.
func fuzzWorkbook(sheet: [UInt8], sheetDeflated: [UInt8]? = nil, shared: [UInt8], styles: [UInt8], date1904: Bool) -> [UInt8] {
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    func b(_ s: String) -> [UInt8] { Array(s.utf8) }
    return fuzzZip([
        ("[Content_Types].xml", b("<?xml version=\"1.0\"?><Types/>"), nil),
        ("_rels/.rels", b("<Relationships><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"), nil),
        ("xl/workbook.xml", b("<workbook><workbookPr date1904=\"\(date1904 ? 1 : 0)\"/><sheets><sheet name=\"台账\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"), nil),
        ("xl/_rels/workbook.xml.rels", b("<Relationships><Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            + "<Relationship Id=\"rS\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            + "<Relationship Id=\"rT\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/></Relationships>"), nil),
        ("xl/sharedStrings.xml", shared, nil),
        ("xl/styles.xml", styles, nil),
        ("xl/worksheets/sheet1.xml", sheet, sheetDeflated),
    ])
}

/// Fails unless `error` is one the workbook, record, plan or roster readers may throw, with a
/// message in both languages.
func checkReaderError(_ error: Error, _ what: String) {
    guard let m = error as? LocalizedMessage else { fuzzFail("\(what) threw a non-reader error: \(error)") }
    if m.message(.zh).isEmpty || m.message(.en).isEmpty { fuzzFail("\(what): empty message for \(error)") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbookReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let ctl = data[0]
    let rest = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    var file: [UInt8]
    switch ctl & 3 {
    case 0:
        file = rest
    case 2:
        // A raw DEFLATE stream: decoded on its own, then as the sheet of a workbook.
        var decoded: [UInt8]? = nil
        do { decoded = try Inflate.inflate(rest, limit: 1 << 22) } catch {
            guard error is InflateError else { fuzzFail("inflate threw \(error)") }
        }
        guard let d = decoded else { return 0 }
        file = fuzzWorkbook(sheet: d, sheetDeflated: rest, shared: Array("<sst><si><t>日期</t></si></sst>".utf8),
                            styles: Array("<styleSheet><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>".utf8),
                            date1904: false)
    default:
        let parts = rest.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map(Array.init)
        file = fuzzWorkbook(sheet: parts[0], shared: parts.count > 1 ? parts[1] : [], styles: parts.count > 2 ? parts[2] : [],
                            date1904: ctl & 3 == 3)
    }
    let path = file.withUnsafeBufferPointer { FuzzFile.write("book.xlsx", $0) }

    // Records: the product's entry for a workbook input.
    var o = ReaderOptions()
    o.threads = 1 + Int((ctl >> 2) & 1)
    o.maxColumns = ctl & 8 != 0 ? 40 : 1024
    o.maxKeptRejections = 50
    if ctl & 16 != 0 { o.sheet = "台账" }
    do {
        let s = try RecordReader(options: o).read([.file(path)]) { _ in }
        if s.accepted + s.rejected != s.rowsRead { fuzzFail("accepted + rejected != rows read") }
        if s.rejectionCounts.values.reduce(0, +) != s.rejected { fuzzFail("rejection counts do not add up") }
    } catch {
        checkReaderError(error, "the record reader")
    }
    // Plans and rosters read from a workbook.
    if ctl & 32 != 0 {
        do { _ = try PlanReader.validate([path]) } catch { checkReaderError(error, "the plan reader") }
        do { _ = try Roster.read([path]) } catch { checkReaderError(error, "the roster reader") }
    }
    return 0
}
