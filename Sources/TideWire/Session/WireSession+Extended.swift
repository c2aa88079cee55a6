import TideCore
import TideDB
import TideSQL

/// The extended query protocol: Parse, Bind, Describe, Execute, Close, Sync, Flush.
extension WireSession {
    /// Handles one extended-query message. Returns the messages to send and whether it failed
    /// (then the caller discards messages up to the next Sync).
    public func extended(_ message: FrontendMessage) -> (messages: [BackendMessage], failed: Bool) {
        do {
            return (try handle(message), false)
        } catch {
            let sql: String
            switch message {
            case .parse(let parse): sql = parse.query
            case .execute(let portal, _): sql = portals[portal]?.sql ?? ""
            case .query, .bind, .describe, .sync, .flush, .close, .terminate, .authenticationResponse, .copy: sql = ""
            }
            return ([.error(errorFields(error, sql: sql))], true)
        }
    }

    private func handle(_ message: FrontendMessage) throws -> [BackendMessage] {
        switch message {
        case .parse(let parse): return try handleParse(parse)
        case .bind(let bind): return try handleBind(bind)
        case .describe(.statement(let name)): return try describeStatement(name)
        case .describe(.portal(let name)): return try describePortal(name)
        case .execute(let name, let maxRows): return try execute(portal: name, maxRows: Int(maxRows))
        case .close(.statement(let name)):
            statements[name] = nil
            return [.closeComplete]
        case .close(.portal(let name)):
            portals[name] = nil
            return [.closeComplete]
        case .sync:
            return [.readyForQuery(transaction)]
        case .flush:
            return []
        case .query(let sql):
            return simpleQuery(sql)
        case .copy:
            throw TideError(.featureNotSupported, "COPY is not supported; use LOAD DATA INFILE or INSERT")
        case .terminate, .authenticationResponse:
            throw WireProtocolError.malformed("unexpected message")
        }
    }

    private func handleParse(_ parse: ParseMessage) throws -> [BackendMessage] {
        if !parse.name.isEmpty, statements[parse.name] != nil {
            throw TideError("42P05", "prepared statement \"\(parse.name)\" already exists")
        }
        var parsed: Statement?
        let count = max(parse.parameterTypes.count, ParameterSubstitution.parameterCount(parse.query))
        let nulls = [String?](repeating: nil, count: count)
        if PostgresCompatibility.answer(parse.query, parameters: nulls, context: compatibilityContext) == nil {
            let entries = session.parseScript(parse.query)
            guard entries.count <= 1 else {
                throw TideError(.syntaxError, "cannot insert multiple commands into a prepared statement")
            }
            parsed = try entries.first?.result.get()
        }
        var types = parse.parameterTypes
        types += Array(repeating: 0, count: count - types.count)
        if let parsed { types = ParameterTypeInference.infer(parsed, declared: types, session: session) }
        statements[parse.name] = PreparedStatement(sql: parse.query, parameterTypes: types, parsed: parsed)
        return [.parseComplete]
    }

    private func handleBind(_ bind: BindMessage) throws -> [BackendMessage] {
        guard let statement = statements[bind.statement] else {
            throw TideError(.invalidStatementName, "prepared statement \"\(bind.statement)\" does not exist")
        }
        guard bind.parameters.count == statement.parameterTypes.count else {
            throw TideError(
                .protocolViolation,
                "bind message supplies \(bind.parameters.count) parameters, but prepared statement "
                    + "\"\(bind.statement)\" requires \(statement.parameterTypes.count)")
        }
        if !bind.portal.isEmpty, portals[bind.portal] != nil {
            throw TideError("42P03", "portal \"\(bind.portal)\" already exists")
        }
        var sql = statement.sql
        var parsed = statement.parsed
        var deploymentRows: (name: QualifiedName, rows: [[Value]])?
        if parsed != nil, !bind.parameters.isEmpty {
            let decoder = WireParameterDecoder(timeZone: session.timeZone)
            let values = try bind.parameters.enumerated().map { i, bytes in
                try decoder.decode(
                    bytes, typeOID: statement.parameterTypes[i], format: bind.parameterFormat(i), index: i)
            }
            if let call = statement.deploymentCall {
                // The values go to the deployment as they are: no literal text to print and reparse.
                deploymentRows = (call.deployment, try call.rows(values))
            } else {
                sql = try ParameterSubstitution.substitute(statement.sql, values: values)
                parsed = try session.parseStatement(sql)
            }
        }
        let textParameters = parsed == nil ? bind.parameters.map { $0.map { String(decoding: $0, as: UTF8.self) } } : []
        portals[bind.portal] = Portal(
            sql: sql, parsed: parsed, resultFormats: bind.resultFormats, result: nil,
            textParameters: textParameters, deploymentRows: deploymentRows)
        return [.bindComplete]
    }

