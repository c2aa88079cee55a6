import Dispatch
import Synchronization
import TideCore

/// Runs offline merges (`OfflineCompaction`) on a background queue, so the write that crosses
/// the small-segment threshold returns at once and no writer ever waits for a merge or fails
/// because of one. A table scheduled again while queued is merged once.
///
/// `waitUntilIdle()` lets a closing database finish the merge in progress (and those queued)
/// before it releases its data directory.
public final class OfflineCompactor: Sendable {
    private struct Job {
        var table: TableDef
        var compaction: OfflineCompaction
    }

    private struct State {
        /// Queued merges by table folder, in the order they were first scheduled.
        var order: [String] = []
        var jobs: [String: Job] = [:]
        var draining = false
        var merges = 0
        var lastError: TideError?
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "tide.offline-compactor", qos: .utility)

    public init() {}

    /// Queues a merge of the table in `directory`.
    func schedule(table: TableDef, directory: String, compaction: OfflineCompaction) {
        let start = state.withLock { state -> Bool in
            if state.jobs[directory] == nil { state.order.append(directory) }
            state.jobs[directory] = Job(table: table, compaction: compaction)
            defer { state.draining = true }
            return !state.draining
        }
        if start { queue.async { self.drain() } }
    }

    /// Removes files no manifest lists any more (the segments an overwrite replaced) on the
    /// background queue, so the statement that replaced them does not wait for the file
    /// system to drop hundreds of megabytes. One left behind by a crash is an orphan the next
    /// open removes.
    func removeLater(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        queue.async {
            for path in paths { try? FileSystem.removeFile(path) }
        }
    }

    /// Blocks until no merge or removal is queued or running.
    public func waitUntilIdle() {
        queue.sync {}
    }

    /// Merges committed so far (for tests and metrics).
    public var mergeCount: Int { state.withLock { $0.merges } }

    /// The last merge failure, if any (the table's segments stay as they were; the next write
    /// that crosses the threshold tries again).
    public var failure: TideError? { state.withLock { $0.lastError } }

    private func drain() {
        while true {
            let next = state.withLock { state -> (String, Job?)? in
                guard !state.order.isEmpty else {
                    state.draining = false
                    return nil
                }
                let directory = state.order.removeFirst()
                return (directory, state.jobs.removeValue(forKey: directory))
            }
            guard let (directory, queued) = next else { return }
            guard let job = queued else { continue }
            do {
                let merged = try job.compaction.run(table: job.table, directory: directory)
                if merged { state.withLock { $0.merges += 1 } }
            } catch let error as TideError {
                state.withLock { $0.lastError = error }
            } catch {
                state.withLock { $0.lastError = TideError.internal(String(describing: error)) }
            }
        }
    }
}
