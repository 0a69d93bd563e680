import Testing
@testable import PlanCheckKit

/// The interner every hot path keys units and types with: ids dense in first-seen order, equal
/// bytes always the same id, different bytes never (even when their hashes collide).
@Suite("Byte interner")
struct ByteInternerTests {
    static func withBytes<R>(_ s: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        s.withUnsafeBufferPointer(body)
    }

    /// Random keys with shared prefixes, empty keys, lengths around the 8-byte steps and many
    /// repeats, from a table far too small at first (so it grows several times), interned as
    /// bytes or as `String`s.
    @Test(arguments: [1, 2, 3, 4])
    func agreesWithADictionary(seed: UInt64) {
        var rng = TestRNG(state: seed)
        var t = ByteInterner(capacity: 1, keepStrings: seed % 2 == 0)
        var model: [[UInt8]: Int] = [:]
        let prefixes: [[UInt8]] = [[], Array("第0".utf8), Array("社区党支部".utf8), [0, 0, 0, 0, 0, 0, 0]]
        for _ in 0..<5_000 {
            var key = rng.pick(prefixes)
            for _ in 0..<rng.below(19) { key.append(UInt8(rng.below(4) + 0x30)) }
            let expected = model[key] ?? model.count
            let isNew = model[key] == nil
            model[key] = expected
            // Half through the `String` form, which keeps the caller's string instead of decoding
            // the bytes again (every key here is valid UTF-8).
            if rng.below(2) == 0 {
                #expect(t.intern(String(decoding: key, as: UTF8.self)) == expected)
                #expect(t.count == model.count)
            } else {
                let got = Self.withBytes(key) { t.intern($0) }
                #expect(got.id == expected && got.isNew == isNew)
            }
        }
        #expect(t.count == model.count)
        for (key, id) in model { #expect(Self.withBytes(key) { t.lookup($0) } == id) }
        #expect(Self.withBytes(Array("不在表中的键".utf8)) { t.lookup($0) } == nil)
        if seed % 2 == 0 {
            #expect(t.strings.count == model.count)
            for (key, id) in model { #expect(Array(t.strings[id].utf8) == key) }
        }
    }

    /// The hash's last partial word, taken from one load of the last eight bytes, is the same as
    /// byte by byte: so hashes and duplicate fingerprints did not change with it.
    @Test func tailWordIsTheLastBytesInOrder() {
        let bytes: [UInt8] = (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 0x80) }
        func reference(_ b: ArraySlice<UInt8>) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(b.count)
            let a = Array(b)
            var i = 0
            while i + 8 <= a.count {
                var w: UInt64 = 0
                for k in 0..<8 { w |= UInt64(a[i + k]) << (8 * UInt64(k)) }
                h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 32
                i += 8
            }
            if i < a.count {
                var w: UInt64 = 0
                for k in i..<a.count { w |= UInt64(a[k]) << (8 * UInt64(k - i)) }
                h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            }
            h ^= h >> 29
            h = h &* 0xBF58_476D_1CE4_E5B9
            return h ^ (h >> 32)
        }
        bytes.withUnsafeBufferPointer { all in
            for start in 0..<8 {
                for n in 0...(bytes.count - start) {
                    let b = UnsafeBufferPointer(rebasing: all[start..<(start + n)])
                    #expect(ByteInterner.hash(b) == reference(bytes[start..<(start + n)]), "start \(start) length \(n)")
                }
            }
        }
    }

    /// Keys whose hashes are all the same still get their own ids: the bytes decide, not the hash.
    @Test func collidingHashesAreTellApart() {
        var t = ByteInterner(capacity: 4, keepStrings: false)
        let keys: [[UInt8]] = (0..<100).map { Array("单位\($0)".utf8) } + [[], Array("单位1".utf8) + [0]]
        for (i, k) in keys.enumerated() {
            #expect(Self.withBytes(k) { t.intern($0, hash: 42) } == (i, true))
        }
        for (i, k) in keys.enumerated() {
            #expect(Self.withBytes(k) { t.intern($0, hash: 42) } == (i, false))
            #expect(Self.withBytes(k) { t.lookup($0, hash: 42) } == i)
        }
        #expect(Self.withBytes(Array("单位100".utf8)) { t.lookup($0, hash: 42) } == nil)
    }

    /// Byte equality at every length and every differing position, the tail included.
    @Test func sameFindsEveryDifference() {
        for n in 0...40 {
            let a = (0..<n).map { UInt8(truncatingIfNeeded: 0x41 + $0) }
            a.withUnsafeBufferPointer { pa in
                let copy = a
                copy.withUnsafeBufferPointer { pb in
                    #expect(ByteInterner.same(pa.baseAddress ?? UnsafePointer(bitPattern: 8)!, pb.baseAddress ?? UnsafePointer(bitPattern: 8)!, n), "\(n)")
                }
                for k in 0..<n {
                    var b = a
                    b[k] ^= 0x20
                    b.withUnsafeBufferPointer { pb in
                        #expect(!ByteInterner.same(pa.baseAddress!, pb.baseAddress!, n), "\(n) at \(k)")
                    }
                }
            }
        }
    }
}
