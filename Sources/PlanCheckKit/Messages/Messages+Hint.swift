extension Messages {
    /// "Did you mean …" hints for misspelt options, checkers, columns and periods.
    static let hint: [String: MessageText] = [
        "hint.didYouMean": MessageText(zh: "（是否要写“{0}”？）", en: " (did you mean '{0}'?)"),
        "hint.columnDidYouMean": MessageText(zh: "（表头中的“{0}”是否要写“{1}”？）", en: " (is the header's '{0}' meant to be '{1}'?)"),
        "hint.unknownChecker": MessageText(zh: "没有检查方式“{0}”；可写：{1}{2}", en: "unknown checker '{0}'; expected one of: {1}{2}"),
        "hint.unknownPeriod": MessageText(zh: "周期“{0}”无法识别；可写：年、半年、季度、月、周（或 year、half、quarter、month、week）{1}",
                                          en: "unknown period '{0}'; expected year, half, quarter, month or week (年, 半年, 季度, 月, 周){1}"),
        "hint.missingColumns": MessageText(zh: "缺少列 {0}；表头为 {1}；计划至少需要 {2}{3}",
                                           en: "missing column {0}; the header has {1}; a plan needs at least {2}{3}"),
        "hint.checkerNeedsColumn": MessageText(zh: "检查方式 {0} 需要“{1}”列，计划中没有{2}", en: "checker {0} needs a '{1}' column, and the plan has none{2}"),
        "hint.unknownOption": MessageText(zh: "“{1}”命令没有选项“{0}”；是否要写 {2}？", en: "unknown option '{0}' for '{1}'; did you mean {2}?"),
    ]
}
