import TideCore
import TideDB
import XCTest

@testable import TideWire

/// psql's `\d name` and `\d+ name`: the lookup, header, columns, indexes and the footers
/// TideDB has nothing for.
final class CompatibilityPsqlDescribeTests: XCTestCase {
    func testCapturedDescribeQueriesHavePostgreSQLsShape() throws {
        let demo = try DemoDatabase()
        for query in Self.psqlDescribe + Self.psqlFooters { demo.assertShape(query) }
    }

    func testLookupFindsTablesByPattern() throws {
        let demo = try DemoDatabase()
        let oid = String(demo.tableOID)
        XCTAssertEqual(demo.rows(Self.psqlDescribe[0].sql), [[oid, "public", "t"]])
        XCTAssertEqual(demo.rows(Self.psqlDescribe[9].sql), [[oid, "public", "t"]], "\\d public.t")
        XCTAssertEqual(demo.rows(Self.psqlDescribe[8].sql), [], "\\d nosuch")
        XCTAssertEqual(demo.rows(Self.psqlFooters[2].sql), [], "\\d t2")
        XCTAssertEqual(demo.rows(Self.psqlDescribe[9].sql.replacing("^(public)$", with: "^(other)$")), [])
    }

    func testHeaderIsAPlainTableWithIndexes() throws {
        let demo = try DemoDatabase()
        XCTAssertEqual(
            demo.rows(Self.psqlDescribe[1].sql),
            [["0", "r", "t", "f", "f", "f", "f", "f", "f", "", "0", "", "p", "d", "tide"]])
        XCTAssertEqual(demo.rows(Self.psqlFooters[0].sql).first?.count, 15)
        XCTAssertEqual(demo.rows(Self.psqlDescribe[1].sql.replacing("16385", with: "99")), [])
    }

    func testColumnsHavePostgreSQLsTypeNames() throws {
        let demo = try DemoDatabase()
        XCTAssertEqual(
            demo.rows(Self.psqlDescribe[2].sql),
            [
                ["id", "bigint", nil, "t", nil, "", ""],
                ["card", "text", nil, "f", nil, "", ""],
                ["amount", "double precision", nil, "f", nil, "", ""],
                ["ts", "timestamp without time zone", nil, "f", nil, "", ""],
                ["d", "date", nil, "f", nil, "", ""],
                ["ok", "boolean", nil, "f", nil, "", ""],
                ["n", "integer", nil, "f", nil, "", ""],
                ["s", "smallint", nil, "f", nil, "", ""],
                ["f", "real", nil, "f", nil, "", ""],
            ])
        let verbose = demo.rows(Self.psqlFooters[1].sql)
        XCTAssertEqual(verbose.map { $0[7] }, ["p", "x", "p", "p", "p", "p", "p", "p", "p"], "attstorage")
        XCTAssertEqual(verbose.first, ["id", "bigint", nil, "t", nil, "", "", "p", "", nil, nil])
    }

    func testIndexesAreTideDBIndexes() throws {
        let demo = try DemoDatabase()
        let index = try XCTUnwrap(demo.database.tables(in: "demo").first?.indexes.first)
        let sql = Self.psqlFooters[3].sql.replacing("16390", with: String(demo.tableOID))
        XCTAssertEqual(
            demo.rows(sql),
            [
                [
                    index.name, "f", "f", "f", "t",
                    "CREATE INDEX \(index.name) ON public.t USING tide (KEY=card, TS=ts)",
                    nil, nil, nil, nil, "f", "0",
                ]
            ])
    }

    func testFootersAreEmpty() throws {
        let demo = try DemoDatabase()
        for query in Self.psqlDescribe[3...7] + Self.psqlFooters[4...] {
            XCTAssertEqual(demo.rows(query.sql), [], query.sql)
            XCTAssertEqual(demo.rows(query.sql.replacing("16390", with: String(demo.tableOID))), [], query.sql)
        }
    }
}

