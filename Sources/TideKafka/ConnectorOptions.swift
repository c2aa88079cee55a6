import TideCore

/// Checks shared by the options of sources and sinks.
enum ConnectorOptions {
    /// - Throws: `22023` naming the first option not in `known`.
    static func checkKnown(_ options: [String: String], known: Set<String>, what: String) throws {
        for key in options.keys.sorted() where !known.contains(key) {
            throw TideError(
                .invalidParameterValue, "unknown \(what) option \(key)",
                hint: "known options: \(known.sorted().joined(separator: ", "))")
        }
    }

    /// The value of `key`, trimmed.
    /// - Throws: `22023` if it is missing or empty.
    static func required(_ options: [String: String], _ key: String, what: String) throws -> String {
        guard let value = options[key]?.trimmingSpaces, !value.isEmpty else {
            throw TideError(.invalidParameterValue, "\(what) option \(key) is required")
        }
        return value
    }
}
