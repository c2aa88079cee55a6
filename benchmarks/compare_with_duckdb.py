#!/usr/bin/env python3
"""Goal O3: TideDB's offline features equal DuckDB's on the same data.

  python3 benchmarks/compare_with_duckdb.py --data DIR [--tide .build/release/tide]

Runs features.sql on TideDB (INTO OUTFILE) and features_duckdb.sql on DuckDB (parquet), then
compares every feature of every row: numbers within 1e-9 relative, avg_cate compared parsed
(to the six decimals OpenMLDB prints).
Prints the number of rows and mismatches per feature; exits 1 on any mismatch.
"""
import argparse
import math
import os
import subprocess
import sys
import tempfile

import duckdb

from offline_features import BENCH, feature_query, run_tide


def parse_cate(text):
    if text is None or text == "":
        return {}
    return {k: float(v) for k, v in (p.split(":") for p in text.split(","))}


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--tide", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "tide"))
    a = ap.parse_args()
    data = os.path.abspath(a.data)
    work = tempfile.mkdtemp(prefix="tidecmp-")
    duck_out = os.path.join(work, "duck.parquet")
    subprocess.run([sys.executable, os.path.join(BENCH, "run_duckdb.py"), "--data", data, "--runs", "1", "--out",
                    duck_out], check=True, stdout=subprocess.DEVNULL)
    ddl, query = feature_query()
    tide_out = os.path.join(work, "tide.csv")
    script = ["CREATE DATABASE bench", "USE bench"] + ddl + ["SET @@execute_mode = 'offline'"]
    for table in ("transactions", "refunds", "user_profile"):
        script.append("LOAD DATA INFILE '%s/%s.csv' INTO TABLE %s OPTIONS (mode = 'overwrite')" % (data, table, table))
    script.append("%s INTO OUTFILE '%s' OPTIONS (mode = 'overwrite')" % (query, tide_out))
    run_tide(a.tide, os.path.join(work, "data"), ";\n".join(script) + ";\n")

    con = duckdb.connect()
    duck = con.execute(f"SELECT * FROM '{duck_out}' ORDER BY txn_id").fetchall()
    duck_cols = [d[0] for d in con.description]
    tide = con.execute(f"SELECT * FROM read_csv('{tide_out}', nullstr='null', allow_quoted_nulls=false) "
                       "ORDER BY txn_id").fetchall()
    tide_cols = [d[0] for d in con.description]
    features = [c for c in duck_cols if c.startswith("f")]
    mismatches = {}
    if len(duck) != len(tide):
        sys.exit("row counts differ: duckdb %d, tidedb %d" % (len(duck), len(tide)))
    for d_row, t_row in zip(duck, tide):
        d = dict(zip(duck_cols, d_row))
        t = dict(zip(tide_cols, t_row))
        for f in features:
            if f.startswith("f11"):
                dv, tv = parse_cate(d[f]), parse_cate(t[f])
                # OpenMLDB prints avg_cate values with printf("%f"): six decimals, so one unit of the last.
                same = dv.keys() == tv.keys() and all(math.isclose(dv[k], tv[k], abs_tol=1e-6) for k in dv)
            else:
                same = close(d[f], t[f])
            if not same:
                mismatches.setdefault(f, []).append((d["txn_id"], d[f], t[f]))
    print("rows compared: %d, features: %d" % (len(duck), len(features)))
    for f in features:
        bad = mismatches.get(f, [])
        print("%-28s %s" % (f, "ok" if not bad else "%d mismatches, e.g. %s" % (len(bad), bad[:3])))
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
