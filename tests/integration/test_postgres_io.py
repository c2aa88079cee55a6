"""PostgreSQL in and out of a real `tide serve`, checked against a real PostgreSQL server.

LOAD DATA INFILE 'postgresql://...' OPTIONS (format='postgresql', table=... | query=...) and
SELECT ... INTO OUTFILE 'postgresql://...' OPTIONS (format='postgresql', table=..., mode=...):
every type both ways with NULLs, extremes and non-ASCII text, the tables PostgreSQL gets,
the write modes, failed loads that change nothing, and passwords kept out of error messages.

The PostgreSQL server is $TIDE_TEST_POSTGRES_URL (trust authentication); without it the module
is skipped. Locally: url=$(bash scripts/start-postgres.sh /tmp/pgtest 55432)."""
import datetime
import itertools
import math
import os
import re
import socket
import struct
import tempfile
import urllib.parse

import psycopg
import pytest
from conftest import Server

PG_URL = os.environ.get("TIDE_TEST_POSTGRES_URL")
if not PG_URL:
    pytest.skip("TIDE_TEST_POSTGRES_URL is not set (start one with scripts/start-postgres.sh)",
                allow_module_level=True)

UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)
F32_MAX = 3.4028234663852886e38
F64_MAX = 1.7976931348623157e308
I64_MIN, I64_MAX = -2 ** 63, 2 ** 63 - 1
I32_MIN, I32_MAX = -2 ** 31, 2 ** 31 - 1

# PostgreSQL source columns, TideDB columns, and how values compare
PG_COLUMNS = [("id", "bigint"), ("b", "boolean"), ("s", "smallint"), ("i", "integer"), ("l", "bigint"),
              ("f", "real"), ("d", "double precision"), ("str", "text"), ("v", "varchar(200)"), ("dt", "date"),
              ("ts", "timestamptz"), ("tsn", "timestamp")]
TIDE_CREATE = ("CREATE TABLE {t} (id bigint, b bool, s smallint, i int, l bigint, f float, d double, str string, "
               "v string, dt date, ts timestamp, tsn timestamp, INDEX(KEY=id))")
TIDE_SELECT = ("SELECT id, b, s, i, l, f, d, str, v, dt, cast(ts as bigint) AS ts, cast(tsn as bigint) AS tsn "
               "FROM {t} ORDER BY id")
NAMES = [c for c, _ in PG_COLUMNS]
KINDS = dict.fromkeys(NAMES, "eq")
KINDS.update(f="f32", d="f64", ts="ts", tsn="ts")
# What a table TideDB creates in PostgreSQL has (strings may be text or varchar)
DST_TYPES = {"id": "bigint", "b": "boolean", "s": "smallint", "i": "integer", "l": "bigint", "f": "real",
             "d": "double precision", "str": ("text", "character varying"), "v": ("text", "character varying"),
             "dt": "date", "ts": "timestamp with time zone", "tsn": "timestamp with time zone"}

TEXTS = ["héllo wörld", "日本語のテキスト", "🙂🚀 emoji", "e\u0301", "مرحبا", "tab\there", "new\nline",
         "cr\r\nlf", "quote ' double \" backslash \\", "NULL", "\\N", "\\.", "a,b;c|d", "", " padded ",
         "Ω≈ç√", "\U0010FFFF", "ÿ\u0080\u07ff\u0800\uffff", "comma, \"quoted\", \\\\ two backslashes"]


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def ms(v):
    """A datetime (aware, or naive read as UTC) as epoch milliseconds, exactly."""
    if v is None:
        return None
    if v.tzinfo is None:
        v = v.replace(tzinfo=UTC)
    return (v - EPOCH) // datetime.timedelta(milliseconds=1)


def dt_from_ms(m, aware=True):
    v = EPOCH + datetime.timedelta(milliseconds=m)
    return v if aware else v.replace(tzinfo=None)


