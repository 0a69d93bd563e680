extension Messages {
    /// Statuses and words every report shares.
    static let core: [String: MessageText] = [
        "core.error": MessageText(zh: "错误：{0}", en: "Error: {0}"),
        "core.langUnknown": MessageText(zh: "--lang 的值“{0}”无效，可选：zh、en", en: "--lang '{0}' is not one of: zh, en"),
        "core.noSubcommand": MessageText(zh: "没有给出子命令", en: "no subcommand given"),
        "core.unknownSubcommand": MessageText(zh: "没有子命令“{0}”", en: "unknown subcommand '{0}'"),
        "core.unknownSubcommandDidYouMean": MessageText(zh: "没有子命令“{0}”；是否要写 {1}？", en: "unknown subcommand '{0}'; did you mean '{1}'?"),
        "core.usage": MessageText(zh: "用法：plancheck {0}\n  详见“plancheck help {1}”。", en: "Usage: plancheck {0}\n  See 'plancheck help {1}'."),
        "core.unknownOption": MessageText(zh: "“{1}”命令没有选项“{0}”", en: "unknown option '{0}' for '{1}'"),
        "core.optionTakesNoValue": MessageText(zh: "选项 --{0} 不带值", en: "option '--{0}' takes no value"),
        "core.optionNeedsValue": MessageText(zh: "选项 --{0} 需要一个值 <{1}>", en: "option '--{0}' needs a value <{1}>"),
        "core.optionTwice": MessageText(zh: "选项 --{0} 给了不止一次", en: "option '--{0}' was given more than once"),
        "core.positiveInt": MessageText(zh: "--{0} 需要一个正整数，实际是“{1}”", en: "--{0} expects a positive whole number, got '{1}'"),
        "core.noInputs": MessageText(zh: "没有给出记录文件", en: "no input files given"),
    ]
}
