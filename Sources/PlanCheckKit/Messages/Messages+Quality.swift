extension Messages {
    /// The data-quality warnings (``QualityChecker``): titles and notes, rendered when a report is written.
    static let quality: [String: MessageText] = [
        "quality.title.duplicate": MessageText(zh: "重复记录", en: "Duplicate records"),
        "quality.title.outsideYear": MessageText(zh: "日期不在检查年度内", en: "Dates outside the year checked"),
        "quality.title.afterAsOf": MessageText(zh: "日期晚于检查日", en: "Dates after the as-of day"),
        "quality.title.unknownUnit": MessageText(zh: "单位不在花名册中", en: "Units not in the roster"),
        "quality.title.uncountedType": MessageText(zh: "活动类型未被任何规则计入", en: "Activity types no rule counts"),
        "quality.title.duplicatePartial": MessageText(zh: "重复记录检查不完整", en: "Duplicate check incomplete"),
        "quality.note.duplicate": MessageText(
            zh: "{0} 条记录与前面的记录日期、单位、类型、主题完全相同",
            en: "{0} {0|record has|records have} the same date, unit, type and title as an earlier record"),
        "quality.note.outsideYear": MessageText(
            zh: "{0} 条记录的日期不在 {1} 年，未计入",
            en: "{0} {0|record is|records are} dated outside {1} and {0|was|were} not counted"),
        "quality.note.afterAsOf": MessageText(
            zh: "{0} 条记录的日期晚于检查日 {1}，未计入",
            en: "{0} {0|record is|records are} dated after the as-of day {1} and {0|was|were} not counted"),
        "quality.note.unknownUnit": MessageText(
            zh: "单位“{0}”不在花名册中（{1} 条记录）",
            en: "unit {0} is not in the roster ({1} {1|record|records})"),
        "quality.note.unknownUnits": MessageText(
            zh: "{0} 个单位不在花名册中（共 {1} 条记录）：{2}",
            en: "{0} {0|unit is|units are} not in the roster ({1} {1|record|records} in all): {2}"),
        "quality.note.uncountedTypes": MessageText(
            zh: "{0} 种活动类型没有规则计入（共 {1} 条记录）：{2}",
            en: "{0} activity {0|type is|types are} counted by no rule ({1} {1|record|records} in all): {2}"),
        "quality.andMore": MessageText(zh: " 等", en: " and more"),
    ]
}
