"""Do fixed corpus files still compile? javac on each file before and after its fix, inside its project.

Corpus files are single files out of their projects, so neither version compiles on its own. Per
repository, the whole source tree at the corpus commit is exported from the mirror, and javac
compiles the ORIGINAL files and then the FIXED files the same way: every source root of that tree
on -sourcepath (so the project's own classes resolve), the runtime-guards jar and the newest version
of every jar in the local Maven repository on the classpath, annotation processing off, no error
limit (the runtime-guards jar also on the module path, for modular projects whose fix made them
require it), and attribution and flow analysis run even after errors (-XDshould-stop.ifError=FLOW) so
that every error is reported. A fixed file compiles when its fix adds no javac error: the errors
javac reports in it (message and symbol, without line numbers, which a fix moves) are a sub-multiset
of the original's. Errors both versions share (a dependency missing from ~/.m2) cancel out, and a
symbol javac could not resolve before the fix does not count again where the fix uses it once more.

Python 3.11 standard library only.
"""
from __future__ import annotations

import collections
import dataclasses
import os
import re
import subprocess
import tempfile
from pathlib import Path

PACKAGE = re.compile(rb"^\s*package\s+([\w.]+)\s*;", re.MULTILINE)
# "path:line: error: message" — javac's plain diagnostic header
HEADER = re.compile(r"^(?P<path>.+?\.java):(?P<line>\d+): error: (?P<message>.*)$")
CANNOT_FIND_SYMBOL = "cannot find symbol"
SYMBOL = re.compile(r"^\s+symbol:\s+(?P<symbol>.*)$")


@dataclasses.dataclass(frozen=True)
class Verdict:
    """One fixed file: the errors javac reports in it before and after, and the ones the fix added."""
    path: str
    before: int
    after: int
    added: tuple[str, ...]

    @property
    def compiles(self) -> bool:
        return not self.added


def source_roots(tree: Path) -> list[Path]:
    """The package roots of a source tree: per folder holding .java files, the folder less its package path."""
    roots = set()
    for folder, _, files in os.walk(tree):
        java = sorted(f for f in files if f.endswith(".java") and f != "package-info.java" and f != "module-info.java")
        if not java:
            continue
        head = (Path(folder) / java[0]).read_bytes()[:20000]
        match = PACKAGE.search(head)
        parts = match.group(1).decode("ascii", "replace").split(".") if match else []
        here = Path(folder)
        if parts and here.parts[-len(parts):] != tuple(parts):
            continue  # the file is not where its package says: javac could not find it on a source path anyway
        roots.add(here.parents[len(parts) - 1] if parts else here)
    return sorted(roots)


def maven_jars(repository: Path) -> list[Path]:
    """The newest version of each artifact in a local Maven repository (by the version folder's name)."""
    newest: dict[Path, tuple[tuple, Path]] = {}
    for jar in repository.rglob("*.jar"):
        version_dir = jar.parent
        artifact_dir = version_dir.parent
        if not jar.name.startswith(artifact_dir.name + "-" + version_dir.name) or jar.name.endswith(
                ("-sources.jar", "-javadoc.jar", "-tests.jar")):
            continue
        key = version_key(version_dir.name)
        if artifact_dir not in newest or key > newest[artifact_dir][0]:
            newest[artifact_dir] = (key, jar)
    return sorted(jar for _, jar in newest.values())


def version_key(version: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\-]", version))


def export_tree(git_dir: Path, commit: str, into: Path) -> None:
    """
    Writes the repository's .java files at `commit` under `into`. Only sources: a mirror may lack
    its largest blobs (data files), which `git archive` would stop at.
    """
    listing = subprocess.run(["git", "--git-dir", str(git_dir), "ls-tree", "-r", "-z", commit],
                             capture_output=True, check=True).stdout
    blobs = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, path = entry.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind == b"blob" and mode != b"120000" and path.endswith(b".java"):
            blobs.append((sha, path.decode("utf-8", "surrogateescape")))
    contents = subprocess.run(["git", "--git-dir", str(git_dir), "cat-file", "--batch"], check=True,
                              input=b"".join(sha + b"\n" for sha, _ in blobs), capture_output=True).stdout
    at = 0
    for sha, path in blobs:
        header_end = contents.index(b"\n", at)
        fields = contents[at:header_end].split()
        if fields[1:2] == [b"missing"]:
            at = header_end + 1
            continue
        size = int(fields[2])
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(contents[header_end + 1:header_end + 1 + size])
        at = header_end + 1 + size + 1


def javac_errors(files: list[Path], roots: list[Path], classpath: list[Path], work: Path,
                 module_path: tuple[Path, ...] = ()) -> dict[Path, list[str]]:
    """
    Compiles `files` together; per file, the errors javac reports in it (header and symbol, no line).
    The jars of `module_path` are also modules, for a project with a module-info.java that requires them.
    """
    out = Path(tempfile.mkdtemp(dir=work))
    argfile = work / "javac.args"
    arguments = ["-proc:none", "-implicit:none", "-nowarn", "-Xlint:none", "-Xmaxerrs", "1000000",
                 "-XDshould-stop.ifError=FLOW", "-encoding", "UTF-8", "-d", str(out),
                 "-sourcepath", os.pathsep.join(map(str, roots)),
                 "-cp", os.pathsep.join(map(str, classpath)),
                 *(["--module-path", os.pathsep.join(map(str, module_path))] if module_path else []), *map(str, files)]
    argfile.write_text("\n".join(quote(a) for a in arguments), encoding="utf-8")
    result = subprocess.run(["javac", "-J-Xmx1g", "@" + str(argfile)], capture_output=True, text=True,
                            errors="replace", env={**os.environ, "LC_ALL": "C"})
    wanted = {f.resolve(): f for f in files}
    errors: dict[Path, list[str]] = {f: [] for f in files}
    current: list[str] | None = None
    for line in result.stdout.splitlines() + result.stderr.splitlines():
        header = HEADER.match(line)
        if header:
            file = wanted.get(Path(header["path"]).resolve())
            current = errors[file] if file is not None else None
            if current is not None:
                current.append(header["message"].strip())
            continue
        symbol = SYMBOL.match(line)
        if symbol and current:
            current[-1] += " [" + symbol["symbol"].strip() + "]"
    return errors


def quote(argument: str) -> str:
    return '"' + argument.replace("\\", "\\\\").replace('"', '\\"') + '"'


def compare(git_dir: Path, commit: str, fixed: dict[str, bytes], classpath: list[Path],
            work: Path, module_path: tuple[Path, ...] = ()) -> list[Verdict]:
    """
    Compiles the files of one repository at `commit` as they are there and as `fixed` has them
    (path inside the repository -> fixed content), and says per file whether the fix added an error.
    """
    tree = work / "tree"
    export_tree(git_dir, commit, tree)
    roots = source_roots(tree)
    originals = [tree / path for path in fixed]
    before = javac_errors(originals, roots, classpath, work, module_path)
    for path, content in fixed.items():
        (tree / path).write_bytes(content)
    after = javac_errors(originals, roots, classpath, work, module_path)
    verdicts = []
    for path, file in zip(fixed, originals):
        added = collections.Counter(after[file]) - collections.Counter(before[file])
        # A symbol javac could not resolve before the fix (a dependency the mirror lacks) is no
        # new error where the fix uses it once more; every other error counts each time.
        unresolved = {error for error in before[file] if error.startswith(CANNOT_FIND_SYMBOL)}
        for error in unresolved:
            del added[error]
        verdicts.append(Verdict(path, len(before[file]), len(after[file]), tuple(sorted(added.elements()))))
    return verdicts
