import Testing
@testable import PlanCheckKit

@Suite("Field parsing: dates, participants, trimming")
struct FieldParsingTests {
    static func date(_ s: String) -> FieldParsing.DateResult {
        var s = s
        return s.withUTF8 { FieldParsing.parseDate(FieldParsing.trim($0)) }
    }

    @Test("accepted date shapes", arguments: [
        ("2022-03-05", "2022-03-05"), ("2022/3/5", "2022-03-05"), ("2022.3.5", "2022-03-05"),
        ("2022年3月5日", "2022-03-05"), ("2022年03月05日", "2022-03-05"), ("20220305", "2022-03-05"),
        ("2022-03-05 14:30", "2022-03-05"), ("2022/3/5 14:30:00", "2022-03-05"), ("2022年3月5日 9:05", "2022-03-05"),
        ("2022-03-05T14:30:00", "2022-03-05"), ("20220305 14:30", "2022-03-05"),
        ("44625", "2022-03-05"), ("44625.5", "2022-03-05"), ("  2022-03-05\u{3000}", "2022-03-05"),
        ("2024-02-29", "2024-02-29"), ("1", "1900-01-01"),
    ])
    func acceptedDates(input: String, iso: String) {
        #expect(Self.date(input) == .day(Day.parseISO(iso)!))
    }

    @Test("impossible dates are rejected with a reason", arguments: ["2022-02-30", "2022/13/1", "2023-02-29", "20220230", "2022-03-05 25:00", "2022年4月31日"])
    func impossibleDates(input: String) {
        guard case .impossible = Self.date(input) else { Issue.record("\(input) should be impossible, got \(Self.date(input))"); return }
    }

    @Test("unrecognised dates", arguments: ["", "March 5", "2022-03", "22-3-5", "2022-03-05 noon", "abc", "2022/3-5"])
    func unrecognisedDates(input: String) {
        #expect(Self.date(input) == .unrecognized)
    }

    static func count(_ s: String) -> FieldParsing.CountResult {
        var s = s
        return s.withUTF8 { FieldParsing.parseCount(FieldParsing.trim($0)) }
    }

    @Test("participants", arguments: [
        ("23", FieldParsing.CountResult.value(23)), ("23人", .value(23)), ("23人次", .value(23)), ("２３", .value(23)),
        ("１２人", .value(12)), ("", .empty), ("  ", .empty), ("0", .value(0)),
        ("二十", .invalid), ("23 人", .invalid), ("-3", .invalid), ("2.5", .invalid), ("人", .invalid), ("23人人", .invalid),
        ("1234567890", .value(1_234_567_890)),
        ("999999999999999999", .value(999_999_999_999_999_999)),
        ("1000000000000000000", .invalid),
    ])
    func participants(input: String, expected: FieldParsing.CountResult) {
        #expect(Self.count(input) == expected)
    }

    /// Trimming: ASCII spaces, tabs, line breaks at the end, U+3000 and U+00A0 go from both ends,
    /// whatever surrounds them; the one-test path for fields that need none gives what the byte
    /// loops give on random mixes of every such byte and its look-alikes.
    @Test("trimming: spaces, U+3000 and U+00A0 from both ends, the quick path agreeing")
    func trimming() {
        func trim(_ s: String) -> String { var s = s; return s.withUTF8 { String(decoding: FieldParsing.trim($0), as: UTF8.self) } }
        #expect(trim(" \u{3000}党课\u{00A0}\t\r\n") == "党课")
        #expect(trim("\u{3000}") == "" && trim("") == "" && trim("a b") == "a b" && trim("\u{3001}，") == "\u{3001}，")
        var rng = TestRNG(state: 7)
        let pieces: [[UInt8]] = [[0x20], [0x09], [0x0D], [0x0A], [0xE3, 0x80, 0x80], [0xC2, 0xA0], [0xE3], [0xC2], [0x80], [0xA0],
                                 [0xE3, 0x80, 0x81], [0xC2, 0xA9], Array("党".utf8), Array("a".utf8), [0x21]]
        for _ in 0..<20_000 {
            var b: [UInt8] = []
            for _ in 0..<rng.below(6) { b += pieces[rng.below(pieces.count)] }
            b.withUnsafeBufferPointer { buf in
                let quick = FieldParsing.trim(buf), slow = FieldParsing.trimSlow(buf)
                #expect(quick.baseAddress == slow.baseAddress || quick.isEmpty && slow.isEmpty, "\(b)")
                #expect(quick.count == slow.count, "\(b)")
            }
        }
    }

