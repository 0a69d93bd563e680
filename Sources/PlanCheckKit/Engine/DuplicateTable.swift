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
/// in date order the earliest, in reverse order the latest — moves out: its fingerprints
/// ("markers") are written in one block to a temporary file, 8 bytes each, and from then on a
/// record of that day is not looked up but written ("deferred", 32 bytes) to temporary files
/// partitioned by hash of day and fingerprint (``partitionCount``). At the end, if any record was
/// deferred, the markers of the days that have deferred records are added to their partitions,
/// and each partition is read back on its own into a set the size of that partition, first its
/// markers, then its deferred records in the order they came: a deferred record is a duplicate
/// when a marker or an earlier deferred record has the same day and fingerprint (a day's markers
/// all precede its deferred records, so the order of the two groups does not matter). Input in
/// date order defers nothing: it writes each day's markers once, in one block, and reads nothing
/// back. The files are unlinked as soon as they are created, so they vanish when closed or when
/// the process ends, whatever happens.
///
/// The per-record path moves no references: the partitions' staging buffers and counters are raw
/// memory owned here (a class per partition file cost a retain and a release per record, a tenth
/// of a shuffled input's check).
///
/// If a temporary file cannot be written or read, the deferred records are counted in
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
    /// whether moved out; its deferred records, and where its markers are in the marker file
    /// (byte offset, count).
    var sets: [DaySet] = []
    var dayValue: [Int32] = []
    var dayLast: [Int] = []
    var daySpilled: [Bool] = []
    var dayDeferred: [Int] = []
    var markerOffset: [Int] = []
    var markerCount: [Int] = []
    /// Days near the first one map through `dense` (−1: not yet seen), others through `sparse`.
    static let denseSize = 1 << 14
    var denseBase = Int.min
    var dense = [Int32](repeating: -1, count: DuplicateTable.denseSize)
    var sparse: [Int32: Int32] = [:]
    /// Day switches, and records checked in memory.
    var tick = 0
    var inMemory = 0
    /// Days interleave when the current day changes more often than once in this many records,
    /// judged once `interleaveAfter` records were checked in memory.
    static let interleaved = 32
    var interleaveAfter = 1 << 12

    /// Hash partitions of the deferred records, each a temporary file opened when first written.
    static let partitionCount = 256
    /// Bytes staged per partition before they are written, and entry sizes in the partition files.
    static let stageBytes = 16 << 10
    static let deferredSize = 32
    static let markerSize = 16
    /// Where the files go.
    let directory: String
    /// The partitions' staging buffers (`partitionCount` × `stageBytes`, allocated when the first
    /// record is deferred); per partition the bytes staged, the bytes written to its file, its
    /// deferred records, its file (−1: none yet).
    var stage: UnsafeMutableRawPointer?
    let staged: UnsafeMutablePointer<Int>
    let written: UnsafeMutablePointer<Int>
    let deferredIn: UnsafeMutablePointer<Int>
    let fds: UnsafeMutablePointer<Int32>
    /// The file of the days' markers (−1: none yet), its size, and the buffer markers are
    /// gathered in (``markerBatch`` fingerprints).
    var markerFD: Int32 = -1
    var markerBytes = 0
    let markerBuffer: UnsafeMutablePointer<UInt64>
    static let markerBatch = 8192
    /// Records deferred so far, and those whose check could not be completed.
    private(set) var deferredCount = 0
    private(set) var unchecked = 0
    /// The first error writing or reading a temporary file (nothing more is written after it).
    private(set) var spillError: String?
    private var failed = false
    /// Days moved out (for tests).
    private(set) var evictions = 0

    /// `directory`: where temporary files go (default `TMPDIR`, else /tmp).
    init(maxKeys: Int, directory: String? = nil) {
        self.maxKeys = max(1, maxKeys)
        maxSlots = max(1024, self.maxKeys + self.maxKeys / 2)
        let env = ProcessInfo.processInfo.environment["TMPDIR"] ?? ""
        self.directory = directory ?? (env.isEmpty ? "/tmp" : env)
        let n = DuplicateTable.partitionCount
        staged = .allocate(capacity: n); staged.initialize(repeating: 0, count: n)
        written = .allocate(capacity: n); written.initialize(repeating: 0, count: n)
        deferredIn = .allocate(capacity: n); deferredIn.initialize(repeating: 0, count: n)
        fds = .allocate(capacity: n); fds.initialize(repeating: -1, count: n)
        markerBuffer = .allocate(capacity: DuplicateTable.markerBatch)
    }

    deinit {
        closeFiles()
        stage?.deallocate()
        staged.deallocate(); written.deallocate(); deferredIn.deallocate(); fds.deallocate()
        markerBuffer.deallocate()
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
        dayDeferred.append(0); markerOffset.append(0); markerCount.append(0)
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
        if day != currentDay || currentIndex < 0 {
            let d = dayIndex(day)
            // A day moved out: the record waits for the files, and the current day stays current
            // (shuffled input, once every day has moved out, switches no sets).
            if daySpilled[d] { return spill(Deferred(fingerprint: f, day: day, org: org, seq: seq, ref: ref), d) }
            switchTo(d)
        } else if daySpilled[currentIndex] {
            return spill(Deferred(fingerprint: f, day: day, org: org, seq: seq, ref: ref), currentIndex)
        }
        if full {
            // Full: a repeat is still found; a new fingerprint needs room first.
            if current.insert(f, room: false).present { return .duplicate }
            makeRoom()
            if full {
                // The current day alone fills the budget: it moves out too.
                moveOut(currentIndex)
                return spill(Deferred(fingerprint: f, day: day, org: org, seq: seq, ref: ref), currentIndex)
            }
        }
        inMemory &+= 1
        if current.insert(f, room: true).present { return .duplicate }
        held += 1
        return .new
    }

    /// Parks the current day's set and takes out the set of day index `d`.
    func switchTo(_ d: Int) {
        if currentIndex >= 0 {
            parkedSlots += current.slots.count
            if current.slots.count > 0 { lastDaySlots = current.slots.count }
            swap(&current, &sets[currentIndex])
        }
        currentDay = dayValue[d]
        currentIndex = d
        tick += 1
        dayLast[d] = tick
        swap(&current, &sets[d])
        parkedSlots -= current.slots.count
        if current.slots.isEmpty {
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
    ///
    /// When days interleave (shuffled input, or grouped by unit), every parked day moves out at
    /// once: the least recently used day is then hardly older than the others, each day in turn
    /// moved out once the table filled again (about ln(days) × `maxKeys` records checked in memory
    /// first), and a check in memory missed the cache at nearly every record, since the current
    /// day's set changed at nearly every record, where the partitions read back at the end are
    /// checked a cache-sized set at a time.
    func makeRoom(need: Int? = nil) {
        if inMemory >= interleaveAfter && tick &* DuplicateTable.interleaved > inMemory {
            for d in sets.indices where d != currentIndex && !sets[d].slots.isEmpty { moveOut(d) }
            return
        }
        while need.map({ parkedSlots + $0 > maxSlots }) ?? full {
            var victim = -1, oldest = Int.max
            for d in sets.indices where d != currentIndex && !sets[d].slots.isEmpty && dayLast[d] < oldest {
                victim = d; oldest = dayLast[d]
            }
            if victim < 0 { return }
            moveOut(victim)
        }
    }

    /// Writes day `d`'s fingerprints to the marker file in one block and frees its set; its later
    /// records are deferred.
    func moveOut(_ d: Int) {
        evictions += 1
        let set: DaySet
        if d == currentIndex { set = current; current = DaySet(capacity: 0) } else {
            set = sets[d]; sets[d] = DaySet(capacity: 0); parkedSlots -= set.slots.count
        }
        held -= set.count
        daySpilled[d] = true
        markerOffset[d] = markerBytes
        markerCount[d] = set.count
        guard !failed, set.count > 0 else { return }
        if markerFD < 0 {
            switch DuplicateTable.openTemporary(directory) {
            case .success(let fd): markerFD = fd
            case .failure(let e): fail(e.description); return
            }
        }
        var n = 0
        for f in set.slots where f != 0 {
            markerBuffer[n] = f
            n += 1
            if n == DuplicateTable.markerBatch { writeMarkers(n); n = 0 }
        }
        writeMarkers(n)
    }

    func writeMarkers(_ n: Int) {
        guard n > 0, !failed else { return }
        if let e = DuplicateTable.writeAll(markerFD, UnsafeRawPointer(markerBuffer), n * 8) { fail(e); return }
        markerBytes += n * 8
    }

    /// Defers record `x` of day index `d`.
    @inline(__always)
    func spill(_ x: Deferred, _ d: Int) -> Outcome {
        deferredCount += 1
        dayDeferred[d] += 1
        append(x)
        return .deferred
    }

    /// Appends a deferred record (`org` ≥ 0) or a marker (`org` −1) to its partition's staging
    /// buffer, writing the buffer out when it is full.
    @inline(__always)
    func append(_ x: Deferred) {
        if failed { return }
        if stage == nil { startStaging() }
        let p = DuplicateTable.partition(x.fingerprint, x.day)
        let size = x.org >= 0 ? DuplicateTable.deferredSize : DuplicateTable.markerSize
        if staged[p] &+ size > DuplicateTable.stageBytes {
            flush(p)
            if failed { return }
        }
        let b = stage.unsafelyUnwrapped + (p &* DuplicateTable.stageBytes &+ staged[p])
        b.storeBytes(of: x.fingerprint, as: UInt64.self)
        b.storeBytes(of: x.day, toByteOffset: 8, as: Int32.self)
        b.storeBytes(of: x.org, toByteOffset: 12, as: Int32.self)
        if x.org >= 0 {
            b.storeBytes(of: x.seq, toByteOffset: 16, as: Int.self)
            b.storeBytes(of: x.ref.file, toByteOffset: 24, as: Int32.self)
            b.storeBytes(of: x.ref.line, toByteOffset: 28, as: Int32.self)
            deferredIn[p] &+= 1
        }
        staged[p] &+= size
    }

    func startStaging() {
        stage = .allocate(byteCount: DuplicateTable.partitionCount * DuplicateTable.stageBytes, alignment: 16)
    }

    /// Writes partition `p`'s staged bytes to its file, opening it first if need be.
    func flush(_ p: Int) {
        guard !failed, staged[p] > 0, let stage else { return }
        if fds[p] < 0 {
            switch DuplicateTable.openTemporary(directory) {
            case .success(let fd): fds[p] = fd
            case .failure(let e): fail(e.description); return
            }
        }
        if let e = DuplicateTable.writeAll(fds[p], UnsafeRawPointer(stage + p * DuplicateTable.stageBytes), staged[p]) { fail(e); return }
        written[p] += staged[p]
        staged[p] = 0
    }

    func fail(_ message: String) {
        failed = true
        if spillError == nil { spillError = message }
    }

    func closeFiles() {
        for p in 0..<DuplicateTable.partitionCount where fds[p] >= 0 { _ = Glibc.close(fds[p]); fds[p] = -1 }
        if markerFD >= 0 { _ = Glibc.close(markerFD); markerFD = -1 }
    }

    /// Decides the deferred records: calls `duplicate` for each that is a duplicate, partition by
    /// partition (not in input order). Frees the in-memory sets first, and closes the files.
    func finish(_ duplicate: (Deferred) -> Void) {
        defer { closeFiles() }
        guard deferredCount > 0 else { return }
        sets = []; current = DaySet(capacity: 0); currentIndex = -1; currentDay = Int32.min
        let n = DuplicateTable.partitionCount
        // Each partition's deferred records end where the markers added now begin.
        for p in 0..<n { flush(p) }
        let tail = (0..<n).map { written[$0] }
        addMarkersOfDeferredDays()
        for p in 0..<n { flush(p) }
        if failed { unchecked = deferredCount; return }
        var set = SpillSet()
        defer { set.deallocate() }
        for p in 0..<n where deferredIn[p] > 0 {
            set.reset(capacityFor: (written[p] - tail[p]) / DuplicateTable.markerSize + deferredIn[p])
            var error = DuplicateTable.readEntries(fds[p], from: tail[p], to: written[p], size: DuplicateTable.markerSize) { b in
                _ = set.insert(b.loadUnaligned(as: UInt64.self), b.loadUnaligned(fromByteOffset: 8, as: Int32.self))
            }
            if error == nil {
                error = DuplicateTable.readEntries(fds[p], from: 0, to: tail[p], size: DuplicateTable.deferredSize) { b in
                    var x = Deferred(fingerprint: b.loadUnaligned(as: UInt64.self), day: b.loadUnaligned(fromByteOffset: 8, as: Int32.self),
                                     org: b.loadUnaligned(fromByteOffset: 12, as: Int32.self), seq: 0, ref: .empty)
                    if !set.insert(x.fingerprint, x.day) {
                        x.seq = b.loadUnaligned(fromByteOffset: 16, as: Int.self)
                        x.ref.file = b.loadUnaligned(fromByteOffset: 24, as: Int32.self)
                        x.ref.line = b.loadUnaligned(fromByteOffset: 28, as: Int32.self)
                        duplicate(x)
                    }
                }
            }
            if let error {
                fail(error)
                unchecked = deferredCount
                return
            }
        }
    }

    /// Adds to the partitions the markers of every day that has deferred records, read back from
    /// the marker file.
    func addMarkersOfDeferredDays() {
        for d in dayValue.indices where dayDeferred[d] > 0 && markerCount[d] > 0 && !failed {
            var offset = markerOffset[d], left = markerCount[d]
            while left > 0 && !failed {
                let k = min(left, DuplicateTable.markerBatch)
                if let e = DuplicateTable.readExactly(markerFD, UnsafeMutableRawPointer(markerBuffer), k * 8, at: offset) { fail(e); return }
                for i in 0..<k { append(Deferred(fingerprint: markerBuffer[i], day: dayValue[d], org: -1, seq: 0, ref: .empty)) }
                offset += k * 8
                left -= k
            }
        }
    }

    // MARK: files

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A new temporary file in `directory`, unlinked at once.
    static func openTemporary(_ directory: String) -> Result<Int32, Failure> {
        var template = Array((directory + "/plancheck-dup-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return .failure(Failure(description: "\(directory): \(String(cString: strerror(errno)))")) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return .success(fd)
    }

    /// Writes `n` bytes; the error's text, if any.
    static func writeAll(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> String? {
        var off = 0
        while off < n {
            let w = Glibc.write(fd, p + off, n - off)
            if w < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            off += w
        }
        return nil
    }

    /// Reads exactly `n` bytes at `offset`; the error's text, if any.
    static func readExactly(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int, at offset: Int) -> String? {
        var off = 0
        while off < n {
            let r = pread(fd, p + off, n - off, off_t(offset + off))
            if r < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            if r == 0 { return "unexpected end of a temporary file" }
            off += r
        }
        return nil
    }

    /// Calls `body` on each entry of `size` bytes in `from ..< to`, in order; the error's text, if any.
    static func readEntries(_ fd: Int32, from: Int, to: Int, size: Int, _ body: (UnsafeRawPointer) -> Void) -> String? {
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var at = from
        while at < to {
            let n = min(chunk, to - at)
            if let e = readExactly(fd, buffer, n, at: at) { return e }
            var i = 0
            while i + size <= n { body(UnsafeRawPointer(buffer + i)); i += size }
            at += n
        }
        return nil
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

/// The table ``DuplicateTable/finish(_:)`` reads one partition into: day and fingerprint side
/// by side, so a probe touches one cache line.
struct SpillSet {
    struct Slot { var fingerprint: UInt64; var day: Int32 }
    var slots = UnsafeMutablePointer<Slot>.allocate(capacity: 0)
    var capacity = 0
    var mask = 0

    mutating func reset(capacityFor n: Int) {
        var c = 16
        while c < n * 2 { c *= 2 }
        if c > capacity {
            deallocate()
            slots = .allocate(capacity: c)
            capacity = c
        }
        mask = c - 1
        slots.initialize(repeating: Slot(fingerprint: 0, day: 0), count: c)
    }

    /// Inserts; false when it was present.
    @inline(__always)
    mutating func insert(_ f: UInt64, _ day: Int32) -> Bool {
        var i = Int(truncatingIfNeeded: (f ^ (UInt64(UInt32(bitPattern: day)) &* 0x9E37_79B9_7F4A_7C15)) >> 20) & mask
        while true {
            let x = slots[i]
            if x.fingerprint == 0 { break }
            if x.fingerprint == f && x.day == day { return false }
            i = (i &+ 1) & mask
        }
        slots[i] = Slot(fingerprint: f, day: day)
        return true
    }

    func deallocate() { slots.deallocate() }
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
