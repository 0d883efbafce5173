/// A growable array with reference semantics: the model's hot per-case, per-item and
/// per-practitioner tables, written without copy-on-write checks.
///
/// A Swift array checks, before every write, whether its storage is shared (a call into the
/// runtime, with the caller's registers saved around it). The model's tables are never shared:
/// each belongs to one replication's model, which is made, run and dropped on one thread and
/// never copied. A `RefArray` is a class, so a write is a store: no check, nothing to copy.
/// Copying a reference shares the table, which is why only a model's own tables are kept in one.
///
/// Reads and writes are bounds-checked as an array's are. Two rules an array does not need:
/// - a loop over the table walks it live, so a loop that may add or remove elements walks a
///   snapshot (``array``);
/// - a pointer from ``withUnsafeBufferPointer(_:)`` or an element's address must not be held across
///   an append, which may move the elements.
/// One fewer instruction in twenty on a
/// calibrated twentieth of national (docs/performance-history.md, twelfth session).
/// Its buffers of 2 MiB or more are in large pages (``LargePages``): national for one year about
/// 5% faster (docs/performance-history.md, thirteenth session).
final class RefArray<Element> {
    // Exempt from dynamic exclusivity checks, as the accessors hand out addresses, not
    // accesses: the rules above are the caller's.
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<Element>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private(set) var capacity: Int

    init() {
        capacity = 0
        base = LargePages.allocate(Element.self, capacity: 1)   // never nil, so buffer views always have a base address
    }

    init(repeating value: Element, count: Int) {
        precondition(count >= 0, "a negative count")
        capacity = count
        base = LargePages.allocate(Element.self, capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    convenience init<S: Sequence>(_ elements: S) where S.Element == Element {
        self.init()
        for e in elements { append(e) }
    }

    deinit {
        base.deinitialize(count: count)
        LargePages.deallocate(base)
    }


    subscript(i: Int) -> Element {
        @inline(__always) unsafeAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "index out of range")
            return UnsafePointer(base + i)
        }
        @inline(__always) unsafeMutableAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "index out of range")
            return base + i
        }
    }

    @inline(__always) func append(_ value: Element) {
        if count == capacity { grow(to: Swift.max(16, 2 * capacity)) }
        (base + count).initialize(to: value)
        count &+= 1
    }

    func append(repeating value: Element, count n: Int) {
        precondition(n >= 0, "a negative count")
        if count + n > capacity { grow(to: Swift.max(count + n, 2 * capacity)) }
        (base + count).initialize(repeating: value, count: n)
        count += n
    }

    @inline(__always) func popLast() -> Element? { count > 0 ? removeLast() : nil }

    /// Removes the last element and returns it. There must be one.
    @inline(__always) func removeLast() -> Element {
        precondition(count > 0, "removeLast from an empty table")
        count &-= 1
        return (base + count).move()
    }

    func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    func reserveCapacity(_ n: Int) { if n > capacity { grow(to: n) } }

    /// Moves the elements to a buffer of `newCapacity` (≥ `count`).
    private func grow(to newCapacity: Int) {
        let b = LargePages.allocate(Element.self, capacity: newCapacity)
        b.moveInitialize(from: base, count: count)
        LargePages.deallocate(base)
        base = b
        capacity = newCapacity
    }

    /// The elements as a buffer, for loops that index it many times.
    @inline(__always) func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    @inline(__always) func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: base, count: count))
    }

    /// A copy of the elements as an array (a snapshot).
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

extension RefArray: RandomAccessCollection {
    var startIndex: Int { 0 }
    var endIndex: Int { count }
}
