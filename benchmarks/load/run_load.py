#!/usr/bin/env python3
"""Load benchmark of `tide serve`: a tidebench deployment over pgwire and over HTTP.

    python3 benchmarks/load/run_load.py --data /tmp/tidebench/small \
        --pg-port 5433 --http-port 9080 [--request-bench .build/release/tide-request-bench] \
        [--clients 32 --requests 10000] [--single-requests 2000]

The server must be running (benchmarks/load/run.sh builds, generates the data, starts
`tide serve` on free ports with a fresh data directory and calls this script). Phases:

 1. setup (over pgwire): CREATE DATABASE, the three tables of ../shared/bench/features.sql,
    LOAD DATA of transactions and refunds in online mode (what tide-request-bench loads), then
    DEPLOY tidebench <the feature SELECT of features.sql>, the same SQL text that
    tide-request-bench deploys and times in process (18 features, 7 windows, the union); with
    --full, user_profile too and DEPLOY tidebench_full <the whole script> (21 features, with the
    outer LAST JOIN), which the wire runs then call.
 2. in-process figure: tide-request-bench DATA N --alone (its own store, loaded from the same
    CSVs, the same deployment SQL, the first N rows of requests.csv; --alone times the
    deployment without the raw read of the same rows just before each call, which warms the
    caches and makes the call ~15% faster than a call that nothing prepared). Run first and last.
 3. single client, one protocol at a time, the same first N rows of requests.csv in order
    (the floors first, then the deployment rows, their order rotated from round to round):
    the round-trip floor (pgwire `SELECT 1`, HTTP `GET /health`), then the deployment over
    pgwire (psycopg simple query; psycopg extended protocol with a prepared statement; the
    same prepared statement through bare libpq) and over HTTP (http.client; a bare socket),
    then the same two lean clients in C (wire_client.c: the prepared statement through libpq,
    and HTTP over a bare socket; compiled once with `cc` into the temp directory, their rows
    skipped with the reason printed when there is no `cc`, no libpq-dev or it fails to build).
    These are the numbers that compare with the in-process figure: overhead = p50 over the
    wire - in-process p50. The bare Python clients and the C clients show how much of that is
    the client (each run also reports the client's CPU time per request).
 4. load: CLIENTS psycopg processes and CLIENTS HTTP processes at once (one connection each,
    multiprocessing: one process per client), REQUESTS requests each, request rows sampled
    from requests.csv (seeded per client). Latency per request measured in the client, from
    before sending to the whole answer read and decoded.

Every request must answer exactly one row (HTTP: status 200, "code": 0, one data row);
anything else counts as an error, and the script exits 1 if there was any error.
Needs `pip install "psycopg[binary]"`; the C rows need `cc` and libpq-dev.
"""
import argparse
import csv
import hashlib
import http.client
import json
import multiprocessing as mp
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from array import array

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
WIRE_CLIENT_C = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wire_client.c")
FEATURES = os.path.normpath(os.path.join(REPO, "..", "shared", "bench", "features.sql"))
TABLES = ["transactions", "refunds", "user_profile"]


# ----------------------------------------------------------------------------- helpers

def percentile(sorted_samples, p):
    """Nearest rank, as tide-request-bench: sorted[min(n - 1, int(n * p))]."""
    if not sorted_samples:
        return float("nan")
    return sorted_samples[min(len(sorted_samples) - 1, int(len(sorted_samples) * p))]


def read_requests(data_dir):
    with open(os.path.join(data_dir, "requests.csv"), newline="") as f:
        reader = csv.reader(f)
        next(reader)
        return [(int(r[0]), r[1], r[2], r[3], float(r[4]), int(r[5])) for r in reader]


def feature_sql():
    """(DDL statements, the inner feature SELECT, the whole feature query) of features.sql."""
    text = open(FEATURES).read()
    ddl_text = re.sub(r"--[^\n]*", "", text[text.index("CREATE TABLE transactions"):text.index("SELECT * FROM (")])
    ddl = [s.strip() for s in ddl_text.split(";") if s.strip()]
    # The same slice tide-request-bench deploys as "tidebench" (benchmarks/RequestLatency/main.swift).
    inner = text[text.index("  SELECT\n    txn_id, user_id"):text.index(") AS feat")]
    full = text[text.index("SELECT * FROM ("):].strip().rstrip(";")
    return ddl, inner, full


