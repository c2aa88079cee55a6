import Foundation
import Testing
import TideCore
import TideStore

/// Several parsers over parts of a file must return what one `CSVReader` returns: the same
/// rows in the same order, and the same error with the same line number.
@Suite("ParallelCSVReader")
struct ParallelCSVReaderTests {
    static let table = makeTable([("id", .int64), ("name", .string), ("amount", .double)])

    private func sequential(_ path: String, header: Bool = true) throws -> Result<[[Value]], TideError> {
        do {
            var reader = try CSVReader(path: path, table: Self.table, options: CSVOptions(header: header), batchSize: 7)
            return .success(try drain(&reader))
        } catch let error as TideError {
            return .failure(error)
        }
    }

    private func parallel(_ path: String, partBytes: Int, header: Bool = true) throws -> Result<[[Value]], TideError> {
        do {
            let reader = try ParallelCSVReader(
                path: path, table: Self.table, options: CSVOptions(header: header), batchSize: 7, partBytes: partBytes)
            var rows: [[Value]] = []
            while let batch = try reader.next() {
                for r in 0..<batch.count { rows.append(batch.row(r)) }
            }
            return .success(rows)
        } catch let error as TideError {
            return .failure(error)
        }
    }

    private func lines(_ count: Int, quotedNewlineEvery: Int? = nil, badAt: Int? = nil) -> String {
        var text = "id,name,amount\n"
        for i in 0..<count {
            var name = "n\(i % 13)"
            if let every = quotedNewlineEvery, i % every == 0 { name = "\"two\nlines, \"\"quoted\"\"\"" }
            let amount = badAt == i ? "oops" : "\(Double(i) / 4)"
            text += "\(i),\(name),\(amount)\(i % 5 == 0 ? "\r\n" : "\n")"
            if i % 17 == 0 { text += "\n" }
        }
        return text
    }

    @Test("the same rows in the same order, parts of every size", arguments: [64, 100, 257, 1000, 1 << 20])
    func sameRows(_ partBytes: Int) throws {
        try withScratchDirectory { dir in
            let path = dir + "/a.csv"
            try lines(500).write(toFile: path, atomically: true, encoding: .utf8)
            let expected = try sequential(path)
            let got = try parallel(path, partBytes: partBytes)
            #expect(try got.get() == expected.get())
            #expect(try got.get().count == 500)
        }
    }

    @Test("quoted fields spanning lines, cut in the middle, still read right", arguments: [64, 97, 300])
    func quotedNewlines(_ partBytes: Int) throws {
        try withScratchDirectory { dir in
            let path = dir + "/q.csv"
            try lines(400, quotedNewlineEvery: 3).write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try parallel(path, partBytes: partBytes).get() == sequential(path).get())
        }
    }

    @Test("a bad value far into the file is reported on the same line", arguments: [64, 500])
    func sameError(_ partBytes: Int) throws {
        try withScratchDirectory { dir in
            let path = dir + "/e.csv"
            try lines(400, quotedNewlineEvery: 7, badAt: 333).write(toFile: path, atomically: true, encoding: .utf8)
            guard case .failure(let expected) = try sequential(path) else {
                Issue.record("the sequential reader accepted a bad value")
                return
            }
            guard case .failure(let got) = try parallel(path, partBytes: partBytes) else {
                Issue.record("the parallel reader accepted a bad value")
                return
            }
            #expect(got.message == expected.message)
            #expect(got.code == expected.code)
        }
    }

    @Test("without a header, and a file without line feeds at all")
    func noHeader() throws {
        try withScratchDirectory { dir in
            let path = dir + "/h.csv"
            let body = lines(200).split(separator: "\n", maxSplits: 1)[1]
            try String(body).write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try parallel(path, partBytes: 64, header: false).get() == sequential(path, header: false).get())
            let crOnly = dir + "/cr.csv"
            try "id,name,amount\r1,a,1.5\r2,b,2.5\r".write(toFile: crOnly, atomically: true, encoding: .utf8)
            #expect(try parallel(crOnly, partBytes: 8).get() == sequential(crOnly).get())
        }
    }
}
