/// `count`: at least N matching records per period per scope entity.
public final class CountChecker: TallyChecker {
    public static let identifier = "count"
    public static let chineseName = "计数"
    public static let summary = "At least N matching records per period (year, half, quarter, month, week) for each unit or person in scope."
    public static let requiredColumns: [PlanColumn] = []
    public static let optionalColumns: [PlanColumn] = [.period, .keywords]
    public static let examples: [CheckerExample] = [
        CheckerExample(
            summary: "每季度分析研判意识形态: a branch with nothing in Q3 misses Q3; a record on 03-31 is Q1, 04-01 is Q2.",
            rule: [.id: "EX-COUNT", .title: "每季度分析研判", .checker: "count", .types: "思想动态分析研判", .threshold: "1",
                   .period: "quarter", .scope: "org:甲支部", .source: "每季度定期分析研判分管领域意识形态领域情况"],
            records: """
            date,org,type,participants,title,lead,target
            2022-03-31,甲支部,思想动态分析研判,10,一季度研判,,
            2022-04-01,甲支部,思想动态分析研判,10,二季度研判,,
            2022-12-01,甲支部,思想动态分析研判,10,四季度研判,,
            """,
            asOf: "2022-12-31",
            expected: ["甲支部||2022-Q1|1|met", "甲支部||2022-Q2|1|met", "甲支部||2022-Q3|0|missed", "甲支部||2022-Q4|1|met"],
            units: ["甲支部|社区党支部"]),
    ]

    public let tally: SlotTally

    public init(rule: Rule, context: CheckContext) { tally = SlotTally(periodsOf: rule, context: context) }

    public func observe(_ r: MatchedRecord) { tally.addByPeriod(r, value: 1) }
}
