import TideCore
import TideSQL
import TideStore

/// CREATE USER, ALTER USER, DROP USER. A password is turned into a SCRAM-SHA-256 verifier
/// (`ScramCredential`) here, before anything is stored, and appears in no result, error or
/// EXPLAIN output (`redacted(_:)`). Errors carry no position, so that no client echoes the
/// statement's line (which may hold the password) under them.
struct UserCommands {
    let session: Session

    /// `CREATE USER [IF NOT EXISTS] name OPTIONS (password = '...')`.
    func create(_ name: Identifier, ifNotExists: Bool, options: OptionList?) throws -> StatementResult {
        let password = try Self.password(options, statement: "CREATE USER")
        try Self.validate(name)
        let catalog = session.database.catalog
        if ifNotExists, catalog.user(name.name)?.name == name.name {
            return StatementResult(tag: "CREATE USER")
        }
        let credential = ScramCredential.derive(password: password)
        let record = UserRecord(
            name: name.name, salt: credential.salt, iterations: credential.iterations,
            storedKey: credential.storedKey, serverKey: credential.serverKey, createdAtMs: 0)
        try catalog.createUser(record, ifNotExists: ifNotExists)
        return StatementResult(tag: "CREATE USER")
    }

    /// `ALTER USER [IF EXISTS] name SET OPTIONS (password = '...')`: a new salt and verifier.
    func alter(_ name: Identifier, ifExists: Bool, options: OptionList) throws -> StatementResult {
        let password = try Self.password(options, statement: "ALTER USER")
        let catalog = session.database.catalog
        guard catalog.user(name.name) != nil else {
            if ifExists { return StatementResult(tag: "ALTER USER") }
            throw Self.undefined(name)
        }
        let credential = ScramCredential.derive(password: password)
        try catalog.alterUser(
            name.name, salt: credential.salt, iterations: credential.iterations, storedKey: credential.storedKey,
            serverKey: credential.serverKey, ifExists: ifExists)
        return StatementResult(tag: "ALTER USER")
    }

    /// `DROP USER [IF EXISTS] name`. Connections already authenticated as the user stay open.
    func drop(_ name: Identifier, ifExists: Bool) throws -> StatementResult {
        guard try session.database.catalog.dropUser(name.name, ifExists: true) != nil || ifExists else {
            throw Self.undefined(name)
        }
        return StatementResult(tag: "DROP USER")
    }

    /// The statement's text for EXPLAIN and logs, with every password replaced by `'********'`.
    static func redacted(_ statement: Statement) -> String {
        func masked(_ options: OptionList?) -> OptionList? {
            guard var options else { return nil }
            for i in options.entries.indices where options.entries[i].name.name.lowercased() == "password" {
                options.entries[i].value = .expr(Expr(.literal(.string("********"))))
            }
            return options
        }
        switch statement {
        case .createUser(let name, let ifNotExists, let options):
            return SQLPrinter.print(.createUser(name: name, ifNotExists: ifNotExists, options: masked(options)))
        case .alterUser(let name, let ifExists, let options):
            let hidden = masked(options) ?? options
            return SQLPrinter.print(.alterUser(name: name, ifExists: ifExists, options: hidden))
        case .explain(let inner):
            return "EXPLAIN " + redacted(inner)
        case .query, .createDatabase, .dropDatabase, .use, .createTable, .dropTable, .truncateTable, .alterTable,
            .createIndex, .dropIndex, .describe, .show, .set, .dropUser, .insert, .delete, .loadData, .deploy,
            .dropDeployment, .executeDeployment, .verifyDeployment, .createProcedure, .dropProcedure, .call,
            .createFunction,
            .dropFunction, .functionScript, .connector, .stopJob, .exit:
            return SQLPrinter.print(statement)
        }
    }

    // MARK: - Options

    /// The `password` option: a non-empty string literal, the only option a user has. Errors
    /// never quote the value.
    private static func password(_ options: OptionList?, statement: String) throws -> String {
        let entries = options?.entries ?? []
        for entry in entries where entry.name.name.lowercased() != "password" {
            throw TideError(
                .invalidParameterValue, "unknown \(statement) option \"\(entry.name.name)\"",
                hint: "the only option is password")
        }
        guard let entry = entries.last else {
            throw TideError(
                .invalidParameterValue, "\(statement) needs a password",
                hint: "add OPTIONS (password = '...')")
        }
        guard case .expr(let expr) = entry.value, case .literal(.string(let password)) = expr.kind else {
            throw TideError(.invalidParameterValue, "the password must be a quoted string")
        }
        guard !password.isEmpty else {
            throw TideError(.invalidParameterValue, "the password must not be empty")
        }
        return password
    }

    private static func validate(_ name: Identifier) throws {
        guard !name.name.isEmpty else {
            throw TideError(.invalidParameterValue, "a user name must not be empty")
        }
    }

    private static func undefined(_ name: Identifier) -> TideError {
        TideError(.undefinedObject, "user \"\(name.name)\" does not exist")
    }
}
