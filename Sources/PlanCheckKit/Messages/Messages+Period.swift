extension Messages {
    /// Period labels in reports (see ``PeriodSlot/name(_:)``); single periods use the `audit.*` words.
    /// English reports print the codes themselves, so the English texts here are for completeness.
    static let period: [String: MessageText] = [
        // A week with its first and last day ({0} week number, {1} and {2} days as 1月31日).
        "period.weekDays": MessageText(zh: "第{0}周（{1}—{2}）", en: "week {0} ({1}–{2})"),
        // Runs of periods (a rule's met periods folded into one line).
        "period.span": MessageText(zh: "{0}至{1}", en: "{0}…{1}"),
        "period.months": MessageText(zh: "{0}—{1}月", en: "months {0}–{1}"),
        "period.weeks": MessageText(zh: "第{0}—{1}周", en: "weeks {0}–{1}"),
    ]
}
