#!/usr/bin/env python3
"""Hostile-input harness for numguard (issue 16): generates a tree of >= 10,000 Java files of many
kinds with a fixed seed, runs `numguard check` over it once, and checks that numguard never
crashes, never hangs beyond the per-file budget, never drops a file silently, never reports a
problem without a position, and never rejects a file that javac accepts.

Usage (from the repository root, after `mvn -pl analyzer -am -DskipTests package`):
    python3 scripts/hostile/harness.py [--files 10000] [--seed 16] [--budget 30] [--work /tmp/numguard-hostile]
                                       [--only extreme,issue]
Exit status 0 when every check holds. Not part of the default build (it takes minutes). `--only`
writes and checks only the files of the kinds named (the same files a whole run has, from the same
seed); the kinds are those of `generate` plus `issue`, the issue's 8,000-class and 500-deep files.
"""
import argparse, json, os, random, shutil, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / "analyzer" / "target" / "numguard.jar"

IDIOMS = ["Math.log(1 + x)", "Math.exp(x) - 1", "Math.log(a * b)", "Math.sqrt(x * x + y * y)", "x / (y - 1)"]


def base_sources():
    sources = []
    for folder in ("analyzer/src/test/resources/fixtures", "examples"):
        for path in sorted((ROOT / folder).rglob("*.java")):
            text = path.read_text(encoding="utf-8")
            if "/fixed/" not in str(path):
                sources.append(text)
    return sources


def repackage(text, package):
    lines = [l for l in text.splitlines(keepends=True) if not l.startswith("package ")]
    return "package %s;\n" % package + "".join(lines)


TOKENS = [";", "{", "}", "(", ")", "<", ">", "\"", "'", "/*", "//", "\\u0041", "@", "...", "->", "::", "_",
          "var", "record", "yield", "\\u0022", "\\uuu003b", "\u00e9", "\U0001d465", "\t", "\r", "\x00", "0x1p-3", "1e400"]


def mutate(rng, text):
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(6)
        pos = rng.randrange(len(chars) + 1)
        if kind == 0 and chars:
            del chars[min(pos, len(chars) - 1)]
        elif kind == 1:
            chars[pos:pos] = list(rng.choice(TOKENS))
        elif kind == 2:
            chars = chars[:pos]
        elif kind == 3:
            lines = "".join(chars).splitlines(keepends=True)
            if len(lines) > 2:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
            chars = list("".join(lines))
        elif kind == 4:
            lines = "".join(chars).splitlines(keepends=True)
            if lines:
                i = rng.randrange(len(lines))
                lines.insert(i, lines[i])
            chars = list("".join(lines))
        else:
            chars[pos:pos] = list("\n    double hostile%d(double x, double y, double a, double b) { return %s; }\n"
                                  % (rng.randrange(10**6), rng.choice(IDIOMS)))
    return "".join(chars)


def klass(name, body, package=None):
    head = "package %s;\n\n" % package if package else ""
    return head + "class %s {\n%s\n}\n" % (name, body)


def method(i, idiom):
    return "    double m%d(double x, double y, double a, double b) { return %s; }" % (i, idiom)


def extreme(rng, n, pkg):
    kind = n % 8
    name = "X%d" % n
    if kind == 0:
        t = "Double"
        for _ in range(rng.randint(20, 120)):
            t = "java.util.List<%s>" % t
        return klass(name, "    %s field;\n%s" % (t, method(0, IDIOMS[0])), pkg)
    if kind == 1:
        depth = rng.randint(200, 2000)
        return klass(name, "    double f(double x) { return %sx%s; }" % ("(" * depth, ")" * depth), pkg)
    if kind == 2:
        terms = rng.randint(500, 5000)
        return klass(name, "    double f(double x) { return %s; }" % " + ".join("x * %d" % i for i in range(terms)), pkg)
    if kind == 3:
        return "package %s;\n" % pkg + "".join("class %s_%d { %s }\n" % (name, i, method(i, rng.choice(IDIOMS)))
                                              for i in range(rng.randint(20, 300)))
    if kind == 4:
        return ""
    if kind == 5:
        return "// only a comment\n/* and another */\n"
    if kind == 6:
        return klass(name, "    String s = \"%s\";\n%s" % ("a" * rng.randint(10000, 100000), method(0, IDIOMS[1])), pkg)
    return klass(name, "    double f(double x) {\n        double s = 0;\n%s        return s;\n    }"
                 % "".join("        s += Math.log(1 + x * %d);\n" % i for i in range(rng.randint(500, 3000))), pkg)


