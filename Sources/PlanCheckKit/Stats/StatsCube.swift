/// Dense counts of `stats`: per activity type a plane of `units × 12` cells (count and participants
/// of one unit in one month), 8 bytes a cell.
///
/// Why dense and flat: a year of a province's records fills most unit × type × month cells (10M
/// records over 20,000 units and 31 types fill 5.5M of 7.4M), so a hash map would be larger than
/// the cube; and a record costs one cell update in one plane, with no per-unit array to check or
/// grow. Memory is `8 × units × types × 12` bytes (20,000 units × 31 types: 57 MiB) whatever the
/// number of records.
///
/// A roster of more than ``defaultDenseUnitLimit`` units (a province's or a nation's) would make that
/// `8 × units × types × 12` gigabytes before a single record; there the cube is **sparse**: a
/// dictionary of the cells that have records, so memory follows the records, not the roster.
///
/// Cells hold 32-bit halves; a sum that passes 2³² carries into ``carries`` (a participant count
/// has at most 9 digits, so one record never carries more than once), so no total is ever
/// wrong, however large.
final class StatsCube {
    /// One cell: 32-bit count and 32-bit participant sum (their carries are in ``carries``).
    struct Cell {
        var count: UInt32 = 0
        var participants: UInt32 = 0
    }

    /// Per type, the start of its plane; each plane has `unitCapacity * 12` cells.
    private var planes: [UnsafeMutablePointer<Cell>] = []
    /// Units each plane has room for.
    private(set) var unitCapacity = 0
    /// Cell index (`(type * unitCapacity + unit) * 12 + month` is not stable under growth, so the
    /// key is `(type, unit, month)` packed) → carries of count and participants, in units of 2³².
    private var carries: [Int: (count: Int, participants: Int)] = [:]

    /// Types with a plane (in sparse mode every type id fits).
    var typeCount: Int { isSparse ? Int(Int32.max) : planes.count }

    /// Above this many units the cube keeps only the cells that have records (a plane of 65,536
    /// units is 6 MiB a type).
    static let defaultDenseUnitLimit = 65_536
    /// This cube's limit (tests make small ones).
    let denseUnitLimit: Int

    /// An empty cube, dense until it must hold more than `denseUnitLimit` units.
    init(denseUnitLimit: Int = StatsCube.defaultDenseUnitLimit) { self.denseUnitLimit = denseUnitLimit }
    /// Whether the cube keeps only cells with records (past ``denseUnitLimit`` units).
    private(set) var isSparse = false
    /// The sparse cube's cells, by ``sparseKey(_:_:_:)``.
    private var sparseCells: [Int: Cell] = [:]

    /// Sparse key: unit, then type, then month, so that sorted keys group a unit's cells.
    private static func sparseKey(_ type: Int, _ unit: Int, _ month: Int) -> Int { (unit << 36) | (type << 4) | month }

    deinit { for p in planes { p.deallocate() } }

    private static func key(_ type: Int, _ unit: Int, _ month: Int) -> Int { (type << 40) | (unit << 4) | month }

    /// Makes room for unit ids below `units` and type ids below `types`.
    func reserve(units: Int, types: Int) {
        flush()
        if isSparse { return }
        if units > denseUnitLimit {
            // Move what the planes hold into the dictionary, then keep only cells with records.
            for t in planes.indices {
                for i in 0..<(unitCapacity * 12) where planes[t][i].count > 0 {
                    sparseCells[StatsCube.sparseKey(t, i / 12, i % 12)] = planes[t][i]
                }
                planes[t].deallocate()
            }
            planes = []
            isSparse = true
            unitCapacity = 1 << 27
            return
        }
        if units > unitCapacity {
            let cap = max(units, unitCapacity * 2, 64)
            for i in planes.indices {
                let q = UnsafeMutablePointer<Cell>.allocate(capacity: cap * 12)
                q.initialize(from: planes[i], count: unitCapacity * 12)
                (q + unitCapacity * 12).initialize(repeating: Cell(), count: (cap - unitCapacity) * 12)
                planes[i].deallocate()
                planes[i] = q
            }
            unitCapacity = cap
        }
        while planes.count < types {
            let q = UnsafeMutablePointer<Cell>.allocate(capacity: unitCapacity * 12)
            q.initialize(repeating: Cell(), count: unitCapacity * 12)
            planes.append(q)
        }
    }

    /// A record waiting to be added: cell index within its type's plane, and participants
    /// (-1 when unknown).
    struct Pending {
        var type: Int32
        var cell: Int32
        var participants: Int64
    }

