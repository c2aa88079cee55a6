"""Parquet in and out of a real `tide serve`, checked against pyarrow, DuckDB and pandas.

LOAD DATA INFILE ... OPTIONS (format='parquet'): files written by pyarrow and DuckDB with every
encoding, page version, codec and layout they offer, loaded and read back value for value;
corrupt files fail cleanly and change nothing. SELECT ... INTO OUTFILE ... OPTIONS
(format='parquet'): files TideDB writes read back unchanged in pyarrow, DuckDB and pandas, with
the logical types, statistics, row groups and encodings promised, and load back into TideDB.

Every test works in a database of its own on the module's server."""
import datetime
import itertools
import math
import os
import random
import re
import struct
import tempfile

import duckdb
import psycopg
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import Server

# ---------------------------------------------------------------------------------------------
# The table every value test uses, its columns and how each column's values compare.

COLUMNS = ["id", "b", "s", "i", "l", "f", "d", "str", "dt", "ts"]
KINDS = {"id": "int", "b": "bool", "s": "int", "i": "int", "l": "int", "f": "f32", "d": "f64",
         "str": "str", "dt": "date", "ts": "int"}
CREATE_ALL = ("CREATE TABLE {t} (id bigint, b bool, s smallint, i int, l bigint, f float, d double, "
              "str string, dt date, ts timestamp, INDEX(KEY=id))")
# Timestamps are compared as epoch milliseconds: no time zone or datetime range in the way.
SELECT_ALL = "SELECT id, b, s, i, l, f, d, str, dt, cast(ts as bigint) AS ts FROM {t} ORDER BY id"

F32_MAX = 3.4028234663852886e38          # the largest float32, exactly
F32_MIN_SUBNORMAL = 1.401298464324817e-45
F64_MAX = 1.7976931348623157e308
F64_MIN_SUBNORMAL = 5e-324
I64_MIN, I64_MAX = -2 ** 63, 2 ** 63 - 1
I32_MIN, I32_MAX = -2 ** 31, 2 ** 31 - 1
TS_1900 = -2208988800000                 # 1900-01-01T00:00:00Z in ms
TS_9999 = 253402300799999                # 9999-12-31T23:59:59.999Z in ms
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)

UNICODE = [
    "héllo wörld", "日本語のテキスト", "🙂🚀 emoji (4-byte UTF-8)", "e\u0301 combining accent",
    "مرحبا بالعالم", "zero\u200bwidth", "tab\there", "new\nline", "carriage\r\nreturn",
    "quote ' double \" backslash \\", "NULL", "\\N", "null", "", " leading and trailing ",
    "Ω≈ç√∫˜µ≤≥÷", "\U0010FFFF last code point", "a,b;c|d", "ÿ\u0080\u07ff\u0800\uffff",
]


def f32(x):
    """x rounded to float32, as a Python float (exact)."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


def sample_rows(n=240):
    """Rows (tuples in COLUMNS order) covering NULL in every column, the extremes of every type,
    NaN, infinities, signed zero, subnormals, dates and timestamps before 1970, unicode."""
    ts_lo, ts_hi = TS_1900, TS_9999
    rows = [
        (1, None, None, None, None, None, None, None, None, None),
        (2, False, -32768, I32_MIN, I64_MIN, -F32_MAX, -F64_MAX, "", datetime.date(1900, 1, 1), ts_lo),
        (3, True, 32767, I32_MAX, I64_MAX, F32_MAX, F64_MAX, "x" * 70000 + "🙂",
         datetime.date(9999, 12, 31), ts_hi),
        (4, True, 0, 0, 0, math.nan, math.nan, "NULL", datetime.date(1969, 12, 31), -1),
        (5, False, -1, -1, -1, math.inf, math.inf, "\\N", datetime.date(1970, 1, 1), 0),
        (6, True, 1, 1, 1, -math.inf, -math.inf, "é", datetime.date(1950, 6, 15), 1),
        (7, False, 2, 2, 2, -0.0, -0.0, "🙂 日本語", datetime.date(2000, 2, 29), 951782400123),
        (8, True, -2, -2, -2, F32_MIN_SUBNORMAL, F64_MIN_SUBNORMAL, "a", datetime.date(1969, 1, 1),
         -86400000 * 365 - 1),
    ]
    for k in range(9, n + 1):
        sign = -1 if k % 2 else 1
        vals = [
            k,
            k % 3 == 0,
            (k * 137) % 65536 - 32768,
            sign * ((k * 1000003) % I32_MAX),
            sign * k * 10 ** 14 + k,
            f32(sign * k / 7.0),
            sign * k / 3.0 * 1e10,
            UNICODE[k % len(UNICODE)] + "-%d" % k,
            datetime.date(1900, 1, 1) + datetime.timedelta(days=k * 151),
            TS_1900 + k * 12345678912 + (k % 1000),
        ]
        for c in range(1, len(vals)):
            if (k * 7 + c * 3) % 11 == 0:
                vals[c] = None
        rows.append(tuple(vals))
    return rows


def arrow_schema(ts_type=pa.timestamp("ms", tz="UTC"), required_id=True):
    return pa.schema([
        pa.field("id", pa.int64(), nullable=not required_id),
        pa.field("b", pa.bool_()),
        pa.field("s", pa.int16()),
        pa.field("i", pa.int32()),
        pa.field("l", pa.int64()),
        pa.field("f", pa.float32()),
        pa.field("d", pa.float64()),
        pa.field("str", pa.string()),
        pa.field("dt", pa.date32()),
        pa.field("ts", ts_type),
    ])


def ms_to_unit(ms, unit):
    return None if ms is None else ms * {"ms": 1, "us": 1000, "ns": 1000000}[unit]


def arrow_table(rows, ts_type=pa.timestamp("ms", tz="UTC"), required_id=True):
    schema = arrow_schema(ts_type, required_id)
    cols = list(zip(*rows)) if rows else [[] for _ in COLUMNS]
    arrays = []
    for name, values in zip(COLUMNS, cols):
        field = schema.field(name)
        if name == "ts":
            unit = ts_type.unit if pa.types.is_timestamp(ts_type) else "ms"
            arrays.append(pa.array([ms_to_unit(v, unit) for v in values], type=pa.int64()).cast(field.type))
        else:
            arrays.append(pa.array(list(values), type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def floor_div(a, b):
    return a // b  # Python's // rounds toward negative infinity


def rows_from_parquet(path, columns=COLUMNS):
    """The file's rows as pyarrow reads them, in the comparison form (timestamps as epoch ms,
    truncated toward negative infinity; plain int64 columns as they are)."""
    table = pq.read_table(path, columns=columns)
    out = []
    cols = []
    for name in columns:
        arr = table.column(name)
        if pa.types.is_timestamp(arr.type):
            per_ms = {"ms": 1, "us": 1000, "ns": 1000000}[arr.type.unit]
            raw = arr.cast(pa.int64()).to_pylist()
            cols.append([None if v is None else floor_div(v, per_ms) for v in raw])
        else:
            cols.append(arr.to_pylist())
    for row in zip(*cols):
        out.append(tuple(row))
    return sorted(out, key=lambda r: r[0])


def same_value(kind, got, want):
    if want is None or got is None:
        return got is None and want is None
    if kind == "f32":
        if math.isnan(want):
            return isinstance(got, float) and math.isnan(got)
        return struct.pack("<f", got) == struct.pack("<f", want)
    if kind == "f64":
        if math.isnan(want):
            return isinstance(got, float) and math.isnan(got)
        return struct.pack("<d", got) == struct.pack("<d", want)
    if kind == "bool":
        return got is want or (isinstance(got, bool) and got == want)
    return type(got) is type(want) and got == want


def assert_rows_equal(got, want, columns=COLUMNS, kinds=None):
    kinds = kinds or KINDS
    got = list(got)
    assert len(got) == len(want), "row count: got %d, want %d" % (len(got), len(want))
    for g, w in zip(got, want):
        assert len(g) == len(w) == len(columns)
        for name, gv, wv in zip(columns, g, w):
            if not same_value(kinds[name], gv, wv):
                raise AssertionError("row id=%r column %s: got %r, want %r" % (w[0], name,
                                                                                 short(gv), short(wv)))


def short(v):
    if isinstance(v, str) and len(v) > 80:
        return v[:40] + "...(%d chars)" % len(v)
    return v


# ---------------------------------------------------------------------------------------------
# A minimal reader of Thrift compact structs, to find pages inside a file (pyarrow does not
# expose page headers): used to check that test files really have many pages and to corrupt
# the bytes of one page precisely.

def _varint(buf, pos):
    shift = result = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def _zigzag(n):
    return (n >> 1) ^ -(n & 1)


def _skip(buf, pos, t, in_list=False):
    if t in (1, 2):
        return pos + 1 if in_list else pos
    if t == 3:
        return pos + 1
    if t in (4, 5, 6):
        return _varint(buf, pos)[1]
    if t == 7:
        return pos + 8
    if t == 8:
        n, pos = _varint(buf, pos)
        return pos + n
    if t in (9, 10):
        h = buf[pos]
        pos += 1
        n, et = h >> 4, h & 0x0F
        if n == 15:
            n, pos = _varint(buf, pos)
        for _ in range(n):
            pos = _skip(buf, pos, et, in_list=True)
        return pos
    if t == 11:
        n, pos = _varint(buf, pos)
        if n:
            kv = buf[pos]
            pos += 1
            for _ in range(n):
                pos = _skip(buf, pos, kv >> 4, True)
                pos = _skip(buf, pos, kv & 0x0F, True)
        return pos
    if t == 12:
        return read_struct(buf, pos)[1]
    raise ValueError("bad thrift type %d" % t)


def read_struct(buf, pos):
    """{field id: (start, end, int value or None)} and the position after the struct."""
    fields = {}
    last = 0
    while True:
        h = buf[pos]
        pos += 1
        if h == 0:
            return fields, pos
        t, delta = h & 0x0F, h >> 4
        if delta:
            fid = last + delta
        else:
            v, pos = _varint(buf, pos)
            fid = _zigzag(v)
        last = fid
        start = pos
        if t in (4, 5, 6):
            v, pos = _varint(buf, pos)
            fields[fid] = (start, pos, _zigzag(v))
        else:
            pos = _skip(buf, pos, t)
            fields[fid] = (start, pos, None)


def pages(path, row_group=0, column=0):
    """[(page type, header start, data start, compressed size)] of one column chunk."""
    data = open(path, "rb").read()
    meta = pq.ParquetFile(path).metadata.row_group(row_group).column(column)
    pos = meta.dictionary_page_offset if meta.has_dictionary_page else meta.data_page_offset
    end = pos + meta.total_compressed_size
    out = []
    while pos < end:
        fields, data_start = read_struct(data, pos)
        size = fields[3][2]
        out.append((fields[1][2], pos, data_start, size, fields))
        pos = data_start + size
    assert pos == end, "page walk ended at %d, chunk ends at %d" % (pos, end)
    return out


def data_page_count(path):
    pf = pq.ParquetFile(path)
    return sum(1 for rg in range(pf.metadata.num_row_groups) for j in range(pf.metadata.num_columns)
               for p in pages(path, rg, j) if p[0] in (0, 3))


# ---------------------------------------------------------------------------------------------
# Fixtures and statement helpers

_counter = itertools.count()


@pytest.fixture()
def server(restarting_server):
    """This module's server, restarted after a crash (conftest's `restarting_server`)."""
    return restarting_server


@pytest.fixture()
def conn(server, request):
    """A session in a database of this test's own, in offline mode."""
    name = "pq_%s_%d" % (re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:40], next(_counter))
    with psycopg.connect(server.dsn(), autocommit=True) as c:
        c.execute("CREATE DATABASE %s" % name)
        c.execute("USE %s" % name)
        c.execute("SET @@execute_mode = 'offline'")
        yield c


