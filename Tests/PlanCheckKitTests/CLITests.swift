import Foundation
import Testing
@testable import PlanCheckKit

/// Runs the built `plancheck` binary: help, version, usage errors, validation, exit codes, outputs.
@Suite("CLI (built binary)")
struct CLITests {
    static let plan000 = "Checks/000-street-party-building-2022.csv"
    static let rosters = ["--roster", "SampleData/roster-units.csv", "--roster", "SampleData/roster-people.csv"]

    @Test("help at every level, help <subcommand>, --version")
    func help() throws {
        let top = try TestSupport.runBinary(["--help"])
        #expect(top.code == 0 && top.out.contains("用法：plancheck <子命令>"))
        for c in ["check", "stats", "inspect", "validate", "checkers"] {
            #expect(top.out.contains("  \(c)"))
            let h = try TestSupport.runBinary([c, "--help"])
            #expect(h.code == 0 && h.out.contains("用法：plancheck \(c)") && h.out.contains("-h, --help"), "\(c)")
            let h2 = try TestSupport.runBinary(["help", c])
            #expect(h2.out == h.out)
            #expect(try TestSupport.runBinary([c, "-h"]).out == h.out)
        }
        let v = try TestSupport.runBinary(["--version"])
        #expect(v.code == 0 && v.out == "plancheck \(PlanCheckCLI.version)\n")
    }

    @Test("usage errors: Error: … plus usage on stderr, exit 2, nothing on stdout", arguments: [
        ["frobnicate"], [], ["check", "--bogus"], ["check", "SampleData/records"], ["check", "--plan"],
        ["check", "--plan", plan000, "--as-of", "2022-13-01", "SampleData/records"],
        ["check", "--plan", plan000, "--fail-on", "sometimes", "SampleData/records"],
        ["inspect"], ["inspect", "--encoding", "latin-9", "SampleData/records"], ["help", "nope"],
    ])
    func usageErrors(args: [String]) throws {
        let r = try TestSupport.runBinary(args)
        #expect(r.code == 2, "\(args)")
        #expect(r.err.hasPrefix("错误："), "\(args): \(r.err)")
        // For machines and logs: the same in English.
        let en = try TestSupport.runBinary(args, env: ["PLANCHECK_LANG": "en", "PATH": "/usr/bin:/bin"])
        #expect(en.code == 2 && en.err.hasPrefix("Error: "), "\(args): \(en.err)")
        #expect(r.out.isEmpty, "\(args)")
        #expect(!r.err.contains("Fatal error") && !r.err.contains("Stack dump"))
    }

    @Test("validate: every shipped plan is valid")
    func shippedPlans() throws {
        let plans = try FileManager.default.contentsOfDirectory(atPath: TestSupport.root + "/Checks").filter { $0.hasSuffix(".csv") }.sorted()
        #expect(plans.count == 6)
        for p in plans {
            let r = try TestSupport.runBinary(["validate", "Checks/" + p])
            #expect(r.code == 0 && r.out.contains("条规则有效"), "\(p): \(r.err)")
        }
    }

    @Test("validate reports every problem at once with line and column")
    func validateProblems() throws {
        let plan = TestSupport.write("""
        id,title,checker,types,threshold,period,scope,deadline,source
        A1,ok,count,党课,1,year,org:党工委,,clause
        A2,bad checker,counter,党课,1,year,org:党工委,,clause
        A3,bad number,count,党课,six,year,org:党工委,,clause
        A4,bad period,count,党课,1,fortnight,org:党工委,,clause
        A5,needs deadline,deadline,党课,1,,role:党工委委员,,clause
        A1,dup id,count,党课,1,year,org:党工委,,clause
        A7,no source,count,党课,1,year,everyone,,
        """, name: "bad-plan.csv")
        let r = try TestSupport.runBinary(["validate", plan])
        #expect(r.code == 2)
        let lines = r.err.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(plan):3:3: 没有检查方式“counter”；可写：计数（count）、") && $0.hasSuffix("（是否要写“count”？）") })
        #expect(lines.contains { $0.hasPrefix("\(plan):4:5: 阈值“six”无效") })
        #expect(lines.contains { $0.hasPrefix("\(plan):5:6: 周期“fortnight”无法识别") })
        #expect(lines.contains { $0.hasPrefix("\(plan):6:8: deadline 为空；检查方式 deadline 需要此列") })
        #expect(lines.contains { $0.hasPrefix("\(plan):7:1: 编号 A1 重复（首次出现在 \(plan):2）") })
        #expect(lines.contains { $0.hasPrefix("\(plan):8:7: 范围“everyone”无法识别") })
        #expect(lines.contains { $0.hasPrefix("\(plan):8:9: 出处为空") })
        #expect(lines.last == "\(plan) 中有 7 处问题")
        // Issue 19: in Chinese no problem text is English (the words after each file:line:column: prefix).
        for line in lines {
            let text = line.hasPrefix(plan + ":") ? String(line.dropFirst(plan.count + 1).drop { $0 != " " }) : line.replacingOccurrences(of: plan, with: "")
            for word in ["is empty", "is used again", "not understood", "expected", "problems in", "needs it"] {
                #expect(!text.contains(word), "English in zh validate output: \(line)")
            }
        }
        // With --lang en the same problems are English, prefixes unchanged.
        let en = try TestSupport.runBinary(["validate", "--lang", "en", plan])
        let enLines = en.err.split(separator: "\n").map(String.init)
        #expect(enLines.contains { $0.hasPrefix("\(plan):6:8: deadline is empty; checker deadline needs it") })
        #expect(enLines.contains { $0.hasPrefix("\(plan):7:1: id A1 is used again") })
        #expect(enLines.contains { $0.hasPrefix("\(plan):8:7: scope 'everyone' is not understood") })
        #expect(enLines.contains { $0.hasPrefix("\(plan):8:9: source is empty") })
        #expect(enLines.last == "7 problems in \(plan)")
    }

