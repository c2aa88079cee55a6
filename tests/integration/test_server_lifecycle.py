"""`tide serve` as an operator meets it: the data directory lock, graceful shutdown on
SIGTERM with acknowledged writes kept, /health, and a server that survives garbage."""
import json
import os
import signal
import subprocess
import time
import urllib.request

import psycopg
import pytest

import wirefuzz

from conftest import Server, tide_binary


def test_second_process_gets_a_clear_error(fresh_server):
    r = subprocess.run([tide_binary(), "run", "--data", fresh_server.data_dir, "-"], input="SELECT 1 AS x;",
                       capture_output=True, text=True, timeout=30)
    assert r.returncode != 0
    assert "is in use by process %d" % fresh_server.process.pid in r.stderr + r.stdout


def server_with_table(data, *statements):
    """A server on `data` with database d and table t (id, k, ts), after `statements`."""
    server = Server(data)
    with psycopg.connect(server.dsn(), autocommit=True) as c:
        c.execute("CREATE DATABASE d")
        c.execute("USE d")
        c.execute("CREATE TABLE t (id bigint, k string, ts timestamp, INDEX(KEY=k, TS=ts))")
        for statement in statements:
            c.execute(statement)
    return server


def query_stopped(data, sql):
    """The rows of `sql` in database d, run by `tide run` on the stopped server's directory."""
    r = subprocess.run([tide_binary(), "run", "--data", data, "--format", "json", "-"],
                       input="USE d; %s;" % sql, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])["rows"]


def test_sigterm_shuts_down_gracefully_and_keeps_writes(tmp_path):
    data = str(tmp_path / "data")
    server = server_with_table(data, "INSERT INTO t VALUES (1, 'a', 1000), (2, 'a', 2000)")
    assert server.stop(signal.SIGTERM) == 0
    log = open(tmp_path / "serve.log").read()
    assert "TideDB stopped" in log
    assert sorted(row[0] for row in query_stopped(data, "SELECT id FROM t")) == [1, 2]


def test_sigterm_lets_a_running_http_statement_finish(tmp_path):
    """An HTTP request running when SIGTERM arrives gets its full answer, and what it wrote
    is there after the restart."""
    rows = 300000
    csv_path = tmp_path / "rows.csv"
    with open(csv_path, "w") as f:
        f.write("id,k,ts\n")
        f.writelines("%d,k%d,%d\n" % (i, i % 1000, 1000 + i) for i in range(rows))
    data = str(tmp_path / "data")
    server = server_with_table(data)
    body = json.dumps({"mode": "online", "sql": "LOAD DATA INFILE '%s' INTO TABLE t OPTIONS (header=true)" % csv_path})
    request = urllib.request.Request(server.http("/dbs/d"), data=body.encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    answer = {}

    def call():
        with urllib.request.urlopen(request, timeout=60) as response:
            answer["status"], answer["body"] = response.status, json.loads(response.read())
        answer["at"] = time.time()

    import threading
    caller = threading.Thread(target=call)
    caller.start()
    time.sleep(0.3)  # the LOAD DATA runs for a few seconds on this machine
    server.process.send_signal(signal.SIGTERM)
    signalled = time.time()
    caller.join(60)
    assert server.process.wait(60) == 0
    assert answer.get("status") == 200 and answer["body"]["code"] == 0, answer
    assert answer["at"] > signalled, "the LOAD DATA finished before SIGTERM: the test needs more rows"
    assert query_stopped(data, "SELECT count(*) AS n FROM t") == [[rows]]


def test_health_endpoint(server):
    with urllib.request.urlopen(server.http("/health"), timeout=10) as response:
        assert response.status == 200
        assert json.loads(response.read())["status"] == "ok"


def test_wire_fuzz_keeps_serving_other_clients(server):
    seed = int(os.environ.get("TIDE_FUZZ_SEED", "1234"))
    connections = int(os.environ.get("TIDE_FUZZ_CONNECTIONS", "300"))
    with psycopg.connect(server.dsn(), autocommit=True) as good:
        wirefuzz.prepare(good)

        def control(i):
            assert good.execute("SELECT %s AS x", (i,)).fetchone() == (i,)

        sent = wirefuzz.run(server.pg_port, connections, 20, seed, control=control)
        assert sent > connections  # most connections got past the first message
        assert good.execute("SELECT 7 AS x").fetchone() == (7,)
    assert server.process.poll() is None, "the server died"


def test_config_file_and_environment(tmp_path):
    from conftest import free_port
    pg_port, http_port = free_port(), free_port()
    config = tmp_path / "tide.conf"
    config.write_text("# TideDB settings\ndata = %s\npg_port = %d\nstatement_timeout_ms = 60000\n"
                      % (tmp_path / "data", pg_port))
    process = subprocess.Popen([tide_binary(), "serve", "--config", str(config)],
                               env={**os.environ, "TIDE_HTTP_PORT": str(http_port)},
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = process.stdout.readline()
        assert "PostgreSQL on 127.0.0.1:%d" % pg_port in line and "HTTP on 127.0.0.1:%d" % http_port in line, line
        with psycopg.connect("postgresql://root@127.0.0.1:%d/" % pg_port, autocommit=True) as c:
            rows = dict(c.execute("SHOW VARIABLES").fetchall())
            assert rows.get("statement_timeout_ms") == "60000"
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    bad = tmp_path / "bad.conf"
    bad.write_text("pg_prot = 1\n")
    r = subprocess.run([tide_binary(), "serve", "--config", str(bad)], capture_output=True, text=True, timeout=30)
    assert r.returncode == 2
    assert 'unknown setting "pg_prot"' in r.stderr


def test_read_only_server_beside_a_writing_one(tmp_path):
    """`tide serve --read-only` opens a directory another server holds, answers queries as of
    its opening, and refuses writes with 25006 while the writer keeps working."""
    data = str(tmp_path / "data")
    writer = Server(data)
    try:
        with psycopg.connect(writer.dsn(), autocommit=True) as c:
            c.execute("CREATE DATABASE d")
            c.execute("USE d")
            c.execute("CREATE TABLE t (id bigint, k string, ts timestamp, INDEX(KEY=k, TS=ts))")
            c.execute("INSERT INTO t VALUES (1, 'a', 1000), (2, 'b', 2000)")
        reader = Server(data, extra_args=["--read-only"], log_name="serve-ro.log")
        try:
            with psycopg.connect(reader.dsn(), autocommit=True) as c:
                c.execute("USE d")
                assert sorted(r[0] for r in c.execute("SELECT id FROM t").fetchall()) == [1, 2]
                with pytest.raises(psycopg.Error) as error:
                    c.execute("INSERT INTO t VALUES (3, 'c', 3000)")
                assert error.value.sqlstate == "25006"
            with psycopg.connect(writer.dsn(), autocommit=True) as c:
                c.execute("USE d")
                c.execute("INSERT INTO t VALUES (3, 'c', 3000)")
                assert len(c.execute("SELECT id FROM t").fetchall()) == 3
        finally:
            assert reader.stop(signal.SIGTERM) == 0
    finally:
        writer.stop()