def options(**opts):
    parts = ["format='parquet'"]
    for k, v in opts.items():
        parts.append("%s=%s" % (k, v if isinstance(v, int) else "'%s'" % v))
    return "OPTIONS (%s)" % ", ".join(parts)


def load(conn, path, table="t", **opts):
    return conn.execute("LOAD DATA INFILE '%s' INTO TABLE %s %s" % (path, table, options(**opts)))


def export(conn, query, path, **opts):
    return conn.execute("%s INTO OUTFILE '%s' %s" % (query, path, options(**opts)))


def count(conn, table="t"):
    return conn.execute("SELECT count(*) AS n FROM %s" % table).fetchone()[0]


def select_all(conn, table="t"):
    return conn.execute(SELECT_ALL.format(t=table)).fetchall()


def insert_rows(conn, rows, table="t"):
    """Offline INSERT of rows in COLUMNS order (timestamps as epoch ms), parameters bound."""
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO %s VALUES (%s)" % (table, ", ".join(["%s"] * len(COLUMNS))), rows)


def assert_error_leaves_table(conn, statement, table="t"):
    """Runs a statement that must fail; returns the error; checks the table did not change."""
    before = conn.execute("SELECT * FROM %s ORDER BY id" % table).fetchall()
    with pytest.raises(psycopg.Error) as info:
        conn.execute(statement)
    assert info.value.sqlstate, "an error without SQLSTATE (the connection was lost?): %s" % info.value
    after = conn.execute("SELECT * FROM %s ORDER BY id" % table).fetchall()
    assert after == before, "the failed statement changed the table"
    return info.value


# ---------------------------------------------------------------------------------------------
# Writers: the same table written every way pyarrow and DuckDB can.

def write_pyarrow(**kw):
    def write(table, path):
        pq.write_table(table, path, **kw)
    return write


def write_duckdb(compression, row_group_size=None):
    def write(table, path):
        con = duckdb.connect()
        con.register("src", table)
        extra = ", ROW_GROUP_SIZE %d" % row_group_size if row_group_size else ""
        con.execute("COPY (SELECT * FROM src) TO '%s' (FORMAT parquet, COMPRESSION %s%s)"
                    % (path, compression, extra))
        con.close()
    return write


INT_COLS = ["id", "s", "i", "l", "dt", "ts"]
WRITERS = {
    "pyarrow-default": write_pyarrow(),
    "plain-uncompressed-v1": write_pyarrow(use_dictionary=False, compression="NONE", data_page_version="1.0"),
    "plain-uncompressed-v2": write_pyarrow(use_dictionary=False, compression="NONE", data_page_version="2.0"),
    "dictionary-snappy-v1": write_pyarrow(use_dictionary=True, compression="SNAPPY", data_page_version="1.0"),
    "dictionary-zstd-v2": write_pyarrow(use_dictionary=True, compression="ZSTD", data_page_version="2.0"),
    "dictionary-gzip-v1": write_pyarrow(use_dictionary=True, compression="GZIP", data_page_version="1.0"),
    "plain-gzip-v2": write_pyarrow(use_dictionary=False, compression="GZIP", data_page_version="2.0"),
    "delta-binary-packed+delta-byte-array-v1": write_pyarrow(
        use_dictionary=False, compression="SNAPPY", data_page_version="1.0",
        column_encoding=dict({c: "DELTA_BINARY_PACKED" for c in INT_COLS}, str="DELTA_BYTE_ARRAY")),
    "delta-binary-packed+delta-length-byte-array-v2": write_pyarrow(
        use_dictionary=False, compression="ZSTD", data_page_version="2.0",
        column_encoding=dict({c: "DELTA_BINARY_PACKED" for c in INT_COLS}, str="DELTA_LENGTH_BYTE_ARRAY")),
    "byte-stream-split+rle-bool-v2": write_pyarrow(
        use_dictionary=False, compression="NONE", data_page_version="2.0",
        column_encoding={"f": "BYTE_STREAM_SPLIT", "d": "BYTE_STREAM_SPLIT", "i": "BYTE_STREAM_SPLIT",
                         "l": "BYTE_STREAM_SPLIT", "b": "RLE"}),
    "byte-stream-split-zstd-v1": write_pyarrow(
        use_dictionary=False, compression="ZSTD", data_page_version="1.0",
        column_encoding={"f": "BYTE_STREAM_SPLIT", "d": "BYTE_STREAM_SPLIT"}),
    "explicit-plain-v1": write_pyarrow(
        use_dictionary=False, compression="SNAPPY", data_page_version="1.0",
        column_encoding={c: "PLAIN" for c in COLUMNS}),
    "many-row-groups-many-pages-v1": write_pyarrow(
        use_dictionary=True, compression="SNAPPY", data_page_version="1.0", row_group_size=37,
        max_rows_per_page=5, write_batch_size=5),
    "many-row-groups-many-pages-v2": write_pyarrow(
        use_dictionary=False, compression="ZSTD", data_page_version="2.0", row_group_size=50,
        data_page_size=64, write_batch_size=3),
    "duckdb-zstd": write_duckdb("zstd"),
    "duckdb-snappy": write_duckdb("snappy"),
    "duckdb-uncompressed": write_duckdb("uncompressed"),
    "duckdb-gzip": write_duckdb("gzip"),
}


@pytest.mark.parametrize("writer", list(WRITERS))
def test_load_every_type_every_encoding(conn, tmp_path, writer):
    """Every column type with NULLs, extremes, NaN/inf/-0.0/subnormals, pre-1970 dates and
    timestamps, unicode: the loaded values equal the source values exactly."""
    rows = sample_rows()
    path = str(tmp_path / ("%s.parquet" % writer))
    WRITERS[writer](arrow_table(rows), path)
    # the file is what the writer was asked for, and pyarrow reads back the source rows
    assert_rows_equal(rows_from_parquet(path), rows)
    if writer.startswith("many-"):
        assert pq.ParquetFile(path).metadata.num_row_groups >= 5
        assert data_page_count(path) >= 10 * pq.ParquetFile(path).metadata.num_row_groups
    conn.execute(CREATE_ALL.format(t="t"))
    cur = load(conn, path, mode="append")
    assert cur.statusmessage == "LOAD DATA %d" % len(rows)  # as a CSV load reports
    assert count(conn) == len(rows)
    assert_rows_equal(select_all(conn), rows)


