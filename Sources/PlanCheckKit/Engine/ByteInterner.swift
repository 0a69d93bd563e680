/// Maps byte strings to dense integer ids without building a `String` per lookup.
///
/// Open addressing over FNV-1a hashes; keys are copied once into one contiguous pool.
public struct ByteInterner {
    var pool: [UInt8] = []
    var offsets: [Int] = [0]
    var hashes: [UInt64] = []
    var table: [Int32]
    var mask: Int
    /// The interned strings, by id (empty when created with `keepStrings: false`).
    public private(set) var strings: [String] = []
    let keepStrings: Bool

    /// Creates an empty interner; `keepStrings: false` keeps bytes and ids only (no `String`
    /// per entry), for tables only ever asked for ids.
    public init(capacity: Int = 1024, keepStrings: Bool = true) {
        self.keepStrings = keepStrings
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        table = [Int32](repeating: -1, count: n)
        mask = n - 1
    }

    /// Number of distinct strings.
    public var count: Int { hashes.count }

    /// A 64-bit hash taking eight bytes at a time (the table index uses the low bits).
    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(b.count)
        guard let p = b.baseAddress else { return h }
        let n = b.count
        var i = 0
        while i + 8 <= n {
            h = (h ^ UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 32
            i += 8
        }
        if i < n {
            var w: UInt64 = 0, k: UInt64 = 0
            while i < n { w |= UInt64(p[i]) << k; i += 1; k += 8 }
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    /// The id of `b`, or nil if it was never interned.
    @inline(__always)
    public func lookup(_ b: UnsafeBufferPointer<UInt8>) -> Int? { lookup(b, hash: ByteInterner.hash(b)) }

    /// ``lookup(_:)`` with `b`'s ``hash(_:)`` already computed.
    @inline(__always)
    func lookup(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? {
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = Int(table[i])
            if id < 0 { return nil }
            if hashes[id] == h && equal(id, b) { return id }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    func equal(_ id: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let lo = offsets[id], hi = offsets[id + 1]
        let n = b.count
        if hi - lo != n { return false }
        if n == 0 { return true }
        return pool.withUnsafeBufferPointer { p in ByteInterner.same(p.baseAddress! + lo, b.baseAddress!, n) }
    }

    /// Byte equality, eight bytes at a time (keys are short: a call to memcmp costs more).
    @inline(__always)
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i + 8 <= n {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// The id of `b`, interning it if new; `isNew` tells which.
    @inline(__always)
    public mutating func intern(_ b: UnsafeBufferPointer<UInt8>) -> (id: Int, isNew: Bool) {
        intern(b, hash: ByteInterner.hash(b))
    }

    /// ``intern(_:)`` with `b`'s ``hash(_:)`` already computed.
    @inline(__always)
    mutating func intern(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (id: Int, isNew: Bool) {
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = Int(table[i])
            if id < 0 { break }
            if hashes[id] == h && equal(id, b) { return (id, false) }
            i = (i + 1) & mask
        }
        let id = hashes.count
        pool.append(contentsOf: b)
        offsets.append(pool.count)
        hashes.append(h)
        if keepStrings { strings.append(String(decoding: b, as: UTF8.self)) }
        table[i] = Int32(id)
        if hashes.count * 2 > table.count { grow() }
        return (id, true)
    }


    /// Interns a `String`.
    @discardableResult
    public mutating func intern(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { intern($0).id }
    }

    /// The id of a `String`, if interned.
    public func lookup(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { lookup($0) }
    }

    mutating func grow() {
        let n = table.count * 2
        table = [Int32](repeating: -1, count: n)
        mask = n - 1
        for id in 0..<hashes.count {
            var i = Int(truncatingIfNeeded: hashes[id]) & mask
            while table[i] >= 0 { i = (i + 1) & mask }
            table[i] = Int32(id)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
