"""Tests of judged.py: table parsing, export from a real git mirror, and the scoring arithmetic.

Run with `python3 -m unittest discover -s evaluation -p 'test_*.py'` (standard library only).
"""
from __future__ import annotations

import subprocess
import tempfile
import unittest
from pathlib import Path

import judged
from score import Finding

OJALGO = "optimatika/ojAlgo"
COMMIT = "79c55deacd367259483e28507d642d8855743eb3"
OTHER_COMMIT = "0" * 40
HEADER = "\t".join(judged.JUDGED_COLUMNS) + "\n"


def row(path: str, line: int, rule: str, verdict: str, commit: str = COMMIT, reason: str = "a reason") -> str:
    return "\t".join([OJALGO, commit, path, str(line), rule, verdict, reason]) + "\n"


def finding(path: str, line: int, rule: str) -> Finding:
    return Finding(OJALGO, path, line, rule, "warning", "message")


class TableTest(unittest.TestCase):

    def write(self, text: str) -> Path:
        folder = Path(tempfile.mkdtemp())
        path = folder / "judged.tsv"
        path.write_text(text, encoding="utf-8")
        return path

    def test_reads_rows_after_the_header(self):
        rows = judged.read_judged(self.write(HEADER + row("A.java", 3, "Log1p", "TRUE")))
        self.assertEqual([(r.path, r.line, r.rule, r.verdict) for r in rows], [("A.java", 3, "Log1p", "TRUE")])

    def test_rejects_an_unknown_verdict_with_its_position(self):
        path = self.write(HEADER + row("A.java", 3, "Log1p", "MAYBE"))
        with self.assertRaisesRegex(judged.TableError, rf"{path}:2: verdict 'MAYBE'"):
            judged.read_judged(path)

    def test_rejects_a_second_verdict_for_the_same_finding(self):
        path = self.write(HEADER + row("A.java", 3, "Log1p", "TRUE") + row("A.java", 3, "Log1p", "FALSE"))
        with self.assertRaisesRegex(judged.TableError, rf"{path}:3: .*already judged at {path}:2"):
            judged.read_judged(path)

    def test_rejects_a_missing_reason_and_a_short_row(self):
        with self.assertRaisesRegex(judged.TableError, "needs a reason"):
            judged.read_judged(self.write(row("A.java", 3, "Log1p", "TRUE", reason="")))
        with self.assertRaisesRegex(judged.TableError, "expected 7 tab-separated columns"):
            judged.read_judged(self.write("optimatika/ojAlgo\tA.java\n"))

    def test_rejects_a_non_positive_line_and_a_short_commit(self):
        with self.assertRaisesRegex(judged.TableError, "line 0 is not positive"):
            judged.read_judged(self.write(row("A.java", 0, "Log1p", "TRUE")))
        with self.assertRaisesRegex(judged.TableError, "not a full 40-hex hash"):
            judged.read_judged(self.write(row("A.java", 1, "Log1p", "TRUE", commit="79c55de")))

    def test_the_committed_tables_parse(self):
        bases = judged.read_bases(judged.EVALUATION / "judged-bases.tsv")
        self.assertIn(OJALGO, [b.repo for b in bases])
        rows = judged.read_judged(judged.EVALUATION / "judged.tsv")
        known = {(b.repo, b.commit) for b in bases}
        self.assertTrue(all((r.repo, r.commit) in known for r in rows))


