import Foundation
import TideTestSupport

/// One HTTP/1.1 response read off a `RawTCPConnection`: status line, headers (names lower
/// case) and a body of `Content-Length` bytes (none for `HEAD` or 1xx).
struct RawHTTPResponse {
    var status: Int
    var headers: [String: String]
    var body: String

    /// Reads the next response; `bodyless` for replies to `HEAD`.
    static func read(from connection: RawTCPConnection, bodyless: Bool = false) throws -> RawHTTPResponse {
        guard let headBytes = try connection.consume(through: Array("\r\n\r\n".utf8)) else {
            throw RawTCPError("the connection closed before a response")
        }
        let lines = String(decoding: headBytes, as: UTF8.self).split(separator: "\r\n")
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/1."), statusLine.count >= 12,
            let status = Int(statusLine.dropFirst(9).prefix(3))
        else { throw RawTCPError("not an HTTP status line: \(lines.first ?? "")") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let length = bodyless || status < 200 ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        let body = try connection.consume(length)
        return RawHTTPResponse(status: status, headers: headers, body: String(decoding: body, as: UTF8.self))
    }
}
