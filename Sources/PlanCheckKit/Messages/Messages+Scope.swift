extension Messages {
    /// Rule scopes resolved without a roster.
    static let scope: [String: MessageText] = [
        "scope.unknownKind": MessageText(
            zh: "规则 {0}（适用类别：{1}）：未提供花名册，只评估了名称能看出类别的单位；{2} 的类别无法确定，本规则未评估（不会列为未达标）。用 --roster 给出单位花名册（名称,类别,上级）即可评估全部单位",
            en: "rules {0} (kinds: {1}): no roster, so only units whose names show their kind were evaluated; the kind of {2} is unknown and they were not evaluated for these rules (never reported as missed). Give a unit roster (name,kind,parent) with --roster to evaluate every unit"),
    ]
}

extension Messages {
    /// Cells of optional fields that could not be read (the row is kept).
    static let cells: [String: MessageText] = [
        "cells.badParticipants": MessageText(
            zh: "{0}“{1}”不是人数，本条记录照常计入，人数按未知处理；应为数字或中文数字，后面可带“人”或“人次”",
            en: "{0} '{1}' is not a count; the record still counts, its count unknown; expected digits or Chinese numerals, optionally followed by 人 or 人次"),
        "cells.warning": MessageText(zh: "  提示 {0}: {1}", en: "  warning {0}: {1}"),
        "cells.more": MessageText(zh: "  …… 另有 {0} 处单元格提示", en: "  … and {0} more cell {0|warning|warnings}"),
        "cells.title": MessageText(zh: "单元格提示", en: "cell warning"),
        "cells.audit": MessageText(zh: "单元格提示 {0} 处（记录照常计入）", en: "{0} cell {0|warning|warnings} (the records still count)"),
    ]
}
