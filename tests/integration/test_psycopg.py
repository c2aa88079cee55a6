"""psycopg 3 over the PostgreSQL wire protocol: simple and extended query, parameters in
text and binary, errors with SQLSTATE and position, notices, sessions."""
import datetime

import psycopg
import pytest

SETUP = [
    "CREATE DATABASE IF NOT EXISTS shop",
    "USE shop",
    "CREATE TABLE IF NOT EXISTS txn (id bigint, card string, amount double, ts timestamp, d date, ok bool, "
    "n int, s smallint, f float, INDEX(KEY=card, TS=ts))",
]


@pytest.fixture(scope="module")
def conn(server):
    c = psycopg.connect(server.dsn(), autocommit=True)
    for sql in SETUP:
        c.execute(sql)
    c.execute("INSERT INTO txn VALUES (1, 'c1', 10.0, 1000, '2024-01-02', true, 7, 3, 1.5), "
              "(2, 'c1', 25.0, 61000, '2024-01-03', false, 8, 4, 2.5), "
              "(3, 'c2', 5.0, 2000, '2024-01-04', NULL, NULL, NULL, NULL)")
    yield c
    c.close()


def test_simple_query_types(conn):
    cur = conn.execute("SELECT id, card, amount, d, ok, n, s, f FROM txn WHERE id = 1")
    assert [d.name for d in cur.description] == ["id", "card", "amount", "d", "ok", "n", "s", "f"]
    assert [d.type_code for d in cur.description] == [20, 25, 701, 1082, 16, 23, 21, 700]
    assert cur.fetchall() == [(1, "c1", 10.0, datetime.date(2024, 1, 2), True, 7, 3, 1.5)]


def test_window_feature_matches_hand_computation(conn):
    rows = conn.execute(
        "SELECT id, sum(amount) OVER w AS spend FROM txn "
        "WINDOW w AS (PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 2m PRECEDING AND CURRENT ROW)").fetchall()
    assert sorted(rows) == [(1, 10.0), (2, 35.0), (3, 5.0)]


def test_timestamps_come_back_in_session_time_zone(conn):
    conn.execute("SET @@time_zone = '+08:00'")
    try:
        (ts,) = conn.execute("SELECT ts FROM txn WHERE id = 2").fetchone()
        assert ts == datetime.datetime(1970, 1, 1, 8, 1, 1)
    finally:
        conn.execute("SET @@time_zone = 'UTC'")
    (ts,) = conn.execute("SELECT ts FROM txn WHERE id = 2").fetchone()
    assert ts == datetime.datetime(1970, 1, 1, 0, 1, 1)


@pytest.mark.parametrize("binary", [False, True])
def test_extended_protocol_parameters(conn, binary):
    cur = conn.cursor(binary=binary)
    cur.execute("SELECT id, amount FROM txn WHERE card = %s AND amount > %s", ("c1", 12.0))
    assert cur.fetchall() == [(2, 25.0)]
    cur.execute("SELECT %s AS a, %s AS b, %s AS c, %s AS d", (5, "it's", 2.5, None))
    assert cur.fetchone() == (5, "it's", 2.5, None)


def test_prepared_statement_reused(conn):
    for i in range(7):
        row = conn.execute("SELECT id FROM txn WHERE id = %s", (1 + i % 3,), prepare=True).fetchone()
        assert row == (1 + i % 3,)


def test_executemany_pipelines_inserts(conn):
    conn.execute("CREATE TABLE IF NOT EXISTS pipe (id bigint, v string, ts timestamp, INDEX(KEY=v, TS=ts))")
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO pipe VALUES (%s, %s, %s)",
                        [(i, "v%d" % (i % 3), datetime.datetime(2024, 1, 1, 0, 0, i)) for i in range(20)])
    (count,) = conn.execute("SELECT count(id) AS n FROM pipe").fetchone()
    assert count == 20
    (ts,) = conn.execute("SELECT ts FROM pipe WHERE id = 5").fetchone()
    assert ts == datetime.datetime(2024, 1, 1, 0, 0, 5)


