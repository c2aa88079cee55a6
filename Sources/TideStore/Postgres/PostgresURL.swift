import Foundation

/// A `postgresql://user:password@host:port/db?...` URL as TideDB shows it: without the
/// password, which must never reach an error message, a log or SHOW output.
public enum PostgresURL {
    /// True if `path` is a PostgreSQL URL (`postgresql://` or `postgres://`).
    public static func matches(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// `url` with any password replaced by `***`.
    public static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return url }
        let userInfo = authority[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<scheme.upperBound]) + userInfo[..<colon] + ":***" + String(url[at...])
    }
}
