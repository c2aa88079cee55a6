import Synchronization

/// How long a compiled deployment's recent calls took, so a server can tell calls that are
/// reliably short (and may run on the thread that received them, without a hand-off to a
/// worker thread) from ones that may block for long.
///
/// Keeps a running mean that gives each new call 1/16 of the weight and the slowest recent
/// call, which decays by 1/64 per call: one 50 ms call keeps a deployment off the short path
/// (slowest under 10 ms) for about 100 calls. 10 ms rather than less: on a busy machine a
/// call that is short now and then takes a few milliseconds of scheduling noise, which
/// should not send its deployment back to the pool.
public final class DeploymentCallTimes: Sendable {
    private let calls = Atomic<Int>(0)
    private let meanNanoseconds = Atomic<Int>(0)
    private let slowestNanoseconds = Atomic<Int>(0)

    /// Calls a deployment must have made before it can count as short.
    public static let warmUpCalls = 16

    public init() {}

    /// Records one call of `duration`.
    public func record(_ duration: Duration) {
        let nanoseconds = max(0, Self.nanoseconds(duration))
        let previous = calls.add(1, ordering: .relaxed).oldValue
        update(meanNanoseconds) { mean in previous == 0 ? nanoseconds : mean + (nanoseconds - mean) / 16 }
        update(slowestNanoseconds) { slowest in max(nanoseconds, slowest - slowest / 64) }
    }

    /// True once the deployment made `warmUpCalls` calls, and its recent calls took less than
    /// `meanLimit` on average and none more than `slowestLimit` (up to the decay).
    public func areShort(meanLimit: Duration = .milliseconds(2), slowestLimit: Duration = .milliseconds(10)) -> Bool {
        guard calls.load(ordering: .relaxed) >= Self.warmUpCalls else { return false }
        return meanNanoseconds.load(ordering: .relaxed) < Self.nanoseconds(meanLimit)
            && slowestNanoseconds.load(ordering: .relaxed) < Self.nanoseconds(slowestLimit)
    }

    private func update(_ value: borrowing Atomic<Int>, _ next: (Int) -> Int) {
        var current = value.load(ordering: .relaxed)
        while true {
            let (exchanged, original) = value.compareExchange(
                expected: current, desired: next(current), ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    }
}