@pytest.mark.parametrize("version,compression", [("V1", "zstd"), ("V2", "snappy"), ("V2", "uncompressed")])
def test_load_duckdb_generated_file(conn, tmp_path, version, compression):
    """A file DuckDB generates itself (its own types: TIMESTAMP micros not UTC-adjusted,
    TIMESTAMP_NS, SMALLINT as INT32 Int(16)), several row groups; PARQUET_VERSION V2 gives
    data page v2 with DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and BYTE_STREAM_SPLIT.
    Loaded values equal DuckDB's reading of the file."""
    path = str(tmp_path / "duck.parquet")
    duckdb.sql("""
        COPY (SELECT i::BIGINT AS id,
                     CASE WHEN i % 5 = 0 THEN NULL ELSE i % 2 = 0 END AS b,
                     CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 65536 - 32768)::SMALLINT END AS s,
                     CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 7919 - 2000000000)::INTEGER END AS i,
                     CASE WHEN i % 13 = 0 THEN NULL ELSE (i - 5000) * 1844674407370955 END AS l,
                     CASE WHEN i % 17 = 0 THEN NULL ELSE (i / 3.0 - 100)::FLOAT END AS f,
                     CASE WHEN i % 19 = 0 THEN NULL ELSE (i - 4999.5) / 7.0 END AS d,
                     CASE WHEN i % 23 = 0 THEN NULL ELSE 'ünïcødé ' || (i % 97)::VARCHAR END AS str,
                     CASE WHEN i % 29 = 0 THEN NULL ELSE DATE '1901-03-04' + (i * 3)::INTEGER END AS dt,
                     CASE WHEN i % 31 = 0 THEN NULL
                          ELSE make_timestamp((i - 5000) * 123456789123::BIGINT + 7) END AS ts,
                     make_timestamp_ns((i - 5000) * 1000000007::BIGINT) AS tsns
              FROM range(10000) t(i))
        TO '{}' (FORMAT parquet, COMPRESSION {}, ROW_GROUP_SIZE 2048, PARQUET_VERSION {})"""
               .format(path, compression, version))
    assert pq.ParquetFile(path).metadata.num_row_groups >= 4
    # DuckDB's own reading of the file is the expectation
    want = duckdb.sql("SELECT id, b, s, i, l, f, d, str, dt, epoch_us(ts) AS ts, epoch_ns(tsns) AS tsns "
                      "FROM '%s' ORDER BY id" % path).fetchall()
    want = [r[:9] + (None if r[9] is None else floor_div(r[9], 1000), floor_div(r[10], 1000000))
            for r in want]
    conn.execute("CREATE TABLE t (id bigint, b bool, s smallint, i int, l bigint, f float, d double, "
                 "str string, dt date, ts timestamp, tsns timestamp, INDEX(KEY=id))")
    load(conn, path, mode="append")
    got = conn.execute("SELECT id, b, s, i, l, f, d, str, dt, cast(ts as bigint) AS ts, "
                       "cast(tsns as bigint) AS tsns FROM t ORDER BY id").fetchall()
    assert_rows_equal(got, want, COLUMNS + ["tsns"], dict(KINDS, tsns="int"))


@pytest.mark.parametrize("ts_type", [
    pa.timestamp("ms", tz="UTC"), pa.timestamp("ms"), pa.timestamp("us", tz="UTC"), pa.timestamp("us"),
    pa.timestamp("us", tz="+05:30"), pa.timestamp("ns", tz="UTC"), pa.timestamp("ns"),
    pa.timestamp("ns", tz="America/New_York"), pa.int64()], ids=str)
def test_load_timestamp_units_truncate_toward_negative_infinity(conn, tmp_path, ts_type):
    """INT64 TIMESTAMP in millis/micros/nanos, UTC-adjusted or not, and a plain int64 read as
    milliseconds: sub-millisecond parts are truncated toward negative infinity."""
    unit = ts_type.unit if pa.types.is_timestamp(ts_type) else "ms"
    per_ms = {"ms": 1, "us": 1000, "ns": 1000000}[unit]
    raw = [0, 1, -1, per_ms - 1, -(per_ms - 1), per_ms, -per_ms, per_ms + 1, -per_ms - 1,
           1700000000123 * per_ms + per_ms // 2, -1700000000123 * per_ms - per_ms // 2,
           TS_1900 * per_ms - 1, None]
    if unit == "ns":
        raw += [I64_MIN + 1, I64_MAX]           # 1677-09-21 and 2262-04-11
    else:
        raw += [TS_9999 * per_ms + per_ms - 1, -62135596800000 * per_ms]  # 9999-12-31, 0001-01-01
    table = pa.table({"id": pa.array(range(len(raw)), pa.int64()),
                      "ts": pa.array(raw, pa.int64()).cast(ts_type)})
    path = str(tmp_path / "ts.parquet")
    pq.write_table(table, path, coerce_timestamps=None)
    assert pq.read_table(path).schema.field("ts").type == ts_type, "pyarrow wrote another type"
    conn.execute("CREATE TABLE t (id bigint, ts timestamp, INDEX(KEY=id))")
    load(conn, path, mode="append")
    got = conn.execute("SELECT id, cast(ts as bigint) AS ts FROM t ORDER BY id").fetchall()
    want = [(k, None if v is None else floor_div(v, per_ms)) for k, v in enumerate(raw)]
    assert got == want


def test_load_widening_and_narrowing_integer_and_float_mappings(conn, tmp_path):
    """INT32 (Int(16) or plain) into smallint, int and bigint; FLOAT into float and double
    (exact widening); INT64 into bigint and (as milliseconds) timestamp."""
    s16 = [-32768, -1, 0, 1, 32767, None]
    s32 = [-32768, -1, 0, 1, 32767, None]
    big32 = [I32_MIN, -1, 0, 1, I32_MAX, None]
    fl = [f32(0.1), -F32_MAX, F32_MIN_SUBNORMAL, math.inf, math.nan, None]
    i64 = [I64_MIN, -1, 0, 1, I64_MAX, None]
    table = pa.table({
        "id": pa.array(range(6), pa.int64()),
        "a16": pa.array(s16, pa.int16()), "b16": pa.array(s16, pa.int16()), "c16": pa.array(s16, pa.int16()),
        "a32": pa.array(s32, pa.int32()), "b32": pa.array(big32, pa.int32()), "c32": pa.array(big32, pa.int32()),
        "ff": pa.array(fl, pa.float32()), "fd": pa.array(fl, pa.float32()),
        "l": pa.array(i64, pa.int64()), "lts": pa.array(i64, pa.int64()),
    })
    path = str(tmp_path / "widen.parquet")
    pq.write_table(table, path)
    conn.execute("CREATE TABLE t (id bigint, a16 smallint, b16 int, c16 bigint, a32 smallint, b32 int, "
                 "c32 bigint, ff float, fd double, l bigint, lts timestamp, INDEX(KEY=id))")
    load(conn, path, mode="append")
    got = conn.execute("SELECT id, a16, b16, c16, a32, b32, c32, ff, fd, l, cast(lts as bigint) AS lts "
                       "FROM t ORDER BY id").fetchall()
    cols = ["id", "a16", "b16", "c16", "a32", "b32", "c32", "ff", "fd", "l", "lts"]
    kinds = dict.fromkeys(cols, "int")
    kinds.update(ff="f32", fd="f64")
    want = list(zip(range(6), s16, s16, s16, s32, big32, big32, fl, fl, i64, i64))
    assert_rows_equal(got, want, cols, kinds)
    # FLOAT into double is the exact float32 value, not its shortest decimal reading
    (fd,) = conn.execute("SELECT fd FROM t WHERE id = 0").fetchone()
    assert fd == 0.10000000149011612


@pytest.mark.parametrize("bad", [32768, -32769, I32_MAX, I32_MIN])
def test_int32_into_smallint_out_of_range_is_22003(conn, tmp_path, bad):
    path = str(tmp_path / "range.parquet")
    pq.write_table(pa.table({"id": pa.array([10, 11, 12], pa.int64()),
                             "v": pa.array([1, bad, 2], pa.int32())}), path)
    conn.execute("CREATE TABLE t (id bigint, v smallint, INDEX(KEY=id))")
    conn.execute("INSERT INTO t VALUES (1, 5)")
    err = assert_error_leaves_table(conn, "LOAD DATA INFILE '%s' INTO TABLE t %s" % (path, options(mode="append")))
    assert err.sqlstate == "22003", (err.sqlstate, str(err))
    assert count(conn) == 1


def test_columns_map_by_name_case_insensitive_extra_columns_ignored(conn, tmp_path):
    path = str(tmp_path / "names.parquet")
    table = pa.table({
        "extra_first": pa.array(["x", "y", "z"]),
        "NAME": pa.array(["a", None, "c"]),
        "Score": pa.array([1.5, 2.5, None], pa.float64()),
        "extra_list": pa.array([[1, 2], None, []], pa.list_(pa.int32())),
        "extra_struct": pa.array([{"p": 1, "q": "s"}, None, {"p": 3, "q": None}],
                                 pa.struct([("p", pa.int64()), ("q", pa.string())])),
        "Id": pa.array([3, 1, 2], pa.int64()),
        "extra_map": pa.array([[("k", 1)], [], None], pa.map_(pa.string(), pa.int64())),
    })
    pq.write_table(table, path)
    conn.execute("CREATE TABLE t (id bigint, name string, score double, INDEX(KEY=id))")
    load(conn, path, mode="append")
    got = conn.execute("SELECT id, name, score FROM t ORDER BY id").fetchall()
    assert got == [(1, None, 2.5), (2, "c", None), (3, "a", 1.5)]


