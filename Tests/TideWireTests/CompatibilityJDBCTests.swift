import TideDB
import XCTest

@testable import TideWire

/// pgjdbc 42.5: connection set-up, DatabaseMetaData and ResultSetMetaData's column lookup.
final class CompatibilityJDBCTests: XCTestCase {
    func testCapturedJDBCQueriesHavePostgreSQLsShape() throws {
        let demo = try DemoDatabase()
        for query in Self.jdbc { demo.assertShape(query) }
    }

    /// getTables(null, null, "%", {"TABLE"}) and getTables(null, "public", "t%", null).
    func testGetTablesListsTables() throws {
        let demo = try DemoDatabase()
        let typed = try Self.jdbc.first(containing: "AS TABLE_CAT", and: "c.relname LIKE '%'")
        XCTAssertEqual(demo.rows(typed.sql), [[nil, "public", "t", "TABLE", nil, "", "", "", "", ""]])
        let untyped = try Self.jdbc.first(containing: "AS TABLE_CAT", and: "c.relname LIKE 't%'")
        XCTAssertEqual(demo.rows(untyped.sql).map { $0[2] }, ["t"])
        XCTAssertEqual(demo.rows(untyped.sql.replacing("LIKE 't%'", with: "LIKE 'x%'")), [])
        XCTAssertEqual(demo.rows(typed.sql.replacing("c.relkind = 'r' AND", with: "c.relkind = 'v' AND")), [])
    }

    /// getColumns(null, null, "t", "%"): the driver maps atttypid to java.sql.Types itself.
    func testGetColumnsListsColumnsWithTypeOIDs() throws {
        let demo = try DemoDatabase()
        let all = try Self.jdbc.first(containing: "row_number() OVER", and: "attname LIKE '%'")
        let rows = demo.rows(all.sql)
        XCTAssertEqual(rows.map { $0[2] }, ["id", "card", "amount", "ts", "d", "ok", "n", "s", "f"])
        XCTAssertEqual(rows.map { $0[3] }, ["20", "25", "701", "1114", "1082", "16", "23", "21", "700"])
        XCTAssertEqual(
            rows.first, ["public", "t", "id", "20", "t", "-1", "8", "-1", "1", nil, nil, nil, nil, "0", "b"])
        XCTAssertEqual(rows[1][4], "f")
        let filtered = try Self.jdbc.first(containing: "row_number() OVER", and: "attname LIKE 'c%'")
        XCTAssertEqual(demo.rows(filtered.sql).map { $0[2] }, ["card"])
    }

    func testGetSchemasAndEmptyKeysAndIndexes() throws {
        let demo = try DemoDatabase()
        XCTAssertEqual(
            demo.rows(try Self.jdbc.first(containing: "SELECT nspname AS TABLE_SCHEM").sql), [["public", nil]])
        XCTAssertEqual(demo.rows(try Self.jdbc.first(containing: "nspname LIKE 'pub%'").sql), [["public", nil]])
        for fragment in ["AS PK_NAME", "AS INDEX_QUALIFIER", "AS PKTABLE_CAT"] {
            XCTAssertEqual(demo.rows(try Self.jdbc.first(containing: fragment).sql), [], fragment)
        }
        XCTAssertEqual(demo.rows(try Self.jdbc.first(containing: "pg_catalog.pg_settings").sql), [["32"]])
    }

    /// ResultSetMetaData looks result columns up by (table OID, attnum) from RowDescription.
    func testFieldMetadataLooksColumnsUpByTableOIDAndAttnum() throws {
        let demo = try DemoDatabase()
        let query = try Self.jdbc.first(containing: "SELECT 16385 AS oid")
        let oid = String(demo.tableOID)
        XCTAssertEqual(
            demo.rows(query.sql),
            [
                [oid, "1", "id", "t", "public", "t", "f"], [oid, "2", "card", "t", "public", "f", "f"],
                [oid, "3", "amount", "t", "public", "f", "f"],
            ])
        XCTAssertEqual(demo.rows(try Self.jdbc.first(containing: "SELECT 2615 AS oid").sql), [], "system tables")
    }
}

