import NIOCore
import Synchronization

/// The server's open client channels, so that shutdown can close them.
public final class ChildChannels: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    public init() {}

    /// Tracks `channel` until it closes.
    public func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        channels.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in
            _ = self?.channels.withLock { $0.removeValue(forKey: id) }
        }
    }

    /// Closes every open channel and waits until each has closed.
    public func closeAll() async {
        let open = channels.withLock { Array($0.values) }
        for channel in open {
            channel.close(promise: nil)
            try? await channel.closeFuture.get()
        }
    }
}
