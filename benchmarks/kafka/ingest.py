"""Kafka ingest benchmark (issue 9): TideDB's source rate next to a bare librdkafka consumer on
the same topic in the same run, then freshness (produce -> visible to a query through the
index) at half of TideDB's rate.

    bash scripts/build-release.sh tide
    python3 benchmarks/kafka/ingest.py --messages 1000000

Starts its own tansu broker (in-memory) and `tide serve` on a scratch data directory. The
table is `transactions` of ../shared/bench/features.sql (two indexes, both written)."""
import argparse
import json
import os
import pathlib
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import psycopg

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "integration"))
from conftest import Server  # noqa: E402
from kafka import Broker, connector_status  # noqa: E402

SHARED = ROOT.parent / "shared" / "bench" / "features.sql"
sys.path.insert(0, str(SHARED.parent))


def transactions_ddl():
    text = SHARED.read_text()
    match = re.search(r"CREATE TABLE transactions \(.*?\);", text, re.S)
    return match.group(0)


def message(i, rng, ts):
    return json.dumps({
        "txn_id": i, "user_id": "u%d" % rng.randrange(100_000), "merchant_id": "m%d" % rng.randrange(5_000),
        "category": "cat%d" % rng.randrange(20), "amount": round(rng.uniform(1, 500), 2), "ts": ts,
    })


def produce(broker, topic, count, partitions):
    rng = random.Random(7)
    producer = broker.producer()
    base = 1_700_000_000_000
    for i in range(count):
        while True:
            try:
                producer.produce(topic, value=message(i, rng, base + i), partition=i % partitions)
                break
            except BufferError:
                producer.poll(0.05)
        if i % 10_000 == 0:
            producer.poll(0)
    producer.flush(120)


def c_program(name):
    """Compiles benchmarks/kafka/<name>.c against librdkafka; returns the binary and the
    environment that loads librdkafka 2.16 (beside `tide`) at run time."""
    binary = pathlib.Path(tempfile.gettempdir()) / ("tide_" + name)
    subprocess.run(["cc", "-O2", "-o", str(binary), str(pathlib.Path(__file__).with_name(name + ".c")), "-lrdkafka"],
                   check=True)
    return str(binary), dict(os.environ, LD_LIBRARY_PATH=str(ROOT / ".build" / "release"))


def bare_consumer(broker, topic, count):
    binary, env = c_program("bare_consumer")
    out = subprocess.run([binary, broker.bootstrap, topic, str(count)], check=True, capture_output=True,
                         text=True, env=env).stdout
    return json.loads(out)


def tide_ingest(server, broker, topic, count, batch_rows, on_done=None):
    with psycopg.connect(server.dsn(""), autocommit=True) as conn:
        conn.execute("CREATE DATABASE bench")
    with psycopg.connect(server.dsn("bench"), autocommit=True) as conn:
        conn.execute(transactions_ddl())
        started = time.time()
        conn.execute("CREATE KAFKA SOURCE tx INTO TABLE transactions OPTIONS (brokers='%s', topic='%s', "
                     "batch_rows=%d)" % (broker.bootstrap, topic, batch_rows))
        first = None
        while True:
            status = connector_status(server.dsn("bench"), "source", "tx")
            done = int(status["Rows_ingested"]) + int(status["Rows_rejected"])
            if done > 0 and first is None:
                first = (time.time(), done)
            if done >= count:
                break
            time.sleep(0.05)
        finished = time.time()
        if on_done:
            on_done()
        assert int(status["Rows_rejected"]) == 0, status
        stored = conn.execute("SELECT count(*) FROM transactions").fetchone()[0]
        assert stored == count, (stored, count)
    return {
        "rows": count, "seconds": finished - started, "rate": count / (finished - started),
        "steady_rate": (count - first[1]) / max(1e-9, finished - first[0]),
    }


