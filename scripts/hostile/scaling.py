#!/usr/bin/env python3
"""How numguard's time and memory grow with the size of a tree (issue 16): one package of N
files (each calls the next, so the model has cross-file references), for several N; prints wall
time, peak resident memory (GNU time) and the run's own figures. Measure on a quiet machine
(the script prints the load before and after).

Usage: python3 scripts/hostile/scaling.py [--sizes 1000,2000,6000] [--jvm -Xmx1g] [--work /tmp/numguard-scaling]
"""
import argparse, json, os, shutil, subprocess
from pathlib import Path

JAR = Path(__file__).resolve().parents[2] / "analyzer" / "target" / "numguard.jar"


def package(folder, n):
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for i in range(n):
        (folder / ("F%d.java" % i)).write_text(
            "package p;\n\nclass F%d {\n    double f(double x) {\n        return Math.log(1 + x) + new F%d().g(x);\n    }\n\n"
            "    double g(double x) {\n        double s = 0;\n        for (int i = 0; i < 10; i++) {\n"
            "            s += Math.exp(x * i) - 1;\n        }\n        return s;\n    }\n}\n" % (i, (i + 1) % n))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,2000,6000")
    parser.add_argument("--jvm", default="-Xmx1g")
    parser.add_argument("--work", default="/tmp/numguard-scaling")
    args = parser.parse_args()
    print("load before: " + open("/proc/loadavg").read().strip())
    for n in [int(s) for s in args.sizes.split(",")]:
        tree = Path(args.work) / ("n%d" % n) / "p"
        package(tree, n)
        report = Path(args.work) / ("n%d.json" % n)
        run = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + ["java"] + args.jvm.split()
                             + ["-jar", str(JAR), "check", "--format", "json", "--output", str(report), "--fail-on", "never",
                                str(tree)], capture_output=True, text=True)
        wall, rss = run.stderr.strip().splitlines()[-1].split()
        summary = json.loads(report.read_text())["summary"]
        print("%5d files: %6.1f s wall, peak RSS %5d MB, %d analysed, %d findings, %d problems, exit %d"
              % (n, float(wall), int(rss) // 1024, summary["filesAnalysed"], summary["findings"], summary["problems"],
                 run.returncode))
    print("load after: " + open("/proc/loadavg").read().strip())


if __name__ == "__main__":
    main()
