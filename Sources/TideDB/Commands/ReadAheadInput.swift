import Dispatch
import Foundation
import Synchronization
import TideCore

/// A `LoadInput` whose reading (parsing a CSV file, say) runs on another thread, up to
/// `depth` batches ahead of the caller, so reading and writing a large load overlap.
/// Batches come out in order; an error comes out where it happened. Dropping the reader
/// stops the thread after the batch it is reading.
final class ReadAheadInput: LoadInput {
    private let shared: Shared
    private var finished = false
    private(set) var rowsRead: Int64 = 0

    init(_ source: any LoadInput, depth: Int = 2) {
        shared = Shared(source: source, depth: depth)
        let shared = self.shared
        // A thread of its own: it blocks while the caller is behind, which must not take one
        // of the global queue's threads (they are as many as the cores).
        Thread.detachNewThread { shared.produce() }
    }

    deinit { shared.stop() }

    func next() throws -> ColumnBatch? { try nextBatch()?.values }

    func nextBatch() throws -> LoadBatch? {
        guard !finished else { return nil }
        switch shared.take() {
        case .success(let batch?):
            rowsRead += Int64(batch.count)
            return batch
        case .success(nil):
            finished = true
            return nil
        case .failure(let error):
            finished = true
            throw error
        }
    }

    /// What the reading thread and the caller share.
    private final class Shared: @unchecked Sendable {
        // Used by the reading thread only (after `init`).
        private let source: any LoadInput
        private let free: DispatchSemaphore
        private let ready = DispatchSemaphore(value: 0)
        private let state = Mutex<(queue: [Result<LoadBatch?, any Error>], stopped: Bool)>(([], false))

        init(source: any LoadInput, depth: Int) {
            self.source = source
            // Created at 0 and signalled up: libdispatch traps when a semaphore is freed below
            // the value it was created with (a reader dropped early).
            free = DispatchSemaphore(value: 0)
            for _ in 0..<max(1, depth) { free.signal() }
        }

        func produce() {
            while true {
                free.wait()
                if state.withLock({ $0.stopped }) { return }
                let item = Result { try source.nextBatch() }
                state.withLock { $0.queue.append(item) }
                ready.signal()
                switch item {
                case .success(nil), .failure: return
                case .success: continue
                }
            }
        }

        func take() -> Result<LoadBatch?, any Error> {
            ready.wait()
            let item = state.withLock { $0.queue.removeFirst() }
            free.signal()
            return item
        }

        func stop() {
            state.withLock { $0.stopped = true }
            free.signal()
        }
    }
}
