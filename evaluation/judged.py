#!/usr/bin/env python3
"""Score numguard's precision on large judged code bases: every finding read and judged by hand.

judged-bases.tsv names the code bases (repository, commit, production source root); judged.tsv holds one
verdict per finding a numguard run produced on them (TRUE, FALSE or UNSURE, with a one-line reason). This
script exports each base from its local bare git mirror into a scratch folder, runs a numguard jar over the
source root, and matches the findings to the verdicts by (repo, path, line, rule). Findings nobody judged
yet and judged rows that no longer fire are listed, so a new jar can be re-judged incrementally.

Python 3.11 standard library only. Exit status 0 whatever the figures (a measure, not a gate);
2 on a usage error, an unreadable table or a missing jar.
"""
from __future__ import annotations

import collections
import csv
import dataclasses
import io
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from score import Finding, comma_list, findings_of, mirror_of, ratio, run_numguard, run_parser, shown

EVALUATION = Path(__file__).resolve().parent
PROJECT = EVALUATION.parent
BASE_COLUMNS = ["repo", "commit", "source_root", "java_lines"]
JUDGED_COLUMNS = ["repo", "commit", "path", "line", "rule", "verdict", "reason"]
VERDICTS = ("TRUE", "FALSE", "UNSURE")
JAVA_OPTIONS = ("-Xmx3g",)  # the largest base needs more than the default heap on a small machine
# Issue 10's precision targets: overall, and per rule once a rule has this many findings.
OVERALL_TARGET, RULE_TARGET, RULE_TARGET_MIN_FINDINGS = 0.90, 0.80, 5


class TableError(Exception):
    pass


@dataclasses.dataclass(frozen=True)
class Base:
    repo: str
    commit: str
    source_root: str
    java_lines: int


@dataclasses.dataclass(frozen=True)
class Judgement:
    repo: str
    commit: str
    path: str
    line: int
    rule: str
    verdict: str
    reason: str
    origin: str  # table:line, for messages

    @property
    def key(self) -> tuple[str, str, int, str]:
        return self.repo, self.path, self.line, self.rule


