import Foundation
import Testing
@testable import PlanCheckKit

/// `inspect --format csv` gives exactly the rows and fields Python's standard csv module reads
/// from the same file after decoding (Tests/Scripts/csv_peer.py).
@Suite("inspect --format csv against Python's csv module")
struct CSVPeerTests {
    static let tricky = "编号,日期,支部,类型,主题,人数,主讲人\r\n"
        + "A1,2022/3/5,宝胜寺社区党支部,廉政专题学习,\"学习,讨论\",23人,王芳\r\n"
        + "A2,2022年3月6日 14:30,古镇社区党支部,警示教育,\"观看\"\"警示片\"\"\r\n第二行\",１２,李强\r\n"
        + "\r\n"
        + "A3,20220307,龙门社区党支部,党课,\u{3000}前后空格\u{3000},,\r\n"
        + "A4,2022.3.8,会展社区党支部,主题党日,\"=SUM(A1)\",8人次,张三"

    static var fixtures: [(name: String, bytes: [UInt8], encoding: String, delimiter: String)] {
        [
            ("utf8-bom-crlf", [0xEF, 0xBB, 0xBF] + Array(tricky.utf8), "utf-8-sig", ","),
            ("gb18030", TestSupport.encode(tricky, as: "GB18030"), "gb18030", ","),
            ("utf16le-tab", [0xFF, 0xFE] + TestSupport.encode(tricky.replacingAll(",", with: "\t"), as: "UTF-16LE"), "utf-16", "\\t"),
            ("lf-no-final-newline", Array(tricky.replacingAll("\r\n", with: "\n").utf8), "utf-8", ","),
            ("lone-cr", Array(tricky.replacingAll("\r\n", with: "\r").utf8), "utf-8", ","),
        ]
    }

    @Test("fixtures", arguments: [0, 1, 2, 3, 4])
    func peer(index: Int) throws {
        let f = Self.fixtures[index]
        let dir = TestSupport.tempDir("peer")
        let input = TestSupport.write(f.bytes, name: f.name + ".csv", dir: dir)
        let out = dir + "/normalized.csv"
        let r = try TestSupport.runBinary(["inspect", "--format", "csv", "--no-formula-guard", "-o", out, input])
        #expect(r.code == 0, "\(r.err)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", TestSupport.root + "/Tests/Scripts/csv_peer.py", input, out, f.encoding, f.delimiter]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(f.name): \(text)")
        #expect(text == "OK 4 rows\n", "\(f.name)")
    }

    @Test("with the formula guard on (the default), formula-like cells are neutralised")
    func formulaGuard() throws {
        let input = TestSupport.write(Self.tricky, name: "f.csv")
        let r = try TestSupport.runBinary(["inspect", "--format", "csv", input])
        #expect(r.out.contains(",'=SUM(A1),"))
    }
}
