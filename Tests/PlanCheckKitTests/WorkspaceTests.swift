import Foundation
import Testing
@testable import PlanCheckKit

@Suite("Workspace settings file")
struct SettingsParserTests {
    static func problems(_ text: String) -> [SettingsProblem] {
        do { _ = try WorkspaceSettings.parse(text, path: "设置.txt"); return [] }
        catch let SettingsError.invalid(_, problems) { return problems }
        catch { Issue.record("unexpected \(error)"); return [] }
    }

    @Test("the file init writes parses to the defaults, with the year and title given")
    func template() throws {
        let s = try WorkspaceSettings.parse(WorkspaceTemplates.settings(title: "龙门街道党工委", year: 2026), path: "设置.txt")
        var expected = WorkspaceSettings()
        expected.title = "龙门街道党工委"; expected.year = 2026; expected.language = .zh
        #expect(s == expected)
        let current = try WorkspaceSettings.parse(WorkspaceTemplates.settings(title: "", year: nil), path: "设置.txt")
        #expect(current.year == nil && current.title == "")
    }

    /// Every field of the settings, one `key=value` each, for comparing what a line changed.
    static func fields(_ s: WorkspaceSettings) -> [String] {
        ["title=\(s.title)", "year=\(s.year.map(String.init) ?? "current")", "language=\(s.language?.rawValue ?? "-")",
         "fail-on=\(s.failOn)", "check-reports=\(s.checkReports.joined(separator: "+"))",
         "stats-reports=\(s.statsReports.joined(separator: "+"))", "reports-folder=\(s.reportsFolder)",
         "evidence-cap=\(s.evidenceCap.map(String.init) ?? "-")"]
    }

    @Test("every key, Chinese and English", arguments: [
        ("单位名称 = 古镇社区党支部", "title=古镇社区党支部"), ("title=龙门", "title=龙门"),
        ("年度 = 2026", "year=2026"), ("year=2026", "year=2026"), ("年度 = 2025年", "year=2025"),
        ("年度 = 当年", "year=current"),
        ("语言 = en", "language=en"), ("language = 中文", "language=zh"),
        ("失败级别 = at-risk", "fail-on=at-risk"), ("fail-on = 从不", "fail-on=never"),
        ("检查报告 = csv，html、txt", "check-reports=csv+html+text"), ("check_reports = 无", "check-reports="),
        ("统计报告 = json, csv", "stats-reports=json+csv"),
        ("报告目录 = /srv/reports", "reports-folder=/srv/reports"), ("reports-folder = 报告", "reports-folder=报告"),
        ("依据条数 = 十", "evidence-cap=10"), ("evidence-cap = 0   # 不列出", "evidence-cap=0"),
    ])
    func key(_ line: String, _ field: String) throws {
        let s = try WorkspaceSettings.parse("# 说明\n\n" + line + "\n", path: "设置.txt")
        let changed = zip(Self.fields(s), Self.fields(WorkspaceSettings())).filter { $0 != $1 }.map(\.0)
        let name = field.split(separator: "=")[0]
        #expect(Self.fields(s).contains(field), "\(line)")
        #expect(changed.allSatisfy { $0.hasPrefix(name + "=") }, "\(line) changed \(changed)")
    }

    @Test("bad lines are reported with their line numbers, all at once")
    func badLines() {
        let p = Self.problems("""
        # 设置
        年度 = 2026
        这一行没有等号
        年度 = 2027
        语言 = 法语
        失败级别 = sometimes
        检查报告 = csv, pdf
        依据条数 = -1
        报告目录 =
        """)
        #expect(p.map(\.line) == [3, 4, 5, 6, 7, 8, 9])
        #expect(p[0].kind == .notKeyValue(text: "这一行没有等号"))
        #expect(p[1].kind == .repeated(key: "年度", firstLine: 2))
        #expect(p[2].kind == .badValue(key: "语言", value: "法语", expected: "language"))
        let message = SettingsError.invalid(path: "设置.txt", problems: p).message(.zh)
        #expect(message.contains("设置.txt:3: “这一行没有等号”不是“名称 = 值”的格式"))
        #expect(message.contains("设置.txt:6: “失败级别”的值“sometimes”无效"))
        #expect(SettingsError.invalid(path: "s.txt", problems: p).message(.en).contains("s.txt:4: '年度' is set again (first on line 2)"))
    }

