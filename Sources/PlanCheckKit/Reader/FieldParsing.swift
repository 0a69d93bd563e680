/// Byte-level parsers for the values found in activity exports: dates, participant counts, trimming.
///
/// They work on UTF-8 bytes so that the reader never builds a `String` for a field it only needs to
/// interpret.
public enum FieldParsing {
    /// Outcome of reading a date cell.
    public enum DateResult: Equatable, Sendable {
        /// A valid day.
        case day(Day)
        /// Shaped like a date but impossible (2022-02-30, 25:00).
        case impossible(String)
        /// Not one of the accepted date shapes.
        case unrecognized
    }

    /// The date shapes accepted, for error messages.
    public static let acceptedDateShapes =
        "2022-03-05, 2022/3/5, 2022.3.5, 2022年3月5日, 20220305 (optionally followed by 14:30 or 14:30:00), or an Excel serial day number"

    /// Strips ASCII white space, U+3000 (full-width space) and U+00A0 from both ends.
    @inline(__always)
    public static func trim(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        // Nearly every field starts and ends with a byte no space can start or end with: one test
        // of each end then (five fields a row went through both loops).
        if let p = b.baseAddress, b.count > 0 {
            let first = p[0], last = p[b.count &- 1]
            if first > 0x20 && first != 0xE3 && first != 0xC2 && last > 0x20 && last != 0x80 && last != 0xA0 { return b }
        }
        return trimSlow(b)
    }

