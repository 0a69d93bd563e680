/// Excel's serial dates: whole days since an epoch, a fraction for the time of day.
///
/// The 1900 system (Windows Excel, WPS, LibreOffice's default for .xlsx) counts 1 = 1900-01-01 and
/// keeps Lotus 1-2-3's mistake: serial 60 is 1900-02-29, a day that never was. So serials 1–59
/// are 1899-12-31 + n, serial 60 is no date, and from 61 on a serial is 1899-12-30 + n (up to
/// 2958465 = 9999-12-31). The 1904 system (old Mac Excel, `date1904="1"` in the workbook)
/// counts 0 = 1904-01-01, with no such quirk.
public enum ExcelDate {
    /// The last serial Excel shows as a date: 9999-12-31 in the 1900 system.
    public static let maxSerial1900 = 2_958_465
    static let unix1900 = 25_569           // serial of 1970-01-01 (Day's ordinal 0), 1900 system
    static let unix1904 = 24_107           // the same in the 1904 system

    /// The day of a whole serial, or nil when it is none (serial 60 of the 1900 system, ≤ 0,
    /// or after 9999-12-31).
    public static func day(serial: Int, date1904: Bool = false) -> Day? {
        if date1904 {
            guard serial >= 0, serial <= maxSerial1900 - 1462 else { return nil }
            return Day(ordinal: Int32(serial - unix1904))
        }
        guard serial >= 1, serial <= maxSerial1900, serial != 60 else { return nil }
        return Day(ordinal: Int32(serial - unix1900 + (serial < 60 ? 1 : 0)))
    }

    /// A serial as record text: `2022-03-05`, with ` 14:30` or ` 14:30:15` when it has a time of
    /// day, or `14:30` alone below serial 1. Serial 60 of the 1900 system gives `1900-02-29` and serial 0 `1900-01-00`, as Excel
    /// shows them, so the record reader rejects them with their place; nil for other serials
    /// that are no date.
    public static func text(_ value: Double, date1904: Bool = false) -> String? {
        guard value.isFinite, value >= 0, value < Double(maxSerial1900 + 1) else { return nil }
        var whole = Int(value.rounded(.down))
        var seconds = Int(((value - Double(whole)) * 86_400).rounded())
        if seconds >= 86_400 { whole += 1; seconds -= 86_400 }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        func time() -> String {
            two(seconds / 3600) + ":" + two(seconds / 60 % 60) + (seconds % 60 != 0 ? ":" + two(seconds % 60) : "")
        }
        // A time of day alone (a serial below 1 in a time format).
        if whole == 0 && seconds > 0 { return time() }
        var out: String
        if !date1904 && whole == 60 { out = "1900-02-29" }
        else if !date1904 && whole == 0 { out = "1900-01-00" }
        else if let d = day(serial: whole, date1904: date1904) { out = d.iso }
        else { return nil }
        if seconds > 0 { out += " " + time() }
        return out
    }

    /// Whether a number format shows a date or time: the built-in ids (14–22, 27–36, 45–47 and
    /// the East Asian 50–58) or a format code with y, m, d, h or s outside quotes, brackets and escapes.
    public static func isDateFormat(id: Int, code: String?) -> Bool {
        if let code { return isDateCode(code) }
        return (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }

    static func isDateCode(_ code: String) -> Bool {
        var inQuote = false, inBracket = false, escape = false
        var skipNext = false
        // Only the first section (positive numbers) decides.
        for ch in code.lowercased() {
            if skipNext { skipNext = false; continue }
            if escape { escape = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket {
                if ch == "]" { inBracket = false }
                continue
            }
            switch ch {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\": escape = true
            case "_", "*": skipNext = true
            case ";": return false
            case "y", "m", "d", "h", "s": return true
            default: break
            }
        }
        return false
    }
}
