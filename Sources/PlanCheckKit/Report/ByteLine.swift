/// Where report writers append bytes: a `[UInt8]`, or a ``ByteLine`` on the hot paths.
public protocol ByteAppending {
    /// Appends one byte.
    mutating func append(byte: UInt8)
    /// Appends a run of bytes.
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension ByteAppending {
    /// Appends a string's UTF-8 bytes (through `withUTF8`: the `utf8` view went byte by byte).
    @inline(__always)
    public mutating func append(string s: String) {
        var s = s
        s.withUTF8 { append(bytes: $0) }
    }

    /// Appends an array's bytes.
    @inline(__always)
    public mutating func append(array a: [UInt8]) {
        a.withUnsafeBufferPointer { append(bytes: $0) }
    }
}

extension Array: ByteAppending where Element == UInt8 {
    @inline(__always)
    public mutating func append(byte b: UInt8) { append(b) }

    @inline(__always)
    public mutating func append(bytes b: UnsafeBufferPointer<UInt8>) { append(contentsOf: b) }
}

/// A growable run of bytes in raw storage, for report rows: appending a byte is a capacity test
/// and a store, a run a test and a copy. Report rows used to be `[UInt8]` held by the writer's
/// class, and each append checked the array's uniqueness and copied runs through the generic
/// path: about 90 instructions for a 10-byte date, and most of the instructions of a report.
public final class ByteLine: ByteAppending {
    /// The bytes' storage; the first ``count`` are the line.
    public private(set) var base: UnsafeMutablePointer<UInt8>
    /// Bytes in the line.
    public private(set) var count = 0
    private var capacity: Int

    /// An empty line with room for `capacity` bytes (it grows as needed).
    public init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The line's bytes (valid until the next append).
    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    public func append(byte b: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = b
        count &+= 1
    }

    @inline(__always)
    public func append(bytes b: UnsafeBufferPointer<UInt8>) {
        let n = b.count
        guard n > 0, let from = b.baseAddress else { return }
        if count &+ n > capacity { grow(to: count + n) }
        (base + count).update(from: from, count: n)
        count &+= n
    }

    /// Empties the line, keeping its room.
    public func removeAll() { count = 0 }

    /// Room for `need` bytes at least, doubling.
    func grow(to need: Int) {
        capacity = max(need, 2 * capacity)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
    }
}
