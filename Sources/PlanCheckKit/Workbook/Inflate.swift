/// Why a DEFLATE stream could not be decoded.
public enum InflateError: Error, Equatable, Sendable {
    /// The stream ends before its last block does.
    case truncated
    /// A block header names block type 3 (reserved).
    case badBlockType
    /// A stored block's length and its one's complement disagree.
    case storedLengthMismatch
    /// A dynamic block's code lengths do not make a usable Huffman code.
    case badCodeLengths
    /// A bit pattern that is no code, or a length/distance symbol that does not exist.
    case badSymbol
    /// A match reaches back before the start of the output.
    case distanceTooFar
    /// The output would be larger than the limit the caller set.
    case tooLarge(limit: Int)
    /// The output size differs from the size the container declared.
    case sizeMismatch(expected: Int, actual: Int)
}

extension InflateError: LocalizedMessage {
    /// What is wrong with the compressed data, as the workbook error says it.
    public func message(_ lang: Lang) -> String {
        switch self {
        case .truncated: return Messages.text("workbook.inflateTruncated", lang)
        case .badBlockType, .badCodeLengths, .badSymbol, .storedLengthMismatch: return Messages.text("workbook.inflateBadCode", lang)
        case .distanceTooFar: return Messages.text("workbook.inflateDistance", lang)
        case let .tooLarge(limit): return Messages.text("workbook.inflateTooLarge", lang, limit)
        case let .sizeMismatch(expected, actual): return Messages.text("workbook.inflateSize", lang, expected, actual)
        }
    }
}

/// A DEFLATE (RFC 1951) decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// plancheck has no package dependencies, so workbooks (`.xlsx`, ZIP archives of XML) are
/// decompressed by this code. The output is bounded by `limit`: a stream that would produce more
/// ends with ``InflateError/tooLarge(limit:)`` before the memory is used, so a ZIP bomb cannot
/// exhaust memory. ``stream(_:limit:chunk:)`` hands the output on in pieces and keeps only the last
/// 32 KiB (the DEFLATE window) plus one piece in memory.
public enum Inflate {
    /// Decodes a raw DEFLATE stream (no zlib or gzip header) into one array.
    ///
    /// - Parameters:
    ///   - expectedSize: when given, the output must be exactly this long (else `sizeMismatch`).
    ///   - limit: the most bytes the output may have.
    public static func inflate(_ bytes: [UInt8], expectedSize: Int? = nil, limit: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        if let e = expectedSize { result.reserveCapacity(min(e, limit)) }
        let total = try stream(bytes, limit: limit, flushAt: Int.max) { result.append(contentsOf: $0) }
        if let e = expectedSize, e != total { throw InflateError.sizeMismatch(expected: e, actual: total) }
        return result
    }

    /// Decodes a raw DEFLATE stream, handing the output to `chunk` in pieces of about `flushAt`
    /// bytes; returns the total output size. Memory stays at about `flushAt` + 32 KiB.
    @discardableResult
    public static func stream(_ bytes: [UInt8], limit: Int, flushAt: Int = 1 << 20,
                              chunk: (ArraySlice<UInt8>) throws -> Void) throws -> Int {
        try bytes.withUnsafeBufferPointer { buf in
            var d = Decoder(input: buf, limit: limit, flushAt: flushAt)
            try d.run(chunk)
            return d.flushed + d.out.count
        }
    }

    /// What a stream used (for tests): blocks of each type (stored, fixed, dynamic), the longest
    /// distance and the longest match.
    static func survey(_ bytes: [UInt8]) throws -> (blocks: [Int], maxDistance: Int, maxLength: Int) {
        try bytes.withUnsafeBufferPointer { buf in
            var d = Decoder(input: buf, limit: Int.max, flushAt: 1 << 20)
            try d.run { _ in }
            return (d.blocks, d.maxDistance, d.maxLength)
        }
    }

    // MARK: - Tables (RFC 1951 3.2.5)

    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                     3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                  257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                   7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    static let fixedLiteral: Huffman = {
        var l = [UInt8](repeating: 8, count: 288)
        for i in 144..<256 { l[i] = 9 }
        for i in 256..<280 { l[i] = 7 }
        return try! Huffman(lengths: l)
    }()
    static let fixedDistance: Huffman = try! Huffman(lengths: [UInt8](repeating: 5, count: 30))

