import Testing
@testable import PlanCheckKit

/// Period labels: words for Chinese clerks, the codes for English reports and machines.
@Suite struct PeriodNameTests {
    static func slot(_ kind: PeriodKind, _ i: Int) -> PeriodSlot { PeriodSlot.slots(kind, year: 2022)[i] }

    @Test(arguments: [
        (PeriodKind.year, 0, "全年", "2022"),
        (.half, 0, "上半年", "2022-H1"),
        (.half, 1, "下半年", "2022-H2"),
        (.quarter, 0, "第一季度", "2022-Q1"),
        (.quarter, 2, "第三季度", "2022-Q3"),
        (.quarter, 3, "第四季度", "2022-Q4"),
        (.month, 6, "7月", "2022-07"),
        (.month, 11, "12月", "2022-12"),
        (.week, 4, "第5周（1月31日—2月6日）", "2022-W05"),
        // Edge weeks are cut at the year's ends: week 1 of 2022 takes in January 1–2.
        (.week, 0, "第1周（1月1日—1月9日）", "2022-W01"),
        (.week, 51, "第52周（12月26日—12月31日）", "2022-W52"),
    ])
    func everyKindInBothLanguages(kind: PeriodKind, index: Int, zh: String, en: String) {
        let s = Self.slot(kind, index)
        #expect(s.name(.zh) == zh)
        #expect(s.name(.en) == en)
        #expect(PeriodSlot.kind(of: s.label) == kind)
    }

    @Test func windowKeepsThePlansName() {
        let w = PeriodSlot(label: "年中", start: Day(year: 2022, month: 6, day: 1)!, end: Day(year: 2022, month: 7, day: 31)!)
        #expect(w.name(.zh) == "年中")
        #expect(w.name(.en) == "年中")
        #expect(PeriodSlot.kind(of: "年中") == nil)
    }

    @Test(arguments: [
        ("2022-Q1", "2022-Q4", "第一季度至第四季度"),
        ("2022-H1", "2022-H2", "上半年至下半年"),
        ("2022-01", "2022-12", "1—12月"),
        ("2022-W01", "2022-W52", "第1—52周"),
        ("年初", "年末", "年初至年末"),
    ])
    func spans(first: String, last: String, zh: String) {
        #expect(PeriodSlot.span(first, last, .zh) == zh)
        #expect(PeriodSlot.span(first, last, .en) == first + "…" + last)
    }
}
