import Dispatch

/// Where TideSpark's async work runs: a serial dispatch queue of its own rather than Swift's
/// cooperative pool. A statement waits for Spark by blocking its thread (`BlockingCall`);
/// when that thread is itself one of the pool's (a test, an async caller), and every pool
/// thread waits so, work queued on the pool could never run. Tasks given this executor as
/// their preference (`Task(executorPreference:)`), and everything they await, run here.
final class SparkTaskExecutor: TaskExecutor {
    static let shared = SparkTaskExecutor()
    private let queue = DispatchQueue(label: "tidedb.spark-connect")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
