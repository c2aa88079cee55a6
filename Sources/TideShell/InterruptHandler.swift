import Dispatch
import Synchronization

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Keeps SIGINT (Ctrl-C) from ever killing the shell: the default action is replaced, and a
/// dispatch signal source runs on its own queue. While a statement runs (`running`), Ctrl-C
/// prints `cancel requested` and calls the backend's cancel action (printing why it failed,
/// if it did); at other times it is ignored (at the prompt the line editor reads Ctrl-C as a
/// key, without a signal).
public final class InterruptHandler: Sendable {
    private struct State {
        var action: (@Sendable () -> String?)?
        var interrupted = false
    }

    /// The state the handler's queue and the shell's thread share.
    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    private let shared = Shared()
    private let source: SignalSource

    /// Installs the handler; `report` prints a line (to standard error) from the handler's
    /// queue. The handler stays installed for the life of the process.
    public init(report: @escaping @Sendable (String) -> Void) {
        signal(SIGINT, SIG_IGN)
        let shared = self.shared
        source = SignalSource(signal: SIGINT) {
            let action = shared.state.withLock { state -> (@Sendable () -> String?)? in
                guard state.action != nil else { return nil }
                state.interrupted = true
                return state.action
            }
            guard let action else { return }
            // Said before the cancel is sent, so it comes before the statement's error.
            report("cancel requested")
            if let problem = action() { report(problem) }
        }
    }

    /// Runs `body` with Ctrl-C calling `cancel`. Returns `body`'s result and whether Ctrl-C
    /// was pressed while it ran.
    public func running<T>(cancel: @escaping @Sendable () -> String?, _ body: () throws -> T) rethrows -> (
        T, interrupted: Bool
    ) {
        shared.state.withLock { $0 = State(action: cancel, interrupted: false) }
        defer { shared.state.withLock { $0.action = nil } }
        let value = try body()
        return (value, shared.state.withLock { $0.interrupted })
    }

    /// A started `DispatchSourceSignal`.
    ///
    /// `@unchecked Sendable`: the source is created and resumed in `init` and never touched
    /// again; libdispatch calls its handler on the source's own serial queue.
    private final class SignalSource: @unchecked Sendable {
        let source: any DispatchSourceSignal

        init(signal: Int32, handler: @escaping @Sendable () -> Void) {
            source = DispatchSource.makeSignalSource(
                signal: signal, queue: DispatchQueue(label: "tide.shell.sigint"))
            source.setEventHandler(handler: handler)
            source.resume()
        }
    }
}
