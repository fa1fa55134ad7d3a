"""Tests of fixed_compile.py: source roots, Maven jar choice, and real javac runs on a small git repository.

Run with `python3 -m unittest discover -s evaluation -p 'test_*.py'` (standard library only; needs git and javac).
"""
from __future__ import annotations

import subprocess
import tempfile
import unittest
from pathlib import Path

import fixed_compile

SCORE = """package org.example.model;

import org.example.util.Probabilities;

public class Score {
    public static double score(double[] p) {
        double product = 1;
        for (double q : p) {
            product *= Probabilities.check(q);
        }
        return product;
    }

    public static int broken() {
        return undefinedName;
    }
}
"""

PROBABILITIES = """package org.example.util;

public final class Probabilities {
    public static double check(double q) {
        return q;
    }
}
"""


def write(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")


def git(work: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(work), *args], capture_output=True, text=True, check=True).stdout.strip()


class SourceRootsTest(unittest.TestCase):

    def test_finds_the_package_root_of_each_module_and_skips_misplaced_files(self):
        tree = Path(tempfile.mkdtemp())
        write(tree, {"core/src/main/java/org/example/util/Probabilities.java": PROBABILITIES,
                     "app/src/org/example/model/Score.java": SCORE,
                     "scripts/Tool.java": "public class Tool {}\n",
                     "misplaced/Wrong.java": "package org.example;\npublic class Wrong {}\n"})
        self.assertEqual(fixed_compile.source_roots(tree),
                         sorted([tree / "core/src/main/java", tree / "app/src", tree / "scripts"]))


class MavenJarsTest(unittest.TestCase):

    def test_keeps_the_newest_version_of_each_artifact_and_no_source_jars(self):
        repository = Path(tempfile.mkdtemp())
        for path in ["org/a/lib/1.9/lib-1.9.jar", "org/a/lib/1.10/lib-1.10.jar", "org/a/lib/1.10/lib-1.10-sources.jar",
                     "org/b/other/2.0-SNAPSHOT/other-2.0-SNAPSHOT.jar", "org/b/other/2.0-SNAPSHOT/unrelated.jar"]:
            write(repository, {path: ""})
        self.assertEqual(fixed_compile.maven_jars(repository),
                         [repository / "org/a/lib/1.10/lib-1.10.jar",
                          repository / "org/b/other/2.0-SNAPSHOT/other-2.0-SNAPSHOT.jar"])


class CompareTest(unittest.TestCase):
    """A two-module repository in git; the file under test needs the other module's class to compile."""

    @classmethod
    def setUpClass(cls):
        cls.repo = Path(tempfile.mkdtemp())
        git(cls.repo, "init", "-q")
        write(cls.repo, {"app/src/main/java/org/example/model/Score.java": SCORE,
                         "util/src/main/java/org/example/util/Probabilities.java": PROBABILITIES})
        git(cls.repo, "add", ".")
        git(cls.repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "fixture")
        cls.commit = git(cls.repo, "rev-parse", "HEAD")
        cls.path = "app/src/main/java/org/example/model/Score.java"

    def compare(self, fixed: str) -> fixed_compile.Verdict:
        work = Path(tempfile.mkdtemp())
        [verdict] = fixed_compile.compare(self.repo / ".git", self.commit, {self.path: fixed.encode()}, [], work)
        return verdict

    def test_a_fix_that_keeps_the_original_errors_and_adds_none_compiles(self):
        fixed = SCORE.replace("double product = 1;", "double logProduct = 0;").replace(
            "product *= Probabilities.check(q);", "logProduct += Math.log(Probabilities.check(q));").replace(
            "return product;", "return Math.exp(logProduct);")
        verdict = self.compare("// a comment moves every line\n" + fixed)
        self.assertEqual((verdict.before, verdict.after, verdict.compiles), (1, 1, True))

    def test_a_fix_that_calls_an_unknown_method_adds_an_error_with_its_symbol(self):
        verdict = self.compare(SCORE.replace("return product;", "return LogSpace.exp(product);"))
        self.assertFalse(verdict.compiles)
        self.assertEqual(verdict.added, ("cannot find symbol [variable LogSpace]",))

    def test_another_use_of_a_symbol_that_was_unresolved_before_is_no_new_error(self):
        verdict = self.compare(SCORE.replace("return product;", "return product + undefinedName;"))
        self.assertEqual((verdict.before, verdict.after, verdict.compiles), (1, 2, True))

    def test_errors_in_flow_analysis_are_counted_even_after_attribution_errors(self):
        verdict = self.compare(SCORE.replace("return product;", "double unset;\n        return unset;"))
        self.assertEqual(verdict.added, ("variable unset might not have been initialized",))

    def test_a_file_that_does_not_parse_breaks(self):
        verdict = self.compare(SCORE.replace("return product;", "return product"))
        self.assertFalse(verdict.compiles)
        self.assertIn("';' expected", verdict.added)


if __name__ == "__main__":
    unittest.main()


class ModularCompareTest(unittest.TestCase):
    """A modular repository (module-info.java); the fix requires a library module and calls it."""

    def test_a_fix_that_requires_a_module_compiles_with_that_module_on_the_module_path(self):
        library = Path(tempfile.mkdtemp())
        write(library, {"src/org/lib/Safe.java": "package org.lib;\npublic final class Safe {\n"
                                                 "    public static double log1p(double x) { return Math.log1p(x); }\n}\n",
                        "manifest.txt": "Automatic-Module-Name: org.lib\n"})
        subprocess.run(["javac", "-d", str(library / "classes"), str(library / "src/org/lib/Safe.java")], check=True)
        jar = library / "org-lib-1.0.jar"
        subprocess.run(["jar", "--create", "--file", str(jar), "--manifest", str(library / "manifest.txt"),
                        "-C", str(library / "classes"), "."], check=True)
        repo = Path(tempfile.mkdtemp())
        git(repo, "init", "-q")
        write(repo, {"src/module-info.java": "module demo {\n}\n",
                     "src/demo/A.java": "package demo;\nclass A {\n    double f(double x) { return Math.log(1 + x); }\n}\n"})
        git(repo, "add", ".")
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "fixture")
        commit = git(repo, "rev-parse", "HEAD")
        fixed = {"src/module-info.java": b"module demo {\n    requires org.lib;\n}\n",
                 "src/demo/A.java": b"package demo;\nclass A {\n    double f(double x) { return org.lib.Safe.log1p(x); }\n}\n"}

        on_classpath = fixed_compile.compare(repo / ".git", commit, fixed, [jar], Path(tempfile.mkdtemp()))
        on_module_path = fixed_compile.compare(repo / ".git", commit, fixed, [jar], Path(tempfile.mkdtemp()), (jar,))

        self.assertFalse(all(v.compiles for v in on_classpath), on_classpath)
        self.assertEqual([(v.path, v.compiles) for v in on_module_path],
                         [("src/module-info.java", True), ("src/demo/A.java", True)])
