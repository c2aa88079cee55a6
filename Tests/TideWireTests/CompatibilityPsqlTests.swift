import TideCore
import TideDB
import XCTest

@testable import TideWire

/// psql's listing commands, as psql 15 sends them (`psql -E`).
final class CompatibilityPsqlTests: XCTestCase {
    func testCapturedListingQueriesHavePostgreSQLsShape() throws {
        let demo = try DemoDatabase()
        for query in Self.psqlListing { demo.assertShape(query) }
    }

    /// `\l`
    func testListDatabasesShowsTideDBDatabases() throws {
        let demo = try DemoDatabase()
        let rows = demo.rows(Self.psqlListing[0].sql)
        XCTAssertEqual(rows.map { $0[0] }, ["demo", "other"])
        XCTAssertEqual(rows.first, ["demo", "tide", "UTF8", "C", "C", nil, "libc", nil])
        let filtered = demo.rows(
            Self.psqlListing[0].sql.replacing(
                "FROM pg_catalog.pg_database d",
                with:
                    "FROM pg_catalog.pg_database d WHERE d.datname OPERATOR(pg_catalog.~) '^(oth.*)$' COLLATE pg_catalog.default"
            ))
        XCTAssertEqual(filtered.map { $0[0] }, ["other"])
    }

    /// `\dt`, `\d`, `\dt t*`, `\dt+`
    func testListRelationsShowsTheCurrentDatabasesTables() throws {
        let demo = try DemoDatabase()
        for query in [Self.psqlListing[1], Self.psqlListing[2], Self.psqlListing[9]] {
            XCTAssertEqual(demo.rows(query.sql), [["public", "t", "table", "tide"]], query.sql)
        }
        XCTAssertEqual(
            demo.rows(Self.psqlListing[4].sql).first?.prefix(6), ["public", "t", "table", "tide", "permanent", "tide"])
        XCTAssertEqual(demo.rows(Self.psqlListing[1].sql, context: demo.context(currentDatabase: "other")), [])
        XCTAssertEqual(demo.rows(Self.psqlListing[1].sql, context: demo.context(currentDatabase: "")), [])
        let noMatch = Self.psqlListing[9].sql.replacing("'^(t.*)$'", with: "'^(u.*)$'")
        XCTAssertEqual(demo.rows(noMatch), [])
    }

    /// `\di`: TideDB's indexes.
    func testListIndexesShowsTideDBIndexes() throws {
        let demo = try DemoDatabase()
        let index = try XCTUnwrap(demo.database.tables(in: "demo").first?.indexes.first)
        XCTAssertEqual(demo.rows(Self.psqlListing[5].sql), [["public", index.name, "index", "tide", "t"]])
    }

    /// `\dn`, `\du`, `\dv`, `\df`
    func testSchemasRolesViewsAndFunctions() throws {
        let demo = try DemoDatabase()
        XCTAssertEqual(demo.rows(Self.psqlListing[3].sql), [["public", "tide"]])
        XCTAssertEqual(
            demo.rows(Self.psqlListing[8].sql), [["tide", "t", "t", "t", "t", "t", "-1", nil, "{}", "t", "t"]])
        XCTAssertEqual(demo.rows(Self.psqlListing[6].sql), [])
        XCTAssertEqual(demo.rows(Self.psqlListing[7].sql), [])
    }
}

