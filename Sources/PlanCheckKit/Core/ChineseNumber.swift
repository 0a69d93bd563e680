import Foundation

/// Whole numbers as people write them in Chinese documents and spreadsheets.
///
/// Reads ASCII digits, full-width digits (１２), Chinese numerals (六, 十二, 二十三, 一百二十, 两千零五,
/// 一万二千), and a mix of digits and units (1万, 3千). Shared by the record reader (参加人数 = 十八), the
/// plan reader (threshold 六) and `draft` (每年至少六次).
public enum ChineseNumber {
    /// The largest value accepted: larger numbers are not counts a plan or a register holds.
    public static let maximum = 1_000_000_000

    static let digits: [Character: Int] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
        "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
    ]
    static let units: [Character: Int] = ["十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000]

    /// The value of `s` (trimmed), or nil when it is not a whole number or exceeds ``maximum``.
    public static func parse<S: StringProtocol>(_ s: S) -> Int? {
        let t = s.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        // Plain digits (ASCII or full-width) first: the common case.
        var plain = 0, allDigits = true
        for u in t.unicodeScalars {
            let v: UInt32
            switch u.value {
            case 0x30...0x39: v = u.value - 0x30
            case 0xFF10...0xFF19: v = u.value - 0xFF10
            default: allDigits = false; v = 0
            }
            if !allDigits { break }
            plain = plain * 10 + Int(v)
            if plain > maximum { return nil }
        }
        if allDigits { return plain }
        return parseNumeral(t)
    }

    /// Chinese numerals, possibly with digit runs before a unit (`1万`).
    static func parseNumeral(_ t: String) -> Int? {
        var total = 0        // completed 万 groups
        var section = 0      // within the current 万 group
        var pending: Int? = nil  // a digit waiting for its unit
        var sawAny = false
        var digitRun: Int? = nil
        func flushDigits() { if let d = digitRun { pending = d; digitRun = nil } }
        for c in t {
            if let d = c.wholeNumberValue, c.isASCII || ("０"..."９").contains(c) {
                digitRun = (digitRun ?? 0) * 10 + d
                if digitRun! > maximum { return nil }
                sawAny = true
                continue
            }
            flushDigits()
            if let d = digits[c] {
                if pending != nil && pending != 0 && d != 0 { return nil } // 二三: not a number
                pending = d; sawAny = true
            } else if let u = units[c] {
                let m = pending ?? (section == 0 && total == 0 ? 1 : (pending ?? 1))
                if pending == nil && section % (u * 10) != 0 { return nil }
                section += m * u
                pending = nil; sawAny = true
            } else if c == "万" || c == "萬" {
                section += pending ?? 0
                pending = nil
                if section == 0 { return nil }  // 万 needs a count before it: 一万, 1万
                if total != 0 { return nil }  // one 万 group at most (counts below 10^8)
                total += section * 10_000
                section = 0; sawAny = true
            } else {
                return nil
            }
            if total + section > maximum { return nil }
        }
        flushDigits()
        guard sawAny else { return nil }
        let v = total + section + (pending ?? 0)
        return v <= maximum ? v : nil
    }
}
