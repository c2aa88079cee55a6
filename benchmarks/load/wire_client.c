/* One client calling a TideDB deployment over the wire, in C: the protocol overhead of
 * `tide serve` without a Python client's own cost (see run_load.py, which compiles and runs it).
 *
 *   wire_client pg   PORT DB DEPLOYMENT REQUESTS_CSV N WARMUP
 *   wire_client http PORT DB DEPLOYMENT REQUESTS_CSV N WARMUP
 *
 * Reads the first N rows of requests.csv (txn_id,user_id,merchant_id,category,amount,ts after a
 * header; cycled if the file has fewer), builds every request before timing, makes WARMUP
 * untimed requests (rows 0.., at most N), then N timed ones (rows 0..N-1), one at a time.
 *   pg:   libpq, PQprepare("EXECUTE DEPLOYMENT DEP VALUES ($1, ..., $6)", types bigint, text x3,
 *         double, bigint) once, then PQexecPrepared with text parameters per request (what
 *         run_load.py's libpq_client does); ok = PGRES_TUPLES_OK with exactly one row.
 *   http: one keep-alive TCP connection (TCP_NODELAY), POST /dbs/DB/deployments/DEP with the
 *         JSON body run_load.py's http_bodies builds, the answer read by its Content-Length;
 *         ok = status 200, top-level "code" 0 and exactly one row in data.data (check_http_answer).
 * A request that breaks the connection is an error and the client reconnects (run_load.py's
 * clients do the same). Prints one JSON line: latencies in µs (clock_gettime CLOCK_MONOTONIC
 * around each request; percentiles nearest rank, sorted[min(n - 1, (int)(n * p))], as
 * run_load.py), client_cpu_us = CLOCK_PROCESS_CPUTIME_ID of the timed loop per request.
 * Exit 0 when it ran (request errors are in the JSON), 2 on bad usage, input or connection.
 * Build: cc -O2 -o wire_client wire_client.c -I/usr/include/postgresql -lpq */
#define _POSIX_C_SOURCE 200809L
#include <libpq-fe.h>

#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------------------- helpers */

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "wire_client: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) die("out of memory");
    return p;
}

