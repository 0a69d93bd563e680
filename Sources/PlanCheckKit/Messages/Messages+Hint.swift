extension Messages {
    /// "Did you mean …" hints for misspelt options, checkers, columns and periods.
    static let hint: [String: MessageText] = [
        "hint.didYouMean": MessageText(zh: "（是否要写“{0}”？）", en: " (did you mean '{0}'?)"),
        "hint.columnDidYouMean": MessageText(zh: "（表头中的“{0}”是否要写“{1}”？）", en: " (is the header's '{0}' meant to be '{1}'?)"),
        "hint.unknownOption": MessageText(zh: "“{1}”命令没有选项“{0}”；是否要写 {2}？", en: "unknown option '{0}' for '{1}'; did you mean {2}?"),
    ]
}
