import Synchronization

/// Collects the ports each protocol bound and reports once all have.
final class ReadinessTracker: Sendable {
    private let state = Mutex(TideServerApp.Listening(pgPort: nil, httpPort: nil))
    private let onReady: @Sendable (TideServerApp.Listening) -> Void

    init(onReady: @escaping @Sendable (TideServerApp.Listening) -> Void) { self.onReady = onReady }

    func pg(_ port: Int) { update { $0.pgPort = port } }
    func http(_ port: Int) { update { $0.httpPort = port } }

    private func update(_ change: (inout TideServerApp.Listening) -> Void) {
        let complete = state.withLock { listening -> TideServerApp.Listening? in
            change(&listening)
            return listening.pgPort != nil && listening.httpPort != nil ? listening : nil
        }
        if let complete { onReady(complete) }
    }
}
