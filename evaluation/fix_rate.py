#!/usr/bin/env python3
"""Fix rate on the corpus files: how many findings carry an automatic fix, and whether the fixed files compile.

Run score.py first with the same --scratch: it leaves, per repository, the checked-out files in
<scratch>/<owner>+<name>/ and numguard's JSON report beside them (<owner>+<name>.json). This script
reads those reports and the manifests and prints, per rule: the findings, those with a fix, those
with a safe fix; and the same for the TRUE findings (on a site labelled UNSTABLE). With --apply it
then runs `numguard fix --write --unsafe-fixes` on each repository's checkout (in place: run score.py
again before the next --apply) and `numguard check` on the result, and counts the fixed files
numguard could not parse afterwards. With --compile it also compiles every fixed file inside its
project, before and after the fix, and counts those the fix added a javac error to (fixed_compile.py).
Python 3.11 standard library only.
"""
from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import fixed_compile
import score

MODULE_DECLARATION = "module-info.java"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scratch", type=Path, required=True, help="the --scratch folder score.py wrote")
    parser.add_argument("--jar", type=Path, default=score.PROJECT / "analyzer/target/numguard.jar")
    parser.add_argument("--manifest", type=Path, action="append", help="as in score.py")
    parser.add_argument("--apply", action="store_true", help="also fix the checkouts and check that they parse")
    parser.add_argument("--compile", action="store_true",
                        help="with --apply: also compile each fixed file in its project before and after the fix")
    parser.add_argument("--repo", action="append", help="with --apply: only this repository (owner/name; repeatable)")
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"), help="as in score.py")
    parser.add_argument("--guards", type=Path, help="the runtime-guards jar (default: the newest under "
                        "runtime-guards/target)")
    parser.add_argument("--unfixed", action="store_true", help="also list every TRUE finding without a fix")
    parser.add_argument("--maven-repository", type=Path, default=Path.home() / ".m2" / "repository",
                        help="dependency jars: the newest version of each artifact there goes on the classpath")
    args = parser.parse_args(argv)

    sites = [site for path in (args.manifest or score.manifests(score.EVALUATION)) for site in score.read_manifest(path)]
    index = collections.defaultdict(list)
    for site in sites:
        if site.verdict == "UNSTABLE":
            index[(site.repo, site.path, site.rule)].append(site)
    counts = collections.defaultdict(collections.Counter)
    unfixed = []
    repos = {site.repo for site in sites}
    for repo in sorted(repos):
        root = args.scratch / repo.replace("/", "+")
        report = root.with_name(root.name + ".json")
        if not report.is_file():
            continue
        for item in json.loads(report.read_text(encoding="utf-8")).get("findings", []):
            rule = item["ruleId"]
            fix = item.get("fix")
            path = score.relative(item["file"], root)
            true = any(s.contains(int(item["span"]["line"])) for s in index.get((repo, path, rule), []))
            for key in (rule, "ALL"):
                c = counts[key]
                c["findings"] += 1
                c["fixed"] += fix is not None
                c["safe"] += fix is not None and fix.get("safety") == "safe"
                c["true"] += true
                c["true_fixed"] += true and fix is not None
            if true and fix is None:
                unfixed.append(f"  {repo} {path}:{item['span']['line']} [{rule}] {item['message'][:160]}")
    print(f"{'rule':28} {'findings':>8} {'fixed':>6} {'safe':>5} {'TRUE':>5} {'TRUE fixed':>10}")
    for rule in sorted(counts, key=lambda r: (r == "ALL", r)):
        c = counts[rule]
        print(f"{rule:28} {c['findings']:8} {c['fixed']:6} {c['safe']:5} {c['true']:5} {c['true_fixed']:10}")
    if args.unfixed:
        print(f"\nTRUE findings without a fix ({len(unfixed)}):")
        print("\n".join(sorted(unfixed, key=lambda line: line.split("[")[1])))
    if args.apply:
        apply_and_check(args, sites, sorted(repos if not args.repo else repos & set(args.repo)))
    return 0