def thread_cpu(pid):
    """CPU seconds used so far by each thread of process `pid`, by thread name."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        used[(tid, name)] = (int(fields[11]) + int(fields[12])) / tick
    return used


def print_thread_cpu(before, after, rows):
    """The threads that used CPU between two `thread_cpu` samples, in µs per ingested row."""
    for key in sorted(after, key=lambda k: before.get(k, 0) - after[k]):
        spent = after[key] - before.get(key, 0)
        if spent >= 0.05:
            print("  thread %-20s %6.2f s = %.2f us/row" % (key[1], spent, spent * 1e6 / rows), flush=True)


def freshness(server, broker, topic, partitions, rate, seconds, check_all=False, timeline=None):
    """Produces at `rate` for `seconds` (`paced_producer.c`); every 20 ms a probe row with its
    own user_id, whose visibility (a query reading the user index) is timed from its send time.
    With `server` None, the probes are timed until a bare consumer of the topic sees them
    instead: the broker's own floor."""
    if server is not None:
        with psycopg.connect(server.dsn("bench"), autocommit=True) as conn:
            conn.execute("CREATE KAFKA SOURCE %s INTO TABLE transactions OPTIONS (brokers='%s', topic='%s')"
                         % (topic, broker.bootstrap, topic))
    pending = {}
    lock = threading.Lock()
    latencies = []
    stop = threading.Event()

    def check_bare():
        from confluent_kafka import Consumer, TopicPartition
        consumer = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "floor", "enable.auto.commit": False,
                             "fetch.wait.max.ms": 10})
        consumer.assign([TopicPartition(topic, p, 0) for p in range(partitions)])
        while not stop.is_set() or pending:
            m = consumer.poll(0.01)
            if m is None or m.error():
                continue
            value = m.value()
            if value.startswith(b'{"txn_id": -'):  # probes
                probe = json.loads(value)["user_id"]
                with lock:
                    sent = pending.pop(probe, None)
                if sent is not None:
                    latencies.append((time.time() - sent[0], sent[0]))
        consumer.close()

    def check():
        if server is None:
            return check_bare()
        with psycopg.connect(server.dsn("bench"), autocommit=True) as conn:
            while not stop.is_set() or pending:
                with lock:
                    items = list(pending.items())
                if not items:
                    time.sleep(0.0005)
                    continue
                # One look per 2 ms: finer than the goal (100 ms) needs. A partition's rows become
                # visible in offset order (each batch is one atomic write), so a probe cannot be
                # seen before the older probes of its partition: each look asks only about the
                # oldest waiting probe of each partition, and about the next one once that is
                # seen. Asking about every waiting probe (`--check-all`) costs the server a query
                # per probe per look, which grows with the very delay it measures.
                time.sleep(0.002)
                blocked = set()
                for probe, (t0, partition) in items:
                    if partition in blocked:
                        continue
                    seen = conn.execute("SELECT count(*) FROM transactions WHERE user_id = %s",
                                        (probe,)).fetchone()[0]
                    if seen:
                        latencies.append((time.time() - t0, t0))
                        with lock:
                            del pending[probe]
                    elif not check_all:
                        blocked.add(partition)

    checker = threading.Thread(target=check)
    checker.start()
    # Warm-up: one probe per partition, timed by nobody, until it is seen: the source has
    # assigned its partitions and fetched by then (its first ~0.5-1 s are not steady state).
    warm = broker.producer()
    for partition in range(partitions):
        probe = "warmup_%s_%d" % (topic, partition)
        with lock:
            pending[probe] = (time.time(), partition)
        warm.produce(topic, value=json.dumps({"txn_id": -1_000_000 - partition, "user_id": probe, "merchant_id": "m",
                                              "category": "c", "amount": 1.0, "ts": int(time.time() * 1000)}),
                     partition=partition)
    warm.flush(30)
    deadline = time.time() + 30
    while pending and time.time() < deadline:
        time.sleep(0.01)
    latencies.clear()
    binary, env = c_program("paced_producer")
    producer = subprocess.Popen([binary, broker.bootstrap, topic, str(partitions), str(rate), str(seconds)],
                                stdout=subprocess.PIPE, text=True, env=env)
    sent = 0
    for line in producer.stdout:
        name, value = line.split()
        if name == "done":
            sent = int(value)
            break
        with lock:
            pending[name] = (float(value), int(name.rsplit("_", 1)[1]) % partitions)
    producer.wait()
    stop.set()
    checker.join(timeout=60)
    if producer.returncode != 0:
        raise RuntimeError("paced_producer exited with %d" % producer.returncode)
    if timeline:
        with open(timeline, "a") as out:
            for latency, sent_at in sorted(latencies, key=lambda pair: pair[1]):
                out.write("%s %.6f %.3f\n" % (topic, sent_at, 1000 * latency))
    latencies = sorted(latency for latency, _ in latencies)
    return {
        "target_rate": rate, "achieved_rate": sent / seconds, "probes": len(latencies),
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
    }