def test_table_column_missing_from_file_is_42703(conn, tmp_path):
    path = str(tmp_path / "missing.parquet")
    pq.write_table(pa.table({"id": pa.array([5], pa.int64()), "name": ["e"]}), path)
    conn.execute("CREATE TABLE t (id bigint, name string, score double, INDEX(KEY=id))")
    conn.execute("INSERT INTO t VALUES (1, 'a', 1.0)")
    err = assert_error_leaves_table(conn, "LOAD DATA INFILE '%s' INTO TABLE t %s" % (path, options(mode="append")))
    assert err.sqlstate == "42703", (err.sqlstate, str(err))
    assert "score" in str(err), str(err)


# (file column type, values, table column type): combinations not in the mapping
MISMATCHES = {
    "string-into-bigint": (pa.string(), ["1", "2"], "bigint"),
    "double-into-int": (pa.float64(), [1.0, 2.0], "int"),
    "int64-into-string": (pa.int64(), [1, 2], "string"),
    "bool-into-int": (pa.bool_(), [True, False], "int"),
    "timestamp-into-date": (pa.timestamp("ms", tz="UTC"), [0, 1], "date"),
    "string-into-date": (pa.string(), ["2024-01-01", "2024-01-02"], "date"),
    "float-into-bigint": (pa.float32(), [1.0, 2.0], "bigint"),
}


# Conversions the mapping allows (ParquetColumnConverter): narrowing is range-checked.
CONVERSIONS = {
    "double-into-float": (pa.float64(), [1.5, -2.25], "float", "wrongcol", [1.5, -2.25]),
    "int64-into-int": (pa.int64(), [1, -2], "int", "wrongcol", [1, -2]),
    "date-into-timestamp": (pa.date32(), [datetime.date(2024, 1, 1), datetime.date(1969, 12, 31)], "timestamp",
                            "cast(wrongcol as bigint)", [1704067200000, -86400000]),
    "unannotated-binary-into-string": (pa.binary(), [b"abc", "\u00e9".encode()], "string", "wrongcol",
                                       ["abc", "\u00e9"]),
}


@pytest.mark.parametrize("case", list(CONVERSIONS))
def test_allowed_conversions_load_exactly(conn, tmp_path, case):
    arrow_type, values, sql_type, select, expected = CONVERSIONS[case]
    path = str(tmp_path / "conversion.parquet")
    pq.write_table(pa.table({"id": pa.array([7, 8], pa.int64()),
                             "wrongcol": pa.array(values, arrow_type)}), path)
    conn.execute("CREATE TABLE t (id bigint, wrongcol %s, INDEX(KEY=id))" % sql_type)
    load(conn, path, mode="append")
    got = [r[0] for r in conn.execute("SELECT %s FROM t ORDER BY id" % select).fetchall()]
    assert got == expected


def test_int64_out_of_int_range_is_22003(conn, tmp_path):
    path = str(tmp_path / "range.parquet")
    pq.write_table(pa.table({"id": pa.array([7, 8], pa.int64()), "v": pa.array([1, 2**40], pa.int64())}), path)
    conn.execute("CREATE TABLE t (id bigint, v int, INDEX(KEY=id))")
    conn.execute("INSERT INTO t (id) VALUES (1)")
    err = assert_error_leaves_table(conn, "LOAD DATA INFILE '%s' INTO TABLE t %s" % (path, options(mode="append")))
    assert err.sqlstate == "22003", (err.sqlstate, str(err))
    assert "\"v\"" in str(err), str(err)


def test_binary_that_is_not_utf8_is_rejected_naming_the_column(conn, tmp_path):
    path = str(tmp_path / "binary.parquet")
    pq.write_table(pa.table({"id": pa.array([7, 8], pa.int64()), "blob": pa.array([b"\x00\xff", b"a"])}), path)
    conn.execute("CREATE TABLE t (id bigint, blob string, INDEX(KEY=id))")
    conn.execute("INSERT INTO t (id) VALUES (1)")
    err = assert_error_leaves_table(conn, "LOAD DATA INFILE '%s' INTO TABLE t %s" % (path, options(mode="append")))
    assert err.sqlstate == "22P04", (err.sqlstate, str(err))
    assert "blob" in str(err), str(err)


@pytest.mark.parametrize("case", list(MISMATCHES))
def test_type_mismatch_is_42804_naming_the_column(conn, tmp_path, case):
    arrow_type, values, sql_type = MISMATCHES[case]
    path = str(tmp_path / "mismatch.parquet")
    pq.write_table(pa.table({"id": pa.array([7, 8], pa.int64()),
                             "wrongcol": pa.array(values, arrow_type)}), path)
    conn.execute("CREATE TABLE t (id bigint, wrongcol %s, INDEX(KEY=id))" % sql_type)
    conn.execute("INSERT INTO t (id) VALUES (1)")
    err = assert_error_leaves_table(conn, "LOAD DATA INFILE '%s' INTO TABLE t %s" % (path, options(mode="append")))
    assert err.sqlstate == "42804", (err.sqlstate, str(err))
    assert "wrongcol" in str(err).lower(), str(err)


@pytest.mark.parametrize("nested", ["list", "struct", "map"])
def test_nested_column_into_scalar_column_fails_naming_it(conn, tmp_path, nested):
    """A list/struct/map file column for a table column: 42804 (a type mismatch) or 0A000
    (nested columns unsupported), naming the column; nothing written."""
    values = {"list": pa.array([["a"], ["b"]], pa.list_(pa.string())),
              "struct": pa.array([{"x": 1}, {"x": 2}], pa.struct([("x", pa.int64())])),
              "map": pa.array([[("k", 1)], []], pa.map_(pa.string(), pa.int64()))}[nested]
    path = str(tmp_path / "nested.parquet")
    pq.write_table(pa.table({"id": pa.array([7, 8], pa.int64()), "wrongcol": values}), path)
    conn.execute("CREATE TABLE t (id bigint, wrongcol string, INDEX(KEY=id))")
    conn.execute("INSERT INTO t (id) VALUES (1)")
    err = assert_error_leaves_table(conn, "LOAD DATA INFILE '%s' INTO TABLE t %s" % (path, options(mode="append")))
    assert err.sqlstate in ("42804", "0A000"), (err.sqlstate, str(err))
    assert "wrongcol" in str(err).lower(), str(err)


def test_null_into_not_null_column_is_23502(conn, tmp_path):
    path = str(tmp_path / "nulls.parquet")
    pq.write_table(pa.table({"id": pa.array([2, 3, 4], pa.int64()),
                             "v": pa.array([1, None, 3], pa.int32())}), path)
    conn.execute("CREATE TABLE t (id bigint, v int NOT NULL, INDEX(KEY=id))")
    conn.execute("INSERT INTO t VALUES (1, 1)")
    err = assert_error_leaves_table(conn, "LOAD DATA INFILE '%s' INTO TABLE t %s" % (path, options(mode="append")))
    assert err.sqlstate == "23502", (err.sqlstate, str(err))
    # a file column declared REQUIRED with no NULLs loads into the same table
    ok = str(tmp_path / "required.parquet")
    pq.write_table(pa.table({"id": pa.array([2, 3], pa.int64()), "v": pa.array([5, 6], pa.int32())},
                            schema=pa.schema([pa.field("id", pa.int64(), False), pa.field("v", pa.int32(), False)])), ok)
    load(conn, ok, mode="append")
    assert conn.execute("SELECT id, v FROM t ORDER BY id").fetchall() == [(1, 1), (2, 5), (3, 6)]


@pytest.mark.parametrize("writer", ["pyarrow", "pyarrow-v2-zstd", "duckdb"])
def test_empty_file_loads_zero_rows(conn, tmp_path, writer):
    path = str(tmp_path / "empty.parquet")
    if writer == "duckdb":
        duckdb.sql("COPY (SELECT 1::BIGINT AS id, 'x' AS str WHERE false) TO '%s' (FORMAT parquet)" % path)
    else:
        kw = {"data_page_version": "2.0", "compression": "ZSTD"} if writer.endswith("zstd") else {}
        pq.write_table(pa.table({"id": pa.array([], pa.int64()), "str": pa.array([], pa.string())}), path, **kw)
    assert pq.ParquetFile(path).metadata.num_rows == 0
    conn.execute("CREATE TABLE t (id bigint, str string, INDEX(KEY=id))")
    load(conn, path, mode="append")
    assert count(conn) == 0
    conn.execute("INSERT INTO t VALUES (1, 'kept')")
    load(conn, path, mode="append")
    assert conn.execute("SELECT id, str FROM t").fetchall() == [(1, "kept")]
    load(conn, path, mode="overwrite")
    assert count(conn) == 0


@pytest.mark.parametrize("layout", [{}, {"use_dictionary": False, "data_page_version": "2.0"},
                                    {"compression": "ZSTD", "data_page_version": "2.0"}], ids=["v1", "v2-plain", "v2-zstd"])
def test_columns_entirely_null(conn, tmp_path, layout):
    """Column chunks with no value at all (only definition levels), in every type."""
    n = 300
    rows = [(k,) + (None,) * 9 for k in range(n)]
    path = str(tmp_path / "allnull.parquet")
    pq.write_table(arrow_table(rows), path, **layout)
    assert pq.ParquetFile(path).metadata.row_group(0).column(5).statistics.null_count == n
    conn.execute(CREATE_ALL.format(t="t"))
    load(conn, path, mode="append")
    assert_rows_equal(select_all(conn), rows)


