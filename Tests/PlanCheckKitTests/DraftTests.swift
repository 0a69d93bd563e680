import Foundation
import Testing
@testable import PlanCheckKit

/// `plancheck draft`: the pattern table form by form, the seed plans against Checks/, numerals,
/// encodings, and the draft → validate → check journey.
@Suite struct DraftTests {
    /// A rule as the comparison sees it: checker, threshold and what bounds it.
    static func summary(_ r: DraftRule) -> String {
        let bound: String
        switch r.checker {
        case "deadline": bound = r.deadline
        case "windows": bound = r.windows
        case "coverage": bound = r.targetKind
        default: bound = r.period.text
        }
        return "\(r.checker) \(r.threshold.text) \(bound)"
    }

    static func draft(_ text: String) -> Draft { Drafter().draft(PlanDocument(path: "t.txt", text: text)) }

    /// One example per phrase form of ``DraftPatterns/forms``: the rules it gives (form, summary) or
    /// the reason it is not expressible.
    static let formCases: [(form: String, text: String, rules: [String], reason: String?)] = [
        ("至少N次", "党工委每年至少12次听取党建工作汇报。", ["count 12 year"], nil),
        ("N次以上", "每年开展主题党日12次以上。", ["count 12 year"], nil),
        ("一年N次", "组织好一年两次的专题会议。", ["count 2 year"], nil),
        ("N人次", "全年培训不少于500人次。", ["sum 500 year"], nil),
        ("受众N人", "全年宣讲受众达1732余人。", ["sum 1732 year"], nil),
        ("N次", "每年开展6次警示教育。", ["count 6 year"], nil),
        ("每年", "每年开展民主评议党员。", ["count 1 year"], nil),
        ("每半年", "每半年报告意识形态工作情况。", ["count 1 half"], nil),
        ("每季度", "每季度分析研判思想动态。", ["count 1 quarter"], nil),
        ("每月", "每月组织主题党日活动。", ["count 1 month"], nil),
        ("每周", "每周走访帮扶对象。", ["count 1 week"], nil),
        ("上半年…下半年", "上半年，开展志愿服务。下半年，继续开展志愿服务。", ["count 1 half"], nil),
        ("“七一”前", "党工委委员“七一”前讲党课1次。", ["deadline 1 07-01"], nil),
        ("X月X日前", "6月30日前完成发展党员工作。", ["deadline 1 06-30"], nil),
        ("X月底前", "3月底前开展警示教育。", ["deadline 1 03-31"], nil),
        ("年底前", "年底前完成党支部换届。", ["deadline 1 12-31"], nil),
        ("X月X日", "7月1日，组织入党宣誓活动。", ["windows 1 7月1日:07-01..07-01"], nil),
        ("年初…年中…年末", "年初有计划、年中有研究、年末有总结。", ["windows 1 年初:01-01..03-31;年中:06-01..08-31;年末:11-01..12-31"], nil),
        ("对N个…全覆盖", "开展对6个社区党支部常规巡察。", ["coverage 1 社区党支部"], nil),
        ("开好民主生活会、组织生活会", "开好民主生活会、各党支部组织生活会。", ["count 待确认：1 year", "count 待确认：1 year"], nil),
        ("组织X", "组织纪检委员业务培训。", ["count 待确认：1 year"], nil),
        ("不定期", "党员干部不定期走访群众。", [], "“不定期”没有次数或周期"),
        ("定期", "定期召开专题会议。", [], "“定期”没有次数或周期"),
        ("经常性", "经常性开展谈心谈话。", [], "“经常性”没有次数或周期"),
        ("适时", "适时调整组织设置。", [], "“适时”没有次数或周期"),
        ("及时", "及时跟进学习最新讲话。", [], "“及时”随事而定，没有次数或周期"),
        ("持续", "持续抓好支部书记“双述双评”。", [], "“持续”没有次数或周期"),
        ("加大…频率", "加大明察暗访的频率和力度。", [], "“加大频率”是相对要求，没有次数"),
        ("通报", "健全情况通报制度。", [], "通报随事而定，没有次数或周期"),
        ("…结束前", "在学习教育结束前开展总结。", [], "截止时间不是日历日期"),
    ]

