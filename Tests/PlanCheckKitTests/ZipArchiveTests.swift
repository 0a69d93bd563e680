import Foundation
import Testing
@testable import PlanCheckKit

/// The ZIP reader: archives written by Python's zipfile, hand-made archives (ZIP64 fields,
/// encryption, wrong checksums), cut archives and ZIP bombs.
@Suite("ZIP reader")
struct ZipArchiveTests {
    @Test("reads stored and deflated entries written by Python's zipfile")
    func python() throws {
        guard Peer.hasPython() else { print("skipped: python3 not found"); return }
        let dir = TestSupport.tempDir("zip")
        let sample = TestSupport.root + "/SampleData/records/app-export-2022.csv"
        let small = TestSupport.write("党员大会,2022/3/5\n", name: "small.txt", dir: dir)
        let empty = TestSupport.write([], name: "empty.txt", dir: dir)
        try Peer.python("zlib_peer.py", ["zip", dir + "/a.zip", "xl/records.csv:deflated:" + sample,
                                         "stored.csv:stored:" + sample, "中文/名字.txt:deflated:" + small,
                                         "empty:deflated:" + empty])
        let zip = try ZipArchive(bytes: Peer.read(dir + "/a.zip"), path: "a.zip")
        #expect(zip.entryNames == ["xl/records.csv", "stored.csv", "中文/名字.txt", "empty"])
        #expect(try zip.data("xl/records.csv") == Peer.read(sample))
        #expect(try zip.data("stored.csv") == Peer.read(sample))
        #expect(try zip.data("中文/名字.txt") == Array("党员大会,2022/3/5\n".utf8))
        #expect(try zip.data("empty") == [])
        #expect(try zip.data("missing") == nil)
    }

    @Test("an archive of 70000 entries (a ZIP64 end record)")
    func zip64EndRecord() throws {
        guard Peer.hasPython() else { print("skipped: python3 not found"); return }
        let dir = TestSupport.tempDir("zip64")
        try Peer.python("zlib_peer.py", ["manyzip", dir + "/many.zip", "70000"])
        let zip = try ZipArchive(bytes: Peer.read(dir + "/many.zip"), path: "many.zip")
        #expect(zip.entries.count == 70_000)
        #expect(try zip.data("e69999.txt") == Array("entry 69999".utf8))
    }

    @Test("ZIP64 sizes and offsets in the extra field")
    func zip64Extra() throws {
        var b = ZipBuilder()
        b.add("a.xml", "<a/>")
        b.items.append(.init(name: "b.xml", data: Array("<b>二</b>".utf8), zip64: true))
        let zip = try ZipArchive(bytes: b.build(), path: "x.xlsx")
        #expect(try zip.data("b.xml") == Array("<b>二</b>".utf8))
        #expect(zip.entry("b.xml")?.localOffset ?? 0 > 0)
    }

    @Test("cut archives say the file is incomplete")
    func truncated() throws {
        var b = ZipBuilder()
        b.add("xl/worksheets/sheet1.xml", String(repeating: "<row/>", count: 100))
        let bytes = b.build()
        for cut in [0, 3, 21, bytes.count / 2, bytes.count - 1] {
            #expect(throws: ZipError.truncated(path: "w.xlsx")) { try ZipArchive(bytes: Array(bytes[0..<cut]), path: "w.xlsx") }
        }
        #expect(ZipError.truncated(path: "w.xlsx").message(.zh).contains("不完整"))
        #expect(ZipError.truncated(path: "w.xlsx").message(.en).contains("incomplete"))
    }

