/// `deadline`: at least N matching records on or before a month-day, per unit or per person.
public final class DeadlineChecker: TallyChecker {
    public static let identifier = "deadline"
    public static let chineseName = "截止"
    public static let summary = "At least N matching records dated on or before a month-day of the year (MM-DD), for each unit or person in scope."
    public static let requiredColumns: [PlanColumn] = [.deadline]
    public static let optionalColumns: [PlanColumn] = [.keywords]
    public static let examples: [CheckerExample] = [
        CheckerExample(
            summary: "党工委委员“七一”前讲党课1次: 张三 on 07-01 counts, 李四's lesson on 07-02 is too late.",
            rule: [.id: "EX-DEADLINE", .title: "七一前讲党课", .checker: "deadline", .types: "党课", .threshold: "1",
                   .scope: "role:党工委委员", .deadline: "07-01", .source: "党工委委员“七一”前夕为联系点党支部讲党课1次"],
            records: """
            date,org,type,participants,title,lead,target
            2022-07-01,甲支部,党课,20,党课,张三,
            2022-07-02,乙支部,党课,20,党课,李四,
            """,
            asOf: "2022-12-31",
            expected: ["党工委|张三|2022|1|met", "党工委|李四|2022|0|missed"],
            units: ["党工委|党工委", "甲支部|社区党支部", "乙支部|社区党支部"],
            people: ["张三|党工委|党工委委员", "李四|党工委|党工委委员"]),
    ]

    let start: Day
    public let tally: SlotTally
    let due: Day

    public init(rule: Rule, context: CheckContext) {
        start = context.yearStart
        due = (rule.deadline ?? MonthDay(month: 12, day: 31)).day(in: context.year)
        let slot = PeriodSlot(label: String(context.year), start: context.yearStart, end: due)
        tally = SlotTally(rule: rule, context: context, slots: [slot])
    }

    public func observe(_ r: MatchedRecord) {
        guard r.date >= start && r.date <= due else { return }
        tally.add(r, slot: 0, value: 1)
    }

}