extension CompatibilityJDBCTests {
    static let jdbc: [CapturedQuery] = [
        CapturedQuery("SET extra_float_digits = 3", columns: nil, tag: "SET"),
        CapturedQuery("SET application_name = 'PostgreSQL JDBC Driver'", columns: nil, tag: "SET"),
        CapturedQuery(
            #"""
            SELECT * FROM (SELECT n.nspname,c.relname,a.attname,a.atttypid,a.attnotnull OR (t.typtype = 'd' AND t.typnotnull) AS attnotnull,a.atttypmod,a.attlen,t.typtypmod,row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) AS attnum, nullif(a.attidentity, '') as attidentity,nullif(a.attgenerated, '') as attgenerated,pg_catalog.pg_get_expr(def.adbin, def.adrelid) AS adsrc,dsc.description,t.typbasetype,t.typtype  FROM pg_catalog.pg_namespace n  JOIN pg_catalog.pg_class c ON (c.relnamespace = n.oid)  JOIN pg_catalog.pg_attribute a ON (a.attrelid=c.oid)  JOIN pg_catalog.pg_type t ON (a.atttypid = t.oid)  LEFT JOIN pg_catalog.pg_attrdef def ON (a.attrelid=def.adrelid AND a.attnum = def.adnum)  LEFT JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)  LEFT JOIN pg_catalog.pg_class dc ON (dc.oid=dsc.classoid AND dc.relname='pg_class')  LEFT JOIN pg_catalog.pg_namespace dn ON (dc.relnamespace=dn.oid AND dn.nspname='pg_catalog')  WHERE c.relkind in ('r','p','v','f','m') and a.attnum > 0 AND NOT a.attisdropped  AND c.relname LIKE 't') c WHERE true  AND attname LIKE '%' ORDER BY nspname,c.relname,attnum
            """#,
            columns: [
                "nspname:19", "relname:19", "attname:19", "atttypid:26", "attnotnull:16", "atttypmod:23", "attlen:21",
                "typtypmod:23", "attnum:20", "attidentity:18", "attgenerated:18", "adsrc:25", "description:25",
                "typbasetype:26", "typtype:18",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT     tmp.TABLE_CAT,     tmp.TABLE_SCHEM,     tmp.TABLE_NAME,     tmp.NON_UNIQUE,     tmp.INDEX_QUALIFIER,     tmp.INDEX_NAME,     tmp.TYPE,     tmp.ORDINAL_POSITION,     trim(both '"' from pg_catalog.pg_get_indexdef(tmp.CI_OID, tmp.ORDINAL_POSITION, false)) AS COLUMN_NAME,   CASE tmp.AM_NAME     WHEN 'btree' THEN CASE tmp.I_INDOPTION[tmp.ORDINAL_POSITION - 1] & 1::smallint       WHEN 1 THEN 'D'       ELSE 'A'     END     ELSE NULL   END AS ASC_OR_DESC,     tmp.CARDINALITY,     tmp.PAGES,     tmp.FILTER_CONDITION FROM (SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM,   ct.relname AS TABLE_NAME, NOT i.indisunique AS NON_UNIQUE,   NULL AS INDEX_QUALIFIER, ci.relname AS INDEX_NAME,   CASE i.indisclustered     WHEN true THEN 1    ELSE CASE am.amname       WHEN 'hash' THEN 2      ELSE 3    END   END AS TYPE,   (information_schema._pg_expandarray(i.indkey)).n AS ORDINAL_POSITION,   ci.reltuples AS CARDINALITY,   ci.relpages AS PAGES,   pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS FILTER_CONDITION,   ci.oid AS CI_OID,   i.indoption AS I_INDOPTION,   am.amname AS AM_NAME FROM pg_catalog.pg_class ct   JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid)   JOIN pg_catalog.pg_index i ON (ct.oid = i.indrelid)   JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid)   JOIN pg_catalog.pg_am am ON (ci.relam = am.oid) WHERE true  AND ct.relname = 't') AS tmp ORDER BY NON_UNIQUE, TYPE, INDEX_NAME, ORDINAL_POSITION
            """#,
            columns: [
                "table_cat:25", "table_schem:19", "table_name:19", "non_unique:16", "index_qualifier:25",
                "index_name:19", "type:23", "ordinal_position:23", "column_name:25", "asc_or_desc:25",
                "cardinality:700", "pages:23", "filter_condition:25",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT c.oid, a.attnum, a.attname, c.relname, n.nspname, a.attnotnull OR (t.typtype = 'd' AND t.typnotnull), a.attidentity != '' OR pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE '%nextval(%' FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON (c.relnamespace = n.oid) JOIN pg_catalog.pg_attribute a ON (c.oid = a.attrelid) JOIN pg_catalog.pg_type t ON (a.atttypid = t.oid) LEFT JOIN pg_catalog.pg_attrdef d ON (d.adrelid = a.attrelid AND d.adnum = a.attnum) JOIN (SELECT 2615 AS oid , 2 AS attnum UNION ALL SELECT 1259, 2 UNION ALL SELECT 1259, 2 UNION ALL SELECT 1259, 11 UNION ALL SELECT 1259, 10) vals ON (c.oid = vals.oid AND a.attnum = vals.attnum)
            """#,
            columns: ["oid:26", "attnum:21", "attname:19", "relname:19", "nspname:19", "?column?:16", "?column?:16"],
            tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT        result.TABLE_CAT,        result.TABLE_SCHEM,        result.TABLE_NAME,        result.COLUMN_NAME,        result.KEY_SEQ,        result.PK_NAME FROM      (SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM,   ct.relname AS TABLE_NAME, a.attname AS COLUMN_NAME,   (information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ, ci.relname AS PK_NAME,   information_schema._pg_expandarray(i.indkey) AS KEYS, a.attnum AS A_ATTNUM FROM pg_catalog.pg_class ct   JOIN pg_catalog.pg_attribute a ON (ct.oid = a.attrelid)   JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid)   JOIN pg_catalog.pg_index i ON ( a.attrelid = i.indrelid)   JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid) WHERE true  AND ct.relname = 't' AND i.indisprimary  ) result where  result.A_ATTNUM = (result.KEYS).x  ORDER BY result.table_name, result.pk_name, result.key_seq
            """#,
            columns: ["table_cat:25", "table_schem:19", "table_name:19", "column_name:19", "key_seq:23", "pk_name:19"],
            tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT c.oid, a.attnum, a.attname, c.relname, n.nspname, a.attnotnull OR (t.typtype = 'd' AND t.typnotnull), a.attidentity != '' OR pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE '%nextval(%' FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON (c.relnamespace = n.oid) JOIN pg_catalog.pg_attribute a ON (c.oid = a.attrelid) JOIN pg_catalog.pg_type t ON (a.atttypid = t.oid) LEFT JOIN pg_catalog.pg_attrdef d ON (d.adrelid = a.attrelid AND d.adnum = a.attnum) JOIN (SELECT 2615 AS oid , 2 AS attnum UNION ALL SELECT 1259, 2 UNION ALL SELECT 1249, 2 UNION ALL SELECT 1259, 2) vals ON (c.oid = vals.oid AND a.attnum = vals.attnum)
            """#,
            columns: ["oid:26", "attnum:21", "attname:19", "relname:19", "nspname:19", "?column?:16", "?column?:16"],
            tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT c.oid, a.attnum, a.attname, c.relname, n.nspname, a.attnotnull OR (t.typtype = 'd' AND t.typnotnull), a.attidentity != '' OR pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE '%nextval(%' FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON (c.relnamespace = n.oid) JOIN pg_catalog.pg_attribute a ON (c.oid = a.attrelid) JOIN pg_catalog.pg_type t ON (a.atttypid = t.oid) LEFT JOIN pg_catalog.pg_attrdef d ON (d.adrelid = a.attrelid AND d.adnum = a.attnum) JOIN (SELECT 16385 AS oid , 1 AS attnum UNION ALL SELECT 16385, 2 UNION ALL SELECT 16385, 3) vals ON (c.oid = vals.oid AND a.attnum = vals.attnum)
            """#,
            columns: ["oid:26", "attnum:21", "attname:19", "relname:19", "nspname:19", "?column?:16", "?column?:16"],
            tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT nspname AS TABLE_SCHEM, NULL AS TABLE_CATALOG FROM pg_catalog.pg_namespace  WHERE nspname <> 'pg_toast' AND (nspname !~ '^pg_temp_'  OR nspname = (pg_catalog.current_schemas(true))[1]) AND (nspname !~ '^pg_toast_temp_'  OR nspname = replace((pg_catalog.current_schemas(true))[1], 'pg_temp_', 'pg_toast_temp_'))  ORDER BY TABLE_SCHEM
            """#,
            columns: ["table_schem:19", "table_catalog:25"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT c.oid, a.attnum, a.attname, c.relname, n.nspname, a.attnotnull OR (t.typtype = 'd' AND t.typnotnull), a.attidentity != '' OR pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE '%nextval(%' FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON (c.relnamespace = n.oid) JOIN pg_catalog.pg_attribute a ON (c.oid = a.attrelid) JOIN pg_catalog.pg_type t ON (a.atttypid = t.oid) LEFT JOIN pg_catalog.pg_attrdef d ON (d.adrelid = a.attrelid AND d.adnum = a.attnum) JOIN (SELECT 2615 AS oid , 2 AS attnum) vals ON (c.oid = vals.oid AND a.attnum = vals.attnum)
            """#,
            columns: ["oid:26", "attnum:21", "attname:19", "relname:19", "nspname:19", "?column?:16", "?column?:16"],
            tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM, c.relname AS TABLE_NAME,  CASE n.nspname ~ '^pg_' OR n.nspname = 'information_schema'  WHEN true THEN CASE  WHEN n.nspname = 'pg_catalog' OR n.nspname = 'information_schema' THEN CASE c.relkind   WHEN 'r' THEN 'SYSTEM TABLE'   WHEN 'v' THEN 'SYSTEM VIEW'   WHEN 'i' THEN 'SYSTEM INDEX'   ELSE NULL   END  WHEN n.nspname = 'pg_toast' THEN CASE c.relkind   WHEN 'r' THEN 'SYSTEM TOAST TABLE'   WHEN 'i' THEN 'SYSTEM TOAST INDEX'   ELSE NULL   END  ELSE CASE c.relkind   WHEN 'r' THEN 'TEMPORARY TABLE'   WHEN 'p' THEN 'TEMPORARY TABLE'   WHEN 'i' THEN 'TEMPORARY INDEX'   WHEN 'S' THEN 'TEMPORARY SEQUENCE'   WHEN 'v' THEN 'TEMPORARY VIEW'   ELSE NULL   END  END  WHEN false THEN CASE c.relkind  WHEN 'r' THEN 'TABLE'  WHEN 'p' THEN 'PARTITIONED TABLE'  WHEN 'i' THEN 'INDEX'  WHEN 'P' then 'PARTITIONED INDEX'  WHEN 'S' THEN 'SEQUENCE'  WHEN 'v' THEN 'VIEW'  WHEN 'c' THEN 'TYPE'  WHEN 'f' THEN 'FOREIGN TABLE'  WHEN 'm' THEN 'MATERIALIZED VIEW'  ELSE NULL  END  ELSE NULL  END  AS TABLE_TYPE, d.description AS REMARKS,  '' as TYPE_CAT, '' as TYPE_SCHEM, '' as TYPE_NAME, '' AS SELF_REFERENCING_COL_NAME, '' AS REF_GENERATION  FROM pg_catalog.pg_namespace n, pg_catalog.pg_class c  LEFT JOIN pg_catalog.pg_description d ON (c.oid = d.objoid AND d.objsubid = 0  and d.classoid = 'pg_class'::regclass)  WHERE c.relnamespace = n.oid  AND c.relname LIKE '%' AND (false  OR ( c.relkind = 'r' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' ) )  ORDER BY TABLE_TYPE,TABLE_SCHEM,TABLE_NAME
            """#,
            columns: [
                "table_cat:25", "table_schem:19", "table_name:19", "table_type:25", "remarks:25", "type_cat:25",
                "type_schem:25", "type_name:25", "self_referencing_col_name:25", "ref_generation:25",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT c.oid, a.attnum, a.attname, c.relname, n.nspname, a.attnotnull OR (t.typtype = 'd' AND t.typnotnull), a.attidentity != '' OR pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE '%nextval(%' FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON (c.relnamespace = n.oid) JOIN pg_catalog.pg_attribute a ON (c.oid = a.attrelid) JOIN pg_catalog.pg_type t ON (a.atttypid = t.oid) LEFT JOIN pg_catalog.pg_attrdef d ON (d.adrelid = a.attrelid AND d.adnum = a.attnum) JOIN (SELECT 2615 AS oid , 2 AS attnum UNION ALL SELECT 1259, 2 UNION ALL SELECT 2609, 4) vals ON (c.oid = vals.oid AND a.attnum = vals.attnum)
            """#,
            columns: ["oid:26", "attnum:21", "attname:19", "relname:19", "nspname:19", "?column?:16", "?column?:16"],
            tag: "SELECT"),
        CapturedQuery("BEGIN", columns: nil, tag: "BEGIN"),
        CapturedQuery("COMMIT", columns: nil, tag: "COMMIT"),
        CapturedQuery(
            "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED",
            columns: nil, tag: "SET"),
        CapturedQuery("SHOW TRANSACTION ISOLATION LEVEL", columns: ["transaction_isolation:25"], tag: "SHOW"),
        CapturedQuery(
            #"""
            SELECT * FROM (SELECT n.nspname,c.relname,a.attname,a.atttypid,a.attnotnull OR (t.typtype = 'd' AND t.typnotnull) AS attnotnull,a.atttypmod,a.attlen,t.typtypmod,row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) AS attnum, nullif(a.attidentity, '') as attidentity,nullif(a.attgenerated, '') as attgenerated,pg_catalog.pg_get_expr(def.adbin, def.adrelid) AS adsrc,dsc.description,t.typbasetype,t.typtype  FROM pg_catalog.pg_namespace n  JOIN pg_catalog.pg_class c ON (c.relnamespace = n.oid)  JOIN pg_catalog.pg_attribute a ON (a.attrelid=c.oid)  JOIN pg_catalog.pg_type t ON (a.atttypid = t.oid)  LEFT JOIN pg_catalog.pg_attrdef def ON (a.attrelid=def.adrelid AND a.attnum = def.adnum)  LEFT JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)  LEFT JOIN pg_catalog.pg_class dc ON (dc.oid=dsc.classoid AND dc.relname='pg_class')  LEFT JOIN pg_catalog.pg_namespace dn ON (dc.relnamespace=dn.oid AND dn.nspname='pg_catalog')  WHERE c.relkind in ('r','p','v','f','m') and a.attnum > 0 AND NOT a.attisdropped  AND n.nspname LIKE 'public' AND c.relname LIKE 't') c WHERE true  AND attname LIKE 'c%' ORDER BY nspname,c.relname,attnum
            """#,
            columns: [
                "nspname:19", "relname:19", "attname:19", "atttypid:26", "attnotnull:16", "atttypmod:23", "attlen:21",
                "typtypmod:23", "attnum:20", "attidentity:18", "attgenerated:18", "adsrc:25", "description:25",
                "typbasetype:26", "typtype:18",
            ], tag: "SELECT"),
        CapturedQuery(
            "SELECT setting FROM pg_catalog.pg_settings WHERE name='max_index_keys'",
            columns: ["setting:25"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT NULL::text AS PKTABLE_CAT, pkn.nspname AS PKTABLE_SCHEM, pkc.relname AS PKTABLE_NAME, pka.attname AS PKCOLUMN_NAME, NULL::text AS FKTABLE_CAT, fkn.nspname AS FKTABLE_SCHEM, fkc.relname AS FKTABLE_NAME, fka.attname AS FKCOLUMN_NAME, pos.n AS KEY_SEQ, CASE con.confupdtype  WHEN 'c' THEN 0 WHEN 'n' THEN 2 WHEN 'd' THEN 4 WHEN 'r' THEN 1 WHEN 'p' THEN 1 WHEN 'a' THEN 3 ELSE NULL END AS UPDATE_RULE, CASE con.confdeltype  WHEN 'c' THEN 0 WHEN 'n' THEN 2 WHEN 'd' THEN 4 WHEN 'r' THEN 1 WHEN 'p' THEN 1 WHEN 'a' THEN 3 ELSE NULL END AS DELETE_RULE, con.conname AS FK_NAME, pkic.relname AS PK_NAME, CASE  WHEN con.condeferrable AND con.condeferred THEN 5 WHEN con.condeferrable THEN 6 ELSE 7 END AS DEFERRABILITY  FROM  pg_catalog.pg_namespace pkn, pg_catalog.pg_class pkc, pg_catalog.pg_attribute pka,  pg_catalog.pg_namespace fkn, pg_catalog.pg_class fkc, pg_catalog.pg_attribute fka,  pg_catalog.pg_constraint con,  pg_catalog.generate_series(1, 32) pos(n),  pg_catalog.pg_class pkic WHERE pkn.oid = pkc.relnamespace AND pkc.oid = pka.attrelid AND pka.attnum = con.confkey[pos.n] AND con.confrelid = pkc.oid  AND fkn.oid = fkc.relnamespace AND fkc.oid = fka.attrelid AND fka.attnum = con.conkey[pos.n] AND con.conrelid = fkc.oid  AND con.contype = 'f' AND (pkic.relkind = 'i' OR pkic.relkind = 'I') AND pkic.oid = con.conindid  AND pkc.relname = 't' ORDER BY fkn.nspname,fkc.relname,con.conname,pos.n
            """#,
            columns: [
                "pktable_cat:25", "pktable_schem:19", "pktable_name:19", "pkcolumn_name:19", "fktable_cat:25",
                "fktable_schem:19", "fktable_name:19", "fkcolumn_name:19", "key_seq:23", "update_rule:23",
                "delete_rule:23", "fk_name:19", "pk_name:19", "deferrability:23",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT NULL::text AS PKTABLE_CAT, pkn.nspname AS PKTABLE_SCHEM, pkc.relname AS PKTABLE_NAME, pka.attname AS PKCOLUMN_NAME, NULL::text AS FKTABLE_CAT, fkn.nspname AS FKTABLE_SCHEM, fkc.relname AS FKTABLE_NAME, fka.attname AS FKCOLUMN_NAME, pos.n AS KEY_SEQ, CASE con.confupdtype  WHEN 'c' THEN 0 WHEN 'n' THEN 2 WHEN 'd' THEN 4 WHEN 'r' THEN 1 WHEN 'p' THEN 1 WHEN 'a' THEN 3 ELSE NULL END AS UPDATE_RULE, CASE con.confdeltype  WHEN 'c' THEN 0 WHEN 'n' THEN 2 WHEN 'd' THEN 4 WHEN 'r' THEN 1 WHEN 'p' THEN 1 WHEN 'a' THEN 3 ELSE NULL END AS DELETE_RULE, con.conname AS FK_NAME, pkic.relname AS PK_NAME, CASE  WHEN con.condeferrable AND con.condeferred THEN 5 WHEN con.condeferrable THEN 6 ELSE 7 END AS DEFERRABILITY  FROM  pg_catalog.pg_namespace pkn, pg_catalog.pg_class pkc, pg_catalog.pg_attribute pka,  pg_catalog.pg_namespace fkn, pg_catalog.pg_class fkc, pg_catalog.pg_attribute fka,  pg_catalog.pg_constraint con,  pg_catalog.generate_series(1, 32) pos(n),  pg_catalog.pg_class pkic WHERE pkn.oid = pkc.relnamespace AND pkc.oid = pka.attrelid AND pka.attnum = con.confkey[pos.n] AND con.confrelid = pkc.oid  AND fkn.oid = fkc.relnamespace AND fkc.oid = fka.attrelid AND fka.attnum = con.conkey[pos.n] AND con.conrelid = fkc.oid  AND con.contype = 'f' AND (pkic.relkind = 'i' OR pkic.relkind = 'I') AND pkic.oid = con.conindid  AND fkc.relname = 't' ORDER BY pkn.nspname,pkc.relname, con.conname,pos.n
            """#,
            columns: [
                "pktable_cat:25", "pktable_schem:19", "pktable_name:19", "pkcolumn_name:19", "fktable_cat:25",
                "fktable_schem:19", "fktable_name:19", "fkcolumn_name:19", "key_seq:23", "update_rule:23",
                "delete_rule:23", "fk_name:19", "pk_name:19", "deferrability:23",
            ], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT nspname AS TABLE_SCHEM, NULL AS TABLE_CATALOG FROM pg_catalog.pg_namespace  WHERE nspname <> 'pg_toast' AND (nspname !~ '^pg_temp_'  OR nspname = (pg_catalog.current_schemas(true))[1]) AND (nspname !~ '^pg_toast_temp_'  OR nspname = replace((pg_catalog.current_schemas(true))[1], 'pg_temp_', 'pg_toast_temp_'))  AND nspname LIKE 'pub%' ORDER BY TABLE_SCHEM
            """#,
            columns: ["table_schem:19", "table_catalog:25"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM, c.relname AS TABLE_NAME,  CASE n.nspname ~ '^pg_' OR n.nspname = 'information_schema'  WHEN true THEN CASE  WHEN n.nspname = 'pg_catalog' OR n.nspname = 'information_schema' THEN CASE c.relkind   WHEN 'r' THEN 'SYSTEM TABLE'   WHEN 'v' THEN 'SYSTEM VIEW'   WHEN 'i' THEN 'SYSTEM INDEX'   ELSE NULL   END  WHEN n.nspname = 'pg_toast' THEN CASE c.relkind   WHEN 'r' THEN 'SYSTEM TOAST TABLE'   WHEN 'i' THEN 'SYSTEM TOAST INDEX'   ELSE NULL   END  ELSE CASE c.relkind   WHEN 'r' THEN 'TEMPORARY TABLE'   WHEN 'p' THEN 'TEMPORARY TABLE'   WHEN 'i' THEN 'TEMPORARY INDEX'   WHEN 'S' THEN 'TEMPORARY SEQUENCE'   WHEN 'v' THEN 'TEMPORARY VIEW'   ELSE NULL   END  END  WHEN false THEN CASE c.relkind  WHEN 'r' THEN 'TABLE'  WHEN 'p' THEN 'PARTITIONED TABLE'  WHEN 'i' THEN 'INDEX'  WHEN 'P' then 'PARTITIONED INDEX'  WHEN 'S' THEN 'SEQUENCE'  WHEN 'v' THEN 'VIEW'  WHEN 'c' THEN 'TYPE'  WHEN 'f' THEN 'FOREIGN TABLE'  WHEN 'm' THEN 'MATERIALIZED VIEW'  ELSE NULL  END  ELSE NULL  END  AS TABLE_TYPE, d.description AS REMARKS,  '' as TYPE_CAT, '' as TYPE_SCHEM, '' as TYPE_NAME, '' AS SELF_REFERENCING_COL_NAME, '' AS REF_GENERATION  FROM pg_catalog.pg_namespace n, pg_catalog.pg_class c  LEFT JOIN pg_catalog.pg_description d ON (c.oid = d.objoid AND d.objsubid = 0  and d.classoid = 'pg_class'::regclass)  WHERE c.relnamespace = n.oid  AND n.nspname LIKE 'public' AND c.relname LIKE 't%' ORDER BY TABLE_TYPE,TABLE_SCHEM,TABLE_NAME
            """#,
            columns: [
                "table_cat:25", "table_schem:19", "table_name:19", "table_type:25", "remarks:25", "type_cat:25",
                "type_schem:25", "type_name:25", "self_referencing_col_name:25", "ref_generation:25",
            ], tag: "SELECT"),
    ]
}
