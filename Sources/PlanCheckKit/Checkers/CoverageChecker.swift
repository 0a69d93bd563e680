/// `coverage`: every unit of a kind is the `target` of a matching record in the year.
public final class CoverageChecker: TallyChecker {
    public static let identifier = "coverage"
    public static let chineseName = "覆盖"
    public static let summary = "Every unit of target_kind is named in the target field of at least N matching records in the year, done by a unit in scope."
    public static let requiredColumns: [PlanColumn] = [.targetKind]
    public static let optionalColumns: [PlanColumn] = [.keywords]
    public static let examples: [CheckerExample] = [
        CheckerExample(
            summary: "对6个社区党支部常规巡察: the branch never inspected is reported, one with two inspections counts 2.",
            rule: [.id: "EX-COVERAGE", .title: "巡察全覆盖", .checker: "coverage", .types: "巡察", .threshold: "1",
                   .scope: "org:党工委", .targetKind: "社区党支部", .source: "开展对6个社区党支部常规巡察"],
            records: """
            date,org,type,participants,title,lead,target
            2022-04-01,党工委,巡察,5,常规巡察,,甲支部
            2022-09-01,党工委,巡察,5,常规巡察,,甲支部、乙支部
            """,
            asOf: "2022-12-31",
            expected: ["甲支部||2022|2|met", "乙支部||2022|1|met", "丙支部||2022|0|missed"],
            units: ["党工委|党工委", "甲支部|社区党支部", "乙支部|社区党支部", "丙支部|社区党支部"]),
    ]

    let context: CheckContext
    let doers: ScopeEntities
    public let tally: SlotTally

    public init(rule: Rule, context: CheckContext) {
        self.context = context
        doers = context.entities(of: rule.scope)
        let slot = PeriodSlot(label: String(context.year), start: context.yearStart, end: context.yearEnd)
        tally = SlotTally(rule: rule, context: context, slots: [slot], scope: context.entities(of: .kinds(rule.targetKinds)))
    }

    public func observe(_ r: MatchedRecord) {
        guard r.date.year == context.year, !doers.entities(for: r).isEmpty else { return }
        for name in ScopeEntities.names(in: r.view.string(.target)) {
            if let e = tally.scope.entity(ofUnit: context.unitID(name)) {
                tally.add(entity: e, slot: 0, value: 1, record: r)
            }
        }
    }

}
