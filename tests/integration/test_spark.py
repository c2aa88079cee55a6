"""Offline queries on a real Spark (Spark Connect at $TIDE_TEST_SPARK_URL, which
scripts/test.sh starts) through `tide serve`: the same rows as TideBatch, EXPLAIN, OUTFILE,
refusals, an unreachable server, and cancelling a running Spark query."""
import os
import threading
import time

import psycopg
import pytest

SPARK = os.environ.get("TIDE_TEST_SPARK_URL")
pytestmark = pytest.mark.skipif(SPARK is None, reason="needs TIDE_TEST_SPARK_URL (scripts/test.sh starts Spark)")

WINDOW = ("SELECT id, count(v) OVER w AS c, sum(v) OVER w AS s, max(v) OVER w AS m, lag(v, 1) OVER w AS l "
          "FROM t WINDOW w AS (PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 2s PRECEDING AND CURRENT ROW)")


@pytest.fixture(scope="module")
def db(server):
    with psycopg.connect(server.dsn(), autocommit=True) as c:
        c.execute("CREATE DATABASE IF NOT EXISTS sparkdb")
        c.execute("USE sparkdb")
        c.execute("SET @@execute_mode = 'offline'")
        c.execute("CREATE TABLE t (id int, g string, v double, ts timestamp, INDEX(KEY=g, TS=ts))")
        # Ties on ts, NULLs, rows out of order.
        c.execute("INSERT INTO t VALUES (1, 'a', 1.5, 3000), (2, 'a', 2.5, 1000), (3, 'a', NULL, 1000), "
                  "(4, 'b', 4.0, 2000), (5, 'a', 5.0, 1000), (6, NULL, 6.0, 1000), (7, 'b', -1.0, 2000)")
    return "sparkdb"


def run(conn, engine, sql):
    conn.execute("SET @@offline_engine = '%s'" % engine)
    return conn.execute(sql).fetchall()


def test_spark_gives_tidebatchs_rows(server, db):
    with psycopg.connect(server.dsn(db), autocommit=True) as c:
        c.execute("SET @@execute_mode = 'offline'")
        local = run(c, "local", WINDOW)
        spark = run(c, SPARK, WINDOW)
        assert spark == local
        assert [row[0] for row in spark] == [1, 2, 3, 4, 5, 6, 7]
        joined = ("SELECT t.id, u.v FROM t LAST JOIN t AS u ORDER BY u.ts "
                  "ON t.g = u.g AND u.ts < t.ts")
        assert run(c, SPARK, joined) == run(c, "local", joined)
        variables = dict(run(c, SPARK, "SHOW VARIABLES"))
        assert variables["offline_engine"] == SPARK


def test_explain_shows_the_spark_sql(server, db):
    with psycopg.connect(server.dsn(db), autocommit=True) as c:
        c.execute("SET @@execute_mode = 'offline'")
        lines = [row[0] for row in run(c, SPARK, "EXPLAIN " + WINDOW)]
        assert any(line.startswith("SPARK SQL (%s)" % SPARK) for line in lines)
        assert any("RANGE BETWEEN 2000 PRECEDING AND 1 PRECEDING" in line for line in lines)


def test_outfile_on_spark_equals_local(server, db, tmp_path):
    with psycopg.connect(server.dsn(db), autocommit=True) as c:
        c.execute("SET @@execute_mode = 'offline'")
        for engine, name in (("local", "local.csv"), (SPARK, "spark.csv")):
            c.execute("SET @@offline_engine = '%s'" % engine)
            c.execute(WINDOW + " INTO OUTFILE '%s'" % (tmp_path / name))
        assert (tmp_path / "spark.csv").read_text() == (tmp_path / "local.csv").read_text()


