/// How a rule's year is cut into periods.
public enum PeriodKind: String, CaseIterable, Sendable {
    case year, half, quarter, month, week

    /// Parses a plan's `period` cell (English or Chinese: 年/每年, 半年, 季度, 月, 周).
    public static func parse(_ s: String) -> PeriodKind? {
        switch HeaderNames.normalize(s) {
        case "year", "yearly", "annual", "年", "每年", "全年", "年度": return .year
        case "half", "half-year", "halfyear", "半年", "每半年": return .half
        case "quarter", "quarterly", "季", "季度", "每季度": return .quarter
        case "month", "monthly", "月", "每月": return .month
        case "week", "weekly", "周", "每周": return .week
        default: return nil
        }
    }

    /// The names a plan may write, for "did you mean".
    static let names = ["year", "half", "quarter", "month", "week", "年", "每年", "全年", "半年", "每半年", "季度", "每季度", "月", "每月", "周", "每周"]
}

/// One period of the year under review: a label and its first and last day.
public struct PeriodSlot: Hashable, Sendable {
    /// `2022`, `2022-H1`, `2022-Q3`, `2022-07`, `2022-W05`, or a window's name.
    public var label: String
    /// First day (inclusive).
    public var start: Day
    /// Last day (inclusive).
    public var end: Day

    /// Creates a slot.
    public init(label: String, start: Day, end: Day) { self.label = label; self.start = start; self.end = end }

    /// Number of days in the slot.
    public var length: Int { start.days(to: end) + 1 }

    /// Every slot of `kind` in `year`.
    ///
    /// Weeks are the ISO 8601 weeks of ISO year `year` (Monday to Sunday, labelled `2022-W01` …),
    /// cut at the calendar year's edges so that every day of the year is in exactly one week and no
    /// day outside it is: week 1 starts on January 1 (taking in January 1–3 when ISO puts them in
    /// the previous year's last week, or starting after December 29–31 that ISO counts in it), and
    /// the last week ends on December 31 the same way. Edge weeks therefore have 4 to 10 days. A
    /// record dated outside the year counts in no period, which is what the quality warning says.
    public static func slots(_ kind: PeriodKind, year: Int) -> [PeriodSlot] {
        func d(_ m: Int, _ dd: Int) -> Day { Day(year: year, month: m, day: dd)! }
        func monthEnd(_ m: Int) -> Day { d(m, Day.daysIn(month: m, year: year)) }
        switch kind {
        case .year: return [PeriodSlot(label: String(year), start: d(1, 1), end: d(12, 31))]
        case .half: return [PeriodSlot(label: "\(year)-H1", start: d(1, 1), end: d(6, 30)),
                            PeriodSlot(label: "\(year)-H2", start: d(7, 1), end: d(12, 31))]
        case .quarter: return (0..<4).map { q in
            PeriodSlot(label: "\(year)-Q\(q + 1)", start: d(q * 3 + 1, 1), end: monthEnd(q * 3 + 3)) }
        case .month: return (1...12).map { m in PeriodSlot(label: "\(year)-\(Day.pad2(m))", start: d(m, 1), end: monthEnd(m)) }
        case .week:
            // ISO week 1 holds the year's first Thursday.
            let jan4 = d(1, 4)
            var monday = jan4.adding(days: -(jan4.isoWeekday - 1))
            var out: [PeriodSlot] = []
            var w = 1
            while monday.adding(days: 3).year == year {
                out.append(PeriodSlot(label: "\(year)-W\(Day.pad2(w))", start: monday, end: monday.adding(days: 6)))
                monday = monday.adding(days: 7); w += 1
            }
            out[0].start = d(1, 1)
            out[out.count - 1].end = d(12, 31)
            return out
        }
    }

    /// Index of the slot of `kind` holding `day` in `year`, or nil if the day is outside them.
    @inline(__always)
    public static func index(of day: Day, _ kind: PeriodKind, year: Int) -> Int? {
        if kind == .week {
            // See ``slots(_:year:)``: weeks cut at the year's edges.
            guard day.year == year else { return nil }
            let w = day.isoWeek
            if w.year < year { return 0 }
            if w.year > year { return Day(ordinal: Int32(Day.daysFromCivil(year, 12, 28))).isoWeek.week - 1 }
            return w.week - 1
        }
        let c = day.components
        guard c.year == year else { return nil }
        switch kind {
        case .year: return 0
        case .half: return c.month <= 6 ? 0 : 1
        case .quarter: return (c.month - 1) / 3
        case .month: return c.month - 1
        case .week: return nil
        }
    }
}

/// A month and day without a year (`07-01`), as written in plans.
public struct MonthDay: Hashable, Sendable, CustomStringConvertible {
    /// Month 1–12.
    public var month: Int
    /// Day of month.
    public var day: Int

    /// Parses `MM-DD`, `M-D`, `M月D日` or `MM/DD`; Feb 29 is allowed (it falls back to Feb 28 in
    /// common years).
    public static func parse(_ s: String) -> MonthDay? {
        var t = s.trimmingWhitespace()
        for (from, to) in [("月", "-"), ("日", ""), ("号", ""), ("/", "-"), (".", "-")] { t = t.replacingAll(from, with: to) }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]), m >= 1, m <= 12, d >= 1,
              d <= Day.daysIn(month: m, year: 2020) else { return nil }
        return MonthDay(month: m, day: d)
    }

    /// This month-day in `year`.
    public func day(in year: Int) -> Day {
        Day(year: year, month: month, day: min(day, Day.daysIn(month: month, year: year)))!
    }

    public var description: String { Day.pad2(month) + "-" + Day.pad2(day) }
}

extension String {
    /// The string without leading and trailing white space (ASCII and U+3000).
    public func trimmingWhitespace() -> String {
        let ws: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n", "\u{3000}", "\u{A0}", "\u{FEFF}"]
        let sc = unicodeScalars
        guard let a = sc.firstIndex(where: { !ws.contains($0) }), let b = sc.lastIndex(where: { !ws.contains($0) }) else { return "" }
        return String(sc[a...b])
    }

    /// Replaces every occurrence of `target` with `with` (no Foundation needed).
    public func replacingAll(_ target: String, with: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]; out += with
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    /// Splits on `|` (and full-width `｜`), trimming parts and dropping empty ones.
    public func splitList() -> [String] {
        split(whereSeparator: { $0 == "|" || $0 == "｜" }).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

extension Substring {
    func range(of t: String) -> Range<Substring.Index>? {
        let tc = Array(t.utf8)
        let u = self.utf8
        var i = u.startIndex
        while i != u.endIndex {
            var j = i, k = 0
            while k < tc.count, j != u.endIndex, u[j] == tc[k] { j = u.index(after: j); k += 1 }
            if k == tc.count { return i..<j }
            i = u.index(after: i)
        }
        return nil
    }
}
