import Foundation
import Testing
@testable import PlanCheckKit

/// The DEFLATE decoder against Python's zlib, hand-made streams for what zlib never writes
/// (distance 32768), and damaged streams.
@Suite("DEFLATE decoder")
struct InflateTests {
    /// Inputs: random bytes (stored blocks win), text (dynamic blocks), long runs (258-byte
    /// matches), a repeated 30 KiB block (long distances), and the real sample CSV.
    static func inputs() -> [(String, [UInt8])] {
        var rng = TestRNG(state: 20)
        let random = (0..<200_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        var text: [UInt8] = []
        let words = ["支部", "党员大会", "主题党日", "三会一课", "2022/3/5", ",", "\r\n", "学习", "12", "廉政"]
        while text.count < 300_000 { text += Array(words[rng.below(words.count)].utf8) }
        let runs = [UInt8](repeating: 0x41, count: 100_000) + [UInt8](repeating: 0, count: 70_000) + Array("end".utf8)
        let block = Array(random[0..<30_000])
        let far = block + Array(text[0..<2_000]) + block + block
        let sample = Peer.read(TestSupport.root + "/SampleData/records/app-export-2022.csv")
        precondition(!sample.isEmpty, "sample CSV missing")
        return [("random", random), ("text", text), ("runs", runs), ("far", far), ("sample", sample), ("empty", [])]
    }

    @Test("decodes what zlib writes at every level and strategy, and every block type occurs")
    func againstZlib() throws {
        guard Peer.hasPython() else { print("skipped: python3 not found"); return }
        let dir = TestSupport.tempDir("inflate")
        var seen = [0, 0, 0], longest = 0, farthest = 0
        for (name, data) in Self.inputs() {
            let src = TestSupport.write(data, name: name, dir: dir)
            try Peer.python("zlib_peer.py", ["deflate", src, src])
            for config in ["stored", "fast", "default", "best", "fixed", "huffman", "rle", "filtered", "window9"] {
                let stream = Peer.read(src + "." + config)
                let out = try Inflate.inflate(stream, expectedSize: data.count, limit: 1 << 24)
                #expect(out == data, "\(name) \(config)")
                let s = try Inflate.survey(stream)
                for i in 0..<3 { seen[i] += s.blocks[i] }
                longest = max(longest, s.maxLength)
                farthest = max(farthest, s.maxDistance)
                // The streaming form gives the same bytes in pieces.
                var pieces: [UInt8] = []
                try Inflate.stream(stream, limit: 1 << 24, flushAt: 4096) { pieces += $0 }
                #expect(pieces == data, "\(name) \(config) streamed")
            }
        }
        #expect(seen.allSatisfy { $0 > 0 }, "block types seen: \(seen)")
        #expect(longest == 258)
        #expect(farthest > 30_000)
    }

    /// A stored block of 32768 random bytes, then a fixed block copying 258 bytes from distance
    /// 32768 (the farthest DEFLATE allows; zlib itself never writes it).
    static func farthestMatch() -> (stream: [UInt8], expected: [UInt8]) {
        var rng = TestRNG(state: 32768)
        let data = (0..<32_768).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        var w = BitWriter()
        w.stored(data, final: false)
        w.bits(1, 1); w.bits(1, 2)                 // final, fixed Huffman
        w.fixedSymbol(285)                         // length 258
        w.code(29, 5); w.bits(32_768 - 24_577, 13) // distance 32768
        w.fixedSymbol(256)
        return (w.bytes, data + data[0..<258])
    }

    @Test("distance 32768 and length 258, checked against zlib too")
    func distance32768() throws {
        let (stream, expected) = Self.farthestMatch()
        #expect(try Inflate.inflate(stream, limit: 1 << 20) == expected)
        #expect(try Inflate.survey(stream).maxDistance == 32_768)
        guard Peer.hasPython() else { print("skipped zlib cross-check: python3 not found"); return }
        let dir = TestSupport.tempDir("far")
        let src = TestSupport.write(stream, name: "far.raw", dir: dir)
        try Peer.python("zlib_peer.py", ["inflate", src, dir + "/far.out"])
        #expect(Peer.read(dir + "/far.out") == expected)
    }

    @Test("damaged streams end with the error that says what is wrong")
    func damaged() throws {
        #expect(throws: InflateError.badBlockType) { try Inflate.inflate([0x07], limit: 100) }
        #expect(throws: InflateError.truncated) { try Inflate.inflate([], limit: 100) }
        #expect(throws: InflateError.storedLengthMismatch) { try Inflate.inflate([0x01, 0x05, 0x00, 0x00, 0x00], limit: 100) }
        var w = BitWriter()
        w.bits(1, 1); w.bits(1, 2); w.fixedSymbol(257); w.code(0, 5); w.fixedSymbol(256)
        #expect(throws: InflateError.distanceTooFar) { try Inflate.inflate(w.bytes, limit: 100) }
        let (stream, expected) = Self.farthestMatch()
        #expect(throws: InflateError.tooLarge(limit: 33_000)) { try Inflate.inflate(stream, limit: 33_000) }
        #expect(throws: InflateError.sizeMismatch(expected: 5, actual: expected.count)) {
            try Inflate.inflate(stream, expectedSize: 5, limit: 1 << 20)
        }
        // Every cut of a valid stream is an error, never a crash or a short result.
        for cut in [0, 1, 2, 3, 4, 5, 100, 32_772, 32_773, stream.count - 1] {
            #expect(throws: InflateError.self) { try Inflate.inflate(Array(stream[0..<cut]), limit: 1 << 20) }
        }
    }

