import Prometheus
import Synchronization
import TideCore
import TideDB
import TideStore

/// The counters, gauges and histograms every front end records, in one Prometheus registry
/// per server (never the process-wide `MetricsSystem`, so tests can create many). `/metrics`
/// serves `render(database:)`.
public final class ServerMetrics: Sendable {
    /// The registry every metric lives in; front ends may register more.
    public let registry: PrometheusCollectorRegistry
    private let statements: Counter
    private let rocksSize: Gauge
    private let cacheHits: Gauge
    private let cacheMisses: Gauge
    private let cacheHitRatio: Gauge
    /// Per-series metrics, created on first use (the registry would return the same ones;
    /// the cache skips its label validation on the request path).
    private let series: Mutex<SeriesCache>

    /// A registry with every unlabeled metric at zero.
    public init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        statements = registry.makeCounter(descriptor: MetricName.statements.descriptor)
        rocksSize = registry.makeGauge(descriptor: MetricName.rocksSize.descriptor)
        cacheHits = registry.makeGauge(descriptor: MetricName.cacheHits.descriptor)
        cacheMisses = registry.makeGauge(descriptor: MetricName.cacheMisses.descriptor)
        cacheHitRatio = registry.makeGauge(descriptor: MetricName.cacheHitRatio.descriptor)
        series = Mutex(SeriesCache())
        for name in ["pgwire", "http"] { _ = connections(name) }
    }

    /// One statement ran to completion (`error` nil) or failed with `error`.
    public func statementFinished(error: SQLState?) {
        statements.increment()
        guard let error else { return }
        let errorClass = String(error.rawValue.prefix(2))
        let counter = series.withLock { cache in
            if let counter = cache.statementErrors[errorClass] { return counter }
            let counter = registry.makeCounter(
                descriptor: MetricName.statementErrors.descriptor, labels: [("sqlstate_class", errorClass)])
            cache.statementErrors[errorClass] = counter
            return counter
        }
        counter.increment()
    }

    /// One request of deployment `deployment` in `database` took `duration` and succeeded or
    /// `failed`.
    public func deploymentRequest(database: String, deployment: String, duration: Duration, failed: Bool) {
        let key = DeploymentKey(database: database, deployment: deployment)
        let metrics = series.withLock { cache in
            if let metrics = cache.deployments[key] { return metrics }
            let metrics = DeploymentMetrics(registry: registry, key: key)
            cache.deployments[key] = metrics
            return metrics
        }
        metrics.requests.increment()
        metrics.latency.record(duration)
        if failed { metrics.errors.increment() }
    }

    /// A client connected over `protocol` (`pgwire` or `http`).
    public func connectionOpened(protocol name: String) {
        connections(name).increment()
    }

    /// A client of `protocol` disconnected.
    public func connectionClosed(protocol name: String) {
        connections(name).decrement()
    }

    /// `count` rows were stored into `database.table`.
    public func rowsWritten(database: String, table: String, count: Int) {
        guard count > 0 else { return }
        let key = TableKey(database: database, table: table)
        let counter = series.withLock { cache in
            if let counter = cache.rowsWritten[key] { return counter }
            let counter = registry.makeCounter(
                descriptor: MetricName.rowsWritten.descriptor, labels: [("database", database), ("table", table)])
            cache.rowsWritten[key] = counter
            return counter
        }
        counter.increment(by: Int64(count))
    }

    /// The Prometheus text exposition (format 0.0.4) of every metric, after refreshing the
    /// storage gauges from `database`.
    public func render(database: Database) -> String {
        let storage = database.storageStatistics()
        rocksSize.set(Double(storage.sizeBytes))
        cacheHits.set(Double(storage.blockCacheHits))
        cacheMisses.set(Double(storage.blockCacheMisses))
        cacheHitRatio.set(storage.blockCacheHitRatio)
        return registry.emitToString() + SourceMetricsText.render(database: database)
    }

    private func connections(_ protocolName: String) -> Gauge {
        series.withLock { cache in
            if let gauge = cache.connections[protocolName] { return gauge }
            let gauge = registry.makeGauge(
                descriptor: MetricName.connections.descriptor, labels: [("protocol", protocolName)])
            cache.connections[protocolName] = gauge
            return gauge
        }
    }
}

/// The labeled metrics created so far.
private struct SeriesCache: Sendable {
    var statementErrors: [String: Counter] = [:]
    var deployments: [DeploymentKey: DeploymentMetrics] = [:]
    var connections: [String: Gauge] = [:]
    var rowsWritten: [TableKey: Counter] = [:]
}

private struct DeploymentKey: Hashable, Sendable {
    var database: String
    var deployment: String
}

private struct TableKey: Hashable, Sendable {
    var database: String
    var table: String
}

/// The three series of one deployment.
private struct DeploymentMetrics: Sendable {
    let requests: Counter
    let errors: Counter
    let latency: DurationHistogram

    init(registry: PrometheusCollectorRegistry, key: DeploymentKey) {
        let labels = [("database", key.database), ("deployment", key.deployment)]
        requests = registry.makeCounter(descriptor: MetricName.deploymentRequests.descriptor, labels: labels)
        errors = registry.makeCounter(descriptor: MetricName.deploymentErrors.descriptor, labels: labels)
        latency = registry.makeDurationHistogram(
            descriptor: MetricName.deploymentLatency.descriptor, labels: labels, buckets: MetricName.latencyBuckets)
    }
}
