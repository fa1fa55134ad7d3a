#!/usr/bin/env python3
"""Score numguard on the real-world corpus: recall and precision per rule.

The corpus is a set of tab-separated manifests (evaluation/corpus.tsv and evaluation/corpus-*.tsv)
that name sites in public repositories by commit, path and line range, each with the rule that
should (UNSTABLE) or should not (STABLE) report there. CONTEXT rows name extra files analysed with
the others of their repository. CONFIRMED rows are numguard findings confirmed by reading the code
(the triage of findings that sat on no site): a finding there counts as true for precision, but the
row is not a site for recall, since it was found by running numguard. No third-party code is stored here: the files are read from local
bare git mirrors (made with the `fetch` tool) into a scratch tree, and numguard runs over that.

Python 3.11 standard library only. Exit status 0 whatever the figures (a measure, not a gate);
2 on a usage error or an unreadable manifest.
"""
from __future__ import annotations

import argparse
import collections
import csv
import dataclasses
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

COLUMNS = ["repo", "commit", "path", "start_line", "end_line", "rule", "verdict", "reason"]
VERDICTS = {"UNSTABLE", "STABLE", "CONTEXT", "CONFIRMED"}
CORE_RULES = ("NaiveSoftmax", "NaiveLogSumExp", "NaiveVariance", "LogOfProduct", "UnscaledHalfBackward",
              "NaiveCrossEntropy", "Log1p", "Expm1")
EVALUATION = Path(__file__).resolve().parent
PROJECT = EVALUATION.parent


@dataclasses.dataclass(frozen=True)
class Site:
    repo: str
    commit: str
    path: str
    start_line: int
    end_line: int
    rule: str
    verdict: str
    reason: str
    origin: str  # manifest:line, for messages

    def contains(self, line: int) -> bool:
        return self.start_line <= line <= self.end_line


@dataclasses.dataclass(frozen=True)
class Finding:
    repo: str
    path: str
    line: int
    rule: str
    severity: str
    message: str


class ManifestError(Exception):
    pass


def read_manifest(path: Path) -> list[Site]:
    sites = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            where = f"{path}:{number}"
            if not row or not "".join(row).strip() or row[0].startswith("#"):
                continue
            if row == COLUMNS:
                continue
            if len(row) != len(COLUMNS):
                raise ManifestError(f"{where}: expected {len(COLUMNS)} tab-separated columns, found {len(row)}")
            repo, commit, file, start, end, rule, verdict, reason = (cell.strip() for cell in row)
            if repo.count("/") != 1:
                raise ManifestError(f"{where}: repo '{repo}' is not owner/name")
            if len(commit) != 40 or any(c not in "0123456789abcdef" for c in commit.lower()):
                raise ManifestError(f"{where}: commit '{commit}' is not a full 40-hex hash")
            if verdict not in VERDICTS:
                raise ManifestError(f"{where}: verdict '{verdict}' is not one of {sorted(VERDICTS)}")
            try:
                first, last = int(start), int(end)
            except ValueError:
                raise ManifestError(f"{where}: start_line/end_line '{start}'/'{end}' are not integers") from None
            if verdict != "CONTEXT" and not (1 <= first <= last):
                raise ManifestError(f"{where}: line range {first}-{last} is empty or not 1-based")
            if verdict != "CONTEXT" and rule == "-":
                raise ManifestError(f"{where}: a {verdict} row needs a rule id")
            sites.append(Site(repo, commit.lower(), file, first, last, rule, verdict, reason, where))
    return sites


def manifests(evaluation: Path) -> list[Path]:
    found = [evaluation / "corpus.tsv"] if (evaluation / "corpus.tsv").exists() else []
    found += sorted(p for p in evaluation.glob("corpus-*.tsv"))
    return found


def mirror_of(repo: str, mirrors: Path) -> Path | None:
    owner, name = repo.split("/")
    for candidate in sorted(glob.glob(str(mirrors / f"{owner}+{name}*"))):
        base = Path(candidate)
        for git_dir in (base / "repo", base / "repo" / ".git", base, base / ".git"):
            if (git_dir / "HEAD").is_file() and (git_dir / "objects").is_dir():
                return git_dir
    return None


def git_show(git_dir: Path, commit: str, path: str) -> bytes:
    result = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],
                            capture_output=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.decode("utf-8", "replace").strip())
    return result.stdout


def run_numguard(jar: Path, files: list[Path], report: Path, java_options: tuple[str, ...] = ()) -> tuple[dict, str]:
    command = ["java", *java_options, "-jar", str(jar), "check", "--fail-on", "never", "--format", "json",
               "-o", str(report)]
    command += [str(f) for f in files]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode not in (0, 2) or not report.exists():
        raise RuntimeError(f"numguard exited {result.returncode}: {result.stderr.strip()[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8")), result.stderr


def relative(file: str, root: Path) -> str:
    try:
        return Path(os.path.realpath(file)).relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        return file


