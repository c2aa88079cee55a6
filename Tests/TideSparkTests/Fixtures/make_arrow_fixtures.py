"""Writes the Arrow IPC streams ArrowStreamReaderTests reads (run with pyarrow installed:
python3 Tests/TideSparkTests/Fixtures/make_arrow_fixtures.py). The streams are committed, so
the tests need no Python; rerun only to change them."""
import decimal
import os

import pyarrow as pa

here = os.path.dirname(os.path.abspath(__file__))


def write(name, table, **options):
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=pa.ipc.IpcWriteOptions(**options)) as writer:
        for batch in table.to_batches(max_chunksize=3):
            writer.write_batch(batch)
    with open(os.path.join(here, name), "wb") as f:
        f.write(sink.getvalue().to_pybytes())


scalars = pa.table({
    "i8": pa.array([1, None, -3, 4, 5], pa.int8()),
    "i16": pa.array([-32768, 2, None, 4, 32767], pa.int16()),
    "i32": pa.array([1, 2, 3, None, -2147483648], pa.int32()),
    "i64": pa.array([None, 2**62, -(2**63), 0, 9], pa.int64()),
    "f32": pa.array([1.5, None, float("inf"), -0.0, 3.25], pa.float32()),
    "f64": pa.array([0.1, 1e300, None, float("-inf"), -2.5], pa.float64()),
    "b": pa.array([True, False, None, True, False], pa.bool_()),
    "s": pa.array(["a", "", None, "héllo, \"world\"", "x" * 40], pa.string()),
    "ls": pa.array(["big", None, "", "ü", "z"], pa.large_string()),
    "d": pa.array([0, -1, None, 19723, 1], pa.date32()),
    "ts_us": pa.array([1704067215740123, -1, None, 0, 1500], pa.timestamp("us", tz="Etc/UTC")),
    "ts_ms": pa.array([1704067215740, None, -5, 0, 1], pa.timestamp("ms")),
    "dec": pa.array([decimal.Decimal("12.34"), None, decimal.Decimal("-0.05"), decimal.Decimal("0"),
                     decimal.Decimal("99999999.99")], pa.decimal128(10, 2)),
    "n": pa.array([None] * 5, pa.null()),
})
write("scalars.arrows", scalars)
write("compressed.arrows", pa.table({"x": pa.array(list(range(100)), pa.int64())}), compression="zstd")
write("dictionary.arrows", pa.table({"x": pa.array(["a", "b", "a"]).dictionary_encode()}))
write("list.arrows", pa.table({"x": pa.array([[1, 2], None, []], pa.list_(pa.int64()))}))