    /// ``trim(_:)`` byte by byte from both ends.
    static func trimSlow(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0, hi = b.count
        while lo < hi {
            let c = b[lo]
            if c == 0x20 || c == 0x09 { lo += 1; continue }
            if c == 0xE3, hi - lo >= 3, b[lo + 1] == 0x80, b[lo + 2] == 0x80 { lo += 3; continue }
            if c == 0xC2, hi - lo >= 2, b[lo + 1] == 0xA0 { lo += 2; continue }
            break
        }
        while hi > lo {
            let c = b[hi - 1]
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { hi -= 1; continue }
            if c == 0x80, hi - lo >= 3, b[hi - 3] == 0xE3, b[hi - 2] == 0x80 { hi -= 3; continue }
            if c == 0xA0, hi - lo >= 2, b[hi - 2] == 0xC2 { hi -= 2; continue }
            break
        }
        return UnsafeBufferPointer(rebasing: b[lo..<hi])
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// Parses a date cell (already trimmed).
    public static func parseDate(_ b: UnsafeBufferPointer<UInt8>) -> DateResult {
        let n = b.count
        if n == 0 { return .unrecognized }
        var i = 0
        func digits(max: Int) -> (value: Int, count: Int) {
            var v = 0, c = 0
            while i < n, c < max, isDigit(b[i]) { v = v * 10 + Int(b[i] - 0x30); i += 1; c += 1 }
            return (v, c)
        }
        let (first, firstCount) = digits(max: 9)
        if i == n || (firstCount == 8 && (b[i] == 0x20 || b[i] == 0x54)) {
            // 20220305 or an Excel serial number.
            if firstCount == 8 {
                let y = first / 10000, m = first / 100 % 100, d = first % 100
                guard let day = Day(year: y, month: m, day: d) else { return .impossible("\(y)-\(m)-\(d) is not a calendar date") }
                return finishTime(b, from: i, day: day)
            }
            if firstCount >= 1 && firstCount <= 7 && i == n { return excelSerial(first) }
            return .unrecognized
        }
        if firstCount >= 1 && firstCount <= 7 && b[i] == 0x2E {  // Excel serial with a fraction: 44626.5
            var j = i + 1
            while j < n, isDigit(b[j]) { j += 1 }
            if j == n && j > i + 1 { return excelSerial(first) }
        }
        guard firstCount == 4 else { return .unrecognized }
        let year = first
        // Separator: - / . or 年
        enum Style { case ascii(UInt8), chinese }
        let style: Style
        if b[i] == 0x2D || b[i] == 0x2F || b[i] == 0x2E { style = .ascii(b[i]); i += 1 }
        else if matches(b, i, (0xE5, 0xB9, 0xB4)) { style = .chinese; i += 3 }  // 年
        else { return .unrecognized }
        let (month, mc) = digits(max: 2)
        guard mc > 0, i < n else { return .unrecognized }
        switch style {
        case .ascii(let sep): guard b[i] == sep else { return .unrecognized }; i += 1
        case .chinese: guard matches(b, i, (0xE6, 0x9C, 0x88)) else { return .unrecognized }; i += 3  // 月
        }
        let (dayNum, dc) = digits(max: 2)
        guard dc > 0 else { return .unrecognized }
        if case .chinese = style {
            if matches(b, i, (0xE6, 0x97, 0xA5)) { i += 3 }  // 日
            else if matches(b, i, (0xE5, 0x8F, 0xB7)) { i += 3 }  // 号
        }
        guard let day = Day(year: year, month: month, day: dayNum) else {
            return .impossible("\(year)-\(Day.pad2(month))-\(Day.pad2(dayNum)) is not a calendar date")
        }
        return finishTime(b, from: i, day: day)
    }

    /// The last `YYYY-MM-DD` a reader parsed and its day. Records come in runs of one day, and for
    /// any cell starting with those ten bytes ``parseDate(_:)`` comes to the same day and goes on
    /// with ``finishTime(_:from:day:)`` at offset 10; so a cell with the same start skips the
    /// calendar arithmetic.
    struct DateCache {
        var head: UInt64 = 0
        var tail: UInt16 = 0
        var day = Day(ordinal: 0)
        var valid = false
        /// The year of the last plain date that missed (its four digits as read), the ordinal of
        /// its January 1 and whether it is a leap year: input in any order misses the day on
        /// most rows but keeps to one year, whose dates are then a sum away.
        var yearDigits: UInt32 = 0
        var yearStart: Int32 = 0
        var leap = false
    }

    /// Days before month `m` (1...13) of a year: (367 m − 362) / 12, less 1 (leap) or 2 from March.
    @inline(__always)
    static func daysBefore(month m: Int, leap: Bool) -> Int {
        (367 &* m &- 362) / 12 &- (m <= 2 ? 0 : leap ? 1 : 2)
    }

    /// ``parseDate(_:)`` through a ``DateCache`` (same results for every input).
    @inline(__always)
    static func parseDate(_ b: UnsafeBufferPointer<UInt8>, cache: inout DateCache) -> DateResult {
        guard b.count >= 10, let p = b.baseAddress else { return parseDate(b) }
        let raw = UnsafeRawPointer(p)
        let head = raw.loadUnaligned(as: UInt64.self), tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if cache.valid && head == cache.head && tail == cache.tail { return finishTime(b, from: 10, day: cache.day) }
        // The plain shape DDDD-DD-DD, a valid date: parseDate would read exactly these ten bytes and
        // go on at offset 10, so it is worked out once here (input in any order misses the cache
        // on most rows; parsing the cell twice on a miss cost a tenth of the reading in random order).
        guard isDigit(p[0]), isDigit(p[1]), isDigit(p[2]), isDigit(p[3]), p[4] == 0x2D,
              isDigit(p[5]), isDigit(p[6]), p[7] == 0x2D, isDigit(p[8]), isDigit(p[9]) else { return parseDate(b) }
        let m = Int(p[5] &- 0x30) &* 10 &+ Int(p[6] &- 0x30), d = Int(p[8] &- 0x30) &* 10 &+ Int(p[9] &- 0x30)
        let digits = raw.loadUnaligned(as: UInt32.self)
        if digits == cache.yearDigits, m >= 1, m <= 12, d >= 1 {
            // The year of the last miss: the day is a sum away, when it exists.
            let before = daysBefore(month: m, leap: cache.leap)
            guard d <= daysBefore(month: m &+ 1, leap: cache.leap) &- before else { return parseDate(b) }
            let day = Day(ordinal: cache.yearStart &+ Int32(truncatingIfNeeded: before &+ d &- 1))
            cache.head = head; cache.tail = tail; cache.day = day; cache.valid = true
            return finishTime(b, from: 10, day: day)
        }
        let year = Int(p[0] &- 0x30) * 1000 + Int(p[1] &- 0x30) * 100 + Int(p[2] &- 0x30) * 10 + Int(p[3] &- 0x30)
        guard let day = Day(year: year, month: m, day: d) else { return parseDate(b) }
        cache = DateCache(head: head, tail: tail, day: day, valid: true, yearDigits: digits,
                          yearStart: day.ordinal &- Int32(daysBefore(month: m, leap: Day.isLeap(year)) &+ d &- 1), leap: Day.isLeap(year))
        return finishTime(b, from: 10, day: day)
    }

    @inline(__always)
    static func matches(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ seq: (UInt8, UInt8, UInt8)) -> Bool {
        i + 3 <= b.count && b[i] == seq.0 && b[i + 1] == seq.1 && b[i + 2] == seq.2
    }

    static func excelSerial(_ v: Int) -> DateResult {
        // Excel counts 1900 as a leap year: serial 1 is 1900-01-01, 59 is 1900-02-28, 60 is the
        // fictitious 1900-02-29, and from 61 (1900-03-01) on, day 0 is 1899-12-30. 2958465 is
        // 9999-12-31, Excel's last day.
        // The reason names the day the serial stands for, so the rejection reads the same in
        // every language ("date '60': 1900-02-29 is not a calendar date").
        if v < 1 { return .impossible("< 1900-01-01") }
        if v > ExcelDate.maxSerial1900 { return .impossible("> 9999-12-31") }
        guard let day = ExcelDate.day(serial: v) else { return .impossible("1900-02-29") }
        return .day(day)
    }

    /// Accepts nothing, or a space / `T` followed by HH:MM or HH:MM:SS.
    @inline(__always)
    static func finishTime(_ b: UnsafeBufferPointer<UInt8>, from start: Int, day: Day) -> DateResult {
        let i = start
        let n = b.count
        if i == n { return .day(day) }
        // The exports' usual shape, " HH:MM", a valid time: what the general path below concludes
        // for it, in a few comparisons (an hour or minute out of range goes on below, for its message).
        if n - i == 6 && b[i] == 0x20 && b[i + 3] == 0x3A {
            let h1 = b[i + 1] &- 0x30, h2 = b[i + 2] &- 0x30, m1 = b[i + 4] &- 0x30, m2 = b[i + 5] &- 0x30
            if h1 < 10 && h2 < 10 && m1 < 6 && m2 < 10 && h1 &* 10 &+ h2 < 24 { return .day(day) }
        }
        return finishTimeParts(b, from: i, day: day)
    }

    /// ``finishTime(_:from:day:)`` without its shortcut: any accepted time shape, part by part.
    static func finishTimeParts(_ b: UnsafeBufferPointer<UInt8>, from start: Int, day: Day) -> DateResult {
        var i = start
        let n = b.count
        if i == n { return .day(day) }
        guard b[i] == 0x20 || b[i] == 0x54 else { return .unrecognized }
        while i < n && (b[i] == 0x20 || b[i] == 0x54) { i += 1 }
        // Up to three parts (HH:MM[:SS]) kept in locals: no allocation per record.
        var parts = (0, 0, 0)
        var count = 0
        while true {
            var v = 0, c = 0
            while i < n, c < 2, isDigit(b[i]) { v = v * 10 + Int(b[i] - 0x30); i += 1; c += 1 }
            guard c > 0 else { return .unrecognized }
            switch count { case 0: parts.0 = v; case 1: parts.1 = v; default: parts.2 = v }
            count += 1
            if i < n && b[i] == 0x3A && count < 3 { i += 1; continue }
            break
        }
        guard i == n, count >= 2 else { return .unrecognized }
        if parts.0 > 23 || parts.1 > 59 || (count == 3 && parts.2 > 59) {
            let shown = count == 3 ? [parts.0, parts.1, parts.2] : [parts.0, parts.1]
            return .impossible("\(shown.map { Day.pad2($0) }.joined(separator: ":")) is not a time of day")
        }
        return .day(day)
    }

    /// Outcome of reading a participants cell.
    public enum CountResult: Equatable, Sendable {
        /// Empty cell: unknown.
        case empty
        /// A count.
        case value(Int)
        /// Anything else.
        case invalid
    }

    /// Parses digits or full-width digits with an optional 人 / 人次 suffix.
    public static func parseCount(_ b: UnsafeBufferPointer<UInt8>) -> CountResult {
        let n = b.count
        if n == 0 { return .empty }
        var i = 0, v = 0, c = 0, z = 0
        while i < n {
            let x = b[i]
            // Wrapping: a 19th significant digit is refused just below, before the value is used.
            if isDigit(x) { v = v &* 10 &+ Int(x - 0x30); i += 1 }
            else if x == 0xEF, i + 2 < n, b[i + 1] == 0xBC, b[i + 2] >= 0x90, b[i + 2] <= 0x99 {
                v = v &* 10 &+ Int(b[i + 2] - 0x90); i += 3
            } else { break }
            if v > 0 { c += 1 } else if c == 0 { z += 1 }  // leading zeros do not count
            if c > Limits.countDigits { return .invalid }
        }
        guard c + z > 0 else { return .invalid }
        if i < n {
            guard matches(b, i, (0xE4, 0xBA, 0xBA)) else { return .invalid }  // 人
            i += 3
            if i < n { guard matches(b, i, (0xE6, 0xAC, 0xA1)) else { return .invalid }; i += 3 }  // 次
            guard i == n else { return .invalid }
        }
        return .value(v)
    }

    /// One pass over a field for the reader: the offset of the first byte that is not valid UTF-8
    /// (as ``firstInvalidUTF8(_:allowTruncatedTail:)`` finds it), or -1, and whether a NUL byte
    /// occurs before that point (a NUL is valid UTF-8, so when the text is valid this says whether
    /// the field has one at all).
    @inline(__always)
    static func scanField(_ b: UnsafeBufferPointer<UInt8>) -> (invalidAt: Int, hasNUL: Bool) {
        let n = b.count
        guard let p = b.baseAddress else { return (-1, false) }
        var i = 0
        // ASCII words: no high bit and no zero byte.
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= n {
            let v = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            if (v | ((v &- ones) & ~v)) & highs != 0 { break }
            i += 8
        }
        if i == n { return (-1, false) }
        var nul = false
        while i < n {
            let c = b[i]
            if c < 0x80 { if c == 0 { nul = true }; i += 1; continue }
            let len = sequenceLength(p, i, n)
            if len == 0 { return (i, nul) }
            i += len
        }
        return (-1, nul)
    }

    /// Whether a whole region is valid UTF-8 without a NUL byte: then every field cut from it is
    /// too, and the reader skips ``scanField(_:)`` per field.
    ///
    /// Tuned for Chinese text: 32 bytes at a time are checked with byte-wise vector compares while
    /// they are ASCII (not NUL) and three-byte sequences with leads E1–EC, EE, EF (every
    /// continuation byte allowed): a byte must be a continuation exactly when one of the two bytes
    /// before it is a lead, which two more loads of the same text, one and two bytes back, show
    /// byte for byte (no shifts across lanes, which cost twice as many instructions, spilled
    /// registers included). Any other 16 bytes (two- or four-byte sequences, E0 or ED leads,
    /// invalid bytes) are checked byte by byte from the start of the character holding their first
    /// byte, and the vector check resumes at the next character boundary.
    static func isCleanUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        guard let p = b.baseAddress else { return true }
        func slow(_ j0: Int, _ stop: Int) -> Int? { cleanCharacters(p, from: j0, until: stop, count: n) }
        // Bytes before `i` are valid as far as whole characters go; a three-byte character may be
        // open at `i`, its lead at `i − 1` or `i − 2`. The loads look two bytes back: start at 2.
        guard n >= 2, var i = slow(0, 2) else { return n < 2 ? slow(0, n) != nil : false }
        while i + 16 <= n {
            if i + 32 <= n {
                if cleanVectors(p + i, 2) { i += 32; continue }
            } else if cleanVectors(p + i, 1) {
                i += 16
                continue
            }
            guard let j = slow(characterStart(p, i), i + 16) else { return false }
            i = j
        }
        return slow(characterStart(p, i), n) != nil
    }

