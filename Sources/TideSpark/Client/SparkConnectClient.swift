import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf
import SwiftProtobuf
import Synchronization
import TideCore
import TideDB

/// One Spark Connect session over gRPC (HTTP/2, plaintext): runs SQL, returns the rows
/// Spark streams back as Arrow batches, and keeps session settings (time zone) in step.
///
/// Queries run reattachable: if the response stream breaks before Spark says the result is
/// complete, the client reattaches from the last response it received (up to 3 times), and
/// it releases the operation once read. Spark's errors become `TideError`s carrying the
/// SQLSTATE Spark reports (`SQLSTATE: 42703` in its message), or 08006 when the server cannot
/// be reached.
final class SparkConnectClient: Sendable {
    let endpoint: SparkEndpoint
    let sessionID = UUID().uuidString.lowercased()
    private let client: GRPCClient<HTTP2ClientTransport.Posix>
    private let connections: Task<Void, Never>
    private let userContext: Spark_Connect_UserContext
    private static let clientType = "tidedb"
    private static let service = ServiceDescriptor(fullyQualifiedService: "spark.connect.SparkConnectService")

    init(endpoint: SparkEndpoint) throws {
        self.endpoint = endpoint
        var config = HTTP2ClientTransport.Posix.Config.defaults
        config.connection.maxIdleTime = nil
        let transport = try HTTP2ClientTransport.Posix(
            target: .dns(host: endpoint.host, port: endpoint.port), transportSecurity: .plaintext, config: config)
        let client = GRPCClient(transport: transport)
        self.client = client
        connections = Task(executorPreference: SparkTaskExecutor.shared) { try? await client.runConnections() }
        var context = Spark_Connect_UserContext()
        context.userID = "tidedb"
        context.userName = "tidedb"
        userContext = context
    }

    deinit {
        client.beginGracefulShutdown()
        connections.cancel()
    }

    private var options: CallOptions {
        var options = CallOptions.defaults
        options.maxResponseMessageBytes = 512 * 1024 * 1024
        return options
    }

    /// Sets Spark session configuration (`spark.sql.session.timeZone`, ...).
    func setConfig(_ pairs: [(String, String)]) async throws {
        var request = Spark_Connect_ConfigRequest()
        request.sessionID = sessionID
        request.userContext = userContext
        request.clientType = Self.clientType
        request.operation.set.pairs = pairs.map { key, value in
            var pair = Spark_Connect_KeyValue()
            pair.key = key
            pair.value = value
            return pair
        }
        _ = try await call(
            "Config", request, response: Spark_Connect_ConfigResponse.self
        ) { try $0.message }
    }

    /// Runs a statement that returns no rows (a view definition, a write).
    func command(_ sql: String, interrupt: StatementInterrupt? = nil) async throws {
        var plan = Spark_Connect_Plan()
        plan.command.sqlCommand.input.sql.query = sql
        try await execute(plan, interrupt: interrupt) { _ in }
    }

    /// Runs a query and hands its rows to `batch` as Spark streams them, one Arrow batch at a
    /// time (each decoded into a reader of its own), in order.
    func query(
        _ sql: String, interrupt: StatementInterrupt?, batch: @escaping @Sendable (ArrowStreamReader) throws -> Void
    ) async throws {
        var plan = Spark_Connect_Plan()
        plan.root.sql.query = sql
        try await execute(plan, interrupt: interrupt, batch: batch)
    }

    /// Cancels the operation `id` (after the statement that started it was canceled).
    func interrupt(operation id: String) async {
        var request = Spark_Connect_InterruptRequest()
        request.sessionID = sessionID
        request.userContext = userContext
        request.clientType = Self.clientType
        request.interruptType = .operationID
        request.operationID = id
        _ = try? await call("Interrupt", request, response: Spark_Connect_InterruptResponse.self) { try $0.message }
    }

    /// Ends the session on the server (its temporary views go with it).
    func releaseSession() async {
        var request = Spark_Connect_ReleaseSessionRequest()
        request.sessionID = sessionID
        request.userContext = userContext
        request.clientType = Self.clientType
        _ = try? await call(
            "ReleaseSession", request, response: Spark_Connect_ReleaseSessionResponse.self
        ) { try $0.message }
    }