def test_file_outfiles_on_spark_keep_every_type_and_order(server, db, tmp_path):
    """File OUTFILEs on Spark are written by Spark into a spool directory and read back: every
    scalar type, NULLs, ties and an empty result give TideBatch's file, and the spool is gone."""
    typed = ("SELECT id, CAST(id AS smallint) AS s16, CAST(id * 1000 AS bigint) AS s64, CAST(v AS float) AS f, "
             "v, v > 2 AS b, g, ts, CAST(ts AS date) AS d, sum(v) OVER w AS rs FROM t "
             "WINDOW w AS (PARTITION BY g ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)")
    with psycopg.connect(server.dsn(db), autocommit=True) as c:
        c.execute("SET @@execute_mode = 'offline'")
        for query, name, options in ((typed, "typed", "format='csv', header=true"),
                                     (typed, "typed_parquet", "format='parquet'"),
                                     ("SELECT id, g FROM t WHERE id > 100", "empty", "format='csv'"),
                                     ("SELECT id, NULL AS nothing FROM t", "null_column", "format='csv'")):
            files = {}
            for engine in ("local", SPARK):
                c.execute("SET @@offline_engine = '%s'" % engine)
                path = tmp_path / ("%s_%s" % (name, "local" if engine == "local" else "spark"))
                written = c.execute("%s INTO OUTFILE '%s' OPTIONS (%s)" % (query, path, options)).rowcount
                files[engine] = (written, path.read_bytes())
            assert files[SPARK][1] == files["local"][1], name
            assert files[SPARK][0] == files["local"][0] == (0 if name == "empty" else 7), name
    spool = os.path.join(server.data_dir, "spark-export", "spooled-results")
    assert not os.path.exists(spool) or os.listdir(spool) == []


CATEGORIES = ("SELECT id, avg_cate(v, id % 3) OVER w AS a, count_cate_where(v, v > 2, id % 3) OVER w AS n, "
              "top_n_key_max_cate_where(v, v > 0, id % 3, 1) OVER w AS k FROM t WINDOW w AS "
              "(PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 2s PRECEDING AND CURRENT ROW)")


def test_category_aggregates_read_the_categories_first_and_equal_local(server, db):
    with psycopg.connect(server.dsn(db), autocommit=True) as c:
        c.execute("SET @@execute_mode = 'offline'")
        local = run(c, "local", CATEGORIES)
        assert any(row[1] for row in local)
        assert run(c, SPARK, CATEGORIES) == local
        lines = [row[0] for row in run(c, SPARK, "EXPLAIN " + CATEGORIES)]
        assert any(line.strip().startswith("-- categories read first: SELECT DISTINCT k") for line in lines)


def test_directory_outfile_is_written_by_spark_as_parquet(server, db, tmp_path):
    target = tmp_path / "features"
    with psycopg.connect(server.dsn(db), autocommit=True) as c:
        c.execute("SET @@execute_mode = 'offline'")
        local = run(c, "local", WINDOW)
        c.execute("SET @@offline_engine = '%s'" % SPARK)
        cur = c.execute(WINDOW + " INTO OUTFILE '%s/' OPTIONS (format='parquet', compression='zstd')" % target)
        assert cur.rowcount == 7
        parts = [p.name for p in target.iterdir() if p.name.endswith(".parquet")]
        assert parts and all(".zstd." in name for name in parts)
        assert not [p for p in tmp_path.iterdir() if p.name != "features"]  # no staging left
        # TideDB reads back what Spark wrote: the same rows, types and order.
        c.execute("CREATE TABLE back (id int, c bigint, s double, m double, l double, "
                  "INDEX(KEY=id, TS=c))")
        c.execute("LOAD DATA INFILE '%s' INTO TABLE back OPTIONS (format='parquet', mode='append')" % target)
        assert c.execute("SELECT * FROM back").fetchall() == local
        # The modes: error_if_exists (the default) refuses, append adds part files, overwrite replaces.
        with pytest.raises(psycopg.Error) as info:
            c.execute(WINDOW + " INTO OUTFILE '%s/' OPTIONS (format='parquet')" % target)
        assert info.value.sqlstate == "58030" and "already exists" in str(info.value)
        assert c.execute(WINDOW + " INTO OUTFILE '%s/' OPTIONS (format='parquet', mode='append')"
                         % target).rowcount == 7
        assert len([p for p in target.iterdir() if p.name.endswith(".parquet")]) == 2 * len(parts)
        assert c.execute("SELECT id FROM t WHERE id > 5 INTO OUTFILE '%s/' OPTIONS (format='parquet', "
                         "mode='overwrite')" % target).rowcount == 2
        # Refusals change nothing: CSV, a query Spark cannot run, two columns with one name.
        before = sorted(p.name for p in target.iterdir())
        with pytest.raises(psycopg.errors.FeatureNotSupported):
            c.execute(WINDOW + " INTO OUTFILE '%s/' OPTIONS (mode='overwrite')" % target)
        with pytest.raises(psycopg.errors.FeatureNotSupported):
            c.execute("SELECT hash64(id) AS h FROM t INTO OUTFILE '%s/' OPTIONS (format='parquet', "
                      "mode='overwrite')" % target)
        with pytest.raises(psycopg.Error) as info:
            c.execute("SELECT id, v AS id FROM t INTO OUTFILE '%s/' OPTIONS (format='parquet', "
                      "mode='overwrite')" % target)
        assert info.value.sqlstate == "42701"
        assert sorted(p.name for p in target.iterdir()) == before
        # TideBatch writes files, not directories.
        c.execute("SET @@offline_engine = 'local'")
        with pytest.raises(psycopg.errors.FeatureNotSupported) as info:
            c.execute(WINDOW + " INTO OUTFILE '%s/' OPTIONS (format='parquet', mode='overwrite')" % target)
        assert "@@offline_engine" in (info.value.diag.message_hint or "")


