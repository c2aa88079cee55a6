#!/usr/bin/env python3
"""Runs a command and reports the peak resident memory of TideDB and of Spark meanwhile.

    python3 benchmarks/spark/peak_rss.py -- python3 ../shared/bench/compare_offline.py ...

Every second it sums the RSS of the processes whose command line names `tide` (the TideDB
binary) and of the Java processes (the Spark Connect server, and a pyspark driver), and at
the end prints the peak of each sum. Exits with the command's status.
"""
import os
import subprocess
import sys
import threading


def rss_by_kind():
    totals = {"tide": 0, "java": 0}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                argv = f.read().split(b"\0")
            with open("/proc/%s/status" % pid) as f:
                rss = next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
        except (OSError, StopIteration, ValueError):
            continue
        program = os.path.basename(argv[0].decode(errors="replace")) if argv else ""
        if program == "tide":
            totals["tide"] += rss
        elif program == "java":
            totals["java"] += rss
    return totals


def main():
    args = sys.argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        raise SystemExit(__doc__)
    peaks = {"tide": 0, "java": 0}
    done = threading.Event()

    def sample():
        while not done.wait(1.0):
            for kind, kib in rss_by_kind().items():
                peaks[kind] = max(peaks[kind], kib)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    status = subprocess.call(args)
    done.set()
    sampler.join()
    print("PEAK_RSS tide %.2f GiB, java (Spark) %.2f GiB" % (peaks["tide"] / 2**20, peaks["java"] / 2**20),
          flush=True)
    sys.exit(status)


if __name__ == "__main__":
    main()