def test_many_row_groups_and_pages_10k_rows(conn, tmp_path):
    n = 10000
    rng = random.Random(7)
    ids = list(range(n))
    vals = [rng.randrange(I64_MIN, I64_MAX) if k % 97 else None for k in ids]
    strs = ["s%08d-%s" % (rng.randrange(10 ** 8), "ü" * (k % 5)) for k in ids]
    path = str(tmp_path / "big.parquet")
    pq.write_table(pa.table({"id": pa.array(ids, pa.int64()), "v": pa.array(vals, pa.int64()),
                             "str": pa.array(strs)}),
                   path, row_group_size=999, data_page_size=256, write_batch_size=64, compression="SNAPPY")
    meta = pq.ParquetFile(path).metadata
    assert meta.num_row_groups == 11
    assert data_page_count(path) > 200
    conn.execute("CREATE TABLE t (id bigint, v bigint, str string, INDEX(KEY=id))")
    load(conn, path, mode="append")
    got = conn.execute("SELECT id, v, str FROM t ORDER BY id").fetchall()
    assert got == list(zip(ids, vals, strs))


def test_dictionary_fallback_high_cardinality_strings(conn, tmp_path):
    """A dictionary that outgrows its page limit falls back to PLAIN in the same column chunk."""
    n = 8000
    strs = ["unique-%06d-%s" % (k, "日本" * (k % 3)) if k % 50 else None for k in range(n)]
    path = str(tmp_path / "fallback.parquet")
    pq.write_table(pa.table({"id": pa.array(range(n), pa.int64()), "str": pa.array(strs)}), path,
                   use_dictionary=True, dictionary_pagesize_limit=2048, data_page_size=1024,
                   write_batch_size=100, row_group_size=n)
    col = pq.ParquetFile(path).metadata.row_group(0).column(1)
    assert col.has_dictionary_page
    assert "PLAIN" in col.encodings and any("DICTIONARY" in e for e in col.encodings), col.encodings
    page_types = [p[0] for p in pages(path, 0, 1)]
    assert page_types[0] == 2 and page_types.count(0) >= 2  # dictionary page, then data pages
    conn.execute("CREATE TABLE t (id bigint, str string, INDEX(KEY=id))")
    load(conn, path, mode="append")
    assert conn.execute("SELECT id, str FROM t ORDER BY id").fetchall() == list(enumerate(strs))


def test_unicode_strings_exact(conn, tmp_path):
    strs = UNICODE + ["".join(chr(c) for c in range(0x20, 0x2000) if not 0xD800 <= c <= 0xDFFF),
                      "🙂" * 30000, "\u00a0\u2028\u2029\ufeff", "a" * 1]
    for dictionary in (True, False):
        path = str(tmp_path / ("unicode-%s.parquet" % dictionary))
        pq.write_table(pa.table({"id": pa.array(range(len(strs)), pa.int64()), "str": pa.array(strs)}),
                       path, use_dictionary=dictionary)
        conn.execute("CREATE TABLE u%d (id bigint, str string, INDEX(KEY=id))" % dictionary)
        load(conn, path, table="u%d" % dictionary, mode="append")
        got = conn.execute("SELECT id, str FROM u%d ORDER BY id" % dictionary).fetchall()
        for (gid, gs), (wid, ws) in zip(got, enumerate(strs)):
            assert (gid, gs) == (wid, ws), "row %d: %r != %r" % (wid, short(gs), short(ws))
        assert len(got) == len(strs)


def small_table(ids, tag):
    return pa.table({"id": pa.array(ids, pa.int64()),
                     "str": pa.array(["%s-%d" % (tag, k) for k in ids], pa.string())})


def test_directory_loads_every_parquet_file_in_name_order(conn, tmp_path):
    d = tmp_path / "dir"
    d.mkdir()
    # written out of order, so neither creation order nor directory order is name order
    pq.write_table(small_table([20, 21], "c"), str(d / "part-00002.parquet"))
    pq.write_table(small_table([0, 1, 2], "a"), str(d / "part-00000.parquet"))
    pq.write_table(small_table([10], "b"), str(d / "part-00001.parquet"))
    pq.write_table(small_table([], "empty"), str(d / "part-00001a.parquet"))
    (d / "_SUCCESS").write_bytes(b"")
    (d / "notes.txt").write_text("not parquet")
    (d / "part-00003.parquet.crc").write_bytes(b"\x00\x01garbage")
    conn.execute("CREATE TABLE t (id bigint, str string, INDEX(KEY=id))")
    load(conn, str(d), mode="append")
    # the offline store scans rows in the order they were loaded
    assert conn.execute("SELECT id, str FROM t").fetchall() == [
        (0, "a-0"), (1, "a-1"), (2, "a-2"), (10, "b-10"), (20, "c-20"), (21, "c-21")]
    # a trailing slash is the same directory
    load(conn, str(d) + "/", mode="overwrite")
    assert count(conn) == 6


def test_glob_loads_matching_files_only(conn, tmp_path):
    d = tmp_path / "glob"
    d.mkdir()
    pq.write_table(small_table([1], "p"), str(d / "part-b.parquet"))
    pq.write_table(small_table([0], "p"), str(d / "part-a.parquet"))
    pq.write_table(small_table([99], "other"), str(d / "other.parquet"))
    pq.write_table(small_table([98], "nomatch"), str(d / "part-c.parq"))
    conn.execute("CREATE TABLE t (id bigint, str string, INDEX(KEY=id))")
    load(conn, str(d / "part-*.parquet"), mode="append")
    assert conn.execute("SELECT id, str FROM t").fetchall() == [(0, "p-0"), (1, "p-1")]


def test_missing_file_fails_and_changes_nothing(conn, tmp_path):
    conn.execute("CREATE TABLE t (id bigint, str string, INDEX(KEY=id))")
    conn.execute("INSERT INTO t VALUES (1, 'kept')")
    path = str(tmp_path / "no-such-file.parquet")
    err = assert_error_leaves_table(conn, "LOAD DATA INFILE '%s' INTO TABLE t %s" % (path, options(mode="append")))
    assert "no-such-file.parquet" in str(err)


def test_modes_append_overwrite_and_default(conn, tmp_path):
    a, b, c = (str(tmp_path / ("%s.parquet" % x)) for x in "abc")
    pq.write_table(small_table([1, 2], "a"), a)
    pq.write_table(small_table([3], "b"), b)
    pq.write_table(small_table([7, 8, 9], "c"), c)
    conn.execute("CREATE TABLE t (id bigint, str string, INDEX(KEY=id))")
    load(conn, a)  # default mode on an empty table
    assert conn.execute("SELECT id, str FROM t ORDER BY id").fetchall() == [(1, "a-1"), (2, "a-2")]
    load(conn, b, mode="append")
    assert conn.execute("SELECT id FROM t ORDER BY id").fetchall() == [(1,), (2,), (3,)]
    # the default (error_if_exists) refuses a table with offline rows and writes nothing
    assert_error_leaves_table(conn, "LOAD DATA INFILE '%s' INTO TABLE t %s" % (c, options()))
    assert_error_leaves_table(conn, "LOAD DATA INFILE '%s' INTO TABLE t %s" % (c, options(mode="error_if_exists")))
    load(conn, c, mode="overwrite")
    assert conn.execute("SELECT id, str FROM t ORDER BY id").fetchall() == [(7, "c-7"), (8, "c-8"), (9, "c-9")]


def test_online_mode_load(conn, tmp_path):
    rows = [r for r in sample_rows(60) if r[0] != 3]  # online preview: keep strings small
    path = str(tmp_path / "online.parquet")
    pq.write_table(arrow_table(rows), path)
    conn.execute(CREATE_ALL.format(t="t"))
    conn.execute("SET @@execute_mode = 'online'")
    load(conn, path, mode="append")
    assert_rows_equal(select_all(conn), rows)
    load(conn, path, mode="overwrite")
    assert_rows_equal(select_all(conn), rows)
    # the offline store was not touched
    conn.execute("SET @@execute_mode = 'offline'")
    assert count(conn) == 0


def test_load_ignores_session_time_zone(conn, tmp_path):
    rows = [(1, 0), (2, -1), (3, 1700000000123), (4, TS_1900)]
    path = str(tmp_path / "tz.parquet")
    pq.write_table(pa.table({"id": pa.array([r[0] for r in rows], pa.int64()),
                             "ts": pa.array([r[1] for r in rows], pa.timestamp("ms", tz="UTC")),
                             "naive": pa.array([r[1] for r in rows], pa.timestamp("ms"))}), path)
    conn.execute("CREATE TABLE t (id bigint, ts timestamp, naive timestamp, INDEX(KEY=id))")
    conn.execute("SET @@time_zone = '+08:00'")
    load(conn, path, mode="append")
    got = conn.execute("SELECT id, cast(ts as bigint) AS a, cast(naive as bigint) AS b FROM t ORDER BY id").fetchall()
    assert got == [(k, v, v) for k, v in rows]


# ---------------------------------------------------------------------------------------------
# Corrupt files: a clear error naming the file, and the table unchanged.

