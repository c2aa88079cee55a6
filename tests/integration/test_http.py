"""The HTTP API of a real `tide serve`, called with curl as OpenMLDB REST users do."""
import json
import subprocess

import psycopg
import pytest


def curl(*args):
    r = subprocess.run(["curl", "-sS", "--max-time", "20", *args], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def shop(server):
    with psycopg.connect(server.dsn(), autocommit=True) as c:
        c.execute("CREATE DATABASE IF NOT EXISTS httpshop")
        c.execute("USE httpshop")
        c.execute("CREATE TABLE txn (id bigint, card string, amount double, ts timestamp, INDEX(KEY=card, TS=ts))")
        c.execute("INSERT INTO txn VALUES (1, 'c1', 10.0, 1000), (2, 'c1', 25.0, 61000)")
        c.execute("DEPLOY spend SELECT id, sum(amount) OVER w AS spend_1h FROM txn WINDOW w AS "
                  "(PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 1h PRECEDING AND CURRENT ROW)")
    return "httpshop"


def test_execute_deployment_with_curl(server, shop):
    out = json.loads(curl("-X", "POST", server.http("/dbs/%s/deployments/spend" % shop),
                          "-d", '{"input": [[3, "c1", 5.0, 120000]], "need_schema": true}'))
    assert out["code"] == 0 and out["msg"] == "ok"
    assert out["data"]["data"] == [[3, 40.0]]
    assert out["data"]["schema"] == [{"name": "id", "type": "int64"}, {"name": "spend_1h", "type": "double"}]
    obj = json.loads(curl("-X", "POST", server.http("/dbs/%s/deployments/spend" % shop),
                          "-d", '{"input": [{"id": 4, "card": "c9", "amount": 1.5, "ts": 5}]}'))
    assert obj["data"]["data"] == [{"id": 4, "spend_1h": 1.5}]


def test_put_then_features_see_the_row(server, shop):
    put = json.loads(curl("-X", "PUT", server.http("/dbs/%s/tables/txn" % shop),
                          "-d", '{"value": [[5, "c1", 100.0, 119000]]}'))
    assert put == {"code": 0, "msg": "ok"}
    out = json.loads(curl("-X", "POST", server.http("/dbs/%s/deployments/spend" % shop),
                          "-d", '{"input": [[6, "c1", 1.0, 120000]]}'))
    assert out["data"]["data"] == [[6, 136.0]]


def test_errors_are_code_minus_one(server, shop):
    out = json.loads(curl("-X", "POST", server.http("/dbs/%s/deployments/nosuch" % shop), "-d", '{"input": [[1]]}'))
    assert out["code"] == -1 and "nosuch" in out["msg"]
    bad = json.loads(curl("-X", "POST", server.http("/dbs/%s/deployments/spend" % shop), "-d", '{"input": [[1,'))
    assert bad["code"] == -1


def test_metrics_count_requests(server, shop):
    curl("-X", "POST", server.http("/dbs/%s/deployments/spend" % shop), "-d", '{"input": [[7, "c2", 1.0, 9]]}')
    text = curl(server.http("/metrics"))
    lines = [l for l in text.splitlines() if l.startswith("tide_deployment_requests_total") and 'deployment="spend"' in l]
    assert lines and float(lines[0].rsplit(" ", 1)[1]) >= 1
    assert "tide_open_connections" in text and "tide_rocksdb_size_bytes" in text
    assert "tide_statements_total" in text
