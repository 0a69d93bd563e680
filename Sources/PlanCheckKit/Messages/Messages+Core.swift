extension Messages {
    /// Statuses and words every report shares.
    static let core: [String: MessageText] = [
        "core.error": MessageText(zh: "错误：{0}", en: "Error: {0}"),
        "core.langUnknown": MessageText(zh: "--lang 的值“{0}”无效，可选：zh、en", en: "--lang '{0}' is not one of: zh, en"),
    ]
}
