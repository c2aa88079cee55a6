#!/usr/bin/env python3
"""The long wire fuzz run: a million random and mutated protocol messages against a
`tide serve`, from several processes, while a control client checks that the server keeps
answering. Exits non-zero if the server dies, stops answering, or a control query fails.

    python3 benchmarks/wire_fuzz/run.py [--tide .build/release/tide] [--messages 1000000]
"""
import argparse
import multiprocessing
import os
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "integration"))
os.environ.setdefault("TIDE_BIN", str(ROOT / ".build" / "release" / "tide"))

import psycopg  # noqa: E402

import wirefuzz  # noqa: E402
from conftest import Server  # noqa: E402


def worker(args):
    """Fuzzes until `quota` messages were delivered (connections the server closes early
    deliver fewer than `per_connection`); returns (messages, connections)."""
    port, quota, per_connection, seed = args
    sent = connections = 0
    while sent < quota:
        sent += wirefuzz.run(port, 10, per_connection, seed + connections)
        connections += 10
    return sent, connections


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tide", help="tide binary (default .build/release/tide)")
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--per-connection", type=int, default=200)
    ap.add_argument("--processes", type=int, default=4)
    ap.add_argument("--seed", type=int, default=20261204)
    args = ap.parse_args()
    if args.tide:
        os.environ["TIDE_BIN"] = args.tide
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(os.path.join(tmp, "data"))
        try:
            quota = max(1, args.messages // args.processes)
            jobs = [(server.pg_port, quota, args.per_connection, args.seed + 1_000_003 * i)
                    for i in range(args.processes)]
            started = time.monotonic()
            checks = 0
            with psycopg.connect(server.dsn(), autocommit=True) as control:
                wirefuzz.prepare(control)
                with multiprocessing.Pool(args.processes) as pool:
                    pending = pool.map_async(worker, jobs)
                    while not pending.ready():
                        pending.wait(1.0)
                        assert control.execute("SELECT %s AS x", (checks,)).fetchone() == (checks,)
                        checks += 1
                        if server.process.poll() is not None:
                            sys.exit("the server died (exit %s)" % server.process.returncode)
                    results = pending.get()
                    sent = sum(r[0] for r in results)
                    connections = sum(r[1] for r in results)
                assert control.execute("SELECT 1 AS ok").fetchone() == (1,)
            elapsed = time.monotonic() - started
            alive = server.process.poll() is None
            print("wire fuzz: %d messages on %d connections in %.1f s (%.0f msg/s); %d control queries answered; "
                  "server alive: %s" % (sent, connections, elapsed, sent / elapsed, checks, alive))
            if not alive:
                sys.exit(1)
        finally:
            code = server.stop()
            print("server exit status after SIGTERM: %s" % code)
            if code != 0:
                log = open(os.path.join(tmp, "serve.log")).read()
                print(log[:6000])
                sys.exit("the server did not shut down cleanly")


if __name__ == "__main__":
    main()
