"""Statement timeout and CancelRequest: a long statement stops with 57014 and the session
stays usable."""
import threading
import time

import psycopg
import pytest


@pytest.fixture(scope="module")
def big(server, tmp_path_factory):
    path = tmp_path_factory.mktemp("csv") / "big.csv"
    with open(path, "w") as f:
        f.write("id,k,v,ts\n")
        for i in range(200_000):
            f.write("%d,k%d,%d.5,%d\n" % (i, i % 50_000, i % 97, 1000 + i))
    with psycopg.connect(server.dsn(), autocommit=True) as c:
        c.execute("CREATE DATABASE IF NOT EXISTS slow")
        c.execute("USE slow")
        c.execute("CREATE TABLE big (id bigint, k string, v double, ts timestamp, INDEX(KEY=k, TS=ts))")
        c.execute("LOAD DATA INFILE '%s' INTO TABLE big OPTIONS (format='csv', header=true, mode='append')" % path)
    return "slow"


QUERY = ("SELECT id, sum(v) OVER w AS s, avg(v) OVER w AS a FROM big "
         "WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)")


def test_statement_timeout(server, big):
    with psycopg.connect(server.dsn(big), autocommit=True) as c:
        c.execute("SET @@statement_timeout_ms = 5")
        with pytest.raises(psycopg.errors.QueryCanceled) as info:
            c.execute(QUERY)
        assert "statement timeout" in str(info.value)
        c.execute("SET @@statement_timeout_ms = 0")
        assert len(c.execute(QUERY).fetchall()) == 200_000


def test_postgres_statement_timeout_setting(server, big):
    with psycopg.connect(server.dsn(big), autocommit=True) as c:
        c.execute("SET statement_timeout = 5")
        with pytest.raises(psycopg.errors.QueryCanceled):
            c.execute(QUERY)
        c.execute("SET statement_timeout = 0")
        assert c.execute("SELECT 1 AS x").fetchone() == (1,)


def test_cancel_request(server, big):
    with psycopg.connect(server.dsn(big), autocommit=True) as c:
        started = time.monotonic()
        timer = threading.Timer(0.3, c.cancel)
        timer.start()
        try:
            with pytest.raises(psycopg.errors.QueryCanceled) as info:
                for _ in range(50):  # keep the server busy until the cancel lands
                    c.execute(QUERY)
        finally:
            timer.cancel()
        assert "user request" in str(info.value)
        assert time.monotonic() - started < 60
        assert c.execute("SELECT 2 AS x").fetchone() == (2,)
