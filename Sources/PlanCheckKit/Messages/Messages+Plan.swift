extension Messages {
    /// Problems of plan and roster files (`plancheck validate`, and `check` on a bad plan); each is
    /// printed after its `file:line:column:` prefix.
    static let plan: [String: MessageText] = [
        "plan.emptyFile": MessageText(
            zh: "{0}：文件为空：应有一行表头",
            en: "{0}: is empty: expected a header line"),
        "plan.problemIn": MessageText(zh: "{1} 中有 {0} 处问题", en: "{0} problem in {1}"),
        "plan.problemsIn": MessageText(zh: "{1} 中有 {0} 处问题", en: "{0} {0|problem|problems} in {1}"),
        "plan.valid": MessageText(zh: "{0}：{1} 条规则有效（{2}）", en: "{0}: {1} {1|rule|rules} valid ({2})"),
        "plan.validYear": MessageText(zh: "，年度 {0}", en: ", year {0}"),
        "plan.note": MessageText(zh: "提示：{0}", en: "note: {0}"),
        "plan.rosterNoUnit": MessageText(zh: "规则 {0}：单位“{1}”不在花名册中", en: "rule {0}: unit {1} is not in the roster"),
        "plan.rosterNoKind": MessageText(zh: "规则 {0}：花名册中没有类别为“{1}”的单位", en: "rule {0}: the roster has no unit of kind {1}"),
        "plan.rosterNoTargetKind": MessageText(
            zh: "规则 {0}：花名册中没有类别为“{1}”的单位（巡察对象）",
            en: "rule {0}: the roster has no unit of kind {1} (inspection target)"),
        "plan.fieldCount": MessageText(
            zh: "应有 {0} 个字段（与表头一致），实际 {1} 个",
            en: "expected {0} {0|field|fields} as in the header, found {1}"),
        "plan.idEmpty": MessageText(
            zh: "编号为空；每条规则都需要一个固定编号，如 S000-01",
            en: "id is empty; every rule needs a stable id such as S000-01"),
        "plan.idRepeated": MessageText(
            zh: "编号 {0} 重复（首次出现在 {1}）",
            en: "id {0} is used again (first at {1})"),
        "plan.typesEmpty": MessageText(
            zh: "活动类型为空；请列出计入的活动类型，用 | 分隔",
            en: "types is empty; list the activity types that count, separated by |"),
        "plan.scopeUnknown": MessageText(
            zh: "范围“{0}”无法识别；应为 org:单位、kind:类别（或 kind:甲|乙）、role:职务 或 all",
            en: "scope '{0}' is not understood; expected org:UNIT, kind:KIND (or kind:A|B), role:ROLE or all"),
        "plan.columnEmpty": MessageText(
            zh: "{0} 为空；检查方式 {1} 需要此列",
            en: "{0} is empty; checker {1} needs it"),
        "plan.deadlineBad": MessageText(
            zh: "截止日期“{0}”不是月-日；应为 MM-DD，如 07-01",
            en: "deadline '{0}' is not a month-day; expected MM-DD such as 07-01"),
        "plan.windowsBad": MessageText(
            zh: "时间窗“{0}”无法识别；应为 名称:MM-DD..MM-DD;名称:MM-DD..MM-DD",
            en: "windows '{0}' not understood; expected name:MM-DD..MM-DD;name:MM-DD..MM-DD"),
        "plan.fieldBad": MessageText(
            zh: "字段“{0}”不能求和；应为 participants（参加人数）",
            en: "field '{0}' cannot be summed; expected participants"),
        "plan.sourceEmpty": MessageText(
            zh: "出处为空；请引用该规则所依据的计划条款",
            en: "source is empty; quote the plan clause this rule comes from"),
        "plan.peopleColumns": MessageText(
            zh: "人员花名册需要列 姓名（name）、单位（unit）、职务（role）；实际表头：{0}",
            en: "a people roster needs columns name (姓名), unit (单位), role (职务); found {0}"),
        "plan.rosterColumns": MessageText(
            zh: "单位花名册需要列 名称（name）、类别（kind），可选 上级（parent）；人员花名册需要 姓名、单位、职务；实际表头：{0}",
            en: "a unit roster needs columns name (名称), kind (类别) and optionally parent (上级); a people roster needs name, unit, role; found {0}"),
        "plan.personNameEmpty": MessageText(zh: "人员姓名为空", en: "person name is empty"),
        "plan.personRoleEmpty": MessageText(zh: "{0} 的职务为空", en: "role of {0} is empty"),
        "plan.unitNameEmpty": MessageText(zh: "单位名称为空", en: "unit name is empty"),
        "plan.unitKindEmpty": MessageText(
            zh: "单位 {0} 的类别为空；应填写如 社区党支部",
            en: "kind of unit {0} is empty; expected e.g. 社区党支部"),
        "plan.unitTwice": MessageText(zh: "单位 {0} 重复列出", en: "unit {0} is listed twice"),
        "plan.parentUnknown": MessageText(
            zh: "单位 {1} 的上级 {0} 不在花名册中",
            en: "parent {0} of unit {1} is not in the roster"),
    ]
}
