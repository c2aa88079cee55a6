"""Kafka sinks against a real broker (tansu) and a real `tide serve`: every row a source stores
into a deployment's table gets one message with the deployment's features, equal to the
request-mode answer for that row as it arrived; a restart (also kill -9) neither skips nor
repeats a row."""
import json
import os
import random
import tempfile
import threading
import time

import psycopg
import pytest

from conftest import Server
from kafka import connector_status, wait_for

DEPLOYMENT = (
    "DEPLOY feats SELECT id, card, sum(amt) OVER w AS spend_10s, count(amt) OVER w AS n_10s, "
    "max(amt) OVER w3 AS max_3, lag(amt, 1) OVER w3 AS prev_amt FROM t "
    "WINDOW w AS (PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 10s PRECEDING AND CURRENT ROW), "
    "w3 AS (PARTITION BY card ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)")




def run(server, db, *statements):
    with psycopg.connect(server.dsn(db), autocommit=True) as conn:
        out = None
        for s in statements:
            cur = conn.execute(s)
            out = cur.fetchall() if cur.description else None
        return out


def create_schema(server, db):
    with psycopg.connect(server.dsn(""), autocommit=True) as conn:
        conn.execute("CREATE DATABASE %s" % db)
    run(server, db, "CREATE TABLE t (id bigint, card string, amt double, ts timestamp, INDEX(KEY=card, TS=ts))",
        DEPLOYMENT)


def events(count, seed):
    """Events with repeated cards, ties and out-of-order times."""
    rng = random.Random(seed)
    ts = 1_700_000_000_000
    out = []
    for i in range(count):
        ts += rng.choice([0, 200, 700, 1500, 4000])
        jitter = rng.choice([0, 0, 0, -3000, -12000])
        out.append({"id": i, "card": "c%d" % rng.randrange(15), "amt": round(rng.uniform(1, 100), 2),
                    "ts": ts + jitter})
    return out


def test_sink_publishes_each_rows_request_answer(fresh_server, broker):
    broker.create_topic("events", partitions=1)
    broker.create_topic("features", partitions=3)
    create_schema(fresh_server, "d")
    b = broker.bootstrap
    run(fresh_server, "d",
        "CREATE KAFKA SINK f FROM DEPLOYMENT feats OPTIONS (brokers='%s', topic='features', key='card')" % b,
        "CREATE KAFKA SOURCE s INTO TABLE t OPTIONS (brokers='%s', topic='events', batch_rows=300)" % b)
    produced = events(2000, seed=5)
    producer = broker.producer()
    for e in produced:
        producer.produce("events", value=json.dumps(e), partition=0)
    producer.flush(10)
    wait_for(lambda: (s := sink_status(fresh_server, "f")) and int(s["Messages_published"]) == len(produced),
             what="every row's features")
    status = sink_status(fresh_server, "f")
    assert status["State"] == "running" and int(status["Messages_failed"]) == 0
    assert "(lag 0)" in status["Partitions"]
    messages = broker.consume_all("features", len(produced))
    assert len(messages) == len(produced)
    by_id = {}
    partition_of_card = {}
    for m in messages:
        body = json.loads(m.value())
        assert m.key().decode() == body["card"]
        assert partition_of_card.setdefault(body["card"], m.partition()) == m.partition()
        assert body["id"] not in by_id
        by_id[body["id"]] = body
    # The request-mode answer for each event as it arrived: replay the same events into a
    # second database, asking the deployment before storing each row.
    create_schema(fresh_server, "replay")
    with psycopg.connect(fresh_server.dsn("replay"), autocommit=True) as conn:
        for e in produced:
            cur = conn.execute("EXECUTE DEPLOYMENT feats VALUES (%s, %s, %s, %s)",
                               (e["id"], e["card"], e["amt"], e["ts"]))
            names = [d.name for d in cur.description]
            expected = dict(zip(names, cur.fetchone()))
            got = by_id[e["id"]]
            assert set(got) == set(expected)
            for name, value in expected.items():
                if isinstance(value, float):
                    assert got[name] == pytest.approx(value, rel=1e-12, abs=1e-9), (e, name)
                else:
                    assert got[name] == value, (e, name)
            conn.execute("INSERT INTO t VALUES (%s, %s, %s, %s)", (e["id"], e["card"], e["amt"], e["ts"]))
    # Rows stored by INSERT are history the features read, not events: the sink publishes
    # only what the source ingested.
    with psycopg.connect(fresh_server.dsn("d"), autocommit=True) as conn:
        for i in range(3):
            conn.execute("INSERT INTO t VALUES (%s, %s, %s, %s)", (900_000 + i, "c1", 1.0, produced[-1]["ts"] + i))
    later = [dict(e, id=950_000 + n, ts=produced[-1]["ts"] + 100 + n) for n, e in enumerate(produced[:10])]
    for e in later:
        producer.produce("events", value=json.dumps(e), partition=0)
    producer.flush(10)
    wait_for(lambda: int(sink_status(fresh_server, "f")["Messages_published"]) == len(produced) + len(later),
             what="the later events' features")
    time.sleep(1)
    assert int(sink_status(fresh_server, "f")["Messages_published"]) == len(produced) + len(later)
    all_ids = {json.loads(m.value())["id"] for m in broker.consume_all("features", len(produced) + len(later))}
    assert {e["id"] for e in later} <= all_ids
    assert not any(900_000 <= i < 900_003 for i in all_ids)
    # Within a card (one partition), messages come in arrival order.
    order = {}
    for m in messages:
        body = json.loads(m.value())
        order.setdefault(body["card"], []).append(body["id"])
    for ids in order.values():
        assert ids == sorted(ids)
    # A deployment a sink publishes cannot be dropped.
    with pytest.raises(psycopg.errors.DependentObjectsStillExist):
        run(fresh_server, "d", "DROP DEPLOYMENT feats")
    run(fresh_server, "d", "DROP SINK f", "DROP SOURCE s", "DROP DEPLOYMENT feats")


