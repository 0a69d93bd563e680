/// `windows`: at least one matching record in each named date window of the year.
public final class WindowsChecker: TallyChecker {
    public static let identifier = "windows"
    public static let chineseName = "时间窗"
    public static let summary = "At least N matching records inside each named window of the year (年初 / 年中 / 年末 …), for each unit or person in scope."
    public static let requiredColumns: [PlanColumn] = [.windows]
    public static let optionalColumns: [PlanColumn] = [.keywords]
    public static let examples: [CheckerExample] = [
        CheckerExample(
            summary: "年初有计划、年中有研究、年末有总结: nothing in 年中 is a miss for that window only.",
            rule: [.id: "EX-WINDOWS", .title: "意识形态工作三节点", .checker: "windows", .types: "意识形态专题研究", .threshold: "1",
                   .scope: "org:党工委", .windows: "年初:01-01..03-31;年中:06-01..08-31;年末:11-01..12-31",
                   .source: "要做到“年初有计划、年中有研究、年末有总结”"],
            records: """
            date,org,type,participants,title,lead,target
            2022-02-10,党工委,意识形态专题研究,9,年度计划,,
            2022-12-20,党工委,意识形态专题研究,9,年度总结,,
            """,
            asOf: "2022-12-31",
            expected: ["党工委||年初|1|met", "党工委||年中|0|missed", "党工委||年末|1|met"],
            units: ["党工委|党工委"]),
    ]

    public let tally: SlotTally

    public init(rule: Rule, context: CheckContext) {
        let slots = rule.windows.map { w in
            PeriodSlot(label: w.name, start: w.start.day(in: context.year), end: w.end.day(in: context.year))
        }
        tally = SlotTally(rule: rule, context: context, slots: slots)
    }

    public func observe(_ r: MatchedRecord) {
        for (s, slot) in tally.slots.enumerated() where r.date >= slot.start && r.date <= slot.end {
            tally.add(r, slot: s, value: 1)
        }
    }
}
