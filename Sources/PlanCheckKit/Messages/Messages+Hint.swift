extension Messages {
    /// "Did you mean …" hints for misspelt options, checkers, columns and periods.
    static let hint: [String: MessageText] = [
        "hint.didYouMean": MessageText(zh: "（是否要写“{0}”？）", en: " (did you mean '{0}'?)"),
        "hint.columnDidYouMean": MessageText(zh: "（表头中的“{0}”是否要写“{1}”？）", en: " (is the header's '{0}' meant to be '{1}'?)"),
        "hint.option": MessageText(zh: "；是否要写 {0}？", en: "; did you mean {0}?"),
    ]
}
