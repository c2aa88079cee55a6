import Testing
import TideCore
import TideTestSupport

@testable import TideSQL

@Suite struct CreateTableTests {
    private func create(_ sql: String) throws -> CreateTableStatement {
        guard case .createTable(let c) = try parseVerified(sql) else {
            throw SQLAssertionFailure(description: "not CREATE TABLE: \(sql)")
        }
        return c
    }

    @Test func columnsTypesAndConstraints() throws {
        let c = try create(
            "CREATE TABLE IF NOT EXISTS db.t (a bool, b smallint NOT NULL, c int, d bigint, e float, f double, "
                + "g string DEFAULT 'x', h varchar(64), i date, j timestamp NOT NULL, k i16, l int32, m float32)")
        #expect(c.ifNotExists)
        #expect(c.name.description == "db.t")
        let columns = (c.elements ?? []).compactMap { element -> ColumnDefinition? in
            if case .column(let column) = element { return column }
            return nil
        }
        #expect(
            columns.map(\.type) == [
                .of(.bool), .of(.int16), .of(.int32), .of(.int64), .of(.float), .of(.double), .of(.string),
                .scalar(.string, length: 64), .of(.date), .of(.timestamp), .of(.int16), .of(.int32), .of(.float),
            ])
        #expect(columns[1].notNull && columns[9].notNull && !columns[0].notNull)
        #expect(columns[6].defaultValue?.kind == .literal(.string("x")))
    }

    @Test func indexOptions() throws {
        let c = try create(
            "CREATE TABLE t (k1 string, k2 int, ts timestamp, "
                + "INDEX(KEY=(k1, k2), TS=ts, TTL=(10d, 100), TTL_TYPE=absandlat), INDEX(KEY=k1, TTL=1000, TTL_TYPE=latest))"
        )
        guard case .index(let first) = c.elements?[3], case .index(let second) = c.elements?[4] else {
            throw SQLAssertionFailure(description: "indexes missing")
        }
        #expect(
            first.options == [
                .key([Identifier("k1"), Identifier("k2")]), .ts(Identifier("ts")),
                .ttl([.interval(10, .day), .number(100)]), .ttlType(.absandlat),
            ])
        #expect(second.options == [.key([Identifier("k1")]), .ttl([.number(1000)]), .ttlType(.latest)])
    }

    @Test(arguments: [
        "CREATE TABLE t1 (a int, b string, INDEX(KEY=(a, b), dump='12', TS=c2, TTL=1d, TTL_TYPE=absolute, version=(c5, 3))) OPTIONS (replicanum = 3, partitionnum = 3, distribution = [('leader1', ['fo1', 'fo2'])])",
        "CREATE TABLE t1 (c1 int, c2 timestamp, INDEX(KEY=c1, TS=c2)) OPTIONS (storage_mode = 'HDD')",
        "CREATE TABLE t1 (id int, member ARRAY<string> NOT NULL, attrs MAP<string, int NOT NULL> NOT NULL)",
        "CREATE TABLE t1 (m MAP<string, ARRAY<int>>)",
        "CREATE TABLE t2 LIKE t1",
        "CREATE TABLE t1 LIKE hive 'hdfs://path'",
        "CREATE TABLE schema.sql",
        "CREATE TABLE `t-1` (`a-1` `int`, `b-1` `string`, INDEX(KEY=(`a-1`, `b-1`), `ts`=`column-2`))",
        "CREATE TABLE t (c1 string DEFAULT CAST(1 AS string), c3 int)",
        "CREATE TABLE t (c1 int, INDEX idx1 (KEY=c1, TTL=0m, TTL_TYPE=absolute))",
    ])
    func createTableFormsRoundTrip(_ sql: String) throws {
        try parseVerified(sql)
    }

    @Test func createTableErrors() throws {
        try expectParseError("CREATE TABLE t (a 1️⃣blob)", contains: "unknown type \"blob\"")
        try expectParseError("CREATE TABLE t (a int, INDEX(KEY=a, TTL_TYPE=1️⃣forever))", contains: "ABSOLUTE")
        try expectParseError("CREATE TABLE t (a int, INDEX(KEY=a, TTL=1️⃣'x'))", contains: "a TTL")
        try expectParseError("CREATE TABLE t (a int 1️⃣b)", contains: "\")\"")
        try expectParseError("CREATE TABLE t (1️⃣)", contains: "column name")
    }
}
