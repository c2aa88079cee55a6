#!/usr/bin/env python3
"""../shared/bench/compare_offline.py for runs whose one statement outlasts its 30-minute idle
timeout (tidebench medium on a 2-core Spark: the feature query prints nothing for ~40 min).
Same arguments and output; only the idle timeout of each `tide` process becomes --timeout.

    TIDE_OFFLINE_ENGINE=spark://127.0.0.1:15011 python3 benchmarks/spark/compare_offline_long.py \
        --tide .build/release/tide --size medium --runs 1
"""
import os
import runpy
import sys

BENCH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "bench")
sys.path.insert(0, BENCH)
import tidebench_lib  # noqa: E402

run_tide = tidebench_lib.run_tide


def run_tide_without_idle_timeout(*args, **kwargs):
    kwargs.setdefault("idle_timeout", kwargs.get("timeout", 7200.0))
    return run_tide(*args, **kwargs)


tidebench_lib.run_tide = run_tide_without_idle_timeout
sys.argv[0] = os.path.join(BENCH, "compare_offline.py")
runpy.run_path(sys.argv[0], run_name="__main__")