    private func describeStatement(_ name: String) throws -> [BackendMessage] {
        guard let statement = statements[name] else {
            throw TideError(.invalidStatementName, "prepared statement \"\(name)\" does not exist")
        }
        let parameterTypes = statement.parameterTypes.map { $0 == 0 ? PostgresType.text.oid : $0 }
        var out: [BackendMessage] = [.parameterDescription(parameterTypes)]
        guard let parsed = statement.parsed else {
            let nulls = [String?](repeating: nil, count: statement.parameterTypes.count)
            let answer = compatibilityAnswer(statement.sql, parameters: nulls).map(WireResult.init)
            out.append(answer?.columns.map { .rowDescription(fields($0, formats: [])) } ?? .noData)
            return out
        }
        if let columns = try columnsWithoutRunning(parsed, sql: statement.sql, types: statement.parameterTypes) {
            out.append(.rowDescription(fields(columns, formats: [])))
        } else {
            out.append(.noData)
        }
        return out
    }

    /// The result columns of a statement with placeholders: a query binds with typed NULLs in
    /// their place; other read-only statements (SHOW, DESC, EXPLAIN) run, since they read
    /// only the catalog.
    private func columnsWithoutRunning(_ parsed: Statement, sql: String, types: [Int32]) throws
        -> [WireResult.Column]?
    {
        guard parsed.isReadOnlyQuery else { return nil }
        let nulls = types.map { _ in Value.null }
        let substituted = try Parser.parseStatement(try ParameterSubstitution.substitute(sql, values: nulls))
        if let columns = try session.resultColumns(of: substituted) {
            return columns.map { WireResult.Column(name: $0.name, type: .of($0.type)) }
        }
        if case .executeDeployment = substituted { return nil }
        return WireResult(try session.execute(substituted)).columns
    }

    private func describePortal(_ name: String) throws -> [BackendMessage] {
        guard var portal = portals[name] else {
            throw TideError(.invalidCursorName, "portal \"\(name)\" does not exist")
        }
        // A read-only statement runs now so that its columns are exact; Execute sends its rows.
        if portal.result == nil, portal.parsed?.isReadOnlyQuery ?? true {
            portal.result = try run(portal)
            portals[name] = portal
        }
        guard let columns = portal.result?.columns else { return [.noData] }
        return [.rowDescription(fields(columns, formats: portal.resultFormats))]
    }

    private func execute(portal name: String, maxRows: Int) throws -> [BackendMessage] {
        guard var portal = portals[name] else {
            throw TideError(.invalidCursorName, "portal \"\(name)\" does not exist")
        }
        let result: WireResult
        if let computed = portal.result {
            result = computed
        } else {
            result = try run(portal)
            portal.result = result
        }
        let end = maxRows > 0 ? min(result.rows.count, portal.sent + maxRows) : result.rows.count
        let range = portal.sent..<end
        portal.sent = end
        portals[name] = portal
        if end < result.rows.count {
            return encodeRows(result, formats: portal.resultFormats, range: range) + [.portalSuspended]
        }
        if range.lowerBound > 0 {
            // The last part of a suspended portal: PostgreSQL's tag counts the rows of this Execute.
            var last = result
            if last.tag.hasPrefix("SELECT") { last.tag = "SELECT \(range.count)" }
            last.notices = []
            return send(last, formats: portal.resultFormats, describe: false, rows: range)
        }
        return send(result, formats: portal.resultFormats, describe: false, rows: range)
    }

    /// Runs a bound portal's statement.
    private func run(_ portal: Portal) throws -> WireResult {
        if let call = portal.deploymentRows {
            return try recordingMetrics { try timedDeploymentCall(call.name, rows: call.rows) }
        }
        return try run(portal.sql, parsed: portal.parsed, parameters: portal.textParameters, askCompatibility: false)
    }

    var compatibilityContext: CompatibilityContext {
        CompatibilityContext(
            database: session.database, currentDatabase: session.currentDatabase, settings: settings,
            serverVersion: serverVersion, user: user)
    }
}
