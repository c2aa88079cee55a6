import TideCore

/// What one HTTP API call answers, before it is written as an HTTP response. Every API
/// reply is HTTP 200 with `{"code":0,"msg":"ok",...}` or `{"code":-1,"msg":"..."}`
/// (OpenMLDB APIServer convention); only `/health` and `/metrics` differ.
struct APIReply: Sendable, Hashable {
    /// The HTTP status (200 unless a route says otherwise).
    var status: Int = 200
    var contentType: String = "application/json"
    /// Headers besides `Content-Type` and `Content-Length` (such as `Allow` on a 405).
    var headers: [String: String] = [:]
    var body: String
    /// True for `code != 0` replies (for metrics).
    var failed: Bool = false

    /// `{"code":0,"msg":"ok", <members>}`; `members` writes the extra members.
    static func ok(nanAndInfAsNull: Bool = false, _ members: (JSONOutput) -> Void = { _ in }) -> APIReply {
        let output = JSONOutput(nanAndInfAsNull: nanAndInfAsNull)
        output.object {
            output.member("code", int: 0)
            output.member("msg", string: "ok")
            members(output)
        }
        return APIReply(body: output.text)
    }

    /// `{"code":-1,"msg":message}`.
    static func failure(_ message: String, code: Int = -1) -> APIReply {
        let output = JSONOutput()
        output.object {
            output.member("code", int: code)
            output.member("msg", string: message)
        }
        return APIReply(body: output.text, failed: true)
    }

    /// A failure carrying an error's message (a `TideError`'s one-line message, with its hint).
    static func failure(_ error: any Error) -> APIReply {
        failure(message(of: error))
    }

    /// The text a client sees for `error`.
    static func message(of error: any Error) -> String {
        guard let error = error as? TideError else { return String(describing: error) }
        guard let hint = error.hint else { return error.message }
        return "\(error.message) (hint: \(hint))"
    }
}
