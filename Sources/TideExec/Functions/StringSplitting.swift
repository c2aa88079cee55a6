/// `split`, `split_by_key`, `split_by_value`, `split_array` and `join`.
///
/// OpenMLDB semantics: a one-byte delimiter splits on that byte; a longer delimiter is a
/// regular expression. Every piece is kept, empty ones included (`"a,"` → `["a", ""]`).
/// `split_by_key` / `split_by_value` split each piece once more on the key/value delimiter
/// and keep the first / second part, skipping pieces without one. OpenMLDB also caps a
/// split list at 4096 bytes in total; TideDB has no cap.
enum StringSplitting {
    /// `split(str, delim)`: the pieces of `s`; no pieces for an empty delimiter.
    static func split(_ s: String, by delimiter: String) -> [String] {
        let delim = Array(delimiter.utf8)
        switch delim.count {
        case 0: return []
        case 1: return s.utf8.split(separator: delim[0], omittingEmptySubsequences: false).map(StringKernels.text)
        default: return splitByPattern(s, delimiter)
        }
    }

    /// A split on a regular expression (a literal split if `pattern` is not one).
    private static func splitByPattern(_ s: String, _ pattern: String) -> [String] {
        guard let regex = try? Regex(pattern) else {
            return s.split(separator: pattern, omittingEmptySubsequences: false).map(String.init)
        }
        return s.split(separator: regex, omittingEmptySubsequences: false).map(String.init)
    }

    /// `split_by_key(str, delim, kv_delim)` (`keys: true`) or `split_by_value` (`keys: false`).
    static func splitPairs(_ s: String, by delimiter: String, pair kvDelimiter: String, keys: Bool) -> [String] {
        guard !delimiter.isEmpty, !kvDelimiter.isEmpty else { return [] }
        return split(s, by: delimiter).compactMap { piece in
            let parts = split(piece, by: kvDelimiter)
            guard parts.count >= 2 else { return nil }
            return keys ? parts[0] : parts[1]
        }
    }

    /// `split_array(str, delim)`: splits on the delimiter as a plain string; an empty
    /// delimiter splits into characters. OpenMLDB semantics: empty pieces become NULL.
    static func splitArray(_ s: String, by delimiter: String) -> [String?] {
        let pieces: [String] =
            delimiter.isEmpty
            ? s.map(String.init)
            : s.split(separator: delimiter, omittingEmptySubsequences: false).map(String.init)
        return pieces.map { $0.isEmpty ? nil : $0 }
    }

    /// `join(list, delim)`: the non-NULL strings with `delim` between them.
    static func join(_ items: [String?], with delimiter: String) -> String {
        items.compactMap { $0 }.joined(separator: delimiter)
    }
}
