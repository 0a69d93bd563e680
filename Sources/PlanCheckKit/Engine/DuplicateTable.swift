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
/// Fingerprints are held per day, in one open-addressing set per day (records of a day come in
/// runs in most exports, so the current day's set stays in cache), up to `maxKeys` fingerprints
/// and 1.5 × `maxKeys` slots of 8 bytes in all. When that is full, the day least recently seen —
/// in date order the earliest, in reverse order the latest — moves out: its fingerprints are
/// written to temporary files ("markers"), and from then on a record of that day is not looked up
/// but written after them ("deferred"). The files are partitioned by hash
/// (``partitionCount``), so that at the end each partition is read back on its own, in the order
/// it was written, into a set the size of that partition: a deferred record is a duplicate when
/// an entry of its partition before it has the same day and fingerprint. Input in date order
/// defers nothing, so nothing is read back. The files are unlinked as soon as they are created, so
/// they vanish when closed or when the process ends, whatever happens.
///
/// If a temporary file cannot be written, the records that could not be compared are counted in
/// ``unchecked`` and the check report says so (``QualityChecker``).
final class DuplicateTable {
    enum Outcome { case new, duplicate, deferred }

    /// A record whose check waits for the temporary files (`org` ≥ 0), or a marker (`org` −1).
    struct Deferred {
        var fingerprint: UInt64
        var day: Int32
        var org: Int32
        var seq: Int
        var ref: EvidenceRef
    }

    /// Open addressing over fingerprints of one day; 0 marks an empty slot.
    struct DaySet {
        var slots: [UInt64]
        var count = 0
        /// An empty set of `capacity` slots (a power of two, at least 8; 0 for none yet).
        init(capacity: Int = 8) { slots = [UInt64](repeating: 0, count: capacity) }

        /// Inserts; returns false when the fingerprint was present. `room` false: look up only.
        @inline(__always)
        mutating func insert(_ f: UInt64, room: Bool) -> (present: Bool, stored: Bool) {
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: f >> 20) & mask
            while true {
                let x = slots[i]
                if x == f { return (true, false) }
                if x == 0 { break }
                i = (i + 1) & mask
            }
            guard room else { return (false, false) }
            slots[i] = f
            count += 1
            if count * 4 > slots.count * 3 { grow() }
            return (false, true)
        }

        /// Slots after one more insert (the table doubles at three quarters full).
        var slotsAfterInsert: Int { (count + 1) * 4 > slots.count * 3 ? 2 * slots.count : slots.count }

