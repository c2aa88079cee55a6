#!/usr/bin/env python3
"""Offline I/O benchmark: TideDB's Parquet and PostgreSQL LOAD DATA / INTO OUTFILE next to
DuckDB and psql, side by side in one run.

    bash scripts/build-release.sh tide
    python3 benchmarks/offline_io/run.py [--size medium] [--compression snappy] [--pg-rows 1000000]
    python3 benchmarks/offline_io/run.py --size small --only duckdb      # references only (no tide)

Data: tidebench's tables (../shared/bench/gen.py; --size small|medium or --rows N; cached under
--data-root, default $TIDEBENCH_DATA or <temp>/tidebench-data), written once per data set as
Parquet by DuckDB (`COPY (SELECT ... FROM read_csv(...)) TO ... (FORMAT parquet, COMPRESSION c)`,
ts as TIMESTAMP by default; cached next to the CSVs). Every TideDB statement runs in offline
mode in its own `tide run --data DIR --format json` process; its time is the gap between its
result line and the previous statement's (lines are flushed per statement), cross-checked
against the process wall time minus a no-op run's (USE, SET) and replaced by it when the line
gap is much shorter (flagged). Peak RSS: that process's own maximum resident set, from GNU time
(/usr/bin/time -f %M; without it, os.wait4's ru_maxrss, which on Linux also counts this
script's RSS at fork). DuckDB (duckdb Python, on-disk database file, default threads) and psql
run in child processes too, measured the same way (DuckDB's includes the Python interpreter).

 1. Parquet load, per table (transactions, refunds, user_profile):
      TideDB  LOAD DATA INFILE 'x.parquet' INTO TABLE t OPTIONS (format='parquet', mode='overwrite')
      DuckDB  CREATE TABLE t AS SELECT * FROM read_parquet('x.parquet')   (CHECKPOINT after, untimed)
 2. Parquet export of transactions:
      TideDB  SELECT * FROM transactions INTO OUTFILE 'out' OPTIONS (format='parquet', compression=c, mode='overwrite')
      DuckDB  COPY transactions TO 'out.parquet' (FORMAT parquet, COMPRESSION c)
    then, read with DuckDB: row count, sum(txn_id), sum(amount) as DECIMAL(38,2), distinct
    user/merchant/category, sum/min/max of ts in ms of each output against the input Parquet,
    and a row-level EXCEPT ALL both ways (--no-row-diff skips it).
 3. PostgreSQL, the first --pg-rows rows of transactions in table offline_io_src
    (bigint, text, text, text, double precision, timestamptz; loaded with psql \\copy through a
    staging table, ts = 'epoch' + ms, then VACUUM (FREEZE, ANALYZE)):
      read   TideDB  LOAD DATA INFILE 'postgresql://...' INTO TABLE t OPTIONS (format='postgresql', table='offline_io_src')
             psql    \\copy offline_io_src TO 'file.csv' CSV
      write  TideDB  SELECT * FROM t INTO OUTFILE 'postgresql://...' OPTIONS (format='postgresql', table='offline_io_dst', mode='overwrite')
                     (offline_io_dst dropped first: TideDB creates it)
             psql    \\copy offline_io_copy FROM 'file.csv' CSV   (offline_io_copy: LIKE offline_io_src, emptied first)
    psql's time is its process wall time minus a `psql -c 'SELECT 1'` run's. Then per-column
    checksums of offline_io_dst and offline_io_copy against offline_io_src (count, sum(txn_id),
    sum(amount::numeric), count(distinct ...) of the strings, sum of ts in epoch seconds) and a
    row-level EXCEPT ALL both ways: PASS/FAIL.
    The server: --pg-url, else $TIDE_TEST_POSTGRES_URL, else a throw-away one started with
    scripts/start-postgres.sh in a temporary directory and stopped (pg_ctl -m fast) at the end.
    The offline_io_* tables are dropped at the end (--keep keeps them).

Each operation runs --runs times (median reported; the reference runs first in each pair).
Ratios are TideDB rows/s over the reference's. Exit status 0 when everything selected ran and
every check passed, 1 otherwise (with --only duckdb, TideDB is not run and not required).
Needs: pip install duckdb numpy pyarrow; psql and PostgreSQL server binaries for part 3.
"""
import argparse
import glob
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
BENCH = os.path.normpath(os.path.join(REPO, "..", "shared", "bench"))

TABLES = ("transactions", "refunds", "user_profile")
META_KEY = {"transactions": "transactions", "refunds": "refunds", "user_profile": "profiles"}
TXN_COLUMNS = [("txn_id", "BIGINT"), ("user_id", "VARCHAR"), ("merchant_id", "VARCHAR"),
               ("category", "VARCHAR"), ("amount", "DOUBLE"), ("ts", "BIGINT")]
CSV_COLUMNS = {"transactions": TXN_COLUMNS, "refunds": TXN_COLUMNS,
               "user_profile": [("user_id", "VARCHAR"), ("credit_limit", "DOUBLE"), ("risk_score", "DOUBLE"),
                                ("segment", "VARCHAR"), ("updated_ts", "BIGINT")]}
TS_COLUMN = {"transactions": "ts", "refunds": "ts", "user_profile": "updated_ts"}
TIDE_DB = "offline_io"
TXN_DDL = ("(txn_id bigint, user_id string, merchant_id string, category string, amount double, ts timestamp, "
           "INDEX(KEY=user_id, TS=ts))")
TIDE_DDL = {"transactions": "CREATE TABLE transactions " + TXN_DDL,
            "refunds": "CREATE TABLE refunds " + TXN_DDL,
            "user_profile": "CREATE TABLE user_profile (user_id string, credit_limit double, risk_score double, "
                            "segment string, updated_ts timestamp, INDEX(KEY=user_id, TS=updated_ts))"}
PRELUDE = ["USE %s" % TIDE_DB, "SET @@execute_mode='offline'"]
PG_SRC, PG_DST, PG_COPY, PG_STAGE = "offline_io_src", "offline_io_dst", "offline_io_copy", "offline_io_stage"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def q(s):
    """A single-quoted SQL literal (paths and URLs here hold no quotes; doubled just in case)."""
    return "'" + str(s).replace("'", "''") + "'"


def fmt_int(n):
    return "-" if n is None else "{:,}".format(int(round(n)))


def fmt_s(x):
    return "-" if x is None else "%.3f" % x


def fmt_mb(kb):
    return "-" if kb is None else "{:,}".format(int(round(kb / 1024.0)))


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return None if n == 0 else (xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2)


