/// The shell's history: whole statements (a statement typed over several lines is one entry,
/// newlines included) and meta-commands, oldest first. Persisted one entry per line, with
/// `\n` and `\\` escapes for newlines and backslashes.
public struct ShellHistory: Sendable, Hashable {
    /// At most this many entries are kept.
    public static let limit = 1000

    /// The entries, oldest first.
    public private(set) var entries: [String]

    /// A history holding `entries` (the newest `limit` of them).
    public init(entries: [String] = []) {
        self.entries = Array(entries.suffix(Self.limit))
    }

    /// Adds `entry` (trailing line breaks removed) unless it is blank or repeats the newest.
    /// Returns whether it was added.
    @discardableResult
    public mutating func add(_ entry: String) -> Bool {
        var text = Substring(entry)
        while let last = text.last, last == "\n" || last == "\r\n" || last == "\r" { text = text.dropLast() }
        guard !text.allSatisfy(\.isWhitespace), entries.last != String(text) else { return false }
        entries.append(String(text))
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
        return true
    }

    /// One entry as a line of the history file.
    public static func encode(_ entry: String) -> String {
        var line = ""
        for character in entry {
            switch character {
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r\n": line += "\\n"
            default: line.append(character)
            }
        }
        return line
    }

    /// An entry from a line of the history file: `\n` is a newline, `\\` a backslash; any
    /// other backslash stands for itself (files written before escaping stay readable).
    public static func decode(_ line: Substring) -> String {
        var entry = ""
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            let next = line.index(after: index)
            if character == "\\", next < line.endIndex, line[next] == "n" || line[next] == "\\" {
                entry.append(line[next] == "n" ? "\n" : "\\")
                index = line.index(after: next)
            } else {
                entry.append(character)
                index = next
            }
        }
        return entry
    }

    /// The history in a history file's text.
    public static func decode(file text: String) -> ShellHistory {
        ShellHistory(entries: text.split(separator: "\n").map { decode($0) })
    }
}