    @Test("an unknown key is answered with the nearest known key", arguments: [
        ("年份 = 2026", "年度"), ("单位 = 龙门", "单位名称"), ("langauge = zh", "language"),
        ("failon = missed", "fail-on"), ("检查报表 = csv", "检查报告"), ("依据条 = 3", "依据条数"),
    ])
    func unknownKey(_ line: String, _ nearest: String) {
        let p = Self.problems("\n" + line)
        #expect(p.count == 1 && p.first?.line == 2)
        guard case let .unknownKey(_, suggestion)? = p.first?.kind else { Issue.record("\(p)"); return }
        #expect(suggestion == nearest)
        #expect(p[0].message(.zh).contains("是否要写“\(nearest)”"))
    }

    @Test("every key is in the file init writes and in 'plancheck help init'")
    func documented() {
        let template = WorkspaceTemplates.settings(title: "", year: nil)
        for k in WorkspaceSettings.Key.allCases {
            #expect(template.contains(k.chinese + " = "), "\(k)")
            for lang in Lang.allCases { #expect(InitCommand.spec.helpText(lang).contains(k.chinese + " " + k.rawValue), "\(k)") }
        }
    }

    @Test("a key far from every known key lists them")
    func farKey() {
        let p = Self.problems("颜色方案 = 红")
        #expect(p.first?.kind == .unknownKey(key: "颜色方案", suggestion: nil))
        #expect(p.first?.message(.zh).contains("单位名称、年度、语言") == true)
    }

    @Test("a byte order mark and full-width signs are accepted")
    func fullWidth() throws {
        let s = try WorkspaceSettings.parse("\u{FEFF}年度＝2024 ＃ 去年\n", path: "设置.txt")
        #expect(s.year == 2024)
    }
}

@Suite("Workspace: init, check DIR, stats DIR")
struct WorkspaceTests {
    static let fm = FileManager.default

    /// Every file under `dir` with its bytes.
    static func snapshot(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for f in fm.enumerator(atPath: dir)!.compactMap({ $0 as? String }) {
            out[f] = fm.contents(atPath: dir + "/" + f) ?? Data()
        }
        return out
    }

    @Test("the seed plans in the binary are exactly the files of Checks/")
    func seedsMatchChecks() throws {
        let names = try Self.fm.contentsOfDirectory(atPath: TestSupport.root + "/Checks").filter { $0.hasSuffix(".csv") }.sorted()
        #expect(SeedPlans.files.map(\.name) == names, "run Tests/Scripts/embed_checks.py")
        for (name, text) in SeedPlans.files {
            let file = try String(contentsOfFile: TestSupport.root + "/Checks/" + name, encoding: .utf8)
            #expect(text == file, "\(name) differs from Checks/; run Tests/Scripts/embed_checks.py")
        }
    }

    @Test("init creates the folders and files; a second init changes nothing")
    func initTwice() throws {
        let dir = TestSupport.tempDir("init") + "/党建工作台"
        let first = TestSupport.run(["init", dir, "--year", "2026", "--title", "龙门街道党工委"])
        #expect(first.code == 0, "\(first.err)")
        let files = Self.snapshot(dir)
        for f in ["设置.txt", "使用说明.txt", "工作计划/三会一课标准计划.csv", "工作计划/示例/000-street-party-building-2022.csv",
                  "花名册/单位花名册.csv", "花名册/人员花名册.csv", "活动记录", "检查报告"] {
            #expect(files[f] != nil, "\(f) missing")
        }
        #expect(String(decoding: files["设置.txt"]!, as: UTF8.self).contains("年度 = 2026"))
        #expect(String(decoding: files["花名册/单位花名册.csv"]!, as: UTF8.self) == "\u{FEFF}单位名称,类别,上级单位\n")
        // The settings a clerk edited survive a second init.
        let edited = Data("\u{FEFF}年度 = 2027\n".utf8)
        try edited.write(to: URL(fileURLWithPath: dir + "/设置.txt"))
        let second = TestSupport.run(["init", dir, "--year", "2030"])
        #expect(second.code == 0)
        #expect(second.out.contains("没有改动"))
        var after = files
        after["设置.txt"] = edited
        #expect(Self.snapshot(dir) == after)
    }

    @Test("init into a path that is a file is an error, nothing written")
    func initOnFile() {
        let file = TestSupport.write("x", name: "not-a-folder")
        let r = TestSupport.run(["init", file])
        #expect(r.code == 2 && r.err.contains("不是文件夹"))
    }

