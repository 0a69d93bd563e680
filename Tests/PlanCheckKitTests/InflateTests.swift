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
