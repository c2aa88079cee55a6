#!/usr/bin/env python3
"""LOAD DATA rates next to DuckDB's read_csv (issue 10, "Offline LOAD DATA >= DuckDB's read_csv
into a table; online LOAD DATA >= 300k rows/s").

Alternates, `--runs` times, on the same CSV file:
  - TideDB offline: `tide run` of CREATE TABLE + LOAD DATA (offline mode) on a fresh data directory;
  - DuckDB: `CREATE TABLE t AS SELECT * FROM read_csv(file)` into a fresh on-disk database,
    timed until the connection is closed (checkpointed);
  - TideDB online (unless --no-online): the same LOAD DATA in online mode (one index, durable).
TideDB's time is the whole process (start, DDL, load, close), so it is never flattered. Prints
each run, the medians, rows/s, the ratio (DuckDB time / TideDB time: > 1 means TideDB is faster)
and peak RSS of every process (TideDB's from wait4, DuckDB's from its own child process).

    bash scripts/build-release.sh tide
    python3 benchmarks/load_data/run.py --size medium --runs 3
"""

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

DUCK_CHILD = r"""
import duckdb, os, resource, sys, time
path, csv = sys.argv[1], sys.argv[2]
con = duckdb.connect(path)
con.execute("SET enable_progress_bar=false")
start = time.perf_counter()
con.execute("CREATE TABLE t AS SELECT * FROM read_csv('%s', header=true)" % csv)
statement = time.perf_counter() - start
rows = con.execute("SELECT count(*) FROM t").fetchone()[0]
closing = time.perf_counter()
con.close()
closed = statement + time.perf_counter() - closing
print(statement, closed, rows, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

SCRIPT = """CREATE DATABASE b; USE b; SET @@execute_mode='{mode}';
CREATE TABLE transactions (txn_id bigint, user_id string, merchant_id string, category string,
  amount double, ts timestamp, INDEX(KEY=user_id, TS=ts));
LOAD DATA INFILE '{csv}' INTO TABLE transactions OPTIONS (header=true);
"""

LOAD_LINE = re.compile(r"^LOAD DATA (\d+) \(([\d.]+) ms\)$", re.M)


def run_tide(tide, csv, mode, scratch):
    """(LOAD DATA statement s, whole process s, rows, peak RSS KB) of one fresh load."""
    data = os.path.join(scratch, "tide-" + mode)
    shutil.rmtree(data, ignore_errors=True)
    script = os.path.join(scratch, "load-%s.sql" % mode)
    with open(script, "w") as f:
        f.write(SCRIPT.format(mode=mode, csv=csv))
    with open(script + ".out", "w+") as stdout, open(script + ".err", "w+") as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen([tide, "run", "--data", data, script], stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read(), stderr.read()
    peak = usage.ru_maxrss
    shutil.rmtree(data, ignore_errors=True)
    match = LOAD_LINE.search(out)
    if os.waitstatus_to_exitcode(status) != 0 or not match:
        sys.exit("tide %s load failed:\n%s\n%s" % (mode, out[-2000:], err[-2000:]))
    return float(match.group(2)) / 1000, elapsed, int(match.group(1)), peak


def run_duck(csv, path):
    """(statement s, statement + close s, rows, peak RSS KB); path ':memory:' or a fresh file."""
    for p in (path, path + ".wal"):
        if os.path.exists(p):
            os.remove(p)
    out = subprocess.run([sys.executable, "-c", DUCK_CHILD, path, csv],
                         check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1].split()
    if os.path.exists(path):
        os.remove(path)
    return float(out[0]), float(out[1]), int(out[2]), int(out[3])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tide", default=os.path.join(root, ".build", "release", "tide"))
    ap.add_argument("--size", default="medium")
    ap.add_argument("--data-root", default="/tmp/tidebench-data")
    ap.add_argument("--seed", default="20240101")
    ap.add_argument("--csv", help="the CSV file (default: the benchmark's transactions.csv)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-online", action="store_true")
    args = ap.parse_args()
    csv = args.csv or os.path.join(args.data_root, "%s-seed%s" % (args.size, args.seed), "transactions.csv")
    if not os.path.exists(csv):
        gen = os.path.join(root, "..", "shared", "bench", "gen.py")
        sys.exit("%s missing: generate it with python3 %s --size %s --out %s" % (csv, gen, args.size, os.path.dirname(csv)))
    scratch = tempfile.mkdtemp(prefix="tide-load-")
    names = ["tide offline", "duckdb on disk", "duckdb in memory"] + ([] if args.no_online else ["tide online"])
    results = {name: [] for name in names}
    try:
        for run in range(args.runs):
            measured = {
                "tide offline": run_tide(args.tide, csv, "offline", scratch),
                "duckdb on disk": run_duck(csv, os.path.join(scratch, "duck.db")),
                "duckdb in memory": run_duck(csv, ":memory:"),
            }
            if not args.no_online:
                measured["tide online"] = run_tide(args.tide, csv, "online", scratch)
            counts = {name: m[2] for name, m in measured.items()}
            if len(set(counts.values())) != 1:
                sys.exit("row counts differ: %s" % counts)
            print("run %d: " % (run + 1) + ", ".join(
                "%s %.2f s (%.2f s)" % (name, m[0], m[1]) for name, m in measured.items()), flush=True)
            for name, m in measured.items():
                results[name].append(m)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    rows = results["tide offline"][0][2]
    print()
    print("%d rows. Statement: TideDB's LOAD DATA line, DuckDB's CREATE TABLE AS (committed)."
          " Second time: TideDB's whole process; DuckDB's statement plus close (checkpoint)." % rows)
    print()
    print("| load | statement s, median (min-max) | rows/s | with process / close s, median | peak RSS MB |")
    print("| --- | --- | --- | --- | --- |")
    medians = {}
    for name in names:
        runs = results[name]
        times = [r[0] for r in runs]
        medians[name] = statistics.median(times)
        print("| %s | %.2f (%.2f-%.2f) | %s | %.2f | %d |" % (
            name, medians[name], min(times), max(times), format(int(rows / medians[name]), ","),
            statistics.median(r[1] for r in runs), max(r[3] for r in runs) // 1024))
    print()
    for reference in ("duckdb on disk", "duckdb in memory"):
        print("offline LOAD DATA: %.2fx %s read_csv (goal >= 1.0x)" % (
            medians[reference] / medians["tide offline"], reference.replace("duckdb", "DuckDB's")))
    if "tide online" in medians:
        print("online LOAD DATA: %s rows/s (goal >= 300,000)" % format(int(rows / medians["tide online"]), ","))


if __name__ == "__main__":
    main()
