import TideCore
import TideSQL
import TideStore

/// `SET [GLOBAL|SESSION] @@name = value`: execute_mode and time_zone change how the session
/// runs; other variables are kept for SHOW VARIABLES.
struct SetCommand {
    let session: Session

    func run(_ set: SetStatement) throws -> StatementResult {
        let name = set.name.name.lowercased()
        let text: String
        switch set.value {
        case .string(let s): text = s
        case .integer(let v), .long(let v): text = String(v)
        case .double(let v): text = String(v)
        case .float(let v): text = String(v)
        case .bool(let b): text = b ? "true" : "false"
        case .null: text = ""
        case .interval(let v, let unit): text = "\(v)\(unit.rawValue)"
        }
        switch name {
        case "execute_mode":
            guard let mode = ExecuteMode(rawValue: text.lowercased()), mode != .request else {
                throw TideError(
                    .invalidParameterValue, "invalid value for execute_mode: \"\(text)\"",
                    hint: "use 'online' or 'offline'", position: set.name.location.location)
            }
            session.executeMode = mode
        case "time_zone":
            guard let zone = SessionTimeZone(text) else {
                throw TideError(
                    .invalidParameterValue, "invalid time zone: \"\(text)\"",
                    hint: "use 'UTC', an offset such as '+08:00', or a name such as 'Asia/Shanghai'",
                    position: set.name.location.location)
            }
            session.timeZone = zone
        case "offline_engine":
            do {
                session.offlineEngine = try SparkEndpoint(engine: text)
            } catch var error as TideError {
                error.position = set.name.location.location
                throw error
            }
        case "statement_timeout_ms":
            guard let ms = Int64(text), ms >= 0 else {
                throw TideError(
                    .invalidParameterValue, "invalid value for statement_timeout_ms: \"\(text)\"",
                    hint: "use a number of milliseconds, or 0 for no limit", position: set.name.location.location)
            }
            session.statementTimeoutMs = ms
        default:
            session.variables[name] = text
        }
        return StatementResult(tag: "SET")
    }
}