extension CompatibilityPsqlDescribeTests {
    static let psqlDescribe: [CapturedQuery] = [
        CapturedQuery(
            #"""
            SELECT c.oid,
              n.nspname,
              c.relname
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 2, 3;
            """#,
            columns: ["oid:26", "nspname:19", "relname:19"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, '', c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname
            FROM pg_catalog.pg_class c
             LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
            LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)
            WHERE c.oid = '16385';
            """#,
            columns: [
                "relchecks:21", "relkind:18", "relhasindex:16", "relhasrules:16", "relhastriggers:16",
                "relrowsecurity:16", "relforcerowsecurity:16", "relhasoids:16", "relispartition:16", "?column?:25",
                "reltablespace:26", "reloftype:25", "relpersistence:18", "relreplident:18", "amname:19",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT a.attname,
              pg_catalog.format_type(a.atttypid, a.atttypmod),
              (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
               FROM pg_catalog.pg_attrdef d
               WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
              a.attnotnull,
              (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
               WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
              a.attidentity,
              a.attgenerated
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = '16385' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum;
            """#,
            columns: [
                "attname:19", "format_type:25", "pg_get_expr:25", "attnotnull:16", "attcollation:19", "attidentity:18",
                "attgenerated:18",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT pol.polname, pol.polpermissive,
              CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,
              pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),
              pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),
              CASE pol.polcmd
                WHEN 'r' THEN 'SELECT'
                WHEN 'a' THEN 'INSERT'
                WHEN 'w' THEN 'UPDATE'
                WHEN 'd' THEN 'DELETE'
                END AS cmd
            FROM pg_catalog.pg_policy pol
            WHERE pol.polrelid = '16385' ORDER BY 1;
            """#,
            columns: [
                "polname:19", "polpermissive:16", "array_to_string:25", "pg_get_expr:25", "pg_get_expr:25", "cmd:25",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,
            pg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,
              'd' = any(stxkind) AS ndist_enabled,
              'f' = any(stxkind) AS deps_enabled,
              'm' = any(stxkind) AS mcv_enabled,
            stxstattarget
            FROM pg_catalog.pg_statistic_ext
            WHERE stxrelid = '16385'
            ORDER BY nsp, stxname;
            """#,
            columns: [
                "oid:26", "stxrelid:2205", "nsp:25", "stxname:19", "columns:25", "ndist_enabled:16", "deps_enabled:16",
                "mcv_enabled:16", "stxstattarget:23",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT pubname
                 , NULL
                 , NULL
            FROM pg_catalog.pg_publication p
                 JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid
                 JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid
            WHERE pc.oid ='16385' and pg_catalog.pg_relation_is_publishable('16385')
            UNION
            SELECT pubname
                 , pg_get_expr(pr.prqual, c.oid)
                 , (CASE WHEN pr.prattrs IS NOT NULL THEN
                     (SELECT string_agg(attname, ', ')
                       FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,
                            pg_catalog.pg_attribute
                      WHERE attrelid = pr.prrelid AND attnum = prattrs[s])
                    ELSE NULL END) FROM pg_catalog.pg_publication p
                 JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid
                 JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
            WHERE pr.prrelid = '16385'
            UNION
            SELECT pubname
                 , NULL
                 , NULL
            FROM pg_catalog.pg_publication p
            WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('16385')
            ORDER BY 1;
            """#,
            columns: ["pubname:19", "?column?:25", "?column?:25"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT c.oid::pg_catalog.regclass
            FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
            WHERE c.oid = i.inhparent AND i.inhrelid = '16385'
              AND c.relkind != 'p' AND c.relkind != 'I'
            ORDER BY inhseqno;
            """#,
            columns: ["oid:2205"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)
            FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
            WHERE c.oid = i.inhrelid AND i.inhparent = '16385'
            ORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;
            """#,
            columns: ["oid:2205", "relkind:18", "inhdetachpending:16", "pg_get_expr:25"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT c.oid,
              n.nspname,
              c.relname
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname OPERATOR(pg_catalog.~) '^(nosuch)$' COLLATE pg_catalog.default
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 2, 3;
            """#,
            columns: ["oid:26", "nspname:19", "relname:19"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT c.oid,
              n.nspname,
              c.relname
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default
              AND n.nspname OPERATOR(pg_catalog.~) '^(public)$' COLLATE pg_catalog.default
            ORDER BY 2, 3;
            """#,
            columns: ["oid:26", "nspname:19", "relname:19"], tag: "SELECT"),
    ]
    static let psqlFooters: [CapturedQuery] = [
        CapturedQuery(
            #"""
            SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, pg_catalog.array_to_string(c.reloptions || array(select 'toast.' || x from pg_catalog.unnest(tc.reloptions) x), ', ')
            , c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname
            FROM pg_catalog.pg_class c
             LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
            LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)
            WHERE c.oid = '16385';
            """#,
            columns: [
                "relchecks:21", "relkind:18", "relhasindex:16", "relhasrules:16", "relhastriggers:16",
                "relrowsecurity:16", "relforcerowsecurity:16", "relhasoids:16", "relispartition:16",
                "array_to_string:25", "reltablespace:26", "reloftype:25", "relpersistence:18", "relreplident:18",
                "amname:19",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT a.attname,
              pg_catalog.format_type(a.atttypid, a.atttypmod),
              (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
               FROM pg_catalog.pg_attrdef d
               WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
              a.attnotnull,
              (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
               WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
              a.attidentity,
              a.attgenerated,
              a.attstorage,
              a.attcompression AS attcompression,
              CASE WHEN a.attstattarget=-1 THEN NULL ELSE a.attstattarget END AS attstattarget,
              pg_catalog.col_description(a.attrelid, a.attnum)
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = '16385' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum;
            """#,
            columns: [
                "attname:19", "format_type:25", "pg_get_expr:25", "attnotnull:16", "attcollation:19", "attidentity:18",
                "attgenerated:18", "attstorage:18", "attcompression:18", "attstattarget:23", "col_description:25",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT c.oid,
              n.nspname,
              c.relname
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname OPERATOR(pg_catalog.~) '^(t2)$' COLLATE pg_catalog.default
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 2, 3;
            """#,
            columns: ["oid:26", "nspname:19", "relname:19"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),
              pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace
            FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i
              LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))
            WHERE c.oid = '16390' AND c.oid = i.indrelid AND i.indexrelid = c2.oid
            ORDER BY i.indisprimary DESC, c2.relname;
            """#,
            columns: [
                "relname:19", "indisprimary:16", "indisunique:16", "indisclustered:16", "indisvalid:16",
                "pg_get_indexdef:25", "pg_get_constraintdef:25", "contype:18", "condeferrable:16", "condeferred:16",
                "indisreplident:16", "reltablespace:26",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)
            FROM pg_catalog.pg_constraint r
            WHERE r.conrelid = '16390' AND r.contype = 'c'
            ORDER BY 1;
            """#,
            columns: ["conname:19", "pg_get_constraintdef:25"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT true as sametable, conname,
              pg_catalog.pg_get_constraintdef(r.oid, true) as condef,
              conrelid::pg_catalog.regclass AS ontable
            FROM pg_catalog.pg_constraint r
            WHERE r.conrelid = '16390' AND r.contype = 'f'
                 AND conparentid = 0
            ORDER BY conname
            """#,
            columns: ["sametable:16", "conname:19", "condef:25", "ontable:2205"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT conname, conrelid::pg_catalog.regclass AS ontable,
                   pg_catalog.pg_get_constraintdef(oid, true) AS condef
              FROM pg_catalog.pg_constraint c
             WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors('16390')
                                 UNION ALL VALUES ('16390'::pg_catalog.regclass))
                   AND contype = 'f' AND conparentid = 0
            ORDER BY conname;
            """#,
            columns: ["conname:19", "ontable:2205", "condef:25"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT r.rulename, trim(trailing ';' from pg_catalog.pg_get_ruledef(r.oid, true)), ev_enabled
            FROM pg_catalog.pg_rewrite r
            WHERE r.ev_class = '16390' ORDER BY 1;
            """#,
            columns: ["rulename:19", "rtrim:25", "ev_enabled:18"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled, t.tgisinternal,
              CASE WHEN t.tgparentid != 0 THEN
                (SELECT u.tgrelid::pg_catalog.regclass
                 FROM pg_catalog.pg_trigger AS u,
                      pg_catalog.pg_partition_ancestors(t.tgrelid) WITH ORDINALITY AS a(relid, depth)
                 WHERE u.tgname = t.tgname AND u.tgrelid = a.relid
                       AND u.tgparentid = 0
                 ORDER BY a.depth LIMIT 1)
              END AS parent
            FROM pg_catalog.pg_trigger t
            WHERE t.tgrelid = '16390' AND (NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D'))
            ORDER BY 1;
            """#,
            columns: ["tgname:19", "pg_get_triggerdef:25", "tgenabled:18", "tgisinternal:16", "parent:2205"],
            tag: "SELECT"),
    ]
}
