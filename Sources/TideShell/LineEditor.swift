import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Reads lines from a terminal with editing (arrows, Home/End, backspace, Ctrl-U) and a
/// history of whole statements kept across sessions in a file; on a pipe it reads plain
/// lines. A recalled multi-line statement is edited as one text and shown over several
/// rows, and long lines wrap; both redraw correctly (`TerminalLayout`).
public final class LineEditor {
    private let historyFile: String?
    /// The history entries, oldest first.
    public private(set) var history: ShellHistory
    /// True when standard input is a terminal (editing on); false on a pipe or file.
    public let isInteractive: Bool
    /// The row of the input's cursor below the prompt's row, as last drawn.
    private var cursorRow = 0

    /// - Parameter historyFile: where history persists (one entry per line), or nil.
    public init(historyFile: String?) {
        self.historyFile = historyFile
        self.isInteractive = isatty(STDIN_FILENO) != 0
        let saved = historyFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? ""
        self.history = ShellHistory.decode(file: saved)
    }

    /// The next line: `.line` with the text typed (which contains newlines when a recalled
    /// multi-line statement was submitted), `.interrupt` for Ctrl-C, `.endOfInput` at EOF.
    public func read(prompt: String, continuationPrompt: String) -> ShellInput {
        guard isInteractive else { return Swift.readLine().map(ShellInput.line) ?? .endOfInput }
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else {
            return Swift.readLine().map(ShellInput.line) ?? .endOfInput
        }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        // TCSADRAIN, not TCSAFLUSH: keys typed ahead while a statement ran are kept.
        _ = tcsetattr(STDIN_FILENO, TCSADRAIN, &raw)
        defer { _ = tcsetattr(STDIN_FILENO, TCSADRAIN, &original) }

        var buffer = LineEditBuffer(history: history.entries)
        cursorRow = 0
        draw(prompt, continuationPrompt, buffer)
        while let key = nextKey() {
            switch buffer.apply(key) {
            case .redraw:
                draw(prompt, continuationPrompt, buffer)
            case .submit(let line):
                draw(prompt, continuationPrompt, buffer, cursorAtEnd: true)
                write("\r\n")
                return .line(line)
            case .cancel:
                draw(prompt, continuationPrompt, buffer, cursorAtEnd: true)
                write("^C\r\n")
                return .interrupt
            case .endOfInput:
                write("\r\n")
                return .endOfInput
            }
        }
        return .endOfInput
    }

    /// Adds a whole statement or meta-command to the history, and appends it to the file.
    public func remember(_ entry: String) {
        guard history.add(entry), let newest = history.entries.last else { return }
        guard let historyFile, let handle = FileHandle(forWritingAtPath: historyFile) ?? create(historyFile) else {
            return
        }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data((ShellHistory.encode(newest) + "\n").utf8))
    }

    private func create(_ path: String) -> FileHandle? {
        _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        return FileHandle(forWritingAtPath: path)
    }

    /// Redraws the whole input: back to the prompt's row, clear to the end of the screen,
    /// write the layout.
    private func draw(_ prompt: String, _ continuation: String, _ buffer: LineEditBuffer, cursorAtEnd: Bool = false) {
        let layout = TerminalLayout(
            prompt: prompt, continuation: continuation, text: buffer.text,
            cursorIndex: cursorAtEnd ? buffer.text.count : buffer.cursor, width: Self.terminalWidth())
        let up = cursorRow > 0 ? "\u{1B}[\(cursorRow)A" : ""
        write(up + "\r\u{1B}[J" + layout.output)
        cursorRow = layout.cursor.row
    }

    /// The terminal's width in columns (`TIOCGWINSZ`), 80 if it cannot be read.
    public static func terminalWidth() -> Int {
        var size = winsize()
        let status = withUnsafeMutablePointer(to: &size) { ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), $0) }
        return status == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = readStandardInput(&byte)
            if count == 1 { return byte }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// Decodes one key from the terminal's bytes (UTF-8 characters, escape sequences).
    private func nextKey() -> LineEditBuffer.Key? {
        guard let byte = readByte() else { return nil }
        switch byte {
        case 13, 10: return .enter
        case 127, 8: return .backspace
        case 3: return .interrupt
        case 4: return .endOfInput
        case 1: return .home
        case 5: return .end
        case 21: return .killToStart
        case 9: return .character(" ")
        case 27: return escapeSequence()
        default:
            var bytes = [byte]
            let extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0
            for _ in 0..<extra {
                if let next = readByte() { bytes.append(next) }
            }
            guard let character = String(decoding: bytes, as: UTF8.self).first, byte >= 0x20 else { return nextKey() }
            return .character(character)
        }
    }

    /// The key of an escape sequence (`ESC [ A`, `ESC O H`, `ESC [ 3 ~`, ...); unknown ones
    /// are skipped.
    private func escapeSequence() -> LineEditBuffer.Key? {
        guard let introducer = readByte() else { return nil }
        guard introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O") else { return nextKey() }
        var parameters: [UInt8] = []
        while let code = readByte() {
            if code >= 0x40 && code <= 0x7E {
                return key(final: code, parameters: String(decoding: parameters, as: UTF8.self)) ?? nextKey()
            }
            parameters.append(code)
        }
        return nil
    }

    private func key(final: UInt8, parameters: String) -> LineEditBuffer.Key? {
        switch (final, parameters) {
        case (UInt8(ascii: "A"), _): return .up
        case (UInt8(ascii: "B"), _): return .down
        case (UInt8(ascii: "C"), _): return .right
        case (UInt8(ascii: "D"), _): return .left
        case (UInt8(ascii: "H"), _), (UInt8(ascii: "~"), "1"), (UInt8(ascii: "~"), "7"): return .home
        case (UInt8(ascii: "F"), _), (UInt8(ascii: "~"), "4"), (UInt8(ascii: "~"), "8"): return .end
        case (UInt8(ascii: "~"), "3"): return .delete
        default: return nil
        }
    }
}

/// `read(2)` of one byte from standard input (at file scope, where `read` is not
/// `LineEditor.read(prompt:continuationPrompt:)`).
private func readStandardInput(_ byte: inout UInt8) -> Int {
    read(STDIN_FILENO, &byte, 1)
}
