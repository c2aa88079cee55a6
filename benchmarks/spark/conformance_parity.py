#!/usr/bin/env python3
"""Compares two conformance reports of the same commit: one with TideBatch (the default) and
one with the offline engine on Spark (TIDE_OFFLINE_ENGINE=spark://...). A check counts as
"same" when both runs give the same outcome (pass/pass, or fail/fail with the local failure
being TideBatch's own), "refused" when the Spark run stopped at the emitter's 0A000 (the plan
needs something not lowered yet), and "differs" otherwise. Prints a table per family and the
refusal reasons; exits 1 if any check differs.

    python3 ../shared/conformance/run.py --tide .build/release/tide --mode batch_offline --json local.json
    TIDE_OFFLINE_ENGINE=spark://127.0.0.1:15002 python3 ../shared/conformance/run.py \\
        --tide .build/release/tide --mode batch_offline --json spark.json
    python3 benchmarks/spark/conformance_parity.py local.json spark.json
"""
import collections
import json
import re
import sys


def load(path):
    with open(path) as f:
        return {(r["mode"], r["id"]): r for r in json.load(f)["results"]}


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    local, spark = load(sys.argv[1]), load(sys.argv[2])
    table = collections.defaultdict(collections.Counter)
    reasons = collections.Counter()
    differing = []
    for key, s in sorted(spark.items()):
        l = local.get(key)
        family = s["family"]
        if l is None:
            continue
        if "0A000" in s["reason"] and "cannot run on Spark" in s["reason"]:
            table[family]["refused"] += 1
            reason = re.sub(r".*0A000: ", "", s["reason"]).replace(" cannot run on Spark yet", "")
            reason = re.sub(r"\(.*\)", "(...)", reason)
            reasons[reason] += 1
        elif s["status"] == l["status"] and (s["status"] == "pass" or s["reason"] == l["reason"]):
            table[family]["same"] += 1
        else:
            table[family]["differs"] += 1
            differing.append((key[1], l["status"], l["reason"], s["status"], s["reason"]))
    print("%-14s %7s %7s %8s %8s" % ("family", "checks", "same", "refused", "differs"))
    total = collections.Counter()
    for family in sorted(table):
        row = table[family]
        checks = sum(row.values())
        total.update(row)
        print("%-14s %7d %7d %8d %8d" % (family, checks, row["same"], row["refused"], row["differs"]))
    print("%-14s %7d %7d %8d %8d" % ("TOTAL", sum(total.values()), total["same"], total["refused"], total["differs"]))
    print("\nrefused by the emitter (checks: reason):")
    for reason, count in reasons.most_common():
        print("  %4d  %s" % (count, reason))
    if differing:
        print("\ndiffering checks (local status: reason | spark status: reason):")
        for case, ls, lr, ss, sr in differing:
            print("  %s\n    local %s: %s\n    spark %s: %s" % (case, ls, lr[:200], ss, sr[:300]))
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
