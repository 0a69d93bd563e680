extension Messages {
    /// `plancheck checkers`: each checker's one-line summary and example (`checkers.ID.summary`,
    /// `checkers.ID.example`; the English texts are the checkers' own `summary`s, a test keeps them
    /// equal), the plan columns' names, and the listing's words.
    static let checkers: [String: MessageText] = [
        "checkers.name": MessageText(zh: "{0}（{1}）", en: "{0}{1||}"),
        "checkers.alwaysOn": MessageText(zh: "（始终启用，计划中不用写）", en: "(always on; not named in plans)"),
        "checkers.needs": MessageText(zh: "必填列：{0}", en: "needs:    {0}"),
        "checkers.optional": MessageText(zh: "可选列：{0}", en: "optional: {0}"),
        "checkers.example": MessageText(zh: "示例：{0}", en: "example:  {0}"),
        "checkers.column": MessageText(zh: "{0}（{1}）", en: "{0}{1||}"),
        "checkers.sep": MessageText(zh: "、", en: ", "),
        "checkers.col.id": MessageText(zh: "编号", en: "id"),
        "checkers.col.title": MessageText(zh: "标题", en: "title"),
        "checkers.col.checker": MessageText(zh: "检查方式", en: "checker"),
        "checkers.col.types": MessageText(zh: "计入类型", en: "types"),
        "checkers.col.keywords": MessageText(zh: "关键词", en: "keywords"),
        "checkers.col.threshold": MessageText(zh: "要求次数", en: "threshold"),
        "checkers.col.period": MessageText(zh: "周期", en: "period"),
        "checkers.col.scope": MessageText(zh: "适用范围", en: "scope"),
        "checkers.col.deadline": MessageText(zh: "截止日期", en: "deadline"),
        "checkers.col.windows": MessageText(zh: "时间窗", en: "windows"),
        "checkers.col.target_kind": MessageText(zh: "对象类别", en: "target_kind"),
        "checkers.col.field": MessageText(zh: "统计字段", en: "field"),
        "checkers.col.clause": MessageText(zh: "条款", en: "clause"),
        "checkers.col.source": MessageText(zh: "依据", en: "source"),

        "checkers.count.summary": MessageText(
            zh: "每个周期（年、半年、季度、月、周）内，适用范围中的每个单位或人员至少有 N 条符合的记录。",
            en: "At least N matching records per period (year, half, quarter, month, week) for each unit or person in scope."),
        "checkers.count.example": MessageText(
            zh: "每季度分析研判意识形态：第三季度没有记录的支部第三季度未达标；3月31日的记录算第一季度，4月1日的算第二季度。",
            en: "每季度分析研判意识形态: a branch with nothing in Q3 misses Q3; a record on 03-31 is Q1, 04-01 is Q2."),
        "checkers.sum.summary": MessageText(
            zh: "每个周期内，适用范围中每个单位或人员符合的记录的参加人数合计至少为 N（人次）。",
            en: "The participants of matching records add up to at least N per period (人次), for each unit or person in scope."),
        "checkers.sum.example": MessageText(
            zh: "培训不少于500人次：300 + 150（另有一条没有人数的记录）为450人次，少50人次。",
            en: "培训不少于500人次: 300 + 150 (+ one record with no count) is 450, short by 50."),
        "checkers.deadline.summary": MessageText(
            zh: "适用范围中的每个单位或人员，在当年某月某日（MM-DD）之前（含当天）至少有 N 条符合的记录。",
            en: "At least N matching records dated on or before a month-day of the year (MM-DD), for each unit or person in scope."),
        "checkers.deadline.example": MessageText(
            zh: "党工委委员“七一”前讲党课1次：张三7月1日讲的算数，李四7月2日讲的已经晚了。",
            en: "党工委委员“七一”前讲党课1次: 张三 on 07-01 counts, 李四's lesson on 07-02 is too late."),
        "checkers.windows.summary": MessageText(
            zh: "适用范围中的每个单位或人员，在当年每个指定时段（年初 / 年中 / 年末……）内至少有 N 条符合的记录。",
            en: "At least N matching records inside each named window of the year (年初 / 年中 / 年末 …), for each unit or person in scope."),
        "checkers.windows.example": MessageText(
            zh: "年初有计划、年中有研究、年末有总结：年中没有记录，只算年中这个时段未达标。",
            en: "年初有计划、年中有研究、年末有总结: nothing in 年中 is a miss for that window only."),
        "checkers.coverage.summary": MessageText(
            zh: "对象类别中的每个单位，全年至少在 N 条符合的记录的检查对象列中出现，且记录由适用范围中的单位开展。",
            en: "Every unit of target_kind is named in the target field of at least N matching records in the year, done by a unit in scope."),
        "checkers.coverage.example": MessageText(
            zh: "对6个社区党支部常规巡察：从未被巡察的支部会列出，被巡察两次的算2次。",
            en: "对6个社区党支部常规巡察: the branch never inspected is reported, one with two inspections counts 2."),
        "checkers.quality.summary": MessageText(
            zh: "始终启用：重复记录、日期不在年度内、日期晚于检查日、单位不在花名册中、没有规则计入的活动类型。",
            en: "Always on: duplicate records, dates outside the year, dates after as-of, units not in the roster, types no rule counts."),
        "checkers.quality.example": MessageText(
            zh: "日期、单位、类型和主题都相同的两条记录为重复记录；花名册中没有的单位会被指出。",
            en: "The same date, org, type and title twice is a duplicate; a unit missing from the roster is flagged."),
    ]
}
