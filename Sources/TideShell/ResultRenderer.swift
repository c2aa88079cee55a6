import Foundation
import TideCore
import TideDB

/// Renders statement results in the three output formats.
public enum ResultRenderer {
    /// One JSON object for statement number `statement`.
    public static func json(_ result: StatementResult, statement: Int) -> String {
        var fields: [(String, String)] = [
            ("statement", "\(statement)"), ("ok", "true"), ("tag", JSONText.string(result.tag)),
        ]
        if let columns = result.columns {
            let described = columns.map {
                JSONText.object([("name", JSONText.string($0.name)), ("type", JSONText.string($0.type.description))])
            }
            fields.append(("columns", "[" + described.joined(separator: ",") + "]"))
            let rows = result.rows.map { "[" + $0.map(ValueRendering.json).joined(separator: ",") + "]" }
            fields.append(("rows", "[" + rows.joined(separator: ",") + "]"))
        }
        if let affected = result.affectedRows { fields.append(("affected_rows", "\(affected)")) }
        if !result.warnings.isEmpty {
            fields.append(("warnings", "[" + result.warnings.map(JSONText.string).joined(separator: ",") + "]"))
        }
        return JSONText.object(fields)
    }

    /// An aligned text table with a row count, psql/DuckDB style; or the command tag.
    public static func table(_ result: StatementResult, elapsedMs: Double? = nil) -> String {
        var lines: [String] = result.warnings.map { "WARNING: " + $0 }
        let timing = elapsedMs.map { String(format: " (%.1f ms)", $0) } ?? ""
        guard let columns = result.columns else {
            let count = result.affectedRows.map { " \($0)" } ?? ""
            lines.append(result.tag + count + timing)
            return lines.joined(separator: "\n")
        }
        let cells = result.rows.map { $0.map(ValueRendering.text) }
        var widths = columns.map { $0.name.count }
        for row in cells {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ values: [String]) -> String {
            zip(values, widths).map { $0 + String(repeating: " ", count: max(0, $1 - $0.count)) }.joined(
                separator: " | ")
        }
        lines.append(line(columns.map(\.name)))
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-"))
        lines.append(contentsOf: cells.map(line))
        lines.append("(\(result.rows.count) row\(result.rows.count == 1 ? "" : "s"))" + timing)
        return lines.joined(separator: "\n")
    }

    /// CSV with a header line (RFC 4180 quoting); commands print their tag.
    public static func csv(_ result: StatementResult) -> String {
        guard let columns = result.columns else { return result.tag }
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var lines = [columns.map { field($0.name) }.joined(separator: ",")]
        for row in result.rows {
            lines.append(row.map { $0.isNull ? "" : field(ValueRendering.text($0)) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }
}
