/// PostgreSQL's session parameters (GUCs) as a TideDB server presents them: their spelling,
/// their defaults, and where the session's own value comes from.
enum SessionParameters {
    /// One parameter: how PostgreSQL spells it and its default.
    struct Parameter {
        var name: String
        var defaultValue: String
        var description: String
    }

    /// Known parameters by lower-case name. `server_version`, `server_version_num` and
    /// `session_authorization` come from the context instead.
    static let known: [String: Parameter] = Dictionary(
        uniqueKeysWithValues: [
            ("application_name", "", "Sets the application name to be reported in statistics and logs."),
            ("array_nulls", "on", "Enable input of NULL elements in arrays."),
            ("backslash_quote", "safe_encoding", "Sets whether \"\\'\" is allowed in string literals."),
            ("block_size", "8192", "Shows the size of a disk block."),
            ("bytea_output", "hex", "Sets the output format for bytea."),
            ("client_encoding", "UTF8", "Sets the client's character set encoding."),
            ("client_min_messages", "notice", "Sets the message levels that are sent to the client."),
            ("DateStyle", "ISO, MDY", "Sets the display format for date and time values."),
            ("default_table_access_method", "heap", "Sets the default table access method for new tables."),
            ("default_transaction_deferrable", "off", "Sets the default deferrable status of new transactions."),
            (
                "default_transaction_isolation", "read committed",
                "Sets the transaction isolation level of each new transaction."
            ),
            ("default_transaction_read_only", "off", "Sets the default read-only status of new transactions."),
            ("escape_string_warning", "on", "Warn about backslash escapes in ordinary string literals."),
            ("extra_float_digits", "1", "Sets the number of digits displayed for floating-point values."),
            (
                "idle_in_transaction_session_timeout", "0",
                "Sets the maximum allowed idle time between queries, when in a transaction."
            ),
            ("in_hot_standby", "off", "Shows whether hot standby is currently active."),
            ("integer_datetimes", "on", "Shows whether datetimes are integer based."),
            ("IntervalStyle", "postgres", "Sets the display format for interval values."),
            ("is_superuser", "on", "Shows whether the current user is a superuser."),
            ("jit", "off", "Allow JIT compilation."),
            ("lc_collate", "C", "Shows the collation order locale."),
            ("lc_ctype", "C", "Shows the character classification and case conversion locale."),
            ("lc_messages", "C", "Sets the language in which messages are displayed."),
            ("lc_monetary", "C", "Sets the locale for formatting monetary amounts."),
            ("lc_numeric", "C", "Sets the locale for formatting numbers."),
            ("lc_time", "C", "Sets the locale for formatting date and time values."),
            ("lock_timeout", "0", "Sets the maximum allowed duration of any wait for a lock."),
            ("maintenance_work_mem", "64MB", "Sets the maximum memory to be used for maintenance operations."),
            ("max_connections", "100", "Sets the maximum number of concurrent connections."),
            ("max_function_args", "100", "Shows the maximum number of function arguments."),
            ("max_identifier_length", "63", "Shows the maximum identifier length."),
            ("max_index_keys", "32", "Shows the maximum number of index keys."),
            ("plan_cache_mode", "auto", "Controls the planner's selection of custom or generic plan."),
            ("row_security", "on", "Enable row security."),
            (
                "search_path", "\"$user\", public",
                "Sets the schema search order for names that are not schema-qualified."
            ),
            ("server_encoding", "UTF8", "Shows the server (database) character set encoding."),
            ("server_version", "", "Shows the server version."),
            ("server_version_num", "", "Shows the server version as an integer."),
            ("session_authorization", "", "Sets the session user name."),
            ("ssl", "off", "Enables SSL connections."),
            ("standard_conforming_strings", "on", "Causes '...' strings to treat backslashes literally."),
            ("statement_timeout", "0", "Sets the maximum allowed duration of any statement."),
            ("synchronous_commit", "on", "Sets the current transaction's synchronization level."),
            ("TimeZone", "UTC", "Sets the time zone for displaying and interpreting time stamps."),
            (
                "transaction_deferrable", "off",
                "Whether to defer a read-only serializable transaction until it can be executed with no possible serialization failures."
            ),
            ("transaction_isolation", "read committed", "Sets the current transaction's isolation level."),
            ("transaction_read_only", "off", "Sets the current transaction's read-only status."),
            ("work_mem", "4MB", "Sets the maximum memory to be used for query workspaces."),
            (
                "xmloption", "content",
                "Sets whether XML data in implicit parsing and serialization operations is to be considered as documents or content fragments."
            ),
        ].map { ($0.0.lowercased(), Parameter(name: $0.0, defaultValue: $0.1, description: $0.2)) })

    /// TideDB's own session variables (`SET execute_mode = 'offline'`), which TideDB's SQL runs.
    static let tideVariables: Set<String> = [
        "execute_mode", "time_zone", "sync_job", "job_timeout", "spark_config", "enable_trace",
    ]

    /// How PostgreSQL spells a parameter (`DateStyle`), or the name itself.
    static func spelling(_ name: String) -> String { known[name.lowercased()]?.name ?? name.lowercased() }

    /// The session's value of a parameter: the context's settings, else its default; nil for
    /// a parameter neither knows.
    static func value(_ name: String, context: CompatibilityContext) -> String? {
        let key = name.lowercased()
        switch key {
        case "server_version": return context.serverVersion
        case "server_version_num": return versionNumber(context.serverVersion)
        case "session_authorization": return context.settings[key] ?? context.user
        default: return context.settings[key] ?? known[key]?.defaultValue
        }
    }

    /// The default of a parameter (what RESET and `SET x TO DEFAULT` go back to).
    static func defaultValue(_ name: String, context: CompatibilityContext) -> String {
        let key = name.lowercased()
        if key == "session_authorization" { return context.user }
        return known[key]?.defaultValue ?? ""
    }

    /// `150000` for `15.0 (TideDB 0.1.0)`: major * 10000 + minor.
    static func versionNumber(_ version: String) -> String {
        let numbers = version.prefix { $0.isNumber || $0 == "." }.split(separator: ".").compactMap { Int($0) }
        let major = numbers.first ?? 15
        let minor = numbers.count > 1 ? numbers[1] : 0
        return String(major * 10000 + minor)
    }

    /// Every known parameter (and every one the session set), as SHOW ALL lists them.
    static func all(context: CompatibilityContext) -> [(name: String, value: String, description: String)] {
        let names = Set(known.keys).union(context.settings.keys).sorted()
        return names.map { key in
            (spelling(key), value(key, context: context) ?? "", known[key]?.description ?? "")
        }
    }
}
