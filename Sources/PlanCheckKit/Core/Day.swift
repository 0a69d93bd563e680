/// A calendar day (proleptic Gregorian), stored as days since 1970-01-01.
///
/// plancheck only ever needs whole days: activity times are parsed and dropped.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let ordinal: Int32

    /// Creates a day from its ordinal (days since 1970-01-01).
    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// Creates a day from year, month and day, or returns nil for an impossible date (2022-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1 && year <= 9999, month >= 1 && month <= 12, day >= 1,
              day <= Day.daysIn(month: month, year: year) else { return nil }
        self.ordinal = Int32(Day.daysFromCivil(year, month, day))
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's civil-from-days algorithms.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The (year, month, day) of this day.
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(ordinal) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Year of this day.
    public var year: Int { components.year }
    /// Month (1–12) of this day.
    public var month: Int { components.month }

    /// ISO weekday, 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let w = (Int(ordinal) + 3) % 7  // 1970-01-01 was a Thursday (3 with Monday = 0)
        return (w < 0 ? w + 7 : w) + 1
    }

    /// ISO 8601 week-numbering year and week (1...53).
    public var isoWeek: (year: Int, week: Int) {
        // The Thursday of this week decides the ISO year.
        let thursday = Day(ordinal: ordinal - Int32(isoWeekday) + 4)
        let y = thursday.year
        // Straight from the civil calendar, not `Day(year:…)!`: the Thursday of 9999-12-31's week
        // is in the year 10000, which the failable initializer refuses.
        let jan1 = Day.daysFromCivil(y, 1, 1)
        return (y, (Int(thursday.ordinal) - jan1) / 7 + 1)
    }

    /// The day `n` days later (earlier when negative).
    public func adding(days n: Int) -> Day { Day(ordinal: ordinal + Int32(n)) }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { Int(other.ordinal - ordinal) }

    /// `YYYY-MM-DD`.
    public var iso: String {
        var out: [UInt8] = []
        out.reserveCapacity(10)
        appendISO(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``iso``'s bytes (what report writers use, without a `String` per day).
    public func appendISO<B: ByteAppending>(to out: inout B) {
        let (y, m, d) = components
        if y >= 1000 && y <= 9999 {
            out.append(byte: UInt8(truncatingIfNeeded: y / 1000) &+ 0x30)
            out.append(byte: UInt8(truncatingIfNeeded: y / 100 % 10) &+ 0x30)
            out.append(byte: UInt8(truncatingIfNeeded: y / 10 % 10) &+ 0x30)
            out.append(byte: UInt8(truncatingIfNeeded: y % 10) &+ 0x30)
        } else {
            out.append(string: String(y))
        }
        out.append(byte: UInt8(ascii: "-"))
        out.append(byte: UInt8(truncatingIfNeeded: m / 10) &+ 0x30)
        out.append(byte: UInt8(truncatingIfNeeded: m % 10) &+ 0x30)
        out.append(byte: UInt8(ascii: "-"))
        out.append(byte: UInt8(truncatingIfNeeded: d / 10) &+ 0x30)
        out.append(byte: UInt8(truncatingIfNeeded: d % 10) &+ 0x30)
    }

    public var description: String { iso }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    static func pad2(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }

    /// Today in the local time zone of the machine.
    public static func today() -> Day {
        var t = time(nil)
        var tmv = tm()
        localtime_r(&t, &tmv)
        return Day(year: Int(tmv.tm_year) + 1900, month: Int(tmv.tm_mon) + 1, day: Int(tmv.tm_mday))!
    }

    /// Parses a strict `YYYY-MM-DD` (used for command-line options).
    public static func parseISO(_ s: String) -> Day? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        return Day(year: y, month: m, day: d)
    }
}

#if canImport(Glibc)
import Glibc
#endif
