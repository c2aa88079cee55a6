#!/usr/bin/env python3
"""Peak memory of the offline feature query, TideDB next to DuckDB (issue 10: "peak RSS no
higher than DuckDB's").

  bash scripts/build-release.sh tide
  python3 benchmarks/offline_rss.py --size medium --runs 2

Loads the benchmark's three tables into a fresh TideDB data directory (offline), then
alternates, `--runs` times:
  - DuckDB: `../shared/bench/run_duckdb.py --runs 1 --threads 2` (its CSV load and the
    features_duckdb.sql CREATE TABLE AS, in memory), in its own process;
  - TideDB: one `tide run` of features.sql as `SELECT ... INTO OUTFILE` (every feature computed
    and written as CSV), in its own process.
Peak RSS is each process's own (wait4's ru_maxrss), wall time the process's. Prints each run
and the medians.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BENCH = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
sys.path.insert(0, HERE)
from offline_features import feature_query  # noqa: E402


def measure(argv, stdin=None):
    """(wall s, peak RSS KB) of one process; exits on failure."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin else None, stdout=out, stderr=out)
        if stdin:
            proc.stdin.write(stdin.encode())
            proc.stdin.close()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            out.seek(0)
            sys.exit("%s failed:\n%s" % (argv[0], out.read().decode(errors="replace")[-3000:]))
    return elapsed, usage.ru_maxrss


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tide", default=os.path.join(ROOT, ".build", "release", "tide"))
    ap.add_argument("--size", default="medium")
    ap.add_argument("--data-root", default="/tmp/tidebench-data")
    ap.add_argument("--seed", default="20240101")
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    data = os.path.join(args.data_root, "%s-seed%s" % (args.size, args.seed))
    if not os.path.exists(os.path.join(data, "transactions.csv")):
        sys.exit("%s missing: python3 %s/gen.py --size %s --out %s" % (data, BENCH, args.size, data))
    ddl, query = feature_query()
    work = tempfile.mkdtemp(prefix="tide-rss-")
    try:
        tide_dir = os.path.join(work, "data")
        load = ["CREATE DATABASE b", "USE b"] + ddl + ["SET @@execute_mode='offline'"]
        load += ["LOAD DATA INFILE '%s/%s.csv' INTO TABLE %s OPTIONS (header=true)" % (data, t, t)
                 for t in ("transactions", "refunds", "user_profile")]
        measure([args.tide, "run", "--data", tide_dir, "-"], ";\n".join(load) + ";\n")
        out = os.path.join(work, "features-out")
        select = "USE b; SET @@execute_mode='offline';\n%s INTO OUTFILE '%s' OPTIONS (format='csv', header=true, " \
                 "mode='overwrite');\n" % (query, out)
        runs = {"duckdb": [], "tidedb": []}
        for run in range(args.runs):
            d = measure([sys.executable, os.path.join(BENCH, "run_duckdb.py"), "--data", data, "--runs", "1",
                         "--threads", "2"])
            t = measure([args.tide, "run", "--data", tide_dir, "-"], select)
            runs["duckdb"].append(d)
            runs["tidedb"].append(t)
            print("run %d: DuckDB %.1f s, peak %d MB; TideDB %.1f s, peak %d MB" % (
                run + 1, d[0], d[1] // 1024, t[0], t[1] // 1024), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print("| engine | process s, median | peak RSS MB, median (max) |")
    print("| --- | --- | --- |")
    for name, measured in runs.items():
        print("| %s | %.1f | %d (%d) |" % (name, statistics.median(m[0] for m in measured),
                                          statistics.median(m[1] for m in measured) // 1024,
                                          max(m[1] for m in measured) // 1024))
    ratio = statistics.median(m[1] for m in runs["tidedb"]) / statistics.median(m[1] for m in runs["duckdb"])
    print()
    print("TideDB peak RSS / DuckDB's: %.2f (goal <= 1.00)" % ratio)


if __name__ == "__main__":
    main()
