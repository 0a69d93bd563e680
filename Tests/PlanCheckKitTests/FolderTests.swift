import Foundation
import Testing
@testable import PlanCheckKit

/// Input folders as people keep them: other files are listed as not read, with why, and the
/// run goes on; subfolders are read; `--strict` keeps the fail-fast behaviour.
@Suite("Input folders")
struct FolderTests {
    static func folder() -> String {
        let dir = TestSupport.tempDir("folder")
        TestSupport.write("日期,支部,类型\n2022-03-01,甲社区党支部,党课\n", name: "一月.csv", dir: dir)
        TestSupport.write("name,kind,parent\n甲社区党支部,社区党支部,\n", name: "花名册.csv", dir: dir)
        TestSupport.write(Array("PK\u{3}\u{4}word".utf8), name: "总结.docx", dir: dir)
        TestSupport.write("备忘", name: "说明.txt", dir: dir)
        TestSupport.write([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], name: "旧表.xls", dir: dir)
        try! FileManager.default.createDirectory(atPath: dir + "/二月", withIntermediateDirectories: true)
        TestSupport.write("日期,支部,类型\n2022-02-01,乙社区党支部,党课\n", name: "乙.csv", dir: dir + "/二月")
        TestSupport.write(WorkbookTests.records(hidden: false), name: "宝胜寺.xlsx", dir: dir + "/二月")
        return dir
    }

    @Test("activity tables are read (subfolders too); every other file is listed as not read, with why")
    func lenient() throws {
        let dir = Self.folder()
        let (sources, notRead) = try RecordReader.expandFolders([dir], options: ReaderOptions(), strict: false)
        #expect(sources.map(\.name) == [dir + "/一月.csv", dir + "/二月/乙.csv", dir + "/二月/宝胜寺.xlsx"])
        #expect(notRead.map(\.path) == [dir + "/总结.docx", dir + "/旧表.xls", dir + "/花名册.csv", dir + "/说明.txt"])
        #expect(notRead.first { $0.path.hasSuffix("花名册.csv") }?.message(.zh).contains("不是活动记录表") == true)
        let r = TestSupport.run(["check", "--plan", TestSupport.root + "/Checks/000-street-party-building-2022.csv", "--as-of", "2022-12-31", dir])
        #expect(r.code == 1 || r.code == 0, "\(r.err)")
        #expect(r.out.contains("未读取 \(dir)/花名册.csv") && r.out.contains("3 个文件"), "\(r.out)")
    }

    @Test("the reports name the files read, where they say how many", arguments: ["txt", "csv", "json", "html"])
    func filesRead(format: String) throws {
        let dir = Self.folder()
        let out = TestSupport.tempDir() + "/report." + format
        let r = TestSupport.run(["check", "--plan", TestSupport.root + "/Checks/000-street-party-building-2022.csv", "--as-of", "2022-12-31",
                                 "-o", out, dir])
        #expect(r.code == 1 || r.code == 0, "\(r.err)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let read = [dir + "/一月.csv", dir + "/二月/乙.csv", dir + "/二月/宝胜寺.xlsx[活动]"]   // a workbook with its sheet
        switch format {
        case "txt": #expect(text.contains("\n读取的文件：" + read.joined(separator: "、") + "\n"), "\(text)")
        case "csv": #expect(text.contains(",,," + read.joined(separator: " | ") + ",读取,"), "\(text)")
        case "json": #expect(read.allSatisfy { text.contains("\"path\": \"\($0)") }, "\(text)")
        default: #expect(text.contains("<span class=id>读取的文件：" + read.joined(separator: "、") + "</span>"), "\(text)")
        }
    }

    @Test("the filed reports name each file not read, with why", arguments: ["csv", "json", "html"])
    func notReadInReports(format: String) throws {
        let dir = Self.folder()
        let out = TestSupport.tempDir() + "/report." + format
        let r = TestSupport.run(["check", "--plan", TestSupport.root + "/Checks/000-street-party-building-2022.csv", "--as-of", "2022-12-31",
                                 "-o", out, dir])
        #expect(r.code == 1 || r.code == 0, "\(r.err)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let legacy = Messages.text("folder.legacy", .zh), roster = dir + "/花名册.csv"
        switch format {
        case "csv":
            #expect(text.contains("\n未读取,未读取的文件,,,,,,,提示,,,\(dir)/旧表.xls,读取,,,,\(legacy)\r\n"), "\(text)")
            #expect(text.components(separatedBy: "未读取,未读取的文件,").count == 5, "\(text)")
        case "json":
            #expect(text.contains("\"unreadFiles\": [") && text.contains("\"path\": \"\(roster)\""), "\(text)")
            #expect(text.contains("\"reason\": \"\(legacy)\""), "\(text)")
        default:
            #expect(text.contains("<tr><td class=p>未读取的文件 4 个</td><td>"), "\(text)")
            #expect(text.contains(HTML.escape("\(dir)/旧表.xls：\(legacy)")), "\(text)")
        }
    }

    @Test("--strict keeps fail-fast: a table of the folder that is no activity table ends the run")
    func strict() {
        let r = TestSupport.run(["inspect", "--strict", Self.folder()])
        #expect(r.code == 2)
    }
}
