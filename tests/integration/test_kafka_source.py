"""Kafka sources against a real broker (tansu) and a real `tide serve`: JSON and CSV ingest,
bad messages counted and dead-lettered, STOP/START/DROP, resuming after a restart, a broker
that goes away and comes back, and exactly-once ingest across kill -9."""
import json
import os
import random
import tempfile
import threading
import time
import urllib.request

import psycopg
import pytest

from conftest import Server
from kafka import connector_status, wait_for




def sql(server, *statements, db="d"):
    with psycopg.connect(server.dsn(db), autocommit=True) as conn:
        out = None
        for s in statements:
            cur = conn.execute(s)
            out = cur.fetchall() if cur.description else None
        return out


def setup_table(server, table="t"):
    with psycopg.connect(server.dsn(""), autocommit=True) as conn:
        conn.execute("CREATE DATABASE IF NOT EXISTS d")
    sql(server, "CREATE TABLE %s (id int, card string, amt double, ts timestamp, "
                "INDEX(KEY=card, TS=ts), INDEX(KEY=id, TS=ts))" % table)


def count(server, table="t"):
    return sql(server, "SELECT count(*) FROM %s" % table)[0][0]


def good_message(i):
    return json.dumps({"id": i, "card": "c%d" % (i % 7), "amt": i * 0.5, "ts": 1_700_000_000_000 + i})


MALFORMED = [
    '{"id": 1, "card": ',                                     # truncated JSON
    '{"id": "abc", "card": "x", "amt": 1, "ts": 1}',          # not a number
    '{"id": 2147483648, "card": "x", "amt": 1, "ts": 1}',     # out of range for int
    '{"id": 3, "card": "x", "amt": 1}',                       # no index time
    '{"id": 4, "card": {"n": 1}, "amt": 1, "ts": 1}',         # nested object
    'not json at all',
]


def test_json_source_ingests_good_rows_and_dead_letters_bad_ones(fresh_server, broker):
    broker.create_topic("tx_json", partitions=3)
    setup_table(fresh_server)
    sql(fresh_server, "CREATE KAFKA SOURCE tx INTO TABLE t OPTIONS (brokers='%s', topic='tx_json', "
                      "dead_letter_topic='tx_dlq', batch_rows=100)" % broker.bootstrap)
    producer = broker.producer()
    produced, bad = 0, []
    for i in range(3000):
        if i % 100 == 37:
            value = MALFORMED[len(bad) % len(MALFORMED)]
            bad.append(value)
        else:
            value = good_message(i)
        producer.produce("tx_json", key=str(i), value=value, partition=i % 3)
        produced += 1
    producer.flush(10)
    status = wait_for(lambda: (s := source_status(fresh_server, "tx"))
                      and int(s["Rows_ingested"]) + int(s["Rows_rejected"]) == produced and s,
                      what="every message to be ingested or rejected")
    # Good rows + rejected rows = produced messages; nothing lost, nothing twice.
    assert int(status["Rows_rejected"]) == len(bad) == 30
    assert int(status["Rows_ingested"]) == produced - len(bad)
    assert count(fresh_server) == produced - len(bad)
    assert sql(fresh_server, "SELECT count(distinct id) FROM t")[0][0] == produced - len(bad)
    assert status["State"] == "running"
    assert "lag 0" in status["Partitions"]
    assert status["Last_error"] != ""
    assert status["Freshness_ms"] != ""
    # Values arrive typed and exact.
    row = sql(fresh_server, "SELECT id, card, amt, ts FROM t WHERE id = 10")[0]
    assert row[0] == 10 and row[1] == "c3" and row[2] == 5.0
    assert int(row[3].timestamp() * 1000) == 1_700_000_000_010
    # Every bad message is in the dead-letter topic with the reason in a header.
    letters = broker.consume_all("tx_dlq", len(bad))
    assert sorted(m.value().decode() for m in letters) == sorted(bad)
    for m in letters:
        headers = dict(m.headers())
        assert headers["tide-error"].decode() != ""
        assert headers["tide-source"] == b"tx"
        assert int(headers["tide-offset"]) >= 0
    # /metrics reports the counts and the latest reason too.
    metrics = urllib.request.urlopen(fresh_server.http("/metrics"), timeout=10).read().decode()
    assert 'tide_source_rows_rejected{source="tx"} 30' in metrics
    assert 'tide_source_rows_ingested{source="tx"} %d' % (produced - len(bad)) in metrics
    assert 'tide_source_lag_messages{source="tx"} 0' in metrics
    assert 'tide_source_last_rejection_info{source="tx",reason="' in metrics
    reasons = {dict(m.headers())["tide-error"].decode() for m in letters}
    assert any("out of range" in r for r in reasons), reasons
    assert any("malformed JSON" in r for r in reasons), reasons


