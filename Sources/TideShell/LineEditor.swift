import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Reads lines from a terminal with editing (arrows, Home/End, backspace, Ctrl-U) and a
/// history kept across sessions in a file; on a pipe it reads plain lines.
public final class LineEditor {
    private let historyFile: String?
    private var history: [String]
    private let interactive: Bool

    /// - Parameter historyFile: where history persists (one line per entry), or nil.
    public init(historyFile: String?) {
        self.historyFile = historyFile
        self.interactive = isatty(STDIN_FILENO) != 0
        let saved = historyFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? ""
        self.history = saved.split(separator: "\n").map(String.init).suffix(1000).map { $0 }
    }

    /// The next line, or nil at end of input.
    public func readLine(prompt: String) -> String? {
        guard interactive else { return Swift.readLine() }
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return Swift.readLine() }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
        defer { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &original) }

        var buffer = LineEditBuffer(history: history)
        draw(prompt, buffer)
        while let key = nextKey() {
            switch buffer.apply(key) {
            case .redraw:
                draw(prompt, buffer)
            case .submit(let line):
                write("\r\n")
                remember(line)
                return line
            case .cancel:
                write("^C\r\n")
                return ""
            case .endOfInput:
                write("\r\n")
                return nil
            }
        }
        return nil
    }

    private func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), history.last != line else { return }
        history.append(line)
        guard let historyFile, let handle = FileHandle(forWritingAtPath: historyFile) ?? create(historyFile) else {
            return
        }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data((line.replacingOccurrences(of: "\n", with: " ") + "\n").utf8))
    }

    private func create(_ path: String) -> FileHandle? {
        FileManager.default.createFile(atPath: path, contents: nil)
        return FileHandle(forWritingAtPath: path)
    }

    private func draw(_ prompt: String, _ buffer: LineEditBuffer) {
        let back = buffer.text.count - buffer.cursor
        write("\r" + prompt + buffer.line + "\u{1B}[K" + (back > 0 ? "\u{1B}[\(back)D" : ""))
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        return read(STDIN_FILENO, &byte, 1) == 1 ? byte : nil
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
        case 27:
            guard readByte() == UInt8(ascii: "["), let code = readByte() else { return .character(" ") }
            switch code {
            case UInt8(ascii: "A"): return .up
            case UInt8(ascii: "B"): return .down
            case UInt8(ascii: "C"): return .right
            case UInt8(ascii: "D"): return .left
            case UInt8(ascii: "H"): return .home
            case UInt8(ascii: "F"): return .end
            case UInt8(ascii: "3"):
                _ = readByte()  // the trailing "~" of Delete
                return .delete
            default: return nextKey()
            }
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
}