static double clock_s(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A growable byte string. */
typedef struct {
    char *p;
    size_t len, cap;
} Buf;

static void buf_reserve(Buf *b, size_t extra) {
    if (b->len + extra + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + extra + 1) cap *= 2;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
}

static void buf_add(Buf *b, const char *s, size_t n) {
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void buf_printf(Buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Python's repr(float) (what str(float) and json.dumps print): the shortest digits that read
 * back as the same double; fixed notation for decimal exponents -4..15 (with ".0" when there
 * is no fraction), else d[.ddd]e+XX. */
static void python_float(double v, char *out, size_t size) {
    if (isnan(v)) { snprintf(out, size, "nan"); return; }
    if (isinf(v)) { snprintf(out, size, v < 0 ? "-inf" : "inf"); return; }
    char e[40];
    for (int prec = 0; prec <= 16; prec++) {
        snprintf(e, sizeof e, "%.*e", prec, v);
        if (strtod(e, NULL) == v) break;
    }
    /* e: [-]d[.ddd]e[+-]XX */
    const char *s = e;
    int neg = *s == '-';
    if (neg) s++;
    char digits[24];
    size_t nd = 0;
    const char *q = s;
    for (; *q && *q != 'e'; q++)
        if (*q >= '0' && *q <= '9' && nd < sizeof digits - 1) digits[nd++] = *q;
    digits[nd] = 0;
    int exp10 = atoi(q + 1);
    while (nd > 1 && digits[nd - 1] == '0') digits[--nd] = 0;
    Buf b = {0};
    if (neg) buf_add(&b, "-", 1);
    if (v == 0) {
        buf_add(&b, "0.0", 3);
    } else if (exp10 >= -4 && exp10 < 16) {
        if (exp10 < 0) {
            buf_add(&b, "0.", 2);
            for (int i = 0; i < -exp10 - 1; i++) buf_add(&b, "0", 1);
            buf_add(&b, digits, nd);
        } else {
            size_t intlen = (size_t)exp10 + 1;
            if (nd <= intlen) {
                buf_add(&b, digits, nd);
                for (size_t i = nd; i < intlen; i++) buf_add(&b, "0", 1);
                buf_add(&b, ".0", 2);
            } else {
                buf_add(&b, digits, intlen);
                buf_add(&b, ".", 1);
                buf_add(&b, digits + intlen, nd - intlen);
            }
        }
    } else {
        buf_add(&b, digits, 1);
        if (nd > 1) {
            buf_add(&b, ".", 1);
            buf_add(&b, digits + 1, nd - 1);
        }
        buf_printf(&b, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
    }
    snprintf(out, size, "%s", b.p);
    free(b.p);
}

/* A JSON string as json.dumps writes it (ensure_ascii: non-ASCII as \uXXXX). */
static void json_string(Buf *b, const char *s, size_t n) {
    buf_add(b, "\"", 1);
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        unsigned c = *p;
        if (c == '"') buf_add(b, "\\\"", 2);
        else if (c == '\\') buf_add(b, "\\\\", 2);
        else if (c == '\n') buf_add(b, "\\n", 2);
        else if (c == '\r') buf_add(b, "\\r", 2);
        else if (c == '\t') buf_add(b, "\\t", 2);
        else if (c == '\b') buf_add(b, "\\b", 2);
        else if (c == '\f') buf_add(b, "\\f", 2);
        else if (c < 0x20 || c == 0x7f) buf_printf(b, "\\u%04x", c);
        else if (c < 0x80) buf_add(b, (const char *)p, 1);
        else {
            /* decode one UTF-8 sequence; a malformed byte is written as U+FFFD */
            unsigned cp = 0xfffd;
            int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
            if (len > 1 && p + len <= end) {
                cp = c & (0x3f >> (len - 1));
                for (int i = 1; i < len; i++) {
                    if ((p[i] & 0xc0) != 0x80) { cp = 0xfffd; len = 1; break; }
                    cp = (cp << 6) | (p[i] & 0x3f);
                }
            } else {
                len = 1;
            }
            p += len - 1;
            if (cp >= 0x10000) {
                cp -= 0x10000;
                buf_printf(b, "\\u%04x\\u%04x", 0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
            } else {
                buf_printf(b, "\\u%04x", cp);
            }
        }
        p++;
    }
    buf_add(b, "\"", 1);
}

/* ------------------------------------------------------------------------------- requests.csv */

typedef struct {
    char *txn_id, *user, *merchant, *category, *amount, *ts; /* parameter text, as str() in Python */
} Row;

/* One CSV record (Python's csv module, default dialect: "" inside quotes is a quote, quoted
 * fields may span lines). Returns the number of fields, 0 at the end of the input. */
static int csv_record(const char **pp, const char *end, char **fields, int max) {
    const char *p = *pp;
    while (p < end && (*p == '\n' || *p == '\r')) p++; /* skip blank lines */
    if (p >= end) { *pp = p; return 0; }
    int n = 0;
    for (;;) {
        Buf f = {0};
        buf_reserve(&f, 0);
        f.p[0] = 0;
        if (p < end && *p == '"') {
            p++;
            for (;;) {
                if (p >= end) break;
                if (*p == '"') {
                    if (p + 1 < end && p[1] == '"') { buf_add(&f, "\"", 1); p += 2; continue; }
                    p++;
                    break;
                }
                buf_add(&f, p, 1);
                p++;
            }
        }
        while (p < end && *p != ',' && *p != '\n' && *p != '\r') { buf_add(&f, p, 1); p++; }
        if (n < max) fields[n] = f.p; else free(f.p);
        n++;
        if (p < end && *p == ',') { p++; continue; }
        if (p < end && *p == '\r') p++;
        if (p < end && *p == '\n') p++;
        break;
    }
    *pp = p;
    return n;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open %s: %s", path, strerror(errno));
    Buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return b.p ? b.p : xmalloc(1);
}

static char *integer_text(const char *s, const char *what, long line) {
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    while (*end == ' ' || *end == '\t') end++;
    if (errno || end == s || *end) die("requests.csv line %ld: bad %s %s", line, what, s);
    char t[32];
    snprintf(t, sizeof t, "%lld", v);
    return strdup(t);
}

/* The first `want` rows (fewer if the file has fewer). */
static Row *read_requests(const char *path, long want, long *count) {
    size_t len;
    char *text = read_file(path, &len);
    const char *p = text, *end = text + len;
    char *fields[6];
    int n = csv_record(&p, end, fields, 6); /* header */
    for (int i = 0; i < n && i < 6; i++) free(fields[i]);
    Row *rows = xmalloc(sizeof(Row) * (size_t)(want > 0 ? want : 1));
    long got = 0, line = 1;
    while (got < want && (n = csv_record(&p, end, fields, 6)) > 0) {
        line++;
        if (n < 6) die("requests.csv line %ld: %d fields, need 6", line, n);
        Row *r = &rows[got++];
        r->txn_id = integer_text(fields[0], "txn_id", line);
        r->user = fields[1];
        r->merchant = fields[2];
        r->category = fields[3];
        char *e;
        double amount = strtod(fields[4], &e);
        if (e == fields[4]) die("requests.csv line %ld: bad amount %s", line, fields[4]);
        char t[40];
        python_float(amount, t, sizeof t);
        r->amount = strdup(t);
        r->ts = integer_text(fields[5], "ts", line);
        free(fields[0]);
        free(fields[4]);
        free(fields[5]);
    }
    free(text);
    *count = got;
    return rows;
}

/* ------------------------------------------------------------------------------- results */

#define MAX_MESSAGES 5
static char *messages[MAX_MESSAGES];
static int n_messages;
static long errors;

static void note_error(const char *msg) {
    errors++;
    if (n_messages < MAX_MESSAGES) messages[n_messages++] = strdup(msg);
}

/* ------------------------------------------------------------------------------- pgwire */

static PGconn *pg;
static char pg_conninfo[512];
static char *pg_sql;
static const Oid pg_types[6] = {20, 25, 25, 25, 701, 20}; /* bigint, text x3, double, bigint */

/* Connects and prepares; NULL when ok, else the error message (static). */
static const char *pg_open(void) {
    static char err[1024];
    pg = PQconnectdb(pg_conninfo);
    if (PQstatus(pg) != CONNECTION_OK) {
        snprintf(err, sizeof err, "connect: %s", PQerrorMessage(pg));
        return err;
    }
    PGresult *res = PQprepare(pg, "load", pg_sql, 6, pg_types);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        snprintf(err, sizeof err, "prepare: %s: %s", PQresStatus(PQresultStatus(res)),
                 res ? PQresultErrorMessage(res) : PQerrorMessage(pg));
        PQclear(res);
        return err;
    }
    PQclear(res);
    return NULL;
}

/* One request; 0 when the answer is ok, else 1 with the message in err. */
static int pg_call(const Row *r, char *err, size_t size) {
    const char *values[6] = {r->txn_id, r->user, r->merchant, r->category, r->amount, r->ts};
    PGresult *res = PQexecPrepared(pg, "load", 6, values, NULL, NULL, 0);
    int bad = 1;
    ExecStatusType st = PQresultStatus(res);
    if (!res) snprintf(err, size, "no result: %s", PQerrorMessage(pg));
    else if (st != PGRES_TUPLES_OK) snprintf(err, size, "status %s: %s", PQresStatus(st), PQresultErrorMessage(res));
    else if (PQntuples(res) != 1) snprintf(err, size, "expected 1 row, got %d", PQntuples(res));
    else bad = 0;
    PQclear(res);
    return bad;
}

static int pg_broken(void) { return PQstatus(pg) != CONNECTION_OK; }

static void pg_close(void) {
    PQfinish(pg);
    pg = NULL;
}

/* ------------------------------------------------------------------------------- HTTP */

static int http_fd = -1;
static int http_port;
static Buf http_in; /* bytes read and not consumed yet */
static int http_dead;

static const char *http_open(void) {
    static char err[256];
    http_in.len = 0;
    http_dead = 0;
    http_fd = socket(AF_INET, SOCK_STREAM, 0);
    if (http_fd < 0) {
        snprintf(err, sizeof err, "socket: %s", strerror(errno));
        return err;
    }
    int one = 1;
    setsockopt(http_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct timeval tv = {60, 0}; /* as run_load.py's socket timeout */
    setsockopt(http_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(http_fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)http_port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(http_fd, (struct sockaddr *)&a, sizeof a) != 0) {
        snprintf(err, sizeof err, "connect to 127.0.0.1:%d: %s", http_port, strerror(errno));
        close(http_fd);
        http_fd = -1;
        return err;
    }
    return NULL;
}

static void http_close(void) {
    if (http_fd >= 0) close(http_fd);
    http_fd = -1;
}

static int http_broken(void) { return http_dead; }

/* Reads more bytes into http_in; 0 ok, else 1 with the message in err (connection unusable). */
static int http_fill(char *err, size_t size) {
    buf_reserve(&http_in, 65536);
    ssize_t n;
    do n = recv(http_fd, http_in.p + http_in.len, 65536, 0); while (n < 0 && errno == EINTR);
    if (n > 0) {
        http_in.len += (size_t)n;
        http_in.p[http_in.len] = 0;
        return 0;
    }
    http_dead = 1;
    if (n == 0) snprintf(err, size, "ConnectionError: server closed the connection");
    else snprintf(err, size, "recv: %s", strerror(errno));
    return 1;
}

/* --- just enough JSON to check an answer: find top-level "code", "msg" and data.data */

typedef struct {
    const char *p, *end;
} J;

static void j_ws(J *j) {
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')) j->p++;
}

/* A string at j->p: its raw contents (escapes not decoded) in [*s, *s + *n). */
static int j_string(J *j, const char **s, size_t *n) {
    if (j->p >= j->end || *j->p != '"') return -1;
    const char *start = ++j->p;
    while (j->p < j->end && *j->p != '"') {
        if (*j->p == '\\') j->p++;
        j->p++;
    }
    if (j->p >= j->end) return -1;
    *s = start;
    *n = (size_t)(j->p - start);
    j->p++;
    return 0;
}

static int j_value(J *j, int depth);

/* Walks the members of the object at j->p; calls member(key, keylen, j, ctx) with j at each
 * value, which must consume it (or leave it to j_value by returning 1). */
typedef int (*member_fn)(const char *key, size_t keylen, J *j, void *ctx);

static int j_object(J *j, int depth, member_fn member, void *ctx) {
    if (j->p >= j->end || *j->p != '{') return -1;
    j->p++;
    j_ws(j);
    if (j->p < j->end && *j->p == '}') { j->p++; return 0; }
    for (;;) {
        const char *k;
        size_t kn;
        j_ws(j);
        if (j_string(j, &k, &kn)) return -1;
        j_ws(j);
        if (j->p >= j->end || *j->p != ':') return -1;
        j->p++;
        j_ws(j);
        int r = member ? member(k, kn, j, ctx) : 1;
        if (r < 0) return -1;
        if (r == 1 && j_value(j, depth + 1)) return -1;
        j_ws(j);
        if (j->p < j->end && *j->p == ',') { j->p++; continue; }
        if (j->p < j->end && *j->p == '}') { j->p++; return 0; }
        return -1;
    }
}

/* An array; *count gets its number of elements. */
static int j_array(J *j, int depth, long *count) {
    if (j->p >= j->end || *j->p != '[') return -1;
    j->p++;
    *count = 0;
    j_ws(j);
    if (j->p < j->end && *j->p == ']') { j->p++; return 0; }
    for (;;) {
        j_ws(j);
        if (j_value(j, depth + 1)) return -1;
        (*count)++;
        j_ws(j);
        if (j->p < j->end && *j->p == ',') { j->p++; continue; }
        if (j->p < j->end && *j->p == ']') { j->p++; return 0; }
        return -1;
    }
}

static int j_value(J *j, int depth) {
    if (depth > 64 || j->p >= j->end) return -1;
    char c = *j->p;
    if (c == '{') return j_object(j, depth, NULL, NULL);
    if (c == '[') { long n; return j_array(j, depth, &n); }
    if (c == '"') { const char *s; size_t n; return j_string(j, &s, &n); }
    const char *start = j->p;
    while (j->p < j->end && !strchr(",}] \t\r\n", *j->p)) j->p++;
    return j->p > start ? 0 : -1;
}

typedef struct {
    int has_code, code_zero;
    const char *code, *msg; /* raw value text */
    size_t code_len, msg_len;
    long rows; /* -1: no data.data array */
} Answer;

static int inner_member(const char *key, size_t kn, J *j, void *ctx) {
    Answer *a = ctx;
    if (kn == 4 && !memcmp(key, "data", 4) && j->p < j->end && *j->p == '[')
        return j_array(j, 1, &a->rows) ? -1 : 0;
    if (kn == 4 && !memcmp(key, "data", 4)) a->rows = -1; /* a later "data" overrides, as in Python */
    return 1;
}

static int top_member(const char *key, size_t kn, J *j, void *ctx) {
    Answer *a = ctx;
    const char *start = j->p;
    if (kn == 4 && !memcmp(key, "code", 4)) {
        if (j_value(j, 1)) return -1;
        a->has_code = 1;
        a->code = start;
        a->code_len = (size_t)(j->p - start);
        char t[64];
        size_t n = a->code_len < sizeof t - 1 ? a->code_len : sizeof t - 1;
        memcpy(t, start, n);
        t[n] = 0;
        char *e;
        double v = strtod(t, &e);
        /* answer.get("code") != 0: a number equal to 0 (or false) */
        a->code_zero = (e != t && *e == 0 && v == 0) || !strcmp(t, "false");
        return 0;
    }
    if (kn == 3 && !memcmp(key, "msg", 3)) {
        if (j_value(j, 1)) return -1;
        a->msg = start;
        a->msg_len = (size_t)(j->p - start);
        return 0;
    }
    if (kn == 4 && !memcmp(key, "data", 4)) {
        a->rows = -1;
        if (j->p < j->end && *j->p == '{') return j_object(j, 1, inner_member, a) ? -1 : 0;
        return 1;
    }
    return 1;
}

/* As run_load.py's check_http_answer: 0 when ok, else 1 with the message in err. */
static int check_answer(int status, const char *body, size_t len, char *err, size_t size) {
    if (status != 200) {
        snprintf(err, size, "HTTP %d: %.*s", status, (int)(len < 200 ? len : 200), body);
        return 1;
    }
    Answer a = {0};
    a.rows = -1;
    J j = {body, body + len};
    j_ws(&j);
    if (j_object(&j, 0, top_member, &a)) {
        snprintf(err, size, "JSONDecodeError: %.*s", (int)(len < 200 ? len : 200), body);
        return 1;
    }
    if (!a.has_code || !a.code_zero) {
        /* the message as Python prints it: a string without its quotes, its simple escapes decoded */
        Buf m = {0};
        buf_add(&m, "", 0);
        if (!a.msg) buf_add(&m, "None", 4);
        else if (a.msg_len < 2 || a.msg[0] != '"') buf_add(&m, a.msg, a.msg_len);
        else
            for (size_t i = 1; i + 1 < a.msg_len; i++) {
                char c = a.msg[i];
                if (c == '\\' && i + 2 < a.msg_len) {
                    c = a.msg[++i];
                    c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
                    if (a.msg[i] == 'u') buf_add(&m, "\\", 1);
                }
                buf_add(&m, &c, 1);
            }
        snprintf(err, size, "code %.*s: %s", a.has_code ? (int)a.code_len : 4, a.has_code ? a.code : "None", m.p);
        free(m.p);
        return 1;
    }
    if (a.rows < 0) {
        snprintf(err, size, "no data.data array in the answer: %.*s", (int)(len < 200 ? len : 200), body);
        return 1;
    }
    if (a.rows != 1) {
        snprintf(err, size, "expected 1 row, got %ld", a.rows);
        return 1;
    }
    return 0;
}

typedef struct {
    char *p;
    size_t len;
} Request;

static Request *http_requests;

static int http_call(long i, char *err, size_t size) {
    const Request *q = &http_requests[i];
    size_t sent = 0;
    while (sent < q->len) {
        ssize_t n = send(http_fd, q->p + sent, q->len - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            http_dead = 1;
            snprintf(err, size, "send: %s", strerror(errno));
            return 1;
        }
        sent += (size_t)n;
    }
    char *head_end;
    size_t scanned = 0;
    for (;;) {
        head_end = http_in.len ? strstr(http_in.p + (scanned > 3 ? scanned - 3 : 0), "\r\n\r\n") : NULL;
        if (head_end) break;
        scanned = http_in.len;
        if (http_fill(err, size)) return 1;
    }
    size_t head_len = (size_t)(head_end - http_in.p);
    /* Content-Length, case-insensitive, at the start of a header line */
    long length = -1;
    for (const char *line = http_in.p; line && line < head_end;) {
        const char *next = strstr(line, "\r\n");
        if (!strncasecmp(line, "content-length:", 15)) {
            char *e;
            length = strtol(line + 15, &e, 10);
            if (e == line + 15) length = -1;
            break;
        }
        line = next ? next + 2 : NULL;
    }
    if (length < 0 || head_len < 12 || strncmp(http_in.p, "HTTP/", 5)) {
        http_dead = 1; /* cannot find the end of this answer: the stream is lost */
        snprintf(err, size, "ValueError: no Content-Length in the answer: %.*s", (int)(head_len < 200 ? head_len : 200),
                 http_in.p);
        return 1;
    }
    int status = atoi(http_in.p + 9);
    size_t total = head_len + 4 + (size_t)length;
    while (http_in.len < total)
        if (http_fill(err, size)) return 1;
    /* the body ends where the next answer may start: check it in place, then drop it */
    int bad = check_answer(status, http_in.p + head_len + 4, (size_t)length, err, size);
    memmove(http_in.p, http_in.p + total, http_in.len - total);
    http_in.len -= total;
    http_in.p[http_in.len] = 0;
    return bad;
}

/* ------------------------------------------------------------------------------- main */

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double percentile(const double *s, long n, double p) {
    if (n == 0) return NAN;
    long i = (long)((double)n * p);
    return s[i < n - 1 ? i : n - 1];
}

static void json_number(const char *name, double v, const char *fmt) {
    printf(",\"%s\":", name);
    if (isnan(v) || isinf(v)) printf("null");
    else printf(fmt, v);
}

int main(int argc, char **argv) {
    if (argc != 8 || (strcmp(argv[1], "pg") && strcmp(argv[1], "http"))) {
        fprintf(stderr, "usage: %s pg|http PORT DB DEPLOYMENT REQUESTS_CSV N WARMUP\n", argv[0]);
        return 2;
    }
    int is_pg = !strcmp(argv[1], "pg");
    char *e;
    long port = strtol(argv[2], &e, 10);
    if (*e || port <= 0 || port > 65535) die("bad port %s", argv[2]);
    const char *db = argv[3], *deployment = argv[4], *csv_path = argv[5];
    long n = strtol(argv[6], &e, 10);
    if (*e || n <= 0) die("bad N %s", argv[6]);
    long warmup = strtol(argv[7], &e, 10);
    if (*e || warmup < 0) die("bad WARMUP %s", argv[7]);
    if (warmup > n) warmup = n; /* as run_load.py: min(warmup, len(rows)) */

    long nrows;
    Row *file_rows = read_requests(csv_path, n, &nrows);
    if (nrows == 0) die("%s has no request rows", csv_path);
    Row *rows = xmalloc(sizeof(Row) * (size_t)n);
    for (long i = 0; i < n; i++) rows[i] = file_rows[i % nrows];

    const char *(*open_fn)(void);
    void (*close_fn)(void);
    int (*broken_fn)(void);
    if (is_pg) {
        snprintf(pg_conninfo, sizeof pg_conninfo, "host=127.0.0.1 port=%ld dbname=%s user=tide",
                 port, db);
        Buf sql = {0};
        buf_printf(&sql, "EXECUTE DEPLOYMENT %s VALUES ($1, $2, $3, $4, $5, $6)", deployment);
        pg_sql = sql.p;
        open_fn = pg_open, close_fn = pg_close, broken_fn = pg_broken;
    } else {
        http_port = (int)port;
        http_requests = xmalloc(sizeof(Request) * (size_t)n);
        Buf path = {0};
        buf_printf(&path, "/dbs/%s/deployments/%s", db, deployment);
        for (long i = 0; i < n; i++) {
            /* json.dumps({"input": [list(r)]}, separators=(",", ":")) */
            const Row *r = &rows[i];
            Buf body = {0};
            buf_printf(&body, "{\"input\":[[%s,", r->txn_id);
            json_string(&body, r->user, strlen(r->user));
            buf_add(&body, ",", 1);
            json_string(&body, r->merchant, strlen(r->merchant));
            buf_add(&body, ",", 1);
            json_string(&body, r->category, strlen(r->category));
            const char *amount = r->amount;
            /* json.dumps writes NaN / Infinity / -Infinity */
            if (!strcmp(amount, "nan")) amount = "NaN";
            else if (!strcmp(amount, "inf")) amount = "Infinity";
            else if (!strcmp(amount, "-inf")) amount = "-Infinity";
            buf_printf(&body, ",%s,%s]]}", amount, r->ts);
            Buf req = {0};
            buf_printf(&req, "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             "Content-Length: %zu\r\n\r\n", path.p, body.len);
            buf_add(&req, body.p, body.len);
            free(body.p);
            http_requests[i].p = req.p;
            http_requests[i].len = req.len;
        }
        open_fn = http_open, close_fn = http_close, broken_fn = http_broken;
    }

    /* A failure to connect is fatal; a connection that connects but cannot prepare (say, no such
     * deployment) makes every request an error, as run_load.py's libpq_client (client aborted). */
    const char *open_err = open_fn();
    double *lat = xmalloc(sizeof(double) * (size_t)n);
    long done = 0;
    double wall = NAN, cpu = 0;
    char err[1024];
    if (open_err && is_pg && !strncmp(open_err, "prepare:", 8)) {
        snprintf(err, sizeof err, "client aborted: %s", open_err);
        note_error(err);
        errors = n;
        close_fn();
    } else if (open_err) {
        die("%s", open_err);
    } else {
        const char *abort_err = NULL;
        for (long i = 0; i < warmup && !abort_err; i++) {
            if ((is_pg ? pg_call(&rows[i], err, sizeof err) : http_call(i, err, sizeof err)) && broken_fn()) {
                close_fn();
                abort_err = open_fn();
            }
        }
        double start = clock_s(CLOCK_MONOTONIC), cpu0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
        for (long i = 0; i < n && !abort_err; i++) {
            struct timespec t0, t1;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            int bad = is_pg ? pg_call(&rows[i], err, sizeof err) : http_call(i, err, sizeof err);
            if (bad && broken_fn()) { /* reconnect, timed, as run_load.py's client_process */
                close_fn();
                abort_err = open_fn();
            }
            clock_gettime(CLOCK_MONOTONIC, &t1);
            lat[done++] = (double)(t1.tv_sec - t0.tv_sec) * 1e6 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e3;
            if (bad) note_error(err);
        }
        cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
        wall = clock_s(CLOCK_MONOTONIC) - start;
        if (abort_err) {
            snprintf(err, sizeof err, "client aborted: reconnect: %s", abort_err);
            errors += n - done > 1 ? n - done : 1;
            if (n_messages < MAX_MESSAGES) messages[n_messages++] = strdup(err);
        } else {
            close_fn();
        }
    }

    qsort(lat, (size_t)done, sizeof(double), cmp_double);
    double sum = 0;
    for (long i = 0; i < done; i++) sum += lat[i];
    printf("{\"clients\":1,\"requests\":%ld,\"errors\":%ld", done, errors);
    json_number("p50", percentile(lat, done, 0.5), "%.3f");
    json_number("p99", percentile(lat, done, 0.99), "%.3f");
    json_number("p999", percentile(lat, done, 0.999), "%.3f");
    json_number("mean", done ? sum / (double)done : NAN, "%.3f");
    json_number("max", done ? lat[done - 1] : NAN, "%.3f");
    json_number("client_cpu_us", done ? cpu / (double)done * 1e6 : NAN, "%.3f");
    json_number("wall_s", wall, "%.6f");
    json_number("qps", done && wall > 0 ? (double)done / wall : NAN, "%.1f");
    printf(",\"messages\":[");
    for (int i = 0; i < n_messages; i++) {
        Buf m = {0};
        json_string(&m, messages[i], strlen(messages[i]));
        printf("%s%s", i ? "," : "", m.p);
        free(m.p);
    }
    printf("]}\n");
    return 0;
}
