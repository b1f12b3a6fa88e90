#!/usr/bin/env python3
"""Prints 'N passed, N failed, N skipped' from meson's testlog.json.

TAP tests count per subtest. Exit: 0 ok, 1 failures, 2 nothing ran.
Usage: meson-test-summary.py build/meson-logs/testlog.json
"""
import json
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "build/meson-logs/testlog.json"
OK, SKIP = {"OK", "EXPECTEDFAIL"}, {"SKIP"}
# Case-sensitive on purpose: only TAP's own "ok"/"not ok" count.
tap_line = re.compile(r"^(not ok|ok)\b[^#]*(#\s*(SKIP|TODO)\b)?")
tap_plan = re.compile(r"^(1\.\.\d+|TAP version \d+)", re.M)

passed = failed = skipped = 0
failures = []
for line in open(path, encoding="utf-8"):
    t = json.loads(line)
    res = t.get("result", "ERROR")
    out = t.get("stdout") or ""
    p = f = s = 0
    if tap_plan.search(out):
        for l in out.splitlines():
            m = tap_line.match(l)
            if not m:
                continue
            d = (m.group(3) or "").upper()
            if d == "SKIP":
                s += 1
            elif m.group(1) == "ok" or d == "TODO":
                p += 1
            else:
                f += 1
                failures.append(f"{t['name']}: {l}")
    if p + f + s == 0:
        if res in OK:
            p = 1
        elif res in SKIP:
            s = 1
        else:
            f = 1
    elif res not in OK | SKIP and f == 0:
        # crashed, bailed out or timed out after some passing subtests
        f = 1
    if f and not any(x.startswith(t["name"] + ":") for x in failures):
        failures.append(f"{t['name']}: {res}")
    passed += p
    failed += f
    skipped += s

for x in failures:
    print("FAILED", x)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else (2 if passed == 0 else 0))