class ScoreTest(unittest.TestCase):
    BASE = judged.Base(OJALGO, COMMIT, "src/main/java", 1000)

    def judgements(self, text: str) -> list[judged.Judgement]:
        folder = Path(tempfile.mkdtemp())
        (folder / "j.tsv").write_text(HEADER + text, encoding="utf-8")
        return judged.read_judged(folder / "j.tsv")

    def test_counts_verdicts_and_both_precisions(self):
        rows = self.judgements(row("A.java", 1, "Log1p", "TRUE") + row("A.java", 2, "Log1p", "TRUE")
                               + row("A.java", 3, "Log1p", "FALSE") + row("A.java", 4, "Log1p", "UNSURE"))
        findings = [finding("A.java", line, "Log1p") for line in (1, 2, 3, 4, 5)]
        result = judged.score([self.BASE], findings, rows)
        log1p = result["figures"][OJALGO]["Log1p"]
        self.assertEqual((log1p["findings"], log1p["TRUE"], log1p["FALSE"], log1p["UNSURE"], log1p["unjudged"]),
                         (5, 2, 1, 1, 1))
        self.assertEqual(log1p["precision"], 0.667)  # 2 / (2 + 1)
        self.assertEqual(log1p["pessimistic_precision"], 0.4)  # 2 / 5
        self.assertEqual([(f.path, f.line) for f in result["unjudged"]], [("A.java", 5)])
        self.assertEqual(result["figures"]["ALL"]["ALL"]["findings"], 5)

    def test_matches_on_rule_and_line_exactly(self):
        rows = self.judgements(row("A.java", 7, "Log1p", "TRUE"))
        result = judged.score([self.BASE], [finding("A.java", 7, "Expm1"), finding("A.java", 8, "Log1p")], rows)
        self.assertEqual(len(result["unjudged"]), 2)
        self.assertEqual([(j.line, j.rule) for j in result["no_longer_firing"]], [(7, "Log1p")])

    def test_two_findings_on_one_judged_line_share_its_verdict(self):
        rows = self.judgements(row("A.java", 9, "NaiveHypot", "FALSE"))
        result = judged.score([self.BASE], [finding("A.java", 9, "NaiveHypot")] * 2, rows)
        self.assertEqual(result["figures"][OJALGO]["NaiveHypot"]["FALSE"], 2)
        self.assertEqual(result["figures"][OJALGO]["NaiveHypot"]["precision"], 0.0)
        self.assertEqual(result["figures"][OJALGO]["NaiveHypot"]["pessimistic_precision"], 0.0)

    def test_rows_at_another_commit_are_set_aside(self):
        rows = self.judgements(row("A.java", 1, "Log1p", "TRUE", commit=OTHER_COMMIT))
        result = judged.score([self.BASE], [finding("A.java", 1, "Log1p")], rows)
        self.assertEqual(len(result["other_commit"]), 1)
        self.assertEqual(len(result["unjudged"]), 1)

    def test_no_findings_gives_no_precision(self):
        result = judged.score([self.BASE], [], [])
        self.assertEqual(result["figures"], {})
        self.assertIsNone(judged.figures_of(judged.collections.Counter())["precision"])

    def test_targets(self):
        figures = {"findings": 5, "precision": 0.79}
        self.assertTrue(judged.below_target("Log1p", figures))
        self.assertFalse(judged.below_target("Log1p", {**figures, "findings": 4}))
        self.assertTrue(judged.below_target("ALL", {"findings": 2, "precision": 0.89}))
        self.assertFalse(judged.below_target("ALL", {"findings": 2, "precision": 0.90}))


class ExportTest(unittest.TestCase):

    def test_exports_only_the_source_root_at_the_commit_and_wipes_old_files(self):
        mirrors = Path(tempfile.mkdtemp())
        work = mirrors / "work"
        git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(work)]
        work.mkdir()
        subprocess.run(git[:-2] + ["init", "-q", str(work)], check=True)
        (work / "src" / "main" / "java").mkdir(parents=True)
        (work / "src" / "main" / "java" / "A.java").write_text("class A {}\n")
        (work / "src" / "test").mkdir()
        (work / "src" / "test" / "T.java").write_text("class T {}\n")
        subprocess.run(git + ["add", "."], check=True)
        subprocess.run(git + ["commit", "-qm", "one"], check=True)
        commit = subprocess.run(git + ["rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
        (work / "src" / "main" / "java" / "A.java").write_text("class A { int later; }\n")
        subprocess.run(git + ["commit", "-qam", "two"], check=True)
        subprocess.run(["git", "clone", "-q", "--bare", str(work), str(mirrors / "owner+name" / "repo")], check=True)

        scratch = Path(tempfile.mkdtemp())
        stale = scratch / "owner+name" / "stale.txt"
        stale.parent.mkdir(parents=True)
        stale.write_text("old")
        root = judged.export(judged.Base("owner/name", commit, "src/main/java", 1), mirrors, scratch)

        self.assertEqual(root, scratch / "owner+name")
        self.assertEqual((root / "src/main/java/A.java").read_text(), "class A {}\n")
        self.assertFalse((root / "src/test").exists())
        self.assertFalse(stale.exists())

    def test_a_missing_mirror_is_a_clear_error(self):
        with self.assertRaisesRegex(RuntimeError, "no mirror under .*github:owner/absent"):
            judged.export(judged.Base("owner/absent", COMMIT, "src", 1), Path(tempfile.mkdtemp()),
                          Path(tempfile.mkdtemp()))

    def test_an_unknown_source_root_is_a_clear_error(self):
        mirrors = Path(tempfile.mkdtemp())
        subprocess.run(["git", "init", "-q", "--bare", str(mirrors / "owner+name" / "repo")], check=True)
        with self.assertRaisesRegex(RuntimeError, "git archive"):
            judged.export(judged.Base("owner/name", COMMIT, "src", 1), mirrors, Path(tempfile.mkdtemp()))


if __name__ == "__main__":
    unittest.main()
