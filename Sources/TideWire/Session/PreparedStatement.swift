import TideCore
import TideSQL

/// A statement made by Parse: its text, the parameter types (0: let TideDB decide), and the
/// statement parsed with its placeholders (nil when the compatibility layer answers it).
struct PreparedStatement: Sendable {
    var sql: String
    var parameterTypes: [Int32]
    var parsed: Statement?
    /// Set when the statement is `EXECUTE DEPLOYMENT d VALUES (...)` with nothing but
    /// placeholders as values: Bind then hands the decoded values to the deployment directly.
    var deploymentCall: DeploymentCall?

    init(sql: String, parameterTypes: [Int32], parsed: Statement?) {
        self.sql = sql
        self.parameterTypes = parameterTypes
        self.parsed = parsed
        self.deploymentCall = parsed.flatMap(DeploymentCall.init)
    }
}

/// `EXECUTE DEPLOYMENT d VALUES ($1, $2), ($3, $4)`: the deployment and, per request row,
/// the parameter number (1-based) of each value.
struct DeploymentCall: Sendable {
    var deployment: QualifiedName
    var parameterRows: [[Int]]

    /// Nil unless `statement` calls a deployment with placeholders only.
    init?(_ statement: Statement) {
        guard case .executeDeployment(let name, let rows) = statement, !rows.isEmpty else { return nil }
        var parameterRows: [[Int]] = []
        for row in rows {
            var numbers: [Int] = []
            for value in row {
                guard case .parameter(let n) = value.kind else { return nil }
                numbers.append(n)
            }
            parameterRows.append(numbers)
        }
        deployment = name
        self.parameterRows = parameterRows
    }

    /// The request rows for bound parameter `values`.
    func rows(_ values: [Value]) throws(TideError) -> [[Value]] {
        try parameterRows.map { numbers throws(TideError) in
            try numbers.map { n throws(TideError) in
                guard n >= 1, n <= values.count else {
                    throw TideError(.invalidParameterValue, "no value was given for parameter $\(n)")
                }
                return values[n - 1]
            }
        }
    }
}

/// A portal made by Bind: the statement's text with its parameters in place, the result
/// formats, and once it ran, the result rows still to send.
struct Portal: Sendable {
    var sql: String
    var parsed: Statement?
    var resultFormats: [WireFormat]
    /// The answer, once computed (Describe of a read-only statement computes it early).
    var result: WireResult?
    /// The parameters as text, for statements the compatibility layer answers.
    var textParameters: [String?] = []
    /// A deployment call with its request rows, run without `sql` and `parsed`.
    var deploymentRows: (name: QualifiedName, rows: [[Value]])?
    /// Rows already sent by Executes with a row limit.
    var sent: Int = 0
}
