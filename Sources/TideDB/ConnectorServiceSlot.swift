import Synchronization

/// The connector service a process installed into its database, if any.
final class ConnectorServiceSlot: Sendable {
    private let slot = Mutex<(any ConnectorService)?>(nil)

    /// Installs `service`, replacing none: a second install is ignored and returns false.
    func install(_ service: any ConnectorService) -> Bool {
        slot.withLock { current in
            guard current == nil else { return false }
            current = service
            return true
        }
    }

    /// Removes and returns the installed service.
    func remove() -> (any ConnectorService)? {
        slot.withLock { current in
            defer { current = nil }; return current
        }
    }

    var value: (any ConnectorService)? { slot.withLock { $0 } }
}
