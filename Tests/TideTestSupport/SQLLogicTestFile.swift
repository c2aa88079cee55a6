import Foundation

/// A `sql/tests/*.test` file: SQLLogicTest-style records, run by `SQLLogicTests` in the
/// offline, online (preview) and request modes.
///
///     # comment
///     statement ok                       a statement that must succeed
///     CREATE TABLE t (...)
///
///     statement error 42P01              a statement that must fail with this SQLSTATE
///     SELECT * FROM nosuch
///
///     query [rowsort]                    a query and its rows (offline and online modes);
///     SELECT id, v FROM t                rowsort compares them as a sorted list
///     ----
///     1 | 10.5
///     2 | NULL
///
///     request [adhoc]                    request rows for a query (request mode), checked
///     SELECT id, sum(v) OVER w ...       ad hoc (CONFIG) and (unless adhoc) through DEPLOY + EXECUTE
///     VALUES (3, 2.5, 3000)
///     ----
///     3 | 13.0
///
/// A record ends at a blank line. `onlyif MODE` or `skipif MODE` on the line before a record
/// restricts it (MODE: offline, online, request). Values print as the shell prints them
/// (NULL as `NULL`, timestamps as epoch milliseconds), columns separated by ` | `.
public struct SQLLogicTestFile {
    public enum Kind: Equatable, Sendable {
        case statementOK
        case statementError(String)
        case query(rowsort: Bool)
        /// `adHoc`: `request adhoc`, a query DEPLOY refuses (it would scan tables per request).
        case request(values: String, adHoc: Bool)
    }

    public struct Record: Sendable {
        public var kind: Kind
        public var sql: String
        public var expected: [String]
        public var line: Int
        public var onlyIf: Set<String>
        public var skipIf: Set<String>

        public func runs(in mode: String) -> Bool {
            (onlyIf.isEmpty || onlyIf.contains(mode)) && !skipIf.contains(mode)
        }
    }

    public var path: String
    public var records: [Record]

    public init(path: String) throws {
        self.path = path
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        var records: [Record] = []
        var i = 0
        var onlyIf: Set<String> = []
        var skipIf: Set<String> = []
        func fail(_ message: String) -> any Error {
            NSError(
                domain: "sqllogictest", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(path):\(i + 1): \(message)"])
        }
        while i < lines.count {
            let line = lines[i].trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") {
                i += 1
                continue
            }
            let words = line.split(separator: " ").map(String.init)
            if words[0] == "onlyif" || words[0] == "skipif", words.count == 2 {
                if words[0] == "onlyif" { onlyIf.insert(words[1]) } else { skipIf.insert(words[1]) }
                i += 1
                continue
            }
            let header = i
            var body: [String] = []
            i += 1
            while i < lines.count, !lines[i].trimmingCharacters(in: .whitespaces).isEmpty,
                lines[i].trimmingCharacters(in: .whitespaces) != "----"
            {
                body.append(lines[i])
                i += 1
            }
            var expected: [String] = []
            if i < lines.count, lines[i].trimmingCharacters(in: .whitespaces) == "----" {
                i += 1
                while i < lines.count, !lines[i].trimmingCharacters(in: .whitespaces).isEmpty {
                    expected.append(lines[i].trimmingCharacters(in: .whitespaces))
                    i += 1
                }
            }
            let kind: Kind
            switch (words[0], words.count > 1 ? words[1] : "") {
            case ("statement", "ok"): kind = .statementOK
            case ("statement", "error"):
                guard words.count == 3 else { throw fail("statement error needs a SQLSTATE") }
                kind = .statementError(words[2])
            case ("query", let option):
                kind = .query(rowsort: option == "rowsort")
            case ("request", _):
                guard let values = body.last,
                    values.trimmingCharacters(in: .whitespaces).uppercased().hasPrefix("VALUES")
                else { throw fail("a request record ends its SQL with a VALUES (...) line") }
                body.removeLast()
                kind = .request(
                    values: values.trimmingCharacters(in: .whitespaces), adHoc: words.count > 1 && words[1] == "adhoc")
            default:
                throw fail("unknown record \"\(line)\"")
            }
            guard !body.isEmpty else { throw fail("record without SQL") }
            records.append(
                Record(
                    kind: kind, sql: body.joined(separator: "\n"), expected: expected, line: header + 1, onlyIf: onlyIf,
                    skipIf: skipIf))
            onlyIf = []
            skipIf = []
        }
        self.records = records
    }
}
