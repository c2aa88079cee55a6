/// SQL `LIKE` / `ILIKE` matching, shared by `like_match`, `ilike_match` and the operators.
///
/// OpenMLDB semantics: matching works on UTF-8 bytes, not characters. `_` matches exactly
/// one byte, `%` any run of bytes (including none). The escape character, when there is
/// one, makes the byte after it match literally, whatever it is; a pattern that ends in the
/// escape character matches nothing. Case-insensitive matching folds ASCII letters only.
///
/// ```
/// pattern  a % b \ _
///          │ │ │ └─┴── escape + '_' : a literal '_'
///          │ │ └────── literal byte
///          │ └──────── zero or more bytes
///          └────────── literal byte
/// ```
public enum LikePattern {
    /// The escape an SQL pattern uses when none is given.
    public static let defaultEscape: UInt8 = UInt8(ascii: "\\")

    /// Why an escape argument cannot be used.
    public enum EscapeProblem: Error, Sendable, Hashable {
        /// The escape string is longer than one byte.
        case tooLong
    }

    /// The escape byte an escape argument names: nil (escaping disabled) for the empty
    /// string, an error for anything longer than one byte.
    public static func escapeByte(_ escape: String) -> Result<UInt8?, EscapeProblem> {
        let bytes = Array(escape.utf8)
        switch bytes.count {
        case 0: return .success(nil)
        case 1: return .success(bytes[0])
        default: return .failure(.tooLong)
        }
    }

    /// Whether `text` matches `pattern`.
    /// - Parameters:
    ///   - escape: the escape byte, or nil to treat every byte of the pattern as itself or
    ///     as a wildcard.
    ///   - caseInsensitive: fold ASCII letters before comparing (ILIKE).
    public static func matches(
        _ text: String, pattern: String, escape: UInt8? = defaultEscape, caseInsensitive: Bool = false
    ) -> Bool {
        let name = Array(text.utf8)
        let pat = Array(pattern.utf8)
        var matcher = Matcher(name: name, pattern: pat, escape: escape, fold: caseInsensitive)
        return matcher.match(0, 0)
    }

    /// A backtracking matcher with memoisation, so patterns with many `%` stay polynomial.
    private struct Matcher {
        let name: [UInt8]
        let pattern: [UInt8]
        let escape: UInt8?
        let fold: Bool
        /// Results already known, keyed by `nameIndex * (pattern.count + 1) + patternIndex`.
        var memo: [Int: Bool] = [:]

        init(name: [UInt8], pattern: [UInt8], escape: UInt8?, fold: Bool) {
            self.name = name
            self.pattern = pattern
            self.escape = escape
            self.fold = fold
        }

        private func same(_ a: UInt8, _ b: UInt8) -> Bool {
            guard fold else { return a == b }
            return Self.lower(a) == Self.lower(b)
        }

        private static func lower(_ byte: UInt8) -> UInt8 {
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte + 32 : byte
        }

        mutating func match(_ n: Int, _ p: Int) -> Bool {
            let key = n * (pattern.count + 1) + p
            if let known = memo[key] { return known }
            let result = compute(n, p)
            memo[key] = result
            return result
        }

        private mutating func compute(_ n: Int, _ p: Int) -> Bool {
            guard p < pattern.count else { return n == name.count }
            let c = pattern[p]
            if let escape, c == escape {
                // The escaped byte matches itself only; a trailing escape matches nothing.
                guard p + 1 < pattern.count, n < name.count else { return false }
                return same(pattern[p + 1], name[n]) && match(n + 1, p + 2)
            }
            switch c {
            case UInt8(ascii: "%"):
                // Try the rest of the pattern against every suffix, longest first.
                var start = name.count
                while start >= n {
                    if match(start, p + 1) { return true }
                    start -= 1
                }
                return false
            case UInt8(ascii: "_"):
                return n < name.count && match(n + 1, p + 1)
            default:
                return n < name.count && same(c, name[n]) && match(n + 1, p + 1)
            }
        }
    }
}
