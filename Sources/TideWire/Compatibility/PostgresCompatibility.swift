/// Answers the catalog and session statements PostgreSQL clients send, which TideDB's SQL
/// (OpenMLDB's dialect) cannot run: psql's `\l`, `\d`, `\dt`, `\d name`, `\dn`; pgjdbc's
/// connection set-up and DatabaseMetaData; SQLAlchemy 2's dialect initialization and
/// `inspect()`; psycopg's TypeInfo lookups; and SET, SHOW, RESET, BEGIN, COMMIT, ROLLBACK,
/// `version()`, `current_setting()`, ... Statements are recognised by distinctive fragments,
/// compared token by token. Everything else, TideDB's own SET and SHOW included, is nil.
public enum PostgresCompatibility {
    /// The answer to `sql`, or nil when it is not a client statement this layer answers (then
    /// TideDB's own SQL runs it).
    public static func answer(_ sql: String, context: CompatibilityContext) -> CompatibilityAnswer? {
        answer(sql, parameters: [], context: context)
    }

    /// The answer to `sql` with `$n` standing for `parameters[n - 1]` (text format; nil is
    /// NULL). Recognition does not depend on the values, so a statement prepared with all
    /// parameters NULL gets an answer of the same shape as when it is executed.
    public static func answer(
        _ sql: String, parameters: [String?], context: CompatibilityContext
    ) -> CompatibilityAnswer? {
        guard let first = leadingWord(sql), firstWords.contains(first) else { return nil }
        // TideDB's own queries (run on every request of a deployment) mention none of these.
        if first == "select", !mentionsAny(sql, selectMarkers) { return nil }
        let text = SQLText(sql, parameters: parameters)
        guard !text.tokens.isEmpty, !text.hasSeveralStatements else { return nil }
        switch first {
        case "set", "reset", "show":
            return SessionSettings.answer(text, context: context)
        case "select":
            if let answer = SessionFunctions.answer(text, context: context) { return answer }
            guard text.canonical.contains("pg_") else { return nil }
            return SQLAlchemyInspection.answer(text, context: context)
                ?? JDBCMetadata.answer(text, context: context)
                ?? PsqlDescribe.answer(text, context: context)
                ?? PsqlListing.answer(text, context: context)
                ?? PsycopgTypeInfo.answer(text)
        default:
            return TransactionCommands.answer(text)
        }
    }

    /// How PostgreSQL spells a session parameter in ParameterStatus and SHOW (`TimeZone` for
    /// `timezone`, `DateStyle` for `datestyle`); other names in lower case.
    public static func parameterSpelling(_ name: String) -> String {
        SessionParameters.spelling(name)
    }

    /// The statements this layer may answer begin with one of these words.
    private static let firstWords: Set<String> = [
        "select", "set", "reset", "show", "begin", "start", "commit", "end", "rollback", "abort", "savepoint",
        "release", "discard", "deallocate", "unlisten", "close",
    ]

    /// A SELECT this layer answers mentions one of these (ASCII, lower case).
    private static let selectMarkers: [[UInt8]] = ["pg_", "version", "current_", "user"].map { Array($0.utf8) }

    /// True when `sql` contains one of `markers`, ignoring ASCII case.
    static func mentionsAny(_ sql: String, _ markers: [[UInt8]]) -> Bool {
        let bytes = Array(sql.utf8)
        for start in bytes.indices {
            for marker in markers where start + marker.count <= bytes.count {
                var i = 0
                while i < marker.count, lowercased(bytes[start + i]) == marker[i] { i += 1 }
                if i == marker.count { return true }
            }
        }
        return false
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }

    /// The first word of `sql` in lower case, past blanks, comments and opening parentheses;
    /// cheap, so that TideDB's statements (large INSERTs included) are turned away at once.
    static func leadingWord(_ sql: String) -> String? {
        let view = sql.unicodeScalars
        var i = view.startIndex
        func scalar(_ index: String.UnicodeScalarView.Index) -> Unicode.Scalar? {
            index < view.endIndex ? view[index] : nil
        }
        while let c = scalar(i) {
            let next = scalar(view.index(after: i))
            if c.properties.isWhitespace || c == "(" {
                i = view.index(after: i)
            } else if c == "-", next == "-" {
                while let d = scalar(i), d != "\n" { i = view.index(after: i) }
            } else if c == "/", next == "*" {
                i = view.index(i, offsetBy: 2)
                while let d = scalar(i), !(d == "*" && scalar(view.index(after: i)) == "/") { i = view.index(after: i) }
                guard i < view.endIndex else { return nil }
                i = view.index(i, offsetBy: 2)
            } else {
                break
            }
        }
        var word = String.UnicodeScalarView()
        while let c = scalar(i), c.properties.isAlphabetic {
            word.append(c)
            i = view.index(after: i)
        }
        return word.isEmpty ? nil : String(word).lowercased()
    }
}
