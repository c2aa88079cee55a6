import Foundation
import TideCore
import TideDB

/// Renders statement results in the three output formats.
public enum ResultRenderer {
    /// One JSON object for statement number `statement`.
    public static func json(_ result: StatementResult, statement: Int) -> String {
        json(result, statement: statement, columnsText: nil)
    }

    /// `json(_:statement:)`, with the columns' text taken from `columnsText` when given.
    static func json(_ result: StatementResult, statement: Int, columnsText: JSONColumnsText?) -> String {
        // Appended into one string (no string per field or value): a request's line is on
        // its latency path.
        var text = ""
        text.reserveCapacity(64 + 48 * (result.columns?.count ?? 0) * (1 + result.rows.count))
        text += "{\"statement\":"
        text += String(statement)
        text += ",\"ok\":true,\"tag\":"
        JSONString.append(result.tag, to: &text)
        if let columns = result.columns {
            text += ",\"columns\":"
            text += columnsText?.text(for: columns) ?? JSONColumnsText.render(columns)
            text += ",\"rows\":["
            for (r, row) in result.rows.enumerated() {
                text += r == 0 ? "[" : ",["
                for (i, value) in row.enumerated() {
                    if i > 0 { text += "," }
                    ValueRendering.appendJSON(value, to: &text)
                }
                text += "]"
            }
            text += "]"
        }
        if let affected = result.affectedRows {
            text += ",\"affected_rows\":"
            text += String(affected)
        }
        if !result.warnings.isEmpty {
            text += ",\"warnings\":["
            for (i, warning) in result.warnings.enumerated() {
                if i > 0 { text += "," }
                JSONString.append(warning, to: &text)
            }
            text += "]"
        }
        text += "}"
        return text
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
