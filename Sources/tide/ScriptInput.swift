import ArgumentParser

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Reads a script from a file or standard input.
enum ScriptInput {
    static func read(_ path: String) throws -> String {
        if path == "-" {
            var text = ""
            while let line = readLine(strippingNewline: false) { text += line }
            return text
        }
        guard let handle = fopen(path, "rb") else {
            throw ValidationError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, handle)
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