def print_table(headers, rows, right=None, indent=""):
    right = right if right is not None else set(range(1, len(headers)))
    cells = [[str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]

    def line(r):
        return "  ".join((c.rjust(w) if i in right else c.ljust(w)) for i, (c, w) in enumerate(zip(r, widths))).rstrip()

    print(indent + line(headers))
    print(indent + "  ".join("-" * w for w in widths))
    for r in cells:
        print(indent + line(r))


# ------------------------------------------------------------------------------ processes

def _killer(p, fired):
    def kill():
        fired.append(True)
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
    return kill


# Linux carries the parent's RSS into a child's ru_maxrss (the forked or vfork-shared memory
# counts until exec), so os.wait4 on a child of this Python process reports at least this
# process's RSS. GNU time forks the command from a ~2 MB process: its %M is the command's own.
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def with_rss(cmd, work):
    """(command wrapped by GNU time, file it writes the peak RSS to) or (cmd, None)."""
    if not GNU_TIME:
        return cmd, None
    fd, path = tempfile.mkstemp(prefix="rss.", dir=work)
    os.close(fd)
    return [GNU_TIME, "-f", "%M", "-o", path] + cmd, path


def read_rss(path, ru):
    """Peak RSS in KiB: GNU time's figure, else ru_maxrss (an upper bound, see above)."""
    if path:
        try:
            with open(path) as f:
                lines = [l for l in f.read().split("\n") if l.strip()]
            os.remove(path)
            return int(lines[-1].split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return ru.ru_maxrss


def run_measured(cmd, timeout, env=None):
    """Run cmd to completion; wall seconds, exit code, peak RSS (KiB, this child only), output."""
    cmd, rss_path = with_rss(cmd, None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env,
                             start_new_session=True)
        fired = []
        timer = threading.Timer(timeout, _killer(p, fired))
        timer.start()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stderr = err.read().decode(errors="replace")
        if fired:
            stderr += "\n(killed after the %.0f s timeout)" % timeout
        return {"rc": p.returncode, "wall": wall, "rss_kb": read_rss(rss_path, ru),
                "stdout": out.read().decode(errors="replace"), "stderr": stderr}


class TideRun:
    def __init__(self):
        self.objs, self.at = [], []
        self.t0 = self.wall = 0.0
        self.rc = None
        self.rss_kb = None
        self.stderr = ""
        self.noise = []

    def ok(self, i):
        o = self.objs[i]
        return bool(o and o.get("ok"))

    def error(self, i):
        o = self.objs[i]
        if o is None:
            return "no result line (exit %s%s)" % (self.rc, ("; stderr: " + self.stderr[-400:]) if self.stderr else "")
        e = o.get("error") or {}
        return "%s %s" % (e.get("sqlstate", "?"), e.get("message", o))


def run_tide(tide, data_dir, stmts, work, name, timeout):
    """One `tide run --format json -` process on the statements; each result line is timestamped
    as it arrives; peak RSS from os.wait4."""
    script = os.path.join(work, name + ".sql")
    with open(script, "w") as f:
        for s in stmts:
            f.write(s + ";\n")
    errpath = os.path.join(work, name + ".stderr")
    r = TideRun()
    lines = []
    with open(script, "rb") as fin, open(errpath, "wb") as ferr:
        r.t0 = time.perf_counter()
        cmd, rss_path = with_rss([tide, "run", "--data", data_dir, "--format", "json", "-"], work)
        p = subprocess.Popen(cmd, stdin=fin, stdout=subprocess.PIPE, stderr=ferr, start_new_session=True)
        fired = []
        timer = threading.Timer(timeout, _killer(p, fired))
        timer.start()
        fd = p.stdout.fileno()
        buf = b""
        while True:
            chunk = os.read(fd, 1 << 16)
            t = time.perf_counter()
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                if line.strip():
                    lines.append((t, line))
        if buf.strip():
            lines.append((time.perf_counter(), buf))
        _, status, ru = os.wait4(p.pid, 0)
        r.wall = time.perf_counter() - r.t0
        timer.cancel()
        p.returncode = r.rc = os.waitstatus_to_exitcode(status)
        p.stdout.close()
        r.rss_kb = read_rss(rss_path, ru)
    with open(errpath, "rb") as f:
        r.stderr = f.read().decode(errors="replace").strip()
    if fired:
        r.stderr += " (killed after the %.0f s timeout)" % timeout
    r.objs, r.at = [None] * len(stmts), [None] * len(stmts)
    for t, line in lines:
        try:
            o = json.loads(line)
        except ValueError:
            r.noise.append(line[:200])
            continue
        if isinstance(o, dict) and isinstance(o.get("statement"), int) and 1 <= o["statement"] <= len(stmts):
            r.objs[o["statement"] - 1], r.at[o["statement"] - 1] = o, t
        else:
            r.noise.append(line[:200])
    return r


class Tide:
    """TideDB driven through `tide run` processes on one data directory."""

    def __init__(self, a, data_dir, work):
        self.a, self.data_dir, self.work = a, data_dir, work
        self.n = 0
        self.noop_wall = None
        self.noop_rss_kb = None

    def _name(self, what):
        self.n += 1
        return "%s-%02d-%s" % (os.path.basename(self.data_dir), self.n, what)

    def script(self, stmts, what):
        """Run statements that must all succeed (setup); returns an error text or None."""
        r = run_tide(self.a.tide, self.data_dir, stmts, self.work, self._name(what), self.a.timeout)
        for i, s in enumerate(stmts):
            if not r.ok(i):
                return "%s: statement %d failed: %s [%s]" % (what, i + 1, r.error(i), s[:160])
        return None

    def noop(self):
        if self.noop_wall is None:
            walls, rss = [], []
            for _ in range(2):
                r = run_tide(self.a.tide, self.data_dir, PRELUDE, self.work, self._name("noop"), self.a.timeout)
                if not all(r.ok(i) for i in range(len(PRELUDE))):
                    raise RuntimeError("no-op run failed: %s" % r.error(0 if not r.ok(0) else 1))
                walls.append(r.wall)
                rss.append(r.rss_kb)
            self.noop_wall, self.noop_rss_kb = min(walls), min(rss)
        return self.noop_wall

    def timed(self, stmt, what):
        """USE; SET offline; stmt in one process. {'seconds', 'rss_kb', 'affected_rows', ...} or {'error'}."""
        try:
            noop = self.noop()
        except RuntimeError as e:
            return {"error": str(e)}
        stmts = PRELUDE + [stmt]
        r = run_tide(self.a.tide, self.data_dir, stmts, self.work, self._name(what), self.a.timeout)
        for i in range(len(stmts)):
            if not r.ok(i):
                return {"error": r.error(i), "rss_kb": r.rss_kb, "wall": r.wall}
        k = len(stmts) - 1
        line_s = r.at[k] - r.at[k - 1]
        proc_s = r.wall - noop
        res = {"seconds": line_s, "line_s": line_s, "process_minus_noop_s": proc_s, "wall": r.wall,
               "rss_kb": r.rss_kb, "affected_rows": r.objs[k].get("affected_rows")}
        if proc_s > 1.25 * line_s + 0.25:
            res["flag"] = ("%s: result line after %.3f s but process minus no-op %.3f s (output not flushed per "
                           "statement, or work after the line); using the process time" % (what, line_s, proc_s))
            res["seconds"] = proc_s
        return res


def duck_child(spec_json):
    """In a child process: connect to the database file, run `before` untimed, time `timed`,
    run `after` (each timed separately); print one JSON line."""
    import duckdb
    spec = json.loads(spec_json)
    con = duckdb.connect(spec["db"])
    for s in spec.get("before", []):
        con.execute(s)
    t0 = time.perf_counter()
    con.execute(spec["timed"])
    try:
        con.fetchall()
    except duckdb.Error:
        pass
    seconds = time.perf_counter() - t0
    after = []
    for s in spec.get("after", []):
        t1 = time.perf_counter()
        rows = con.execute(s).fetchall()
        after.append({"sql": s, "seconds": time.perf_counter() - t1, "rows": [[str(v) for v in r] for r in rows]})
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    print(json.dumps({"seconds": seconds, "after": after, "threads": threads, "version": duckdb.__version__}))
    con.close()


def duck_timed(a, spec, what):
    m = run_measured([sys.executable, os.path.abspath(__file__), "--duckdb-child", json.dumps(spec)], a.timeout)
    if m["rc"] != 0:
        return {"error": "%s: duckdb child exit %s: %s" % (what, m["rc"], m["stderr"].strip()[-1500:])}
    res = json.loads(m["stdout"].strip().splitlines()[-1])
    res["rss_kb"] = m["rss_kb"]
    res["wall"] = m["wall"]
    return res


# ------------------------------------------------------------------------------ data

def ensure_data(a):
    if a.data:
        d = os.path.abspath(a.data)
        if not os.path.exists(os.path.join(d, "transactions.csv")):
            raise SystemExit("no transactions.csv in %s" % d)
        return d
    sys.path.insert(0, a.bench_dir)
    import tidebench_lib as L
    if not a.rows:
        return L.ensure_data(a.size, a.seed, a.data_root)
    d = os.path.join(os.path.abspath(a.data_root), "rows%d-seed%d" % (a.rows, a.seed))
    meta = L.read_meta(d)
    if meta and meta.get("transactions") == str(a.rows) and meta.get("seed") == str(a.seed):
        log("data: reusing %s" % d)
        return d
    os.makedirs(a.data_root, exist_ok=True)
    tmp = "%s.tmp-%d" % (d, os.getpid())
    shutil.rmtree(tmp, ignore_errors=True)
    log("data: generating %s with gen.py --rows %d ..." % (d, a.rows))
    subprocess.run([sys.executable, os.path.join(a.bench_dir, "gen.py"), "--rows", str(a.rows), "--seed",
                    str(a.seed), "--out", tmp], check=True)
    shutil.rmtree(d, ignore_errors=True)
    os.rename(tmp, d)
    return d


def read_meta(d):
    try:
        with open(os.path.join(d, "META")) as f:
            return dict(kv.split("=", 1) for kv in f.read().split() if "=" in kv)
    except OSError:
        return {}


def count_csv_rows(path):
    n = 0
    with open(path, "rb") as f:
        while True:
            b = f.read(1 << 24)
            if not b:
                break
            n += b.count(b"\n")
    return n - 1


def ensure_parquet(a, data):
    """The three tables as Parquet, written once by DuckDB per (data set, compression, ts type)."""
    import duckdb
    pdir = os.path.join(data, "parquet-%s-%s" % (a.compression, a.parquet_ts))
    files = {t: os.path.join(pdir, t + ".parquet") for t in TABLES}
    if os.path.exists(os.path.join(pdir, "DONE")) and all(os.path.exists(f) for f in files.values()):
        log("parquet: reusing %s" % pdir)
        return files
    tmp = pdir + ".tmp-%d" % os.getpid()
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    con = duckdb.connect()
    t0 = time.perf_counter()
    for t in TABLES:
        cols = CSV_COLUMNS[t]
        spec = ", ".join("'%s': '%s'" % (c, ty) for c, ty in cols)
        ts = TS_COLUMN[t]
        conv = {"timestamp": "epoch_ms(%s) AS %s" % (ts, ts),
                "timestamp_ms": "CAST(epoch_ms(%s) AS TIMESTAMP_MS) AS %s" % (ts, ts),
                "bigint": ts}[a.parquet_ts]
        select = ", ".join(conv if c == ts else c for c, _ in cols)
        con.execute("COPY (SELECT %s FROM read_csv(%s, header=true, delim=',', quote='\"', columns={%s})) "
                    "TO %s (FORMAT parquet, COMPRESSION %s)"
                    % (select, q(os.path.join(data, t + ".csv")), spec, q(os.path.join(tmp, t + ".parquet")),
                       a.compression))
    con.close()
    with open(os.path.join(tmp, "DONE"), "w") as f:
        f.write("written by benchmarks/offline_io/run.py with DuckDB %s\n" % duckdb.__version__)
    shutil.rmtree(pdir, ignore_errors=True)
    os.rename(tmp, pdir)
    log("parquet: wrote %s in %.1f s" % (pdir, time.perf_counter() - t0))
    return files


def parquet_files(path):
    if os.path.isfile(path):
        return [path]
    out = []
    for dp, _, fs in os.walk(path):
        for f in fs:
            fp = os.path.join(dp, f)
            if not f.startswith((".", "_")) and not f.endswith(".crc") and os.path.getsize(fp) > 0:
                out.append(fp)
    return sorted(out)


def remove_path(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)


def du_bytes(path):
    return sum(os.path.getsize(f) for f in parquet_files(path)) if os.path.exists(path) else 0


# ------------------------------------------------------------------------------ part 1 + 2: Parquet

def run_parquet(a, data, meta, work, tide_ok, duck_ok):
    """Returns (summary dict, ok)."""
    import duckdb
    files = ensure_parquet(a, data)
    rows = {t: int(meta.get(META_KEY[t]) or count_csv_rows(os.path.join(data, t + ".csv"))) for t in TABLES}
    duck_db = os.path.join(work, "duck.db")
    tide = Tide(a, os.path.join(work, "tide-parquet"), work) if tide_ok else None
    ok = True
    load = {t: {"duckdb": [], "tidedb": []} for t in TABLES}
    notes, errors = [], []
    if tide:
        err = tide.script(["CREATE DATABASE %s" % TIDE_DB, "USE %s" % TIDE_DB] + [TIDE_DDL[t] for t in TABLES], "setup")
        if err:
            errors.append("tidedb " + err)
            tide = None
            ok = False
    for t in TABLES:
        for run in range(a.runs):
            if duck_ok:
                d = duck_timed(a, {"db": duck_db, "before": ["DROP TABLE IF EXISTS %s" % t, "CHECKPOINT"],
                                   "timed": "CREATE TABLE %s AS SELECT * FROM read_parquet(%s)" % (t, q(files[t])),
                                   "after": ["SELECT count(*) FROM %s" % t, "CHECKPOINT"]}, "duckdb load " + t)
                if "error" not in d:
                    d["count"] = int(d["after"][0]["rows"][0][0])
                    d["checkpoint_s"] = d["after"][1]["seconds"]
                    if d["count"] != rows[t]:
                        d["error"] = "duckdb load %s: %d rows, expected %d" % (t, d["count"], rows[t])
                load[t]["duckdb"].append(d)
            if tide:
                r = tide.timed("LOAD DATA INFILE %s INTO TABLE %s OPTIONS (format='parquet', mode='overwrite')"
                               % (q(files[t]), t), "load-" + t)
                if "error" not in r and r.get("affected_rows") not in (None, rows[t]):
                    r["error"] = "LOAD DATA reported %s rows, expected %d" % (r["affected_rows"], rows[t])
                load[t]["tidedb"].append(r)

    # ---- part 1 table
    print()
    print("== 1. Parquet load (offline): %s rows in %d tables, %s, ts as %s, %d run(s) each; input %s MB =="
          % (fmt_int(sum(rows.values())), len(TABLES), a.compression, a.parquet_ts, a.runs,
             "{:,.1f}".format(sum(os.path.getsize(f) for f in files.values()) / 1e6)))
    print("   TideDB: LOAD DATA INFILE 'x.parquet' INTO TABLE t OPTIONS (format='parquet', mode='overwrite')")
    print("   DuckDB: CREATE TABLE t AS SELECT * FROM read_parquet('x.parquet')  (on-disk database file)")
    headers = ["table", "rows", "TideDB s", "TideDB rows/s", "TideDB RSS MB", "DuckDB s", "DuckDB rows/s",
               "DuckDB RSS MB", "TideDB/DuckDB"]
    out_rows = []
    tot = {"tidedb": 0.0, "duckdb": 0.0}
    complete = {"tidedb": bool(tide), "duckdb": duck_ok}
    peak = {"tidedb": 0, "duckdb": 0}
    summary = {"load": {}}
    for t in TABLES:
        cells = {}
        for eng in ("tidedb", "duckdb"):
            runs = load[t][eng]
            bad = [r for r in runs if "error" in r]
            good = [r for r in runs if "error" not in r]
            if bad:
                errors.append("%s load %s: %s" % (eng, t, bad[0]["error"]))
                ok = False
            for r in runs:
                if r.get("flag"):
                    notes.append(r["flag"])
            if good and not bad:
                s = median([r["seconds"] for r in good])
                kb = max(r["rss_kb"] for r in good)
                cells[eng] = (fmt_s(s), fmt_int(rows[t] / s), fmt_mb(kb))
                tot[eng] += s
                peak[eng] = max(peak[eng], kb)
                summary["load"].setdefault(eng, {})[t] = {"seconds": s, "rss_kb": kb}
            else:
                complete[eng] = False
                cells[eng] = ("error" if bad else "-", "-", "-")
        ratio = None
        if t in summary["load"].get("tidedb", {}) and t in summary["load"].get("duckdb", {}):
            ratio = summary["load"]["duckdb"][t]["seconds"] / summary["load"]["tidedb"][t]["seconds"]
        out_rows.append([t, fmt_int(rows[t])] + list(cells["tidedb"]) + list(cells["duckdb"]) +
                        ["%.2f" % ratio if ratio else "-"])
    n_all = sum(rows.values())
    tot_cells = {}
    for eng in ("tidedb", "duckdb"):
        tot_cells[eng] = ((fmt_s(tot[eng]), fmt_int(n_all / tot[eng]), fmt_mb(peak[eng])) if complete[eng]
                          else ("-", "-", "-"))
    load_ratio = tot["duckdb"] / tot["tidedb"] if complete["tidedb"] and complete["duckdb"] else None
    out_rows.append(["all", fmt_int(n_all)] + list(tot_cells["tidedb"]) + list(tot_cells["duckdb"]) +
                    ["%.2f" % load_ratio if load_ratio else "-"])
    print_table(headers, out_rows)
    if duck_ok and complete["duckdb"]:
        ck = sum(median([r["checkpoint_s"] for r in load[t]["duckdb"]]) for t in TABLES)
        v = load[TABLES[0]]["duckdb"][0]
        print("   DuckDB %s, threads=%s; CHECKPOINT after the CTAS (untimed) took %.3f s in all"
              % (v["version"], v["threads"], ck))
    if tide and tide.noop_wall is not None:
        print("   TideDB no-op process (USE, SET): %.3f s, peak RSS %s MB; the RSS column is the whole "
              "tide process" % (tide.noop_wall, fmt_mb(tide.noop_rss_kb)))
    for e in errors:
        print("   ERROR " + e)
    for n in notes:
        print("   note: " + n)
    summary["load_ratio"] = load_ratio

    # ---- part 2: export of transactions
    n = rows["transactions"]
    exp = {"duckdb": [], "tidedb": []}
    outs = {"duckdb": os.path.join(work, "duckdb-out.parquet"), "tidedb": os.path.join(work, "tidedb-out.parquet")}
    tide_loaded = bool(tide) and summary["load"].get("tidedb", {}).get("transactions") is not None
    duck_loaded = duck_ok and summary["load"].get("duckdb", {}).get("transactions") is not None
    for run in range(a.runs):
        if duck_loaded:
            remove_path(outs["duckdb"])
            d = duck_timed(a, {"db": duck_db, "timed": "COPY transactions TO %s (FORMAT parquet, COMPRESSION %s)"
                                                        % (q(outs["duckdb"]), a.compression)}, "duckdb export")
            exp["duckdb"].append(d)
        if tide_loaded:
            remove_path(outs["tidedb"])
            r = tide.timed("SELECT * FROM transactions INTO OUTFILE %s OPTIONS (format='parquet', compression='%s', "
                           "mode='overwrite')" % (q(outs["tidedb"]), a.compression), "export")
            if "error" not in r and not (os.path.exists(outs["tidedb"]) and parquet_files(outs["tidedb"])):
                r["error"] = "INTO OUTFILE wrote nothing at %s" % outs["tidedb"]
            exp["tidedb"].append(r)
    print()
    print("== 2. Parquet export of transactions: %s rows, %s, %d run(s) ==" % (fmt_int(n), a.compression, a.runs))
    print("   TideDB: SELECT * FROM transactions INTO OUTFILE 'out' OPTIONS (format='parquet', compression='%s', "
          "mode='overwrite')" % a.compression)
    print("   DuckDB: COPY transactions TO 'out.parquet' (FORMAT parquet, COMPRESSION %s)" % a.compression)
    headers = ["engine", "rows", "seconds", "rows/s", "peak RSS MB", "output MB", "TideDB/DuckDB"]
    secs, out_rows, errors, notes = {}, [], [], []
    for eng, label in (("tidedb", "TideDB"), ("duckdb", "DuckDB")):
        runs = exp[eng]
        bad = [r for r in runs if "error" in r]
        for r in runs:
            if r.get("flag"):
                notes.append(r["flag"])
        if bad:
            errors.append("%s export: %s" % (label, bad[0]["error"]))
            ok = False
        if runs and not bad:
            secs[eng] = median([r["seconds"] for r in runs])
            out_rows.append([label, fmt_int(n), fmt_s(secs[eng]), fmt_int(n / secs[eng]),
                             fmt_mb(max(r["rss_kb"] for r in runs)),
                             "{:,.1f}".format(du_bytes(outs[eng]) / 1e6), ""])
        else:
            why = "error" if bad else ("skipped (no load)" if (eng == "tidedb" and tide) or
                                       (eng == "duckdb" and duck_ok) else "not run")
            out_rows.append([label, fmt_int(n), why, "-", "-", "-", ""])
    export_ratio = secs["duckdb"] / secs["tidedb"] if len(secs) == 2 else None
    out_rows[0][-1] = "%.2f" % export_ratio if export_ratio else "-"
    print_table(headers, out_rows)
    for e in errors:
        print("   ERROR " + e)
    for x in notes:
        print("   note: " + x)
    summary["export_ratio"] = export_ratio

    # ---- verify the outputs against the input Parquet (read by DuckDB)
    checked = [eng for eng in ("tidedb", "duckdb") if eng in secs]
    summary["export_check"] = None
    if checked:
        con = duckdb.connect()
        srcs = {"input": "read_parquet(%s)" % q(files["transactions"])}
        for eng in checked:
            fl = parquet_files(outs[eng])
            srcs[eng] = "read_parquet([%s])" % ", ".join(q(f) for f in fl)
        schemas, aggs = {}, {}
        names = ["txn_id", "user_id", "merchant_id", "category", "amount", "ts"]
        norm = {}
        for k, src in srcs.items():
            try:
                desc = con.execute("DESCRIBE SELECT * FROM %s" % src).fetchall()
            except duckdb.Error as e:
                schemas[k] = "unreadable: %s" % e
                continue
            types = {r[0]: r[1] for r in desc}
            schemas[k] = ", ".join("%s %s" % (r[0], r[1]) for r in desc)
            if [r[0] for r in desc] != names:
                continue
            tt = types["ts"].upper()
            tsx = ("epoch_ms(ts)" if tt == "TIMESTAMP WITH TIME ZONE" else
                   "epoch_ms(CAST(ts AS TIMESTAMP))" if tt.startswith("TIMESTAMP") else "CAST(ts AS BIGINT)")
            norm[k] = ("SELECT CAST(txn_id AS BIGINT) AS txn_id, CAST(user_id AS VARCHAR) AS user_id, "
                       "CAST(merchant_id AS VARCHAR) AS merchant_id, CAST(category AS VARCHAR) AS category, "
                       "CAST(amount AS DOUBLE) AS amount, %s AS ts_ms FROM %s" % (tsx, src))
            row = con.execute(
                "SELECT count(*), sum(txn_id), sum(CAST(amount AS DECIMAL(38,2))), count(DISTINCT user_id), "
                "count(DISTINCT merchant_id), count(DISTINCT category), sum(ts_ms), min(ts_ms), max(ts_ms) "
                "FROM (%s)" % norm[k]).fetchone()
            aggs[k] = [str(v) for v in row]
        labels = ["rows", "sum(txn_id)", "sum(amount) as decimal", "distinct user_id", "distinct merchant_id",
                  "distinct category", "sum(ts ms)", "min(ts ms)", "max(ts ms)"]
        print("   check of the output%s against the input Parquet (all read by DuckDB):" % ("s" if len(checked) > 1 else ""))
        cols = ["input"] + checked
        verdict = {eng: (eng in aggs and aggs[eng] == aggs.get("input")) for eng in checked}
        rows_out = []
        for i, lab in enumerate(labels):
            rows_out.append([lab] + [aggs[k][i] if k in aggs else "-" for k in cols])
        if not a.no_row_diff and "input" in norm:
            for eng in checked:
                if eng not in norm:
                    continue
                d1 = con.execute("SELECT count(*) FROM (%s EXCEPT ALL %s)" % (norm["input"], norm[eng])).fetchone()[0]
                d2 = con.execute("SELECT count(*) FROM (%s EXCEPT ALL %s)" % (norm[eng], norm["input"])).fetchone()[0]
                norm[eng + "_diff"] = (d1, d2)
                if d1 or d2:
                    verdict[eng] = False
            rows_out.append(["rows only in input / only in output", "-"] +
                            ["%d / %d" % norm[e + "_diff"] if e + "_diff" in norm else "-" for e in checked])
        rows_out.append(["result", ""] + ["PASS" if verdict[e] else "FAIL" for e in checked])
        print_table(["check", "input parquet"] + ["TideDB out" if e == "tidedb" else "DuckDB out" for e in checked],
                    rows_out, indent="   ")
        for k in cols:
            print("   schema %-6s %s" % (k, schemas.get(k, "-")))
        con.close()
        if not all(verdict.values()):
            ok = False
        summary["export_check"] = verdict
    return summary, ok


# ------------------------------------------------------------------------------ part 3: PostgreSQL

def pg_bin():
    dirs = glob.glob("/usr/lib/postgresql/*/bin")
    if not dirs:
        raise SystemExit("no /usr/lib/postgresql/*/bin (PostgreSQL server binaries) for a throw-away server")
    return sorted(dirs, key=lambda d: [int(x) for x in re.findall(r"\d+", d)])[-1]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_pg(a):
    d = tempfile.mkdtemp(prefix="tide-offline-io-pg.")
    port = a.pg_port or free_port()
    p = subprocess.run(["bash", os.path.join(REPO, "scripts", "start-postgres.sh"), d, str(port)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        logs = ""
        for f in ("initdb.log", "server.log"):
            try:
                logs += "\n%s: %s" % (f, open(os.path.join(d, f)).read()[-1500:])
            except OSError:
                pass
        shutil.rmtree(d, ignore_errors=True)
        raise RuntimeError("start-postgres.sh failed (exit %d): %s%s" % (p.returncode, p.stderr.strip(), logs))
    return p.stdout.strip().splitlines()[-1], d


def stop_pg(d, keep):
    cmd = "'%s/pg_ctl' -D '%s/data' -m fast stop >/dev/null" % (pg_bin(), d)
    if os.geteuid() == 0:
        subprocess.run(["su", "postgres", "-s", "/bin/bash", "-c", cmd])
    else:
        subprocess.run(["bash", "-c", cmd])
    if not keep:
        shutil.rmtree(d, ignore_errors=True)


class Psql:
    def __init__(self, a, url):
        self.a, self.url = a, url
        self.exe = shutil.which("psql") or os.path.join(pg_bin(), "psql")
        self.env = dict(os.environ, PGTZ="UTC", PGOPTIONS="-c client_min_messages=warning")
        self.baseline = None

    def cmd(self, *args):
        return [self.exe, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url] + list(args)

    def run(self, sql=None, file=None):
        """Run SQL (or a file); raise on error; return stdout."""
        args = ["-f", file] if file else ["-c", sql]
        p = subprocess.run(self.cmd("-A", "-t", "-F", "|", *args), env=self.env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            raise RuntimeError("psql failed (exit %d): %s [%s]" % (p.returncode, p.stderr.strip()[-1500:],
                                                                   (sql or file)[:200]))
        return p.stdout

    def checkpoint(self):
        """CHECKPOINT before a timed write, so neither writer pays for the other's dirty pages
        (needs superuser or pg_checkpoint; skipped quietly without)."""
        try:
            self.run("CHECKPOINT")
        except RuntimeError:
            pass

    def rows(self, sql):
        return [line.split("|") for line in self.run(sql).splitlines() if line.strip()]

    def timed(self, sql, what):
        if self.baseline is None:
            self.baseline = min(run_measured(self.cmd("-c", "SELECT 1"), 60, self.env)["wall"] for _ in range(3))
        m = run_measured(self.cmd("-c", sql), self.a.timeout, self.env)
        if m["rc"] != 0:
            return {"error": "%s: psql exit %d: %s" % (what, m["rc"], m["stderr"].strip()[-1500:])}
        return {"seconds": max(m["wall"] - self.baseline, 1e-9), "wall": m["wall"], "rss_kb": m["rss_kb"]}


def pg_checksums(psql, table):
    """(dict label -> value text, normalized SELECT) for a table with the transactions columns."""
    types = dict((r[0], r[1]) for r in psql.rows(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = '%s' ORDER BY ordinal_position" % table))
    if not types:
        raise RuntimeError("table %s does not exist" % table)
    tst = types.get("ts", "")
    if tst.startswith("timestamp"):
        ts_s = "extract(epoch FROM ts)"
    elif tst in ("bigint", "integer", "numeric"):
        ts_s = "(ts::numeric / 1000)"
    else:
        raise RuntimeError("%s.ts has type %r (expected a timestamp)" % (table, tst))
    norm = ("SELECT txn_id::bigint AS txn_id, user_id::text AS user_id, merchant_id::text AS merchant_id, "
            "category::text AS category, amount::float8 AS amount, round(%s * 1000)::bigint AS ts_ms FROM %s"
            % (ts_s, table))
    labels = ["rows", "sum(txn_id)", "sum(amount::numeric)", "count(distinct user_id)",
              "count(distinct merchant_id)", "count(distinct category)", "sum(extract(epoch from ts))"]
    vals = psql.rows("SELECT count(*), sum(txn_id), sum(amount::numeric), count(DISTINCT user_id), "
                     "count(DISTINCT merchant_id), count(DISTINCT category), sum(%s) FROM %s" % (ts_s, table))[0]
    schema = ", ".join("%s %s" % kv for kv in types.items())
    return dict(zip(labels, vals)), labels, norm, schema


def run_postgres(a, data, work, tide_ok, ref_ok):
    csv_path = os.path.join(data, "transactions.csv")
    url = a.pg_url or os.environ.get("TIDE_TEST_POSTGRES_URL")
    pg_dir = None
    ok = True
    summary = {}
    if not url:
        url, pg_dir = start_pg(a)
        log("postgres: started a throw-away server in %s: %s" % (pg_dir, url))
    else:
        log("postgres: using %s" % re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url))
    psql = Psql(a, url)
    try:
        version = psql.rows("SHOW server_version")[0][0]
        # the first --pg-rows rows of transactions.csv, into offline_io_src
        src_csv = os.path.join(work, "pg-src.csv")
        n = 0
        with open(csv_path, "rb") as fin, open(src_csv, "wb") as fout:
            fout.write(fin.readline())
            for line in fin:
                if n >= a.pg_rows:
                    break
                fout.write(line)
                n += 1
        if n < a.pg_rows:
            log("postgres: transactions.csv has %d rows, fewer than --pg-rows %d; using %d" % (n, a.pg_rows, n))
        t0 = time.perf_counter()
        setup = os.path.join(work, "pg-setup.sql")
        with open(setup, "w") as f:
            f.write("DROP TABLE IF EXISTS %s, %s, %s, %s;\n" % (PG_STAGE, PG_SRC, PG_DST, PG_COPY))
            f.write("CREATE TABLE %s (txn_id bigint, user_id text, merchant_id text, category text, "
                    "amount double precision, ts bigint);\n" % PG_STAGE)
            f.write("\\copy %s FROM %s WITH (FORMAT csv, HEADER true)\n" % (PG_STAGE, q(src_csv)))
            f.write("CREATE TABLE %s AS SELECT txn_id, user_id, merchant_id, category, amount, "
                    "timestamptz 'epoch' + ts * interval '1 millisecond' AS ts FROM %s ORDER BY txn_id;\n"
                    % (PG_SRC, PG_STAGE))
            f.write("DROP TABLE %s;\n" % PG_STAGE)
            f.write("VACUUM (FREEZE, ANALYZE) %s;\n" % PG_SRC)
            f.write("CREATE TABLE %s (LIKE %s);\n" % (PG_COPY, PG_SRC))
        psql.run(file=setup)
        log("postgres: %s loaded with %d rows in %.1f s" % (PG_SRC, n, time.perf_counter() - t0))
        ref_csv = os.path.join(work, "pg-copy.csv")
        res = {"read": {"ref": [], "tidedb": []}, "write": {"ref": [], "tidedb": []}}
        tide_dir = os.path.join(work, "tide-pg")
        tide = None
        setup_err = None
        for run in range(a.runs):
            if ref_ok:
                if os.path.exists(ref_csv):
                    os.remove(ref_csv)
                res["read"]["ref"].append(psql.timed("\\copy %s TO %s CSV" % (PG_SRC, q(ref_csv)), "psql copy out"))
            if tide_ok:
                shutil.rmtree(tide_dir, ignore_errors=True)
                tide = Tide(a, tide_dir, work)
                setup_err = tide.script(["CREATE DATABASE %s" % TIDE_DB, "USE %s" % TIDE_DB,
                                         "CREATE TABLE t " + TXN_DDL], "pg-setup")
                if setup_err:
                    res["read"]["tidedb"].append({"error": setup_err})
                else:
                    r = tide.timed("LOAD DATA INFILE %s INTO TABLE t OPTIONS (format='postgresql', table='%s')"
                                   % (q(url), PG_SRC), "load-pg")
                    if "error" not in r and r.get("affected_rows") not in (None, n):
                        r["error"] = "LOAD DATA reported %s rows, expected %d" % (r["affected_rows"], n)
                    res["read"]["tidedb"].append(r)
            if ref_ok and "error" not in res["read"]["ref"][-1]:
                psql.run("TRUNCATE %s" % PG_COPY)
                psql.checkpoint()
                res["write"]["ref"].append(psql.timed("\\copy %s FROM %s CSV" % (PG_COPY, q(ref_csv)), "psql copy in"))
            if tide_ok and res["read"]["tidedb"] and "error" not in res["read"]["tidedb"][-1]:
                psql.run("DROP TABLE IF EXISTS %s" % PG_DST)
                psql.checkpoint()
                r = tide.timed("SELECT * FROM t INTO OUTFILE %s OPTIONS (format='postgresql', table='%s', "
                               "mode='overwrite')" % (q(url), PG_DST), "export-pg")
                res["write"]["tidedb"].append(r)

        print()
        print("== 3. PostgreSQL %s: %s rows of transactions (%s), %d run(s) ==" % (
            version, fmt_int(n), "throw-away server" if pg_dir else "server from --pg-url/$TIDE_TEST_POSTGRES_URL",
            a.runs))
        print("   read : TideDB LOAD DATA INFILE 'postgresql://...' INTO TABLE t OPTIONS (format='postgresql', "
              "table='%s')" % PG_SRC)
        print("          psql   \\copy %s TO 'file.csv' CSV" % PG_SRC)
        print("   write: TideDB SELECT * FROM t INTO OUTFILE 'postgresql://...' OPTIONS (format='postgresql', "
              "table='%s', mode='overwrite')" % PG_DST)
        print("          psql   \\copy %s FROM 'file.csv' CSV" % PG_COPY)
        headers = ["direction", "rows", "TideDB s", "TideDB rows/s", "TideDB RSS MB", "psql s", "psql rows/s",
                   "psql RSS MB", "TideDB/psql"]
        out_rows, errors, notes = [], [], []
        for direction, label in (("read", "PostgreSQL -> engine"), ("write", "engine -> PostgreSQL")):
            cells, secs = {}, {}
            for eng in ("tidedb", "ref"):
                runs = res[direction][eng]
                bad = [r for r in runs if "error" in r]
                for r in runs:
                    if r.get("flag"):
                        notes.append(r["flag"])
                if bad:
                    errors.append("%s %s: %s" % ("TideDB" if eng == "tidedb" else "psql", direction, bad[0]["error"]))
                    ok = False
                if runs and not bad:
                    secs[eng] = median([r["seconds"] for r in runs])
                    cells[eng] = (fmt_s(secs[eng]), fmt_int(n / secs[eng]), fmt_mb(max(r["rss_kb"] for r in runs)))
                else:
                    cells[eng] = ("error" if bad else ("skipped" if (eng == "tidedb" and tide_ok) or
                                                       (eng == "ref" and ref_ok) else "not run"), "-", "-")
            ratio = secs["ref"] / secs["tidedb"] if len(secs) == 2 else None
            summary[direction + "_ratio"] = ratio
            out_rows.append([label, fmt_int(n)] + list(cells["tidedb"]) + list(cells["ref"]) +
                            ["%.2f" % ratio if ratio else "-"])
        print_table(headers, out_rows)
        if psql.baseline is not None:
            print("   psql times are wall minus a `psql -c 'SELECT 1'` run (%.3f s); the CSV is %s MB"
                  % (psql.baseline, "{:,.1f}".format(os.path.getsize(ref_csv) / 1e6) if os.path.exists(ref_csv)
                     else "-"))
        for e in errors:
            print("   ERROR " + e)
        for x in notes:
            print("   note: " + x)

        # checksums
        targets = []
        if res["write"]["tidedb"] and "error" not in res["write"]["tidedb"][-1]:
            targets.append(("TideDB " + PG_DST, PG_DST))
        if res["write"]["ref"] and "error" not in res["write"]["ref"][-1]:
            targets.append(("psql " + PG_COPY, PG_COPY))
        summary["checks"] = {}
        if targets:
            src, labels, src_norm, src_schema = pg_checksums(psql, PG_SRC)
            got, schemas, verdict, diffs = {}, {PG_SRC: src_schema}, {}, {}
            for label, table in targets:
                try:
                    vals, _, norm, schemas[table] = pg_checksums(psql, table)
                    got[table] = vals
                    verdict[table] = vals == src
                    if not a.no_row_diff:
                        d1 = int(psql.rows("SELECT count(*) FROM (%s EXCEPT ALL %s) x" % (src_norm, norm))[0][0])
                        d2 = int(psql.rows("SELECT count(*) FROM (%s EXCEPT ALL %s) x" % (norm, src_norm))[0][0])
                        diffs[table] = (d1, d2)
                        verdict[table] = verdict[table] and d1 == 0 and d2 == 0
                except RuntimeError as e:
                    got[table] = {}
                    verdict[table] = False
                    schemas[table] = "error: %s" % e
            print("   check against %s:" % PG_SRC)
            rows_out = []
            for lab in labels:
                rows_out.append([lab, src[lab]] + [
                    got[t].get(lab, "-") + ("" if got[t].get(lab) == src[lab] else "  <- differs") for _, t in targets])
            if diffs:
                rows_out.append(["rows only in src / only in copy", "-"] +
                                ["%d / %d" % diffs[t] if t in diffs else "-" for _, t in targets])
            rows_out.append(["result", ""] + ["PASS" if verdict[t] else "FAIL" for _, t in targets])
            print_table(["check", PG_SRC] + [lab for lab, _ in targets], rows_out, right=set(), indent="   ")
            for t, s in schemas.items():
                print("   schema %-16s %s" % (t, s))
            for label, t in targets:
                summary["checks"][label] = verdict[t]
                if not verdict[t]:
                    ok = False
    finally:
        if not a.keep:
            try:
                psql.run("DROP TABLE IF EXISTS %s, %s, %s, %s" % (PG_STAGE, PG_SRC, PG_DST, PG_COPY))
            except RuntimeError as e:
                log("postgres: cleanup failed: %s" % e)
        if pg_dir:
            stop_pg(pg_dir, a.keep)
            if a.keep:
                print("kept the PostgreSQL data directory %s (stopped)" % pg_dir)
    return summary, ok


# ------------------------------------------------------------------------------ main

def probe_tide(a, work):
    """Version line of the binary, or an error text."""
    try:
        p = subprocess.run([a.tide, "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=60)
        return p.stdout.strip() or "(no version)", None
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "cannot run %s: %s" % (a.tide, e)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--duckdb-child":
        duck_child(sys.argv[2])
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tide", default=os.path.join(REPO, ".build", "release", "tide"), help="the tide binary")
    ap.add_argument("--size", default="medium", choices=["tiny", "small", "medium", "large"],
                    help="tidebench preset (default medium: 10M transactions)")
    ap.add_argument("--rows", type=int, help="transactions to generate instead of --size (gen.py --rows)")
    ap.add_argument("--data", help="an existing gen.py output directory (instead of --size/--rows)")
    ap.add_argument("--data-root", default=os.environ.get("TIDEBENCH_DATA") or
                    os.path.join(tempfile.gettempdir(), "tidebench-data"),
                    help="cache of generated data (default $TIDEBENCH_DATA or <temp>/tidebench-data)")
    ap.add_argument("--seed", type=int, default=20240101)
    ap.add_argument("--bench-dir", default=BENCH, help="tidebench (gen.py, tidebench_lib.py)")
    ap.add_argument("--compression", default="snappy", choices=["snappy", "zstd"],
                    help="Parquet compression of the input files and of both exports")
    ap.add_argument("--parquet-ts", default="timestamp", choices=["timestamp", "timestamp_ms", "bigint"],
                    help="type of ts/updated_ts in the input Parquet: DuckDB TIMESTAMP (INT64 micros), "
                         "TIMESTAMP_MS (INT64 millis) or BIGINT epoch ms (default timestamp)")
    ap.add_argument("--pg-rows", type=int, default=1_000_000, help="rows of transactions for part 3")
    ap.add_argument("--pg-url", help="PostgreSQL URL (default $TIDE_TEST_POSTGRES_URL, else a throw-away server)")
    ap.add_argument("--pg-port", type=int, default=0, help="port of the throw-away server (default: a free one)")
    ap.add_argument("--only", choices=["all", "duckdb", "tide"], default="all",
                    help="duckdb: only the references (DuckDB and psql), no tide; tide: only TideDB")
    ap.add_argument("--parts", default="parquet,postgres", help="comma list of parquet (1+2), postgres (3)")
    ap.add_argument("--runs", type=int, default=1, help="runs of every timed operation (median reported)")
    ap.add_argument("--no-row-diff", action="store_true", help="skip the row-level EXCEPT ALL checks")
    ap.add_argument("--work-dir", help="parent of the scratch directory (default: system temp)")
    ap.add_argument("--timeout", type=float, default=7200.0, help="seconds per process")
    ap.add_argument("--keep", action="store_true", help="keep the scratch directory and PostgreSQL tables")
    a = ap.parse_args()
    parts = {p.strip() for p in a.parts.split(",") if p.strip()}
    if not parts or parts - {"parquet", "postgres"}:
        ap.error("--parts: parquet and/or postgres")
    if a.runs < 1:
        ap.error("--runs must be >= 1")
    tide_ok = a.only in ("all", "tide")
    ref_ok = a.only in ("all", "duckdb")
    version = None
    if tide_ok:
        a.tide = os.path.abspath(shutil.which(a.tide) or a.tide)
        if not os.path.exists(a.tide):
            ap.error("no tide binary at %s (bash scripts/build-release.sh tide), or use --only duckdb" % a.tide)
        version, err = probe_tide(a, None)
        if err:
            ap.error(err)

    data = ensure_data(a)
    meta = read_meta(data)
    if not meta.get("transactions"):
        meta["transactions"] = str(count_csv_rows(os.path.join(data, "transactions.csv")))
    work = tempfile.mkdtemp(prefix="tide-offline-io.", dir=a.work_dir)
    info = {"cpus": os.cpu_count()}
    try:
        with open("/proc/meminfo") as f:
            info["ram_gib"] = round(int(re.search(r"MemTotal:\s*(\d+)", f.read()).group(1)) / 2 ** 20, 1)
    except (OSError, AttributeError):
        pass
    import duckdb
    print("offline_io: data %s (%s transactions), %s, %d cpus, %s GiB, loadavg %s" % (
        data, fmt_int(int(meta["transactions"])), time.strftime("%Y-%m-%d %H:%M"), info["cpus"],
        info.get("ram_gib", "?"), " ".join("%.2f" % x for x in os.getloadavg())))
    print("engines: %s; DuckDB %s (Python, default threads); --only %s" % (
        ("%s at %s" % (version, a.tide)) if tide_ok else "TideDB not run", duckdb.__version__, a.only))
    ok = True
    summary = {}
    try:
        if "parquet" in parts:
            s, good = run_parquet(a, data, meta, work, tide_ok, ref_ok)
            summary.update(s)
            ok = ok and good
        if "postgres" in parts:
            try:
                s, good = run_postgres(a, data, work, tide_ok, ref_ok)
            except RuntimeError as e:
                print("\n== 3. PostgreSQL ==\n   ERROR %s" % e)
                s, good = {}, False
            summary.update(s)
            ok = ok and good
    finally:
        if a.keep:
            print("kept: %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)

    def r(k):
        v = summary.get(k)
        return "%.2f" % v if v else "n/a"

    checks = []
    if summary.get("export_check"):
        checks += ["parquet %s %s" % (e, "PASS" if v else "FAIL") for e, v in summary["export_check"].items()]
    for label, v in (summary.get("checks") or {}).items():
        checks.append("postgres %s %s" % (label.split()[0].lower(), "PASS" if v else "FAIL"))
    print()
    print("offline_io (TideDB/reference rows/s): parquet load %s, parquet export %s, postgres read %s, "
          "postgres write %s; checks: %s; %s" % (r("load_ratio"), r("export_ratio"), r("read_ratio"),
                                                 r("write_ratio"), ", ".join(checks) or "none",
                                                 "OK" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
