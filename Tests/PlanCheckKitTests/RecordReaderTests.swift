import Foundation
import Testing
@testable import PlanCheckKit

@Suite("Record reader: encodings, headers, rejections, inputs")
struct RecordReaderTests {
    static let chineseCSV = "序号,活动日期,党组织,活动类型,活动主题,参加人数,主持人,检查对象,备注\r\n"
        + "1,2022/3/5,宝胜寺社区党支部,廉政专题学习,\"学习《准则》,讨论\",23人,王芳,,x\r\n"
        + "2,2022/3/6,古镇社区党支部,警示教育,\"观看\"\"警示片\"\"\",１２,李强,,\r\n"

    @Test("GB18030 without BOM, Chinese headers, 2022/3/5 dates")
    func gb18030() throws {
        let path = TestSupport.write(TestSupport.encode(Self.chineseCSV, as: "GB18030"))
        let (rows, s) = try TestSupport.records(path)
        #expect(s.files[0].encoding?.encoding == .gb18030)
        #expect(s.files[0].encoding?.bom == false)
        #expect(rows == [
            ["1", "2022-03-05", "宝胜寺社区党支部", "廉政专题学习", "23", "学习《准则》,讨论", "王芳", "", "2"],
            ["2", "2022-03-06", "古镇社区党支部", "警示教育", "12", "观看\"警示片\"", "李强", "", "3"],
        ])
        #expect(s.files[0].unmapped.map { s.files[0].headers[$0] } == ["备注"])
    }

    /// Reads lent by the caller (the parallel reader's chunks) get the same text as reads through
    /// the decoder's own buffer: UTF-8 (with and without BOM, decided at once or after ASCII) goes
    /// straight into the lent room, of any size; GB18030 never does, and still comes out converted.
    @Test("decoder reads into a lent buffer give the same text", arguments: [1, 7, 4096])
    func lentBuffer(room: Int) throws {
        let ascii = String(repeating: "date,org,type\n2022-01-05,a,b\n", count: 300)
        let chinese = String(repeating: "2022-01-05,甲社区党支部,党课,\"学习,讨论\"\n", count: 300)
        let inputs: [[UInt8]] = [Array(chinese.utf8), [0xEF, 0xBB, 0xBF] + Array(chinese.utf8),
                                 Array((ascii + chinese).utf8), TestSupport.encode(chinese, as: "GB18030")]
        for bytes in inputs {
            let path = TestSupport.write(bytes)
            func read(lent: Bool) throws -> (text: [UInt8], inPlace: Int) {
                let lender = UnsafeMutablePointer<UInt8>.allocate(capacity: room)
                defer { lender.deallocate() }
                var text: [UInt8] = [], inPlace = 0
                let decoder = DecodingReader(source: .file(path), chunkSize: 4096)
                try decoder.run(into: lent ? { UnsafeMutableBufferPointer(start: lender, count: room) } : nil) { piece in
                    if piece.baseAddress == UnsafePointer(lender) { inPlace += 1 }
                    text += piece
                }
                return (text, inPlace)
            }
            let own = try read(lent: false), lent = try read(lent: true)
            #expect(lent.text == own.text)
            #expect(own.text == Array(chinese.utf8) || own.text == Array((ascii + chinese).utf8))
            #expect(own.inPlace == 0)
            // UTF-8 past the first read comes through the lent room; GB18030 is converted instead.
            #expect((lent.inPlace > 0) == (bytes.count > 4096 && bytes != TestSupport.encode(chinese, as: "GB18030")))
        }
    }

    @Test("UTF-16 LE with BOM and tabs (Excel's Unicode text)")
    func utf16() throws {
        let text = "日期\t支部\t类型\t主题\t人数\r\n2022-07-01\t龙门社区党支部\t党课\t\"七一, 党课\"\t30\r\n"
        let path = TestSupport.write([0xFF, 0xFE] + TestSupport.encode(text, as: "UTF-16LE"))
        let (rows, s) = try TestSupport.records(path)
        #expect(s.files[0].encoding == EncodingInfo(encoding: .utf16LE, bom: true, how: "BOM"))
        #expect(s.files[0].delimiter == 0x09)
        #expect(rows == [["", "2022-07-01", "龙门社区党支部", "党课", "30", "七一, 党课", "", "", "2"]])
    }

    @Test("UTF-8 with BOM and CRLF, quoted newlines keep line numbers right")
    func utf8BOM() throws {
        let text = "\u{FEFF}date,org,type,title\r\n2022-01-05,甲,党课,\"line one\r\nline two\"\r\n2022-01-06,乙,党课,t\r\n"
        let path = TestSupport.write(text)
        let (rows, s) = try TestSupport.records(path)
        #expect(s.files[0].encoding == EncodingInfo(encoding: .utf8, bom: true, how: "BOM"))
        #expect(s.files[0].headers.first == "date")
        #expect(rows.map { $0[5] } == ["line one\r\nline two", "t"])
        #expect(rows.map { $0[8] } == ["2", "4"])
    }

    @Test("UTF-8 is tried before GB18030 (most UTF-8 is also valid GB18030)")
    func utf8First() throws {
        let path = TestSupport.write("日期,支部,类型\n2022-01-05,宝胜寺社区党支部,党课\n")
        let (rows, s) = try TestSupport.records(path)
        #expect(s.files[0].encoding?.encoding == .utf8)
        #expect(rows[0][2] == "宝胜寺社区党支部")
    }

    @Test("--encoding overrides detection")
    func encodingOverride() throws {
        let bytes = TestSupport.encode("日期,支部,类型\n2022-01-05,甲支部,党课\n", as: "GB18030")
        let path = TestSupport.write(bytes)
        var o = ReaderOptions()
        o.encoding = .gb18030
        let (rows, s) = try TestSupport.records(path, options: o)
        #expect(s.files[0].encoding?.how == "--encoding")
        #expect(rows[0][2] == "甲支部")
    }

    @Test("a bad byte in the middle rejects that row only, with its line and column")
    func invalidBytesMidFile() throws {
        var bytes = Array("date,org,type,title\n2022-01-05,甲,党课,好\n".utf8)
        bytes += Array("2022-01-06,乙,党课,".utf8) + [0xC4, 0x0A]   // a stray GBK lead byte
        bytes += Array("2022-01-07,丙,党课,ok\n".utf8)
        let (rows, s) = try TestSupport.records(TestSupport.write(bytes))
        #expect(rows.map { $0[2] } == ["甲", "丙"])
        #expect(s.rejections.count == 1)
        #expect(s.rejections[0].line == 3 && s.rejections[0].column == 4 && s.rejections[0].kind == "invalid text")
        #expect(s.rowsRead == 3 && s.accepted == 2 && s.rejected == 1)
    }

    /// The encoding is decided by at most 64 KiB from the first non-ASCII byte: UTF-8 text that
    /// long decides UTF-8 even when more GBK rows than that follow in the same read (they are
    /// rejected, with their lines); a GBK file longer than that is still read as GB18030.
    @Test("encoding decided by the first 64 KiB of non-ASCII text")
    func encodingSample() throws {
        let row = "2022-01-05,甲社区党支部,党课,学习党章\n"
        let n = DecodingReader.sampleBytes / row.utf8.count + 10
        let utf8 = Array(("date,org,type,title\n" + String(repeating: row, count: n)).utf8)
        let gbkRows = TestSupport.encode(String(repeating: row, count: 4000), as: "GB18030")
        let (rows, s) = try TestSupport.records(TestSupport.write(utf8 + gbkRows))
        #expect(s.files[0].encoding?.encoding == .utf8)
        #expect(rows.count == n && s.rejected == 4000)
        #expect(s.rejections.first.map { $0.line == n + 2 && $0.kind == "invalid text" } == true)
        let gbk = TestSupport.encode("date,org,type,title\n" + String(repeating: row, count: n), as: "GB18030")
        let (gbkRead, g) = try TestSupport.records(TestSupport.write(gbk))
        #expect(g.files[0].encoding?.encoding == .gb18030)
        #expect(gbkRead.count == n && gbkRead[0][2] == "甲社区党支部")
    }

    @Test("header names: case, spaces and full-width spaces ignored; first match wins")
    func headerAliases() throws {
        let path = TestSupport.write(" DATE ,Org\u{3000},活动 类型,participants,Title,lead,target,ID\n2022-01-05,甲,党课,5,t,l,x,7\n")
        let (rows, s) = try TestSupport.records(path)
        #expect(rows == [["7", "2022-01-05", "甲", "党课", "5", "t", "l", "x", "2"]])
        #expect(s.files[0].unmapped.isEmpty)
    }

    @Test("a missing required column lists the headers found and the names accepted")
    func missingColumn() throws {
        let path = TestSupport.write("日期,名称\n2022-01-05,x\n")
        do {
            _ = try TestSupport.records(path)
            Issue.record("expected an error")
        } catch let e as CSVError {
            guard case let .missingColumns(p, line, missing, found, accepted) = e else { Issue.record("\(e)"); return }
            #expect(p == path && line == 1)
            #expect(missing == ["org", "type"])
            #expect(found == ["日期", "名称"])
            #expect(accepted.joined().contains("党支部") && accepted.joined().contains("活动类型"))
            #expect(e.description.contains("missing required column org, type"))
        }
    }

    @Test("every rejected row is kept with file, line, column and reason", arguments: [
        ("2022-02-30,甲,党课,5", 1, "impossible date"),
        ("2022-13-01,甲,党课,5", 1, "impossible date"),
        ("yesterday,甲,党课,5", 1, "unrecognized date"),
        (",甲,党课,5", 1, "missing date"),
        ("2022-01-01,,党课,5", 2, "missing org"),
        ("2022-01-01,甲,,5", 3, "missing type"),
        ("2022-01-01,甲,党课,很多", 4, "bad participants"),
        ("2022-01-01,甲,党课", 3, "wrong field count"),
        ("2022-01-01,甲,党课,5,extra", 5, "wrong field count"),
    ])
    func rejections(row: String, column: Int, kind: String) throws {
        let path = TestSupport.write("date,org,type,participants\n2022-01-01,甲,党课,1\n\(row)\n2022-01-02,乙,党课,2\n")
        let (rows, s) = try TestSupport.records(path)
        #expect(rows.count == 2)
        #expect(s.rejections.map { "\($0.file):\($0.line):\($0.column) \($0.kind)" } == ["\(path):3:\(column) \(kind)"])
        // The reason is said in either language, naming the cell's column.
        #expect(s.rejections.allSatisfy { !$0.message(.zh).isEmpty && !$0.message(.en).isEmpty && $0.message(.zh) != $0.message(.en) })
        #expect(s.rejectionCounts == [kind: 1])
        #expect(s.rowsRead == 3)
    }

    @Test("a directory reads every .csv in it, sorted; unknown columns are kept as extras")
    func directory() throws {
        let d = TestSupport.tempDir()
        TestSupport.write("date,org,type,note\n2022-01-02,b,党课,second\n", name: "b.csv", dir: d)
        TestSupport.write("date,org,type\n2022-01-01,a,党课\n", name: "a.csv", dir: d)
        TestSupport.write("not a csv", name: "readme.txt", dir: d)
        let inputs = try RecordReader.expand([d])
        #expect(inputs == [.file(d + "/a.csv"), .file(d + "/b.csv")])
        var orgs: [String] = []
        var extras: [String] = []
        let s = try RecordReader().read(inputs) { r in orgs.append(r.string(.org)); extras += r.extras.map(\.value) }
        #expect(orgs == ["a", "b"])
        #expect(extras == ["second"])
        #expect(s.files.map(\.accepted) == [1, 1])
    }

    @Test("missing file, directory without CSVs, empty file are errors naming the input")
    func badInputs() throws {
        #expect(throws: CSVError.self) { _ = try RecordReader().read([.file("/nonexistent/x.csv")]) { _ in } }
        let d = TestSupport.tempDir()
        #expect(throws: CSVError.noCSVInDirectory(path: d)) { _ = try RecordReader.expand([d]) }
        let empty = TestSupport.write("", name: "empty.csv")
        #expect(throws: CSVError.empty(path: empty)) { _ = try RecordReader().read([.file(empty)]) { _ in } }
        let blank = TestSupport.write("\r\n\r\n", name: "blank.csv")
        #expect(throws: CSVError.empty(path: blank)) { _ = try RecordReader().read([.file(blank)]) { _ in } }
    }

    @Test("reading never modifies the input (checksum before and after)")
    func inputUntouched() throws {
        let path = TestSupport.write(TestSupport.encode(Self.chineseCSV, as: "GB18030"))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        _ = TestSupport.run(["inspect", path])
        _ = TestSupport.run(["inspect", "--format", "csv", path])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == attrs[.modificationDate] as? Date)
    }
}
