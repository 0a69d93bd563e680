#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Exact duplicate detection for input in any order, in bounded memory.
///
/// Semantics: a record is a duplicate when an earlier record has the same day and fingerprint
/// (a 64-bit hash of org, type and title, ``RecordKeys/fingerprint(org:type:title:)``); exact up
/// to 64-bit hash collisions, at any size and in any order.
///
/// Up to `maxKeys` fingerprints are held in one open-addressing table (12 bytes a slot). When it
/// is full, the days least recently seen — in date order the days already passed, in reverse
/// order the later ones — are moved out, half of the keys at a time: their fingerprints are
/// written to temporary files ("markers"), and from then on a record of such a day is not looked
/// up but written after them ("deferred"). The files are partitioned by hash (``partitionCount``),
/// so that at the end each partition is read back on its own, in the order it was written, with a
/// table the size of that partition: a deferred record is a duplicate when an entry of its
/// partition before it has the same day and fingerprint. Input in date order defers nothing, so
/// nothing is read back. The files are unlinked as soon as they are created, so they vanish when
/// they are closed or the process ends, whatever happens.
///
/// If a temporary file cannot be written, the records that could not be compared are counted in
/// ``unchecked`` and the check report says so (``QualityChecker``).
final class DuplicateTable {
    enum Outcome { case new, duplicate, deferred }

    /// A record whose check waits for the temporary files; `org` ≥ 0 (−1 marks a marker on disk).
    struct Deferred {
        var fingerprint: UInt64
        var day: Int32
        var org: Int32
        var seq: Int
        var ref: EvidenceRef
    }

    /// Most fingerprints held in memory.
    let maxKeys: Int
    /// Slots: a power of two with room for `maxKeys` at three quarters full.
    let slotCount: Int
    let mask: Int
    /// Fingerprint (0: empty slot; a fingerprint 0 is stored as 1) and day of each slot.
    let fps: UnsafeMutablePointer<UInt64>
    let slotDays: UnsafeMutablePointer<Int32>
    /// Keys held.
    private(set) var count = 0

    /// Per day seen (by ``dayIndex(_:)``): keys held, when last used, whether moved to disk.
    var dayValue: [Int32] = []
    var dayKeys: [Int] = []
    var dayLast: [Int] = []
    var daySpilled: [Bool] = []
    /// Days near the first one map through `dense` (−1: not yet seen), others through `sparse`.
    static let denseSize = 1 << 14
    var denseBase = Int.min
    let dense: UnsafeMutablePointer<Int32>
    var sparse: [Int32: Int32] = [:]
    var tick = 0

    /// Temporary files, one per hash partition, opened when first written.
    static let partitionCount = 256
    var files: [SpillFile?]
    /// Where the files go.
    let directory: String
    /// Records deferred so far, and those whose check could not be completed.
    private(set) var deferredCount = 0
    private(set) var unchecked = 0
    /// The first error writing or reading a temporary file.
    private(set) var spillError: String?
    /// Times keys were moved out to disk (for tests).
    private(set) var evictions = 0

    /// `directory`: where temporary files go (default `TMPDIR`, else /tmp).
    init(maxKeys: Int, directory: String? = nil) {
        self.maxKeys = max(1, maxKeys)
        var n = 8
        while n * 3 < self.maxKeys * 4 { n *= 2 }
        slotCount = n
        mask = n - 1
        fps = .allocate(capacity: n)
        fps.initialize(repeating: 0, count: n)
        slotDays = .allocate(capacity: n)
        slotDays.initialize(repeating: 0, count: n)
        dense = .allocate(capacity: DuplicateTable.denseSize)
        dense.initialize(repeating: -1, count: DuplicateTable.denseSize)
        files = [SpillFile?](repeating: nil, count: DuplicateTable.partitionCount)
        let env = ProcessInfo.processInfo.environment["TMPDIR"] ?? ""
        self.directory = directory ?? (env.isEmpty ? "/tmp" : env)
    }

    deinit {
        fps.deallocate(); slotDays.deallocate(); dense.deallocate()
        for f in files { f?.close() }
    }

    @inline(__always)
    static func seed(_ x: UInt64) -> UInt64 { (x ^ 0x243F_6A88_85A3_08D3) &* 0x9E37_79B9_7F4A_7C15 }

