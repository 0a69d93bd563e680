import Foundation
import Testing
@testable import PlanCheckKit

/// Workbooks written by other programs from the sample CSVs read to exactly the records of the
/// CSVs: `inspect --format csv` gives the same rows (the file column aside), the same rejections.
@Suite("Workbooks written by openpyxl and LibreOffice")
struct WorkbookPeerTests {
    static let samples: [(file: String, encoding: String)] = [
        ("app-export-2022", "utf-8"), ("excel-gbk-2022", "gb18030"), ("branch-baoshengsi-2022", "utf-8-sig"),
    ]

    /// `inspect --format csv` of `path` with the file column replaced by `F`, and the rejections.
    static func inspect(_ path: String, as name: String) -> (rows: String, rejections: String) {
        let r = TestSupport.run(["inspect", "--format", "csv", path])
        #expect(r.code == 0, "\(r.err)")
        let rows = r.out.replacingAll("," + path + ",", with: ",F,")
        let rej = r.err.replacingAll(name + ":", with: "F:")
        return (rows, rej)
    }

    static func csv(_ i: Int) -> String { TestSupport.root + "/SampleData/records/" + samples[i].file + ".csv" }

    @Test("openpyxl", arguments: [0, 1, 2])
    func openpyxl(index: Int) throws {
        guard Peer.hasPython("openpyxl") else { print("skipped: python3 with openpyxl not found (pip install openpyxl)"); return }
        let dir = TestSupport.tempDir("openpyxl")
        let out = dir + "/" + Self.samples[index].file + ".xlsx"
        try Peer.python("xlsx_peer.py", [Self.csv(index), Self.samples[index].encoding, out, "活动"])
        let a = Self.inspect(Self.csv(index), as: Self.csv(index))
        let b = Self.inspect(out, as: out + "[活动]")
        #expect(a.rows == b.rows)
        #expect(a.rejections == b.rejections)
        #expect(a.rows.utf8.filter { $0 == 0x0A }.count > 200)
    }

    /// Excel stores the result of arithmetic as a binary number (=0.1*120 is 12.000000000000002) and
    /// shows it to 15 significant digits (12): a participants cell reads as the clerk sees it.
    @Test("number cells read as Excel shows them (openpyxl)")
    func excelNumbers() throws {
        guard Peer.hasPython("openpyxl") else { print("skipped: python3 with openpyxl not found (pip install openpyxl)"); return }
        let dir = TestSupport.tempDir("openpyxl-numbers")
        let csv = TestSupport.write("日期,党组织,活动类型,参加人数\n2022-03-01,甲社区党支部,党课,12.000000000000002\n"
                                    + "2022-03-02,甲社区党支部,党课,17.999999999999996\n2022-03-03,甲社区党支部,党课,0.30000000000000004\n"
                                    + "2022-03-04,甲社区党支部,党课,20.0\n", name: "n.csv", dir: dir)
        let out = dir + "/n.xlsx"
        try Peer.python("xlsx_peer.py", ["--numbers", csv, "utf-8", out, "活动"])
        let r = TestSupport.run(["inspect", "--format", "csv", out])
        let participants = r.out.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[4] }
        #expect(participants == ["12", "18", "", "20"], "\(r.out) \(r.err)")
        // 0.3 is no count: the warning names the cell as Excel shows it.
        #expect(r.err.contains("0.3") && !r.err.contains("0.30000000000000004"), "\(r.err)")
    }

    @Test("LibreOffice (soffice --convert-to xlsx)", arguments: [0, 1, 2])
    func libreOffice(index: Int) throws {
        guard let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("skipped: LibreOffice (soffice) not found; apt-get install libreoffice-calc-nogui")
            return
        }
        let dir = TestSupport.tempDir("soffice")
        let name = Self.samples[index].file
        // LibreOffice is told the CSV is UTF-8; the GB18030 sample is converted first.
        let utf8 = dir + "/" + name + ".csv"
        let conv = try Peer.run("/usr/bin/iconv", ["-f", Self.samples[index].encoding == "gb18030" ? "GB18030" : "UTF-8", "-t", "UTF-8", "-o", utf8, Self.csv(index)])
        #expect(conv.status == 0, "\(conv.output)")
        let r = try Peer.run(soffice, ["-env:UserInstallation=file://" + dir + "/profile", "--headless",
                                       "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", dir + "/out", utf8])
        let out = dir + "/out/" + name + ".xlsx"
        #expect(FileManager.default.fileExists(atPath: out), "\(r.output)")
        let a = Self.inspect(Self.csv(index), as: Self.csv(index))
        let b = Self.inspect(out, as: out + "[" + name + "]")
        #expect(a.rows == b.rows)
        #expect(a.rejections == b.rejections)
    }
}