def encoded(rng, n, pkg):
    """(bytes, note) of a file whose encoding or line endings are unusual."""
    text = klass("E%d" % n, "    // caf\u00e9 \u00fcber \u4e2d\u6587 \U0001f600\n" + method(0, rng.choice(IDIOMS)), pkg)
    kind = n % 10
    if kind == 0:
        return text.encode("latin-1", "replace")
    if kind == 1:
        return text.encode("utf-16")
    if kind == 2:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if kind == 3:
        return text.replace("\n", "\r\n").encode("utf-8")
    if kind == 4:
        return text.replace("\n", "\r").encode("utf-8")
    if kind == 5:
        raw = text.encode("utf-8")
        pos = rng.randrange(len(raw))
        return raw[:pos] + b"\x00" + raw[pos:]
    if kind == 6:
        raw = text.encode("utf-8")
        pos = rng.randrange(len(raw))
        return raw[:pos] + bytes([rng.choice([0x80, 0xbf, 0xc0, 0xc1, 0xf5, 0xff])]) + raw[pos:]
    if kind == 7:
        return text.encode("utf-8").replace("\u00e9".encode("utf-8"), b"\xc0\xa9")  # overlong
    if kind == 8:
        return text.encode("utf-8").replace("\U0001f600".encode("utf-8"), b"\xed\xa0\xbd\xed\xb8\x80")  # CESU-8
    return text.encode("utf-16-be")


def unicode_file(rng, n, pkg):
    kind = n % 6
    name = "U%d" % n
    if kind == 0:
        return klass(name, "    double f(double x) { return Math.log(1 \\u%s002b x); }" % ("u" * rng.randint(1, 6)), pkg)
    if kind == 1:
        return klass(name, "    String s = \\u0022hi\\u0022;\n" + method(0, IDIOMS[1]), pkg)
    if kind == 2:
        m = "double g(double x) { return Math.exp(x) - 1; }"
        return klass(name, "    " + "".join("\\u%04x" % ord(c) for c in m), pkg)
    if kind == 3:
        ident = rng.choice(["\U0001d465", "\U0001d6fc", "\U00010400", "\u00e9t\u00e9", "\u03bb"])
        return klass(name, "    double f(double %s) { return Math.exp(%s) - 1; }" % (ident, ident), pkg)
    if kind == 4:
        return "package %s;\nimport java.util.function.DoubleBinaryOperator;\n" % pkg + klass(
            name, "    double f(double x) { DoubleBinaryOperator op = (var a, var b) -> a + b; return Math.log(op.applyAsDouble(1, x)); }")
    return klass(name, "    char c = '\\u005c\\u005c';\n" + method(0, IDIOMS[0]), pkg)


def modern(rng, n, pkg):
    kind = n % 6
    name = "M%d" % n
    if kind == 0:
        return "package %s;\nrecord %s(double x) { double f() { return Math.log(1 + x); } }\n" % (pkg, name)
    if kind == 1:
        return ("package %s;\nsealed interface %s permits %sA, %sB {}\nrecord %sA(double r) implements %s {}\n"
                "record %sB(double s) implements %s {}\nclass %sUse { static double f(%s s) { return switch (s) {"
                " case %sA(var r) -> r; case %sB(double q) when q > 0 -> Math.exp(q) - 1; case %sB _ -> 0; }; } }\n"
                % ((pkg,) + (name,) * 12))
    if kind == 2:
        return klass(name, '    String t = """\n        text block %d\n        """;\n' % n + method(0, IDIOMS[0]), pkg)
    if kind == 3:
        return "void main(String[] args) {\n    double x = args.length;\n    System.out.println(Math.exp(x) - 1);\n}\n"
    if kind == 4:
        return klass(name, "    int count(java.util.List<Object> xs) { int n = 0; for (Object _ : xs) n++; return n; }\n"
                     + method(0, IDIOMS[1]), pkg)
    return klass(name, "    final double v;\n    %s(double v) { double w = Math.abs(v); this.v = w; }\n" % name + method(0, IDIOMS[0]), pkg)