def pg_connect(port, db, user="tide"):
    import psycopg
    return psycopg.connect(host="127.0.0.1", port=port, user=user, dbname=db, autocommit=True, connect_timeout=30)


def sql_literal_row(r):
    return "(%d, '%s', '%s', '%s', %r, %d)" % r


def pg_statements(deployment, rows, mode):
    """What a psycopg client sends per request, built before timing starts."""
    if mode == "simple":
        return [("EXECUTE DEPLOYMENT %s VALUES %s" % (deployment, sql_literal_row(r)), None) for r in rows]
    if mode == "prepared":
        sql = "EXECUTE DEPLOYMENT %s VALUES (%%s, %%s, %%s, %%s, %%s, %%s)" % deployment
        return [(sql, r) for r in rows]
    if mode == "select1":
        return [("SELECT 1", None) for _ in rows]
    raise ValueError(mode)


def http_bodies(rows):
    return [json.dumps({"input": [list(r)]}, separators=(",", ":")).encode() for r in rows]


def check_http_answer(status, payload, health=False):
    """None when the answer is ok, else the error message."""
    if status != 200:
        return "HTTP %d: %s" % (status, payload[:200])
    if health:
        return None
    answer = json.loads(payload)
    if answer.get("code") != 0:
        return "code %r: %s" % (answer.get("code"), answer.get("msg"))
    n = len(answer["data"]["data"])
    return None if n == 1 else "expected 1 row, got %d" % n


# ----------------------------------------------------------------------------- clients
#
# A client is (connect, call): connect() opens the connection and returns call(i), which sends
# request i and returns None when the answer is ok or an error message. Everything a request
# sends is encoded before timing starts; the timed part is send, wait, read and decode.

def psycopg_client(port, db, deployment, mode, rows):
    """psycopg 3, one connection: simple query, or extended protocol with a prepared statement
    (psycopg prepares it once, then sends Bind/Execute per request)."""
    work = pg_statements(deployment, rows, mode)
    prepare = mode == "prepared"  # else simple query (psycopg would auto-prepare after 5 uses)

    def connect():
        cur = pg_connect(port, db).cursor()

        def call(i):
            sql, params = work[i]
            cur.execute(sql, params, prepare=prepare)
            answer = cur.fetchall()
            return None if len(answer) == 1 else "expected 1 row, got %d" % len(answer)
        call.close = cur.connection.close
        return call
    return connect


def libpq_client(port, db, deployment, mode, rows):
    """The same prepared statement through psycopg's libpq binding directly (no Python-side
    adaptation of parameters or results): the leanest client Python has, to show how much of
    the wire time is the client."""
    from psycopg import pq
    sql = ("EXECUTE DEPLOYMENT %s VALUES ($1, $2, $3, $4, $5, $6)" % deployment).encode()
    params = [[str(v).encode() for v in r] for r in rows]

    def connect():
        conn = pg_connect(port, db)
        pg = conn.pgconn
        # bigint, text x3, double, bigint: the types psycopg sends (an untyped $6 would be taken
        # as a timestamp and need timestamp text rather than epoch milliseconds)
        res = pg.prepare(b"load", sql, [20, 25, 25, 25, 701, 20])
        if res.status != pq.ExecStatus.COMMAND_OK:
            raise RuntimeError(res.error_message.decode())

        def call(i):
            res = pg.exec_prepared(b"load", params[i])
            if res.status != pq.ExecStatus.TUPLES_OK:
                return "status %s: %s" % (res.status, res.error_message.decode())
            return None if res.ntuples == 1 else "expected 1 row, got %d" % res.ntuples
        call.close = conn.close
        return call
    return connect


def httpclient_client(port, db, deployment, mode, rows):
    """http.client, one keep-alive connection."""
    if mode == "health":
        method, path, bodies, headers = "GET", "/health", [None] * len(rows), {}
    else:
        method, path = "POST", "/dbs/%s/deployments/%s" % (db, deployment)
        bodies, headers = http_bodies(rows), {"Content-Type": "application/json"}

    def connect():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

        def call(i):
            conn.request(method, path, bodies[i], headers)
            resp = conn.getresponse()
            return check_http_answer(resp.status, resp.read(), mode == "health")
        call.close = conn.close
        return call
    return connect


