"""psql, JDBC and SQLAlchemy against a real `tide serve`."""
import os
import pathlib
import subprocess

import pytest

HERE = pathlib.Path(__file__).resolve().parent
JDBC_JAR = "/usr/share/java/postgresql.jar"


def psql(server, db, command):
    result = subprocess.run(
        ["psql", "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(server.pg_port), "-U", "root",
         "-d", db, "-c", command],
        capture_output=True, text=True, timeout=30, env={**os.environ, "PGCONNECT_TIMEOUT": "10"})
    return result


@pytest.fixture(scope="module")
def demo(server):
    import psycopg
    with psycopg.connect(server.dsn(), autocommit=True) as c:
        c.execute("CREATE DATABASE IF NOT EXISTS demo")
        c.execute("USE demo")
        c.execute("CREATE TABLE IF NOT EXISTS t (id bigint, card string NOT NULL, amount double, ts timestamp, "
                  "INDEX(KEY=card, TS=ts))")
        c.execute("CREATE TABLE IF NOT EXISTS profile (card string, level int, ts timestamp, INDEX(KEY=card, TS=ts))")
    return "demo"


def test_psql_list_tables(server, demo):
    r = psql(server, demo, r"\dt")
    assert r.returncode == 0, r.stderr
    assert "public | t " in r.stdout or "public | t" in r.stdout
    assert "profile" in r.stdout


def test_psql_describe_table(server, demo):
    r = psql(server, demo, r"\d t")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert any(l.split("|")[0].strip() == "card" and "text" in l and "not null" in l for l in lines), r.stdout
    assert any(l.split("|")[0].strip() == "amount" and "double precision" in l for l in lines), r.stdout
    assert any(l.split("|")[0].strip() == "ts" and "timestamp without time zone" in l for l in lines), r.stdout


def test_psql_list_databases(server, demo):
    r = psql(server, demo, r"\l")
    assert r.returncode == 0, r.stderr
    assert " demo " in r.stdout


def test_psql_query_and_error(server, demo):
    r = psql(server, demo, "INSERT INTO t VALUES (1, 'c', 2.5, 1000); SELECT id, amount FROM t")
    assert r.returncode == 0, r.stderr
    assert "2.5" in r.stdout and "(1 row)" in r.stdout
    r = psql(server, demo, "SELECT nosuch FROM t")
    assert r.returncode != 0
    assert 'column "nosuch" does not exist' in r.stderr
    assert "^" in r.stderr  # psql draws a caret under the position the server reported


def test_jdbc_program(server, tmp_path):
    if not os.path.exists(JDBC_JAR):
        pytest.fail("libpostgresql-jdbc-java is not installed (%s missing)" % JDBC_JAR)
    url = "jdbc:postgresql://127.0.0.1:%d/" % server.pg_port
    r = subprocess.run(["java", "-cp", JDBC_JAR, str(HERE / "jdbc" / "JdbcProbe.java"), url],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_sqlalchemy_inspect(server, demo):
    import sqlalchemy
    engine = sqlalchemy.create_engine("postgresql+psycopg://root@127.0.0.1:%d/%s" % (server.pg_port, demo))
    try:
        inspector = sqlalchemy.inspect(engine)
        assert sorted(inspector.get_table_names()) == ["profile", "t"]
        columns = {c["name"]: c for c in inspector.get_columns("t")}
        assert list(columns) == ["id", "card", "amount", "ts"]
        assert isinstance(columns["id"]["type"], sqlalchemy.BigInteger)
        assert isinstance(columns["amount"]["type"], sqlalchemy.Float)
        assert isinstance(columns["ts"]["type"], sqlalchemy.TIMESTAMP)
        assert columns["card"]["nullable"] is False and columns["amount"]["nullable"] is True
        with engine.connect() as c:
            assert c.execute(sqlalchemy.text("SELECT count(id) AS n FROM t")).scalar() >= 0
    finally:
        engine.dispose()
