import Foundation
import TideCore

/// Where a Spark Connect server listens: `spark://host:port` (TideDB's spelling) or
/// `sc://host:port` (Spark's own); the port defaults to Spark Connect's 15002.
public struct SparkEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses an `@@offline_engine` value; nil for `local`.
    /// - Throws: 22023 for anything that is neither `local` nor a Spark Connect address.
    public init?(engine: String) throws {
        let text = engine.trimmingCharacters(in: .whitespaces)
        if text.lowercased() == "local" || text.isEmpty { return nil }
        var rest = Substring(text)
        if let scheme = ["spark://", "sc://"].first(where: { text.lowercased().hasPrefix($0) }) {
            rest = rest.dropFirst(scheme.count)
        } else {
            throw TideError(
                .invalidParameterValue, "unknown offline engine \"\(engine)\"",
                hint: "use 'local' or a Spark Connect address such as 'spark://127.0.0.1:15002'")
        }
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == ";" }) { rest = rest[..<slash] }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let host = parts.first, !host.isEmpty,
            let port = parts.count == 2 ? Int(parts[1]) : 15002, (1...65535).contains(port)
        else {
            throw TideError(
                .invalidParameterValue, "malformed Spark Connect address \"\(engine)\"",
                hint: "write it as 'spark://host:port'")
        }
        self.host = String(host)
        self.port = port
    }

    public var description: String { "spark://\(host):\(port)" }
}
