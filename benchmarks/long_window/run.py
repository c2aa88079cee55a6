#!/usr/bin/env python3
"""Long-window request benchmark (issue 13): one key with 10^3 .. 10^6 rows in a 30-day window.

    bash scripts/build-release.sh tide
    python3 benchmarks/long_window/run.py [--tide .build/release/tide] [--sizes 1000,10000,100000,1000000]

Starts `tide serve` on a scratch data directory, creates
`events (k string, v double, c string, ts timestamp, INDEX(KEY=k, TS=ts))`, and for each size N
writes N rows of key `kN` spread evenly over the 30 days before T0 (`c` one of 1,000 categories),
and N/30 older rows over the day before those (outside the window, as a stream leaves them), loaded
online with LOAD DATA. It deploys count, sum, max and
distinct_count over `ROWS_RANGE BETWEEN 30d PRECEDING AND CURRENT ROW` (one deployment per
aggregate, and one with all four), then times requests for each key at T0 over pgwire (psycopg,
prepared `EXECUTE DEPLOYMENT`), after a warm-up, and prints p50/p99 per aggregate and size.
With `--frame-rows n` the window is `ROWS BETWEEN n PRECEDING AND CURRENT ROW` instead (tiled with a
row-count bucket, `--bucket 1000`).
With `--long-windows`, every deployment is made with OPTIONS(long_windows='w:<--bucket>'):
their tiles are built at DEPLOY and kept by every write. After
DEPLOY it times a LOAD DATA of --write-rows rows over 1,000 keys, in time order over the last
--write-span ms (default one hour, as a stream arrives), and --inserts single-row INSERTs: the
write rate with the deployments' tiles to maintain (or without them). Requests are timed after
--settle seconds, so that the background flushes and compactions of the loads do not fall
into the first deployment's samples.
Needs `pip install "psycopg[binary]"`.
"""
import argparse
import os
import subprocess
import tempfile
import time

import psycopg

