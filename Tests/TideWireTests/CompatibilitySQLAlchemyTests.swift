import TideDB
import XCTest

@testable import TideWire

/// SQLAlchemy 2.1 with psycopg 3.3: dialect initialization, `inspect(engine)` and psycopg's
/// own TypeInfo lookups.
final class CompatibilitySQLAlchemyTests: XCTestCase {
    /// Every statement SQLAlchemy and psycopg sent.
    static var captured: [CapturedQuery] { sqlalchemyConnect + sqlalchemyReflection }

    func testCapturedSQLAlchemyQueriesHavePostgreSQLsShape() throws {
        let demo = try DemoDatabase()
        for query in Self.captured { demo.assertShape(query) }
    }

    /// What the dialect reads when it first connects.
    func testDialectInitialization() throws {
        let demo = try DemoDatabase()
        let version = try XCTUnwrap(demo.rows("select pg_catalog.version()").first?.first ?? nil)
        // SQLAlchemy's pattern for the server version.
        let match = version.firstMatch(of: /PostgreSQL (\d+)\.?(\d+)?/)
        XCTAssertEqual(match.map { String($0.1) }, "15")
        XCTAssertEqual(demo.rows("show standard_conforming_strings"), [["on"]])
        let hstore = try Self.captured.first(containing: "to_regtype($1)")
        XCTAssertEqual(demo.rows(hstore.sql, hstore.parameters), [])
        XCTAssertEqual(demo.rows(hstore.sql, ["bigint"]), [["int8", "20", "1016", "bigint", ","]])
        XCTAssertEqual(
            demo.rows(hstore.sql, ["timestamp"]), [["timestamp", "1114", "1115", "timestamp without time zone", ","]])
        XCTAssertEqual(demo.rows(hstore.sql, [nil]), [])
    }

    func testTableNamesAndHasTable() throws {
        let demo = try DemoDatabase()
        let names = try Self.captured.first(
            containing: "relpersistence != $3::VARCHAR AND pg_catalog.pg_table_is_visible")
        XCTAssertEqual(demo.rows(names.sql, names.parameters), [["t"]])
        XCTAssertEqual(demo.rows(names.sql, ["v", "p", "t", "pg_catalog"]), [], "views")
        XCTAssertEqual(demo.rows(names.sql, names.parameters, context: demo.context(currentDatabase: "other")), [])
        let has = try Self.captured.first(containing: "WHERE pg_catalog.pg_class.relname IN ($1::VARCHAR)")
        XCTAssertEqual(demo.rows(has.sql, has.parameters), [["t"]])
        XCTAssertEqual(demo.rows(has.sql, ["nosuch"] + has.parameters.dropFirst()), [])
        let inSchema = try Self.captured.first(containing: "pg_catalog.pg_namespace.nspname = $4::VARCHAR")
        XCTAssertEqual(demo.rows(inSchema.sql, inSchema.parameters), [["t"]])
        XCTAssertEqual(demo.rows(inSchema.sql, ["r", "p", "t", "other"]), [])
    }

    func testColumnsHavePostgreSQLsTypeNames() throws {
        let demo = try DemoDatabase()
        let columns = try Self.captured.first(containing: "AS format_type", and: "relname IN ($21::VARCHAR)")
        let rows = demo.rows(columns.sql, columns.parameters)
        XCTAssertEqual(rows.map { $0[0] }, ["id", "card", "amount", "ts", "d", "ok", "n", "s", "f"])
        XCTAssertEqual(
            rows.map { $0[1] },
            [
                "bigint", "text", "double precision", "timestamp without time zone", "date", "boolean", "integer",
                "smallint", "real",
            ])
        XCTAssertEqual(rows.first, ["id", "bigint", nil, "t", "t", nil, "", nil, nil])
        let all = try Self.captured.first(containing: "AS format_type", and: "relpersistence != $18")
        XCTAssertEqual(demo.rows(all.sql, all.parameters).count, 9)
    }
}

