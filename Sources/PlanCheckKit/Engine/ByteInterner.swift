/// Maps byte strings to dense integer ids without building a `String` per lookup.
///
/// Open addressing over 64-bit hashes. Each slot holds the full hash and where its entry starts in
/// one contiguous pool, and an entry is its id, its length and its bytes side by side: a lookup
/// touches one slot and one entry, two cache lines where separate hash, offset and byte arrays
/// took four (with 20,000 units that was the single largest cost of reading a province's year).
public struct ByteInterner {
    /// One slot of the open-addressing table: the key's hash and its entry's offset in `pool`,
    /// -1 when empty.
    struct Slot {
        var hash: UInt64 = 0
        var entry: Int = -1
    }

    /// Entries: `id` (UInt32), length (UInt32), then the bytes.
    var pool: [UInt8] = []
    var slots: [Slot]
    var mask: Int
    /// Number of distinct strings.
    public private(set) var count = 0
    /// The interned strings, by id (empty when created with `keepStrings: false`).
    public private(set) var strings: [String] = []
    let keepStrings: Bool
    static let header = 8

    /// Creates an empty interner; `keepStrings: false` keeps bytes and ids only (no `String`
    /// per entry), for tables only ever asked for ids.
    public init(capacity: Int = 1024, keepStrings: Bool = true) {
        self.keepStrings = keepStrings
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = [Slot](repeating: Slot(), count: n)
        mask = n - 1
    }

    /// A 64-bit hash taking eight bytes at a time (the table index uses the low bits).
    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: b.count)
        guard let p = b.baseAddress else { return h }
        let n = b.count
        var i = 0
        // Wrapping index arithmetic throughout: a buffer's count is far from overflowing, and the
        // checked forms cost a third of each word's instructions.
        while i &+ 8 <= n {
            h = (h ^ UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h &>> 32
            i &+= 8
        }
        if i < n {
            h = (h ^ ByteInterner.tail(p, i, n)) &* 0x9E37_79B9_7F4A_7C15
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    /// The last `n - i` (1–7) bytes of `p[0..<n]` as one word: from a load of the last eight bytes
    /// when there are eight (the bytes already hashed shifted out), else byte by byte.
    @inline(__always)
    static func tail(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> UInt64 {
        if n >= 8 { return UnsafeRawPointer(p + (n &- 8)).loadUnaligned(as: UInt64.self) &>> UInt64(truncatingIfNeeded: (8 &- (n &- i)) &* 8) }
        var w: UInt64 = 0, k: UInt64 = 0, j = i
        while j < n { w |= UInt64(p[j]) &<< k; j &+= 1; k &+= 8 }
        return w
    }

    /// The id of `b`, or nil if it was never interned.
    @inline(__always)
    public func lookup(_ b: UnsafeBufferPointer<UInt8>) -> Int? { lookup(b, hash: ByteInterner.hash(b)) }

    /// ``lookup(_:)`` with `b`'s ``hash(_:)`` already computed.
    @inline(__always)
    func lookup(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? { probe(b, hash: h).id }

    /// Where `b` is: its id, or nil and the empty slot where it would go.
    @inline(__always)
    func probe(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (id: Int?, slot: Int) {
        slots.withUnsafeBufferPointer { t in
            pool.withUnsafeBufferPointer { p in
                var i = Int(truncatingIfNeeded: h) & mask
                while true {
                    let s = t[i]
                    if s.entry < 0 { return (nil, i) }
                    if s.hash == h, let id = ByteInterner.match(p, s.entry, b) { return (id, i) }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// The id of the entry at `e` when its bytes are `b`'s.
    @inline(__always)
    static func match(_ p: UnsafeBufferPointer<UInt8>, _ e: Int, _ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let base = UnsafeRawPointer(p.baseAddress!) + e
        let n = Int(base.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        if n != b.count { return nil }
        if n > 0 && !same(base.assumingMemoryBound(to: UInt8.self) + header, b.baseAddress!, n) { return nil }
        return Int(base.loadUnaligned(as: UInt32.self))
    }

    /// Loads the slot and the entry that a lookup of each of `count` hashes reads first, in two
    /// passes of independent loads, so that the processor overlaps their cache misses; the lookups
    /// that follow then find them in cache. Returns a value made of the loads only so that they
    /// are not optimised away.
    func warm(count: Int, _ hash: (Int) -> UInt64) -> UInt64 {
        slots.withUnsafeBufferPointer { t in
            pool.withUnsafeBufferPointer { p in
                var acc: UInt64 = 0
                for k in 0..<count { acc &+= t[Int(truncatingIfNeeded: hash(k)) & mask].hash }
                for k in 0..<count {
                    let e = t[Int(truncatingIfNeeded: hash(k)) & mask].entry
                    if e >= 0 { acc &+= UInt64(p[e]) }
                }
                return acc
            }
        }
    }

    /// Byte equality, eight bytes at a time (keys are short: a call to memcmp costs more); the
    /// last one to seven bytes of a key of eight or more are compared as the key's last eight
    /// bytes (a unit name such as 第01231社区党支部 is 23 bytes: one load instead of seven bytes).
    @inline(__always)
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i &+ 8 <= n {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
            i &+= 8
        }
        if i < n && n >= 8 {
            return UnsafeRawPointer(a + (n &- 8)).loadUnaligned(as: UInt64.self) == UnsafeRawPointer(b + (n &- 8)).loadUnaligned(as: UInt64.self)
        }
        while i < n {
            if a[i] != b[i] { return false }
            i &+= 1
        }
        return true
    }

    /// The id of `b`, interning it if new; `isNew` tells which.
    @inline(__always)
    public mutating func intern(_ b: UnsafeBufferPointer<UInt8>) -> (id: Int, isNew: Bool) {
        intern(b, hash: ByteInterner.hash(b))
    }

    /// ``intern(_:)`` with `b`'s ``hash(_:)`` already computed; `string`, when given, is `b` as a
    /// `String` (kept as it is instead of decoded again).
    @inline(__always)
    mutating func intern(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt64, string: String? = nil) -> (id: Int, isNew: Bool) {
        let (found, i) = probe(b, hash: h)
        if let id = found { return (id, false) }
        let id = count
        let e = pool.count
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: id).littleEndian) { pool.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: b.count).littleEndian) { pool.append(contentsOf: $0) }
        pool.append(contentsOf: b)
        count += 1
        if keepStrings { strings.append(string ?? String(decoding: b, as: UTF8.self)) }
        slots[i] = Slot(hash: h, entry: e)
        if count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// Interns a `String`.
    @discardableResult
    public mutating func intern(_ s: String) -> Int {
        var u = s
        return u.withUTF8 { intern($0, hash: ByteInterner.hash($0), string: s).id }
    }

    /// The id of a `String`, if interned.
    public func lookup(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { lookup($0) }
    }

    mutating func grow() {
        let n = slots.count * 2
        var t = [Slot](repeating: Slot(), count: n)
        mask = n - 1
        for s in slots where s.entry >= 0 {
            var i = Int(truncatingIfNeeded: s.hash) & mask
            while t[i].entry >= 0 { i = (i + 1) & mask }
            t[i] = s
        }
        slots = t
    }
}

#if canImport(Glibc)
import Glibc
#endif