    /// A canonical Huffman code: a lookup table indexed by the next `bits` input bits (least
    /// significant first) for codes up to ``rootBits`` long, each entry `symbol << 4 | codeLength`
    /// (0 for none); longer codes are decoded bit by bit from `counts` and `symbols` (as zlib's
    /// `puff` does).
    ///
    /// The table stops at 10 bits so that building it costs at most 1,024 entries: a stream of
    /// thousands of tiny dynamic blocks, each declaring 15-bit codes, made every block fill
    /// 32,768 entries, about 1,000 times more work than its bytes (a 2 MB workbook part took
    /// minutes). Real data rarely has codes past 10 bits.
    struct Huffman {
        static let rootBits = 10
        var table: [UInt32]
        var bits: Int
        /// The longest code.
        var maxLen: Int
        /// Codes of each length (index 1…15).
        var counts: [Int]
        /// Symbols in canonical order (by code length, then symbol).
        var symbols: [Int]

        init(lengths: [UInt8]) throws {
            var count = [Int](repeating: 0, count: 16)
            for l in lengths { count[Int(l)] += 1 }
            count[0] = 0
            var left = 1
            for len in 1...15 {
                left <<= 1
                left -= count[len]
                if left < 0 { throw InflateError.badCodeLengths }   // over-subscribed
            }
            maxLen = max(1, (1...15).last { count[$0] > 0 } ?? 1)
            bits = min(maxLen, Huffman.rootBits)
            counts = count
            var offsets = [Int](repeating: 0, count: 16)
            for len in 1..<15 { offsets[len + 1] = offsets[len] + count[len] }
            symbols = [Int](repeating: 0, count: offsets[15] + count[15])
            table = [UInt32](repeating: 0, count: 1 << bits)
            var next = [Int](repeating: 0, count: 16)
            var code = 0
            for len in 1...15 {
                code = (code + count[len - 1]) << 1
                next[len] = code
            }
            for (sym, l8) in lengths.enumerated() where l8 > 0 {
                let len = Int(l8)
                symbols[offsets[len]] = sym
                offsets[len] += 1
                let c = next[len]
                next[len] += 1
                guard len <= bits else { continue }
                var rev = 0
                for i in 0..<len where c & (1 << i) != 0 { rev |= 1 << (len - 1 - i) }
                let entry = UInt32(sym << 4 | len)
                var i = rev
                while i < table.count { table[i] = entry; i += 1 << len }
            }
        }
    }

    struct Decoder {
        let input: UnsafeBufferPointer<UInt8>
        let limit: Int
        let flushAt: Int
        /// Output size at which a piece is handed on (the piece plus the 32 KiB window).
        let flushThreshold: Int
        var pos = 0
        var bitBuffer: UInt64 = 0
        var bitCount = 0
        var out: [UInt8] = []
        /// Bytes already handed to the caller (no longer in `out`).
        var flushed = 0
        var blocks = [0, 0, 0]
        var maxDistance = 0
        var maxLength = 0

        init(input: UnsafeBufferPointer<UInt8>, limit: Int, flushAt: Int) {
            self.input = input; self.limit = limit; self.flushAt = flushAt
            flushThreshold = flushAt > Int.max - 65_536 ? Int.max : flushAt + 32_768
            out.reserveCapacity(flushAt == Int.max ? 1 << 16 : flushAt + 65_536)
        }

        @inline(__always) mutating func refill() {
            while bitCount <= 56 && pos < input.count {
                bitBuffer |= UInt64(input[pos]) << UInt64(bitCount)
                pos += 1
                bitCount += 8
            }
        }

        @inline(__always) mutating func bits(_ n: Int) throws -> Int {
            if n == 0 { return 0 }
            if bitCount < n { refill(); if bitCount < n { throw InflateError.truncated } }
            let v = Int(bitBuffer & ((1 << UInt64(n)) - 1))
            bitBuffer >>= UInt64(n)
            bitCount -= n
            return v
        }

        @inline(__always) mutating func decode(_ h: Huffman) throws -> Int {
            if bitCount < 15 { refill() }
            let e = h.table[Int(bitBuffer & UInt64((1 << h.bits) - 1))]
            let len = Int(e & 15)
            if len == 0 {
                if h.maxLen > h.bits { return try decodeLong(h) }
                throw bitCount < h.bits ? InflateError.truncated : InflateError.badSymbol
            }
            if len > bitCount { throw InflateError.truncated }
            bitBuffer >>= UInt64(len)
            bitCount -= len
            return Int(e >> 4)
        }

        /// A code longer than the table's bits (or no code), one bit at a time.
        mutating func decodeLong(_ h: Huffman) throws -> Int {
            var code = 0, first = 0, index = 0
            var buffer = bitBuffer
            for len in 1...h.maxLen {
                if len > bitCount { throw InflateError.truncated }
                code |= Int(buffer & 1)
                buffer >>= 1
                let count = h.counts[len]
                if code - first < count {
                    bitBuffer >>= UInt64(len)
                    bitCount -= len
                    return h.symbols[index + code - first]
                }
                index += count
                first = (first + count) << 1
                code <<= 1
            }
            throw InflateError.badSymbol
        }

