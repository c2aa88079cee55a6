#!/usr/bin/env python3
"""Offline feature benchmark: TideDB next to DuckDB on ../shared/bench's workload.

  python3 benchmarks/offline_features.py --data DIR [--tide .build/release/tide] [--runs 3]

DIR holds gen.py output (transactions.csv, refunds.csv, user_profile.csv). For each engine
the load is timed separately from the query. TideDB runs features.sql unchanged (offline
mode, LOAD DATA into its offline store) as `SELECT <features> INTO OUTFILE` (CSV): every
feature is computed and written (a `count(*)` around it would compute none: the batch engine
drops the columns nothing reads). DuckDB runs
features_duckdb.sql as CREATE TABLE ... AS (run_duckdb.py). Prints one JSON line per run
and a summary with rows/s for both.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "bench"))


def feature_query():
    text = open(os.path.join(BENCH, "features.sql")).read()
    text = re.sub(r"--[^\n]*", "", text)
    statements = [s.strip() for s in text.split(";") if s.strip()]
    ddl = [s for s in statements if s.upper().startswith("CREATE TABLE")]
    query = [s for s in statements if s.upper().startswith("SELECT")][0]
    return ddl, query


def run_tide(tide, data_dir, script):
    started = time.perf_counter()
    proc = subprocess.run([tide, "run", "--data", data_dir, "--format", "json", "-"], input=script.encode(),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    lines = [json.loads(l) for l in proc.stdout.decode().splitlines() if l.strip()]
    failed = [l for l in lines if not l.get("ok")]
    if failed:
        sys.exit("tide failed: %s" % failed[0])
    return elapsed, lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--tide", default=os.path.join(HERE, "..", ".build", "release", "tide"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-duckdb", action="store_true")
    a = ap.parse_args()
    data = os.path.abspath(a.data)
    ddl, query = feature_query()

    results = {}
    if not a.skip_duckdb:
        out = subprocess.run([sys.executable, os.path.join(BENCH, "run_duckdb.py"), "--data", data, "--runs",
                              str(a.runs)], stdout=subprocess.PIPE, check=True).stdout.decode()
        print(out.strip())
        results["duckdb"] = out.strip().splitlines()[-1]

    work = tempfile.mkdtemp(prefix="tidebench-")
    try:
        db = os.path.join(work, "data")
        load = ["CREATE DATABASE bench", "USE bench"] + ddl + ["SET @@execute_mode = 'offline'"]
        for table in ("transactions", "refunds", "user_profile"):
            load.append("LOAD DATA INFILE '%s/%s.csv' INTO TABLE %s OPTIONS (header = true, mode = 'overwrite')"
                        % (data, table, table))
        load_s, _ = run_tide(a.tide, db, ";\n".join(load) + ";\n")
        rows = None
        times = []
        for run in range(a.runs):
            out = os.path.join(work, "features.csv")
            script = ("USE bench;\nSET @@execute_mode = 'offline';\n%s INTO OUTFILE '%s' "
                      "OPTIONS (format = 'csv', header = true, mode = 'overwrite');\n" % (query, out))
            seconds, lines = run_tide(a.tide, db, script)
            with open(out, "rb") as f:
                rows = sum(1 for _ in f) - 1
            times.append(seconds)
            print(json.dumps({"engine": "tidedb", "run": run + 1, "rows": rows, "seconds": round(seconds, 3),
                              "rows_per_s": round(rows / seconds)}))
        best = min(times)
        print(json.dumps({"engine": "tidedb", "load_s": round(load_s, 3), "rows": rows, "best_s": round(best, 3),
                          "rows_per_s": round(rows / best)}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
