import TideCore
import TideDB

/// The `"columns":[...]` text of a JSON result line, kept for the last column list seen: a
/// script of requests to one deployment prints the same columns on every line, and comparing
/// them costs less than escaping every name again.
final class JSONColumnsText {
    private var columns: [ResultColumn] = []
    private var text = ""

    /// The JSON array describing `columns`.
    func text(for columns: [ResultColumn]) -> String {
        if columns != self.columns || text.isEmpty {
            self.columns = columns
            text = Self.render(columns)
        }
        return text
    }

    static func render(_ columns: [ResultColumn]) -> String {
        var text = "["
        for (i, column) in columns.enumerated() {
            text += i == 0 ? "{\"name\":" : ",{\"name\":"
            JSONString.append(column.name, to: &text)
            text += ",\"type\":"
            JSONString.append(column.type.description, to: &text)
            text += "}"
        }
        return text + "]"
    }
}
