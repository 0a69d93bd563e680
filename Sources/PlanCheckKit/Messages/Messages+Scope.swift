extension Messages {
    /// Rule scopes resolved without a roster.
    static let scope: [String: MessageText] = [
        "scope.unknownKind": MessageText(
            zh: "规则 {0}（适用类别：{1}）：未提供花名册，只评估了名称能看出类别的单位；{2} 的类别无法确定，本规则未评估（不会列为未达标）。用 --roster 给出单位花名册（名称,类别,上级）即可评估全部单位",
            en: "rules {0} (kinds: {1}): no roster, so only units whose names show their kind were evaluated; the kind of {2} is unknown and they were not evaluated for these rules (never reported as missed). Give a unit roster (name,kind,parent) with --roster to evaluate every unit"),
    ]
}