    @Test("a roster's and an empty plan's problems follow --lang")
    func rosterProblemsLocalized() throws {
        let dir = TestSupport.tempDir()
        let units = TestSupport.write("name,kind,parent\n甲支部,,\n乙支部,社区党支部,丙\n", name: "units.csv", dir: dir)
        let plan = TestSupport.write("", name: "empty.csv", dir: dir)
        let zh = try TestSupport.runBinary(["validate", "--roster", units, plan])
        #expect(zh.code == 2)
        #expect(zh.err.contains("units.csv:2:2: 单位 甲支部 的类别为空"), "\(zh.err)")
        #expect(zh.err.contains("单位 乙支部 的上级 丙 不在花名册中"), "\(zh.err)")
        #expect(!zh.err.contains("is empty") && !zh.err.contains("not in the roster"), "\(zh.err)")
        let en = try TestSupport.runBinary(["validate", "--lang", "en", "--roster", units, plan])
        #expect(en.err.contains("units.csv:2:2: kind of unit 甲支部 is empty"), "\(en.err)")
        let emptyZh = try TestSupport.runBinary(["validate", plan])
        #expect(emptyZh.err.contains("empty.csv：文件为空"), "\(emptyZh.err)")
        let emptyEn = try TestSupport.runBinary(["validate", "--lang", "en", plan])
        #expect(emptyEn.err.contains("empty.csv: is empty: expected a header line"), "\(emptyEn.err)")
    }