    /// A dynamic block whose literal code has lengths 1, 2, … 15 for symbols 0…14 and 15 for
    /// the end of block, emitting `payload` (symbols 0…14); one distance code.
    static func longCodeBlock(_ w: inout BitWriter, payload: [Int], final: Bool) {
        func canonical(_ lengths: [Int]) -> [Int: (code: Int, len: Int)] {
            var count = [Int](repeating: 0, count: 17)
            for l in lengths where l > 0 { count[l] += 1 }
            var next = [Int](repeating: 0, count: 17), code = 0
            for len in 1...15 { code = (code + count[len - 1]) << 1; next[len] = code }
            var out: [Int: (Int, Int)] = [:]
            for (sym, l) in lengths.enumerated() where l > 0 { out[sym] = (next[l], l); next[l] += 1 }
            return out
        }
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var cl = [Int](repeating: 0, count: 19)
        for sym in 0..<15 { cl[sym] = 4 }
        cl[15] = 5; cl[18] = 5
        let clCodes = canonical(cl)
        var lit = [Int](repeating: 0, count: 257)
        for i in 0..<15 { lit[i] = i + 1 }
        lit[256] = 15
        let litCodes = canonical(lit)
        w.bits(final ? 1 : 0, 1); w.bits(2, 2)
        w.bits(0, 5); w.bits(0, 5); w.bits(15, 4)
        for o in order { w.bits(cl[o], 3) }
        func put(_ sym: Int) { let c = clCodes[sym]!; w.code(c.code, c.len) }
        for i in 0..<15 { put(i + 1) }
        put(18); w.bits(127, 7)          // 138 zeros
        put(18); w.bits(103 - 11, 7)     // 103 zeros: symbols 15…255 have no code
        put(15)                          // end of block: 15 bits
        put(1)                           // the one distance code
        for p in payload { let c = litCodes[p]!; w.code(c.code, c.len) }
        let e = litCodes[256]!; w.code(e.code, e.len)
    }

    @Test("codes up to 15 bits decode through the 10-bit table; a tiny dynamic block builds no 32,768-entry table")
    func longCodes() throws {
        var w = BitWriter()
        let payload = Array(0..<15) + [14, 13, 12, 11, 10, 0, 9]
        Self.longCodeBlock(&w, payload: payload, final: false)
        for _ in 0..<200 { Self.longCodeBlock(&w, payload: [], final: false) }
        Self.longCodeBlock(&w, payload: [14, 0, 14], final: true)
        let out = try Inflate.inflate(w.bytes, limit: 1 << 20)
        #expect(out == (payload + [14, 0, 14]).map(UInt8.init))
        // The table a block builds is bounded by the root bits, whatever lengths it declares
        // (it was 2^15 entries: a stream of such blocks cost ~1,000 times its size in work).
        var lit = [UInt8](repeating: 0, count: 257)
        for i in 0..<15 { lit[i] = UInt8(i + 1) }
        lit[256] = 15
        let h = try Inflate.Huffman(lengths: lit)
        #expect(h.table.count == 1 << Inflate.Huffman.rootBits && h.maxLen == 15)
        // Cut inside a 15-bit code: truncated, not a wrong symbol.
        var c = BitWriter()
        Self.longCodeBlock(&c, payload: [14, 14, 14], final: true)
        for cut in 1..<c.bytes.count {
            #expect(throws: InflateError.self) { try Inflate.inflate(Array(c.bytes[0..<cut]), limit: 1 << 20) }
        }
        if Peer.hasPython() {
            let path = TestSupport.write(w.bytes, name: "long.deflate")
            let r = try Peer.run("/usr/bin/env", ["python3", "-c", "import sys,zlib; print(list(zlib.decompress(open(sys.argv[1],'rb').read(), -15)))", path])
            #expect(r.output.trimmingCharacters(in: .whitespacesAndNewlines) == "\((payload + [14, 0, 14]))", "zlib: \(r.output)")
        }
    }

    @Test("random damage never crashes")
    func mutations() throws {
        guard Peer.hasPython() else { print("skipped: python3 not found"); return }
        let dir = TestSupport.tempDir("mut")
        let src = TestSupport.write(Array(Self.inputs()[1].1[0..<20_000]), name: "t", dir: dir)
        try Peer.python("zlib_peer.py", ["deflate", src, src])
        let stream = Peer.read(src + ".default")
        var rng = TestRNG(state: 7)
        for _ in 0..<300 {
            var s = stream
            for _ in 0..<(1 + rng.below(4)) { s[rng.below(s.count)] ^= UInt8(1 << rng.below(8)) }
            _ = try? Inflate.inflate(s, limit: 1 << 20)
        }
    }
}