    @Test("UTF-8 validation finds the first bad byte")
    func utf8Validation() {
        let good = Array("活动,ok".utf8)
        #expect(good.withUnsafeBufferPointer { FieldParsing.firstInvalidUTF8($0) } == nil)
        let bad: [UInt8] = [0x61, 0xC4, 0xE3, 0x62]   // GBK bytes for 你 are not UTF-8
        #expect(bad.withUnsafeBufferPointer { FieldParsing.firstInvalidUTF8($0) } == 1)
        let truncated: [UInt8] = [0x61, 0xE6, 0xB4]
        #expect(truncated.withUnsafeBufferPointer { FieldParsing.firstInvalidUTF8($0) } == 1)
        #expect(truncated.withUnsafeBufferPointer { FieldParsing.firstInvalidUTF8($0, allowTruncatedTail: true) } == nil)
    }

    /// The whole-region check the parallel reader uses agrees with the per-field one on random
    /// mixes of ASCII, Chinese, other UTF-8 lengths, NUL, stray and truncated bytes, at every offset.
    @Test("region UTF-8 check agrees with the field scan", arguments: [UInt64(1), 2, 3, 4])
    func regionCheckAgrees(seed: UInt64) {
        var rng = TestRNG(state: seed)
        let pieces: [[UInt8]] = [Array("ab,c 12".utf8), Array("党建工作".utf8), Array("é".utf8), Array("😀".utf8), [0x00], [0xFF],
                                 [0xE6, 0xB4], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80, 0x80],
                                 Array("\u{10FFFF}".utf8), Array("abcdefgh".utf8), [0x80],
                                 Array("\u{0800}\u{D7FF}".utf8), Array("\u{FFFD}".utf8), [0xE5, 0x85, 0x9A, 0x85]]
        for round in 0..<6000 {
            var b: [UInt8] = []
            // Short inputs, and long ones whose three-byte runs cross many 8-byte words.
            for _ in 0..<rng.below(round % 2 == 0 ? 12 : 60) {
                let k = rng.below(pieces.count)
                // Mostly clean text, so that the clean paths are long.
                b += rng.below(4) == 0 ? pieces[k] : pieces[[0, 1, 1, 12][rng.below(4)]]
            }
            b.withUnsafeBufferPointer { buf in
                let clean = FieldParsing.firstInvalidUTF8(buf) == nil && !buf.contains(0)
                #expect(FieldParsing.isCleanUTF8(buf) == clean, "\(b)")
            }
        }
    }

    /// The 16- and 32-byte vector paths and the byte path meet at every offset: one odd character (bad,
    /// or valid but not of the fast kind) put at each position of long clean text.
    @Test("region UTF-8 check: one odd character at every offset of long clean text")
    func regionCheckEveryOffset() {
        let clean = Array(String(repeating: "党建工作ab,\"c ", count: 24).utf8)   // 384 bytes
        let odd: [([UInt8], Bool)] = [([0xFF], false), ([0x00], false), ([0xC0, 0x80], false), ([0x80], false),
                                      ([0xE0, 0x80, 0x80], false), ([0xED, 0xA0, 0x80], false), ([0xE6, 0xB4], false),
                                      (Array("é".utf8), true), (Array("😀".utf8), true), (Array("\u{0800}\u{D7FF}".utf8), true)]
        for (piece, valid) in odd {
            for at in 0...clean.count {
                let b = Array(clean[..<at]) + piece + Array(clean[at...])
                // Inserted inside a character, even a valid piece makes the text invalid.
                b.withUnsafeBufferPointer { buf in
                    let expected = FieldParsing.firstInvalidUTF8(buf) == nil && !b.contains(0)
                    #expect(FieldParsing.isCleanUTF8(buf) == expected, "\(piece) at \(at)")
                    if at % 18 == 0 { #expect(expected == valid, "\(piece) at \(at)") }   // between two of the 18-byte runs
                }
            }
        }
    }

    /// A day's ISO bytes are its calendar components written out, for every
    /// day from 1000 to 9999 a week apart and every day of 1999–2031; years outside four digits
    /// are written in full.
    @Test("ISO days written as bytes")
    func isoBytes() {
        func expected(_ d: Day) -> String {
            let c = d.components
            return "\(c.year)-\(c.month < 10 ? "0" : "")\(c.month)-\(c.day < 10 ? "0" : "")\(c.day)"
        }
        var days = stride(from: Day(year: 1000, month: 1, day: 1)!.ordinal, through: Day(year: 9999, month: 12, day: 31)!.ordinal, by: 7).map { Day(ordinal: $0) }
        days += (Day(year: 1999, month: 1, day: 1)!.ordinal...Day(year: 2031, month: 12, day: 31)!.ordinal).map { Day(ordinal: $0) }
        days += [Day(year: 1000, month: 1, day: 1)!.adding(days: -1), Day(year: 9999, month: 12, day: 31)!.adding(days: 1)]
        for d in days {
            var out: [UInt8] = [0x41]
            d.appendISO(to: &out)
            #expect(String(decoding: out, as: UTF8.self) == "A" + expected(d), "\(d.ordinal)")
        }
        #expect(Day(year: 2022, month: 3, day: 5)!.iso == "2022-03-05")
    }

    /// The per-reader date cache gives what parsing from scratch gives, cell after cell: runs of
    /// one day with other times, impossible days and times, other shapes sharing a prefix.
    @Test("cached date parsing agrees with parsing", arguments: [UInt64(1), 2])
    func dateCacheAgrees(seed: UInt64) {
        var rng = TestRNG(state: seed)
        var days = ["2022-03-05", "2022-02-30", "2022-12-31", "2024-02-29", "2023-02-29", "0000-01-01", "2022-13-01", "2022-03-0"]
        // Any day of a few years, possible or not (month 00–13, day 00–32): the cache works a day
        // of the last year out by a sum, leap years and month lengths included.
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        for y in ["2022", "2024", "2100", "2000"] { for m in 0...13 { for d in [0, 1, 15, 28, 29, 30, 31, 32] { days.append("\(y)-\(two(m))-\(two(d))") } } }
        let tails = ["", " 18:38", " 18:38:59", "T09:00", " 24:00", " 9:7", " 18:38:60", "x", " ", "  08:00", "5", "-", " 12:00:00:00"]
        let others = ["2022/3/5", "2022.03.05 10:00", "2022年3月5日", "20220305", "20220305 12:00", "44626", "2022-3-5", "２０２２-03-05", ""]
        var cache = FieldParsing.DateCache()
        for _ in 0..<20_000 {
            let cell = rng.chance(10) ? rng.pick(others) : rng.pick(days) + rng.pick(tails)
            let b = Array(cell.utf8)
            b.withUnsafeBufferPointer { p in
                #expect(FieldParsing.parseDate(p, cache: &cache) == FieldParsing.parseDate(p), "\(cell)")
            }
        }
    }

    /// The shortcut for " HH:MM" concludes what the part-by-part parse does, for every such tail
    /// over digits and the bytes next to them, and for the neighbouring lengths.
    @Test("the time shortcut agrees with the part-by-part parse")
    func timeShortcutAgrees() {
        let day = Day(year: 2022, month: 3, day: 5)!
        let chars: [UInt8] = Array("0123456789:/ T".utf8)
        var checked = 0
        for a in chars { for b in chars { for c in chars { for d in chars { for sep in [UInt8(0x3A), 0x2E] {
            for lead in [UInt8(0x20), 0x54] {
                let cell = Array("2022-03-05".utf8) + [lead, a, b, sep, c, d]
                for cut in [cell.count - 1, cell.count] {
                    cell[..<cut].withUnsafeBufferPointer { p in
                        #expect(FieldParsing.finishTime(p, from: 10, day: day) == FieldParsing.finishTimeParts(p, from: 10, day: day),
                                "\(String(decoding: p, as: UTF8.self))")
                    }
                    checked += 1
                }
            }
        } } } } }
        #expect(checked > 100_000)
        let ok = Array("2022-03-05 23:59".utf8), late = Array("2022-03-05 24:00".utf8)
        ok.withUnsafeBufferPointer { #expect(FieldParsing.finishTime($0, from: 10, day: day) == .day(day)) }
        late.withUnsafeBufferPointer { #expect(FieldParsing.finishTime($0, from: 10, day: day) == .impossible("24:00 is not a time of day")) }
    }

    @Test("Day arithmetic: ISO weeks, leap years, weekdays")
    func days() {
        #expect(Day.parseISO("2022-01-02")!.isoWeek == (2021, 52))
        #expect(Day.parseISO("2022-01-03")!.isoWeek == (2022, 1))
        #expect(Day.parseISO("2020-12-31")!.isoWeek == (2020, 53))
        #expect(Day.parseISO("2022-12-31")!.isoWeekday == 6)
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2100, month: 2, day: 29) == nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(PeriodSlot.slots(.week, year: 2020).count == 53)
        #expect(PeriodSlot.slots(.week, year: 2022).count == 52)
        #expect(PeriodSlot.slots(.week, year: 2022).first!.start.iso == "2022-01-01")  // cut at the year's start
        #expect(PeriodSlot.slots(.week, year: 2020).last!.end.iso == "2020-12-31")
    }
}
