#!/usr/bin/env python3
"""Turns a JMH JSON result (java -jar benchmarks.jar ... -rf json -rff FILE) into the Markdown
tables of docs/benchmarks.md: the raw scores (with the best single iteration, the least disturbed
figure on a shared machine), the stable/naive and stable/peer ratios, the exponential alone
(ShiftedExp vs Math.exp) and the scaling of the fork-join CPU batch backend.

Usage: python3 benchmarks/jmh-ratios.py target/jmh.json
"""
import json, sys, re
data = json.load(open(sys.argv[1]))
rows = {}
raw = []
scaling = {}
for b in data:
    cls, method = b['benchmark'].split('.')[-2:]
    params = b.get('params', {})
    pm = b['primaryMetric']
    iters = [v for fork in pm['rawData'] for v in fork]
    unit = pm['scoreUnit']
    label = ", ".join(f"{k}={v}" for k, v in sorted(params.items()))
    error = pm['scoreError'] if isinstance(pm['scoreError'], (int, float)) else float('nan')  # "NaN" for one iteration
    raw.append((cls, method, label, pm['score'], error, min(iters), unit))
    if 'threads' in params:
        scaling[(method, params['threads'])] = (pm['score'], min(iters))
        continue
    n = int(params['n'])
    m = re.match(r'(.*?)(Double|Float)$', method)
    who, typ = m.group(1), m.group(2).lower()
    who = {'shiftedExp': 'stable', 'mathExp': 'naive'}.get(who, who)
    rows[(cls, typ, n, who)] = (pm['score'], min(iters))
print("| benchmark | params | score | ± error (99.9%) | best iteration | unit |")
print("|---|---|---:|---:|---:|---|")
for cls, method, label, s, e, best, unit in sorted(raw):
    print(f"| {cls}.{method} | {label} | {s:,.2f} | {e:,.2f} | {best:,.2f} | {unit} |")
print()
print("| operation | type | n | stable / naive (score) | stable / naive (best) | stable / peer (score; best) |")
print("|---|---|---:|---:|---:|---|")
ops = ['SoftmaxBenchmark', 'LogSumExpBenchmark', 'VarianceBenchmark', 'LogProductBenchmark', 'ExpBenchmark']
for cls in ops:
    for typ in ['double', 'float']:
        for n in [1000, 100000, 1000000]:
            st = rows.get((cls, typ, n, 'stable'))
            nv = rows.get((cls, typ, n, 'naive'))
            if not st or not nv: continue
            peers = [(w, v) for (c, t, nn, w), v in rows.items() if c == cls and t == typ and nn == n and w not in ('stable', 'naive')]
            ptxt = "; ".join(f"{w}: {st[0]/v[0]:.2f}; {st[1]/v[1]:.2f}" for w, v in sorted(peers)) or "no peer"
            name = 'ShiftedExp vs Math.exp' if cls == 'ExpBenchmark' else cls.replace('Benchmark', '')
            print(f"| {name} | {typ} | {n:,} | {st[0]/nv[0]:.2f} | {st[1]/nv[1]:.2f} | {ptxt} |")
if scaling:
    print()
    print("| batch operation (4096 × 4096 float) | 1 thread (ms) | all cores (ms) | speed-up (score) | speed-up (best) |")
    print("|---|---:|---:|---:|---:|")
    for method in sorted({m for m, _ in scaling}):
        one, many = scaling.get((method, '1')), scaling.get((method, 'all'))
        if one and many:
            print(f"| {method} | {one[0]:,.1f} | {many[0]:,.1f} | {one[0]/many[0]:.2f} | {one[1]/many[1]:.2f} |")
