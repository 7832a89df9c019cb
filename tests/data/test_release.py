"""``python -m csto.release X.Y.Z``: one command sets the version everywhere and tags it, tried in a temporary clone."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from csto import release

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs git")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A clone of the repository's last commit with the working copy's release files and an Unreleased section."""
    target = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(target)], check=True)
    for name in release.FILES:
        shutil.copy2(ROOT / name, target / name)
    changelog = target / "data" / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    if "## [Unreleased]" not in text:
        first = text.index("\n## [")
        text = text[:first] + "\n## [Unreleased]\n\n### Added\n\n- A test entry.\n" + text[first:]
        changelog.write_text(text, encoding="utf-8")
    git(target, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-am", "state")
    git(target, "config", "user.name", "Release Test")
    git(target, "config", "user.email", "release@example.org")
    return target


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "csto.release", *args, "--root", str(root)], capture_output=True,
                          text=True, timeout=120)


def test_the_versions_in_the_repository_agree():
    assert release.disagreements(ROOT) == []


def test_a_release_sets_the_version_everywhere_dates_the_changelog_and_tags(clone):
    old = release.version(clone)
    major, minor, _ = map(int, old.split("."))
    new = f"{major}.{minor + 1}.0"
    done = run(clone, new, "--date", "2027-02-03")
    assert done.returncode == 0, done.stderr
    assert tomllib.loads((clone / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"] == new
    meta = json.loads((clone / "datapackage.json").read_text(encoding="utf-8"))
    assert meta["version"] == new and f"(version {new})" in meta["citation"] and "(2027)" in meta["citation"]
    cff = yaml.safe_load((clone / "CITATION.cff").read_text(encoding="utf-8"))
    assert (cff["version"], str(cff["date-released"])) == (new, "2027-02-03")
    preferred = cff["preferred-citation"]
    assert (preferred["version"], str(preferred["date-released"])) == (new, "2027-02-03")
    assert meta["citation"] in " ".join(cff["message"].split())
    changelog = (clone / "data" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert (changelog.index("## [Unreleased]") < changelog.index(f"## [{new}] - 2027-02-03")
            < changelog.index(f"## [{old}]"))
    readme = (clone / "data" / "README.md").read_text(encoding="utf-8")
    assert f"This is version **{new}** (released 3 February 2027" in readme
    assert release.disagreements(clone) == []
    assert git(clone, "tag", "--list", f"v{new}").strip() == f"v{new}"
    assert git(clone, "status", "--porcelain", "--", *release.FILES).strip() == ""
    assert git(clone, "log", "-1", "--format=%s").strip() == f"Release {new}"
    checked = subprocess.run([sys.executable, "-m", "csto.data", "check", str(clone / "datapackage.json")],
                             capture_output=True, text=True, timeout=300)
    assert f"version {new}:" in checked.stdout


@pytest.mark.parametrize(("version", "expected"), [("1.1", "not a version of the form"),
                                                   ("0.0.1", "is not later than the current version")])
def test_a_bad_version_is_refused_and_nothing_changes(clone, version, expected):
    before = {name: (clone / name).read_bytes() for name in release.FILES}
    refused = run(clone, version)
    assert refused.returncode == 1 and expected in refused.stderr, refused.stderr
    assert {name: (clone / name).read_bytes() for name in release.FILES} == before
    assert git(clone, "tag", "--list").strip() == ""


def test_an_empty_unreleased_section_is_refused(clone):
    changelog = clone / "data" / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    start = text.index("## [Unreleased]")
    end = text.index("\n## [", start + 1)
    changelog.write_text(text[:start] + "## [Unreleased]\n" + text[end:], encoding="utf-8")
    git(clone, "commit", "-q", "-am", "empty")
    refused = run(clone, "9.0.0")
    assert refused.returncode == 1 and "section of data/CHANGELOG.md is empty" in refused.stderr


def test_files_that_disagree_are_named(clone):
    path = clone / "CITATION.cff"
    old = release.version(clone)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"\nversion: {old}\n", "\nversion: 0.9.0\n"), encoding="utf-8")
    assert release.disagreements(clone) == [f"CITATION.cff says '0.9.0', pyproject.toml says '{old}'"]
