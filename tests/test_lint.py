"""The code passes ``ruff check`` under the rules in pyproject.toml ([tool.ruff]: line length 120, pycodestyle,
pyflakes, blind excepts), so a style slip fails the test run instead of waiting for a reviewer."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ruff() -> list[str]:
    """The ruff of the course's environment (pinned in requirements.txt)."""
    beside = Path(sys.executable).with_name("ruff")
    found = str(beside) if beside.exists() else shutil.which("ruff")
    assert found, "ruff is not installed: .venv/bin/pip install -r requirements.txt"
    return [found]


def test_ruff_check_finds_nothing():
    result = subprocess.run([*_ruff(), "check", "--output-format", "concise", "."], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    found = result.stdout + result.stderr
    assert result.returncode == 0, f"ruff check found problems (fix them, or `ruff check --fix`):\n{found}"


def test_ruff_reports_a_line_past_the_limit(tmp_path):
    """The configuration is the one read: a 121-character line under it is an error."""
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "long.py").write_text("x = '" + "a" * 115 + "'\n", encoding="utf-8")
    result = subprocess.run([*_ruff(), "check", "--output-format", "concise", "long.py"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "E501" in result.stdout, result.stdout


TICKET = re.compile(r"(?i)\b(review|round \d)\b[^\n]{0,20}\b[HLMN]\d{1,2}\b|\bissue \d+\b")


def test_no_code_comment_cites_a_review_ticket_instead_of_a_reason():
    """'(review M4)' tells a later reader nothing; the reason does. Ticket ids belong in commit messages."""
    found = [f"{path.relative_to(ROOT).as_posix()}:{number}: {line.strip()[:90]}"
             for path in sorted((ROOT / "csto").rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if TICKET.search(line)]
    assert not found, "comments that cite a ticket id; write the reason instead:\n" + "\n".join(found)