    @Test("data-quality warnings follow --lang: every kind's title and note in English, in Chinese by default", arguments: ["text", "csv", "json", "html"])
    func qualityWarningsLocalized(format: String) throws {
        let dir = TestSupport.tempDir()
        // ASCII names only, so that any CJK character in the English output is the program's own text.
        // (U+3000, the ideographic space the audit header uses as a separator, is whitespace, not text.)
        let plan = TestSupport.write("id,title,checker,types,threshold,scope,source\nR1,Meetings,count,meeting,1,all,c\n", name: "p.csv", dir: dir)
        let units = TestSupport.write("name,kind\nA,branch\n", name: "units.csv", dir: dir)
        let records = TestSupport.write("""
        date,org,type,title
        2022-03-01,A,meeting,m1
        2022-03-01,A,meeting,m1
        2021-05-01,A,meeting,old
        2022-11-01,A,meeting,late
        2022-04-01,B,meeting,m2
        2022-04-02,A,walk,w
        """, name: "r.csv", dir: dir)
        // HTML is written to a file only.
        let out = dir + "/out.html"
        let base = ["check", "--plan", plan, "--roster", units, "--as-of", "2022-06-30", "--fail-on", "never"]
            + (format == "html" ? ["-o", out] : ["--format", format]) + [records]
        func run(_ args: [String]) throws -> (code: Int32, out: String, err: String) {
            let r = try TestSupport.runBinary(args)
            return (r.code, format == "html" ? ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "") : r.out, r.err)
        }
        let en = try run(base + ["--lang", "en"])
        #expect(en.code == 0, "\(en.err)")
        let cjk = en.out.unicodeScalars.filter { (0x3001...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
        #expect(cjk.isEmpty, "CJK in --lang en \(format) output: \(String(String.UnicodeScalarView(cjk)))\n\(en.out)")
        for title in ["Duplicate records", "Dates outside the year checked", "Dates after the as-of day", "Units not in the roster", "Activity types no rule counts"] {
            #expect(en.out.contains(title), "\(format): \(title)")
        }
        let zh = try run(base)
        for title in ["重复记录", "日期不在检查年度内", "日期晚于检查日", "单位不在花名册中", "活动类型未被任何规则计入"] {
            #expect(zh.out.contains(title), "\(format): \(title)")
        }
        #expect(!zh.out.contains("Duplicate records") && !zh.out.contains("not in the roster"))
    }

    @Test("a plan with problems stops check before any report is written")
    func checkBadPlan() throws {
        let dir = TestSupport.tempDir()
        let plan = TestSupport.write("id,checker,types,threshold,scope,source\nX,count,党课,0,all,c\n", name: "p.csv", dir: dir)
        let r = try TestSupport.runBinary(["check", "--plan", plan, "-o", dir + "/out.csv", "SampleData/records"])
        #expect(r.code == 2 && r.err.contains("p.csv:2:4: 阈值“0”"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.csv"))
    }

    @Test("exit codes: 1 with missed findings, 0 with --fail-on never, 0 when every rule is met")
    func exitCodes() throws {
        let base = ["check", "--plan", Self.plan000] + Self.rosters + ["--as-of", "2022-12-31", "--quiet"]
        #expect(try TestSupport.runBinary(base + ["SampleData/records"]).code == 1)
        #expect(try TestSupport.runBinary(base + ["--fail-on", "never", "SampleData/records"]).code == 0)
        let dir = TestSupport.tempDir()
        let plan = TestSupport.write("id,checker,types,threshold,scope,source\nOK,count,明察暗访,11,org:龙门街道纪工委,c\n", name: "p.csv", dir: dir)
        let ok = try TestSupport.runBinary(["check", "--plan", plan] + Self.rosters + ["--as-of", "2022-12-31", "SampleData/records"])
        #expect(ok.code == 0, "\(ok.err)")
        // at-risk only fails with --fail-on at-risk
        let mid = ["check", "--plan", plan] + Self.rosters + ["--as-of", "2022-10-01", "--quiet"]
        let plan12 = TestSupport.write("id,checker,types,threshold,scope,source\nI,count,明察暗访,40,org:龙门街道纪工委,c\n", name: "p12.csv", dir: dir)
        let mid12 = ["check", "--plan", plan12] + Self.rosters + ["--as-of", "2022-10-01", "--quiet"]
        #expect(try TestSupport.runBinary(mid + ["SampleData/records"]).code == 0)
        #expect(try TestSupport.runBinary(mid12 + ["SampleData/records"]).code == 0)
        #expect(try TestSupport.runBinary(mid12 + ["--fail-on", "at-risk", "SampleData/records"]).code == 1)
    }

    @Test("several reports in one run; CSV has the BOM and the documented header; --no-bom for machines")
    func outputs() throws {
        let dir = TestSupport.tempDir()
        let args = ["check", "--plan", Self.plan000] + Self.rosters + ["--as-of", "2022-12-31", "-o", dir + "/r.csv", "-o", dir + "/r.json",
                    "-o", dir + "/r.html", "-o", dir + "/r.txt", "SampleData/records"]
        let r = try TestSupport.runBinary(args)
        #expect(r.code == 1)
        let csv = try Data(contentsOf: URL(fileURLWithPath: dir + "/r.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("规则编号,规则,单位,人员,周期,要求,实际,差额,状态,截止日期,依据,佐证"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/r.json"))) as! [String: Any]
        #expect((json["asOf"] as? String) == "2022-12-31")
        #expect(((json["counts"] as? [String: Any])?["rowsRead"] as? Int) == 1785)
        #expect(try String(contentsOfFile: dir + "/r.html", encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        #expect(try String(contentsOfFile: dir + "/r.txt", encoding: .utf8) == r.out)
        // For machines: --lang en --no-bom gives the English header, byte for byte as documented.
        let noBom = try TestSupport.runBinary(Array(args.prefix(args.count - 9)) + ["--no-bom", "--lang", "en", "-o", dir + "/m.csv", "SampleData/records"])
        #expect(noBom.code == 1)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/m.csv")), as: UTF8.self)
            .hasPrefix("rule,title,org,person,period,required,actual,shortfall,status,due,source,evidence,checker,clause,start,end,note\r\n"))
        // No temporary files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["m.csv", "r.csv", "r.html", "r.json", "r.txt"])
    }

    @Test("an output directory that does not exist or is read-only is an error before any work")
    func badOutputDir() throws {
        let r = try TestSupport.runBinary(["check", "--plan", Self.plan000, "-o", "/nonexistent/dir/r.csv", "SampleData/records"], env: ["PLANCHECK_LANG": "en", "PATH": "/usr/bin:/bin"])
        #expect(r.code == 2 && r.err.contains("/nonexistent/dir/r.csv: cannot write a report here: directory /nonexistent/dir does not exist"))
        let unknown = try TestSupport.runBinary(["check", "--plan", Self.plan000, "-o", "/tmp/r.xlsx", "SampleData/records"], env: ["PLANCHECK_LANG": "en", "PATH": "/usr/bin:/bin"])
        #expect(unknown.code == 2 && unknown.err.contains("cannot tell the report format"))
    }

    @Test("bad inputs: missing file, directory without CSVs, empty file: exit 2, clear message, no report", arguments: ["missing", "emptydir", "empty"])
    func badInputs(kind: String) throws {
        let dir = TestSupport.tempDir()
        var input = dir + "/missing.csv"
        if kind == "emptydir" { input = dir + "/sub"; try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true) }
        if kind == "empty" { input = TestSupport.write("", name: "empty.csv", dir: dir) }
        let r = try TestSupport.runBinary(["check", "--plan", Self.plan000, "-o", dir + "/r.csv", input])
        #expect(r.code == 2)
        #expect(r.err.hasPrefix("错误：\(input)"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/r.csv"))
    }

    @Test("--strict turns a rejected row into exit 2 and writes no report")
    func strict() throws {
        let dir = TestSupport.tempDir()
        let r = try TestSupport.runBinary(["check", "--plan", Self.plan000, "--strict", "-o", dir + "/r.csv", "SampleData/records"])
        #expect(r.code == 2 && r.err.contains("app-export-2022.csv:163:2"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/r.csv"))
        let i = try TestSupport.runBinary(["inspect", "--strict", "SampleData/records"])
        #expect(i.code == 2)
    }

    @Test("standard input with -")
    func stdin() throws {
        let r = try TestSupport.runBinary(["inspect", "--format", "csv", "-"], stdin: Data("date,org,type\n2022/1/2,甲,党课\n".utf8))
        #expect(r.code == 0)
        #expect(r.out == "id,date,org,type,participants,title,lead,target,file,line\r\n,2022-01-02,甲,党课,,,,,-,2\r\n")
    }

    @Test("colour only on a terminal and never with NO_COLOR; works with LANG=C and no HOME")
    func environment() throws {
        let r = try TestSupport.runBinary(["check", "--plan", Self.plan000] + Self.rosters + ["--as-of", "2022-12-31", "SampleData/records"],
                                          env: ["LANG": "C", "PATH": "/usr/bin:/bin"])
        #expect(r.code == 1)
        #expect(!r.out.contains("\u{1B}["))
        #expect(r.out.contains("还需") || r.out.contains("缺 1 次"))
        let io = CommandIO(stdout: MemoryOutput(), stderr: MemoryOutput(), environment: ["NO_COLOR": "1"], stdoutIsTerminal: true)
        #expect(!io.useColour)
        #expect(CommandIO(stdout: MemoryOutput(), stderr: MemoryOutput(), environment: [:], stdoutIsTerminal: true).useColour)
    }
}