def test_csv_source_with_a_column_list(fresh_server, broker):
    broker.create_topic("tx_csv", partitions=1)
    setup_table(fresh_server)
    sql(fresh_server, "CREATE KAFKA SOURCE c INTO TABLE t OPTIONS (brokers='%s', topic='tx_csv', "
                      "format='csv', columns='ts,id,card')" % broker.bootstrap)
    producer = broker.producer()
    producer.produce("tx_csv", value='1700000000000,1,"a,b"')
    producer.produce("tx_csv", value="2024-01-02 03:04:05,2,plain\n")
    producer.produce("tx_csv", value="1700000000000,3")  # too few fields
    producer.flush(10)
    wait_for(lambda: (s := source_status(fresh_server, "c")) and int(s["Rows_ingested"]) == 2
             and int(s["Rows_rejected"]) == 1, what="csv rows")
    rows = sql(fresh_server, "SELECT id, card, amt FROM t ORDER BY id")
    assert rows == [(1, "a,b", None), (2, "plain", None)]
    assert "2 fields" in source_status(fresh_server, "c")["Last_error"]


def test_stop_start_drop_and_resume_after_restart(broker):
    broker.create_topic("tx_life", partitions=2)
    producer = broker.producer()
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        server = Server(data)
        try:
            setup_table(server)
            sql(server, "CREATE KAFKA SOURCE life INTO TABLE t OPTIONS (brokers='%s', topic='tx_life')"
                % broker.bootstrap)
            for i in range(100):
                producer.produce("tx_life", value=good_message(i), partition=i % 2)
            producer.flush(10)
            wait_for(lambda: count(server) == 100, what="first 100 rows")
            sql(server, "STOP SOURCE life")
            assert source_status(server, "life")["State"] == "stopped"
            for i in range(100, 150):
                producer.produce("tx_life", value=good_message(i), partition=i % 2)
            producer.flush(10)
            time.sleep(1)
            assert count(server) == 100  # stopped: nothing read
            sql(server, "START SOURCE life")
            wait_for(lambda: count(server) == 150, what="rows after START")
        finally:
            assert server.stop() == 0
        # A new process on the same directory resumes the running source where it stopped.
        for i in range(150, 200):
            producer.produce("tx_life", value=good_message(i), partition=i % 2)
        producer.flush(10)
        server = Server(data)
        try:
            wait_for(lambda: count(server) == 200, what="rows after restart")
            time.sleep(0.5)
            assert count(server) == 200
            assert sql(server, "SELECT count(distinct id) FROM t")[0][0] == 200
            # A table a source writes cannot be dropped.
            with pytest.raises(psycopg.errors.DependentObjectsStillExist):
                sql(server, "DROP TABLE t")
            sql(server, "DROP SOURCE life")
            assert source_status(server, "life") is None
            sql(server, "DROP TABLE t")
        finally:
            assert server.stop() == 0