def findings_of(data: dict, repo: str, root: Path) -> list[Finding]:
    """The findings of one numguard JSON report, with paths relative to the repository root `root`."""
    return [Finding(repo, relative(item["file"], root), int(item["span"]["line"]), item["ruleId"],
                    item.get("severity", ""), item.get("message", ""))
            for item in data.get("findings", [])]


def collect(sites: list[Site], args) -> tuple[list[Finding], list[str], set[str]]:
    """Runs numguard once per repository; returns its findings, the notes to print, and the repos scored."""
    by_repo: dict[str, list[Site]] = collections.defaultdict(list)
    for site in sites:
        by_repo[site.repo].append(site)
    findings, notes, scored, missing = [], [], set(), []
    for repo in sorted(by_repo):
        git_dir = mirror_of(repo, args.mirrors)
        if git_dir is None:
            missing.append(repo)
            continue
        root = args.scratch / repo.replace("/", "+")
        if root.exists():
            shutil.rmtree(root)
        files: dict[str, Path] = {}
        commits = {s.commit for s in by_repo[repo]}
        if len(commits) > 1:
            notes.append(f"{repo}: {len(commits)} commits in the manifest; each file is written at its own row's commit")
        try:
            for site in by_repo[repo]:
                if site.path in files:
                    continue
                target = root / site.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(git_show(git_dir, site.commit, site.path))
                files[site.path] = target
        except RuntimeError as error:
            notes.append(f"{repo}: cannot read {site.path} at {site.commit} from {git_dir} ({error}); "
                         f"re-fetch the mirror; repository skipped")
            continue
        report = root.with_name(root.name + ".json")
        try:
            data, stderr = run_numguard(args.jar, sorted(files.values()), report)
        except RuntimeError as error:
            notes.append(f"{repo}: {error}; repository skipped")
            continue
        for problem in data.get("problems", []):
            notes.append(f"{repo}: numguard could not analyse {relative(problem['file'], root)}:"
                         f"{problem.get('line')}: {problem.get('message')}")
        findings += findings_of(data, repo, root)
        scored.add(repo)
    if missing:
        notes.append("MISSING mirrors (not scored): " + ", ".join(missing))
        notes.append("  fetch each with the `fetch` tool (source github:<owner>/<name>); the mirror lands in "
                     f"{args.mirrors}/<owner>+<name>/")
    return findings, notes, scored


def score(sites: list[Site], findings: list[Finding], rules_filter: set[str] | None) -> dict:
    labelled = [s for s in sites if s.verdict != "CONTEXT" and (not rules_filter or s.rule in rules_filter)]
    index: dict[tuple[str, str, str], list[Site]] = collections.defaultdict(list)
    for site in labelled:
        index[(site.repo, site.path, site.rule)].append(site)
    hit_sites: set[Site] = set()
    false_positive_sites: set[Site] = set()
    per_rule = collections.defaultdict(lambda: collections.Counter())
    stray = []
    for finding in findings:
        if rules_filter and finding.rule not in rules_filter:
            continue
        matches = [s for s in index.get((finding.repo, finding.path, finding.rule), []) if s.contains(finding.line)]
        if not matches:
            stray.append(finding)
            per_rule[finding.rule]["unlisted"] += 1
            continue
        for site in matches:
            if site.verdict == "CONFIRMED":
                per_rule[finding.rule]["true_findings"] += 1
            elif site.verdict == "UNSTABLE":
                per_rule[finding.rule]["true_findings"] += 1
                hit_sites.add(site)
            else:
                per_rule[finding.rule]["false_findings"] += 1
                false_positive_sites.add(site)
    for site in labelled:
        if site.verdict == "CONFIRMED":
            continue
        counts = per_rule[site.rule]
        counts["unstable" if site.verdict == "UNSTABLE" else "stable"] += 1
        if site in hit_sites:
            counts["found"] += 1
        if site in false_positive_sites:
            counts["stable_flagged"] += 1
    total, core = collections.Counter(), collections.Counter()
    for rule, counts in per_rule.items():
        total.update(counts)
        if rule in CORE_RULES:
            core.update(counts)
    figures = {rule: figures_of(counts) for rule, counts in sorted(per_rule.items())}
    figures["CORE"] = figures_of(core)  # the eight core rules, whose recall target is 0.90
    figures["ALL"] = figures_of(total)
    missed = [s for s in labelled if s.verdict == "UNSTABLE" and s not in hit_sites]
    flagged_stable = sorted(false_positive_sites, key=lambda s: (s.repo, s.path, s.start_line))
    return {"rules": figures, "missed": missed, "false_positive_sites": flagged_stable, "unlisted": stray}


