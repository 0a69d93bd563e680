import Testing
@testable import PlanCheckKit

@Suite("CSV tokenizer: RFC 4180 and what Excel really writes")
struct CSVTokenizerTests {
    /// Tokenizes `text`, feeding it in chunks of `chunk` bytes; returns rows (fields) and their lines.
    static func rows(_ bytes: [UInt8], chunk: Int = 1 << 20, delimiter: UInt8 = 0x2C) throws -> [([String], Int)] {
        var t = CSVTokenizer(delimiter: delimiter, path: "t.csv")
        var out: [([String], Int)] = []
        let emit: (CSVTokenizer.Row) -> Void = { r in out.append(((0..<r.count).map { r.string($0) }, r.line)) }
        var i = 0
        while i < bytes.count {
            let j = min(bytes.count, i + chunk)
            try bytes[i..<j].withUnsafeBufferPointer { try t.feed($0, emit) }
            i = j
        }
        try t.finish(emit)
        return out
    }

    static func rows(_ s: String, chunk: Int = 1 << 20) throws -> [([String], Int)] { try rows(Array(s.utf8), chunk: chunk) }

    @Test("quoted fields, doubled quotes, delimiters and newlines inside quotes, at every chunk size", arguments: [1, 2, 3, 5, 7, 64, 1 << 20])
    func quoting(chunk: Int) throws {
        let text = "a,b,c\r\n\"x,1\",\"he said \"\"hi\"\"\",\"two\r\nlines\"\r\nplain,,\"\"\r\n\"lf\nonly\",\"cr\ronly\",z"
        let r = try Self.rows(text, chunk: chunk)
        #expect(r.map(\.0) == [["a", "b", "c"], ["x,1", "he said \"hi\"", "two\r\nlines"], ["plain", "", ""], ["lf\nonly", "cr\ronly", "z"]])
        #expect(r.map(\.1) == [1, 2, 4, 5])
    }

    @Test("line endings: CRLF, LF, lone CR; final newline optional; blank lines skipped", arguments: [1, 4, 1 << 20])
    func lineEndings(chunk: Int) throws {
        for (text, lines) in [("a,b\r\n1,2\r\n", [1, 2]), ("a,b\n1,2", [1, 2]), ("a,b\r1,2\r", [1, 2]),
                              ("a,b\n\n\r\n1,2\n\n", [1, 4]), ("a,b\r\n\r\n3,4", [1, 3])] {
            let r = try Self.rows(text, chunk: chunk)
            #expect(r.map(\.0) == [["a", "b"], [r.last!.0[0] == "1" ? "1" : "3", r.last!.0[0] == "1" ? "2" : "4"]], "\(text.debugDescription)")
            #expect(r.map(\.1) == lines, "\(text.debugDescription)")
        }
    }

    @Test("text after a closing quote joins the field; a quote inside an unquoted field is literal (as Python's csv)")
    func lenientQuotes() throws {
        let r = try Self.rows("\"ab\"c,d\"e\n")
        #expect(r.map(\.0) == [["abc", "d\"e"]])
    }

    @Test("unterminated quote is an error naming line and column")
    func unterminated() throws {
        #expect(throws: CSVError.unterminatedQuote(path: "t.csv", line: 2, column: 2)) {
            _ = try Self.rows("a,b\n1,\"open\n\nstill open")
        }
    }

    @Test("row size and column limits are errors, not unbounded memory")
    func limits() throws {
        var t = CSVTokenizer(path: "t.csv", maxRowBytes: 100, maxColumns: 3)
        let big = [UInt8](repeating: 0x61, count: 1000)
        #expect(throws: CSVError.rowTooLarge(path: "t.csv", line: 1, column: 1, limit: 100, inQuotes: false)) {
            try big.withUnsafeBufferPointer { try t.feed($0) { _ in } }
        }
        var t2 = CSVTokenizer(path: "t.csv", maxRowBytes: 100, maxColumns: 3)
        #expect(throws: CSVError.tooManyColumns(path: "t.csv", line: 1, count: 4, limit: 3)) {
            try Array("a,b,c,d\n".utf8).withUnsafeBufferPointer { try t2.feed($0) { _ in } }
        }
    }

    @Test("delimiter detection from the header line", arguments: [
        ("date,org,type\n", UInt8(0x2C)), ("date\torg\ttype\n", 0x09), ("date;org;type\n", 0x3B),
        ("\"a,b\";c;d\n", 0x3B), ("single\n", 0x2C),
    ])
    func delimiter(header: String, expected: UInt8) {
        #expect(Array(header.utf8).withUnsafeBufferPointer { CSVTokenizer.detectDelimiter($0) } == expected)
    }

    /// Every byte value that matters to the word scan: the targets, bytes just below and above the
    /// one-test threshold of each delimiter, digits, letters and the bytes of Chinese text.
    static let scanBytes: [UInt8] = [0x00, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x20, 0x21, 0x22, 0x23, 0x2B, 0x2C, 0x2D,
                                     0x2E, 0x2F, 0x30, 0x3B, 0x3C, 0x41, 0x7C, 0x7F, 0x80, 0xA0, 0xE4, 0xFF]

    @Test("the word scan stops exactly where a byte-by-byte search does, for every delimiter", arguments: [UInt8(0x2C), 0x09, 0x22, 0x3B, 0x7C])
    func scanMatchesByteSearch(delimiter d: UInt8) {
        var rng = TestRNG(state: UInt64(d))
        for round in 0..<4000 {
            // Mostly text without targets, so that scans run over many words before stopping.
            let count = rng.below(40)
            let sparse = round % 2 == 0
            var bytes = [UInt8]()
            for _ in 0..<count {
                let b = rng.pick(Self.scanBytes)
                let isTarget = b == d || b == 0x0A || b == 0x0D
                bytes.append(isTarget && sparse && !rng.chance(10) ? 0xE4 : b)
            }
            bytes.withUnsafeBufferPointer { buf in
                for start in 0...count {
                    var expected = start
                    while expected < count && bytes[expected] != d && bytes[expected] != 0x0A && bytes[expected] != 0x0D { expected += 1 }
                    let end = CSVTokenizer.fieldEnd(buf, from: start, delimiter: d)
                    #expect(end == expected, "delimiter \(d), bytes \(bytes), from \(start)")
                    let s = CSVTokenizer.scan(buf, from: start, delimiter: d)
                    // The scan stops at the first target or in the last seven bytes, never past a target.
                    #expect(s <= expected && (s == expected || s + 8 > count), "scan, delimiter \(d), bytes \(bytes), from \(start)")
                }
            }
        }
    }
}