def test_what_cannot_be_lowered_is_refused_before_spark_runs(server, db):
    with psycopg.connect(server.dsn(db), autocommit=True) as c:
        c.execute("SET @@execute_mode = 'offline'")
        c.execute("SET @@offline_engine = '%s'" % SPARK)
        with pytest.raises(psycopg.errors.FeatureNotSupported) as info:
            c.execute("SELECT hash64(id) AS h FROM t")
        assert "hash64" in str(info.value) and "cannot run on Spark" in str(info.value)
        assert "offline_engine = 'local'" in (info.value.diag.message_hint or "")
        # Online preview and request mode never go to Spark.
        c.execute("SET @@execute_mode = 'online'")
        assert c.execute("SELECT count(*) AS n FROM t").fetchall() == [(0,)]


def test_unreachable_spark_is_a_connection_error_and_the_session_goes_on(server, db):
    with psycopg.connect(server.dsn(db), autocommit=True) as c:
        c.execute("SET @@execute_mode = 'offline'")
        c.execute("SET @@offline_engine = 'spark://127.0.0.1:1'")
        with pytest.raises(psycopg.Error) as info:
            c.execute(WINDOW)
        assert info.value.sqlstate == "08006"
        assert "cannot reach Spark Connect" in str(info.value)
        assert len(run(c, "local", WINDOW)) == 7
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            c.execute("SET @@offline_engine = 'hadoop://x'")


@pytest.fixture(scope="module")
def big(server, tmp_path_factory):
    path = tmp_path_factory.mktemp("csv") / "big.csv"
    with open(path, "w") as f:
        f.write("id,k,v,ts\n")
        for i in range(300_000):
            f.write("%d,k%d,%d.5,%d\n" % (i, i % 1000, i % 97, 1000 + i))
    with psycopg.connect(server.dsn(), autocommit=True) as c:
        c.execute("CREATE DATABASE IF NOT EXISTS sparkbig")
        c.execute("USE sparkbig")
        c.execute("SET @@execute_mode = 'offline'")
        c.execute("CREATE TABLE big (id bigint, k string, v double, ts timestamp, INDEX(KEY=k, TS=ts))")
        c.execute("LOAD DATA INFILE '%s' INTO TABLE big OPTIONS (format='csv', header=true, mode='append')" % path)
    return "sparkbig"


def test_cancel_interrupts_a_running_spark_query(server, big):
    # Every row's distinct values over an unbounded frame: seconds of work for Spark.
    slow = ("SELECT id, distinct_count(v) OVER w AS d FROM big WINDOW w AS "
            "(PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW MAXSIZE 300)")
    with psycopg.connect(server.dsn(big), autocommit=True) as c:
        c.execute("SET @@execute_mode = 'offline'")
        c.execute("SET @@offline_engine = '%s'" % SPARK)
        c.execute("SELECT id FROM big LIMIT 1")  # the export and the view, before timing
        timer = threading.Timer(1.0, c.cancel)
        started = time.monotonic()
        timer.start()
        try:
            with pytest.raises(psycopg.errors.QueryCanceled):
                c.execute(slow)
        finally:
            timer.cancel()
        assert time.monotonic() - started < 30
        # The session and Spark go on.
        assert c.execute("SELECT count(*) AS n FROM big").fetchall() == [(300_000,)]
