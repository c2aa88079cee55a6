#!/usr/bin/env python3
"""Gate on a conformance report (run.py --json).

    check_conformance.py REPORT THRESHOLD LABEL [--baseline FILE --mode MODE] [--record]

Fails unless at least THRESHOLD of the checks pass (for the syntax corpus: of its syntactic
statements). With --baseline, also fails when a check that passed in the recorded baseline
(scripts/conformance-baseline.json: the passing check ids per mode) no longer passes, naming
each one; --record writes this report's passing checks into the baseline instead (run it
after fixing semantics, and commit the file). With --cases DIR (the corpus' cases folder),
checks whose data is relative to the wall clock (`{currentTime}`: TTL expiry) are left out
of the regression check, since they can land on either side of an expiry."""
import argparse
import json
import os
import sys

ap = argparse.ArgumentParser()
ap.add_argument("report")
ap.add_argument("threshold", type=float)
ap.add_argument("label", nargs="?", default="conformance")
ap.add_argument("--baseline")
ap.add_argument("--mode")
ap.add_argument("--record", action="store_true")
ap.add_argument("--cases")
args = ap.parse_args()

with open(args.report) as f:
    data = json.load(f)
checks = [c for c in data.get("results", data.get("checks", [])) if c.get("class", "syntactic") == "syntactic"]
if not checks:
    sys.exit("conformance report has no checks: %s" % args.report)
passing = sorted({c["id"] for c in checks if c.get("status") == "pass"})
share = sum(1 for c in checks if c.get("status") == "pass") / len(checks)
print("%s: %d of %d checks pass (%.1f%%, required %.0f%%)" % (
    args.label, len(passing), len(checks), 100 * share, 100 * args.threshold))
status = 0
if share < args.threshold:
    status = 1

if args.baseline and args.mode:
    baseline = {}
    if os.path.exists(args.baseline):
        with open(args.baseline) as f:
            baseline = json.load(f)
    if args.record:
        baseline[args.mode] = passing
        with open(args.baseline, "w") as f:
            json.dump(baseline, f, indent=1, sort_keys=True)
            f.write("\n")
        print("%s: recorded %d passing checks in %s" % (args.label, len(passing), args.baseline))
    else:
        clock = set()
        if args.cases:
            import glob
            import yaml
            for path in glob.glob(os.path.join(args.cases, "*.yaml")):
                with open(path) as f:
                    text = f.read()
                if "{currentTime}" not in text:
                    continue
                for case in (yaml.safe_load(text) or {}).get("cases", []):
                    if "{currentTime}" in json.dumps(case):
                        clock.add(case.get("id"))
        lost = sorted(set(baseline.get(args.mode, [])) - set(passing) - clock)
        if lost:
            print("%s: %d check(s) passed at the recorded baseline and fail now:" % (args.label, len(lost)))
            for check in lost:
                reason = next((c.get("reason", "") for c in checks if c["id"] == check), "not run")
                print("  %s: %s" % (check, reason[:200]))
            status = 1
sys.exit(status)
