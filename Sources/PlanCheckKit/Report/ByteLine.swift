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

/// A growable run of bytes in raw storage (a ``RawList``), for report rows: appending a byte is a
/// capacity test and a store, a run a test and a copy. Report rows used to be `[UInt8]` held by the
/// writer's class, and each append checked the array's uniqueness and copied runs through the
/// generic path: about 90 instructions for a 10-byte date, and most of the instructions of a report.
public final class ByteLine: ByteAppending {
    /// The list itself lives outside the object, so that a ``ByteSink`` can append to it.
    private let storage: UnsafeMutablePointer<RawList<UInt8>>

    /// An empty line (it grows as needed).
    public init() {
        storage = .allocate(capacity: 1)
        storage.initialize(to: RawList())
    }

    deinit {
        storage.pointee.deallocate()
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// Bytes in the line.
    public var count: Int { storage.pointee.count }

    /// The line's bytes (valid until the next append).
    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(storage.pointee.buffer) }

    @inline(__always)
    public func append(byte b: UInt8) { storage.pointee.append(b) }

    @inline(__always)
    public func append(bytes b: UnsafeBufferPointer<UInt8>) { storage.pointee.append(contentsOf: b) }

    /// Empties the line, keeping its room.
    public func removeAll() { storage.pointee.removeAll() }

    /// The line as a plain value to append through (valid while the line lives): appending through
    /// the object itself held a reference to it for each cell of a row.
    var sink: ByteSink { ByteSink(list: storage) }
}

/// Appends to a ``ByteLine`` through a pointer to its list: a plain value, so passing it `inout`
/// to the report's generic helpers counts no references.
struct ByteSink: ByteAppending {
    let list: UnsafeMutablePointer<RawList<UInt8>>

    @inline(__always)
    mutating func append(byte b: UInt8) { list.pointee.append(b) }

    @inline(__always)
    mutating func append(bytes b: UnsafeBufferPointer<UInt8>) { list.pointee.append(contentsOf: b) }
}