    /// Mixes a byte string (and its length, so field boundaries count) into `h`, a word at a time.
    @inline(__always)
    static func mix(_ h0: UInt64, _ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = h0 ^ UInt64(truncatingIfNeeded: b.count) &* 0xFF51_AFD7_ED55_8CCD
        guard let p = b.baseAddress else { return finalize(h) }
        let n = b.count
        var i = 0
        while i &+ 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            h ^= h &>> 29
            i &+= 8
        }
        if i < n {
            h = (h ^ ByteInterner.tail(p, i, n)) &* 0xC2B2_AE3D_27D4_EB4F
            h ^= h &>> 31
        }
        return finalize(h)
    }

    @inline(__always)
    static func finalize(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// The 64-bit key of a day and fingerprint: low 8 bits pick the partition, bits from 20 up the slot.
    @inline(__always)
    static func hash(_ f: UInt64, _ day: Int32) -> UInt64 {
        f ^ (UInt64(UInt32(bitPattern: day)) &* 0x9E37_79B9_7F4A_7C15)
    }

    @inline(__always)
    func firstSlot(_ f: UInt64, _ day: Int32) -> Int { Int(truncatingIfNeeded: DuplicateTable.hash(f, day) >> 20) & mask }

    /// The index of `day` in the per-day arrays, registering it if new.
    @inline(__always)
    func dayIndex(_ day: Int32) -> Int {
        if denseBase == Int.min { denseBase = Int(day) - DuplicateTable.denseSize / 2 }
        let o = Int(day) &- denseBase
        if o >= 0 && o < DuplicateTable.denseSize {
            let v = dense[o]
            if v >= 0 { return Int(v) }
            let i = newDay(day)
            dense[o] = Int32(i)
            return i
        }
        if let v = sparse[day] { return Int(v) }
        let i = newDay(day)
        sparse[day] = Int32(i)
        return i
    }

    func newDay(_ day: Int32) -> Int {
        dayValue.append(day); dayKeys.append(0); dayLast.append(0); daySpilled.append(false)
        return dayValue.count - 1
    }

    /// Loads the slot each check's fingerprint probes first and returns their sum, so that the
    /// processor overlaps those cache misses (see ``QualityChecker/checkDuplicates()``).
    func warm(_ checks: UnsafeBufferPointer<QualityChecker.PendingCheck>) -> UInt64 {
        var sink: UInt64 = 0
        for x in checks {
            let f = x.fingerprint == 0 ? 1 : x.fingerprint
            sink &+= fps[firstSlot(f, x.day)]
        }
        return sink
    }

    /// Checks one record: `.duplicate` or `.new` when decided now, `.deferred` when decided by
    /// ``finish(_:)`` (which then reports it if it is a duplicate).
    @inline(__always)
    func insert(day: Int32, fingerprint: UInt64, org: Int32 = 0, seq: Int = 0, ref: EvidenceRef = .empty) -> Outcome {
        let f = fingerprint == 0 ? 1 : fingerprint
        let d = dayIndex(day)
        if daySpilled[d] { return spill(Deferred(fingerprint: f, day: day, org: org, seq: seq, ref: ref)) }
        tick &+= 1
        dayLast[d] = tick
        var i = firstSlot(f, day)
        while true {
            let x = fps[i]
            if x == 0 { break }
            if x == f && slotDays[i] == day { return .duplicate }
            i = (i &+ 1) & mask
        }
        if count >= maxKeys {
            evict()
            if daySpilled[d] { return spill(Deferred(fingerprint: f, day: day, org: org, seq: seq, ref: ref)) }
            i = firstSlot(f, day)
            while fps[i] != 0 { i = (i &+ 1) & mask }
        }
        fps[i] = f
        slotDays[i] = day
        count += 1
        dayKeys[d] += 1
        return .new
    }

    /// Moves the least recently used days' keys to disk until at least half the keys are gone.
    func evict() {
        evictions += 1
        let held = dayKeys.indices.filter { dayKeys[$0] > 0 }.sorted { dayLast[$0] < dayLast[$1] }
        var moved = 0
        for d in held {
            daySpilled[d] = true
            moved += dayKeys[d]
            dayKeys[d] = 0
            if moved * 2 >= count { break }
        }
        // Markers out, the rest back in place.
        var keep = RawList<(UInt64, Int32)>()
        defer { keep.deallocate() }
        for i in 0..<slotCount where fps[i] != 0 {
            let f = fps[i], day = slotDays[i]
            if daySpilled[dayIndex(day)] {
                write(Deferred(fingerprint: f, day: day, org: -1, seq: 0, ref: .empty))
            } else {
                keep.append((f, day))
            }
        }
        fps.update(repeating: 0, count: slotCount)
        for (f, day) in keep.buffer {
            var i = firstSlot(f, day)
            while fps[i] != 0 { i = (i &+ 1) & mask }
            fps[i] = f
            slotDays[i] = day
        }
        count = keep.count
    }

    @inline(__always)
    func spill(_ x: Deferred) -> Outcome {
        deferredCount += 1
        write(x)
        return .deferred
    }

    /// Appends a marker (`org` −1) or a deferred record to its partition's file.
    @inline(__always)
    func write(_ x: Deferred) {
        if spillError != nil { if x.org >= 0 { unchecked += 1 }; return }
        let p = Int(truncatingIfNeeded: DuplicateTable.hash(x.fingerprint, x.day)) & (DuplicateTable.partitionCount - 1)
        if files[p] == nil {
            do { files[p] = try SpillFile(directory: directory) } catch {
                fail("\(error)"); if x.org >= 0 { unchecked += 1 }; return
            }
        }
        if !files[p]!.append(x) { fail(files[p]!.error ?? "write error"); if x.org >= 0 { unchecked += 1 } }
    }

    func fail(_ message: String) {
        if spillError == nil { spillError = message }
    }

    /// Decides the deferred records: calls `duplicate` for each that is a duplicate, partition by
    /// partition (not in input order). Frees the memory table first, and closes the files.
    func finish(_ duplicate: (Deferred) -> Void) {
        defer { for i in files.indices { files[i]?.close(); files[i] = nil } }
        guard deferredCount > 0 else { return }
        if spillError != nil {
            unchecked = deferredCount
            return
        }
        var set = SpillSet()
        defer { set.deallocate() }
        for p in files.indices {
            guard let file = files[p], file.deferred > 0 else { continue }
            set.reset(capacityFor: file.entries)
            let ok = file.readAll { x in
                let present = !set.insert(x.fingerprint, x.day)
                if x.org >= 0 && present { duplicate(x) }
            }
            if !ok {
                fail(file.error ?? "read error")
                unchecked = deferredCount
                return
            }
        }
    }
}