    /// The fast case of ``isCleanUTF8(_:)`` for `count` (1 or 2) runs of 16 bytes from `p`, whose
    /// two bytes before are readable: true when every byte is ASCII other than NUL, a lead E1–EC,
    /// EE or EF, or a continuation byte exactly where a lead one or two bytes before asks for one.
    /// False says only that the bytes need the byte-by-byte check, not that they are invalid.
    @inline(__always)
    static func cleanVectors(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        typealias V = SIMD16<Int8>
        // A compare's lanes as bytes, 0 or FF: combined as integers, the masks need no
        // normalising between operations (the compiler's mask operators shift and compare again).
        @inline(__always) func bytes(_ m: SIMDMask<V>) -> V { unsafeBitCast(m, to: V.self) }
        let r = UnsafeRawPointer(p)
        let high = V(repeating: -16), e0 = V(repeating: -32)    // 0xF0, 0xE0
        var bad = V(repeating: 0)
        for k in 0..<count {
            let x = r.loadUnaligned(fromByteOffset: 16 * k, as: V.self)
            let u = r.loadUnaligned(fromByteOffset: 16 * k - 1, as: V.self)
            let w = r.loadUnaligned(fromByteOffset: 16 * k - 2, as: V.self)
            let cont = bytes(x .< V(repeating: -64))                           // 80–BF
            let lead = bytes((x & high) .== e0)                                // E0–EF
            let odd = bytes(x .== e0) | bytes(x .== V(repeating: -19))           // E0, ED
            let asks = bytes((u & high) .== e0) | bytes((w & high) .== e0)     // a lead one or two back
            bad |= bytes(x .== V(repeating: 0)) | odd | (bytes(x .< V(repeating: 0)) ^ (cont | lead)) | (cont ^ asks)
        }
        let words = unsafeBitCast(bad, to: SIMD2<UInt64>.self)
        return words[0] | words[1] == 0
    }


