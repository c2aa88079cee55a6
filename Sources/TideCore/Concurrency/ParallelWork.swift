import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Independent pieces of work spread over every core: per-column decoding and encoding,
/// per-chunk probing and formatting, per-call result assembly.
public enum ParallelWork {
    /// The number of cores to spread work over.
    public static let cores: Int = {
        #if canImport(Glibc)
            return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
            return 1
        #endif
    }()

    /// `body(i)` for every `i` in `0..<count`, concurrently; the results in order. The first
    /// error thrown is rethrown once all have finished.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        if count == 0 { return [] }
        if count == 1 { return [try body(0)] }
        let results = Mutex<[T?]>(Array(repeating: nil, count: count))
        let failure = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            do {
                let value = try body(i)
                results.withLock { $0[i] = value }
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// `0..<count` cut into contiguous ranges of at least `minimum` elements, about two per
    /// core (one range when `count` is small).
    public static func ranges(_ count: Int, minimum: Int = 16_384) -> [Range<Int>] {
        let pieces = max(1, min(cores * 2, count / max(1, minimum)))
        let size = (count + pieces - 1) / max(1, pieces)
        return stride(from: 0, to: count, by: max(1, size)).map { $0..<min(count, $0 + size) }
    }

    /// An array of `count` elements built in place over contiguous ranges of `0..<count`,
    /// concurrently: `body` gets a range and its part of the array, and appends exactly one
    /// element per row of the range, in order. No range's elements are built apart and copied
    /// into place afterwards (for 10 M rows that copy is a second array's worth of fresh memory,
    /// which the kernel must zero page by page). Once every range has finished, the error of
    /// the first range that threw (in row order) is rethrown, with whatever was built destroyed.
    public static func build<T>(
        _ count: Int, minimum: Int = 16_384, _ body: @Sendable (Range<Int>, inout RangeOutput<T>) throws -> Void
    ) throws -> [T] {
        try build(over: ranges(count, minimum: minimum)) { _, range, output in try body(range, &output) }
    }

    /// `build` over the given `ranges` (contiguous, from 0, in order), telling `body` each
    /// range's index in them too (for work that an earlier pass did over the same ranges).
    public static func build<T>(
        over ranges: [Range<Int>], _ body: @Sendable (Int, Range<Int>, inout RangeOutput<T>) throws -> Void
    ) throws -> [T] {
        let count = ranges.last?.upperBound ?? 0
        guard count > 0 else { return [] }
        return try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { throw TideError.internal("no buffer for \(count) values") }
            let target = UncheckedPointer(base)
            let built = Mutex<[Int]>(Array(repeating: 0, count: ranges.count))
            // Per range; the first range's error is the one reported (as a serial loop would).
            let failures = Mutex<[(any Error)?]>(Array(repeating: nil, count: ranges.count))
            DispatchQueue.concurrentPerform(iterations: ranges.count) { piece in
                let range = ranges[piece]
                var output = RangeOutput(base: target.pointer + range.lowerBound, capacity: range.count)
                do {
                    try body(piece, range, &output)
                    if output.count != range.count || output.overflowed {
                        throw TideError.internal("a range of \(range.count) rows produced \(output.count) values")
                    }
                } catch {
                    failures.withLock { $0[piece] = error }
                }
                let written = output.count
                built.withLock { $0[piece] = written }
            }
            if let error = failures.withLock({ $0.lazy.compactMap { $0 }.first }) {
                let counts = built.withLock { $0 }
                for (piece, range) in ranges.enumerated() {
                    (base + range.lowerBound).deinitialize(count: counts[piece])
                }
                throw error
            }
            initialized = count
        }
    }
}

extension ParallelWork {
    /// `body(i, &elements[i])` for every element at once, each element changed by one thread.
    public static func mutateEach<T>(_ elements: inout [T], _ body: @Sendable (Int, inout T) -> Void) {
        elements.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let target = UncheckedPointer(base)
            DispatchQueue.concurrentPerform(iterations: buffer.count) { i in body(i, &(target.pointer + i).pointee) }
        }
    }

    /// Empties every array of `arrays` at once, one per core at a time: the last reference
    /// to a column of 10 M values, many of them strings, takes seconds to destroy on one
    /// thread. Arrays still referenced elsewhere only lose this reference.
    public static func discard<T>(_ arrays: inout [[T]]) {
        guard arrays.count > 1 else {
            arrays = []
            return
        }
        arrays.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let target = UncheckedPointer(base)
            DispatchQueue.concurrentPerform(iterations: buffer.count) { i in
                // Assigning releases the array this slot held, on this thread.
                (target.pointer + i).pointee = []
            }
        }
        arrays = []
    }

    /// `discard` on a thread of its own, returning at once: a statement's answer is complete
    /// before its columns are destroyed (seconds for 10 M rows of strings), so the destroying
    /// is not part of its time. The memory is returned shortly after.
    public static func discardInBackground<T>(_ arrays: consuming [[T]]) {
        guard !arrays.isEmpty else { return }
        let owner = DiscardedArrays(arrays)
        Thread.detachNewThread { ParallelWork.discard(&owner.arrays) }
    }
}

/// Arrays handed to the thread that destroys them (only that thread touches them).
private final class DiscardedArrays<T>: @unchecked Sendable {
    var arrays: [[T]]
    init(_ arrays: consuming [[T]]) { self.arrays = arrays }
}

/// One range's part of an array that `ParallelWork.build` makes in place: `append` initializes
/// the next element (at most the range's count; more is reported as an error by `build`).
public struct RangeOutput<Element>: ~Copyable {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    @usableFromInline let capacity: Int
    @usableFromInline var written = 0
    @usableFromInline var overflowed = false

    init(base: UnsafeMutablePointer<Element>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    @inlinable
    public mutating func append(_ element: consuming Element) {
        guard written < capacity else {
            overflowed = true
            return
        }
        (base + written).initialize(to: element)
        written += 1
    }

    /// Elements appended so far.
    public var count: Int { written }
}

/// A pointer handed to concurrent pieces of work that each write a part no other writes.
private struct UncheckedPointer<Pointee>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Pointee>
    init(_ pointer: UnsafeMutablePointer<Pointee>) { self.pointer = pointer }
}