/// The table ``DuplicateTable/finish(_:)`` reads one partition into.
struct SpillSet {
    var fps = UnsafeMutablePointer<UInt64>.allocate(capacity: 0)
    var days = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
    var capacity = 0
    var mask = 0

    mutating func reset(capacityFor n: Int) {
        var c = 16
        while c < n * 2 { c *= 2 }
        if c > capacity {
            deallocate()
            fps = .allocate(capacity: c); days = .allocate(capacity: c)
            capacity = c
        }
        mask = c - 1
        fps.initialize(repeating: 0, count: c)
    }

    /// Inserts; false when it was present.
    @inline(__always)
    mutating func insert(_ f: UInt64, _ day: Int32) -> Bool {
        var i = Int(truncatingIfNeeded: DuplicateTable.hash(f, day) >> 20) & mask
        while true {
            let x = fps[i]
            if x == 0 { break }
            if x == f && days[i] == day { return false }
            i = (i &+ 1) & mask
        }
        fps[i] = f
        days[i] = day
        return true
    }

    func deallocate() { fps.deallocate(); days.deallocate() }
}

/// An unlinked temporary file written through a buffer: markers take 16 bytes, deferred records 32
/// (their evidence cites file and line, without an id, as the quality checker's does).
final class SpillFile {
    let fd: Int32
    var buffer: UnsafeMutableRawPointer
    var used = 0
    static let bufferSize = 16 << 10
    /// Entries written, and how many of them are deferred records.
    private(set) var entries = 0
    private(set) var deferred = 0
    private(set) var error: String?

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(directory: String) throws {
        var template = Array((directory + "/plancheck-dup-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure(description: "\(directory): \(String(cString: strerror(errno)))") }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        unlink(path)
        self.fd = fd
        buffer = .allocate(byteCount: SpillFile.bufferSize, alignment: 16)
    }

    deinit { close(); buffer.deallocate() }

    private var closed = false
    func close() {
        if !closed { closed = true; _ = Glibc.close(fd) }
    }

    /// Appends an entry; false on a write error.
    @inline(__always)
    func append(_ x: DuplicateTable.Deferred) -> Bool {
        if used + 32 > SpillFile.bufferSize && !flush() { return false }
        let b = buffer + used
        b.storeBytes(of: x.fingerprint, as: UInt64.self)
        b.storeBytes(of: x.day, toByteOffset: 8, as: Int32.self)
        b.storeBytes(of: x.org, toByteOffset: 12, as: Int32.self)
        used += 16
        entries += 1
        if x.org >= 0 {
            b.storeBytes(of: x.seq, toByteOffset: 16, as: Int.self)
            b.storeBytes(of: x.ref.file, toByteOffset: 24, as: Int32.self)
            b.storeBytes(of: x.ref.line, toByteOffset: 28, as: Int32.self)
            used += 16
            deferred += 1
        }
        return true
    }

    func flush() -> Bool {
        var off = 0
        while off < used {
            let n = Glibc.write(fd, buffer + off, used - off)
            if n < 0 {
                if errno == EINTR { continue }
                error = String(cString: strerror(errno)); return false
            }
            off += n
        }
        used = 0
        return true
    }

    /// Reads every entry back in order; false on an error.
    func readAll(_ body: (DuplicateTable.Deferred) -> Void) -> Bool {
        guard error == nil, flush(), lseek(fd, 0, SEEK_SET) == 0 else {
            if error == nil { error = String(cString: strerror(errno)) }
            return false
        }
        let size = 1 << 20
        let chunk = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { chunk.deallocate() }
        var have = 0
        while true {
            let n = Glibc.read(fd, chunk + have, size - have)
            if n < 0 {
                if errno == EINTR { continue }
                error = String(cString: strerror(errno)); return false
            }
            have += n
            var at = 0
            while at + 16 <= have {
                let b = chunk + at
                let org = b.loadUnaligned(fromByteOffset: 12, as: Int32.self)
                let size = org >= 0 ? 32 : 16
                if at + size > have { break }
                var x = DuplicateTable.Deferred(fingerprint: b.loadUnaligned(as: UInt64.self),
                                                day: b.loadUnaligned(fromByteOffset: 8, as: Int32.self), org: org, seq: 0, ref: .empty)
                if org >= 0 {
                    x.seq = b.loadUnaligned(fromByteOffset: 16, as: Int.self)
                    x.ref.file = b.loadUnaligned(fromByteOffset: 24, as: Int32.self)
                    x.ref.line = b.loadUnaligned(fromByteOffset: 28, as: Int32.self)
                }
                body(x)
                at += size
            }
            if n == 0 { return at == have }
            (chunk).copyMemory(from: chunk + at, byteCount: have - at)
            have -= at
        }
    }
}

/// The duplicates found, per unit: how many, the first record's place in the input, and the
/// `cap` records cited — the smallest by day, fingerprint and place, so that the same records
/// are cited whatever the input order (all the cited records' date, unit, type and title are the
/// same for any order; only which of several identical rows is cited may differ).
struct DuplicateLog {
    struct Cited {
        var day: Int32
        var fingerprint: UInt64
        var seq: Int
        var ref: EvidenceRef
        func precedes(_ o: Cited) -> Bool {
            (day, fingerprint, seq) < (o.day, o.fingerprint, o.seq)
        }
    }
    let cap: Int
    var entryOf: [Int32: Int32] = [:]
    var orgs: [Int32] = []
    var counts: [Int] = []
    var first: [Int] = []
    var cited: [Cited] = []

    init(cap: Int) { self.cap = max(cap, 1) }

    mutating func add(org: Int32, day: Int32, fingerprint: UInt64, seq: Int, ref: EvidenceRef) {
        let e: Int
        if let x = entryOf[org] { e = Int(x) } else {
            e = orgs.count
            entryOf[org] = Int32(e)
            orgs.append(org); counts.append(0); first.append(seq)
            cited.append(contentsOf: repeatElement(Cited(day: 0, fingerprint: 0, seq: 0, ref: .empty), count: cap))
        }
        let n = counts[e]
        counts[e] = n + 1
        if seq < first[e] { first[e] = seq }
        DuplicateLog.keep(Cited(day: day, fingerprint: fingerprint, seq: seq, ref: ref), in: &cited, at: e * cap, filled: min(n, cap), cap: cap)
    }

    /// Inserts `c` into the sorted run `list[at ..< at + filled]` of at most `cap`, dropping the largest.
    static func keep(_ c: Cited, in list: inout [Cited], at: Int, filled: Int, cap: Int) {
        if filled == cap && !c.precedes(list[at + cap - 1]) { return }
        var j = min(filled, cap - 1)
        while j > 0 && c.precedes(list[at + j - 1]) { list[at + j] = list[at + j - 1]; j -= 1 }
        list[at + j] = c
    }

    /// Per unit (−1: the units past `maxUnits`, by first duplicate, grouped): count, first place,
    /// cited records, in the order of their first duplicate.
    func summaries(maxUnits: Int) -> [(org: Int, count: Int, first: Int, refs: [EvidenceRef])] {
        let order = orgs.indices.sorted { first[$0] < first[$1] }
        var out: [(org: Int, count: Int, first: Int, refs: [EvidenceRef])] = []
        for e in order.prefix(maxUnits) {
            out.append((Int(orgs[e]), counts[e], first[e], cited[e * cap ..< e * cap + min(counts[e], cap)].map(\.ref)))
        }
        if order.count > maxUnits {
            let rest = order.dropFirst(maxUnits)
            var merged: [Cited] = []
            for e in rest { merged += cited[e * cap ..< e * cap + min(counts[e], cap)] }
            merged.sort { $0.precedes($1) }
            out.append((-1, rest.reduce(0) { $0 + counts[$1] }, rest.map { first[$0] }.min()!, merged.prefix(cap).map(\.ref)))
        }
        return out
    }
}