def odd_place(rng, n, pkg):
    kind = n % 5
    name = "O%d" % n
    idiom = rng.choice(IDIOMS)
    if kind == 0:
        return klass(name, "    java.util.function.DoubleBinaryOperator f = (x, y) -> { double a = x, b = y; return %s; };" % idiom, pkg)
    if kind == 1:
        return klass(name, "    Runnable r = new Runnable() { public void run() { double x = 1, y = 2, a = 3, b = 4; double z = %s; } };" % idiom, pkg)
    if kind == 2:
        return "package %s;\nenum %s { A { double f(double x, double y, double a, double b) { return %s; } }; }\n" % (pkg, name, idiom)
    if kind == 3:
        return klass(name, "    static double z;\n    static { double x = 1, y = 2, a = 3, b = 4; z = %s; }" % idiom, pkg)
    return klass(name, "    double f(int k, double x, double y, double a, double b) { return switch (k) { case 0 -> %s; default -> 0; }; }" % idiom, pkg)


def snippet(rng, n):
    if n % 2 == 0:
        return "double x = 1e-9;\nSystem.out.println(Math.log(1 + x));\n"
    return "double f%d(double x) {\n    return Math.log(1 + x);\n}\n" % n


KINDS = ["mutated", "valid", "extreme", "encoding", "unicode", "modern", "odd", "duplicate", "snippet", "issue"]