def test_bad_statements_are_refused(fresh_server, broker):
    setup_table(fresh_server)
    b = broker.bootstrap
    cases = [
        ("CREATE KAFKA SOURCE x INTO TABLE t OPTIONS (brokers='%s')" % b, psycopg.errors.InvalidParameterValue),
        ("CREATE KAFKA SOURCE x INTO TABLE t OPTIONS (brokers='%s', topic='a', colour='red')" % b,
         psycopg.errors.InvalidParameterValue),
        ("CREATE KAFKA SOURCE x INTO TABLE t OPTIONS (brokers='%s', topic='a', format='xml')" % b,
         psycopg.errors.InvalidParameterValue),
        ("CREATE KAFKA SOURCE x INTO TABLE t OPTIONS (brokers='%s', topic='a', columns='id,nope')" % b,
         psycopg.errors.UndefinedColumn),
        ("CREATE KAFKA SOURCE x INTO TABLE missing OPTIONS (brokers='%s', topic='a')" % b,
         psycopg.errors.UndefinedTable),
        ("START SOURCE nothing", psycopg.errors.UndefinedObject),
        ("DROP SOURCE nothing", psycopg.errors.UndefinedObject),
    ]
    for statement, error in cases:
        with pytest.raises(error):
            sql(fresh_server, statement)
    assert sql(fresh_server, "SHOW SOURCES") == []
    sql(fresh_server, "DROP SOURCE IF EXISTS nothing")
    sql(fresh_server, "CREATE KAFKA SOURCE x INTO TABLE t OPTIONS (brokers='%s', topic='a')" % b)
    with pytest.raises(psycopg.errors.DuplicateObject):
        sql(fresh_server, "CREATE KAFKA SOURCE x INTO TABLE t OPTIONS (brokers='%s', topic='a')" % b)
    sql(fresh_server, "CREATE KAFKA SOURCE IF NOT EXISTS x INTO TABLE t OPTIONS (brokers='%s', topic='a')" % b)
    # A topic that does not exist is reported, not fatal.
    status = wait_for(lambda: (s := source_status(fresh_server, "x")) and s["Last_error"] and s,
                      what="the missing topic to be reported")
    assert status["State"] == "retrying"
    sql(fresh_server, "DROP SOURCE x")


def test_broker_outage_is_reported_and_ingest_resumes(fresh_server, broker):
    broker.create_topic("tx_outage", partitions=2)
    setup_table(fresh_server)
    sql(fresh_server, "CREATE KAFKA SOURCE o INTO TABLE t OPTIONS (brokers='%s', topic='tx_outage')"
        % broker.bootstrap)
    producer = broker.producer()
    for i in range(200):
        producer.produce("tx_outage", value=good_message(i), partition=i % 2)
    producer.flush(10)
    wait_for(lambda: count(fresh_server) == 200, what="rows before the outage")
    broker.proxy.cut()
    try:
        status = wait_for(lambda: (s := source_status(fresh_server, "o")) and s["State"] == "retrying" and s,
                          timeout=60, what="the outage to be reported")
        assert status["Last_error"] != ""
    finally:
        broker.proxy.restore()
    producer = broker.producer()
    for i in range(200, 400):
        producer.produce("tx_outage", value=good_message(i), partition=i % 2)
    producer.flush(30)
    wait_for(lambda: count(fresh_server) == 400, timeout=60, what="rows after the outage")
    assert sql(fresh_server, "SELECT count(distinct id) FROM t")[0][0] == 400
    wait_for(lambda: source_status(fresh_server, "o")["State"] == "running", what="running again")


def test_kill_9_mid_stream_ingests_every_message_exactly_once(broker):
    """20 runs: a producer streams messages while `tide serve` is killed with SIGKILL at a
    random moment and restarted; afterwards the table holds every message exactly once."""
    rng = random.Random(20261205)
    broker.create_topic("tx_kill", partitions=3)
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        server = Server(data)
        setup_table(server)
        sql(server, "CREATE KAFKA SOURCE k INTO TABLE t OPTIONS (brokers='%s', topic='tx_kill', batch_rows=200)"
            % broker.bootstrap)
        produced = 0
        for run in range(20):
            batch = 1500
            first = produced

            def produce():
                producer = broker.producer()
                for i in range(first, first + batch):
                    producer.produce("tx_kill", value=good_message(i), partition=i % 3)
                    if i % 100 == 0:
                        producer.poll(0)
                        time.sleep(0.002)
                producer.flush(30)

            writer = threading.Thread(target=produce)
            writer.start()
            time.sleep(rng.uniform(0.05, 0.6))
            server.stop(sig=9)
            writer.join()
            produced += batch
            server = Server(data)
            wait_for(lambda: count(server) >= produced, timeout=60, what="run %d to catch up" % run)
            total, distinct = sql(server, "SELECT count(*), count(distinct id) FROM t")[0]
            assert (total, distinct) == (produced, produced), "run %d" % run
        assert server.stop() == 0


def source_status(server, name):
    return connector_status(server.dsn("d"), "source", name)