def source_rows(n=200):
    """Rows in PG_COLUMNS order as Python values for psycopg (timestamps at millisecond
    precision): NULL in every column, extremes, NaN/inf/-0.0/subnormals, 1900 and 9999 dates,
    non-ASCII and COPY/CSV-special text."""
    t1900 = datetime.datetime(1900, 1, 1, tzinfo=UTC)
    t9999 = datetime.datetime(9999, 12, 31, 23, 59, 59, 999000, tzinfo=UTC)
    rows = [
        (1,) + (None,) * 11,
        (2, False, -32768, I32_MIN, I64_MIN, -F32_MAX, -F64_MAX, "", "", datetime.date(1900, 1, 1), t1900,
         t1900.replace(tzinfo=None)),
        (3, True, 32767, I32_MAX, I64_MAX, F32_MAX, F64_MAX, "long " + "ü" * 20000 + "🙂", "v" * 200,
         datetime.date(9999, 12, 31), t9999, t9999.replace(tzinfo=None)),
        (4, True, 0, 0, 0, math.nan, math.nan, "NULL", "\\N", datetime.date(1969, 12, 31),
         dt_from_ms(-1), dt_from_ms(-1, False)),
        (5, False, -1, -1, -1, math.inf, math.inf, "\\N", "NULL", datetime.date(1970, 1, 1), dt_from_ms(0),
         dt_from_ms(0, False)),
        (6, True, 1, 1, 1, -math.inf, -math.inf, "\\.", "\t", datetime.date(1950, 6, 15), dt_from_ms(1),
         dt_from_ms(1, False)),
        (7, False, 2, 2, 2, -0.0, -0.0, "🙂 日本語", "é", datetime.date(2000, 2, 29), dt_from_ms(951782400123),
         dt_from_ms(951782400123, False)),
        (8, True, -2, -2, -2, 1.401298464324817e-45, 5e-324, "a", "b", datetime.date(1969, 1, 1),
         dt_from_ms(-31536000001), dt_from_ms(-31536000001, False)),
    ]
    for k in range(9, n + 1):
        sign = -1 if k % 2 else 1
        t = -2208988800000 + k * 12345678912 + k % 1000
        vals = [k, k % 3 == 0, (k * 137) % 65536 - 32768, sign * ((k * 1000003) % I32_MAX),
                sign * k * 10 ** 15 + k, f32(sign * k / 7.0), sign * k / 3.0 * 1e10,
                TEXTS[k % len(TEXTS)] + "-%d" % k, TEXTS[(k * 7) % len(TEXTS)][:150],
                datetime.date(1900, 1, 1) + datetime.timedelta(days=k * 151), dt_from_ms(t),
                dt_from_ms(t + 7, False)]
        for c in range(1, len(vals)):
            if (k * 7 + c * 3) % 11 == 0:
                vals[c] = None
        rows.append(tuple(vals))
    return rows


def canonical(rows, names=NAMES):
    """Rows for comparison: timestamps (aware, naive-as-UTC, or epoch ms) as epoch ms."""
    out = []
    for r in rows:
        out.append(tuple(ms(v) if KINDS.get(n) == "ts" and isinstance(v, datetime.datetime) else v
                         for n, v in zip(names, r)))
    return sorted(out, key=lambda r: r[0])


def same_value(kind, got, want):
    if want is None or got is None:
        return got is None and want is None
    if kind in ("f32", "f64"):
        if math.isnan(want):
            return isinstance(got, float) and math.isnan(got)
        fmt = "<f" if kind == "f32" else "<d"
        return struct.pack(fmt, got) == struct.pack(fmt, want)
    return type(got) is type(want) and got == want


def assert_rows_equal(got, want, names=NAMES):
    got = list(got)
    assert len(got) == len(want), "row count: got %d, want %d" % (len(got), len(want))
    for g, w in zip(got, want):
        for n, gv, wv in zip(names, g, w):
            if not same_value(KINDS.get(n, "eq"), gv, wv):
                raise AssertionError("row id=%r column %s: got %r, want %r" % (w[0], n, short(gv), short(wv)))


def short(v):
    return v[:40] + "...(%d chars)" % len(v) if isinstance(v, str) and len(v) > 80 else v


# ---------------------------------------------------------------------------------------------
# Fixtures

_counter = itertools.count()


@pytest.fixture()
def server(restarting_server):
    """This module's server, restarted after a crash (conftest's `restarting_server`)."""
    return restarting_server


@pytest.fixture(scope="module")
def pg():
    with psycopg.connect(PG_URL, autocommit=True) as c:
        yield c


@pytest.fixture()
def names(pg, request):
    """PostgreSQL table names of this test's own, dropped afterwards."""
    base = "tide_%s_%d_%d" % (re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:30], os.getpid(),
                              next(_counter))
    made = []

    def name(suffix):
        n = "%s_%s" % (base, suffix)
        made.append(n)
        return n
    yield name
    for n in made:
        pg.execute('DROP TABLE IF EXISTS "%s"' % n)