    private func execute(
        _ plan: Spark_Connect_Plan, interrupt: StatementInterrupt?,
        batch: @escaping @Sendable (ArrowStreamReader) throws -> Void
    ) async throws {
        let operationID = UUID().uuidString.lowercased()
        var request = Spark_Connect_ExecutePlanRequest()
        request.sessionID = sessionID
        request.userContext = userContext
        request.clientType = Self.clientType
        request.operationID = operationID
        request.plan = plan
        var reattach = Spark_Connect_ExecutePlanRequest.RequestOption()
        reattach.reattachOptions.reattachable = true
        request.requestOptions = [reattach]
        let progress = ExecutionProgress(batch: batch)
        // Spark ends a reattachable stream now and then (every 2 minutes or 1 GiB by default)
        // without ResultComplete: the client reattaches from its last response, as often as it
        // takes. A stream that breaks (server unreachable) is retried up to 3 times in a row.
        var attached = false
        var failures = 0
        while true {
            let receivedBefore = progress.received
            do {
                if !attached {
                    try await stream("ExecutePlan", request, into: progress, interrupt: interrupt)
                } else {
                    var again = Spark_Connect_ReattachExecuteRequest()
                    again.sessionID = sessionID
                    again.userContext = userContext
                    again.clientType = Self.clientType
                    again.operationID = operationID
                    if let last = progress.lastResponseID { again.lastResponseID = last }
                    try await stream("ReattachExecute", again, into: progress, interrupt: interrupt)
                }
                failures = 0
            } catch let error as RPCError
                where error.code == .unavailable && failures < 3 && (attached || progress.started)
            {
                // Three failures in a row without a response in between end the statement.
                failures = progress.received > receivedBefore ? 1 : failures + 1
                attached = true
                try await Task.sleep(for: .milliseconds(200 * failures))
                continue
            } catch {
                if interrupt?.isInterrupted == true || Task.isCancelled {
                    // This task is canceled, so the interrupt goes out from a task of its own.
                    await Task.detached(executorPreference: SparkTaskExecutor.shared) {
                        await self.interrupt(operation: operationID)
                    }.value
                    try interrupt?.check()
                    throw TideError(.queryCanceled, "canceling statement due to user request")
                }
                if let error = error as? RPCError { throw SparkConnectClient.tideError(error, endpoint: endpoint) }
                throw error
            }
            if progress.complete { break }
            attached = true
        }
        await release(operationID)
    }

    private func release(_ operationID: String) async {
        var request = Spark_Connect_ReleaseExecuteRequest()
        request.sessionID = sessionID
        request.userContext = userContext
        request.clientType = Self.clientType
        request.operationID = operationID
        request.releaseAll = Spark_Connect_ReleaseExecuteRequest.ReleaseAll()
        _ = try? await call(
            "ReleaseExecute", request, response: Spark_Connect_ReleaseExecuteResponse.self
        ) { try $0.message }
    }

    private func stream<Request: SwiftProtobuf.Message>(
        _ method: String, _ request: Request, into progress: ExecutionProgress, interrupt: StatementInterrupt?
    ) async throws {
        try await client.serverStreaming(
            request: ClientRequest(message: request),
            descriptor: MethodDescriptor(service: Self.service, method: method),
            serializer: ProtobufSerializer<Request>(),
            deserializer: ProtobufDeserializer<Spark_Connect_ExecutePlanResponse>(),
            options: options
        ) { response in
            for try await message in response.messages {
                try interrupt?.check()
                try progress.take(message)
            }
        }
    }

    private func call<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message, Result: Sendable>(
        _ method: String, _ request: Request, response: Response.Type,
        _ handle: @Sendable @escaping (ClientResponse<Response>) async throws -> Result
    ) async throws -> Result {
        do {
            return try await client.unary(
                request: ClientRequest(message: request),
                descriptor: MethodDescriptor(service: Self.service, method: method),
                serializer: ProtobufSerializer<Request>(),
                deserializer: ProtobufDeserializer<Response>(),
                options: options, onResponse: handle)
        } catch let error as RPCError {
            throw SparkConnectClient.tideError(error, endpoint: endpoint)
        }
    }

    /// Spark's error as a TideDB error: the SQLSTATE in Spark's message when it gives one.
    static func tideError(_ error: RPCError, endpoint: SparkEndpoint) -> TideError {
        switch error.code {
        case .unavailable, .deadlineExceeded:
            return TideError(
                .connectionFailure, "cannot reach Spark Connect at \(endpoint): \(error.message)",
                hint: "start it (see the README, \"Offline on Spark\") or SET @@offline_engine = 'local'")
        case .cancelled:
            return TideError(.queryCanceled, "canceling statement due to user request")
        default:
            let message = error.message
            var state = SQLState.externalRoutineException
            if let range = message.range(of: "SQLSTATE: ") {
                let code = message[range.upperBound...].prefix(5)
                if code.count == 5, code.allSatisfy({ $0.isLetter || $0.isNumber }) {
                    state = SQLState(rawValue: String(code))
                }
            }
            let firstLine = message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? message
            return TideError(state, "Spark: \(firstLine)", detail: message == firstLine ? nil : message)
        }
    }
}

/// What one execution has received so far (shared with the response handler).
private final class ExecutionProgress: Sendable {
    private struct State {
        var lastResponseID: String?
        var complete = false
        var started = false
        var received = 0
    }
    private let state = Mutex(State())
    private let batch: @Sendable (ArrowStreamReader) throws -> Void

    init(batch: @escaping @Sendable (ArrowStreamReader) throws -> Void) {
        self.batch = batch
    }

    var lastResponseID: String? { state.withLock { $0.lastResponseID } }
    var complete: Bool { state.withLock { $0.complete } }
    var started: Bool { state.withLock { $0.started } }
    /// Responses taken so far.
    var received: Int { state.withLock { $0.received } }

    func take(_ response: Spark_Connect_ExecutePlanResponse) throws {
        switch response.responseType {
        case .arrowBatch(let arrow):
            var reader = ArrowStreamReader()
            try reader.read(Array(arrow.data))
            try batch(reader)
        case .resultComplete:
            state.withLock { $0.complete = true }
        case .sqlCommandResult, .none:
            break
        }
        state.withLock { state in
            state.started = true
            state.received += 1
            if !response.responseID.isEmpty { state.lastResponseID = response.responseID }
        }
    }
}
