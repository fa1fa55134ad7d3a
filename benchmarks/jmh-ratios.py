#!/usr/bin/env python3
"""Turns a JMH JSON result (java -jar benchmarks.jar ... -rf json -rff FILE) into the two Markdown
tables of docs/benchmarks.md: the raw scores (with the best single iteration, the least disturbed
figure on a shared machine) and the stable/naive and stable/peer ratios.

Usage: python3 benchmarks/jmh-ratios.py target/jmh.json
"""
import json, sys, re, statistics
data = json.load(open(sys.argv[1]))
rows = {}
raw = []
for b in data:
    cls, method = b['benchmark'].split('.')[-2:]
    n = int(b['params']['n'])
    pm = b['primaryMetric']
    m = re.match(r'(.*?)(Double|Float)$', method)
    who, typ = m.group(1), m.group(2).lower()
    iters = [v for fork in pm['rawData'] for v in fork]
    rows[(cls, typ, n, who)] = (pm['score'], min(iters))
    raw.append((cls, method, n, pm['score'], pm['scoreError'], min(iters)))
print("| benchmark | n | score (µs/op) | ± error (99.9%) | best iteration (µs/op) |")
print("|---|---:|---:|---:|---:|")
for cls, method, n, s, e, best in sorted(raw, key=lambda r: (r[0], r[1], r[2])):
    print(f"| {cls}.{method} | {n:,} | {s:,.1f} | {e:,.1f} | {best:,.1f} |")
print()
print("| operation | type | n | stable / naive (score) | stable / naive (best) | stable / peer (score; best) |")
print("|---|---|---:|---:|---:|---|")
ops = ['SoftmaxBenchmark', 'LogSumExpBenchmark', 'VarianceBenchmark', 'LogProductBenchmark']
for cls in ops:
    for typ in ['double', 'float']:
        for n in [1000, 100000, 1000000]:
            st = rows.get((cls, typ, n, 'stable'))
            nv = rows.get((cls, typ, n, 'naive'))
            if not st or not nv: continue
            peers = [(w, v) for (c, t, nn, w), v in rows.items() if c == cls and t == typ and nn == n and w not in ('stable', 'naive')]
            ptxt = "; ".join(f"{w}: {st[0]/v[0]:.2f}; {st[1]/v[1]:.2f}" for w, v in sorted(peers)) or "no peer"
            print(f"| {cls.replace('Benchmark','')} | {typ} | {n:,} | {st[0]/nv[0]:.2f} | {st[1]/nv[1]:.2f} | {ptxt} |")