def sink_rate(server, broker, partitions, count):
    """Deploys features.sql, attaches a sink, streams `count` new events through a source and
    times until the sink has published every event's features."""
    from tidebench_lib import Workload
    workload = Workload(str(SHARED))
    with psycopg.connect(server.dsn("bench"), autocommit=True) as conn:
        for table in ("refunds", "user_profile"):
            conn.execute(workload.ddl[table])
        conn.execute("DEPLOY feats " + workload.select)
        broker.create_topic("sink_in", partitions=partitions)
        broker.create_topic("sink_out", partitions=partitions)
        conn.execute("CREATE KAFKA SINK out FROM DEPLOYMENT feats OPTIONS (brokers='%s', topic='sink_out', "
                     "key='txn_id')" % broker.bootstrap)
        conn.execute("CREATE KAFKA SOURCE sink_in INTO TABLE transactions OPTIONS (brokers='%s', topic='sink_in')"
                     % broker.bootstrap)
        rng = random.Random(3)
        producer = broker.producer()
        base = 1_700_000_000_000 + 2_000_000
        start = time.time()
        for i in range(count):
            producer.produce("sink_in", value=message(20_000_000 + i, rng, base + i), partition=i % partitions)
            if i % 10_000 == 0:
                producer.poll(0)
        producer.flush(60)
        while True:
            status = connector_status(server.dsn("bench"), "sink", "out")
            if int(status["Messages_published"]) >= count:
                break
            time.sleep(0.1)
        elapsed = time.time() - start
        assert int(status["Messages_failed"]) == 0, status
    return {"messages": count, "seconds": elapsed, "rate": count / elapsed}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--batch-rows", type=int, default=32_768)
    parser.add_argument("--fresh-seconds", type=float, default=10)
    parser.add_argument("--fresh-rates", default="0.5",
                        help="comma-separated fractions of TideDB's measured rate to measure freshness at")
    parser.add_argument("--fresh-absolute", action="store_true",
                        help="--fresh-rates are messages/s, not fractions of TideDB's rate")
    parser.add_argument("--check-all", action="store_true",
                        help="freshness: ask about every waiting probe on each look (as before 2026-12-07)")
    parser.add_argument("--timeline", metavar="FILE",
                        help="append each probe's topic, send time (Unix s) and latency (ms) to FILE")
    parser.add_argument("--sink-messages", type=int, default=10_000)
    parser.add_argument("--proxied", action="store_true",
                        help="reach the broker through the tests' Python TCP proxy (as before 2026-12-05)")
    parser.add_argument("--tide", default=str(ROOT / ".build" / "release" / "tide"))
    parser.add_argument("--thread-cpu", action="store_true",
                        help="print the CPU each thread of tide serve used while ingesting the N rows")
    args = parser.parse_args()
    os.environ["TIDE_BIN"] = args.tide
    with tempfile.TemporaryDirectory() as tmp:
        broker = Broker(os.path.join(tmp, "tansu.log"), proxied=args.proxied)
        try:
            broker.create_topic("bench", partitions=args.partitions)
            t = time.time()
            produce(broker, "bench", args.messages, args.partitions)
            print("produced %d messages in %.1f s" % (args.messages, time.time() - t), flush=True)
            bare = bare_consumer(broker, "bench", args.messages)
            print("bare librdkafka consumer: %d messages in %.2f s = %.0f msg/s"
                  % (bare["messages"], bare["seconds"], bare["rate"]), flush=True)
            server = Server(os.path.join(tmp, "data"))
            try:
                # TideDB reads the same topic right after the bare consumer, before the later
                # phases fill the (in-memory) broker with more topics.
                before = thread_cpu(server.process.pid)
                after = {}
                tide = tide_ingest(server, broker, "bench", args.messages, args.batch_rows,
                                   on_done=lambda: after.update(thread_cpu(server.process.pid)))
                print("TideDB source: %d rows in %.2f s = %.0f rows/s (steady %.0f rows/s); %.3f x bare"
                      % (tide["rows"], tide["seconds"], tide["rate"], tide["steady_rate"],
                         tide["rate"] / bare["rate"]), flush=True)
                if args.thread_cpu:
                    print_thread_cpu(before, after, args.messages)
                broker.create_topic("floor", partitions=args.partitions)
                floor = freshness(None, broker, "floor", args.partitions, 50_000, args.fresh_seconds)
                print("broker floor: produce -> seen by a bare consumer at %.0f msg/s: p50 %.1f ms, p99 %.1f ms"
                      % (floor["achieved_rate"], floor["p50_ms"], floor["p99_ms"]), flush=True)
                for n, fraction in enumerate(float(f) for f in args.fresh_rates.split(",")):
                    topic = "fresh%d" % n
                    broker.create_topic(topic, partitions=args.partitions)
                    rate = fraction if args.fresh_absolute else tide["rate"] * fraction
                    fresh = freshness(server, broker, topic, args.partitions, rate, args.fresh_seconds,
                                      check_all=args.check_all, timeline=args.timeline)
                    print("freshness at %.2f x TideDB's rate, %.0f msg/s (achieved %.0f): %d probes, "
                          "p50 %.1f ms, p99 %.1f ms"
                          % (rate / tide["rate"], fresh["target_rate"], fresh["achieved_rate"], fresh["probes"],
                             fresh["p50_ms"], fresh["p99_ms"]), flush=True)
                if not args.sink_messages:
                    return
                sink = sink_rate(server, broker, args.partitions, args.sink_messages)
                print("sink (features.sql deployment, 21 features): %d events in %.2f s = %.0f events/s"
                      % (sink["messages"], sink["seconds"], sink["rate"]), flush=True)
            finally:
                server.stop()
                if args.timeline:  # RocksDB's event log, to set the probes against flushes and compactions
                    for log in pathlib.Path(server.data_dir).rglob("LOG"):
                        shutil.copy(log, args.timeline + ".rocksdb-LOG")
        finally:
            broker.stop()


if __name__ == "__main__":
    main()
