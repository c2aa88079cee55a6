import Synchronization
import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

@testable import TideBatch

/// The batch engine's parallel building blocks against plain serial versions of the same
/// work, on inputs large enough to be split over threads.
@Suite struct ParallelBuildingBlocksTests {
    static let rows = 200_003

    /// Keys with repeats, NULLs and a few values of each kind.
    static func keys(_ seed: UInt64, distinct: Int) -> [Value] {
        var random = SeededGenerator(seed: seed)
        return (0..<rows).map { _ in
            let k = Int(random.next() % UInt64(distinct))
            switch k % 5 {
            case 0: return .null
            case 1, 2: return .string("key-\(k)")
            default: return .int64(Int64(k) - 1_000)
            }
        }
    }

    @Test(arguments: [1, 7, 5_000, 150_000])
    func partitionsAreNumberedByFirstAppearance(distinct: Int) throws {
        let main = Self.keys(UInt64(distinct), distinct: distinct)
        let union = Self.keys(UInt64(distinct) + 1, distinct: distinct * 2)
        var expected: [Value: Int32] = [:]
        let expectedMain = main.map { key -> Int32 in
            if let p = expected[key] { return p }
            expected[key] = Int32(expected.count)
            return Int32(expected.count - 1)
        }
        var numbering = PartitionNumbering(expectedRows: main.count)
        #expect(try numbering.number([main], rows: main.count, create: true) == expectedMain)
        #expect(numbering.count == Int32(expected.count))
        // Union rows only find the main rows' partitions.
        #expect(try numbering.number([union], rows: union.count, create: false) == union.map { expected[$0] ?? -1 })
        #expect(numbering.count == Int32(expected.count))
    }

    @Test func compositeKeysAreNumberedAsTuples() throws {
        let a = Self.keys(3, distinct: 40)
        let b = Self.keys(4, distinct: 3)
        var expected: [[Value]: Int32] = [:]
        let want = zip(a, b).map { pair -> Int32 in
            let key = [pair.0, pair.1]
            if let p = expected[key] { return p }
            expected[key] = Int32(expected.count)
            return Int32(expected.count - 1)
        }
        var numbering = PartitionNumbering(expectedRows: a.count)
        #expect(try numbering.number([a, b], rows: a.count, create: true) == want)
    }

    @Test(arguments: [false, true])
    func integerKeyIndexFindsTheLastPreferredRow(shuffled: Bool) throws {
        var random = SeededGenerator(seed: shuffled ? 11 : 12)
        let keys: [Value] = (0..<Self.rows).map { _ in
            random.next() % 50 == 0 ? .null : .int64(Int64(random.next() % 90_000) - 45_000)
        }
        var preferred = Array(keys.indices)
        if shuffled { preferred.shuffle(using: &random) }
        var expected: [Int64: Int] = [:]
        var expectedNull = -1
        for r in preferred {
            if case .int64(let k) = keys[r] { expected[k] = r } else { expectedNull = r }
        }
        let index = try #require(try IntegerKeyIndex(keys, rows: preferred))
        #expect(index.type == .int64)
        for probe in Int64(-46_000)...Int64(46_000) {
            #expect(index.match(probe, isNull: false) == expected[probe] ?? -1)
        }
        #expect(index.match(0, isNull: true) == expectedNull)
    }

    @Test func integerKeysOfMixedOrNonIntegerTypesAreRefused() throws {
        var keys = [Value](repeating: .int32(4), count: Self.rows)
        #expect(try IntegerKeyIndex.keys(keys)?.type == .int32)
        keys[Self.rows - 1] = .int64(4)
        #expect(try IntegerKeyIndex.keys(keys) == nil)
        keys[Self.rows - 1] = .string("4")
        #expect(try IntegerKeyIndex.keys(keys) == nil)
        #expect(try IntegerKeyIndex.keys([Value](repeating: .null, count: Self.rows)) == nil)
    }

    @Test func discardingColumnsReleasesEveryValueOnce() {
        let strings = (0..<50_000).map { "a string long enough to live on the heap \($0)" }
        var columns = (0..<6).map { c in strings.map { Value.string($0 + "\(c)") } }
        let kept = columns[2]
        ParallelWork.discard(&columns)
        #expect(columns.isEmpty)
        // A column referenced elsewhere is only let go, not destroyed.
        #expect(kept.count == 50_000 && kept[49_999] == .string(strings[49_999] + "2"))
    }
}

/// Scans of one table in one plan read its source once per column and agree with each other.
@Suite struct SharedScansTests {
    /// A table source that counts the columns every scan asks for.
    final class CountingProvider: TableSourceProvider {
        let database: BatchTestDatabase
        let scans = Mutex<[[Int]?]>([])
        init(_ database: BatchTestDatabase) { self.database = database }