extension CompatibilitySQLAlchemyTests {
    static let sqlalchemyConnect: [CapturedQuery] = [
        CapturedQuery("BEGIN", columns: nil, tag: "BEGIN"),
        CapturedQuery("select pg_catalog.version()", columns: ["version:25"], tag: "SELECT"),
        CapturedQuery("select current_schema()", columns: ["current_schema:19"], tag: "SELECT"),
        CapturedQuery("show transaction isolation level", columns: ["transaction_isolation:25"], tag: "SHOW"),
        CapturedQuery("show standard_conforming_strings", columns: ["standard_conforming_strings:25"], tag: "SHOW"),
        CapturedQuery("SAVEPOINT \"_pg3_1\"", columns: nil, tag: "SAVEPOINT"),
        CapturedQuery(
            #"""
            SELECT
                typname AS name, oid, typarray AS array_oid,
                oid::regtype::text AS regtype, typdelim AS delimiter
            FROM pg_type t
            WHERE t.oid = to_regtype($1)
            ORDER BY t.oid
            """#,
            parameters: ["hstore"],
            columns: ["name:19", "oid:26", "array_oid:26", "regtype:25", "delimiter:18"], tag: "SELECT"),
        CapturedQuery("RELEASE \"_pg3_1\"", columns: nil, tag: "RELEASE"),
        CapturedQuery("ROLLBACK", columns: nil, tag: "ROLLBACK"),
        CapturedQuery(
            #"""
            SELECT pg_catalog.pg_attribute.attname AS name, pg_catalog.format_type(pg_catalog.pg_attribute.atttypid, pg_catalog.pg_attribute.atttypmod) AS format_type, CASE WHEN pg_catalog.pg_attribute.atthasdef THEN (SELECT pg_catalog.pg_get_expr(pg_catalog.pg_attrdef.adbin, pg_catalog.pg_attrdef.adrelid) AS pg_get_expr_1
            FROM pg_catalog.pg_attrdef
            WHERE pg_catalog.pg_attribute.atthasdef AND pg_catalog.pg_attrdef.adrelid = pg_catalog.pg_attribute.attrelid AND pg_catalog.pg_attrdef.adnum = pg_catalog.pg_attribute.attnum) ELSE NULL END AS "default", pg_catalog.pg_attribute.attnotnull AS not_null, pg_catalog.pg_class.relname AS table_name, pg_catalog.pg_description.description AS comment, pg_catalog.pg_attribute.attgenerated AS generated, CASE WHEN (pg_catalog.pg_attribute.attidentity != $1::VARCHAR) THEN (SELECT json_build_object($2::VARCHAR, pg_catalog.pg_attribute.attidentity = $3::VARCHAR, $4::VARCHAR, pg_catalog.pg_sequence.seqstart, $5::VARCHAR, pg_catalog.pg_sequence.seqincrement, $6::VARCHAR, pg_catalog.pg_sequence.seqmin, $7::VARCHAR, pg_catalog.pg_sequence.seqmax, $8::VARCHAR, pg_catalog.pg_sequence.seqcache, $9::VARCHAR, pg_catalog.pg_sequence.seqcycle) AS json_build_object_1
            FROM pg_catalog.pg_sequence
            WHERE pg_catalog.pg_attribute.attidentity != $10::VARCHAR AND pg_catalog.pg_sequence.seqrelid = CAST(CAST(pg_catalog.pg_get_serial_sequence(CAST(CAST(pg_catalog.pg_attribute.attrelid AS REGCLASS) AS TEXT), pg_catalog.pg_attribute.attname) AS REGCLASS) AS OID)) ELSE NULL END AS identity_options, CASE WHEN (pg_catalog.pg_attribute.attcollation != $11::INTEGER AND (SELECT pg_catalog.pg_type.typcollation
            FROM pg_catalog.pg_type
            WHERE pg_catalog.pg_type.oid = pg_catalog.pg_attribute.atttypid) != pg_catalog.pg_attribute.attcollation) THEN (SELECT json_build_object($12::VARCHAR, pg_catalog.pg_collation.collname, $13::VARCHAR, CASE WHEN pg_catalog.pg_collation_is_visible(pg_catalog.pg_collation.oid) THEN NULL ELSE pg_catalog.pg_namespace.nspname END) AS json_build_object_9
            FROM pg_catalog.pg_collation JOIN pg_catalog.pg_namespace ON pg_catalog.pg_namespace.oid = pg_catalog.pg_collation.collnamespace
            WHERE pg_catalog.pg_collation.oid = pg_catalog.pg_attribute.attcollation) ELSE NULL END AS collation
            FROM pg_catalog.pg_class LEFT OUTER JOIN pg_catalog.pg_attribute ON pg_catalog.pg_class.oid = pg_catalog.pg_attribute.attrelid AND pg_catalog.pg_attribute.attnum > $14::SMALLINT AND NOT pg_catalog.pg_attribute.attisdropped LEFT OUTER JOIN pg_catalog.pg_description ON pg_catalog.pg_description.objoid = pg_catalog.pg_attribute.attrelid AND pg_catalog.pg_description.objsubid = pg_catalog.pg_attribute.attnum JOIN pg_catalog.pg_namespace ON pg_catalog.pg_namespace.oid = pg_catalog.pg_class.relnamespace
            WHERE pg_catalog.pg_class.relkind = ANY (ARRAY[$15::VARCHAR, $16::VARCHAR, $17::VARCHAR, $18::VARCHAR, $19::VARCHAR]) AND pg_catalog.pg_table_is_visible(pg_catalog.pg_class.oid) AND pg_catalog.pg_namespace.nspname != $20::VARCHAR AND pg_catalog.pg_class.relname IN ($21::VARCHAR) ORDER BY pg_catalog.pg_class.relname, pg_catalog.pg_attribute.attnum
            """#,
            parameters: [
                "", "always", "a", "start", "increment", "minvalue", "maxvalue", "cache", "cycle", "", "0", "name",
                "schema", "0", "r", "p", "f", "v", "m", "pg_catalog", "t",
            ],
            columns: [
                "name:19", "format_type:25", "default:25", "not_null:16", "table_name:19", "comment:25", "generated:18",
                "identity_options:114", "collation:114",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT pg_catalog.pg_class.relname
            FROM pg_catalog.pg_class JOIN pg_catalog.pg_namespace ON pg_catalog.pg_namespace.oid = pg_catalog.pg_class.relnamespace
            WHERE pg_catalog.pg_class.relname IN ($1::VARCHAR) AND pg_catalog.pg_class.relkind = ANY (ARRAY[$2::VARCHAR, $3::VARCHAR, $4::VARCHAR, $5::VARCHAR, $6::VARCHAR]) AND pg_catalog.pg_table_is_visible(pg_catalog.pg_class.oid) AND pg_catalog.pg_namespace.nspname != $7::VARCHAR
            """#,
            parameters: ["t", "r", "p", "f", "v", "m", "pg_catalog"],
            columns: ["relname:19"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT pg_catalog.pg_class.relname
            FROM pg_catalog.pg_class JOIN pg_catalog.pg_namespace ON pg_catalog.pg_namespace.oid = pg_catalog.pg_class.relnamespace
            WHERE pg_catalog.pg_class.relname IN ($1::VARCHAR) AND pg_catalog.pg_class.relkind = ANY (ARRAY[$2::VARCHAR, $3::VARCHAR, $4::VARCHAR, $5::VARCHAR, $6::VARCHAR]) AND pg_catalog.pg_table_is_visible(pg_catalog.pg_class.oid) AND pg_catalog.pg_namespace.nspname != $7::VARCHAR
            """#,
            parameters: ["nosuch", "r", "p", "f", "v", "m", "pg_catalog"],
            columns: ["relname:19"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT pg_catalog.pg_class.oid, pg_catalog.pg_class.relname
            FROM pg_catalog.pg_class JOIN pg_catalog.pg_namespace ON pg_catalog.pg_namespace.oid = pg_catalog.pg_class.relnamespace
            WHERE pg_catalog.pg_class.relkind = ANY (ARRAY[$1::VARCHAR, $2::VARCHAR, $3::VARCHAR, $4::VARCHAR, $5::VARCHAR]) AND pg_catalog.pg_table_is_visible(pg_catalog.pg_class.oid) AND pg_catalog.pg_namespace.nspname != $6::VARCHAR AND pg_catalog.pg_class.relname IN ($7::VARCHAR)
            """#,
            parameters: ["r", "p", "f", "v", "m", "pg_catalog", "t"],
            columns: ["oid:26", "relname:19"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT attr.conrelid, array_agg(CAST(attr.attname AS TEXT) ORDER BY attr.ord) AS cols, attr.conname, min(attr.description) AS description, min(attr.indnkeyatts) AS indnkeyatts, bool_and(attr.indnullsnotdistinct) AS indnullsnotdistinct
            FROM (SELECT con.conrelid AS conrelid, con.conname AS conname, con.description AS description, con.ord AS ord, con.indnkeyatts AS indnkeyatts, con.indnullsnotdistinct AS indnullsnotdistinct, pg_catalog.pg_attribute.attname AS attname
            FROM pg_catalog.pg_attribute JOIN (SELECT pg_catalog.pg_constraint.conrelid AS conrelid, pg_catalog.pg_constraint.conname AS conname, unnest(pg_catalog.pg_index.indkey) AS attnum, generate_subscripts(pg_catalog.pg_index.indkey, $1::INTEGER) AS ord, pg_catalog.pg_index.indnkeyatts AS indnkeyatts, pg_catalog.pg_index.indnullsnotdistinct AS indnullsnotdistinct, pg_catalog.pg_description.description AS description
            FROM pg_catalog.pg_constraint JOIN pg_catalog.pg_index ON pg_catalog.pg_constraint.conindid = pg_catalog.pg_index.indexrelid LEFT OUTER JOIN pg_catalog.pg_description ON pg_catalog.pg_description.objoid = pg_catalog.pg_constraint.oid AND pg_catalog.pg_description.classoid = CAST($2 AS REGCLASS)
            WHERE pg_catalog.pg_constraint.contype = $3::VARCHAR AND pg_catalog.pg_constraint.conrelid IN ($4)) AS con ON pg_catalog.pg_attribute.attnum = con.attnum AND pg_catalog.pg_attribute.attrelid = con.conrelid
            WHERE con.conrelid IN ($4)) AS attr GROUP BY attr.conrelid, attr.conname ORDER BY attr.conrelid, attr.conname
            """#,
            parameters: ["1", "pg_catalog.pg_constraint", "p", "16385"],
            columns: [
                "conrelid:26", "cols:1009", "conname:19", "description:25", "indnkeyatts:21", "indnullsnotdistinct:16",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT pg_catalog.pg_am.oid, pg_catalog.pg_am.amname
            FROM pg_catalog.pg_am
            WHERE pg_catalog.pg_am.amname = $1::VARCHAR
            """#,
            parameters: ["btree"],
            columns: ["oid:26", "amname:19"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT pg_catalog.pg_opclass.oid, pg_catalog.pg_opclass.opcname
            FROM pg_catalog.pg_opclass
            WHERE NOT pg_catalog.pg_opclass.opcdefault
            """#,
            columns: ["oid:26", "opcname:19"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT pg_catalog.pg_index.indrelid, pg_catalog.pg_class.relname, pg_catalog.pg_index.indisunique, pg_catalog.pg_index.indisvalid, pg_catalog.pg_constraint.conrelid IS NOT NULL AS has_constraint, pg_catalog.pg_index.indoption, pg_catalog.pg_class.reloptions, pg_catalog.pg_class.relam, CASE WHEN (pg_catalog.pg_index.indpred IS NOT NULL) THEN pg_catalog.pg_get_expr(pg_catalog.pg_index.indpred, pg_catalog.pg_index.indrelid) END AS filter_definition, pg_catalog.pg_index.indnkeyatts, pg_catalog.pg_index.indnullsnotdistinct, idx_cols.elements, idx_cols.elements_is_expr, idx_cols.elements_opclass
            FROM pg_catalog.pg_index JOIN pg_catalog.pg_class ON pg_catalog.pg_index.indexrelid = pg_catalog.pg_class.oid LEFT OUTER JOIN (SELECT idx_attr.indexrelid AS indexrelid, min(idx_attr.indrelid) AS min_1, array_agg(idx_attr.element ORDER BY idx_attr.ord) AS elements, array_agg(idx_attr.is_expr ORDER BY idx_attr.ord) AS elements_is_expr, array_agg(idx_attr.att_opclass ORDER BY idx_attr.ord) AS elements_opclass
            FROM (SELECT idx.indexrelid AS indexrelid, idx.indrelid AS indrelid, idx.ord AS ord, CASE WHEN (idx.attnum = $1::INTEGER) THEN pg_catalog.pg_get_indexdef(idx.indexrelid, idx.ord + $2::INTEGER, $3) ELSE CAST(pg_catalog.pg_attribute.attname AS TEXT) END AS element, idx.attnum = $4::INTEGER AS is_expr, CAST(idx.att_opclass AS BIGINT) AS att_opclass
            FROM (SELECT pg_catalog.pg_index.indexrelid AS indexrelid, pg_catalog.pg_index.indrelid AS indrelid, unnest(pg_catalog.pg_index.indkey) AS attnum, unnest(pg_catalog.pg_index.indclass) AS att_opclass, generate_subscripts(pg_catalog.pg_index.indkey, $5::INTEGER) AS ord
            FROM pg_catalog.pg_index
            WHERE NOT pg_catalog.pg_index.indisprimary AND pg_catalog.pg_index.indrelid IN ($6)) AS idx LEFT OUTER JOIN pg_catalog.pg_attribute ON pg_catalog.pg_attribute.attnum = idx.attnum AND pg_catalog.pg_attribute.attrelid = idx.indrelid
            WHERE idx.indrelid IN ($6)) AS idx_attr GROUP BY idx_attr.indexrelid) AS idx_cols ON pg_catalog.pg_index.indexrelid = idx_cols.indexrelid LEFT OUTER JOIN pg_catalog.pg_constraint ON pg_catalog.pg_index.indrelid = pg_catalog.pg_constraint.conrelid AND pg_catalog.pg_index.indexrelid = pg_catalog.pg_constraint.conindid AND pg_catalog.pg_constraint.contype = ANY (ARRAY[$7::VARCHAR, $8::VARCHAR, $9::VARCHAR])
            WHERE pg_catalog.pg_index.indrelid IN ($6) AND NOT pg_catalog.pg_index.indisprimary ORDER BY pg_catalog.pg_index.indrelid, pg_catalog.pg_class.relname
            """#,
            parameters: ["0", "1", "t", "0", "1", "16385", "p", "u", "x"],
            columns: [
                "indrelid:26", "relname:19", "indisunique:16", "indisvalid:16", "has_constraint:16", "indoption:22",
                "reloptions:1009", "relam:26", "filter_definition:25", "indnkeyatts:21", "indnullsnotdistinct:16",
                "elements:1009", "elements_is_expr:1000", "elements_opclass:1016",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT pg_catalog.pg_class.relname, pg_catalog.pg_constraint.conname, CASE WHEN (pg_catalog.pg_constraint.oid IS NOT NULL) THEN pg_catalog.pg_get_constraintdef(pg_catalog.pg_constraint.oid, $1) END AS anon_1, nsp_ref.nspname, pg_catalog.pg_description.description
            FROM pg_catalog.pg_class LEFT OUTER JOIN pg_catalog.pg_constraint ON pg_catalog.pg_class.oid = pg_catalog.pg_constraint.conrelid AND pg_catalog.pg_constraint.contype = $2::VARCHAR LEFT OUTER JOIN pg_catalog.pg_class AS cls_ref ON cls_ref.oid = pg_catalog.pg_constraint.confrelid LEFT OUTER JOIN pg_catalog.pg_namespace AS nsp_ref ON cls_ref.relnamespace = nsp_ref.oid LEFT OUTER JOIN pg_catalog.pg_description ON pg_catalog.pg_description.objoid = pg_catalog.pg_constraint.oid AND pg_catalog.pg_description.classoid = CAST($3 AS REGCLASS) JOIN pg_catalog.pg_namespace ON pg_catalog.pg_namespace.oid = pg_catalog.pg_class.relnamespace
            WHERE pg_catalog.pg_class.relkind = ANY (ARRAY[$4::VARCHAR, $5::VARCHAR, $6::VARCHAR, $7::VARCHAR, $8::VARCHAR]) AND pg_catalog.pg_table_is_visible(pg_catalog.pg_class.oid) AND pg_catalog.pg_namespace.nspname != $9::VARCHAR AND pg_catalog.pg_class.relname IN ($10::VARCHAR) ORDER BY pg_catalog.pg_class.relname, pg_catalog.pg_constraint.conname
            """#,
            parameters: ["t", "f", "pg_catalog.pg_constraint", "r", "p", "f", "v", "m", "pg_catalog", "t"],
            columns: ["relname:19", "conname:19", "anon_1:25", "nspname:19", "description:25"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT pg_catalog.pg_class.relname
            FROM pg_catalog.pg_class JOIN pg_catalog.pg_namespace ON pg_catalog.pg_namespace.oid = pg_catalog.pg_class.relnamespace
            WHERE pg_catalog.pg_class.relkind = ANY (ARRAY[$1::VARCHAR, $2::VARCHAR]) AND pg_catalog.pg_class.relpersistence != $3::VARCHAR AND pg_catalog.pg_table_is_visible(pg_catalog.pg_class.oid) AND pg_catalog.pg_namespace.nspname != $4::VARCHAR
            """#,
            parameters: ["r", "p", "t", "pg_catalog"],
            columns: ["relname:19"], tag: "SELECT"),
    ]
}
