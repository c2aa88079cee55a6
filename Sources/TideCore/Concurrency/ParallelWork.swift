import Dispatch
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

    /// `body` over contiguous ranges of `0..<count` concurrently, the pieces joined in order.
    public static func concatenate<T: Sendable>(
        _ count: Int, minimum: Int = 16_384, _ body: @Sendable (Range<Int>) throws -> [T]
    ) throws -> [T] {
        let ranges = ranges(count, minimum: minimum)
        if ranges.count <= 1 { return try body(0..<count) }
        let pieces = try map(ranges.count) { try body(ranges[$0]) }
        var out: [T] = []
        out.reserveCapacity(count)
        for piece in pieces { out.append(contentsOf: piece) }
        return out
    }
}