extension CompatibilityPsqlTests {
    static let psqlListing: [CapturedQuery] = [
        CapturedQuery(
            #"""
            SELECT d.datname as "Name",
                   pg_catalog.pg_get_userbyid(d.datdba) as "Owner",
                   pg_catalog.pg_encoding_to_char(d.encoding) as "Encoding",
                   d.datcollate as "Collate",
                   d.datctype as "Ctype",
                   d.daticulocale as "ICU Locale",
                   CASE d.datlocprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS "Locale Provider",
                   pg_catalog.array_to_string(d.datacl, E'\n') AS "Access privileges"
            FROM pg_catalog.pg_database d
            ORDER BY 1;
            """#,
            columns: [
                "Name:19", "Owner:19", "Encoding:19", "Collate:25", "Ctype:25", "ICU Locale:25", "Locale Provider:25",
                "Access privileges:25",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT n.nspname as "Schema",
              c.relname as "Name",
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
              pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
            WHERE c.relkind IN ('r','p','')
                  AND n.nspname <> 'pg_catalog'
                  AND n.nspname !~ '^pg_toast'
                  AND n.nspname <> 'information_schema'
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 1,2;
            """#,
            columns: ["Schema:19", "Name:19", "Type:25", "Owner:19"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT n.nspname as "Schema",
              c.relname as "Name",
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
              pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
            WHERE c.relkind IN ('r','p','v','m','S','f','')
                  AND n.nspname <> 'pg_catalog'
                  AND n.nspname !~ '^pg_toast'
                  AND n.nspname <> 'information_schema'
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 1,2;
            """#,
            columns: ["Schema:19", "Name:19", "Type:25", "Owner:19"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT n.nspname AS "Name",
              pg_catalog.pg_get_userbyid(n.nspowner) AS "Owner"
            FROM pg_catalog.pg_namespace n
            WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
            ORDER BY 1;
            """#,
            columns: ["Name:19", "Owner:19"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT n.nspname as "Schema",
              c.relname as "Name",
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
              pg_catalog.pg_get_userbyid(c.relowner) as "Owner",
              CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary' WHEN 'u' THEN 'unlogged' END as "Persistence",
              am.amname as "Access method",
              pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) as "Size",
              pg_catalog.obj_description(c.oid, 'pg_class') as "Description"
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
            WHERE c.relkind IN ('r','p','')
                  AND n.nspname <> 'pg_catalog'
                  AND n.nspname !~ '^pg_toast'
                  AND n.nspname <> 'information_schema'
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 1,2;
            """#,
            columns: [
                "Schema:19", "Name:19", "Type:25", "Owner:19", "Persistence:25", "Access method:19", "Size:25",
                "Description:25",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT n.nspname as "Schema",
              c.relname as "Name",
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
              pg_catalog.pg_get_userbyid(c.relowner) as "Owner",
              c2.relname as "Table"
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
                 LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
                 LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid
            WHERE c.relkind IN ('i','I','')
                  AND n.nspname <> 'pg_catalog'
                  AND n.nspname !~ '^pg_toast'
                  AND n.nspname <> 'information_schema'
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 1,2;
            """#,
            columns: ["Schema:19", "Name:19", "Type:25", "Owner:19", "Table:19"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT n.nspname as "Schema",
              c.relname as "Name",
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
              pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('v','')
                  AND n.nspname <> 'pg_catalog'
                  AND n.nspname !~ '^pg_toast'
                  AND n.nspname <> 'information_schema'
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 1,2;
            """#,
            columns: ["Schema:19", "Name:19", "Type:25", "Owner:19"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT n.nspname as "Schema",
              p.proname as "Name",
              pg_catalog.pg_get_function_result(p.oid) as "Result data type",
              pg_catalog.pg_get_function_arguments(p.oid) as "Argument data types",
             CASE p.prokind
              WHEN 'a' THEN 'agg'
              WHEN 'w' THEN 'window'
              WHEN 'p' THEN 'proc'
              ELSE 'func'
             END as "Type"
            FROM pg_catalog.pg_proc p
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            WHERE pg_catalog.pg_function_is_visible(p.oid)
                  AND n.nspname <> 'pg_catalog'
                  AND n.nspname <> 'information_schema'
            ORDER BY 1, 2, 4;
            """#,
            columns: ["Schema:19", "Name:19", "Result data type:25", "Argument data types:25", "Type:25"], tag: "SELECT"
        ),
        CapturedQuery(
            #"""
            SELECT r.rolname, r.rolsuper, r.rolinherit,
              r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
              r.rolconnlimit, r.rolvaliduntil,
              ARRAY(SELECT b.rolname
                    FROM pg_catalog.pg_auth_members m
                    JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)
                    WHERE m.member = r.oid) as memberof
            , r.rolreplication
            , r.rolbypassrls
            FROM pg_catalog.pg_roles r
            WHERE r.rolname !~ '^pg_'
            ORDER BY 1;
            """#,
            columns: [
                "rolname:19", "rolsuper:16", "rolinherit:16", "rolcreaterole:16", "rolcreatedb:16", "rolcanlogin:16",
                "rolconnlimit:23", "rolvaliduntil:1184", "memberof:1003", "rolreplication:16", "rolbypassrls:16",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT n.nspname as "Schema",
              c.relname as "Name",
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
              pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
            WHERE c.relkind IN ('r','p','t','s','')
              AND c.relname OPERATOR(pg_catalog.~) '^(t.*)$' COLLATE pg_catalog.default
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 1,2;
            """#,
            columns: ["Schema:19", "Name:19", "Type:25", "Owner:19"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT d.datname as "Name",
                   pg_catalog.pg_get_userbyid(d.datdba) as "Owner",
                   pg_catalog.pg_encoding_to_char(d.encoding) as "Encoding",
                   d.datcollate as "Collate",
                   d.datctype as "Ctype",
                   d.daticulocale as "ICU Locale",
                   CASE d.datlocprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS "Locale Provider",
                   pg_catalog.array_to_string(d.datacl, E'\n') AS "Access privileges",
                   CASE WHEN pg_catalog.has_database_privilege(d.datname, 'CONNECT')
                        THEN pg_catalog.pg_size_pretty(pg_catalog.pg_database_size(d.datname))
                        ELSE 'No Access'
                   END as "Size",
                   t.spcname as "Tablespace",
                   pg_catalog.shobj_description(d.oid, 'pg_database') as "Description"
            FROM pg_catalog.pg_database d
              JOIN pg_catalog.pg_tablespace t on d.dattablespace = t.oid
            ORDER BY 1;
            """#,
            columns: [
                "Name:19", "Owner:19", "Encoding:19", "Collate:25", "Ctype:25", "ICU Locale:25", "Locale Provider:25",
                "Access privileges:25", "Size:25", "Tablespace:19", "Description:25",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT n.nspname as "Schema",
              c.relname as "Name",
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
              pg_catalog.pg_get_userbyid(c.relowner) as "Owner",
              CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary' WHEN 'u' THEN 'unlogged' END as "Persistence",
              am.amname as "Access method",
              pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) as "Size",
              pg_catalog.obj_description(c.oid, 'pg_class') as "Description"
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
            WHERE c.relkind IN ('r','p','v','m','S','f','')
                  AND n.nspname <> 'pg_catalog'
                  AND n.nspname !~ '^pg_toast'
                  AND n.nspname <> 'information_schema'
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 1,2;
            """#,
            columns: [
                "Schema:19", "Name:19", "Type:25", "Owner:19", "Persistence:25", "Access method:19", "Size:25",
                "Description:25",
            ], tag: "SELECT"),
    ]
}
