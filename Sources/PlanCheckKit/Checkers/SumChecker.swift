/// `sum`: a numeric field (participants) of matching records sums to at least N per period.
public final class SumChecker: TallyChecker {
    public static let identifier = "sum"
    public static let chineseName = "合计"
    public static let summary = "The participants of matching records add up to at least N per period (人次), for each unit or person in scope."
    public static let measure = "人次"
    public static let requiredColumns: [PlanColumn] = [.field]
    public static let optionalColumns: [PlanColumn] = [.period, .keywords]
    public static let examples: [CheckerExample] = [
        CheckerExample(
            summary: "培训不少于500人次: 300 + 150 (+ one record with no count) is 450, short by 50.",
            rule: [.id: "EX-SUM", .title: "培训人次", .checker: "sum", .types: "培训", .threshold: "500", .period: "year",
                   .scope: "org:党工委", .field: "participants", .source: "培训不少于500人次"],
            records: """
            date,org,type,participants,title,lead,target
            2022-03-01,党工委,培训,300,春季培训,,
            2022-09-01,党工委,培训,150人次,秋季培训,,
            2022-10-01,党工委,培训,,补训,,
            """,
            asOf: "2022-12-31",
            expected: ["党工委||2022|450|missed"],
            units: ["党工委|党工委"]),
    ]

    public let tally: SlotTally

    public init(rule: Rule, context: CheckContext) { tally = SlotTally(periodsOf: rule, context: context) }

    public func observe(_ r: MatchedRecord) { tally.addByPeriod(r, value: r.view.participants ?? 0) }
}
