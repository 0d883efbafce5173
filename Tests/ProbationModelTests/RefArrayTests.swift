import Testing
@testable import ProbationModel

/// The model's hot tables (``RefArray``): an array's behaviour without its copy-on-write checks,
/// checked against a Swift array driven by the same steps.
@Suite struct RefArrayTests {
    /// Appends, writes in place, pops and bulk appends, across many growths, agree with an array.
    @Test func agreesWithAnArrayStepForStep() {
        let table = RefArray<Int64>()
        var reference: [Int64] = []
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for step in 0..<20_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            switch x >> 62 {
            case 0, 1:
                table.append(Int64(step)); reference.append(Int64(step))
            case 2 where !reference.isEmpty:
                let i = Int((x >> 20) % UInt64(reference.count))
                table[i] += 7; reference[i] += 7
            case 3 where step % 50 == 0:
                table.append(repeating: -1, count: 3); reference.append(contentsOf: [-1, -1, -1])
            default:
                #expect(table.popLast() == reference.popLast())
            }
            if step % 997 == 0 { #expect(table.array == reference, "step \(step)") }
        }
        #expect(table.count == reference.count)
        #expect(table.array == reference)
        #expect(Array(table) == reference)
        #expect(table.last == reference.last)
    }

    /// Made from a sequence or a repeated value, and emptied: the counts and elements an array would have.
    @Test func initialisersAndRemoval() {
        let a = RefArray([3.0, 1.5, 2.0])
        #expect(a.array == [3, 1.5, 2] && a.count == 3)
        #expect(a.removeLast() == 2 && a.count == 2)
        let b = RefArray(repeating: Int32.min, count: 5)
        #expect(b.array == Array(repeating: Int32.min, count: 5))
        b.removeAll()
        #expect(b.isEmpty && b.last == nil && b.popLast() == nil)
        b.append(4)
        #expect(b.array == [4])
        let empty = RefArray(repeating: 1, count: 0)
        #expect(empty.isEmpty)
        empty.reserveCapacity(100)
        #expect(empty.capacity == 100 && empty.isEmpty)
    }

    /// A table growing past ``LargePages/threshold`` moves into a buffer aligned to a large page
    /// (2 MiB) and keeps every element on the way, as it does when it stays small.
    @Test func aLargeTableKeepsItsElementsInLargePageAlignedMemory() {
        let n = 3 * LargePages.threshold / MemoryLayout<Int64>.stride   // 6 MiB of elements
        let table = RefArray<Int64>()
        for k in 0..<n { table.append(Int64(k) &* 31) }
        #expect(table.count == n)
        table.withUnsafeBufferPointer { b in
            #expect(UInt(bitPattern: b.baseAddress) % UInt(LargePages.pageSize) == 0)
            var wrong = 0
            for k in 0..<n where b[k] != Int64(k) &* 31 { wrong += 1 }
            #expect(wrong == 0)
        }
        let small = RefArray(repeating: Int64(5), count: 10)
        #expect(small.array == Array(repeating: 5, count: 10))
        let large = RefArray(repeating: Int64(-2), count: n)
        large.withUnsafeBufferPointer { b in
            #expect(UInt(bitPattern: b.baseAddress) % UInt(LargePages.pageSize) == 0)
            #expect(b.allSatisfy { $0 == -2 })
        }
    }

    /// A reference is shared, not copied: what the model relies on never happening by accident,
    /// stated here so that the semantics are a decision.
    @Test func referencesShareOneTable() {
        let a = RefArray([1, 2, 3])
        let b = a
        b[0] = 10
        #expect(a[0] == 10)
    }

    /// Elements that own memory are released when popped, removed and when the table goes
    /// (the model's tables hold plain values; the type does not rely on that).
    @Test func ownedElementsAreReleased() {
        do {
            let t = RefArray<Token>()
            for _ in 0..<40 { t.append(Token()) }
            #expect(Token.live == 40)
            _ = t.popLast()
            #expect(Token.live == 39)
            t[0] = Token()
            #expect(Token.live == 39)
            t.removeAll()
            #expect(Token.live == 0)
            for _ in 0..<5 { t.append(Token()) }
        }
        #expect(Token.live == 0)
    }
}

/// An element that counts the live instances (used by one test only, so never raced).
private final class Token {
    nonisolated(unsafe) static var live = 0
    init() { Token.live += 1 }
    deinit { Token.live -= 1 }
}