@pytest.fixture()
def tide(server, request):
    """A TideDB session in a database of this test's own, in offline mode."""
    db = "pgio_%s_%d" % (re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:40], next(_counter))
    with psycopg.connect(server.dsn(), autocommit=True) as c:
        c.execute("CREATE DATABASE %s" % db)
        c.execute("USE %s" % db)
        c.execute("SET @@execute_mode = 'offline'")
        yield c


def create_source(pg, table, rows, columns=PG_COLUMNS):
    pg.execute("CREATE TABLE %s (%s)" % (table, ", ".join("%s %s" % c for c in columns)))
    with pg.cursor() as cur:
        cur.executemany("INSERT INTO %s VALUES (%s)" % (table, ", ".join(["%s"] * len(columns))), rows)


def quote(s):
    return s.replace("'", "''")


def load_pg(tide, into, url=PG_URL, **opts):
    parts = ["format='postgresql'"] + ["%s='%s'" % (k, quote(v)) for k, v in opts.items()]
    return tide.execute("LOAD DATA INFILE '%s' INTO TABLE %s OPTIONS (%s)" % (url, into, ", ".join(parts)))


def export_pg(tide, query, url=PG_URL, **opts):
    parts = ["format='postgresql'"] + ["%s='%s'" % (k, quote(v)) for k, v in opts.items()]
    return tide.execute("%s INTO OUTFILE '%s' OPTIONS (%s)" % (query, url, ", ".join(parts)))


def tide_rows(tide, table="t"):
    return tide.execute("SELECT * FROM %s ORDER BY id" % table).fetchall()


def failing(tide, statement, table="t"):
    """Runs a statement that must fail; checks the TideDB table did not change; the error."""
    before = tide_rows(tide, table)
    with pytest.raises(psycopg.Error) as info:
        tide.execute(statement)
    assert info.value.sqlstate, "an error without SQLSTATE (the connection was lost?): %s" % info.value
    assert tide_rows(tide, table) == before, "the failed statement changed the table"
    return info.value


def pg_rows(pg, table, names=NAMES):
    return pg.execute("SELECT %s FROM %s ORDER BY id" % (", ".join(names), table)).fetchall()


def pg_column_types(pg, table):
    return dict(pg.execute("SELECT column_name, data_type FROM information_schema.columns "
                           "WHERE table_name = %s ORDER BY ordinal_position", (table,)).fetchall())


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def url_with(user=None, password=None, port=None, dbname=None):
    u = urllib.parse.urlsplit(PG_URL)
    user = user or u.username or "postgres"
    auth = urllib.parse.quote(user, safe="")
    if password is not None:
        auth += ":" + urllib.parse.quote(password, safe="")
    netloc = "%s@%s:%d" % (auth, u.hostname, port or u.port or 5432)
    path = "/" + dbname if dbname else u.path
    return urllib.parse.urlunsplit((u.scheme, netloc, path, u.query, ""))


# ---------------------------------------------------------------------------------------------
# Tests

def test_round_trip_every_type(pg, tide, names):
    """PostgreSQL -> TideDB -> a new PostgreSQL table: every type, NULLs, extremes, NaN/inf,
    -0.0, subnormals, 1900/9999 dates, non-ASCII and COPY-special text, unchanged."""
    src, dst = names("src"), names("dst")
    rows = source_rows()
    create_source(pg, src, rows)
    want = canonical(pg_rows(pg, src))
    assert_rows_equal(want, canonical(rows))  # PostgreSQL stored exactly what we meant
    tide.execute(TIDE_CREATE.format(t="t"))
    load_pg(tide, "t", table=src)
    assert_rows_equal(tide.execute(TIDE_SELECT.format(t="t")).fetchall(), want)

    export_pg(tide, "SELECT * FROM t", table=dst)
    types = pg_column_types(pg, dst)
    assert list(types) == NAMES
    for col, expected in DST_TYPES.items():
        assert types[col] in ((expected,) if isinstance(expected, str) else expected), (col, types[col])
    assert_rows_equal(canonical(pg_rows(pg, dst)), want)


