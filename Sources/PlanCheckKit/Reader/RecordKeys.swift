/// Keys a worker thread of the parallel reader computes for each record, so that the one thread
/// that consumes the records in order does less: the record's org and type interned in the
/// worker's own tables, and the duplicate fingerprint of its org, type and title.
///
/// Local ids mean nothing outside their worker's tables; ``KeyTranslation`` turns them into ids
/// of the consumer's interner, interning each distinct string there once, when the consumer
/// first meets it, so global ids come out in the same order as without workers.
struct RecordKeys {
    /// Which worker's tables `org` and `type` index; -1 when no keys were computed.
    var table: Int32 = -1
    /// The org's id in the worker's table, -1 when the table was full or the org is known.
    var org: Int32 = -1
    /// The org's id in the reader's table of known orgs (the roster's units, whose ids the
    /// consumer's own tables start with), -1 when it is not there; then `org` holds the local id.
    var known: Int32 = -1
    /// The type's id in the worker's table, -1 when the table was full.
    var type: Int32 = -1
    /// ``fingerprint(org:type:title:)`` of the record (valid when `table` ≥ 0).
    var fingerprint: UInt64 = 0

    /// No keys: the consumer works them out itself.
    static let none = RecordKeys()

    /// The duplicate fingerprint: a 64-bit hash of org, type and title (each with its length;
    /// org and type through ``ByteInterner/hash(_:)``, which the intern tables compute anyway).
    @inline(__always)
    static func fingerprint(org: UnsafeBufferPointer<UInt8>, type: UnsafeBufferPointer<UInt8>,
                            title: UnsafeBufferPointer<UInt8>) -> UInt64 {
        fingerprint(orgHash: ByteInterner.hash(org), typeHash: ByteInterner.hash(type), title: title)
    }

    @inline(__always)
    static func fingerprint(orgHash: UInt64, typeHash: UInt64, title: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let h = DuplicateTable.seed(orgHash) ^ (typeHash &* 0xC2B2_AE3D_27D4_EB4F)
        return DuplicateTable.mix(h, title)
    }
}

/// One worker's intern tables, kept across chunks and inputs. Bounded: past ``limit`` strings a
/// table stops growing and the consumer interns the rest itself.
///
/// An org found in the shared, read-only table of known orgs (the roster's units) takes its id
/// from there and is not interned locally: every thread then looks orgs up in one table instead
/// of each filling its own copy of the roster (with 20,000 units, each about 1.7 MB, more than a
/// core's L2 cache), and the consumer uses the id as it is instead of translating it.
final class LocalKeyTables {
    var orgs = ByteInterner(capacity: 1024, keepStrings: false)
    var types = ByteInterner(capacity: 64, keepStrings: false)
    let known: ByteInterner?
    let index: Int32
    static let limit = 1 << 16

    init(index: Int, known: ByteInterner? = nil) {
        self.index = Int32(index)
        self.known = known.flatMap { $0.count > 0 ? $0 : nil }
    }

    @inline(__always)
    static func local(_ t: inout ByteInterner, _ b: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> Int32 {
        if t.count < limit { return Int32(truncatingIfNeeded: t.intern(b, hash: h).id) }
        return t.lookup(b, hash: h).map { Int32(truncatingIfNeeded: $0) } ?? -1
    }

    /// An org not interned yet: its trimmed bytes (in the chunk's buffer) and their hash.
    struct PendingKey {
        var bytes: UnsafeBufferPointer<UInt8>
        var hash: UInt64
    }

    /// The keys of a record whose org, type and title (trimmed) are given, with the org left for
    /// ``internOrgs(_:into:)``: appended to `pending`, its id -1 until then.
    @inline(__always)
    func keys(org: UnsafeBufferPointer<UInt8>, type: UnsafeBufferPointer<UInt8>, title: UnsafeBufferPointer<UInt8>,
              pending: inout RawList<PendingKey>) -> RecordKeys {
        let ho = ByteInterner.hash(org), ht = ByteInterner.hash(type)
        pending.append(PendingKey(bytes: org, hash: ho))
        return RecordKeys(table: index, org: -1, type: LocalKeyTables.local(&types, type, ht),
                          fingerprint: RecordKeys.fingerprint(orgHash: ho, typeHash: ht, title: title))
    }

    /// Interns a region's orgs, `pending[i]` into `entries[i].keys.org`, in order (ids come out
    /// as one by one). With tens of thousands of units each lookup misses the cache twice (slot,
    /// then entry); looked up one at a time those misses were half a worker's time. Here the
    /// slots and entries of the whole region are loaded first, in passes whose loads do not
    /// depend on each other, so the processor overlaps the misses, and the lookups then hit.
    func internOrgs(_ p: UnsafeBufferPointer<PendingKey>, into entries: UnsafeMutableBufferPointer<ChunkWork.Entry>) {
        // Known orgs take their table's id; the others (all of them without a table) are
        // interned locally.
        unknown.removeAll(keepingCapacity: true)
        if let known {
            warmSink &+= known.warm(count: p.count) { p[$0].hash }
            for i in p.indices {
                if let id = known.lookup(p[i].bytes, hash: p[i].hash) {
                    entries[i].keys.known = Int32(truncatingIfNeeded: id)
                } else {
                    unknown.append(i)
                }
            }
        } else {
            unknown.append(contentsOf: p.indices)
        }
        unknown.withUnsafeBufferPointer { u in
            warmSink &+= orgs.warm(count: u.count) { p[u[$0]].hash }
            for i in u { entries[i].keys.org = LocalKeyTables.local(&orgs, p[i].bytes, p[i].hash) }
        }
    }

    /// Indexes of a region's orgs to intern locally: not among the known ones, or all without a
    /// known table (reused across regions).
    var unknown: [Int] = []

    /// Where the warming loads' values go, so that they are not optimised away.
    var warmSink: UInt64 = 0
}

/// The consumer's map from workers' local ids to the ids of one global interner.
struct KeyTranslation {
    var maps: [[Int32]] = []

    /// The global id of a record's string: from the map when this local id was met before, else
    /// `intern()` (which interns the record's bytes globally) and remembered.
    @inline(__always)
    mutating func global(table: Int32, local: Int32, _ intern: () -> Int) -> Int {
        if table < 0 || local < 0 { return intern() }
        let t = Int(table), l = Int(local)
        if t < maps.count && l < maps[t].count {
            let g = maps[t][l]
            if g >= 0 { return Int(g) }
        }
        let g = intern()
        if maps.count <= t { maps += [[Int32]](repeating: [], count: t + 1 - maps.count) }
        if maps[t].count <= l { maps[t] += [Int32](repeating: -1, count: max(l + 1, 2 * maps[t].count) - maps[t].count) }
        maps[t][l] = Int32(truncatingIfNeeded: g)
        return g
    }
}
