import Foundation
import Testing
@testable import PlanCheckKit

/// Helpers for the workbook tests: test-time peers (python3, openpyxl, LibreOffice) and small
/// hand-built DEFLATE streams and ZIP archives.
enum Peer {
    /// Whether `python3` runs and can import `module` (nil module: just python3).
    static func hasPython(_ module: String? = nil) -> Bool {
        (try? run("/usr/bin/env", ["python3", "-c", "import " + (module ?? "zlib")]))?.status == 0
    }

    /// Runs a program; returns its status and combined output.
    static func run(_ exe: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs `python3 script args…` (script relative to Tests/Scripts); fails the test on a non-zero status.
    @discardableResult
    static func python(_ script: String, _ args: [String]) throws -> String {
        let r = try run("/usr/bin/env", ["python3", TestSupport.root + "/Tests/Scripts/" + script] + args)
        #expect(r.status == 0, "\(script) \(args): \(r.output)")
        return r.output
    }

    static func read(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }
}

/// Writes DEFLATE bits least significant first (and Huffman codes most significant first).
struct BitWriter {
    var bytes: [UInt8] = []
    var bitCount = 0
    mutating func bits(_ value: Int, _ n: Int) {
        for i in 0..<n {
            if bitCount % 8 == 0 { bytes.append(0) }
            if value & (1 << i) != 0 { bytes[bytes.count - 1] |= UInt8(1 << (bitCount % 8)) }
            bitCount += 1
        }
    }
    /// A Huffman code of `n` bits, most significant bit first.
    mutating func code(_ value: Int, _ n: Int) {
        for i in stride(from: n - 1, through: 0, by: -1) { bits((value >> i) & 1, 1) }
    }
    /// A fixed-Huffman literal/length symbol.
    mutating func fixedSymbol(_ s: Int) {
        switch s {
        case 0..<144: code(0x30 + s, 8)
        case 144..<256: code(0x190 + s - 144, 9)
        case 256..<280: code(s - 256, 7)
        default: code(0xC0 + s - 280, 8)
        }
    }
    /// Pads to a byte boundary.
    mutating func align() { bitCount = bytes.count * 8 }
    /// A stored block holding `data` (at most 65535 bytes).
    mutating func stored(_ data: [UInt8], final: Bool) {
        bits(final ? 1 : 0, 1); bits(0, 2); align()
        bytes += [UInt8(data.count & 0xFF), UInt8(data.count >> 8), UInt8(~data.count & 0xFF), UInt8((~data.count >> 8) & 0xFF)]
        bytes += data
        bitCount = bytes.count * 8
    }
}

/// Builds ZIP archives by hand (stored entries, or given raw DEFLATE data), with the knobs the
/// error tests need: flags, method, a wrong CRC, ZIP64 fields.
struct ZipBuilder {
    struct Item {
        var name: String
        var data: [UInt8]
        var payload: [UInt8]? = nil   // raw DEFLATE bytes; nil = stored
        var flags = 0
        var method: Int? = nil
        var crc: UInt32? = nil
        var declaredSize: Int? = nil
        var zip64 = false
    }
    var items: [Item] = []

    mutating func add(_ name: String, _ text: String) { items.append(Item(name: name, data: Array(text.utf8))) }

    func build() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func le(_ v: Int, _ n: Int) -> [UInt8] { (0..<n).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        for it in items {
            var crc = CRC32(); crc.update(it.data[...])
            let payload = it.payload ?? it.data
            let method = it.method ?? (it.payload == nil ? 0 : 8)
            let crcValue = Int(it.crc ?? crc.value)
            let size = it.declaredSize ?? it.data.count
            let name = Array(it.name.utf8)
            let offset = out.count
            out += le(0x0403_4B50, 4) + le(20, 2) + le(it.flags, 2) + le(method, 2) + le(0, 4)
            out += le(crcValue, 4) + le(payload.count, 4) + le(size, 4) + le(name.count, 2) + le(0, 2) + name + payload
            var extra: [UInt8] = []
            if it.zip64 { extra = le(1, 2) + le(24, 2) + le(size, 8) + le(payload.count, 8) + le(offset, 8) }
            central += le(0x0201_4B50, 4) + le(45, 2) + le(20, 2) + le(it.flags, 2) + le(method, 2) + le(0, 4) + le(crcValue, 4)
            central += it.zip64 ? le(0xFFFF_FFFF, 4) + le(0xFFFF_FFFF, 4) : le(payload.count, 4) + le(size, 4)
            central += le(name.count, 2) + le(extra.count, 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4)
            central += (it.zip64 ? le(0xFFFF_FFFF, 4) : le(offset, 4)) + name + extra
        }
        let cdOffset = out.count
        out += central
        out += le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(items.count, 2) + le(items.count, 2)
        out += le(central.count, 4) + le(cdOffset, 4) + le(0, 2)
        return out
    }
}

/// Builds small .xlsx workbooks by hand: sheets of raw `<row>` XML, shared strings, styles.
struct XLSXBuilder {
    var sheets: [(name: String, rows: String, hidden: Bool)] = []
    var shared: [String] = []          // raw <si> inner XML
    var date1904 = false
    /// cellXfs number formats by style index; custom codes get ids from 164.
    var styles: [(id: Int, code: String?)] = [(0, nil), (14, nil), (164, "yyyy\"年\"m\"月\"d\"日\""), (165, "[$-F400]h:mm:ss AM/PM"), (166, "0.00")]

    mutating func sheet(_ name: String, _ rows: String, hidden: Bool = false) { sheets.append((name, rows, hidden)) }

    func build() -> [UInt8] {
        var z = ZipBuilder()
        let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        z.add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>")
        z.add("_rels/.rels", "<?xml version=\"1.0\"?><Relationships><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        var wb = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook \(ns)><workbookPr date1904=\"\(date1904 ? 1 : 0)\"/><sheets>"
        var rels = "<?xml version=\"1.0\"?><Relationships>"
        for (i, s) in sheets.enumerated() {
            wb += "<sheet name=\"\(s.name)\" sheetId=\"\(i + 1)\"\(s.hidden ? " state=\"hidden\"" : "") r:id=\"rId\(i + 1)\"/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        wb += "</sheets></workbook>"
        rels += "<Relationship Id=\"rS\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        rels += "<Relationship Id=\"rT\" Type=\"\(rel)/styles\" Target=\"/xl/styles.xml\"/></Relationships>"
        z.add("xl/workbook.xml", wb)
        z.add("xl/_rels/workbook.xml.rels", rels)
        z.add("xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst \(ns) count=\"\(shared.count)\">" + shared.map { "<si>\($0)</si>" }.joined() + "</sst>")
        var st = "<?xml version=\"1.0\"?><styleSheet \(ns)><numFmts>"
        for s in styles where s.code != nil { st += "<numFmt numFmtId=\"\(s.id)\" formatCode=\"\(s.code!.replacingAll("\"", with: "&quot;"))\"/>" }
        st += "</numFmts><cellXfs count=\"\(styles.count)\">" + styles.map { "<xf numFmtId=\"\($0.id)\"/>" }.joined() + "</cellXfs></styleSheet>"
        z.add("xl/styles.xml", st)
        for (i, s) in sheets.enumerated() {
            z.add("xl/worksheets/sheet\(i + 1).xml", "<?xml version=\"1.0\"?><worksheet \(ns)><sheetData>\(s.rows)</sheetData></worksheet>")
        }
        return z.build()
    }
}