def generate(work, total, seed, only=None):
    """Writes the tree; with `only` (a set of kinds), the files of those kinds alone, each the same as in a whole run."""
    rng = random.Random(seed)
    tree = work / "tree"
    if tree.exists():
        shutil.rmtree(tree)
    sources = base_sources()
    plan = [("mutated", 0.40), ("valid", 0.20), ("extreme", 0.04), ("encoding", 0.08), ("unicode", 0.08),
            ("modern", 0.08), ("odd", 0.06), ("duplicate", 0.04), ("snippet", 0.02)]
    counts = {kind: int(total * share) for kind, share in plan}
    counts["mutated"] += total - sum(counts.values())
    written = []
    for kind, count in counts.items():
        for n in range(count):
            pkg = "h.%s.p%d" % (kind, n // 200)
            folder = tree / kind / ("p%d" % (n // 200))
            name = "F%d.java" % n
            data = None
            if kind == "mutated":
                data = repackage(mutate(rng, rng.choice(sources)), pkg).encode("utf-8", "surrogatepass")
            elif kind == "valid":
                data = repackage(rng.choice(sources), pkg).encode("utf-8")
            elif kind == "extreme":
                data = extreme(rng, n, pkg).encode("utf-8")
            elif kind == "encoding":
                data = encoded(rng, n, pkg)
            elif kind == "unicode":
                data = unicode_file(rng, n, pkg).encode("utf-8")
            elif kind == "modern":
                data = modern(rng, n, pkg).encode("utf-8")
                if n % 6 == 3:
                    name = "Script%d.java" % n
            elif kind == "odd":
                data = odd_place(rng, n, pkg).encode("utf-8")
            elif kind == "duplicate":
                folder = tree / kind / ("copy%d" % (n % 2))
                data = klass("Same%d" % (n // 2), method(n, rng.choice(IDIOMS)), "h.duplicate").encode("utf-8")
            else:
                data = snippet(rng, n).encode("utf-8")
            if only is not None and kind not in only:
                continue
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
            written.append(folder / name)
    if only is not None:
        counts = {kind: count for kind, count in counts.items() if kind in only}
        if "issue" not in only:
            return tree, written, counts
    # the two files of the issue: 8,000 top-level classes, generics nested 500 deep
    big = tree / "issue"
    big.mkdir(parents=True, exist_ok=True)
    (big / "EightThousand.java").write_text("package h.issue;\n" + "".join(
        "class C%d { double f(double x) { return Math.exp(x) - 1; } }\n" % i for i in range(8000)))
    t = "Double"
    for _ in range(500):
        t = "java.util.List<%s>" % t
    (big / "Deep500.java").write_text(klass("Deep500", "    %s field;\n%s" % (t, method(0, IDIOMS[0])), "h.issue"))
    written += [big / "EightThousand.java", big / "Deep500.java"]
    return tree, written, counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--budget", type=int, default=30, help="numguard --file-timeout, seconds")
    parser.add_argument("--work", default="/tmp/numguard-hostile")
    parser.add_argument("--jvm", default="-Xmx2g", help="JVM options for numguard")
    parser.add_argument("--only", help="comma-separated kinds to write and check (default: all): " + ", ".join(KINDS))
    args = parser.parse_args()
    only = None
    if args.only:
        only = set(args.only.split(","))
        unknown = only - set(KINDS)
        if unknown:
            parser.error("unknown kinds %s; the kinds are %s" % (sorted(unknown), ", ".join(KINDS)))
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    tree, files, counts = generate(work, args.files, args.seed, only)
    print("generated %d files in %s: %s" % (len(files), tree, counts), flush=True)

    oracle = ["java", str(Path(__file__).with_name("JavacParse.java")), "17"]
    rejected = set(subprocess.run(oracle + ["parse", str(tree)], capture_output=True, text=True, check=True).stdout.split())
    print("javac 17 rejects %d files, accepts %d" % (len(rejected), len(files) - len(rejected)), flush=True)

    report = work / "report.json"
    started = time.monotonic()
    hang = False
    try:
        run = subprocess.run(["java"] + args.jvm.split() + ["-jar", str(JAR), "check", "--format", "json", "--output",
                             str(report), "--fail-on", "never", "--file-timeout", str(args.budget), str(tree)],
                             capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        hang = True
    wall = time.monotonic() - started
    failures = []
    if hang:
        failures.append("hang: numguard did not finish in 600 s")
        print("\n".join(failures))
        return 1
    stderr = run.stderr
    crashed = run.returncode not in (0, 1, 2) or "internal error" in stderr or "Exception in thread" in stderr or "\tat " in stderr
    if crashed:
        failures.append("crash: exit %d, stderr: %s" % (run.returncode, stderr[-2000:]))
    data = json.loads(report.read_text(encoding="utf-8"))
    summary = data["summary"]
    problems = data["problems"]
    problem_files = {p["file"] for p in problems}
    generated = {str(f) for f in files}
    over_budget = [p for p in problems if "took longer than" in p["message"]]
    unpositioned = [p for p in problems if p["line"] < 1 or p["column"] < 1]
    unknown = problem_files - generated
    unreported = len(generated) - summary["filesAnalysed"] - len(problem_files & generated)
    # numguard's problems on files javac's parser accepts; UTF-8 is required on purpose (issue 15: a
    # file that does not decode is a per-file problem), and javac finds some malformed code only after parsing
    disputed = sorted({p["file"] for p in problems if p["file"] not in rejected and "took longer than" not in p["message"]
                       and "out of memory" not in p["message"] and "not valid UTF-8" not in p["message"]})
    rejected_later = set(subprocess.run(oracle + ["attribute"] + disputed, capture_output=True, text=True,
                                        check=True).stdout.split()) if disputed else set()
    stricter = [p for p in problems if p["file"] in disputed and p["file"] not in rejected_later]
    # javac drops identifier-ignorable control characters (NUL, U+0001-0008, ...) inside a word; JDT does not
    ignorable = [p for p in stricter if any(c in Path(p["file"]).read_bytes().decode("utf-8", "replace")
                                            for c in [chr(i) for i in list(range(0, 9)) + list(range(14, 28)) + list(range(127, 160))])]
    stricter = [p for p in stricter if p not in ignorable]
    not_utf8 = sum(1 for p in problems if "not valid UTF-8" in p["message"] and p["file"] not in rejected)
    if summary["filesFound"] != len(generated):
        failures.append("found %d files, generated %d" % (summary["filesFound"], len(generated)))
    if unreported != 0 or unknown:
        failures.append("unreported files: %d (problems naming unknown files: %d)" % (unreported, len(unknown)))
    if unpositioned:
        failures.append("problems without a position: %d, e.g. %s" % (len(unpositioned), unpositioned[:3]))
    if stricter:
        failures.append("stricter than javac 17 on %d files, e.g. %s" % (len(stricter), stricter[:5]))
    if wall > 600:
        failures.append("took %.0f s, more than 10 minutes" % wall)
    print("numguard: exit %d in %.1f s; %d files found, %d analysed, %d problems (%d over the %d s budget: %s), %d findings"
          % (run.returncode, wall, summary["filesFound"], summary["filesAnalysed"], len(problems), len(over_budget),
             args.budget, sorted(Path(p["file"]).name for p in over_budget), summary["findings"]))
    print("crashes: %d, hangs beyond the budget: 0, unreported files: %d, problems without a position: %d, "
          "rejected although javac 17 accepts: %d" % (1 if crashed else 0, unreported, len(unpositioned), len(stricter)))
    print("known differences from javac 17: %d files not valid UTF-8 that javac reads (numguard requires UTF-8), "
          "%d files with a control character javac ignores inside a word (JDT rejects it); "
          "%d files javac's parser accepts but javac rejects later" % (not_utf8, len(ignorable), len(rejected_later)))
    for failure in failures:
        print("FAIL " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