    /// Records queued by ``queue(type:unit:month:participants:)``.
    private var pending: [Pending] = []
    /// Records queued before their cells are touched.
    static let batch = 512

    /// Queues one record, adding a batch at a time (see ``flush()``). The ids must be reserved
    /// (``reserve(units:types:)`` flushes first, since it moves the planes).
    @inline(__always)
    func queue(type: Int, unit: Int, month: Int, participants: Int?) {
        pending.append(Pending(type: Int32(truncatingIfNeeded: type), cell: Int32(truncatingIfNeeded: unit &* 12 &+ month),
                               participants: Int64(participants ?? -1)))
        if pending.count >= StatsCube.batch { flush() }
    }

    /// Adds the queued records. Records of a year fall all over a cube of tens of megabytes, so
    /// nearly every cell update misses the cache; one at a time, on the thread that consumes the
    /// records in order, those misses were most of `stats`' extra time. A batch's cells are first
    /// loaded in a pass of independent loads, so the processor overlaps the misses.
    func flush() {
        if pending.isEmpty { return }
        var sink: UInt32 = 0
        if !isSparse {
            pending.withUnsafeBufferPointer { p in
                for x in p { sink &+= planes[Int(x.type)][Int(x.cell)].count }
            }
        }
        warmSink &+= sink
        for x in pending {
            let unit = Int(x.cell) / 12, month = Int(x.cell) % 12
            add(type: Int(x.type), unit: unit, month: month, participants: x.participants < 0 ? nil : Int(x.participants))
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Where the warming loads go, so they are not optimised away.
    private var warmSink: UInt32 = 0

    /// Adds one record (month 0-based; participants nil when unknown). The ids must be reserved.
    @inline(__always)
    func add(type: Int, unit: Int, month: Int, participants: Int?) {
        if isSparse {
            var cell = sparseCells[StatsCube.sparseKey(type, unit, month), default: Cell()]
            withUnsafeMutablePointer(to: &cell) { addTo($0, type: type, unit: unit, month: month, participants: participants) }
            sparseCells[StatsCube.sparseKey(type, unit, month)] = cell
            return
        }
        addTo(planes[type] + (unit &* 12 &+ month), type: type, unit: unit, month: month, participants: participants)
    }

    @inline(__always)
    private func addTo(_ c: UnsafeMutablePointer<Cell>, type: Int, unit: Int, month: Int, participants: Int?) {
        let (n, o1) = c.pointee.count.addingReportingOverflow(1)
        c.pointee.count = n
        var o2 = 0
        if let p = participants {
            let (s, o) = c.pointee.participants.addingReportingOverflow(UInt32(truncatingIfNeeded: p))
            c.pointee.participants = s
            // A count of 2³² or more (up to 18 digits) carries its high part too.
            o2 = (o ? 1 : 0) &+ (p >> 32)
        }
        if o1 || o2 != 0 { carry(type, unit, month, o1 ? 1 : 0, o2) }
    }

    private func carry(_ t: Int, _ u: Int, _ m: Int, _ count: Int, _ participants: Int) {
        carries[StatsCube.key(t, u, m), default: (0, 0)].count += count
        carries[StatsCube.key(t, u, m), default: (0, 0)].participants = carries[StatsCube.key(t, u, m), default: (0, 0)].participants.addingSaturating(participants)
    }

    /// The cell of a type, unit and 0-based month, carries included (``flush()`` first).
    @inline(__always)
    func cell(type: Int, unit: Int, month: Int) -> StatsCell {
        let c: Cell
        if isSparse {
            guard let x = sparseCells[StatsCube.sparseKey(type, unit, month)] else { return StatsCell() }
            c = x
        } else {
            guard type < planes.count, unit < unitCapacity else { return StatsCell() }
            c = planes[type][unit * 12 + month]
        }
        var out = StatsCell(count: Int(c.count), participants: Int(c.participants))
        if !carries.isEmpty, let k = carries[StatsCube.key(type, unit, month)] {
            out.count += k.count << 32
            let (high, o) = k.participants.multipliedReportingOverflow(by: 1 << 32)
            out.participants = o ? Int.max : out.participants.addingSaturating(high)
        }
        return out
    }

    /// Every cell with records as (unit, type, 0-based month), sorted by unit, type and month —
    /// for walking a sparse cube unit by unit (``flush()`` first). Empty for a dense cube.
    func sparseCellKeys() -> [(unit: Int, type: Int, month: Int)] {
        sparseCells.keys.sorted().map { (unit: $0 >> 36, type: ($0 >> 4) & 0xFFFF_FFFF, month: $0 & 0xF) }
    }
}
