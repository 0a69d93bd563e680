import Foundation
import Testing
@testable import PlanCheckKit

/// Plans people can write: Chinese checker and period names, Chinese numerals, and "did you mean".
@Suite("Plans in Chinese words")
struct PlanWritingTests {
    static let header = "编号,名称,检查方式,计入类型,要求次数,周期,适用范围,截止日期,时间窗,覆盖对象,统计字段,依据\n"

    @Test("Chinese checker names and numerals read as the English ones", arguments: [
        ("计数", "十二", "季度", "count", 12, PeriodKind.quarter), ("合计", "五百", "年", "sum", 500, .year),
        ("截止", "一", "", "deadline", 1, .year), ("时间窗", "１", "", "windows", 1, .year),
        ("覆盖", "六", "", "coverage", 6, .year), ("COUNT", "6", "每月", "count", 6, .month), ("计数", "两", "半年", "count", 2, .half),
        ("计数", "52", "周", "count", 52, .week),
    ])
    func chinese(_ checker: String, _ threshold: String, _ period: String, _ id: String, _ n: Int, _ kind: PeriodKind) throws {
        let row = "A1,规则,\(checker),党课,\(threshold),\(period),类别:社区党支部,07-01,年中:06-01..08-31,社区党支部,参加人数,原文\n"
        let path = TestSupport.write(Self.header + row, name: "plan.csv")
        let (plan, problems) = try PlanReader.validate([path])
        #expect(problems.isEmpty, "\(problems)")
        #expect(plan.rules.first?.checker == id)
        #expect(plan.rules.first?.threshold == n)
        #expect(plan.rules.first?.period == kind)
    }

    @Test("a misspelt checker, period or column is answered with the nearest name, in Chinese", arguments: [
        ("编号,检查方式,计入类型,要求次数,周期,适用范围,依据\nA1,计次,党课,1,年,全部,x\n", "（是否要写“计数”？）"),
        ("编号,检查方式,计入类型,要求次数,周期,适用范围,依据\nA1,cout,党课,1,年,全部,x\n", "（是否要写“count”？）"),
        ("编号,检查方式,计入类型,要求次数,周期,适用范围,依据\nA1,计数,党课,1,季,全部,x\n", ""),
        ("编号,检查方式,计入类型,要求次数,周期,适用范围,依据\nA1,计数,党课,1,每季,全部,x\n", "（是否要写“每季度”？）"),
        ("编号,检查方式,计入类型,要求次数,周期,适用范围,依据\nA1,计数,党课,1,quartre,全部,x\n", "（是否要写“quarter”？）"),
        ("编号,检查方式,计入类型,阈直,周期,适用范围,依据\nA1,计数,党课,1,年,全部,x\n", "（表头中的“阈直”是否要写“阈值”？）"),
        ("编号,检查方式,计入类型,要求次数,周期,适用范围,依据,截至日期\nA1,截止,党课,1,年,全部,x,07-01\n", "（表头中的“截至日期”是否要写“截止日期”？）"),
    ])
    func didYouMean(_ text: String, _ hint: String) throws {
        let path = TestSupport.write(text, name: "plan.csv")
        let (_, problems) = try PlanReader.validate([path])
        if hint.isEmpty { #expect(problems.isEmpty, "\(problems)"); return }
        #expect(problems.count == 1 && problems[0].message.contains(hint), "\(problems)")
    }

    @Test("the hints follow --lang")
    func english() {
        let path = TestSupport.write("编号,检查方式,计入类型,要求次数,周期,适用范围,依据\nA1,cout,党课,1,quartre,全部,x\n", name: "plan.csv")
        let zh = TestSupport.run(["validate", path])
        #expect(zh.err.contains("没有检查方式“cout”") && zh.err.contains("（是否要写“quarter”？）"), "\(zh.err)")
        let en = TestSupport.run(["validate", "--lang", "en", path])
        #expect(en.err.contains("unknown checker 'cout'") && en.err.contains("(did you mean 'count'?)"), "\(en.err)")
    }

    @Test("validate reads a folder of plans and a workspace")
    func validateFolders() throws {
        let dir = TestSupport.tempDir("vw") + "/ws"
        _ = try Workspace.create(dir, year: nil, title: "")
        let ws = TestSupport.run(["validate", dir])
        #expect(ws.code == 0 && ws.out.contains("三会一课标准计划.csv"), "\(ws.err)")
        let folder = TestSupport.run(["validate", dir + "/工作计划/示例"])
        #expect(folder.code == 0 && folder.out.contains("004-year-end-review-2022.csv"), "\(folder.err)")
        try Data("年度 = 明年\n".utf8).write(to: URL(fileURLWithPath: dir + "/设置.txt"))
        let bad = TestSupport.run(["validate", dir])
        #expect(bad.code == 2 && bad.err.contains("设置.txt:1:"), "\(bad.err)")
    }
}