        mutating func room(_ n: Int) throws {
            if flushed + out.count + n > limit { throw InflateError.tooLarge(limit: limit) }
        }

        mutating func maybeFlush(_ chunk: (ArraySlice<UInt8>) throws -> Void) throws {
            guard out.count >= flushThreshold else { return }
            let keep = 32_768
            let n = out.count - keep
            try chunk(out[0..<n])
            flushed += n
            out.removeFirst(n)
        }

        mutating func run(_ chunk: (ArraySlice<UInt8>) throws -> Void) throws {
            var last = false
            while !last {
                last = try bits(1) == 1
                let type = try bits(2)
                if type < 3 { blocks[type] += 1 }
                switch type {
                case 0: try stored()
                case 1: try huffman(Inflate.fixedLiteral, Inflate.fixedDistance, chunk)
                case 2:
                    let (l, d) = try dynamicTables()
                    try huffman(l, d, chunk)
                default: throw InflateError.badBlockType
                }
                try maybeFlush(chunk)
            }
            if !out.isEmpty { try chunk(out[...]) }
        }

        mutating func stored() throws {
            // Drop to a byte boundary and give whole bytes still buffered back to the input.
            _ = try bits(bitCount & 7)
            pos -= bitCount / 8
            bitBuffer = 0
            bitCount = 0
            guard pos + 4 <= input.count else { throw InflateError.truncated }
            let len = Int(input[pos]) | Int(input[pos + 1]) << 8
            let nlen = Int(input[pos + 2]) | Int(input[pos + 3]) << 8
            pos += 4
            if len != (~nlen & 0xFFFF) { throw InflateError.storedLengthMismatch }
            guard pos + len <= input.count else { throw InflateError.truncated }
            try room(len)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[pos..<(pos + len)]))
            pos += len
        }

        mutating func dynamicTables() throws -> (Huffman, Huffman) {
            let hlit = try bits(5) + 257
            let hdist = try bits(5) + 1
            let hclen = try bits(4) + 4
            if hlit > 286 || hdist > 30 { throw InflateError.badCodeLengths }
            var clLengths = [UInt8](repeating: 0, count: 19)
            for i in 0..<hclen { clLengths[Inflate.codeLengthOrder[i]] = UInt8(try bits(3)) }
            let cl = try Huffman(lengths: clLengths)
            var lengths = [UInt8]()
            lengths.reserveCapacity(hlit + hdist)
            while lengths.count < hlit + hdist {
                let sym = try decode(cl)
                switch sym {
                case 0...15: lengths.append(UInt8(sym))
                case 16:
                    guard let prev = lengths.last else { throw InflateError.badCodeLengths }
                    let n = 3 + (try bits(2))
                    lengths.append(contentsOf: repeatElement(prev, count: n))
                case 17: lengths.append(contentsOf: repeatElement(0, count: 3 + (try bits(3))))
                default: lengths.append(contentsOf: repeatElement(0, count: 11 + (try bits(7))))
                }
            }
            if lengths.count > hlit + hdist { throw InflateError.badCodeLengths }
            if lengths[256] == 0 { throw InflateError.badCodeLengths }   // no end-of-block code
            return (try Huffman(lengths: Array(lengths[0..<hlit])), try Huffman(lengths: Array(lengths[hlit...])))
        }

        mutating func huffman(_ lit: Huffman, _ dist: Huffman, _ chunk: (ArraySlice<UInt8>) throws -> Void) throws {
            while true {
                let sym = try decode(lit)
                if sym < 256 {
                    try room(1)
                    out.append(UInt8(truncatingIfNeeded: sym))
                    continue
                }
                if sym == 256 { return }
                let li = sym - 257
                guard li < 29 else { throw InflateError.badSymbol }
                let length = Inflate.lengthBase[li] + (try bits(Inflate.lengthExtra[li]))
                let ds = try decode(dist)
                guard ds < 30 else { throw InflateError.badSymbol }
                let distance = Inflate.distBase[ds] + (try bits(Inflate.distExtra[ds]))
                if distance > out.count { throw InflateError.distanceTooFar }
                try room(length)
                if distance > maxDistance { maxDistance = distance }
                if length > maxLength { maxLength = length }
                var from = out.count - distance
                for _ in 0..<length { out.append(out[from]); from += 1 }
                if out.count >= flushThreshold { try maybeFlush(chunk) }
            }
        }
    }
}