    @Test("encrypted entries, unknown methods and wrong checksums are errors, not garbage")
    func damaged() throws {
        var b = ZipBuilder()
        b.items = [.init(name: "e", data: [1, 2, 3], flags: 1)]
        #expect(throws: ZipError.encrypted(path: "p", entry: "e")) { try ZipArchive(bytes: b.build(), path: "p").data("e") }
        b.items = [.init(name: "m", data: [1, 2, 3], method: 14)]
        #expect(throws: ZipError.unsupportedMethod(path: "p", entry: "m", method: 14)) { try ZipArchive(bytes: b.build(), path: "p").data("m") }
        b.items = [.init(name: "c", data: [1, 2, 3], crc: 12345)]
        #expect(throws: ZipError.checksum(path: "p", entry: "c")) { try ZipArchive(bytes: b.build(), path: "p").data("c") }
        b.items = [.init(name: "d", data: [1, 2, 3], payload: [0x07])]
        #expect(throws: ZipError.badData(path: "p", entry: "d", problem: .badBlockType)) { try ZipArchive(bytes: b.build(), path: "p").data("d") }
    }

    /// A DEFLATE stream of `n` zero bytes made of 258-byte matches (fixed Huffman, ratio ~160).
    static func zeros(_ n: Int) -> [UInt8] {
        var w = BitWriter()
        w.bits(1, 1); w.bits(1, 2)
        w.fixedSymbol(0)
        var left = n - 1
        while left >= 258 { w.fixedSymbol(285); w.code(0, 5); left -= 258 }
        for _ in 0..<left { w.fixedSymbol(0) }
        w.fixedSymbol(256)
        return w.bytes
    }

    @Test("a ZIP bomb stops at the limit or the ratio check with a clear error")
    func bomb() throws {
        let n = 4 << 20
        var b = ZipBuilder()
        b.items = [.init(name: "xl/worksheets/sheet1.xml", data: [UInt8](repeating: 0, count: n), payload: Self.zeros(n))]
        var zip = try ZipArchive(bytes: b.build(), path: "bomb.xlsx")
        #expect(try zip.data("xl/worksheets/sheet1.xml")?.count == n)   // within the defaults
        zip.entryLimit = 1 << 20
        #expect(throws: ZipError.tooLarge(path: "bomb.xlsx", entry: "xl/worksheets/sheet1.xml", limit: 1 << 20)) {
            try zip.data("xl/worksheets/sheet1.xml")
        }
        // The ratio check: past the floor, output may be at most maxRatio × the compressed size.
        zip.entryLimit = 1 << 30
        zip.ratioFloor = 1 << 20
        zip.maxRatio = 100
        #expect(throws: ZipError.self) { try zip.data("xl/worksheets/sheet1.xml") }
        // A declared size lying low does not help: the output is counted as it is made.
        b.items[0].declaredSize = 10
        zip = try ZipArchive(bytes: b.build(), path: "bomb.xlsx")
        zip.entryLimit = 1 << 20
        #expect(throws: ZipError.tooLarge(path: "bomb.xlsx", entry: "xl/worksheets/sheet1.xml", limit: 1 << 20)) {
            try zip.data("xl/worksheets/sheet1.xml")
        }
        let m = ZipError.tooLarge(path: "bomb.xlsx", entry: "xl/worksheets/sheet1.xml", limit: 1 << 20).message(.zh)
        #expect(m.contains("bomb.xlsx") && m.contains("压缩炸弹"))
    }

    @Test("a real-sized bomb written by zlib (200 MB of zeros) ends with the ratio error at the defaults")
    func zlibBomb() throws {
        guard Peer.hasPython() else { print("skipped: python3 not found"); return }
        let dir = TestSupport.tempDir("bomb")
        let script = "import zipfile\nwith zipfile.ZipFile('\(dir)/b.xlsx','w',zipfile.ZIP_DEFLATED) as z:\n"
            + "  z.writestr('xl/worksheets/sheet1.xml', b'\\0' * (200 << 20))\n"
        let r = try Peer.run("/usr/bin/env", ["python3", "-c", script])
        #expect(r.status == 0, "\(r.output)")
        let zip = try ZipArchive(bytes: Peer.read(dir + "/b.xlsx"), path: "b.xlsx")
        #expect(throws: ZipError.self) { try zip.stream("xl/worksheets/sheet1.xml") { _ in } }
    }
}