def test_error_has_sqlstate_and_position(conn):
    with pytest.raises(psycopg.errors.UndefinedColumn) as info:
        conn.execute("SELECT nosuch FROM txn")
    assert info.value.sqlstate == "42703"
    assert info.value.diag.statement_position == "8"
    with pytest.raises(psycopg.errors.SyntaxError):
        conn.execute("SELEC 1")
    # the connection stays usable after errors, in both protocols
    assert conn.execute("SELECT 1 AS one").fetchone() == (1,)
    with pytest.raises(psycopg.errors.UndefinedTable):
        conn.execute("SELECT * FROM nosuch WHERE 1 = %s", (1,))
    assert conn.execute("SELECT %s AS x", (2,)).fetchone() == (2,)


def test_notice_for_warnings(server):
    notices = []
    with psycopg.connect(server.dsn("shop"), autocommit=True) as c:
        c.add_notice_handler(lambda d: notices.append(d.message_primary))
        c.execute("BEGIN")
        c.execute("ROLLBACK")
    assert any("rolled back" in n for n in notices)


def test_multiple_statements_in_one_query(conn):
    cur = conn.cursor()
    cur.execute("SET @@execute_mode = 'online'; SELECT 41 + 1 AS answer")
    assert cur.statusmessage == "SET"
    assert cur.nextset()
    assert cur.fetchone() == (42,)


def test_sessions_are_independent(server, conn):
    with psycopg.connect(server.dsn(), autocommit=True) as other:
        with pytest.raises(psycopg.Error):
            other.execute("SELECT id FROM txn")  # no database selected in this session
        other.execute("USE shop")
        assert other.execute("SELECT count(id) AS n FROM txn").fetchone() == (3,)


def test_database_in_connection_string(server, conn):
    with psycopg.connect(server.dsn("shop"), autocommit=True) as c:
        assert c.execute("SELECT count(id) AS n FROM txn").fetchone() == (3,)
    with pytest.raises(psycopg.OperationalError) as info:
        psycopg.connect(server.dsn("missing_db"))
    assert "does not exist" in str(info.value)


def test_request_mode_and_deployment(conn):
    conn.execute("DEPLOY spend SELECT id, sum(amount) OVER w AS spend_2m FROM txn "
                 "WINDOW w AS (PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 2m PRECEDING AND CURRENT ROW)")
    rows = conn.execute("EXECUTE DEPLOYMENT spend VALUES (9, 'c1', 1.0, 62000, '2024-01-05', true, 1, 1, 1.0)").fetchall()
    assert rows == [(9, 36.0)]
    cur = conn.execute("EXECUTE DEPLOYMENT spend VALUES (%s, %s, %s, %s, NULL, NULL, NULL, NULL, NULL)",
                       (10, "c2", 2.0, datetime.datetime(1970, 1, 1, 0, 0, 3)))
    assert cur.fetchall() == [(10, 7.0)]


def test_fetch_in_chunks_with_named_cursor_rowcount(conn):
    cur = conn.execute("SELECT id FROM txn")
    assert cur.rowcount == 3
    cur = conn.execute("INSERT INTO txn VALUES (4, 'c3', 1.0, 5000, NULL, NULL, NULL, NULL, NULL)")
    assert cur.rowcount == 1


def test_deployment_calls_sequential_and_pipelined(conn):
    """Prepared deployment calls: once the deployment's calls prove short the server runs them
    on its event loop; answers stay right whether a client waits for each or pipelines 200."""
    conn.execute("DEPLOY IF NOT EXISTS spend_pipe SELECT id, sum(amount) OVER w AS spend FROM txn "
                 "WINDOW w AS (PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 2m PRECEDING AND CURRENT ROW)")
    call = "EXECUTE DEPLOYMENT spend_pipe VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"

    def row(i):
        return (100 + i, "c1", float(i), 62000, datetime.date(2024, 1, 5), True, 1, 1, 1.0)

    for i in range(40):
        assert conn.execute(call, row(i), prepare=True).fetchall() == [(100 + i, 35.0 + i)]
    with conn.pipeline():
        cursors = [conn.execute(call, row(i), prepare=True) for i in range(200)]
    assert [c.fetchall() for c in cursors] == [[(100 + i, 35.0 + i)] for i in range(200)]
