/// `regexp_like(str, pattern[, flags])`: whether the whole of `str` matches `pattern`.
///
/// OpenMLDB evaluates the pattern with RE2, which matches in linear time; TideDB compiles it to
/// its own linear-time matcher (`RegexProgram`), so no pattern can make a query or a
/// deployment hang (`(a+)+$` included). The syntax is RE2's (`RegexParser`); matching is by
/// Unicode code point, as RE2. Flags, applied in order: `c` case-sensitive (default), `i`
/// case-insensitive, `m` `^`/`$` also match at line breaks, `s` `.` matches a newline, `e`
/// ignored; other letters are ignored. OpenMLDB semantics: an invalid pattern gives NULL.
enum RegexpLike {
    /// The match result, or nil if the pattern does not compile.
    static func matches(_ text: String, pattern: String, flags: String = "c") -> Bool? {
        var ignoreCase = false
        var multiLine = false
        var dotAll = false
        for flag in flags {
            switch flag {
            case "c": ignoreCase = false
            case "i": ignoreCase = true
            case "m": multiLine = true
            case "s": dotAll = true
            default: continue
            }
        }
        guard let program = RegexProgram(pattern: pattern, ignoreCase: ignoreCase, multiLine: multiLine, dotAll: dotAll)
        else { return nil }
        return program.matchesWhole(text)
    }
}