    /// Validates `p[j0...]` (`j0` a character start, `p` holding `n` bytes) byte by byte until at
    /// or past `stop`: the character boundary reached, or nil at a byte that is not valid UTF-8,
    /// a character cut at `n`, or a NUL.
    static func cleanCharacters(_ p: UnsafePointer<UInt8>, from j0: Int, until stop: Int, count n: Int) -> Int? {
        var j = j0
        while j < stop {
            let c = p[j]
            if c < 0x80 {
                if c == 0 { return nil }
                j += 1
                continue
            }
            let len = sequenceLength(p, j, n)
            if len == 0 { return nil }
            j += len
        }
        return j
    }

    /// Where the character holding byte `i` (≥ 2) starts, when the bytes before `i` are valid as far
    /// as whole characters go: at a three-byte lead one or two bytes back, else at `i`.
    @inline(__always)
    static func characterStart(_ p: UnsafePointer<UInt8>, _ i: Int) -> Int {
        p[i - 1] & 0xF0 == 0xE0 ? i - 1 : (p[i - 2] & 0xF0 == 0xE0 ? i - 2 : i)
    }

    /// The length of the valid multi-byte sequence whose lead byte (≥ 0x80) is `p[i]`, or 0 when
    /// it is invalid or runs past `n`.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        guard let (need, minNext, maxNext) = utf8Lead(p[i]), i + need < n else { return 0 }
        let b1 = p[i + 1]
        if b1 < minNext || b1 > maxNext { return 0 }
        if need >= 2 {
            if p[i + 2] & 0xC0 != 0x80 { return 0 }
            if need == 3 && p[i + 3] & 0xC0 != 0x80 { return 0 }
        }
        return need + 1
    }

    /// For a UTF-8 lead byte ≥ 0x80: how many continuation bytes follow and the range allowed for
    /// the first of them (which excludes overlong forms and surrogates); nil when no sequence starts so.
    @inline(__always)
    static func utf8Lead(_ c: UInt8) -> (need: Int, minNext: UInt8, maxNext: UInt8)? {
        switch c {
        case 0xC2...0xDF: return (1, 0x80, 0xBF)
        case 0xE0: return (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (2, 0x80, 0xBF)
        case 0xED: return (2, 0x80, 0x9F)
        case 0xF0: return (3, 0x90, 0xBF)
        case 0xF1...0xF3: return (3, 0x80, 0xBF)
        case 0xF4: return (3, 0x80, 0x8F)
        default: return nil
        }
    }

    /// Returns the byte offset of the first byte that is not valid UTF-8, or nil if all is valid.
    public static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>, allowTruncatedTail: Bool = false) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            guard let (need, minNext, maxNext) = utf8Lead(c) else { return i }
            if i + need >= n {
                // The sequence runs past the end of the buffer.
                guard allowTruncatedTail else { return i }
                for k in 1..<(n - i) {
                    let x = b[i + k]
                    if k == 1 ? (x < minNext || x > maxNext) : (x & 0xC0 != 0x80) { return i }
                }
                return nil
            }
            let b1 = b[i + 1]
            if b1 < minNext || b1 > maxNext { return i }
            if need >= 2 { for k in 2...need where b[i + k] & 0xC0 != 0x80 { return i } }
            i += need + 1
        }
        return nil
    }
}