def figures_of(counts: collections.Counter) -> dict:
    true_findings, false_findings = counts["true_findings"], counts["false_findings"]
    return {
        "unstable_sites": counts["unstable"],
        "found": counts["found"],
        "recall": ratio(counts["found"], counts["unstable"]),
        "stable_sites": counts["stable"],
        "stable_sites_flagged": counts["stable_flagged"],
        "true_findings": true_findings,
        "findings_on_stable_sites": false_findings,
        "precision": ratio(true_findings, true_findings + false_findings),
        "findings_on_no_site": counts["unlisted"],
    }


def ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def shown(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def print_report(result: dict, notes: list[str], out) -> None:
    for note in notes:
        print(f"note: {note}", file=out)
    header = f"{'rule':<26}{'unstable':>9}{'found':>7}{'recall':>8}{'stable':>8}{'FP':>5}{'precision':>11}{'unlisted':>10}"
    print(header, file=out)
    print("-" * len(header), file=out)
    for rule, f in result["rules"].items():
        if rule == "CORE":
            print("-" * len(header), file=out)
        print(f"{rule:<26}{f['unstable_sites']:>9}{f['found']:>7}{shown(f['recall']):>8}{f['stable_sites']:>8}"
              f"{f['findings_on_stable_sites']:>5}{shown(f['precision']):>11}{f['findings_on_no_site']:>10}", file=out)
    print("\n(FP = findings on STABLE sites; precision = true findings / (true findings + FP);"
          " unlisted = findings on no listed site)", file=out)
    print(f"\nMISSED UNSTABLE sites ({len(result['missed'])}):", file=out)
    for site in result["missed"]:
        print(f"  {site.repo} {site.path}:{site.start_line}-{site.end_line} {site.rule} -- {site.reason}", file=out)
    print(f"\nSTABLE sites flagged ({len(result['false_positive_sites'])}):", file=out)
    for site in result["false_positive_sites"]:
        print(f"  {site.repo} {site.path}:{site.start_line}-{site.end_line} {site.rule} -- {site.reason}", file=out)
    print(f"\nFindings on no listed site, for triage ({len(result['unlisted'])}):", file=out)
    for finding in result["unlisted"]:
        print(f"  {finding.repo} {finding.path}:{finding.line} [{finding.rule}] {finding.severity}: "
              f"{finding.message}", file=out)


def as_json(result: dict, notes: list[str], scored: set[str]) -> dict:
    def site(s: Site) -> dict:
        return {k: v for k, v in dataclasses.asdict(s).items()}
    return {
        "repositories_scored": sorted(scored),
        "notes": notes,
        "rules": result["rules"],
        "missed": [site(s) for s in result["missed"]],
        "stable_sites_flagged": [site(s) for s in result["false_positive_sites"]],
        "findings_on_no_site": [dataclasses.asdict(f) for f in result["unlisted"]],
    }


def comma_list(text: str) -> list[str]:
    """An argparse type: `a, b,c` -> ["a", "b", "c"]."""
    return [item.strip() for item in text.split(",") if item.strip()]


def run_parser(description: str, scratch: str, scratch_use: str) -> argparse.ArgumentParser:
    """The options every evaluation script that runs numguard over mirrored files shares."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--jar", type=Path, default=PROJECT / "analyzer" / "target" / "numguard.jar",
                        help="the numguard CLI jar (default: analyzer/target/numguard.jar)")
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"),
                        help="folder of bare git mirrors named <owner>+<name>* (default /work/.mirror)")
    parser.add_argument("--scratch", type=Path, default=Path(tempfile.gettempdir()) / scratch,
                        help=f"{scratch_use} (default /tmp/{scratch})")
    parser.add_argument("--json", type=Path, help="also save the figures and lists to this JSON file")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = run_parser(__doc__.splitlines()[0], "numguard-eval", "where the listed files are written; wiped per repo")
    parser.add_argument("--manifest", type=Path, action="append",
                        help="manifest to read (repeatable; default evaluation/corpus.tsv and evaluation/corpus-*.tsv)")
    parser.add_argument("--rules", type=comma_list, help="score only these rules (comma-separated)")
    args = parser.parse_args(argv)

    paths = args.manifest or manifests(EVALUATION)
    if not paths:
        print(f"error: no manifest found in {EVALUATION}", file=sys.stderr)
        return 2
    try:
        sites = [site for path in paths for site in read_manifest(path)]
    except (ManifestError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not args.jar.is_file():
        print(f"error: numguard jar not found at {args.jar}; build it with "
              "`mvn -B -q -o -pl analyzer -am package -DskipTests` or pass --jar", file=sys.stderr)
        return 2
    findings, notes, scored = collect(sites, args)
    scored_sites = [s for s in sites if s.repo in scored]
    result = score(scored_sites, findings, set(args.rules) if args.rules else None)
    print(f"manifests: {', '.join(p.name for p in paths)}; {len(sites)} rows; "
          f"{len(scored)} of {len({s.repo for s in sites})} repositories scored")
    print_report(result, notes, sys.stdout)
    if args.json:
        args.json.write_text(json.dumps(as_json(result, notes, scored), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