def test_load_with_query(pg, tide, names):
    src = names("src")
    create_source(pg, src, [(1, "alpha", 1.5), (2, "skip", 2.5), (3, "gamma ü", None), (4, None, 4.0)],
                  [("id", "bigint"), ("name", "text"), ("score", "double precision")])
    tide.execute("CREATE TABLE t (id bigint, name string, score double, INDEX(KEY=id))")
    load_pg(tide, "t", query="SELECT id, upper(name) AS name, score * 2 AS score FROM %s "
                             "WHERE name IS DISTINCT FROM 'skip' AND id > 1" % src)
    assert tide.execute("SELECT id, name, score FROM t ORDER BY id").fetchall() == [
        (3, "GAMMA Ü", None), (4, None, 8.0)]
    # a query over no table at all, 5,000 rows, columns named by the query, in another order
    tide.execute("CREATE TABLE g (id bigint, name string, score double, INDEX(KEY=id))")
    load_pg(tide, "g", query="SELECT md5(x::text) AS name, x::float8 / 4 AS score, x::bigint AS id "
                             "FROM generate_series(1, 5000) AS x")
    assert tide.execute("SELECT count(*) AS n, sum(id) AS s, sum(score) AS sc FROM g").fetchone() == (
        5000, 5000 * 5001 // 2, 5000 * 5001 / 8)
    want = pg.execute("SELECT md5('4321')").fetchone()[0]
    assert tide.execute("SELECT name, score FROM g WHERE id = 4321").fetchone() == (want, 4321 / 4)


def test_load_modes(pg, tide, names):
    src = names("src")
    create_source(pg, src, [(10, "pg-10"), (11, "pg-11")], [("id", "bigint"), ("str", "text")])
    tide.execute("CREATE TABLE t (id bigint, str string, INDEX(KEY=id))")
    tide.execute("INSERT INTO t VALUES (1, 'tide-1')")
    # the default (error_if_exists) refuses a table with rows
    failing(tide, "LOAD DATA INFILE '%s' INTO TABLE t OPTIONS (format='postgresql', table='%s')" % (PG_URL, src))
    load_pg(tide, "t", table=src, mode="append")
    assert tide_rows(tide) == [(1, "tide-1"), (10, "pg-10"), (11, "pg-11")]
    load_pg(tide, "t", table=src, mode="overwrite")
    assert tide_rows(tide) == [(10, "pg-10"), (11, "pg-11")]


def test_extra_postgres_columns_are_ignored_and_names_match_case_insensitively(pg, tide, names):
    """Columns of types TideDB has no mapping for are fine when the table does not ask for
    them; a quoted mixed-case table and column names map to TideDB's lower-case ones; a
    schema-qualified table name works."""
    mixed, plain = names("Mixed"), names("plain")
    pg.execute('CREATE TABLE "%s" ("ID" bigint, "Name" text, extra_json jsonb, extra_bytes bytea, '
               'extra_num numeric(30, 10), extra_arr int[], extra_uuid uuid)' % mixed)
    pg.execute("""INSERT INTO "%s" VALUES (1, 'a', '{"k": 1}', '\\x00ff', 12345678901234567890.5, '{1,2}',
               '00000000-0000-0000-0000-000000000001'), (2, NULL, NULL, NULL, NULL, NULL, NULL)""" % mixed)
    pg.execute("CREATE TABLE public.%s (id bigint, name text, note text)" % plain)
    pg.execute("INSERT INTO public.%s VALUES (5, 'five', 'ignored')" % plain)
    tide.execute("CREATE TABLE t (id bigint, name string, INDEX(KEY=id))")
    load_pg(tide, "t", table='"%s"' % mixed)
    assert tide_rows(tide) == [(1, "a"), (2, None)]
    load_pg(tide, "t", table="public.%s" % plain, mode="append")
    assert tide_rows(tide) == [(1, "a"), (2, None), (5, "five")]


def test_unquoted_table_names_fold_to_lower_case_as_in_postgres(pg, tide, names):
    """table='Orders' means what `SELECT * FROM Orders` (or psql's \\copy Orders) means in
    PostgreSQL: the table orders; exporting to an unquoted mixed-case name creates the
    lower-case table."""
    src, dst = names("fold_src"), names("fold_dst")
    create_source(pg, src, [(1, "a"), (2, "b")], [("id", "bigint"), ("str", "text")])
    tide.execute("CREATE TABLE t (id bigint, str string, INDEX(KEY=id))")
    load_pg(tide, "t", table=src.upper())
    assert tide_rows(tide) == [(1, "a"), (2, "b")]
    export_pg(tide, "SELECT * FROM t", table="public." + dst.upper())
    assert pg_rows(pg, dst, names=["id", "str"]) == [(1, "a"), (2, "b")]


def test_online_load_from_postgres(pg, tide, names):
    src = names("src")
    rows = source_rows(40)
    create_source(pg, src, rows)
    tide.execute("SET @@execute_mode = 'online'")
    tide.execute(TIDE_CREATE.format(t="t"))
    load_pg(tide, "t", table=src)
    want = canonical(pg_rows(pg, src))
    assert_rows_equal(tide.execute(TIDE_SELECT.format(t="t")).fetchall(), want)
    load_pg(tide, "t", query="SELECT * FROM %s WHERE id <= 10" % src, mode="overwrite")
    assert_rows_equal(tide.execute(TIDE_SELECT.format(t="t")).fetchall(), want[:10])
    tide.execute("SET @@execute_mode = 'offline'")
    assert tide.execute("SELECT count(*) AS n FROM t").fetchone() == (0,)


def test_export_modes(pg, tide, names):
    dst, pre = names("dst"), names("pre")
    tide.execute("CREATE TABLE t (id bigint, str string, x double, INDEX(KEY=id))")
    tide.execute("INSERT INTO t VALUES (1, 'one', 1.5), (2, 'two ü', NULL), (3, NULL, -2.25)")
    want = [(1, "one", 1.5), (2, "two ü", None), (3, None, -2.25)]
    # a missing table is created (the default mode)
    export_pg(tide, "SELECT * FROM t", table=dst)
    assert pg.execute("SELECT id, str, x FROM %s ORDER BY id" % dst).fetchall() == want
    # error_if_exists on a table with rows: an error, the table unchanged
    with pytest.raises(psycopg.Error) as info:
        export_pg(tide, "SELECT * FROM t", table=dst, mode="error_if_exists")
    assert info.value.sqlstate, str(info.value)
    assert pg.execute("SELECT id, str, x FROM %s ORDER BY id" % dst).fetchall() == want
    # append adds
    export_pg(tide, "SELECT * FROM t WHERE id >= 2", table=dst, mode="append")
    assert pg.execute("SELECT id, str, x FROM %s ORDER BY id, str" % dst).fetchall() == sorted(
        want + want[1:], key=lambda r: (r[0], r[1] is None, r[1] or ""))
    # overwrite replaces
    export_pg(tide, "SELECT * FROM t WHERE id = 2", table=dst, mode="overwrite")
    assert pg.execute("SELECT id, str, x FROM %s ORDER BY id" % dst).fetchall() == [want[1]]
    # an existing empty table PostgreSQL made: error_if_exists writes into it
    pg.execute("CREATE TABLE %s (id bigint, str text, x double precision)" % pre)
    export_pg(tide, "SELECT * FROM t", table=pre, mode="error_if_exists")
    assert pg.execute("SELECT id, str, x FROM %s ORDER BY id" % pre).fetchall() == want
    # append into the table PostgreSQL made, next to rows PostgreSQL wrote
    pg.execute("INSERT INTO %s VALUES (100, 'pg', 0)" % pre)
    export_pg(tide, "SELECT * FROM t WHERE id = 1", table=pre, mode="append")
    assert pg.execute("SELECT id, str, x FROM %s ORDER BY id, x" % pre).fetchall() == [
        (1, "one", 1.5), (1, "one", 1.5), want[1], want[2], (100, "pg", 0.0)]


def test_export_expressions_create_matching_types(pg, tide, names):
    dst = names("dst")
    tide.execute("CREATE TABLE t (id bigint, s smallint, ts timestamp, dt date, INDEX(KEY=id))")
    tide.execute("INSERT INTO t VALUES (1, 7, 1700000000123, '2024-02-29'), (2, NULL, -1, '1900-01-01')")
    export_pg(tide, "SELECT id, s, ts, dt, concat('k', cast(id as string)) AS label FROM t", table=dst)
    types = pg_column_types(pg, dst)
    assert types["s"] == "smallint" and types["ts"] == "timestamp with time zone" and types["dt"] == "date"
    assert types["label"] in ("text", "character varying")
    got = pg.execute("SELECT id, s, (extract(epoch FROM ts) * 1000)::bigint, dt, label FROM %s ORDER BY id"
                     % dst).fetchall()
    assert got == [(1, 7, 1700000000123, datetime.date(2024, 2, 29), "k1"),
                   (2, None, -1, datetime.date(1900, 1, 1), "k2")]


@pytest.mark.parametrize("case", ["text-into-bigint", "missing-column", "bad-query", "missing-table",
                                  "division-by-zero-mid-stream", "unreachable-server", "missing-database"])
@pytest.mark.parametrize("mode", ["offline", "online"])
def test_failed_load_changes_nothing(pg, tide, names, case, mode):
    src = names("src")
    create_source(pg, src, [(k, "v%d" % k, "x") for k in range(1, 2001)],
                  [("id", "bigint"), ("v", "text"), ("w", "text")])
    tide.execute("SET @@execute_mode = '%s'" % mode)
    tide.execute("CREATE TABLE t (id bigint, v string, INDEX(KEY=id))")
    tide.execute("INSERT INTO t VALUES (-1, 'kept'), (-2, 'also kept')")
    url, opts = PG_URL, {"table": src}
    if case == "text-into-bigint":
        tide.execute("CREATE TABLE t2 (id bigint, v bigint, INDEX(KEY=id))")
        tide.execute("INSERT INTO t2 VALUES (-1, 5)")
        target = "t2"
    else:
        target = "t"
    if case == "missing-column":
        opts = {"query": "SELECT id FROM %s" % src}
    elif case == "bad-query":
        opts = {"query": "SELEC id, v FROM %s" % src}
    elif case == "missing-table":
        opts = {"table": "no_such_table_%s" % src}
    elif case == "division-by-zero-mid-stream":
        opts = {"query": "SELECT g::bigint AS id, 'v' || (1 / (g - 9000))::text AS v "
                         "FROM generate_series(1, 10000) AS g"}
    elif case == "unreachable-server":
        url = url_with(port=closed_port())
    elif case == "missing-database":
        url = url_with(dbname="no_such_database_for_tide")
    parts = ", ".join(["format='postgresql'", "mode='append'"] +
                      ["%s='%s'" % (k, quote(v)) for k, v in opts.items()])
    failing(tide, "LOAD DATA INFILE '%s' INTO TABLE %s OPTIONS (%s)" % (url, target, parts), table=target)
    assert tide_rows(tide) == [(-2, "also kept"), (-1, "kept")]
    # the session still works, and a good load after the failure works
    tide.execute("CREATE TABLE ok (id bigint, v string, INDEX(KEY=id))")
    load_pg(tide, "ok", query="SELECT id, v FROM %s" % src, mode="append")
    assert tide.execute("SELECT count(*) AS n FROM ok").fetchone() == (2000,)


def test_failed_export_leaves_postgres_unchanged(pg, tide, names):
    dst = names("dst")
    pg.execute("CREATE TABLE %s (id bigint, v bigint)" % dst)
    pg.execute("INSERT INTO %s VALUES (1, 1)" % dst)
    tide.execute("CREATE TABLE t (id bigint, v string, INDEX(KEY=id))")
    tide.execute("INSERT INTO t VALUES (2, '2'), (3, 'not a number')")
    # a string column into an existing bigint column: the append fails and adds nothing
    with pytest.raises(psycopg.Error) as info:
        export_pg(tide, "SELECT * FROM t", table=dst, mode="append")
    assert info.value.sqlstate, str(info.value)
    assert pg.execute("SELECT id, v FROM %s ORDER BY id" % dst).fetchall() == [(1, 1)]
    # and an overwrite that fails does not leave the table truncated
    with pytest.raises(psycopg.Error) as info:
        export_pg(tide, "SELECT * FROM t", table=dst, mode="overwrite")
    assert info.value.sqlstate, str(info.value)
    assert pg.execute("SELECT id, v FROM %s ORDER BY id" % dst).fetchall() == [(1, 1)]
    # a failure part-way (PostgreSQL rejects the 3rd row): nothing of it stays, in either mode
    pg.execute("ALTER TABLE %s ADD CONSTRAINT %s_small CHECK (v < 100)" % (dst, dst))
    tide.execute("CREATE TABLE n (id bigint, v bigint, INDEX(KEY=id))")
    tide.execute("INSERT INTO n VALUES (10, 1), (11, 2), (12, 1000), (13, 3)")
    for mode in ("append", "overwrite"):
        with pytest.raises(psycopg.Error) as info:
            export_pg(tide, "SELECT * FROM n", table=dst, mode=mode)
        assert info.value.sqlstate, str(info.value)
        assert pg.execute("SELECT id, v FROM %s ORDER BY id" % dst).fetchall() == [(1, 1)], mode
    assert tide.execute("SELECT count(*) AS c FROM n").fetchone() == (4,)


SECRET = "Sup3rS3cret@tide/pw"


@pytest.fixture()
def secret_role(pg):
    role = "tide_pw_%d_%d" % (os.getpid(), next(_counter))
    pg.execute("CREATE ROLE %s LOGIN PASSWORD '%s'" % (role, SECRET))
    yield role
    pg.execute("DROP OWNED BY %s" % role)
    pg.execute("DROP ROLE %s" % role)


def assert_no_secret(err):
    texts = [str(err)]
    diag = getattr(err, "diag", None)
    if diag is not None:
        texts += [diag.message_primary or "", diag.message_detail or "", diag.message_hint or "",
                  diag.context or "", diag.internal_query or ""]
    encoded = urllib.parse.quote(SECRET, safe="")
    for t in texts:
        for needle in ("Sup3rS3cret", SECRET, encoded):
            assert needle not in t, "the password leaked into an error message: %r" % t


@pytest.mark.parametrize("case", ["missing-table", "bad-query", "unreachable-server", "missing-database",
                                  "export-error-if-exists", "export-bad-schema"])
def test_password_never_in_error_messages(pg, tide, names, secret_role, case):
    dst = names("dst")
    url = url_with(user=secret_role, password=SECRET)
    tide.execute("CREATE TABLE t (id bigint, v string, INDEX(KEY=id))")
    tide.execute("INSERT INTO t VALUES (1, 'a')")
    if case == "missing-table":
        stmt = "LOAD DATA INFILE '%s' INTO TABLE t OPTIONS (format='postgresql', table='no_such_tbl', mode='append')" % url
    elif case == "bad-query":
        stmt = "LOAD DATA INFILE '%s' INTO TABLE t OPTIONS (format='postgresql', query='SELEC 1', mode='append')" % url
    elif case == "unreachable-server":
        stmt = ("LOAD DATA INFILE '%s' INTO TABLE t OPTIONS (format='postgresql', table='x', mode='append')"
                % url_with(user=secret_role, password=SECRET, port=closed_port()))
    elif case == "missing-database":
        stmt = ("LOAD DATA INFILE '%s' INTO TABLE t OPTIONS (format='postgresql', table='x', mode='append')"
                % url_with(user=secret_role, password=SECRET, dbname="no_such_db_tide"))
    elif case == "export-error-if-exists":
        pg.execute("CREATE TABLE %s (id bigint, v text)" % dst)
        pg.execute("INSERT INTO %s VALUES (9, 'z')" % dst)
        pg.execute("GRANT ALL ON %s TO %s" % (dst, secret_role))
        stmt = "SELECT * FROM t INTO OUTFILE '%s' OPTIONS (format='postgresql', table='%s', mode='error_if_exists')" % (url, dst)
    else:
        stmt = "SELECT * FROM t INTO OUTFILE '%s' OPTIONS (format='postgresql', table='no_such_schema.%s')" % (url, dst)
    with pytest.raises(psycopg.Error) as info:
        tide.execute(stmt)
    assert info.value.sqlstate, "an error without SQLSTATE (the connection was lost?): %s" % info.value
    assert_no_secret(info.value)
    assert tide_rows(tide) == [(1, "a")]


def test_password_in_url_works(pg, tide, names, secret_role):
    """A URL with a (percent-encoded) password connects; loading and exporting work."""
    src, dst = names("src"), names("dst")
    create_source(pg, src, [(1, "x")], [("id", "bigint"), ("v", "text")])
    pg.execute("GRANT SELECT ON %s TO %s" % (src, secret_role))
    pg.execute("GRANT CREATE ON SCHEMA public TO %s" % secret_role)
    url = url_with(user=secret_role, password=SECRET)
    tide.execute("CREATE TABLE t (id bigint, v string, INDEX(KEY=id))")
    load_pg(tide, "t", url=url, table=src)
    assert tide_rows(tide) == [(1, "x")]
    export_pg(tide, "SELECT * FROM t", url=url, table=dst)
    assert pg.execute("SELECT id, v FROM %s" % dst).fetchall() == [(1, "x")]
    pg.execute("REVOKE CREATE ON SCHEMA public FROM %s" % secret_role)


@pytest.fixture()
def odd_session_role(pg):
    """A role whose sessions default to a non-UTC time zone, DMY dates in SQL style and few
    float digits: what a connection gets unless the client sets its own."""
    role = "tide_odd_%d_%d" % (os.getpid(), next(_counter))
    pg.execute("CREATE ROLE %s LOGIN" % role)
    pg.execute("GRANT CREATE ON SCHEMA public TO %s" % role)
    yield role
    pg.execute("REVOKE CREATE ON SCHEMA public FROM %s" % role)
    pg.execute("DROP OWNED BY %s" % role)
    pg.execute("DROP ROLE %s" % role)


def test_timestamps_independent_of_postgres_and_tide_time_zones(pg, tide, names, odd_session_role):
    """timestamptz values are instants; timestamp without time zone is read as UTC: neither
    PostgreSQL's session time zone nor TideDB's shifts them, in either direction."""
    src, dst = names("src"), names("dst")
    pg.execute("ALTER ROLE %s SET timezone = 'Asia/Kolkata'" % odd_session_role)
    rows = source_rows(60)
    create_source(pg, src, rows)
    pg.execute("GRANT SELECT ON %s TO %s" % (src, odd_session_role))
    url = url_with(user=odd_session_role)
    tide.execute("SET @@time_zone = '+08:00'")
    tide.execute(TIDE_CREATE.format(t="t"))
    load_pg(tide, "t", url=url, table=src)
    want = canonical(pg_rows(pg, src))
    assert_rows_equal(tide.execute(TIDE_SELECT.format(t="t")).fetchall(), want)
    export_pg(tide, "SELECT * FROM t", url=url, table=dst)
    assert_rows_equal(canonical(pg_rows(pg, dst)), want)


def test_independent_of_postgres_datestyle_and_float_digits(pg, tide, names, odd_session_role):
    """A role whose sessions print dates as 'SQL, DMY' and floats with extra_float_digits = -3:
    a client that parses PostgreSQL's text output must set its own session, or read binary."""
    src, dst = names("src"), names("dst")
    pg.execute("ALTER ROLE %s SET datestyle = 'SQL, DMY'" % odd_session_role)
    pg.execute("ALTER ROLE %s SET extra_float_digits = -3" % odd_session_role)
    pg.execute("ALTER ROLE %s SET intervalstyle = 'sql_standard'" % odd_session_role)
    rows = source_rows(60)
    create_source(pg, src, rows)
    pg.execute("GRANT SELECT ON %s TO %s" % (src, odd_session_role))
    url = url_with(user=odd_session_role)
    tide.execute(TIDE_CREATE.format(t="t"))
    load_pg(tide, "t", url=url, table=src)
    want = canonical(pg_rows(pg, src))
    assert_rows_equal(tide.execute(TIDE_SELECT.format(t="t")).fetchall(), want)
    export_pg(tide, "SELECT * FROM t", url=url, table=dst)
    assert_rows_equal(canonical(pg_rows(pg, dst)), want)


def test_ten_thousand_rows_count_and_checksum(pg, tide, names):
    src, dst = names("src"), names("dst")
    pg.execute("""
        CREATE TABLE %s AS
        SELECT g::bigint AS id, (g %% 2 = 0) AS b, (g %% 60000 - 30000)::smallint AS s,
               (g * 104729 %% 2000000000 - 1000000000)::integer AS i, g::bigint * 922337203685477 AS l,
               (g / 7.0)::real AS f, (g / 3.0 - 1000)::double precision AS d,
               CASE WHEN g %% 10 = 0 THEN NULL ELSE 'row ' || g || ' ü' END AS str,
               DATE '1900-01-01' + g AS dt,
               TIMESTAMPTZ '1960-01-01 00:00:00+00' + g * INTERVAL '1 hour 0.001 second' AS ts
        FROM generate_series(1, 10000) AS g""" % src)
    tide.execute("CREATE TABLE t (id bigint, b bool, s smallint, i int, l bigint, f float, d double, str string, "
                 "dt date, ts timestamp, INDEX(KEY=id))")
    load_pg(tide, "t", table=src)
    # (sums widened first: TideDB's sum keeps its argument's type, as OpenMLDB's does)
    got = tide.execute("SELECT count(*) AS n, sum(id) AS a, sum(cast(s as bigint)) AS c, sum(cast(i as bigint)) AS e, "
                       "count(str) AS g, max(dt) AS h, max(cast(ts as bigint)) AS k FROM t").fetchone()
    want = pg.execute("SELECT count(*), sum(id), sum(s), sum(i), count(str), max(dt), "
                      "(extract(epoch FROM max(ts)) * 1000)::bigint FROM %s" % src).fetchone()
    assert tuple(got) == tuple(int(v) if not isinstance(v, datetime.date) else v for v in want)
    export_pg(tide, "SELECT * FROM t", table=dst)
    for a, b in ((src, dst), (dst, src)):
        (n,) = pg.execute("SELECT count(*) FROM (SELECT * FROM %s EXCEPT ALL SELECT * FROM %s) AS x" % (a, b)).fetchone()
        assert n == 0, "%d rows of %s are not in %s" % (n, a, b)
