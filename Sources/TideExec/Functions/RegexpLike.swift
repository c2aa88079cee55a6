/// `regexp_like(str, pattern[, flags])`: whether the whole of `str` matches `pattern`.
///
/// OpenMLDB evaluates the pattern with RE2 in POSIX mode; TideDB uses Swift `Regex`, so
/// patterns RE2's POSIX mode rejects (Perl classes such as `\d`, `\b`, look-around,
/// back-references) are accepted here, and matching is by extended grapheme cluster rather
/// than by code point. Flags, applied in order: `c` case-sensitive (default), `i`
/// case-insensitive, `m` `^`/`$` also match at line breaks, `s` `.` matches a newline, `e`
/// ignored; other letters are ignored. OpenMLDB semantics: an invalid pattern gives NULL.
enum RegexpLike {
    /// The match result, or nil if the pattern does not compile.
    static func matches(_ text: String, pattern: String, flags: String = "c") -> Bool? {
        guard var regex = try? Regex(pattern) else { return nil }
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
        regex = regex.ignoresCase(ignoreCase).anchorsMatchLineEndings(multiLine).dotMatchesNewlines(dotAll)
        return text.wholeMatch(of: regex) != nil
    }
}