@Suite("Plan reading details")
struct PlanReadingTests {
    @Test("year from the plan file name", arguments: [
        ("Checks/000-street-party-building-2022.csv", 2022 as Int?), ("plan2023.csv", 2023), ("20221.csv", nil), ("x-12022-y.csv", nil), ("plan.csv", nil),
    ])
    func year(path: String, expected: Int?) { #expect(PlanReader.yearInName(path) == expected) }

    @Test("Chinese headers and a GB18030 plan file are read like English UTF-8 ones")
    func chineseGB18030() throws {
        let text = "编号,名称,检查器,活动类型,阈值,周期,范围,依据\r\nC1,廉政学习,count,廉政专题学习,6,年,类别:社区党支部,每年至少6次廉政专题学习\r\n"
        let path = TestSupport.write(TestSupport.encode(text, as: "GB18030"), name: "plan-2022.csv")
        let plan = try PlanReader.read([path])
        #expect(plan.rules.count == 1)
        #expect(plan.rules[0].scope == .kinds(["社区党支部"]))
        #expect(plan.rules[0].period == .year && plan.rules[0].threshold == 6 && plan.year == 2022)
    }

    @Test("scopes", arguments: [
        ("org:龙门街道党工委", Scope.org("龙门街道党工委") as Scope?), ("kind:社区党支部|机关党支部", .kinds(["社区党支部", "机关党支部"])),
        ("role:党工委委员", .role("党工委委员")), ("all", .all), ("单位：纪工委", .org("纪工委")), ("kind:", nil), ("everyone", nil),
    ])
    func scopes(text: String, expected: Scope?) { #expect(Scope.parse(text) == expected) }
}