        mutating func grow() {
            let old = slots
            slots = [UInt64](repeating: 0, count: old.count * 2)
            let mask = slots.count - 1
            for f in old where f != 0 {
                var i = Int(truncatingIfNeeded: f >> 20) & mask
                while slots[i] != 0 { i = (i + 1) & mask }
                slots[i] = f
            }
        }
    }

    /// Most fingerprints held in memory.
    let maxKeys: Int
    /// Most slots (8 bytes each) held over all days: 1.5 × `maxKeys`, at least 1,024. A day's set
    /// doubles at three quarters full, so it holds 1.33 to 2.67 slots per key, by the records per
    /// day; bounding slots too keeps a province's year and a tenth of it at the same memory.
    let maxSlots: Int
    /// Fingerprints and slots held; slots of the parked (not current) days.
    private(set) var held = 0
    private(set) var parkedSlots = 0
    /// The current day's set (taken out of `sets` while current), its day and index.
    private(set) var current = DaySet(capacity: 0)
    var currentDay = Int32.min
    var currentIndex = -1
    /// Slots the last day set parked reached: a new day starts at that size, within the budget
    /// (the days of one export are alike; growing from 8 slots each day rehashed every fingerprint
    /// about twice).
    var lastDaySlots = 8

    /// Per day seen (by ``dayIndex(_:)``): its set while parked, its day, when last current,
    /// whether moved to disk.
    var sets: [DaySet] = []
    var dayValue: [Int32] = []
    var dayLast: [Int] = []
    var daySpilled: [Bool] = []
    /// Days near the first one map through `dense` (−1: not yet seen), others through `sparse`.
    static let denseSize = 1 << 14
    var denseBase = Int.min
    var dense = [Int32](repeating: -1, count: DuplicateTable.denseSize)
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
    /// Days moved out to disk (for tests).
    private(set) var evictions = 0

    /// `directory`: where temporary files go (default `TMPDIR`, else /tmp).
    init(maxKeys: Int, directory: String? = nil) {
        self.maxKeys = max(1, maxKeys)
        maxSlots = max(1024, self.maxKeys + self.maxKeys / 2)
        files = [SpillFile?](repeating: nil, count: DuplicateTable.partitionCount)
        let env = ProcessInfo.processInfo.environment["TMPDIR"] ?? ""
        self.directory = directory ?? (env.isEmpty ? "/tmp" : env)
    }

    deinit {
        for f in files { f?.close() }
    }

    /// Whether a new fingerprint needs room made first.
    @inline(__always)
    var full: Bool { held >= maxKeys || parkedSlots + current.slotsAfterInsert > maxSlots }

    /// The partition of a day and fingerprint.
    @inline(__always)
    static func partition(_ f: UInt64, _ day: Int32) -> Int {
        Int(truncatingIfNeeded: (f ^ (UInt64(UInt32(bitPattern: day)) &* 0x9E37_79B9_7F4A_7C15)) >> 3) & (partitionCount - 1)
    }

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
        sets.append(DaySet(capacity: 0)); dayValue.append(day); dayLast.append(0); daySpilled.append(false)
        return dayValue.count - 1
    }

    /// Loads the slot each check's fingerprint probes first, when its day is the current one, and
    /// returns their sum (see ``QualityChecker/checkDuplicates()``).
    func warm(_ checks: UnsafeBufferPointer<QualityChecker.PendingCheck>) -> UInt64 {
        guard current.slots.count > 0 else { return 0 }
        return current.slots.withUnsafeBufferPointer { s in
            let mask = s.count - 1
            var sink: UInt64 = 0
            for x in checks where x.day == currentDay {
                let f = x.fingerprint == 0 ? 1 : x.fingerprint
                sink &+= s[Int(truncatingIfNeeded: f >> 20) & mask]
            }
            return sink
        }
    }

    /// Checks one record: `.duplicate` or `.new` when decided now, `.deferred` when decided by
    /// ``finish(_:)`` (which then reports it if it is a duplicate).
    @inline(__always)
    func insert(day: Int32, fingerprint: UInt64, org: Int32 = 0, seq: Int = 0, ref: EvidenceRef = .empty) -> Outcome {
        let f = fingerprint == 0 ? 1 : fingerprint
        if day != currentDay || currentIndex < 0 { switchTo(day) }
        if daySpilled[currentIndex] { return spill(Deferred(fingerprint: f, day: day, org: org, seq: seq, ref: ref)) }
        if full {
            // Full: a repeat is still found; a new fingerprint needs room first.
            if current.insert(f, room: false).present { return .duplicate }
            makeRoom()
            if full {
                // The current day alone fills the budget: it moves out too.
                moveOut(currentIndex)
                return spill(Deferred(fingerprint: f, day: day, org: org, seq: seq, ref: ref))
            }
        }
        if current.insert(f, room: true).present { return .duplicate }
        held += 1
        return .new
    }

    /// Parks the current day's set and takes out `day`'s.
    func switchTo(_ day: Int32) {
        if currentIndex >= 0 {
            parkedSlots += current.slots.count
            if current.slots.count > 0 { lastDaySlots = current.slots.count }
            swap(&current, &sets[currentIndex])
        }
        let d = dayIndex(day)
        currentDay = day
        currentIndex = d
        tick += 1
        dayLast[d] = tick
        swap(&current, &sets[d])
        parkedSlots -= current.slots.count
        if current.slots.isEmpty && !daySpilled[d] {
            // A new day starts at the last day's size, with room made first: growing from 8 slots
            // instead rehashed every fingerprint and, at each doubling, held the old slots and the
            // new at once, past the budget.
            let hint = lastDaySlots
            if hint > 8 { makeRoom(need: hint) }
            current = DaySet(capacity: hint > 8 && parkedSlots + hint <= maxSlots ? hint : 8)
        }
    }

    /// Moves parked days out, least recently current first, until there is room (`need` slots for
    /// the current day, or one more key).
    func makeRoom(need: Int? = nil) {
        while need.map({ parkedSlots + $0 > maxSlots }) ?? full {
            var victim = -1, oldest = Int.max
            for d in sets.indices where d != currentIndex && !sets[d].slots.isEmpty && dayLast[d] < oldest {
                victim = d; oldest = dayLast[d]
            }
            if victim < 0 { return }
            moveOut(victim)
        }
    }

    /// Writes day `d`'s fingerprints to the files as markers and frees its set; its later records
    /// are deferred.
    func moveOut(_ d: Int) {
        evictions += 1
        let day = dayValue[d]
        let set: DaySet
        if d == currentIndex { set = current; current = DaySet(capacity: 0) } else {
            set = sets[d]; sets[d] = DaySet(capacity: 0); parkedSlots -= set.slots.count
        }
        held -= set.count
        daySpilled[d] = true
        for f in set.slots where f != 0 { write(Deferred(fingerprint: f, day: day, org: -1, seq: 0, ref: .empty)) }
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
        let p = DuplicateTable.partition(x.fingerprint, x.day)
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
    /// partition (not in input order). Frees the in-memory sets first, and closes the files.
    func finish(_ duplicate: (Deferred) -> Void) {
        defer { for i in files.indices { files[i]?.close(); files[i] = nil } }
        guard deferredCount > 0 else { return }
        sets = []; current = DaySet(capacity: 0); currentIndex = -1; currentDay = Int32.min
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
        var i = Int(truncatingIfNeeded: (f ^ (UInt64(UInt32(bitPattern: day)) &* 0x9E37_79B9_7F4A_7C15)) >> 20) & mask
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
    /// Entry of each unit id + 1 (0: none yet).
    var entryOf: [Int32] = []
    var orgs: [Int32] = []
    var counts: [Int] = []
    var first: [Int] = []
    var cited: [Cited] = []

    init(cap: Int) { self.cap = max(cap, 1) }

    mutating func add(org: Int32, day: Int32, fingerprint: UInt64, seq: Int, ref: EvidenceRef) {
        let e: Int
        let o = Int(org)
        if o < entryOf.count && entryOf[o] > 0 { e = Int(entryOf[o]) - 1 } else {
            e = orgs.count
            if o >= entryOf.count { entryOf += [Int32](repeating: 0, count: max(o + 1 - entryOf.count, entryOf.count)) }
            entryOf[o] = Int32(e + 1)
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
        if filled == cap && !c.precedes(list[at &+ cap &- 1]) { return }
        var j = min(filled, cap - 1)
        while j > 0 && c.precedes(list[at + j - 1]) { list[at + j] = list[at + j - 1]; j -= 1 }
        list[at + j] = c
    }

    /// Cited records as shown: by day, then file and line.
    static func shown(_ c: ArraySlice<Cited>) -> [EvidenceRef] {
        c.sorted { ($0.day, $0.ref.file, $0.ref.line) < ($1.day, $1.ref.file, $1.ref.line) }.map(\.ref)
    }

    /// Per unit (−1: the units past `maxUnits`, by first duplicate, grouped): count, first place,
    /// cited records, in the order of their first duplicate.
    func summaries(maxUnits: Int) -> [(org: Int, count: Int, first: Int, refs: [EvidenceRef])] {
        let order = orgs.indices.sorted { first[$0] < first[$1] }
        var out: [(org: Int, count: Int, first: Int, refs: [EvidenceRef])] = []
        for e in order.prefix(maxUnits) {
            out.append((Int(orgs[e]), counts[e], first[e], DuplicateLog.shown(cited[e * cap ..< e * cap + min(counts[e], cap)])))
        }
        if order.count > maxUnits {
            let rest = order.dropFirst(maxUnits)
            var merged: [Cited] = []
            for e in rest { merged += cited[e * cap ..< e * cap + min(counts[e], cap)] }
            merged.sort { $0.precedes($1) }
            out.append((-1, rest.reduce(0) { $0 + counts[$1] }, rest.map { first[$0] }.min()!, DuplicateLog.shown(merged.prefix(cap))))
        }
        return out
    }
}
