/// Renders a `ShellResult` for people: an aligned table with a row count, or with expanded
/// display one `-[ RECORD n ]-` block per row (psql's `\x`); statements without rows print
/// their command tag. Notices come first. NULL prints as `NULL`.
public enum ShellResultRenderer {
    /// The text to print for `result` with expanded display `display`; `width` (columns, if
    /// known) decides for `.auto`.
    public static func render(_ result: ShellResult, display: ExpandedDisplay, width: Int?) -> String {
        switch display {
        case .off: return render(result, expanded: false)
        case .on: return render(result, expanded: true)
        case .auto:
            let aligned = render(result, expanded: false)
            guard let width, aligned.split(separator: "\n").contains(where: { $0.count > width }) else {
                return aligned
            }
            return render(result, expanded: true)
        }
    }

    /// The text to print for `result`: an aligned table, or with `expanded` a block per row.
    public static func render(_ result: ShellResult, expanded: Bool) -> String {
        var lines = result.notices
        if let columns = result.columns {
            lines += expanded ? self.expanded(columns, result.rows) : aligned(columns, result.rows)
        } else if !result.tag.isEmpty {
            lines.append(result.tag)
        }
        return lines.joined(separator: "\n")
    }

    /// A cell as shown: NULL for nil, line breaks and tabs as spaces so rows stay one line.
    static func cell(_ value: String?) -> String {
        guard let value else { return "NULL" }
        guard value.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" }) else { return value }
        return String(value.map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// Columns separated by ` | `, a `-+-` rule under the header, then `(n rows)`.
    static func aligned(_ columns: [String], _ rows: [[String?]]) -> [String] {
        let cells = rows.map { $0.map(cell) }
        var widths = columns.map(\.count)
        for row in cells {
            for (i, value) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], value.count) }
        }
        func line(_ values: [String]) -> String {
            zip(values, widths).map { pad($0, $1) }.joined(separator: " | ")
        }
        var lines = [line(columns), widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-")]
        lines += cells.map(line)
        lines.append("(\(rows.count) row\(rows.count == 1 ? "" : "s"))")
        return lines
    }

    /// psql's expanded format: per row a `-[ RECORD n ]` rule (with `+` over the column
    /// separator when it fits), then `name | value` lines. No rows print `(0 rows)`.
    static func expanded(_ columns: [String], _ rows: [[String?]]) -> [String] {
        guard !rows.isEmpty else { return ["(0 rows)"] }
        let nameWidth = columns.map(\.count).max() ?? 0
        let cells = rows.map { $0.map(cell) }
        let valueWidth = cells.flatMap { $0 }.map(\.count).max() ?? 0
        var lines: [String] = []
        for (number, row) in cells.enumerated() {
            lines.append(recordRule(number + 1, nameWidth: nameWidth, valueWidth: valueWidth))
            for (name, value) in zip(columns, row) { lines.append(pad(name, nameWidth) + " | " + value) }
        }
        return lines
    }

    /// `-[ RECORD 1 ]-+------`, as psql's `print_aligned_vertical` draws it with border 1.
    static func recordRule(_ number: Int, nameWidth: Int, valueWidth: Int) -> String {
        var rule = "-[ RECORD \(number) ]"
        var used = rule.count
        if used < nameWidth { rule += String(repeating: "-", count: nameWidth - used) }
        used -= nameWidth
        for piece in ["-", "+", "-"] {
            if used <= 0 { rule += piece }
            used -= 1
        }
        if used < valueWidth { rule += String(repeating: "-", count: valueWidth - max(used, 0)) }
        return rule
    }
}
