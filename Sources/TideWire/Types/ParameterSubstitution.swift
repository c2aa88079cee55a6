import TideCore
import TideSQL

/// Puts bound parameter values into a statement's text as literals of their types, so that
/// every statement kind (queries, INSERT, CONFIG values, DEPLOY) takes parameters the same
/// way and the statement is bound once, with its values, by TideDB's binder.
///
/// Placeholders are found by TideDB's lexer (never inside strings or comments): `$n` refers
/// to value n, and each `?` to the next value in order.
public enum ParameterSubstitution {
    /// The number of parameters `sql` refers to (the highest `$n`, or the count of `?`).
    public static func parameterCount(_ sql: String) -> Int {
        guard let tokens = try? Lexer.tokenize(sql) else { return 0 }
        var highest = 0
        var positional = 0
        for token in tokens {
            guard case .parameter(let n) = token.kind else { continue }
            if let n { highest = max(highest, n) } else { positional += 1 }
        }
        return max(highest, positional)
    }

    /// `sql` with each placeholder replaced by the literal of its value.
    public static func substitute(_ sql: String, values: [Value]) throws(TideError) -> String {
        if values.isEmpty { return sql }
        let tokens = try Lexer.tokenize(sql)
        let bytes = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + values.count * 8)
        var copied = 0
        var positional = 0
        for token in tokens {
            guard case .parameter(let n) = token.kind else { continue }
            let number: Int
            if let n {
                number = n
            } else {
                positional += 1
                number = positional
            }
            guard number <= values.count else {
                throw TideError(
                    .invalidParameterValue, "no value was given for parameter $\(number)",
                    position: token.location)
            }
            out += bytes[copied..<token.location.offset]
            out += literal(values[number - 1]).utf8
            copied = token.endOffset
        }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The SQL literal of a value, typed so that it binds as that type.
    public static func literal(_ value: Value) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let b): return b ? "true" : "false"
        case .int16(let v): return "CAST(\(v) AS smallint)"
        case .int32(let v): return String(v)
        case .int64(let v): return "CAST(\(v) AS bigint)"
        case .float(let v): return "CAST(\(realText(Double(v), v.description)) AS float)"
        case .double(let v): return realText(v, v.description, cast: "double")
        case .string(let s): return quoted(s)
        case .date(let d): return "CAST(\(quoted(CivilDate(days: Int64(d)).description)) AS date)"
        case .timestamp(let ms): return "CAST(CAST(\(ms) AS bigint) AS timestamp)"
        case .array(let items): return "[" + items.map(literal).joined(separator: ", ") + "]"
        case .map(let keys, let values):
            return "map(" + zip(keys, values).map { literal($0) + ", " + literal($1) }.joined(separator: ", ") + ")"
        }
    }

    private static func realText(_ v: Double, _ text: String, cast: String? = nil) -> String {
        if !v.isFinite {
            let word = v.isNaN ? "NaN" : (v > 0 ? "Infinity" : "-Infinity")
            return "CAST('\(word)' AS \(cast ?? "double"))"
        }
        // `1e+20` is not a literal in every dialect position; Swift's form with an explicit
        // fraction always is.
        let plain = text.contains(".") || text.contains("e") ? text : text + ".0"
        return plain.hasPrefix("-") ? "(\(plain))" : plain
    }

    /// A string literal with the dialect's backslash escapes (the printer's).
    static func quoted(_ s: String) -> String { SQLPrinter.quoted(s) }
}
