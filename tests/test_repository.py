"""What a fresh clone gets: every source file of the course is tracked, none hidden by an ignore pattern."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE_FOLDERS = ("csto", "data", "docs", "notebooks", "seeds", "tests", "tools")


@pytest.mark.skipif(not (ROOT / ".git").exists() or shutil.which("git") is None, reason="not a git checkout")
def test_no_source_file_is_hidden_by_an_ignore_pattern():
    """A pattern such as 'site/' once matched csto/site/ too, so a fresh clone lacked the site builder."""
    run = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all", "--", *SOURCE_FOLDERS],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    ignored = [line[3:] for line in run.stdout.splitlines()
               if line.startswith("!! ") and "__pycache__" not in line and not line.endswith((".pyc", ".egg-info/"))
               and ".ipynb_checkpoints" not in line and ".pytest_cache" not in line]
    assert not ignored, f"ignored by .gitignore, so missing from every clone: {ignored}"