def read_table(path: Path, columns: list[str]) -> list[tuple[str, list[str]]]:
    """Tab-separated rows with exactly these columns (header line and # comments skipped), each with its origin."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not row or not "".join(row).strip() or row[0].startswith("#") or row == columns:
                continue
            where = f"{path}:{number}"
            if len(row) != len(columns):
                raise TableError(f"{where}: expected {len(columns)} tab-separated columns ({', '.join(columns)}), "
                                 f"found {len(row)}")
            rows.append((where, [cell.strip() for cell in row]))
    return rows


def check_repo_commit(where: str, repo: str, commit: str) -> None:
    if repo.count("/") != 1:
        raise TableError(f"{where}: repo '{repo}' is not owner/name")
    if len(commit) != 40 or any(c not in "0123456789abcdef" for c in commit.lower()):
        raise TableError(f"{where}: commit '{commit}' is not a full 40-hex hash")


def positive_int(where: str, name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise TableError(f"{where}: {name} '{value}' is not an integer") from None
    if number < 1:
        raise TableError(f"{where}: {name} {number} is not positive")
    return number


def read_bases(path: Path) -> list[Base]:
    bases = []
    for where, (repo, commit, root, lines) in read_table(path, BASE_COLUMNS):
        check_repo_commit(where, repo, commit)
        bases.append(Base(repo, commit.lower(), root.strip("/"), positive_int(where, "java_lines", lines)))
    return bases


def read_judged(path: Path) -> list[Judgement]:
    judged, seen = [], {}
    for where, (repo, commit, file, line, rule, verdict, reason) in read_table(path, JUDGED_COLUMNS):
        check_repo_commit(where, repo, commit)
        if verdict not in VERDICTS:
            raise TableError(f"{where}: verdict '{verdict}' is not one of {', '.join(VERDICTS)}")
        if not reason:
            raise TableError(f"{where}: a verdict needs a reason")
        row = Judgement(repo, commit.lower(), file, positive_int(where, "line", line), rule, verdict, reason, where)
        if row.key in seen:
            raise TableError(f"{where}: {file}:{line} {rule} is already judged at {seen[row.key]}")
        seen[row.key] = where
        judged.append(row)
    return judged


def export(base: Base, mirrors: Path, scratch: Path) -> Path:
    """Writes the base's source root at its commit to scratch/<owner>+<name>/<source_root>; returns the repo root."""
    git_dir = mirror_of(base.repo, mirrors)
    if git_dir is None:
        raise RuntimeError(f"no mirror under {mirrors}; fetch it with the `fetch` tool (github:{base.repo})")
    root = scratch / base.repo.replace("/", "+")
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    archive = subprocess.run(["git", "--git-dir", str(git_dir), "archive", base.commit, base.source_root],
                             capture_output=True)
    if archive.returncode != 0:
        raise RuntimeError(f"git archive {base.commit} {base.source_root} in {git_dir} failed: "
                           f"{archive.stderr.decode('utf-8', 'replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(root, filter="data")
    return root


def analyse(base: Base, args) -> list[Finding]:
    root = export(base, args.mirrors, args.scratch)
    report = root.with_name(root.name + ".json")
    data, _ = run_numguard(args.jar, [root / base.source_root], report, JAVA_OPTIONS)
    problems = [f"{p.get('file')}:{p.get('line')}: {p.get('message')}" for p in data.get("problems", [])]
    for problem in problems:
        print(f"note: {base.repo}: numguard could not analyse {problem}", file=sys.stderr)
    return findings_of(data, base.repo, root)


def score(bases: list[Base], findings: list[Finding], judged: list[Judgement]) -> dict:
    """Counts per base and rule; lists the unjudged findings and the judged rows no finding matches."""
    commits = {b.repo: b.commit for b in bases}
    current = {j.key: j for j in judged if commits.get(j.repo) == j.commit}
    stale = [j for j in judged if j.repo in commits and commits[j.repo] != j.commit]
    counts: dict[str, dict[str, collections.Counter]] = collections.defaultdict(
        lambda: collections.defaultdict(collections.Counter))
    unjudged, fired = [], set()
    for finding in findings:
        row = current.get((finding.repo, finding.path, finding.line, finding.rule))
        verdict = row.verdict if row else "unjudged"
        if row:
            fired.add(row.key)
        else:
            unjudged.append(finding)
        for scope in (finding.repo, "ALL"):
            for rule in (finding.rule, "ALL"):
                counts[scope][rule]["findings"] += 1
                counts[scope][rule][verdict] += 1
    silent = [j for j in current.values() if j.key not in fired]
    figures = {scope: {rule: figures_of(c) for rule, c in sorted(by_rule.items(), key=lambda kv: (kv[0] == "ALL", kv[0]))}
               for scope, by_rule in counts.items()}
    return {"figures": figures, "unjudged": unjudged, "no_longer_firing": silent, "other_commit": stale}


def figures_of(counts: collections.Counter) -> dict:
    true, false = counts["TRUE"], counts["FALSE"]
    return {
        "findings": counts["findings"],
        "TRUE": true,
        "FALSE": false,
        "UNSURE": counts["UNSURE"],
        "unjudged": counts["unjudged"],
        "precision": ratio(true, true + false),
        # UNSURE and unjudged findings counted as false: the lowest precision the judged figures allow
        "pessimistic_precision": ratio(true, counts["findings"]),
    }


def below_target(rule: str, f: dict) -> bool:
    if f["precision"] is None:
        return False
    if rule == "ALL":
        return f["precision"] < OVERALL_TARGET
    return f["findings"] >= RULE_TARGET_MIN_FINDINGS and f["precision"] < RULE_TARGET


def print_report(bases: list[Base], result: dict, out) -> None:
    header = (f"{'rule':<26}{'findings':>9}{'TRUE':>6}{'FALSE':>6}{'UNSURE':>7}{'unjudged':>9}"
              f"{'precision':>11}{'pessimistic':>13}")
    scopes = [b.repo for b in bases if b.repo in result["figures"]] + ["ALL"]
    for scope in scopes:
        lines = next((f" ({b.java_lines} Java lines)" for b in bases if b.repo == scope), "")
        title = "all selected bases" if scope == "ALL" else scope + lines
        print(f"\n{title}", file=out)
        print(header, file=out)
        print("-" * len(header), file=out)
        for rule, f in result["figures"][scope].items():
            if rule == "ALL":
                print("-" * len(header), file=out)
            mark = " *" if below_target(rule, f) else ""
            print(f"{rule:<26}{f['findings']:>9}{f['TRUE']:>6}{f['FALSE']:>6}{f['UNSURE']:>7}{f['unjudged']:>9}"
                  f"{shown(f['precision']):>11}{shown(f['pessimistic_precision']):>13}{mark}", file=out)
    print(f"\n(precision = TRUE / (TRUE + FALSE); pessimistic = TRUE / findings, UNSURE and unjudged counted false;"
          f"\n * = below issue 10's target: {OVERALL_TARGET:.2f} overall, {RULE_TARGET:.2f} per rule with "
          f">= {RULE_TARGET_MIN_FINDINGS} findings)", file=out)
    print(f"\nUnjudged findings ({len(result['unjudged'])}):", file=out)
    for f in result["unjudged"]:
        print(f"  {f.repo} {f.path}:{f.line} {f.rule} {f.message}", file=out)
    print(f"\nJudged rows that no longer fire ({len(result['no_longer_firing'])}):", file=out)
    for j in sorted(result["no_longer_firing"], key=lambda j: j.key):
        print(f"  {j.repo} {j.path}:{j.line} {j.rule} was {j.verdict} -- {j.reason}", file=out)
    if result["other_commit"]:
        print(f"\nJudged rows at another commit than the base's, ignored ({len(result['other_commit'])}):", file=out)
        for j in result["other_commit"]:
            print(f"  {j.origin}: {j.repo}@{j.commit[:10]} {j.path}:{j.line} {j.rule}", file=out)


def as_json(bases: list[Base], result: dict) -> dict:
    return {
        "bases": [dataclasses.asdict(b) for b in bases],
        "figures": result["figures"],
        "unjudged": [dataclasses.asdict(f) for f in result["unjudged"]],
        "no_longer_firing": [dataclasses.asdict(j) for j in result["no_longer_firing"]],
        "other_commit": [dataclasses.asdict(j) for j in result["other_commit"]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = run_parser(__doc__.splitlines()[0], "numguard-judged", "where the bases are exported; wiped per base")
    parser.add_argument("--bases-table", type=Path, default=EVALUATION / "judged-bases.tsv",
                        help="the code bases (default evaluation/judged-bases.tsv)")
    parser.add_argument("--judged", type=Path, action="append",
                        help="verdict table (repeatable; default evaluation/judged.tsv)")
    parser.add_argument("--bases", type=comma_list,
                        help="score only these bases (comma-separated owner/name or name, e.g. ojAlgo,ssj)")
    args = parser.parse_args(argv)

    try:
        bases = read_bases(args.bases_table)
        judged = [row for path in (args.judged or [EVALUATION / "judged.tsv"]) for row in read_judged(path)]
    except (TableError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.bases:
        wanted = {name.lower() for name in args.bases}
        unknown = wanted - {b.repo.lower() for b in bases} - {b.repo.split("/")[1].lower() for b in bases}
        if unknown:
            print(f"error: unknown base(s) {', '.join(sorted(unknown))}; "
                  f"known: {', '.join(b.repo for b in bases)}", file=sys.stderr)
            return 2
        bases = [b for b in bases if b.repo.lower() in wanted or b.repo.split("/")[1].lower() in wanted]
    if not args.jar.is_file():
        print(f"error: numguard jar not found at {args.jar}; build it with "
              "`mvn -B -q -o -pl analyzer -am package -DskipTests` or pass --jar", file=sys.stderr)
        return 2
    findings, scored = [], []
    for base in bases:
        try:
            findings += analyse(base, args)
            scored.append(base)
        except RuntimeError as error:
            print(f"note: {base.repo}: {error}; base skipped", file=sys.stderr)
    result = score(scored, findings, judged)
    print(f"jar: {args.jar}; {len(scored)} of {len(bases)} bases scored; {len(judged)} judged rows")
    print_report(scored, result, sys.stdout)
    if args.json:
        args.json.write_text(json.dumps(as_json(scored, result), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
