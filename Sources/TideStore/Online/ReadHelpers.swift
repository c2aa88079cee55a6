import Dispatch
import Foundation
import Glibc
import Synchronization

/// Threads that read part of a long index read while the request's own thread reads the rest,
/// so that a request's largest read uses a second core when one is idle (`OnlineStore.columns`).
///
/// A read splits only while the process runs fewer other index reads than there are helpers
/// (`reading`): a request running alone has its long read split, while under
/// concurrent requests every core already has a read of its own and a read runs whole on its
/// own thread, so that a helper never takes a core a request could have used. A read that
/// finds no helper idle is read whole too.
///
/// A helper spins for up to a millisecond after each job (waking a sleeping thread costs more
/// than half a read on a virtual machine), so it takes a core's time: with two cores or fewer
/// there are none unless `TIDE_READ_HELPERS=n` asks for them (on two cores the spin competes
/// with the server's threads, Kafka ingest and the clients even when reads run one at a
/// time); with more, one per two cores beyond two, at most 3.
final class ReadHelpers: Sendable {
    /// The process's helpers (see the type's note); `TIDE_READ_HELPERS=n` sets the number.
    static let shared = ReadHelpers(count: configuredCount(ProcessInfo.processInfo.environment["TIDE_READ_HELPERS"]))

    static func configuredCount(_ setting: String?, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        if let setting, let count = Int(setting) { return min(8, max(0, count)) }
        return min(3, max(0, (cores - 1) / 2))
    }

    private let idle: Mutex<[Helper]>
    /// How many helpers there are.
    let count: Int

    init(count: Int) {
        self.count = count
        let helpers = (0..<count).map { _ in Helper() }
        idle = Mutex(helpers)
        for helper in helpers {
            let thread = Thread { helper.serve() }
            thread.name = "tide-read-helper"
            thread.start()
        }
    }

    /// How many index reads run now (`reading`).
    private let running = Atomic<Int>(0)

    /// Runs `read`, an index read, counted among the reads running: `maySplit` tells it whether
    /// fewer other reads run now than there are helpers (then it may split; see the type's note).
    func reading<T>(_ read: (_ maySplit: Bool) throws -> T) rethrows -> T {
        // Without helpers nothing splits: no shared counter touched per read.
        guard count > 0 else { return try read(false) }
        let others = running.add(1, ordering: .relaxed).oldValue
        defer { running.subtract(1, ordering: .relaxed) }
        return try read(others < count)
    }

    /// Starts `job` on an idle helper, or returns nil (the caller runs it itself) when every
    /// helper is busy. The caller must `wait` for the returned job before it returns.
    func start(_ job: @escaping @Sendable () -> Void) -> Started? {
        guard let helper = idle.withLock({ $0.popLast() }) else { return nil }
        helper.give(job)
        return Started(helper: helper, helpers: self)
    }

    fileprivate func release(_ helper: Helper) {
        idle.withLock { $0.append(helper) }
    }

    /// A job running on a helper.
    struct Started: ~Copyable {
        fileprivate let helper: Helper
        fileprivate let helpers: ReadHelpers

        /// Returns once the job has finished; the helper is then idle again.
        consuming func wait() {
            helper.waitUntilDone()
            helpers.release(helper)
        }
    }
}

/// One helper thread: it waits for a job, runs it, and says so. Waiting spins for a while
/// before it sleeps (waking a sleeping thread costs more, on a virtual machine, than a
/// request's half read): a helper stays awake while requests keep coming.
private final class Helper: @unchecked Sendable {
    private static let idle = 0
    private static let posted = 1
    private static let done = 2
    /// How long an idle helper spins before it sleeps, and a caller before it sleeps.
    private static let spinNanoseconds: UInt64 = 1_000_000

    private let state = Atomic<Int>(0)
    private let helperSleeps = Atomic<Bool>(false)
    private let callerSleeps = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// Set before `state` becomes `posted`, read after the helper sees it: ordered by `state`.
    private var job: (@Sendable () -> Void)?

    func give(_ job: @escaping @Sendable () -> Void) {
        self.job = job
        state.store(Self.posted, ordering: .sequentiallyConsistent)
        if helperSleeps.load(ordering: .sequentiallyConsistent) { wake.signal() }
    }

    func waitUntilDone() {
        if !Self.spin(until: { state.load(ordering: .acquiring) == Self.done }) {
            callerSleeps.store(true, ordering: .sequentiallyConsistent)
            while state.load(ordering: .sequentiallyConsistent) != Self.done { finished.wait() }
            callerSleeps.store(false, ordering: .sequentiallyConsistent)
        }
        state.store(Self.idle, ordering: .releasing)
    }

    func serve() {
        while true {
            if !Self.spin(until: { state.load(ordering: .acquiring) == Self.posted }) {
                helperSleeps.store(true, ordering: .sequentiallyConsistent)
                while state.load(ordering: .sequentiallyConsistent) != Self.posted { wake.wait() }
                helperSleeps.store(false, ordering: .sequentiallyConsistent)
            }
            job?()
            job = nil
            state.store(Self.done, ordering: .sequentiallyConsistent)
            if callerSleeps.load(ordering: .sequentiallyConsistent) { finished.signal() }
        }
    }

    /// Spins until `condition` holds (true) or `spinNanoseconds` pass (false), yielding the
    /// core now and then so that a thread waiting for it runs.
    private static func spin(until condition: () -> Bool) -> Bool {
        let start = DispatchTime.now().uptimeNanoseconds
        var spins = 0
        while !condition() {
            spins += 1
            if spins & 63 == 0 {
                if DispatchTime.now().uptimeNanoseconds - start > spinNanoseconds { return false }
                sched_yield()
            }
        }
        return true
    }
}
