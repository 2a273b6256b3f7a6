#!/usr/bin/python3
"""Turn run.sh's samples (JSON lines written by the benchmarks) into Markdown tables.

Usage: summarize.py [--old REV] [--new REV] samples.jsonl

For the notebooks and the corpus, a cell's time is the median of its runs on one side;
the tables give the median and p90 over cells, the same over the cells that succeeded
on both sides, the median of the per-cell added latency (new - old) and of the per-cell
ratio. For the round trip, every execute is a sample; medians per cell kind and overall.
"""
import argparse
import collections
import json
import statistics


def q(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = max(0, min(len(xs) - 1, int(p * len(xs) + 0.5) - 1))
    return xs[k]


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", default="old")
    ap.add_argument("--new", default="new")
    ap.add_argument("samples")
    a = ap.parse_args()
    rows = [json.loads(line) for line in open(a.samples) if line.strip()]

    print("## Per cell, in the engine (`engine.Execute`)\n")
    print("| cells | side | cells ok | median | p90 | median, both ok | p90, both ok | "
          "added latency of the median cell (new − old), both ok | median per-cell ratio | "
          "ratio of medians (new / old), both ok |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    sets = [("notebooks: Go cells", lambda r: r["set"] == "notebooks" and r["kind"] == "go"),
            ("notebooks: magic cells", lambda r: r["set"] == "notebooks" and r["kind"] == "magic"),
            ("corpus programs, one cell each, fresh engine", lambda r: r["set"] == "corpus")]
    for label, keep in sets:
        cell = {"old": collections.defaultdict(list), "new": collections.defaultdict(list)}
        ok = {"old": collections.defaultdict(list), "new": collections.defaultdict(list)}
        for r in rows:
            if keep(r) and r["side"] in cell and r["ms"] >= 0:
                cell[r["side"]][r["cell"]].append(r["ms"])
                ok[r["side"]][r["cell"]].append(r["ok"])
        if not cell["old"] and not cell["new"]:
            continue
        per = {s: {c: med(v) for c, v in cell[s].items()} for s in cell}
        good = {s: {c for c, v in ok[s].items() if all(v)} for s in ok}
        both = sorted(good["old"] & good["new"])
        diffs = [per["new"][c] - per["old"][c] for c in both]
        ratios = [per["new"][c] / per["old"][c] for c in both if per["old"][c] > 0]
        for s in ("old", "new"):
            allv = list(per[s].values())
            bv = [per[s][c] for c in both]
            extra = ("| | | |" if s == "old" else
                     "| %+.2f ms | %.2f× | %.2f× |" % (med(diffs), med(ratios), med([per["new"][c] for c in both]) / med([per["old"][c] for c in both])))
            print("| %s | %s (%s) | %d / %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms %s" % (
                label, s, a.old if s == "old" else a.new, len(good[s]), len(per[s]), med(allv), q(allv, 0.9),
                med(bv), q(bv, 0.9), extra))
    print()

    # The median over the runs of each run's median (noise check).
    print("Median Go-cell time of each run (notebooks; corpus), old → new:\n")
    for label, keep in sets[0:1] + sets[2:3]:
        runs = collections.defaultdict(list)
        for r in rows:
            if keep(r) and r["ms"] >= 0 and r["side"] in ("old", "new"):
                runs[(r.get("run", ""), r["side"])].append(r["ms"])
        parts = []
        for run in sorted({k[0] for k in runs}, key=lambda x: int(x) if x.isdigit() else 0):
            parts.append("%s: %.2f → %.2f ms" % (run, med(runs[(run, "old")]), med(runs[(run, "new")])))
        print("- %s — %s" % (label.split(",")[0], "; ".join(parts)))
    print()

    for st, title in (("small", "Small cells in one engine, in process (`BenchmarkSmallCells`: the engine's share of the round trip)"),
                      ("session", "A small cell after the session has accumulated declarations (`BenchmarkSessionSize`)")):
        got = collections.defaultdict(list)
        order = []
        for r in rows:
            if r["set"] == st:
                if r["cell"] not in order:
                    order.append(r["cell"])
                got[(r["cell"], r["side"])].append(r["ms"])
        if not got:
            continue
        print("%s, median over all runs:\n" % title)
        print("| cell | old | new | new − old | new / old |")
        print("| --- | --- | --- | --- | --- |")
        for c in order:
            o, n = med(got[(c, "old")]), med(got[(c, "new")])
            shown = c.replace("{; ", "{ ").replace("; }", " }").replace("\t", "")
            print("| `%s` | %.3f ms | %.3f ms | %+.3f ms | %.2f× |" % (shown, o, n, n - o, n / o))
        print()

    first = collections.defaultdict(list)
    for r in rows:
        if r["set"] in ("first", "roundtrip-first"):
            first[(r["set"], r["side"])].append(r["ms"])
    if first:
        print("First cell of a process (one-time costs), median over processes: "
              "engine benchmarks %.1f ms → %.1f ms (%d / %d processes); fresh kernel %.1f ms → %.1f ms.\n" % (
                  med(first[("first", "old")]), med(first[("first", "new")]),
                  len(first[("first", "old")]), len(first[("first", "new")]),
                  med(first[("roundtrip-first", "old")]), med(first[("roundtrip-first", "new")])))

    rt = collections.defaultdict(list)
    bad = collections.Counter()
    for r in rows:
        if r["set"] == "roundtrip":
            rt[(r["cell"], r["side"])].append(r["ms"])
            rt[("all", r["side"])].append(r["ms"])
            if not r["ok"]:
                bad[(r["cell"], r["side"], r.get("error", ""))] += 1
    if rt:
        print("## Kernel round trip (execute_request → execute_reply + idle, ZeroMQ, real kernel processes)\n")
        print("| cell | old median | new median | new / old | old p90 | new p90 |")
        print("| --- | --- | --- | --- | --- | --- |")
        cells = [c for c, s in rt if s == "old" and c != "all"]
        for c in cells + ["all"]:
            o, n = rt[(c, "old")], rt[(c, "new")]
            name = "**all %d × 2 samples**" % len(o) if c == "all" else "`%s`" % c
            print("| %s | %.2f ms | %.2f ms | %s%.2f×%s | %.2f ms | %.2f ms |" % (
                name, med(o), med(n), "**" if c == "all" else "", med(n) / med(o), "**" if c == "all" else "",
                q(o, 0.9), q(n, 0.9)))
        runs = collections.defaultdict(list)
        for r in rows:
            if r["set"] == "roundtrip":
                runs[(r.get("run", ""), r["side"])].append(r["ms"])
        per_run = []
        for run in sorted({k[0] for k in runs}, key=lambda x: int(x) if x.isdigit() else 0):
            per_run.append(med(runs[(run, "new")]) / med(runs[(run, "old")]))
        ratio = med(rt[("all", "new")]) / med(rt[("all", "old")])
        print("\nRatio of medians per run: %s. Within 1.2×: **%s** (%.2f×)." % (
            ", ".join("%.2f×" % x for x in per_run), "yes" if ratio <= 1.2 else "no", ratio))
        for (c, s, e), n in sorted(bad.items()):
            print("\n- failed: `%s` on %s, %d times: %s" % (c, s, n, e))


if __name__ == "__main__":
    main()
