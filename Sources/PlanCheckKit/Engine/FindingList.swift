/// The findings of a check in report order, without a value per finding: a rule's findings are the
/// cells of its tally (entity × period, entity-major), kept as one run that names the tally; other
/// findings (data-quality warnings, a self-review's selection) are stored as they are.
///
/// Why: a 5,000,000-unit roster under a plan of eleven rules has 35 million cells, and an array of
/// one ``Finding`` each was 24 bytes a cell (840 MB) before any report was written. Reporters walk
/// the runs (``forEachRun(in:cells:stored:)``) or take findings one by one; a finding is made when
/// it is read.
public struct FindingList: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    /// A run of findings.
    enum Part: Sendable {
        /// Cells `0..<count` of a tally.
        case cells(SlotTally, Int)
        /// Findings as they are.
        case stored([Finding])

        var count: Int {
            switch self {
            case .cells(_, let n): return n
            case .stored(let a): return a.count
            }
        }

        func finding(_ j: Int) -> Finding {
            switch self {
            case .cells(let t, _): return Finding(tally: t, entity: j / t.slots.count, slot: j % t.slots.count)
            case .stored(let a): return a[j]
            }
        }
    }

    /// The runs, in order.
    private(set) var parts: [Part] = []
    /// The index after each run.
    private var ends: [Int] = []

    /// An empty list.
    public init() {}
    /// The findings of an array.
    public init(_ findings: [Finding]) { append(contentsOf: findings) }
    /// The findings listed.
    public init(arrayLiteral elements: Finding...) { self.init(elements) }

    /// Appends every cell of `t` (entities × slots, as ``SlotTally/findingCount``), read when listed.
    mutating func append(cellsOf t: SlotTally) {
        let n = t.findingCount
        guard n > 0 else { return }
        parts.append(.cells(t, n))
        ends.append(endIndex + n)
    }

    /// Appends one finding.
    public mutating func append(_ f: Finding) { append(contentsOf: CollectionOfOne(f)) }

    /// Appends findings, stored as they are.
    public mutating func append<S: Sequence>(contentsOf s: S) where S.Element == Finding {
        var a: [Finding]
        if case .stored(let last)? = parts.last {
            a = last
            parts.removeLast()
            ends.removeLast()
        } else {
            a = []
        }
        a.append(contentsOf: s)
        guard !a.isEmpty else { return }
        parts.append(.stored(a))
        ends.append(endIndex + a.count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.last ?? 0 }

    /// The run holding index `i` (the first whose end is past it).
    private func part(of i: Int) -> Int {
        var lo = 0, hi = ends.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ends[mid] > i { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    public subscript(i: Int) -> Finding {
        precondition(i >= 0 && i < endIndex, "FindingList index out of range")
        let p = part(of: i)
        return parts[p].finding(i - (p == 0 ? 0 : ends[p - 1]))
    }

    /// Walks the findings in order without a search per finding.
    public struct Iterator: IteratorProtocol {
        let list: FindingList
        var part = 0, offset = 0
        public mutating func next() -> Finding? {
            while part < list.parts.count {
                let p = list.parts[part]
                if offset < p.count { defer { offset += 1 }; return p.finding(offset) }
                part += 1
                offset = 0
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(list: self) }

    /// The findings at `range`, run by run: `cells(t, r)` for cells `r` of tally `t` (entity-major),
    /// `stored(a)` for stored findings.
    func forEachRun(in range: Range<Int>, cells: (SlotTally, Range<Int>) -> Void, stored: (ArraySlice<Finding>) -> Void) {
        var p = part(of: range.lowerBound)
        while p < parts.count {
            let start = p == 0 ? 0 : ends[p - 1]
            if start >= range.upperBound { break }
            let lo = Swift.max(range.lowerBound, start), hi = Swift.min(range.upperBound, ends[p])
            if lo < hi {
                switch parts[p] {
                case .cells(let t, _): cells(t, (lo - start)..<(hi - start))
                case .stored(let a): stored(a[(lo - start)..<(hi - start)])
                }
            }
            p += 1
        }
    }
}
