import Foundation
import TideCore

/// The files a `LOAD DATA INFILE` path names: one file, every file with `suffix` in a
/// directory (by name; hidden and `_`-prefixed files such as Spark's `_SUCCESS` skipped), or
/// the matches of a glob pattern (`*`, `?`, `[...]`), sorted.
public enum InputFiles {
    public static func expand(_ path: String, suffix: String) throws -> [String] {
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            let names = try FileSystem.list(path).filter {
                !$0.hasPrefix(".") && !$0.hasPrefix("_") && $0.lowercased().hasSuffix(suffix)
            }
            guard !names.isEmpty else {
                throw TideError(.ioError, "directory \"\(path)\" has no \(suffix) files")
            }
            let directory = path.hasSuffix("/") ? path : path + "/"
            return names.sorted().map { directory + $0 }
        }
        if path.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
            var matches = glob_t()
            defer { globfree(&matches) }
            let status = glob(path, 0, nil, &matches)
            guard status == 0 else {
                throw TideError(.ioError, "no file matches \"\(path)\"")
            }
            var files: [String] = []
            for k in 0..<Int(matches.gl_pathc) {
                if let entry = matches.gl_pathv[k] { files.append(String(cString: entry)) }
            }
            return files.sorted()
        }
        return [path]
    }
}
