/// Period labels for people. The codes (`2022`, `2022-H1`, `2022-Q3`, `2022-07`, `2022-W05`, or a
/// window's name) stay what machines read: JSON `period`, `--lang en` reports, `sql` and `--counts`
/// files. A Chinese report writes them as a clerk does, without the year (every report heads
/// with it): 全年, 上半年, 第三季度, 7月, 第5周（1月31日—2月6日）; a window keeps the plan's name.
extension PeriodSlot {
    /// The kind of a period code: year, half, quarter, month, week, or nil for a window's name.
    public static func kind(of code: String) -> PeriodKind? {
        let b = Array(code.utf8)
        guard b.count >= 4, b[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if b.count == 4 { return .year }
        guard b.count >= 6, b[4] == UInt8(ascii: "-") else { return nil }
        switch b[5] {
        case UInt8(ascii: "H"): return .half
        case UInt8(ascii: "Q"): return .quarter
        case UInt8(ascii: "W"): return .week
        default: return b.count == 7 ? .month : nil
        }
    }

    /// The number in a code: 1–2 for halves, 1–4 quarters, 1–12 months, 1–53 weeks (0 otherwise).
    static func number(of code: String) -> Int {
        guard code.count > 5 else { return 0 }
        let tail = code.dropFirst(5)
        return Int(tail.first?.isNumber == true ? tail : tail.dropFirst()) ?? 0
    }

    /// A period in words, in either language, without dates: 全年 / year, 上半年 / first half,
    /// 第三季度 / Q3, 7月 / month 7, 第5周 / week 5, or a window's name (the audit page's and the
    /// review's form, where lists of periods follow a heading that names the year).
    public static func words(_ code: String, _ L: Lang) -> String {
        let n = number(of: code)
        switch kind(of: code) {
        case .year?: return Messages.text("audit.period.year", L)
        case .half?: return Messages.text(n == 1 ? "audit.H1" : "audit.H2", L)
        case .quarter?: return Messages.text("audit.Q\(min(max(n, 1), 4))", L)
        case .month?: return Messages.text("audit.monthN", L, n)
        case .week?: return Messages.text("audit.weekN", L, n)
        case nil: return code
        }
    }

    /// A period in a report's column: in Chinese as a clerk writes it (a week with its days, as
    /// nobody counts ISO weeks: 第5周（1月31日—2月6日）); in English the code itself (`2022-Q3`),
    /// which scripts and the benchmark peers compare.
    public func name(_ L: Lang) -> String {
        guard L == .zh else { return label }
        if Self.kind(of: label) == .week {
            return Messages.text("period.weekDays", L, Self.number(of: label), ReviewText.monthDay(start, L), ReviewText.monthDay(end, L))
        }
        return Self.words(label, L)
    }

    /// A run of periods of one kind, `first` to `last` (codes): 第一季度至第四季度, 上半年至下半年,
    /// 1—12月, 第1—52周, 年初至年末 in Chinese; `2022-Q1…2022-Q4` in English.
    public static func span(_ first: String, _ last: String, _ L: Lang) -> String {
        guard L == .zh else { return first + "…" + last }
        switch kind(of: first) {
        case .month?: return Messages.text("period.months", L, number(of: first), number(of: last))
        case .week?: return Messages.text("period.weeks", L, number(of: first), number(of: last))
        default: return Messages.text("period.span", L, words(first, L), words(last, L))
        }
    }
}

extension Finding {
    /// The finding's period: its code and first and last day (for ``PeriodSlot/name(_:)``).
    public var slot: PeriodSlot { PeriodSlot(label: period, start: start, end: end) }
}