    /// A workspace holding the sample street office: records, rosters, and plans 000 and 001.
    static func sampleWorkspace(year: String = "2022") throws -> String {
        let dir = TestSupport.tempDir("ws") + "/ws"
        #expect(TestSupport.run(["init", dir, "--year", year]).code == 0)
        try fm.removeItem(atPath: dir + "/工作计划/三会一课标准计划.csv")
        for p in ["000-street-party-building-2022.csv", "001-street-office-party-committee-2022.csv"] {
            try fm.copyItem(atPath: dir + "/工作计划/示例/" + p, toPath: dir + "/工作计划/" + p)
        }
        for f in try fm.contentsOfDirectory(atPath: TestSupport.root + "/SampleData/records") {
            try fm.copyItem(atPath: TestSupport.root + "/SampleData/records/" + f, toPath: dir + "/活动记录/" + f)
        }
        for f in ["roster-units.csv", "roster-people.csv"] {
            try fm.copyItem(atPath: TestSupport.root + "/SampleData/" + f, toPath: dir + "/花名册/" + f)
        }
        return dir
    }

    @Test("check DIR gives the same findings as the long command line")
    func sameFindings() throws {
        let dir = try Self.sampleWorkspace()
        let root = TestSupport.root
        let out = TestSupport.tempDir("long")
        let long = TestSupport.run(["check", "--plan", root + "/Checks/000-street-party-building-2022.csv",
                                    "--plan", root + "/Checks/001-street-office-party-committee-2022.csv",
                                    "--roster", root + "/SampleData/roster-units.csv", "--roster", root + "/SampleData/roster-people.csv",
                                    "--as-of", "2022-12-31", "-o", out + "/long.csv", root + "/SampleData/records"])
        #expect(long.code == 1, "\(long.err)")
        let ws = TestSupport.run(["check", dir, "--as-of", "2022-12-31"])
        #expect(ws.code == 1, "\(ws.err)")
        let report = dir + "/检查报告/检查-2022-12-31.csv"
        #expect(Self.fm.fileExists(atPath: dir + "/检查报告/检查-2022-12-31.html"))
        func normalised(_ path: String) throws -> String {
            try String(contentsOfFile: path, encoding: .utf8)
                .replacingOccurrences(of: dir + "/活动记录/", with: "").replacingOccurrences(of: root + "/SampleData/records/", with: "")
        }
        #expect(try normalised(report) == normalised(out + "/long.csv"))
        func screen(_ s: String) -> String {
            s.replacingOccurrences(of: dir + "/活动记录/", with: "").replacingOccurrences(of: root + "/SampleData/records/", with: "")
                .split(separator: "\n").filter { !$0.hasPrefix("计划") && !$0.hasPrefix("花名册") && !$0.hasPrefix("报告") }.joined(separator: "\n")
        }
        #expect(screen(ws.out) == screen(long.out))
    }

    @Test("settings feed the run; command-line options override them; earlier reports are kept")
    func settingsAndOverrides() throws {
        let dir = try Self.sampleWorkspace()
        try Data("年度 = 2022\n失败级别 = never\n检查报告 = json\n报告目录 = 存档\n单位名称 = 龙门街道党工委\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/设置.txt"))
        let a = TestSupport.run(["check", dir, "--as-of", "2022-12-30", "--quiet"])
        #expect(a.code == 0, "fail-on never from the settings: \(a.err)")
        let b = TestSupport.run(["check", dir, "--as-of", "2022-12-31", "--quiet", "--fail-on", "missed"])
        #expect(b.code == 1, "--fail-on overrides the settings")
        let kept = try Self.fm.contentsOfDirectory(atPath: dir + "/存档").sorted()
        #expect(kept == ["龙门街道党工委-检查-2022-12-30.json", "龙门街道党工委-检查-2022-12-31.json"])
        // Year "current": the as-of day's year, whatever the plan files are called.
        try Data("年度 = current\n检查报告 = 无\n".utf8).write(to: URL(fileURLWithPath: dir + "/设置.txt"))
        let c = TestSupport.run(["check", dir, "--as-of", "2023-06-30", "--format", "json"])
        #expect(c.out.contains("\"year\":2023") || c.out.contains("\"year\": 2023"), "\(c.out.prefix(300))")
        let d = TestSupport.run(["check", dir, "--as-of", "2023-06-30", "--year", "2022", "--format", "json"])
        #expect(d.out.contains("\"year\":2022") || d.out.contains("\"year\": 2022"))
    }