        func source(for table: TableDef) throws -> any TableSource {
            CountingSource(base: try database.source(for: table), scans: self)
        }
    }

    struct CountingSource: TableSource {
        let base: any TableSource
        let scans: CountingProvider
        func scan(batchSize: Int) throws -> any BatchIterator { try scan(batchSize: batchSize, columns: nil) }
        func scan(batchSize: Int, columns: [Int]?) throws -> any BatchIterator {
            scans.scans.withLock { $0.append(columns) }
            return try base.scan(batchSize: batchSize, columns: columns)
        }
    }

    @Test func aTableScannedTwiceIsReadOncePerColumn() throws {
        var database = try BatchTestDatabase([
            "CREATE TABLE t (id bigint, k string, v double, w int, ts timestamp, INDEX(KEY=k, TS=ts))",
            "CREATE TABLE u (id bigint, k string, v double, w int, ts timestamp, INDEX(KEY=k, TS=ts))",
        ])
        var random = SeededGenerator(seed: 5)
        let rows: [[Value]] = (0..<3_000).map { i in
            [
                .int64(Int64(i)), .string("k\(random.next() % 40)"), .double(Double(random.next() % 1_000) / 8),
                .int32(Int32(random.next() % 9)), .timestamp(Int64(i) * 1_000),
            ]
        }
        database.insert("t", rows)
        database.insert("u", rows)
        func sql(joining right: String) -> String {
            """
            SELECT a.id, a.k, sum(a.v) OVER w AS s, b.w AS bw, b.v AS bv FROM t a
            LAST JOIN \(right) b ON a.id = b.id
            WINDOW w AS (PARTITION BY a.k ORDER BY a.ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
            """
        }
        let bound = try PlanTesting.bind(sql(joining: "t"), catalog: database.catalog)
        let provider = CountingProvider(database)
        let shared = try BatchEngine(sources: provider, context: FunctionContext()).rows(bound.plan)
        let reads = provider.scans.withLock { $0 }
        // The second scan reads only the column the first did not (w), not the table again.
        #expect(reads.count == 2)
        #expect(reads.last == [3])
        // The same query over a copy of the table (two tables: nothing shared) gives the same rows.
        let expected = try database.query(sql(joining: "u"))
        #expect(shared == expected)
        #expect(shared.count == 3_000)
        for row in shared { #expect(row[3] != .null && row[4] != .null) }
    }
}

/// Whole-table reads through a source's parts, the fallback to its scan when a part has
/// moved away, and the error of a part that fails.
@Suite struct PartedScanTests {
    enum Trouble: Sendable { case gone, damaged }

    struct Part: TablePart {
        let rows: Range<Int>
        let trouble: Trouble?
        var rowCount: Int { rows.count }
        func read() throws -> ColumnBatch? {
            switch trouble {
            case .gone: return nil
            case .damaged: throw TideError(.dataCorrupted, "part damaged")
            case nil: return ColumnBatch(rows: rows.map { [.int64(Int64($0)), .string("r\($0)")] }, width: 2)
            }
        }
    }

    struct PartedSource: TableSource {
        let rows: Int
        let troubledPart: Int?
        var trouble = Trouble.gone
        func scan(batchSize: Int) throws -> any BatchIterator {
            try InMemoryTableSource(rows: (0..<rows).map { [.int64(Int64($0)), .string("r\($0)")] }, width: 2)
                .scan(batchSize: batchSize)
        }
        var rowCountHint: Int? { rows }
        func parts(columns: [Int]?) -> [any TablePart]? {
            stride(from: 0, to: rows, by: 977).enumerated().map { i, start in
                Part(rows: start..<min(rows, start + 977), trouble: i == troubledPart ? trouble : nil)
            }
        }
    }

    @Test(arguments: [nil, 0, 7, 20] as [Int?])
    func partsAreReadInOrderOrTheScanIsUsed(gonePart: Int?) throws {
        let engine = BatchEngine(sources: BatchTestDatabase.empty, context: FunctionContext())
        let source = PartedSource(rows: 20_000, troubledPart: gonePart)
        let (columns, count) = try BatchScan.read(source, columns: nil, width: 2, engine: engine)
        #expect(count == 20_000)
        #expect(columns[0] == (0..<20_000).map { .int64(Int64($0)) })
        #expect(columns[1] == (0..<20_000).map { .string("r\($0)") })
    }

    @Test func aDamagedPartIsAnError() {
        let engine = BatchEngine(sources: BatchTestDatabase.empty, context: FunctionContext())
        let source = PartedSource(rows: 20_000, troubledPart: 7, trouble: .damaged)
        #expect(throws: TideError(.dataCorrupted, "part damaged")) {
            _ = try BatchScan.read(source, columns: nil, width: 2, engine: engine)
        }
    }
}