    @Test("every phrase form of the table has a test case")
    func everyFormTested() {
        #expect(Set(DraftPatterns.forms.map(\.name)) == Set(Self.formCases.map(\.form)))
        #expect(DraftPatterns.forms.count == Self.formCases.count)
    }

    @Test("each phrase form gives its rule", arguments: formCases.indices)
    func form(_ i: Int) {
        let c = Self.formCases[i]
        let d = Self.draft(c.text)
        #expect(d.rules.map(Self.summary) == c.rules, "\(c.form): \(d.rules.map(Self.summary))")
        for r in d.rules { #expect(r.form == c.form, "\(c.form) matched as \(r.form)") }
        if let why = c.reason {
            #expect(d.unexpressible.count == 1 && d.unexpressible[0].reasons.contains(why), "\(c.form): \(d.unexpressible)")
            #expect(d.unexpressible.first?.sentence == c.text)
        } else {
            #expect(d.unexpressible.isEmpty, "\(c.form): \(d.unexpressible)")
        }
    }

    /// A number no plan can hold is drafted as written, to confirm (validate then names the cell),
    /// never dropped in silence.
    @Test(arguments: [("全年开展明察暗访不少于99999999999999999999次。", "count 待确认：99999999999999999999 year"),
                      ("全年培训不少于20000000000人次。", "sum 待确认：20000000000 year")])
    func numberOutOfRangeIsKeptToConfirm(_ text: String, _ rule: String) {
        let d = Self.draft(text)
        #expect(d.rules.map(Self.summary) == [rule], "\(d.rules.map(Self.summary)) \(d.unexpressible)")
    }

    @Test("Chinese numerals 一 … 十二 and 两 as counts, months and days", arguments: [
        ("每年至少一次召开会议。", "count 1 year"), ("每年至少两次开展警示教育。", "count 2 year"),
        ("每年至少三次开展警示教育。", "count 3 year"), ("每年至少四次开展警示教育。", "count 4 year"),
        ("每年至少五次开展警示教育。", "count 5 year"), ("全年不少于六次警示教育。", "count 6 year"),
        ("全年不少于七次警示教育。", "count 7 year"), ("全年不少于八次警示教育。", "count 8 year"),
        ("全年不少于九次警示教育。", "count 9 year"), ("全年不少于十次警示教育。", "count 10 year"),
        ("全年不少于十一次警示教育。", "count 11 year"), ("全年不少于十二次警示教育。", "count 12 year"),
        ("全年不少于１２次警示教育。", "count 12 year"), ("十月一日前完成发展党员。", "deadline 1 10-01"),
        ("十二月三十一日前报送总结。", "deadline 1 12-31"), ("二月底前开展警示教育。", "deadline 1 02-28"),
    ])
    func numerals(_ text: String, _ expected: String) {
        let d = Self.draft(text)
        #expect(d.rules.first.map(Self.summary) == expected, "\(text): \(d.rules.map(Self.summary))")
    }

    @Test("one sentence with two requirements gives two rules")
    func twoInOne() {
        #expect(Self.draft("每季度至少1次，全年不少于4次开展警示教育。").rules.map(Self.summary) == ["count 1 quarter", "count 4 year"])
        #expect(Self.draft("基层党组织每年至少集中开展6次廉政专题学习和6次警示教育。").rules.map(\.types.text) == ["廉政专题学习", "警示教育"])
        #expect(Self.draft("全年党工委举办的宣传教育活动不少于12次，培训不少于500人次。").rules.map(Self.summary) == ["count 12 year", "sum 500 year"])
    }

    @Test("a count the sentence states without a period is not made up")
    func noInventedPeriod() {
        // A bare "N次" needs a period or a deadline; ordinals and meeting names are not counts.
        #expect(Self.draft("深入学习中央纪委六次全会精神。").rules.isEmpty)
        #expect(Self.draft("牢固树立“最多跑一次”理念。").rules.isEmpty)
        #expect(Self.draft("召开第三次党代会。").rules.isEmpty)
        // A minimum with no period: the year is proposed, to be confirmed.
        #expect(Self.draft("开展警示教育不少于3次。").rules.map(Self.summary) == ["count 3 待确认：year"])
        // 关键的一年 is not a period.
        #expect(Self.draft("今年是落实规划关键的一年。").rules.isEmpty)
    }

    @Test("types and scope: proposed as the sentence names them, to be confirmed otherwise")
    func typesAndScope() {
        let a = Self.draft("纪工委牵头组织的明察暗访全年不少于12次。").rules[0]
        #expect(a.types == .sure("明察暗访") && a.scope == .sure("org:纪工委") && !a.needsTypeOrScope)
        let b = Self.draft("每季度定期分析研判分管领域意识形态领域情况。").rules[0]
        #expect(b.types == .toConfirm("思想动态分析研判") && b.scope == .toConfirm())
        #expect(b.types.text == "待确认：思想动态分析研判" && b.scope.text == "待确认")
        let c = Self.draft("基层党组织每年至少4次以上分析研判党员思想状况。").rules
        #expect(c.map(Self.summary) == ["count 4 year", "count 1 待确认：quarter"])
        #expect(c[0].scope == .toConfirm("kind:党支部"))
        let d = Self.draft("党工委委员“七一”前夕为联系点党支部讲党课1次。").rules[0]
        #expect(d.types == .sure("党课") && d.scope == .sure("role:党工委委员"))
        let e = Self.draft("在党史学习教育结束前，开好党委班子专题民主生活会、各党支部组织生活会。")
        #expect(e.rules.map(\.scope.text) == ["kind:党委", "kind:党支部"])
        #expect(e.unexpressible.count == 1)
    }

    @Test("a sentence too long to be prose is listed for a person, not analysed")
    func tooLong() {
        let long = String(repeating: "每月开展主题党日", count: 200) + "。"
        let d = Self.draft("每周走访帮扶对象。" + long)
        #expect(d.rules.map(Self.summary) == ["count 1 week"])
        #expect(d.unexpressible.count == 1 && d.unexpressible[0].sentence == long && d.unexpressible[0].reasons[0].contains("1000"))
    }

    @Test("clauses follow the document's own numbering")
    func clauses() {
        let d = Self.draft("""
        前言每月开展主题党日。
        一、总体要求
        每月开展主题党日。
        （二）加强学习
        每月开展主题党日。
        3.抓好落实。每周开展帮扶走访。
        二、下步举措
        一是强化学习。每年开展警示教育。
        二是高效调研。定期研究党建工作。
        """)
        #expect(d.rules.map(\.clause) == ["", "一", "一（二）", "一（二）.3", "二.一是"])
        #expect(d.unexpressible.map(\.clause) == ["二.二是"])
    }

    // MARK: the seed plans against Checks/

    static let seeds = ["000-street-party-building-2022", "001-street-office-party-committee-2022",
                        "002-branch-party-building-2022", "003-organ-party-building-2022", "004-year-end-review-2022"]

    static func windowRanges(_ s: String) -> [String] {
        (DateWindow.parseList(s) ?? []).map { "\($0.start)..\($0.end)" }
    }

    @Test("draft finds every requirement the plan in Checks/ encodes, clause by clause", arguments: seeds)
    func seedPlan(_ name: String) throws {
        let doc = try PlanDocument.read(TestSupport.root + "/Checks/sources/\(name).txt")
        let d = Drafter().draft(doc)
        let plan = try PlanReader.read([TestSupport.root + "/Checks/\(name).csv"])
        #expect(plan.rules.count > 0)
        for rule in plan.rules {
            let clause = String(rule.clause.split(separator: " ", maxSplits: 1).last ?? "")
            let found = d.rules.filter { r in
                guard r.clause == clause, r.checker == rule.checker, DraftMarker.proposal(r.threshold.text) ?? r.threshold.text == String(rule.threshold) else { return false }
                switch rule.checker {
                case "count", "sum": return (DraftMarker.proposal(r.period.text) ?? r.period.text) == rule.period.rawValue
                case "deadline": return r.deadline == rule.deadline?.description
                case "windows": return Self.windowRanges(r.windows) == rule.windows.map { "\($0.start)..\($0.end)" }
                case "coverage": return r.targetKind == rule.targetKinds.joined(separator: "|")
                default: return false
                }
            }
            #expect(!found.isEmpty, "\(rule.id) (\(rule.clause) \(rule.checker) \(rule.threshold) \(rule.period)) not drafted; drafted in \(clause): \(d.rules.filter { $0.clause == clause }.map(Self.summary))")
        }
    }

    /// The rows of Checks/README.md's "Clauses no checker can express" table: (plan, clause, excerpt, why).
    static func unexpressibleRows() throws -> [(plan: String, clause: String, excerpt: String, why: String)] {
        let text = try String(contentsOfFile: TestSupport.root + "/Checks/README.md", encoding: .utf8)
        guard let start = text.range(of: "## Clauses no checker can express") else { return [] }
        var out: [(String, String, String, String)] = []
        for line in text[start.upperBound...].split(separator: "\n") {
            if line.hasPrefix("## ") { break }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, let first = cells[1].first, first.isNumber else { continue }
            let parts = cells[1].split(separator: " ", maxSplits: 1).map(String.init)
            out.append((parts[0], parts.count > 1 ? parts[1] : "", cells[2], cells[3]))
        }
        return out
    }

    @Test("draft lists every clause Checks/README.md lists as not expressible")
    func seedUnexpressible() throws {
        let rows = try Self.unexpressibleRows()
        #expect(rows.count >= 18)
        var drafts: [String: Draft] = [:]
        for name in Self.seeds { drafts[String(name.prefix(3))] = Drafter().draft(try PlanDocument.read(TestSupport.root + "/Checks/sources/\(name).txt")) }
        for row in rows {
            let listed = drafts[row.plan]!.unexpressible.filter { $0.clause.hasPrefix(row.clause) }
            let fragments = row.excerpt.components(separatedBy: "…").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let quoted = Set(row.why.split(whereSeparator: { $0 == "“" || $0 == "”" }).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) })
            // The clause is listed, with at least one part of the excerpt …
            #expect(fragments.contains { f in listed.contains { $0.sentence.contains(f) } }, "\(row.plan) \(row.clause): \(row.excerpt)")
            // … and every part holding the vague word README names.
            for f in fragments where quoted.contains(where: { f.contains($0) }) {
                #expect(listed.contains { $0.sentence.contains(f) }, "\(row.plan) \(row.clause): \(f)")
            }
        }
    }

    @Test("GB18030 text drafts as its UTF-8 original")
    func gb18030() throws {
        let path = TestSupport.root + "/Checks/sources/000-street-party-building-2022.txt"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let gb = TestSupport.write(TestSupport.encode(text, as: "GB18030"), name: "plan.txt")
        let a = Drafter().draft(try PlanDocument.read(path)), b = Drafter().draft(try PlanDocument.read(gb))
        #expect(b.rules.count == 11 && b.rules == a.rules && b.unexpressible == a.unexpressible)
    }

    // MARK: the command and the journey

    @Test("draft -o writes the plan, prints a Chinese summary; validate names the cells to confirm; filled, check runs")
    func journey() throws {
        let dir = TestSupport.tempDir("draft")
        let out = dir + "/2022-plan.csv"
        let r = TestSupport.run(["draft", "Checks/sources/000-street-party-building-2022.txt", "-o", out])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("找到 11 条频次要求，其中 7 条需确认活动类型或范围，5 处无法用规则表达。"), "\(r.out)")
        #expect(r.out.contains("plancheck validate \(out)"))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines[0] == "id,title,checker,types,keywords,threshold,period,scope,deadline,windows,target_kind,field,clause,source")
        #expect(lines.filter { $0.contains(",无法表达,") }.count == 5)

        // validate names exactly the marked cells, with line and column, in Chinese.
        var expected: [String] = []
        for (i, line) in lines.enumerated() where i > 0 {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            for (j, c) in cells.enumerated() where c.hasPrefix("待确认") && j < 12 { expected.append("\(i + 1):\(j + 1)") }
        }
        #expect(expected.count >= 8)
        let v = TestSupport.run(["validate", out])
        #expect(v.code == 2)
        let problems = v.err.split(separator: "\n").filter { $0.hasPrefix(out + ":") }
        let located = problems.map { $0.dropFirst(out.count + 1).split(separator: ":").prefix(2).joined(separator: ":") }
        #expect(located == expected, "\(v.err)")
        #expect(problems.allSatisfy { $0.contains("待确认") && $0.contains("行第") }, "\(v.err)")

        // A person confirms each proposal (and names the empty ones); the plan then validates and checks.
        var filled = csv.replacingOccurrences(of: "待确认：", with: "")
        filled = filled.replacingOccurrences(of: ",待确认,", with: ",all,")
        filled = filled.replacingOccurrences(of: "org:党工委", with: "org:龙门街道党工委").replacingOccurrences(of: "org:纪工委", with: "org:龙门街道纪工委")
        try filled.write(toFile: out, atomically: true, encoding: .utf8)
        let v2 = TestSupport.run(["validate", out])
        #expect(v2.code == 0, "\(v2.err)")
        #expect(v2.out.contains("注意：5 行标为“无法表达”"), "\(v2.out)")
        let c = TestSupport.run(["check", "--plan", out, "--roster", "SampleData/roster-units.csv", "--roster", "SampleData/roster-people.csv",
                                 "--as-of", "2022-12-31", "--quiet", "SampleData/records"])
        #expect(c.code == 0 || c.code == 1, "\(c.err)")
    }

    @Test("without -o the draft goes to standard output and the summary to standard error")
    func stdout() {
        let r = TestSupport.run(["draft", "Checks/sources/003-organ-party-building-2022.txt"])
        #expect(r.code == 0)
        #expect(r.out.hasPrefix("\u{FEFF}id,title,checker") && r.out.contains("D02,"))
        #expect(r.err.contains("找到 2 条频次要求"))
        #expect(TestSupport.run(["draft", "Checks/sources/003-organ-party-building-2022.txt", "--lang", "en"]).err.contains("2 requirements found"))
    }

    @Test("bad input: exit 2, a message naming the file, nothing written")
    func badInput() {
        let dir = TestSupport.tempDir("draftbad")
        let doc = TestSupport.write("x", name: "plan.doc", dir: dir)
        let r = TestSupport.run(["draft", doc, "-o", dir + "/out.csv"])
        #expect(r.code == 2 && r.err.contains(doc) && r.err.contains(".docx"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.csv"))
        let missing = TestSupport.run(["draft", dir + "/nope.txt"])
        #expect(missing.code == 2 && missing.err.contains("nope.txt"))
        let empty = TestSupport.run(["draft", TestSupport.write(" \n\n", name: "e.txt", dir: dir)])
        #expect(empty.code == 2 && empty.err.contains("没有文字"))
        #expect(TestSupport.run(["draft"]).code == 2)
        let same = TestSupport.write("每月开展主题党日。", name: "same.txt", dir: dir)
        #expect(TestSupport.run(["draft", same, "-o", same]).code == 2)
        #expect((try? String(contentsOfFile: same, encoding: .utf8)) == "每月开展主题党日。")
    }

    // MARK: .docx paragraphs

    static func docXML(_ body: String) -> [UInt8] {
        Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
               + body + "<w:sectPr/></w:body></w:document>").utf8)
    }

    @Test("WordprocessingML: runs joined, tabs, breaks, entities, tab stops and properties ignored")
    func docxParagraphs() {
        let xml = Self.docXML("""
        <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>一、总体</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>要求</w:t></w:r></w:p>
        <w:p><w:r><w:t xml:space="preserve">每年至少</w:t></w:r><w:r><w:t>1</w:t></w:r><w:r><w:t>2次听取汇报</w:t></w:r><w:r><w:tab/><w:t>&lt;A&amp;B&gt;&#x4E00;&#20108;</w:t></w:r></w:p>
        <w:p/>
        <w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>
        <!-- <w:p><w:r><w:t>comment</w:t></w:r></w:p> -->
        <w:p><w:r><w:delText>deleted</w:delText><w:t>kept</w:t></w:r></w:p>
        """)
        #expect(DocxReader.paragraphs(xml) == ["一、总体要求", "每年至少12次听取汇报\t<A&B>一二", "", "第一行", "第二行", "kept"])
    }

    @Test(".docx: a plan split across runs drafts clause by clause (fixture by Tests/Scripts/make_docx_fixtures.py)")
    func docxRuns() throws {
        let doc = try PlanDocument.read(TestSupport.root + "/Tests/Fixtures/docx/runs.docx")
        #expect(doc.paragraphs.first == "一、总体要求")
        #expect(doc.paragraphs.contains("每季度分析研判思想动态\t，全年不少于四次。"))
        let d = Drafter().draft(doc)
        #expect(d.rules.map { $0.clause + " " + Self.summary($0) } == [
            "一 count 12 year", "一（二） count 1 quarter", "一（二） count 4 year",
            "一（二）.3 count 6 year", "一（二）.3 count 6 year", "一（二）.3 deadline 1 07-01",
        ])
        #expect(d.rules.map(\.types.text).suffix(3) == ["廉政专题学习", "警示教育", "党课"])
    }

    @Test(".docx of seed 001, every paragraph cut into runs of 5 characters, drafts as its .txt")
    func docxSeed() throws {
        let a = Drafter().draft(try PlanDocument.read(TestSupport.root + "/Checks/sources/001-street-office-party-committee-2022.txt"))
        let b = Drafter().draft(try PlanDocument.read(TestSupport.root + "/Tests/Fixtures/docx/seed-001.docx"))
        #expect(a.rules.count == 5 && b.rules == a.rules && b.unexpressible == a.unexpressible)
        let r = TestSupport.run(["draft", "Tests/Fixtures/docx/seed-001.docx"])
        #expect(r.code == 0 && r.err.contains("找到 5 条频次要求"))
    }

    @Test(".docx that is not one: exit 2 with the reason, nothing written")
    func docxBad() {
        let dir = TestSupport.tempDir("docxbad")
        let notZip = TestSupport.write("每月开展主题党日。", name: "a.docx", dir: dir)
        let r = TestSupport.run(["draft", notZip, "-o", dir + "/out.csv"])
        #expect(r.code == 2 && r.err.contains(notZip) && r.err.contains("ZIP"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.csv"))
        // A ZIP without word/document.xml (an .xlsx renamed, say).
        let zip: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
        let empty = TestSupport.write(zip, name: "b.docx", dir: dir)
        let e = TestSupport.run(["draft", empty])
        #expect(e.code == 2 && e.err.contains("word/document.xml"), "\(e.err)")
    }
}
