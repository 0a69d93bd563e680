extension Messages {
    /// The duplicate check (``DuplicateTable``).
    static let duplicates: [String: MessageText] = [
        "duplicates.spillFailed": MessageText(
            zh: "重复记录检查需要临时文件，但临时目录无法写入（{1}）：{0} 条记录未能与之前的记录比较，它们之间的重复可能未被发现。请把环境变量 TMPDIR 设为可写的目录后重新检查。",
            en: "The duplicate check needs temporary files, but the temporary folder could not be written ({1}): {0} {0|record|records} could not be compared with earlier ones, and duplicates among them may be missed. Set TMPDIR to a writable folder and check again."),
    ]
}
