import TideCore

/// Minimal JSON text building for the line-oriented `tide parse` / `tide run` output: one
/// object per line, keys in a fixed order, strings escaped per RFC 8259.
public enum JSONText {
    /// A JSON string literal.
    public static func string(_ s: String) -> String { JSONString.quoted(s) }

    /// `{"k":v,...}` from already-encoded values, in the given order.
    public static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
