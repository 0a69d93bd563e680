/// A growable buffer of trivial values (no references inside) without copy-on-write, for the
/// parallel reader's per-row lists: an append is a capacity check and a store, where an `Array`
/// append in a class's property checked uniqueness and capacity through calls (about 40
/// instructions a row for the entries alone). Whoever holds it frees it with ``deallocate()``.
struct RawList<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity = 0

    init() {
        assert(_isPOD(Element.self), "RawList holds trivial values only")
        base = .allocate(capacity: 0)
    }

    /// The elements, in order.
    var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ x: Element) {
        if count == capacity { grow(to: count &+ 1) }
        (base + count).initialize(to: x)
        count &+= 1
    }

    @inline(__always)
    mutating func append(contentsOf b: UnsafeBufferPointer<Element>) {
        let n = b.count
        if count &+ n > capacity { grow(to: count &+ n) }
        if let from = b.baseAddress { (base + count).initialize(from: from, count: n) }
        count &+= n
    }

    /// Room for at least `need` elements, at least doubling. (Counts are far from overflowing: the
    /// appends' arithmetic wraps instead of testing.)
    mutating func grow(to need: Int) {
        capacity = max(need, 2 * capacity, 1024)
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
    }

    /// Empties the list, keeping its room.
    mutating func removeAll() { count = 0 }

    func deallocate() { base.deallocate() }
}