    @Test("a plan saved from Excel as .xlsx in the plans folder is read like a CSV one")
    func xlsxPlan() throws {
        let dir = TestSupport.tempDir("wx") + "/ws"
        #expect(TestSupport.run(["init", dir]).code == 0)
        try Self.fm.removeItem(atPath: dir + "/工作计划/三会一课标准计划.csv")
        func cell(_ s: String) -> String { "<c t=\"inlineStr\"><is><t>\(s)</t></is></c>" }
        func row(_ cells: [String]) -> String { "<row>" + cells.map(cell).joined() + "</row>" }
        var b = XLSXBuilder()
        b.sheet("计划", row(["编号", "检查方式", "计入类型", "要求次数", "周期", "适用范围", "依据"])
                + row(["X-1", "计数", "党课", "二", "半年", "单位:古镇社区党支部", "每半年党课2次"]))
        TestSupport.write(b.build(), name: "计划.xlsx", dir: dir + "/工作计划")
        TestSupport.write([0x00], name: "~$计划.xlsx", dir: dir + "/工作计划")   // Excel's lock file while it is open
        TestSupport.write("日期,单位,活动类型,主题\n2022-03-01,古镇社区党支部,党课,党课\n", name: "r.csv", dir: dir + "/活动记录")
        let r = TestSupport.run(["check", dir, "--as-of", "2022-12-31", "--format", "csv"])
        #expect(r.code == 1, "\(r.err)")
        let rows = r.out.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("X-1,") }
        #expect(rows.count == 2 && rows[0].contains(",2,1,1,"), "\(rows)")
    }

    @Test("the settings' language stands where --lang would; --lang and PLANCHECK_LANG as usual")
    func language() throws {
        let dir = try Self.sampleWorkspace()
        try Data("年度 = 2022\n语言 = en\n检查报告 = 无\n".utf8).write(to: URL(fileURLWithPath: dir + "/设置.txt"))
        let en = TestSupport.run(["check", dir, "--as-of", "2022-12-31"])
        #expect(en.out.contains("Total: 158"), "\(en.out.suffix(300))")
        let zh = TestSupport.run(["check", dir, "--as-of", "2022-12-31", "--lang", "zh"])
        #expect(zh.out.contains("合计：158"))
        try Data("年度 = 2022\n检查报告 = 无\n".utf8).write(to: URL(fileURLWithPath: dir + "/设置.txt"))
        let env = TestSupport.run(["check", dir, "--as-of", "2022-12-31"], env: ["PLANCHECK_LANG": "en"])
        #expect(env.out.contains("Total: 158"))
    }

    @Test("stats DIR writes its dated report where the settings say")
    func stats() throws {
        let dir = try Self.sampleWorkspace()
        let r = TestSupport.run(["stats", dir, "--as-of", "2022-12-31"])
        #expect(r.code == 0, "\(r.err)")
        #expect(Self.fm.fileExists(atPath: dir + "/检查报告/统计-2022-12-31.html"))
    }

    @Test("a bad settings file stops the run with its line numbers; nothing written")
    func badSettings() throws {
        let dir = try Self.sampleWorkspace()
        try Data("# 设置\n年份 = 2022\n".utf8).write(to: URL(fileURLWithPath: dir + "/设置.txt"))
        let r = TestSupport.run(["check", dir])
        #expect(r.code == 2)
        #expect(r.err.contains("设置.txt:2: 没有“年份”这一项；是否要写“年度”？"), "\(r.err)")
        #expect(try Self.fm.contentsOfDirectory(atPath: dir + "/检查报告").isEmpty)
    }

    @Test("a new workspace with only records checks the standard 三会一课 plan on every unit seen")
    func freshWorkspace() throws {
        let dir = TestSupport.tempDir("fresh") + "/ws"
        #expect(TestSupport.run(["init", dir]).code == 0)
        TestSupport.write("日期,单位,活动类型,主题\n2022-01-10,古镇社区党支部,支部委员会,一月支委会\n", name: "r.csv", dir: dir + "/活动记录")
        let r = TestSupport.run(["check", dir, "--as-of", "2022-12-31", "--format", "csv"])
        #expect(r.code == 1, "\(r.err)")
        let rows = r.out.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("SHY-02,") && $0.contains("古镇社区党支部") }
        #expect(rows.count == 12)
        #expect(rows.filter { $0.contains(",达标,") || $0.contains(",met,") }.count == 1)
    }
}