def test_sink_refuses_bad_options(fresh_server, broker):
    create_schema(fresh_server, "d")
    b = broker.bootstrap
    for statement, error in [
        ("CREATE KAFKA SINK x FROM DEPLOYMENT nope OPTIONS (brokers='%s', topic='f')" % b,
         psycopg.errors.UndefinedObject),
        ("CREATE KAFKA SINK x FROM DEPLOYMENT feats OPTIONS (brokers='%s')" % b, psycopg.errors.InvalidParameterValue),
        ("CREATE KAFKA SINK x FROM DEPLOYMENT feats OPTIONS (brokers='%s', topic='f', key='nope')" % b,
         psycopg.errors.UndefinedColumn),
        ("CREATE KAFKA SINK x FROM DEPLOYMENT feats OPTIONS (brokers='%s', topic='f', format='avro')" % b,
         psycopg.errors.InvalidParameterValue),
    ]:
        with pytest.raises(error):
            run(fresh_server, "d", statement)
    assert run(fresh_server, "d", "SHOW SINKS") == []


def test_sink_neither_skips_nor_repeats_across_kill_9(broker):
    broker.create_topic("events_k", partitions=1)
    broker.create_topic("features_k", partitions=4)
    rng = random.Random(99)
    produced = events(6000, seed=8)
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        server = Server(data)
        create_schema(server, "d")
        b = broker.bootstrap
        run(server, "d",
            "CREATE KAFKA SINK f FROM DEPLOYMENT feats OPTIONS (brokers='%s', topic='features_k', key='card', "
            "batch_rows=200)" % b,
            "CREATE KAFKA SOURCE s INTO TABLE t OPTIONS (brokers='%s', topic='events_k', batch_rows=200)" % b)
        sent = 0
        for run_number in range(5):
            chunk = produced[sent:sent + 1200]

            def produce(chunk=chunk):
                producer = broker.producer()
                for n, e in enumerate(chunk):
                    producer.produce("events_k", value=json.dumps(e), partition=0)
                    if n % 100 == 0:
                        producer.poll(0)
                        time.sleep(0.005)
                producer.flush(30)

            writer = threading.Thread(target=produce)
            writer.start()
            time.sleep(rng.uniform(0.1, 0.6))
            server.stop(sig=9)
            writer.join()
            sent += len(chunk)
            server = Server(data)
            wait_for(lambda: run(server, "d", "SELECT count(*) FROM t")[0][0] == sent,
                     what="the source to catch up in run %d" % run_number)
        status = wait_for(lambda: (s := sink_status(server, "f")) and s["State"] == "running"
                          and s["Partitions"].endswith("(lag 0)") and s,
                          what="the sink to catch up")
        assert int(status["Messages_failed"]) == 0
        assert server.stop() == 0
    # One more than produced: a duplicate would show; the wait for it is short.
    messages = broker.consume_all("features_k", len(produced) + 1, timeout=5)
    ids = [json.loads(m.value())["id"] for m in messages]
    assert len(ids) == len(set(ids)), "a row was published twice"
    assert sorted(ids) == list(range(len(produced))), "a row was skipped"


def sink_status(server, name):
    return connector_status(server.dsn("d"), "sink", name)
