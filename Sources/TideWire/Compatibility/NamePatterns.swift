/// The name filters catalog queries carry: psql's regular expressions
/// (`c.relname OPERATOR(pg_catalog.~) '^(t.*)$'`) and JDBC's LIKE patterns (`c.relname LIKE 't%'`).
enum NamePatterns {
    /// True when `name` matches the POSIX regular expression `pattern` (as PostgreSQL's `~`);
    /// false when the pattern is not one Swift's regular expressions understand.
    static func matches(_ name: String, regex pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return (try? regex.firstMatch(in: name)) != nil
    }

    /// The regular expression psql compares `column` with (`n.nspname OPERATOR(pg_catalog.~) '^(public)$'`).
    static func psqlPattern(in text: SQLText, column: String) -> String? {
        text.string(after: "\(column) OPERATOR(pg_catalog.~)")
    }

    /// True when `name` passes psql's filter on `column` (or there is none).
    static func psqlAccepts(_ name: String, in text: SQLText, column: String) -> Bool {
        guard let pattern = psqlPattern(in: text, column: column) else { return true }
        return matches(name, regex: pattern)
    }

    /// True when `name` matches the SQL LIKE `pattern`: `%` any run, `_` one character,
    /// `escape` before either takes it literally.
    static func like(_ name: String, _ pattern: String, escape: Character = "\\") -> Bool {
        likeMatch(Array(name), 0, Array(pattern), 0, escape)
    }

    private static func likeMatch(
        _ name: [Character], _ n: Int, _ pattern: [Character], _ p: Int, _ escape: Character
    ) -> Bool {
        if p == pattern.count { return n == name.count }
        let c = pattern[p]
        if c == "%" {
            for start in n...name.count where likeMatch(name, start, pattern, p + 1, escape) { return true }
            return false
        }
        guard n < name.count else { return false }
        if c == escape, p + 1 < pattern.count {
            return name[n] == pattern[p + 1] && likeMatch(name, n + 1, pattern, p + 2, escape)
        }
        return (c == "_" || c == name[n]) && likeMatch(name, n + 1, pattern, p + 1, escape)
    }
}