DAY = 86_400_000
T0 = 1_700_000_000_000
TILED = {"count", "sum", "max", "distinct_count"}
FEATURES = {
    "count": "count(v)",
    "sum": "sum(v)",
    "max": "max(v)",
    "distinct_count": "distinct_count(c)",
}


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def start_server(tide, data):
    out = open(os.path.join(os.path.dirname(data), "serve.out"), "w+")
    process = subprocess.Popen([tide, "serve", "--data", data, "--pg-port", "0", "--http-port", "0",
                                "--log-level", "warning"], stdout=out, stderr=subprocess.STDOUT)
    for _ in range(300):
        out.seek(0)
        text = out.read()
        if "PostgreSQL on" in text:
            port = int(text.split("PostgreSQL on ")[1].split(",")[0].rsplit(":", 1)[1])
            return process, port
        if process.poll() is not None:
            raise SystemExit("tide serve exited: " + text)
        time.sleep(0.1)
    raise SystemExit("tide serve did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tide", default=".build/release/tide")
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--requests", type=int, default=0, help="requests per size (default: by size)")
    parser.add_argument("--long-windows", action="store_true", help="deploy with OPTIONS(long_windows='w:1d')")
    parser.add_argument("--bucket", default="1d",
                        help="the tile bucket with --long-windows (1d, 1h, ..., or a row count: 1000)")
    parser.add_argument("--frame-rows", type=int, default=0,
                        help="use ROWS BETWEEN <n> PRECEDING AND CURRENT ROW instead of the 30-day ROWS_RANGE "
                             "(tiled with a row-count --bucket)")
    parser.add_argument("--write-rows", type=int, default=200000, help="rows loaded after DEPLOY (write rate)")
    parser.add_argument("--write-span", type=int, default=3_600_000, help="the time span of those rows (ms)")
    parser.add_argument("--inserts", type=int, default=2000, help="single-row INSERTs after DEPLOY")
    parser.add_argument("--settle", type=float, default=10.0,
                        help="seconds to wait after the writes before timing requests (RocksDB's flushes "
                             "and compactions of the loads run meanwhile)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="tide-long-window.") as tmp:
        process, port = start_server(os.path.abspath(args.tide), os.path.join(tmp, "data"))
        try:
            dsn = "postgresql://root@127.0.0.1:%d/" % port
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute("CREATE DATABASE lw")
            with psycopg.connect(dsn + "lw", autocommit=True) as conn:
                conn.execute("SET @@execute_mode = 'online'")
                conn.execute("CREATE TABLE events (k string, v double, c string, ts timestamp, "
                             "INDEX(KEY=k, TS=ts, TTL_TYPE=absolute, TTL=0m))")
                for n in sizes:
                    path = os.path.join(tmp, "k%d.csv" % n)
                    step = 30 * DAY // n
                    # And a day of older rows (at the same rate) before the window, as a stream
                    # leaves behind: the bucket at the frame's start holds rows on both sides of it.
                    older = n // 30
                    with open(path, "w") as f:
                        f.write("k,v,c,ts\n")
                        for i in range(older):
                            f.write("k%d,%d.5,c%d,%d\n" % (n, i % 997, (i * 7919) % 1000, T0 - 31 * DAY + 1 + i * (DAY // older)))
                        for i in range(n):
                            f.write("k%d,%d.5,c%d,%d\n" % (n, i % 997, (i * 7919) % 1000, T0 - 30 * DAY + 1 + i * step))
                    start = time.perf_counter()
                    conn.execute("LOAD DATA INFILE '%s' INTO TABLE events OPTIONS (format='csv', header=true, "
                                 "mode='append')" % path)
                    seconds = time.perf_counter() - start
                    print("load k%d: %d rows in %.2f s = %.0f rows/s" % (n, n + older, seconds, (n + older) / seconds),
                          flush=True)
                options = " OPTIONS (long_windows = 'w:%s')" % args.bucket if args.long_windows else ""
                frame = ("ROWS BETWEEN %d PRECEDING" % args.frame_rows if args.frame_rows
                         else "ROWS_RANGE BETWEEN 30d PRECEDING")
                window = " FROM events WINDOW w AS (PARTITION BY k ORDER BY ts %s AND CURRENT ROW)" % frame
                for name, feature in FEATURES.items():
                    # OpenMLDB allows sum/avg/count/min/max (and _where); TideDB adds distinct_count.
                    tiled = options if name in TILED else ""
                    conn.execute("DEPLOY d_%s%s SELECT k, %s OVER w AS f%s" % (name, tiled, feature, window))
                all_features = ", ".join("%s OVER w AS f_%s" % (f, n) for n, f in FEATURES.items()
                                         if not args.long_windows or n in TILED)
                conn.execute("DEPLOY d_all%s SELECT k, %s%s" % (options, all_features, window))
                # The write rate once the deployments exist (their tiles kept by every write).
                n = args.write_rows
                path = os.path.join(tmp, "after.csv")
                with open(path, "w") as f:
                    f.write("k,v,c,ts\n")
                    for i in range(n):
                        # In time order over the last --write-span ms before T0, as a stream arrives.
                        f.write("w%d,%d.25,c%d,%d\n" % (i % 1000, i % 991, i % 100, T0 - args.write_span + i * args.write_span // n))
                start = time.perf_counter()
                conn.execute("LOAD DATA INFILE '%s' INTO TABLE events OPTIONS (format='csv', header=true, "
                             "mode='append')" % path)
                seconds = time.perf_counter() - start
                print("load after DEPLOY (1,000 keys): %d rows in %.2f s = %.0f rows/s" % (n, seconds, n / seconds))
                start = time.perf_counter()
                for i in range(args.inserts):
                    conn.execute("INSERT INTO events VALUES ('w%d', 1.0, 'c1', %d)" % (i % 1000, T0 - i))
                seconds = time.perf_counter() - start
                print("single-row INSERTs after DEPLOY: %d in %.2f s = %.0f rows/s" % (args.inserts, seconds,
                                                                                    args.inserts / seconds))
                time.sleep(args.settle)
                print("%-15s %10s %10s %10s %s" % ("deployment", "rows", "p50 ms", "p99 ms", "answer"))
                cur = conn.cursor()
                for name in list(FEATURES) + ["all"]:
                    for n in sizes:
                        count = args.requests or max(20, min(2000, 2_000_000 // n))
                        sql = "EXECUTE DEPLOYMENT d_%s VALUES (%%s, %%s, %%s, %%s)" % name
                        params = ("k%d" % n, 1.0, "c0", T0)
                        for _ in range(min(20, count)):
                            cur.execute(sql, params, prepare=True)
                            answer = cur.fetchall()
                        samples = []
                        for _ in range(count):
                            start = time.perf_counter()
                            cur.execute(sql, params, prepare=True)
                            answer = cur.fetchall()
                            samples.append((time.perf_counter() - start) * 1000)
                        print("%-15s %10d %10.3f %10.3f %s" % ("d_" + name, n, percentile(samples, 0.5),
                                                             percentile(samples, 0.99), answer[0][1:]), flush=True)
        finally:
            process.terminate()
            process.wait(timeout=60)


if __name__ == "__main__":
    main()