def rawhttp_client(port, db, deployment, mode, rows):
    """HTTP/1.1 keep-alive over a bare socket: pre-built request bytes, the answer read by its
    Content-Length (the leanest HTTP client Python has)."""
    import socket
    path = "/dbs/%s/deployments/%s" % (db, deployment)
    requests = [b"POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                % (path.encode(), len(b), b) for b in http_bodies(rows)]

    def connect():
        sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buf = bytearray()

        def call(i):
            sock.sendall(requests[i])
            while True:
                head_end = buf.find(b"\r\n\r\n")
                if head_end >= 0:
                    break
                chunk = sock.recv(65536)
                if not chunk:
                    raise ConnectionError("server closed the connection")
                buf.extend(chunk)
            head = bytes(buf[:head_end]).lower()
            at = head.find(b"content-length:")
            length = int(head[at + 15:head.find(b"\r\n", at) if head.find(b"\r\n", at) > 0 else None])
            total = head_end + 4 + length
            while len(buf) < total:
                chunk = sock.recv(65536)
                if not chunk:
                    raise ConnectionError("server closed the connection")
                buf.extend(chunk)
            status = int(head[9:12])
            payload = bytes(buf[head_end + 4:total])
            del buf[:total]
            return check_http_answer(status, payload)
        call.close = sock.close
        return call
    return connect


CLIENTS = {"psycopg": psycopg_client, "libpq": libpq_client, "http.client": httpclient_client, "raw": rawhttp_client}


def client_process(cid, kind, port, db, deployment, mode, rows, warmup, barrier, results):
    """One client process: warm up, wait at the barrier, time every request. Puts (cid, latencies
    µs, errors, first error messages, start, end, client CPU seconds of the timed loop) on results."""
    lat = array("d")
    errors, messages = 0, []
    start = end = cpu = 0.0
    try:
        connect = CLIENTS[kind](port, db, deployment, mode, rows)
        call = connect()
        for i in range(min(warmup, len(rows))):
            call(i)
        if barrier is not None:
            barrier.wait()
        perf = time.perf_counter
        start, cpu0 = time.time(), time.process_time()
        for i in range(len(rows)):
            t0 = perf()
            try:
                msg = call(i)
            except Exception as e:  # noqa: BLE001 - any failure is an error of the run
                msg = "%s: %s" % (type(e).__name__, e)
                try:
                    call.close()
                finally:
                    call = connect()
            lat.append((perf() - t0) * 1e6)
            if msg is not None:
                errors += 1
                if len(messages) < 5:
                    messages.append(msg)
        end, cpu = time.time(), time.process_time() - cpu0
        call.close()
    except Exception as e:  # noqa: BLE001
        errors += max(1, len(rows) - len(lat))
        messages.append("client %d aborted: %s: %s" % (cid, type(e).__name__, e))
        end = end or time.time()
    results.put((cid, lat.tobytes(), errors, messages, start, end, cpu))


def run_clients(groups, timeout):
    """groups: [(label, [client_process args after cid, one tuple per client])]; all clients
    of all groups start together at one barrier. Returns {label: summary}."""
    ctx = mp.get_context("fork")
    total = sum(len(g[1]) for g in groups)
    barrier = ctx.Barrier(total)
    results = ctx.Queue()
    procs, owner = [], {}
    cid = 0
    for label, client_args in groups:
        for args in client_args:
            p = ctx.Process(target=client_process, args=(cid,) + args + (barrier, results), daemon=True)
            owner[cid] = label
            procs.append(p)
            cid += 1
    for p in procs:
        p.start()
    collected = {label: [] for label, _ in groups}
    deadline = time.time() + timeout
    got = 0
    while got < total:
        try:
            item = results.get(timeout=max(1.0, deadline - time.time()))
        except Exception:  # queue.Empty
            break
        collected[owner[item[0]]].append(item)
        got += 1
    hung = total - got
    for p in procs:
        p.join(timeout=5)
        if p.is_alive():
            p.kill()
    out = {}
    for label, client_args in groups:
        items = collected[label]
        lat = array("d")
        errors, messages = 0, []
        for _, blob, e, m, _, _, _ in items:
            part = array("d")
            part.frombytes(blob)
            lat.extend(part)
            errors += e
            messages.extend(m)
        missing = len(client_args) - len(items)
        if missing:
            errors += missing * len(client_args[0][5])
            messages.append("%d client(s) did not finish within %d s (hang?)" % (missing, timeout))
        starts = [i[4] for i in items if i[4] and i[5]]
        ends = [i[5] for i in items if i[4] and i[5]]
        wall = (max(ends) - min(starts)) if starts and ends else float("nan")
        s = sorted(lat)
        out[label] = {
            "clients": len(client_args), "requests": len(s), "errors": errors, "messages": messages[:10],
            "p50": percentile(s, 0.5), "p99": percentile(s, 0.99), "p999": percentile(s, 0.999),
            "mean": (sum(s) / len(s)) if s else float("nan"), "max": s[-1] if s else float("nan"),
            "client_cpu_us": sum(i[6] for i in items) / len(lat) * 1e6 if len(lat) else float("nan"),
            "wall_s": wall,
            # fairness: how long the fastest and the slowest client took for all its requests
            "client_wall_min_s": min(e - b for b, e in zip(starts, ends)) if starts and ends else float("nan"),
            "client_wall_max_s": max(e - b for b, e in zip(starts, ends)) if starts and ends else float("nan"),
            "qps": len(s) / wall if wall and wall == wall and wall > 0 else float("nan"),
        }
    if hung:
        print("WARNING: %d client(s) never reported" % hung, file=sys.stderr)
    return out


# ----------------------------------------------------------------------------- the C client
#
# wire_client.c: one client in C (libpq's prepared statement, or HTTP over a bare socket) that
# times the same requests as the Python single-client runs and prints the same summary as one
# JSON line, to measure the protocol overhead without a Python client's own cost.

C_CLIENTS = {"C libpq": "pg", "C socket": "http"}  # client kind -> wire_client mode


def wire_client_binary():
    """Compiles wire_client.c once into the temp directory (cached by a hash of the source and
    the compile command); returns the binary, or None after printing why it cannot."""
    cc = shutil.which("cc")
    if cc is None:
        print("  no `cc`: skipping the C client rows", flush=True)
        return None
    flags = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--includedir"], capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.strip():
            flags.append("-I" + out.stdout.strip())
    if os.path.isdir("/usr/include/postgresql"):
        flags.append("-I/usr/include/postgresql")
    source = open(WIRE_CLIENT_C, "rb").read()
    key = hashlib.sha1(source + " ".join(flags).encode()).hexdigest()[:12]
    binary = os.path.join(tempfile.gettempdir(), "tide_wire_client_%s_%d" % (key, os.getuid()))
    if os.access(binary, os.X_OK):
        return binary
    partial = "%s.%d.tmp" % (binary, os.getpid())
    try:
        out = subprocess.run([cc, "-std=c11", "-O2", "-o", partial, WIRE_CLIENT_C] + flags + ["-lpq"],
                             capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        print("  cannot compile %s (%s): skipping the C client rows" % (WIRE_CLIENT_C, e), flush=True)
        return None
    if out.returncode != 0:
        print("  cannot compile %s (is libpq-dev installed?), skipping the C client rows:\n%s" %
              (WIRE_CLIENT_C, (out.stdout + out.stderr).strip()[-2000:]), flush=True)
        try:
            os.unlink(partial)
        except OSError:
            pass
        return None
    os.replace(partial, binary)
    return binary


def c_client_run(binary, kind, port, db, deployment, data, n, warmup, timeout):
    """One wire_client run over the first n rows of requests.csv (the single-client rows) with
    `warmup` untimed requests first; returns a summary as run_clients does."""
    cmd = [binary, C_CLIENTS[kind], str(port), db, deployment,
           os.path.join(os.path.abspath(data), "requests.csv"), str(n), str(warmup)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        problem = None if out.returncode == 0 else "wire_client exited with %d: %s" % (
            out.returncode, out.stderr.strip()[-500:])
    except subprocess.TimeoutExpired:
        problem = "wire_client did not finish within %d s (hang?)" % timeout
    if problem is None:
        try:
            # latencies the C client could not measure come as null
            line = out.stdout.strip().splitlines()[-1]
            s = {k: (float("nan") if v is None else v) for k, v in json.loads(line).items()}
        except (ValueError, IndexError) as e:
            problem = "cannot parse wire_client output (%s): %r" % (e, out.stdout[-500:])
    if problem is not None:
        nan = float("nan")
        s = {"clients": 1, "requests": 0, "errors": n, "messages": [problem], "p50": nan, "p99": nan,
             "p999": nan, "mean": nan, "max": nan, "client_cpu_us": nan, "wall_s": nan, "qps": nan}
    s["client_wall_min_s"] = s["client_wall_max_s"] = s["wall_s"]
    return s


# ----------------------------------------------------------------------------- phases

def setup(args, ddl, inner, full):
    conn = pg_connect(args.pg_port, "tide")
    cur = conn.cursor()
    cur.execute("CREATE DATABASE %s" % args.db)
    cur.execute("USE %s" % args.db)
    for statement in ddl:
        cur.execute(statement)
    cur.execute("SET @@execute_mode = 'online'")
    # Without --full the store holds what tide-request-bench's holds (transactions, refunds),
    # so the server's deployment reads the same store layout as the in-process figure.
    for table in TABLES if args.full else TABLES[:2]:
        t0 = time.time()
        path = os.path.abspath(os.path.join(args.data, table + ".csv"))
        cur.execute("LOAD DATA INFILE '%s' INTO TABLE %s OPTIONS (format='csv', header=true, mode='append')"
                    % (path, table))
        print("  LOAD DATA %s: %s in %.2f s" % (table, cur.statusmessage, time.time() - t0), flush=True)
    t0 = time.time()
    if args.full:
        # The whole script; its outer LAST JOIN makes DEPLOY add an index on transactions.txn_id.
        cur.execute("DEPLOY %s %s" % (args.deployment, full))
    else:
        cur.execute("DEPLOY %s %s" % (args.deployment, inner))
    print("  DEPLOY %s in %.2f s" % (args.deployment, time.time() - t0), flush=True)
    conn.close()


def check_answers(args, rows):
    """The same request over pgwire and HTTP gives the same features (a sanity check)."""
    conn = pg_connect(args.pg_port, args.db)
    cur = conn.cursor()
    h = http.client.HTTPConnection("127.0.0.1", args.http_port, timeout=60)
    for r in rows[:20]:
        cur.execute("EXECUTE DEPLOYMENT %s VALUES %s" % (args.deployment, sql_literal_row(r)))
        pg = cur.fetchall()
        h.request("POST", "/dbs/%s/deployments/%s" % (args.db, args.deployment), http_bodies([r])[0],
                  {"Content-Type": "application/json"})
        answer = json.loads(h.getresponse().read())
        hv = answer["data"]["data"][0]
        pv = list(pg[0])
        # pgwire returns ts as a datetime; compare every other column
        same = len(hv) == len(pv) and all(
            a == b or (isinstance(a, float) and isinstance(b, float) and abs(a - b) <= 1e-9 * max(1, abs(a)))
            for i, (a, b) in enumerate(zip(hv, pv)) if i != 4)
        if not same:
            print("  MISMATCH for %r:\n    http %r\n    pg   %r" % (r, hv, pv))
            return False
    conn.close()
    h.close()
    return True


def in_process(args):
    if not args.request_bench:
        return None
    out = subprocess.run([args.request_bench, os.path.abspath(args.data), str(args.single_requests), "--alone"],
                         cwd=REPO, capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        print(out.stdout + out.stderr)
        raise SystemExit("tide-request-bench failed")
    # "tidebench alone": the deployment timed on its own (the figure a call over the wire compares
    # with); "tidebench": each call right after the raw read of the same rows, which warms the caches.
    m = re.search(r"^tidebench alone: (\d+) requests; request p50 (\d+) µs p99 (\d+) µs p999 (\d+) µs mean (\d+)",
                  out.stdout, re.M)
    w = re.search(r"^tidebench: \d+ requests.*?request p50 (\d+) µs p99 (\d+) µs", out.stdout, re.M)
    if not m or not w:
        raise SystemExit("cannot parse tide-request-bench output (built with --alone?):\n" + out.stdout)
    return {"requests": int(m.group(1)), "p50": float(m.group(2)), "p99": float(m.group(3)),
            "p999": float(m.group(4)), "mean": float(m.group(5)),
            "after_raw_read_p50": float(w.group(1)), "after_raw_read_p99": float(w.group(2))}


def server_histogram(args, deployment):
    """(count, sum seconds) of the server's own timing of the deployment's calls (HTTP requests
    and prepared pgwire calls)."""
    h = http.client.HTTPConnection("127.0.0.1", args.http_port, timeout=60)
    h.request("GET", "/metrics")
    text = h.getresponse().read().decode()
    h.close()
    count = total = 0.0
    for line in text.splitlines():
        if 'deployment="%s"' % deployment not in line or 'database="%s"' % args.db not in line:
            continue
        if line.startswith("tide_deployment_request_seconds_count"):
            count = float(line.rsplit(" ", 1)[1])
        elif line.startswith("tide_deployment_request_seconds_sum"):
            total = float(line.rsplit(" ", 1)[1])
    return count, total


def fmt(x):
    return "—" if x is None or x != x else "%.0f" % x


def median(xs):
    xs = sorted(x for x in xs if x == x)
    if not xs:
        return float("nan")
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def brief(summary):
    return {k: (round(v, 1) if isinstance(v, float) else v) for k, v in summary.items() if k != "messages"}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="gen.py output directory (requests.csv and the tables)")
    ap.add_argument("--pg-port", type=int, required=True)
    ap.add_argument("--http-port", type=int, required=True)
    ap.add_argument("--db", default="tidebench")
    ap.add_argument("--full", action="store_true",
                    help="deploy and call the whole features.sql (21 features, with the outer LAST JOIN to "
                         "user_profile) instead of its feature SELECT (18 features), the SQL tide-request-bench "
                         "times in process; the in-process figure then does not compare")
    ap.add_argument("--request-bench", help="path to tide-request-bench (the in-process figure); omit to skip")
    ap.add_argument("--clients", type=int, default=32, help="clients per protocol in the load run")
    ap.add_argument("--requests", type=int, default=10000, help="requests per client in the load run")
    ap.add_argument("--single-requests", type=int, default=2000,
                    help="requests of each single-client run and of tide-request-bench")
    ap.add_argument("--rounds", type=int, default=3,
                    help="rounds of (in-process, every single-client run) before the load run; one more "
                         "in-process run after it")
    ap.add_argument("--pg-mode", choices=["prepared", "simple"], default="prepared",
                    help="pgwire load: extended protocol with a prepared statement, or simple query")
    ap.add_argument("--warmup", type=int, default=20, help="untimed requests per client before the barrier")
    ap.add_argument("--sequential", action="store_true",
                    help="load run: pgwire clients, then HTTP clients (default: both at once)")
    ap.add_argument("--skip-setup", action="store_true", help="database, tables and deployments exist already")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds before a load phase counts as hung")
    ap.add_argument("--json", help="write all figures to this file")
    args = ap.parse_args()
    args.deployment = "tidebench_full" if args.full else "tidebench"

    ddl, inner, full = feature_sql()
    requests = read_requests(args.data)
    report = {"args": vars(args), "machine": {"cpus": os.cpu_count(), "load_avg_at_start": os.getloadavg()}}
    print("TideDB load benchmark: %s, %d request rows; pg %d, http %d; load avg %.2f" %
          (args.data, len(requests), args.pg_port, args.http_port, os.getloadavg()[0]), flush=True)

    if not args.skip_setup:
        print("setup", flush=True)
        setup(args, ddl, inner, full)
    if not check_answers(args, requests):
        raise SystemExit("pgwire and HTTP answers differ")

    single_rows = requests[:args.single_requests]
    a = (args.db, args.deployment)
    pg, ht = args.pg_port, args.http_port
    singles = [  # label, client kind, port, mode
        ("pgwire SELECT 1, psycopg (floor)", "psycopg", pg, "select1"),
        ("HTTP GET /health, http.client (floor)", "http.client", ht, "health"),
        ("pgwire simple query, psycopg", "psycopg", pg, "simple"),
        ("pgwire prepared, psycopg", "psycopg", pg, "prepared"),
        ("pgwire prepared, bare libpq", "libpq", pg, "prepared"),
        ("HTTP, http.client", "http.client", ht, "deploy"),
        ("HTTP, bare socket", "raw", ht, "deploy"),
        ("pgwire prepared, C libpq", "C libpq", pg, "prepared"),
        ("HTTP, C socket", "C socket", ht, "deploy"),
    ]
    wire_client = wire_client_binary()
    if wire_client is None:
        singles = [s for s in singles if s[1] not in C_CLIENTS]
    ips, rounds = [], {label: [] for label, _, _, _ in singles}
    for r in range(args.rounds):
        print("round %d of %d" % (r + 1, args.rounds), flush=True)
        if args.request_bench:
            ips.append(in_process(args))
            print("  in-process (tide-request-bench --alone): %s" % ips[-1], flush=True)
        # The floors first, then the deployment rows in an order rotated each round, so that no
        # client is always timed last (the server's own call time drifts within a round).
        floors = [x for x in singles if "floor" in x[0]]
        calls = [x for x in singles if "floor" not in x[0]]
        shift = r * len(calls) // args.rounds if calls else 0
        for label, kind, port, mode in floors + calls[shift:] + calls[:shift]:
            before = server_histogram(args, args.deployment)
            if kind in C_CLIENTS:
                summary = c_client_run(wire_client, kind, port, args.db, args.deployment, args.data,
                                       len(single_rows), args.warmup, args.timeout)
            else:
                summary = run_clients([(label, [(kind, port) + a + (mode, single_rows, args.warmup)])],
                                      args.timeout)[label]
            if mode in ("deploy", "prepared"):  # the calls the server times (not simple queries)
                after = server_histogram(args, args.deployment)
                n = after[0] - before[0]
                summary["server_mean"] = (after[1] - before[1]) / n * 1e6 if n else float("nan")
            rounds[label].append(summary)
            print("  single client, %s: %s" % (label, brief(summary)), flush=True)

    pg_label = "pgwire %s, psycopg" % ("prepared" if args.pg_mode == "prepared" else "simple query")
    http_label = "HTTP, http.client"
    rng_rows = []
    for c in range(args.clients):
        rng = random.Random(1000 + c)
        rng_rows.append([requests[rng.randrange(len(requests))] for _ in range(args.requests)])
    pg_group = (pg_label, [("psycopg", pg) + a + (args.pg_mode, rng_rows[c], args.warmup)
                           for c in range(args.clients)])
    http_group = (http_label, [("http.client", ht) + a + ("deploy", rng_rows[c], args.warmup)
                               for c in range(args.clients)])
    load = {}
    t0 = time.time()
    before = server_histogram(args, args.deployment)
    if args.sequential:
        for group in (pg_group, http_group):
            print("load: %s, %d clients x %d requests" % (group[0], args.clients, args.requests), flush=True)
            load.update(run_clients([group], args.timeout))
    else:
        print("load: %d psycopg + %d HTTP clients at once, %d requests each" %
              (args.clients, args.clients, args.requests), flush=True)
        load.update(run_clients([pg_group, http_group], args.timeout))
    after = server_histogram(args, args.deployment)
    n = after[0] - before[0]
    load[http_label]["server_mean"] = (after[1] - before[1]) / n * 1e6 if n else float("nan")
    load_wall = time.time() - t0
    for label, s in load.items():
        print("  %s: %s" % (label, brief(s)), flush=True)

    if args.request_bench:
        ips.append(in_process(args))
        print("in-process (tide-request-bench --alone), after the load: %s" % ips[-1], flush=True)

    # ------------------------------------------------------------------ report
    print()
    print("%d round(s) of the single-client runs; p50 as median (min) over the rounds, the other columns medians"
          % args.rounds)
    print()
    print("| run | clients × requests | p50 µs | p99 µs | p999 µs | mean µs | req/s | client CPU µs/req "
          "| errors |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    ip_p50 = ip_p50_min = None
    if ips:
        ip_p50, ip_p50_min = median(x["p50"] for x in ips), min(x["p50"] for x in ips)
        print("| in-process, tide-request-bench --alone (%d runs) | 1 × %d | %s (%s) | %s | %s | %s | %s | — | 0 |" %
              (len(ips), ips[0]["requests"], fmt(ip_p50), fmt(ip_p50_min), fmt(median(x["p99"] for x in ips)),
               fmt(median(x["p999"] for x in ips)), fmt(median(x["mean"] for x in ips)),
               fmt(1e6 / median(x["mean"] for x in ips))))
        print("| in-process, each call right after the raw read of its rows | 1 × %d | %s (%s) | %s "
              "| — | — | — | — | 0 |" % (ips[0]["requests"], fmt(median(x["after_raw_read_p50"] for x in ips)),
                 fmt(min(x["after_raw_read_p50"] for x in ips)), fmt(median(x["after_raw_read_p99"] for x in ips))))
    single = {}
    for label, rs in rounds.items():
        m = {k: median(r[k] for r in rs) for k in ("p50", "p99", "p999", "mean", "qps", "client_cpu_us")}
        m.update(p50_min=min(r["p50"] for r in rs), errors=sum(r["errors"] for r in rs),
                 server_mean=median(r.get("server_mean", float("nan")) for r in rs))
        single[label] = m
        print("| single client: %s | 1 × %d | %s (%s) | %s | %s | %s | %s | %s | %d |" %
              (label, len(single_rows), fmt(m["p50"]), fmt(m["p50_min"]), fmt(m["p99"]), fmt(m["p999"]),
               fmt(m["mean"]), fmt(m["qps"]), fmt(m["client_cpu_us"]), m["errors"]))
    for label, s in load.items():
        print("| load%s: %s | %d × %d | %s | %s | %s | %s | %s | %s | %d |" %
              ("" if args.sequential else " (both at once)", label, s["clients"], args.requests, fmt(s["p50"]),
               fmt(s["p99"]), fmt(s["p999"]), fmt(s["mean"]), fmt(s["qps"]), fmt(s["client_cpu_us"]), s["errors"]))
    if not args.sequential:
        print("(load: req/s of each protocol over its own clients' wall time, %s; all %d requests in %.0f s, "
              "%s req/s)" % (", ".join("%s %.0f s" % (label, s["wall_s"]) for label, s in load.items()),
                             sum(s["requests"] for s in load.values()), load_wall,
                             fmt(sum(s["requests"] for s in load.values()) / load_wall)))
        print("(slowest / fastest client: %s)" % ", ".join(
            "%s %.0f / %.0f s" % (label, s["client_wall_max_s"], s["client_wall_min_s"]) for label, s in load.items()))
    if ip_p50 is not None:
        print()
        print("protocol overhead = single-client p50 - in-process p50 (tide-request-bench --alone), "
              "medians (and mins) over the rounds; in-process %s (%s) µs:" % (fmt(ip_p50), fmt(ip_p50_min)))
        for label, m in single.items():
            if "floor" not in label:
                print("  %-30s %+5.0f µs (%+5.0f µs)   client CPU %s µs/request" %
                      (label, m["p50"] - ip_p50, m["p50_min"] - ip_p50_min, fmt(m["client_cpu_us"])))
        print("  round-trip floor p50: pgwire SELECT 1 %s µs, HTTP GET /health %s µs" %
              (fmt(single["pgwire SELECT 1, psycopg (floor)"]["p50"]),
               fmt(single["HTTP GET /health, http.client (floor)"]["p50"])))
        print("  HTTP deployment time inside the server (tide_deployment_request_seconds, mean): single client "
              "%s µs (in-process mean %s µs); under load %s µs" %
              (fmt(single["HTTP, http.client"]["server_mean"]), fmt(median(x["mean"] for x in ips)),
               fmt(load[http_label].get("server_mean"))))
        print()
        print("the same calls timed inside the server: mean over the wire - mean of the call in the server "
              "(tide_deployment_request_seconds; what the protocol and the round trip add, whatever the "
              "machine's drift between the in-process run and the wire run), medians over the rounds:")
        for label, m in single.items():
            if m["server_mean"] == m["server_mean"]:
                print("  %-30s %+5.0f µs   (wire mean %s µs, in the server %s µs)" %
                      (label, m["mean"] - m["server_mean"], fmt(m["mean"]), fmt(m["server_mean"])))
    print("load phase wall time %.0f s; load average now %.2f" % (load_wall, os.getloadavg()[0]))

    errors = sum(sum(r["errors"] for r in rs) for rs in rounds.values()) + sum(s["errors"] for s in load.values())
    for label, rs in rounds.items():
        for m in [m for r in rs for m in r["messages"]][:10]:
            print("  error (%s): %s" % (label, m))
    for label, s in load.items():
        for m in s["messages"]:
            print("  error (%s): %s" % (label, m))
    report.update({"in_process": ips, "single_rounds": rounds, "single": single, "load": load, "errors": errors,
                   "load_wall_s": load_wall, "load_avg_at_end": os.getloadavg()})
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)
    print("errors: %d" % errors)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