def corrupt_base(path, compression):
    n = 1000
    pq.write_table(pa.table({"id": pa.array(range(n), pa.int64()), "str": pa.array(["v%d" % k for k in range(n)])},
                            schema=pa.schema([pa.field("id", pa.int64(), False), pa.field("str", pa.string())])),
                   path, use_dictionary=False, compression=compression, data_page_version="1.0",
                   row_group_size=n)


def footer_len(data):
    return struct.unpack("<i", data[-8:-4])[0]


def flip(data, pos):
    data = bytearray(data)
    data[pos] ^= 0xFF
    return bytes(data)


def first_page(path):
    (ptype, header, data_start, size, fields) = pages(path, 0, 0)[0]
    assert ptype == 0
    return header, data_start, size, fields


def corrupt_gzip_middle(path, data):
    _, start, size, _ = first_page(path)
    return flip(data, start + size // 2)


def corrupt_compressed_start(path, data):
    _, start, _, _ = first_page(path)
    return flip(data, start)


def corrupt_page_type(path, data):
    header, _, _, fields = first_page(path)
    start, end, value = fields[1]
    assert end == start + 1 and value == 0
    data = bytearray(data)
    data[start] = 2 * 9  # zigzag(9): no such page type
    return bytes(data)


def padded_varint(value, width):
    """value as a zigzag varint of exactly width bytes (redundant continuation bytes)."""
    v = value * 2 if value >= 0 else -value * 2 - 1
    enc = bytearray()
    for _ in range(width - 1):
        enc.append((v & 0x7F) | 0x80)
        v >>= 7
    assert v < 0x80
    enc.append(v)
    return bytes(enc)


def corrupt_page_sizes(field, value):
    """One size in the first page's header replaced (its encoding keeps its length)."""
    def corrupt(path, data):
        _, _, _, fields = first_page(path)
        start, end, _ = fields[field]
        return data[:start] + padded_varint(value, end - start) + data[end:]
    return corrupt


CORRUPTIONS = {
    # name: (compression of the base file, function(path, bytes) -> bytes)
    "truncated-half": ("SNAPPY", lambda p, d: d[:len(d) // 2]),
    "truncated-last-byte": ("SNAPPY", lambda p, d: d[:-1]),
    "truncated-inside-footer": ("SNAPPY", lambda p, d: d[:len(d) - 8 - footer_len(d) // 2]),
    "data-cut-footer-kept": ("SNAPPY", lambda p, d: d[:len(d) // 3] + d[len(d) - 8 - footer_len(d):]),
    "wrong-tail-magic": ("SNAPPY", lambda p, d: d[:-4] + b"XAR1"),
    "encrypted-footer-magic": ("SNAPPY", lambda p, d: d[:-4] + b"PARE"),
    "footer-length-huge": ("SNAPPY", lambda p, d: d[:-8] + struct.pack("<I", 0x7FFFFFF0) + b"PAR1"),
    "footer-length-negative": ("SNAPPY", lambda p, d: d[:-8] + struct.pack("<I", 0xFFFFFFF0) + b"PAR1"),
    "footer-length-past-start": ("SNAPPY", lambda p, d: d[:-8] + struct.pack("<I", len(d) - 7) + b"PAR1"),
    "footer-length-too-small": ("SNAPPY", lambda p, d: d[:-8] + struct.pack("<I", 3) + b"PAR1"),
    "footer-garbage-ff": ("SNAPPY", lambda p, d: d[:len(d) - 8 - footer_len(d)] + b"\xff" * footer_len(d) + d[-8:]),
    "footer-garbage-random": ("SNAPPY", lambda p, d: d[:len(d) - 8 - footer_len(d)]
                              + random.Random(1).randbytes(footer_len(d)) + d[-8:]),
    "gzip-page-flipped-middle": ("GZIP", corrupt_gzip_middle),
    "zstd-page-flipped-frame-header": ("ZSTD", corrupt_compressed_start),
    "snappy-page-flipped-length": ("SNAPPY", corrupt_compressed_start),
    "unknown-page-type": ("SNAPPY", corrupt_page_type),
    "page-compressed-size-too-small": ("NONE", corrupt_page_sizes(3, 16)),
    "not-parquet-csv": (None, lambda p, d: b"id,str\n1,a\n2,b\n"),
    "zero-bytes": (None, lambda p, d: b""),
    "only-magic": (None, lambda p, d: b"PAR1"),
    "magic-twice": (None, lambda p, d: b"PAR1PAR1"),
}


@pytest.mark.parametrize("case", list(CORRUPTIONS))
def test_corrupt_file_fails_cleanly_and_changes_nothing(conn, tmp_path, case):
    """22xxx (22P04 expected) or XX001, naming the file; nothing written. A footer with the
    encrypted-footer magic "PARE" may instead be refused as unsupported (0A000)."""
    compression, corrupt = CORRUPTIONS[case]
    classes = ("22", "XX", "0A") if case == "encrypted-footer-magic" else ("22", "XX")
    name = "bad-%s.parquet" % case
    path = str(tmp_path / name)
    if compression:
        corrupt_base(path, compression)
    else:
        open(path, "wb").close()
    data = open(path, "rb").read()
    bad = corrupt(path, data)
    assert bad != data or not compression
    with open(path, "wb") as f:
        f.write(bad)
    conn.execute("CREATE TABLE t (id bigint, str string, INDEX(KEY=id))")
    conn.execute("INSERT INTO t VALUES (1, 'before'), (2, 'kept')")
    for mode in ("append", "overwrite"):
        err = assert_error_leaves_table(conn, "LOAD DATA INFILE '%s' INTO TABLE t %s" % (path, options(mode=mode)))
        assert err.sqlstate is not None and err.sqlstate[:2] in classes, (err.sqlstate, str(err))
        assert name in str(err), str(err)
    # the session and the table still work
    assert conn.execute("SELECT id, str FROM t ORDER BY id").fetchall() == [(1, "before"), (2, "kept")]


def test_wrong_leading_magic_loads_exactly_or_fails_cleanly(conn, tmp_path):
    """pyarrow and DuckDB only check the trailing magic; a file whose leading "PAR1" is wrong is
    either read exactly as they read it or refused as a corrupt file, never half-loaded."""
    path = str(tmp_path / "bad-head-magic.parquet")
    corrupt_base(path, "SNAPPY")
    data = open(path, "rb").read()
    with open(path, "wb") as f:
        f.write(b"PAR2" + data[4:])
    conn.execute("CREATE TABLE t (id bigint, str string, INDEX(KEY=id))")
    conn.execute("INSERT INTO t VALUES (-1, 'kept')")
    try:
        load(conn, path, mode="append")
    except psycopg.Error as e:
        assert e.sqlstate is not None and e.sqlstate[:2] in ("22", "XX"), (e.sqlstate, str(e))
        assert "bad-head-magic.parquet" in str(e), str(e)
        assert conn.execute("SELECT id, str FROM t").fetchall() == [(-1, "kept")]
    else:
        assert conn.execute("SELECT id, str FROM t ORDER BY id").fetchall() == \
            [(-1, "kept")] + [(k, "v%d" % k) for k in range(1000)]


def test_corrupt_file_in_directory_fails_whole_load(conn, tmp_path):
    d = tmp_path / "mixed"
    d.mkdir()
    pq.write_table(small_table(list(range(500)), "good"), str(d / "part-0.parquet"))
    corrupt_base(str(d / "part-1.parquet"), "GZIP")
    data = open(str(d / "part-1.parquet"), "rb").read()
    bad = corrupt_gzip_middle(str(d / "part-1.parquet"), data)
    with open(str(d / "part-1.parquet"), "wb") as f:
        f.write(bad)
    pq.write_table(small_table([900], "after"), str(d / "part-2.parquet"))
    conn.execute("CREATE TABLE t (id bigint, str string, INDEX(KEY=id))")
    conn.execute("INSERT INTO t VALUES (-1, 'kept')")
    for mode in ("append", "overwrite"):
        err = assert_error_leaves_table(conn, "LOAD DATA INFILE '%s' INTO TABLE t %s" % (str(d), options(mode=mode)))
        assert "part-1.parquet" in str(err), str(err)
    conn.execute("SET @@execute_mode = 'online'")
    conn.execute("CREATE TABLE o (id bigint, str string, INDEX(KEY=id))")
    err = assert_error_leaves_table(conn, "LOAD DATA INFILE '%s' INTO TABLE o %s" % (str(d), options(mode="append")),
                                    table="o")
    assert "part-1.parquet" in str(err), str(err)
    assert count(conn, "o") == 0


@pytest.mark.parametrize("compression", ["BROTLI", "LZ4"])
def test_other_codecs_load_or_fail_with_0A000(conn, tmp_path, compression):
    """A codec beyond NONE/SNAPPY/GZIP/ZSTD is either read correctly or refused with 0A000."""
    path = str(tmp_path / ("codec-%s.parquet" % compression.lower()))
    pq.write_table(small_table(list(range(100)), "z"), path, compression=compression)
    conn.execute("CREATE TABLE t (id bigint, str string, INDEX(KEY=id))")
    conn.execute("INSERT INTO t VALUES (-1, 'kept')")
    try:
        load(conn, path, mode="append")
    except psycopg.Error as e:
        assert e.sqlstate == "0A000", (e.sqlstate, str(e))
        assert conn.execute("SELECT id, str FROM t").fetchall() == [(-1, "kept")]
    else:
        assert conn.execute("SELECT id, str FROM t ORDER BY id").fetchall() == \
            [(-1, "kept")] + [(k, "z-%d" % k) for k in range(100)]


# ---------------------------------------------------------------------------------------------
# SELECT ... INTO OUTFILE ... OPTIONS (format='parquet')

OUT_ROWS = sample_rows(120)


def filled_table(conn, rows=OUT_ROWS, table="t"):
    conn.execute(CREATE_ALL.format(t=table))
    insert_rows(conn, rows, table)
    assert count(conn, table) == len(rows)


def arrow_rows(table):
    """A pyarrow table's rows in the comparison form (timestamps as epoch ms)."""
    cols = []
    for name in table.column_names:
        arr = table.column(name)
        if pa.types.is_timestamp(arr.type):
            assert arr.type.unit == "ms"
            cols.append(arr.cast(pa.int64()).to_pylist())
        else:
            cols.append(arr.to_pylist())
    return sorted(zip(*cols), key=lambda r: r[0])


def test_outfile_every_type_reads_back_in_pyarrow(conn, tmp_path):
    filled_table(conn)
    path = str(tmp_path / "out.parquet")
    export(conn, "SELECT * FROM t", path)
    table = pq.read_table(path)
    assert table.column_names == COLUMNS
    assert table.schema.types == [pa.int64(), pa.bool_(), pa.int16(), pa.int32(), pa.int64(), pa.float32(),
                                  pa.float64(), pa.string(), pa.date32(), pa.timestamp("ms", tz="UTC")]
    assert_rows_equal(arrow_rows(table), sorted(OUT_ROWS))


def test_outfile_logical_and_physical_types(conn, tmp_path):
    filled_table(conn, OUT_ROWS[:10])
    path = str(tmp_path / "types.parquet")
    export(conn, "SELECT * FROM t", path)
    schema = pq.ParquetFile(path).schema
    by_name = {schema.column(j).name: schema.column(j) for j in range(len(schema))}
    assert sorted(by_name) == sorted(COLUMNS)

    def logical(name):
        return by_name[name].logical_type.to_json()

    assert by_name["b"].physical_type == "BOOLEAN"
    assert by_name["s"].physical_type == "INT32"
    assert '"Type":"Int"' in logical("s") and '"bitWidth":16' in logical("s") and '"isSigned":true' in logical("s")
    assert by_name["i"].physical_type == "INT32"
    assert logical("i") in ('{"Type":"None"}', '{"Type":"Int","bitWidth":32,"isSigned":true}')
    for name in ("id", "l"):
        assert by_name[name].physical_type == "INT64"
        assert logical(name) in ('{"Type":"None"}', '{"Type":"Int","bitWidth":64,"isSigned":true}')
    assert by_name["f"].physical_type == "FLOAT"
    assert by_name["d"].physical_type == "DOUBLE"
    assert by_name["str"].physical_type == "BYTE_ARRAY"
    assert logical("str") == '{"Type":"String"}'
    assert by_name["dt"].physical_type == "INT32"
    assert logical("dt") == '{"Type":"Date"}'
    assert by_name["ts"].physical_type == "INT64"
    ts = logical("ts")
    assert '"Type":"Timestamp"' in ts and '"isAdjustedToUTC":true' in ts and '"timeUnit":"milliseconds"' in ts, ts
    # every nullable column is OPTIONAL (max definition level 1), none repeated
    for name in COLUMNS:
        assert by_name[name].max_repetition_level == 0
        if name != "id":
            assert by_name[name].max_definition_level == 1, name


def test_outfile_reads_back_in_duckdb(conn, tmp_path):
    filled_table(conn)
    path = str(tmp_path / "duck.parquet")
    export(conn, "SELECT * FROM t", path, compression="zstd")
    rel = duckdb.sql("SELECT * FROM '%s'" % path)
    assert rel.columns == COLUMNS
    assert [str(t) for t in rel.types] == ["BIGINT", "BOOLEAN", "SMALLINT", "INTEGER", "BIGINT", "FLOAT",
                                           "DOUBLE", "VARCHAR", "DATE", "TIMESTAMP WITH TIME ZONE"]
    got = duckdb.sql("SELECT id, b, s, i, l, f, d, str, dt, epoch_ms(ts) AS ts FROM '%s' ORDER BY id" % path).fetchall()
    assert_rows_equal(got, sorted(OUT_ROWS))
    # DuckDB's aggregates over the file agree with TideDB's
    tide = conn.execute("SELECT count(*) AS n, count(str) AS ns, sum(i) AS si, count(dt) AS nd FROM t").fetchone()
    duck = duckdb.sql("SELECT count(*), count(str), sum(i), count(dt) FROM '%s'" % path).fetchall()[0]
    assert tuple(tide) == tuple(duck)


def test_outfile_reads_back_in_pandas(conn, tmp_path):
    pd = pytest.importorskip("pandas")
    rows = OUT_ROWS
    filled_table(conn, rows)
    path = str(tmp_path / "pandas.parquet")
    export(conn, "SELECT * FROM t", path, compression="snappy")
    df = pd.read_parquet(path).sort_values("id").reset_index(drop=True)
    assert list(df.columns) == COLUMNS
    assert len(df) == len(rows)
    assert str(df["ts"].dtype) == "datetime64[ms, UTC]"
    # exact values through the pyarrow-backed dtypes (no float64 detour for nullable integers)
    dfa = pd.read_parquet(path, dtype_backend="pyarrow").sort_values("id").reset_index(drop=True)
    want = sorted(rows)
    for j, name in enumerate(COLUMNS):
        series = dfa[name]
        for k, w in enumerate(want):
            v = series.iloc[k]
            if w[j] is None:
                assert v is pd.NA or v is None, "row id=%d column %s: got %r, want NULL" % (w[0], name, v)
                continue
            if name == "ts":
                v = int(v.as_unit("ms").asm8.astype("int64"))  # no detour through nanoseconds
            elif name == "dt":
                v = v if isinstance(v, datetime.date) else v.date()
            elif name in ("s", "i", "l", "id"):
                v = int(v)
            elif name == "b":
                v = bool(v)
            elif name in ("f", "d"):
                v = float(v)
            assert same_value(KINDS[name], v, w[j]), "row id=%d column %s: got %r, want %r" % (
                w[0], name, short(v), short(w[j]))


def expected_minmax(values):
    present = [v for v in values if v is not None]
    return (min(present), max(present)) if present else (None, None)


def test_outfile_column_chunk_statistics(conn, tmp_path):
    rng = random.Random(3)
    rows = []
    for k in range(1, 301):
        rows.append((k, rng.random() < 0.5, rng.randrange(-32768, 32768), rng.randrange(I32_MIN, I32_MAX),
                     rng.randrange(I64_MIN, I64_MAX), f32(rng.uniform(-1e6, 1e6)), rng.uniform(-1e300, 1e300),
                     rng.choice(["apple", "Zebra", "ärger", "éclair", "zz", "日本", ""]) + str(k % 7),
                     datetime.date(1900, 1, 1) + datetime.timedelta(days=rng.randrange(0, 80000)),
                     rng.randrange(TS_1900, TS_9999)))
    # NULLs here and there, and one row group (rows 101..200) whose str column is all NULL
    rows = [tuple(None if (c > 0 and (k * 5 + c) % 13 == 0) or (c == 7 and 101 <= r[0] <= 200) else v
                  for c, v in enumerate(r)) for k, r in enumerate(rows)]
    filled_table(conn, rows)
    path = str(tmp_path / "stats.parquet")
    export(conn, "SELECT * FROM t", path, row_group_rows=100)  # offline scans in insertion order
    pf = pq.ParquetFile(path)
    assert pf.metadata.num_row_groups == 3
    for rg in range(3):
        group = pf.read_row_group(rg)
        rg_rows = arrow_rows(group)
        ids = [r[0] for r in rg_rows]
        for j, name in enumerate(COLUMNS):
            meta = pf.metadata.row_group(rg).column(j)
            stats = meta.statistics
            assert stats is not None, "row group %d column %s has no statistics" % (rg, name)
            values = [r[j] for r in rg_rows]
            assert stats.null_count == sum(v is None for v in values), (rg, name)
            lo, hi = expected_minmax(values)
            if lo is None:
                continue
            assert stats.has_min_max, "row group %d column %s has no min/max" % (rg, name)
            smin, smax = stats.min, stats.max
            if name == "ts":
                smin, smax = (int((x - EPOCH) // datetime.timedelta(milliseconds=1)) for x in (smin, smax))
            # strings: byte-wise (unsigned) order of UTF-8 is code point order, as Python compares
            if name == "f":
                assert (f32(smin), f32(smax)) == (lo, hi), (rg, name, smin, smax, lo, hi)
            else:
                assert (smin, smax) == (lo, hi), (rg, name, smin, smax, lo, hi, ids[:3])


def test_outfile_float_statistics_leave_out_nan(conn, tmp_path):
    """NaN never becomes a column chunk's min or max (the format says so: readers would skip
    row groups wrongly)."""
    conn.execute("CREATE TABLE t (id bigint, f float, d double, INDEX(KEY=id))")
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO t VALUES (%s, %s, %s)",
                        [(1, math.nan, math.nan), (2, math.nan, 1.0), (3, math.nan, -3.0), (4, math.nan, math.nan),
                         (5, None, None)])
    path = str(tmp_path / "nan.parquet")
    export(conn, "SELECT * FROM t", path)
    meta = pq.ParquetFile(path).metadata.row_group(0)
    f, d = meta.column(1).statistics, meta.column(2).statistics
    assert d.has_min_max and (d.min, d.max) == (-3.0, 1.0), (d.min, d.max)
    assert d.null_count == 1 and f.null_count == 1
    if f.has_min_max:  # every value NaN: no min/max is right; a NaN one is not
        assert not math.isnan(f.min) and not math.isnan(f.max), (f.min, f.max)
    got = sorted(pq.read_table(path).to_pylist(), key=lambda r: r["id"])
    assert [r["id"] for r in got] == [1, 2, 3, 4, 5]
    assert all(math.isnan(r["f"]) for r in got[:4]) and got[4]["f"] is None
    assert math.isnan(got[0]["d"]) and got[1]["d"] == 1.0 and math.isnan(got[3]["d"]) and got[4]["d"] is None


def test_outfile_10k_rows_exact(conn, tmp_path):
    rows = sample_rows(10000)
    src = str(tmp_path / "src.parquet")
    pq.write_table(arrow_table(rows), src)
    conn.execute(CREATE_ALL.format(t="t"))
    load(conn, src, mode="append")
    path = str(tmp_path / "out10k.parquet")
    cur = export(conn, "SELECT * FROM t", path, compression="zstd", row_group_rows=1000)
    assert cur.statusmessage == "SELECT 10000"  # as a CSV export reports
    meta = pq.ParquetFile(path).metadata
    assert meta.num_rows == 10000 and meta.num_row_groups == 10
    assert_rows_equal(arrow_rows(pq.read_table(path)), rows)
    counts = duckdb.sql("SELECT count(*), count(b), count(s), count(i), count(l), count(f), count(d), count(str), "
                        "count(dt), count(ts) FROM '%s'" % path).fetchall()[0]
    assert counts == tuple([10000] + [sum(r[j] is not None for r in rows) for j in range(1, 10)])


@pytest.mark.parametrize("n", [1, 7, 100, 249, 250, 251, 100000])
def test_outfile_row_group_rows(conn, tmp_path, n):
    rows = [(k, None, None, k, k, None, None, "r%d" % k, None, k) for k in range(250)]
    filled_table(conn, rows)
    path = str(tmp_path / "rg.parquet")
    export(conn, "SELECT * FROM t", path, row_group_rows=n)
    meta = pq.ParquetFile(path).metadata
    assert meta.num_rows == 250
    assert meta.num_row_groups == math.ceil(250 / n)
    sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    assert sum(sizes) == 250 and all(0 < s <= n for s in sizes), sizes
    assert [r[0] for r in arrow_rows(pq.read_table(path))] == list(range(250))


def test_outfile_low_cardinality_strings_dictionary_encoded(conn, tmp_path):
    cats = ["red", "green", "blue 🙂"]
    conn.execute("CREATE TABLE t (id bigint, cat string, INDEX(KEY=id))")
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO t VALUES (%s, %s)", [(k, cats[k % 3] if k % 10 else None) for k in range(1000)])
    path = str(tmp_path / "dict.parquet")
    export(conn, "SELECT * FROM t", path)
    pf = pq.ParquetFile(path)
    j = pf.schema_arrow.get_field_index("cat")
    for rg in range(pf.metadata.num_row_groups):
        col = pf.metadata.row_group(rg).column(j)
        assert any(e in ("PLAIN_DICTIONARY", "RLE_DICTIONARY") for e in col.encodings), col.encodings
        assert col.has_dictionary_page
    got = sorted(pq.read_table(path).to_pylist(), key=lambda r: r["id"])
    assert got == [{"id": k, "cat": cats[k % 3] if k % 10 else None} for k in range(1000)]
    # and the file is small for it
    assert os.path.getsize(path) < 20000


@pytest.mark.parametrize("codec,name", [("zstd", "ZSTD"), ("snappy", "SNAPPY"), ("gzip", "GZIP"),
                                        ("none", "UNCOMPRESSED")])
def test_outfile_compression(conn, tmp_path, codec, name):
    filled_table(conn)
    path = str(tmp_path / ("c-%s.parquet" % codec))
    export(conn, "SELECT * FROM t", path, compression=codec, row_group_rows=50)
    meta = pq.ParquetFile(path).metadata
    assert meta.num_row_groups == 3
    for rg in range(meta.num_row_groups):
        for j in range(meta.num_columns):
            assert meta.row_group(rg).column(j).compression == name
    assert_rows_equal(arrow_rows(pq.read_table(path)), sorted(OUT_ROWS))
    got = duckdb.sql("SELECT id, b, s, i, l, f, d, str, dt, epoch_ms(ts) AS ts FROM '%s' ORDER BY id" % path).fetchall()
    assert_rows_equal(got, sorted(OUT_ROWS))


@pytest.mark.parametrize("mode", [None, "error_if_exists"])
def test_outfile_error_if_exists_keeps_the_file(conn, tmp_path, mode):
    filled_table(conn, OUT_ROWS[:5])
    path = str(tmp_path / "exists.parquet")
    with open(path, "wb") as f:
        f.write(b"precious bytes, not parquet")
    opts = {"mode": mode} if mode else {}
    with pytest.raises(psycopg.Error) as info:
        export(conn, "SELECT * FROM t", path, **opts)
    assert info.value.sqlstate, str(info.value)
    assert "exists.parquet" in str(info.value)
    assert open(path, "rb").read() == b"precious bytes, not parquet"
    assert not [p for p in os.listdir(str(tmp_path)) if p != "exists.parquet"], os.listdir(str(tmp_path))


def test_outfile_overwrite_replaces(conn, tmp_path):
    filled_table(conn, OUT_ROWS[:5])
    path = str(tmp_path / "over.parquet")
    pq.write_table(pa.table({"other": pa.array(list(range(1000)), pa.int64())}), path)
    export(conn, "SELECT * FROM t", path, mode="overwrite")
    assert_rows_equal(arrow_rows(pq.read_table(path)), sorted(OUT_ROWS[:5]))
    export(conn, "SELECT id, str FROM t WHERE id = 2", path, mode="overwrite")
    assert pq.read_table(path).to_pylist() == [{"id": 2, "str": ""}]
    assert sorted(os.listdir(str(tmp_path))) == ["over.parquet"]


def test_outfile_empty_result_is_a_valid_file(conn, tmp_path):
    filled_table(conn, OUT_ROWS[:5])
    path = str(tmp_path / "empty.parquet")
    export(conn, "SELECT * FROM t WHERE id > 1000000", path)
    table = pq.read_table(path)
    assert table.num_rows == 0
    assert table.column_names == COLUMNS
    assert table.schema.field("ts").type == pa.timestamp("ms", tz="UTC")
    assert duckdb.sql("SELECT count(*) FROM '%s'" % path).fetchall() == [(0,)]


def test_outfile_expressions_and_aliases(conn, tmp_path):
    filled_table(conn, OUT_ROWS[:20])
    path = str(tmp_path / "expr.parquet")
    export(conn, "SELECT id AS key, i + 1 AS next_i, concat(str, '!') AS loud, dt AS day FROM t WHERE id >= 9", path)
    table = pq.read_table(path)
    assert table.column_names == ["key", "next_i", "loud", "day"]
    assert table.schema.field("day").type == pa.date32()
    got = sorted(table.to_pylist(), key=lambda r: r["key"])
    want = conn.execute("SELECT id AS key, i + 1 AS next_i, concat(str, '!') AS loud, dt AS day "
                        "FROM t WHERE id >= 9 ORDER BY id").fetchall()
    assert [tuple(r.values()) for r in got] == want


def test_outfile_ignores_session_time_zone(conn, tmp_path):
    filled_table(conn, OUT_ROWS[:30])
    conn.execute("SET @@time_zone = '+08:00'")
    path = str(tmp_path / "tz.parquet")
    export(conn, "SELECT * FROM t", path)
    assert_rows_equal(arrow_rows(pq.read_table(path)), sorted(OUT_ROWS[:30]))


@pytest.mark.parametrize("opts", [{}, {"compression": "gzip", "row_group_rows": 13}, {"compression": "none"}],
                         ids=["default", "gzip-13", "none"])
def test_round_trip_tide_parquet_tide(conn, tmp_path, opts):
    """Rows TideDB writes to Parquet load back into TideDB unchanged."""
    filled_table(conn, table="src")
    path = str(tmp_path / "rt.parquet")
    export(conn, "SELECT * FROM src", path, **opts)
    conn.execute(CREATE_ALL.format(t="dst"))
    load(conn, path, table="dst", mode="append")
    assert_rows_equal(select_all(conn, "dst"), sorted(OUT_ROWS))
    assert_rows_equal(select_all(conn, "dst"), select_all(conn, "src"))
    # and again in online mode
    conn.execute("SET @@execute_mode = 'online'")
    conn.execute(CREATE_ALL.format(t="dst_online"))
    load(conn, path, table="dst_online", mode="append")
    assert_rows_equal(select_all(conn, "dst_online"), sorted(OUT_ROWS))