def apply_and_check(args, sites: list[score.Site], repos: list[str]) -> None:
    """Fixes each repository's checkout, checks that the fixed files parse and (--compile) still compile."""
    changed = unparsed = 0
    verdicts: list[fixed_compile.Verdict] = []
    classpath = compile_classpath(args) if args.compile else []
    commits = {(site.repo, site.path): site.commit for site in sites}
    for repo in repos:
        root = args.scratch / repo.replace("/", "+")
        if not root.is_dir():
            continue
        commits.update(add_module_declarations(args, repo, root, commits))
        before = {p: p.read_bytes() for p in root.rglob("*.java")}
        subprocess.run(["java", "-jar", str(args.jar), "fix", "--write", "--unsafe-fixes", "--no-cache", str(root)],
                       capture_output=True, text=True)
        fixed = [p for p, text in before.items() if p.read_bytes() != text]
        changed += len(fixed)
        if not fixed:
            continue
        result = subprocess.run(["java", "-jar", str(args.jar), "check", "--fail-on", "never", "--format", "json",
                                 "--no-cache", *(str(p) for p in fixed if p.name != MODULE_DECLARATION)],
                                capture_output=True, text=True)
        try:
            problems = json.loads(result.stdout).get("problems", [])
        except json.JSONDecodeError:
            problems = [{"file": str(p)} for p in fixed]
        bad = {problem["file"] for problem in problems}
        unparsed += len(bad)
        for file in sorted(bad):
            print(f"{repo}: fixed file does not parse: {score.relative(file, root)}", file=sys.stderr)
        if args.compile:
            verdicts += compile_repo(args, repo, root, fixed, commits, classpath)
    print(f"fixed files: {changed}; parse after fix: {changed - unparsed} of {changed}")
    if args.compile:
        clean = sum(v.before == 0 for v in verdicts)
        kept = sum(v.compiles for v in verdicts)
        print(f"fixed files compiled in their projects: {len(verdicts)} ({clean} without any javac error before the"
              f" fix); the fix adds no javac error to {kept} of {len(verdicts)}"
              + (f" = {kept / len(verdicts):.2f}" if verdicts else ""))


def add_module_declarations(args, repo: str, root: Path, commits: dict) -> dict:
    """
    Copies the repository's module-info.java files at its corpus commits from the mirror into its
    scratch checkout, so that the fix sees a modular project as it is (and makes it require
    runtime-guards). Returns their commits, keyed like `commits`.
    """
    added = {}
    git_dir = score.mirror_of(repo, args.mirrors)
    if git_dir is None:
        return added
    for commit in sorted({c for (r, _), c in commits.items() if r == repo}):
        listing = subprocess.run(["git", "--git-dir", str(git_dir), "ls-tree", "-r", "--name-only", commit],
                                 capture_output=True, text=True).stdout.splitlines()
        for path in listing:
            target = root / path
            if Path(path).name == MODULE_DECLARATION and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(score.git_show(git_dir, commit, path))
                added[(repo, path)] = commit
    return added


def compile_classpath(args) -> list[Path]:
    guards = args.guards or max((score.PROJECT / "runtime-guards/target").glob("numguard-runtime-guards-*[0-9T].jar"),
                                key=lambda p: p.stat().st_mtime)
    return [guards, *fixed_compile.maven_jars(args.maven_repository)]


def compile_repo(args, repo: str, root: Path, files: list[Path], commits: dict, classpath: list[Path]):
    """Compiles one repository's fixed files in its source tree before and after the fix, printing each verdict."""
    git_dir = score.mirror_of(repo, args.mirrors)
    by_commit = collections.defaultdict(dict)
    for file in files:
        path = score.relative(str(file), root)
        by_commit[commits[(repo, path)]][path] = file.read_bytes()
    verdicts = []
    for commit, fixed in sorted(by_commit.items()):
        with tempfile.TemporaryDirectory(prefix="fixed-compile-") as work:
            for verdict in fixed_compile.compare(git_dir, commit, fixed, classpath, Path(work), (classpath[0],)):
                verdicts.append(verdict)
                state = "compiles" if verdict.compiles else "BREAKS"
                print(f"{repo}: {verdict.path}: {state} (javac errors before {verdict.before}, after {verdict.after})",
                      flush=True)
                for error in verdict.added:
                    print(f"    added: {error}", flush=True)
    return verdicts


if __name__ == "__main__":
    sys.exit(main())
