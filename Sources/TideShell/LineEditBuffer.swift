/// The editing state of one input line in the shell: text, cursor and history navigation.
/// Pure logic (no terminal I/O), so it is unit-tested; `LineEditor` feeds it keys.
public struct LineEditBuffer: Sendable {
    /// A decoded key press.
    public enum Key: Sendable, Hashable {
        case character(Character)
        case backspace
        case delete
        case left
        case right
        case home
        case end
        case up
        case down
        case enter
        case interrupt
        case endOfInput
        /// Ctrl-U: delete everything before the cursor.
        case killToStart
    }

    /// What the editor should do after a key.
    public enum Outcome: Sendable, Hashable {
        case redraw
        case submit(String)
        case cancel
        case endOfInput
    }

    public private(set) var text: [Character] = []
    public private(set) var cursor = 0
    private var history: [String]
    /// Position in history while browsing with up/down; `history.count` means the new line.
    private var historyIndex: Int
    private var draft: [Character] = []

    public init(history: [String]) {
        self.history = history
        self.historyIndex = history.count
    }

    public var line: String { String(text) }

    public mutating func apply(_ key: Key) -> Outcome {
        switch key {
        case .character(let c):
            text.insert(c, at: cursor)
            cursor += 1
        case .backspace:
            if cursor > 0 {
                text.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete:
            if cursor < text.count { text.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = text.count
        case .killToStart:
            text.removeFirst(cursor)
            cursor = 0
        case .up:
            guard historyIndex > 0 else { return .redraw }
            if historyIndex == history.count { draft = text }
            historyIndex -= 1
            text = Array(history[historyIndex])
            cursor = text.count
        case .down:
            guard historyIndex < history.count else { return .redraw }
            historyIndex += 1
            text = historyIndex == history.count ? draft : Array(history[historyIndex])
            cursor = text.count
        case .enter:
            return .submit(line)
        case .interrupt:
            return .cancel
        case .endOfInput:
            if text.isEmpty { return .endOfInput }
            // Ctrl-D on a non-empty line deletes forward, as in readline.
            if cursor < text.count { text.remove(at: cursor) }
        }
        return .redraw
    }
}
