"""Start JupyterLab headless for tests and the benchmark: loopback only, a random free port, a token, isolated settings.

The course's own settings (csto/lab/overrides.json: no news fetch, no update check) are applied the same way `make lab`
installs them, so an offline classroom sees no prompt and no failed request.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .course import entries
from .paths import repo_root

SETTINGS = Path(__file__).with_name("lab")
# where each settings file goes, under the environment's prefix: JupyterLab's application-wide setting overrides (no
# news fetch, no update check, RISE's font-free theme, A and B opening the new cell for typing) and JupyterLab's own
# configuration, read by every `jupyter lab` however started (extension manager read-only: no request to the PyPI
# extension index). JupyterLab reads no `jupyter_lab_config.d` folder, so the course's keys are merged into the
# environment's jupyter_lab_config.json.
# Every kernel of the environment loads the slips' handler as it starts (IPython reads etc/ipython under the
# environment's prefix), so a cell run before the setup cell explains itself; it leaves no name in the namespace.
INSTALLED = {"overrides.json": ("share", "jupyter", "lab", "settings", "overrides.json"),
             "csto-course.json": ("etc", "jupyter", "jupyter_lab_config.json"),
             "ipython-kernel.json": ("etc", "ipython", "ipython_kernel_config.json")}


@dataclass
class LabServer:
    url: str
    token: str
    started_in: float  # seconds from launch to a ready API

    def lab_url(self, path: str) -> str:
        return f"{self.url}/lab/tree/{path}?token={self.token}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lab_command(root: Path, headless: bool = False, port: int | None = None, token: str | None = None) -> list[str]:
    """The JupyterLab command line: opens the course at its first notebook, with no request beyond this machine
    (no extension-manager index, no news, see csto/lab/overrides.json); headless for tests on loopback."""
    first = entries()[0]["file"]
    command = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}",
               f"--LabApp.default_url=/lab/tree/notebooks/{first}"]
    if headless:
        command += ["--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
                    "--ServerApp.port_retries=0",
                    f"--IdentityProvider.token={token}", "--LabApp.expose_app_in_browser=True"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    return command


def install_settings(prefix: Path | None = None) -> list[Path]:
    """Put the course's JupyterLab settings into the environment (``make install`` runs this once, ``make lab``
    again)."""
    written = []
    for name, parts in INSTALLED.items():
        target = Path(prefix or sys.prefix).joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        ours = json.loads((SETTINGS / name).read_text(encoding="utf-8"))
        merged = json.loads(target.read_text(encoding="utf-8")) if target.is_file() else {}
        for section, values in ours.items():  # the course's keys win; anything else in the file is kept
            merged.setdefault(section, {}).update(values)
        target.write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
        written.append(target)
    return written


@contextmanager
def running_lab(workdir: Path, root: Path | None = None, timeout: float = 90) -> Iterator[LabServer]:
    """JupyterLab on 127.0.0.1 serving ``root`` (default: the repository); always shut down, even when the caller
    fails."""
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(workdir / "config"), JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"), JUPYTERLAB_SETTINGS_DIR=str(workdir / "settings"))
    started = time.perf_counter()
    log = (workdir / "lab.log").open("w")
    process = subprocess.Popen(lab_command(root or repo_root(), headless=True, port=port, token=token), env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.perf_counter() - started > timeout:
                    raise RuntimeError(f"JupyterLab did not start; see {workdir / 'lab.log'}")
                time.sleep(0.25)
        yield LabServer(url, token, time.perf_counter() - started)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


# ---- teacher notes out of the student's way -----------------------------------------------------------------------
# A speaker-notes cell (slide type "notes") keeps its first words, "**Speaker notes — <section> (<N> min):**", in
# view, and the rest of its text goes into a closed "For teachers (click to open)" box (an HTML <details>, which
# JupyterLab's Markdown allows and keeps closed through Run All). The deck unfolds it for the speaker view
# (csto.site.preprocessors.TeacherNotesWhole); the guide reads it through ``unfold_notes_source``.


def is_notes(cell: dict) -> bool:
    """True for a speaker-notes cell: the slide type the reveal.js deck puts into its speaker view."""
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type") == "notes"


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def unfolded_notes(nb: dict) -> list[int]:
    """The indexes of the notes cells a student would see open in JupyterLab."""
    from .site.preprocessors import notes_folded

    return [i for i, cell in enumerate(nb["cells"]) if is_notes(cell) and not notes_folded(_source(cell))]


def fold_notes(path: Path) -> int:
    """Fold every speaker-notes cell of one notebook; nothing else changes. Returns how many it folded; a notebook
    already folded is not rewritten, and a notes cell that does not open as the convention says stops the command
    with its file and cell before anything is written."""
    from .site.preprocessors import fold_notes_source  # first: importing csto.site imports jsonschema quickly

    import nbformat

    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    todo = unfolded_notes(nb)
    for index in todo:
        try:
            nb.cells[index].source = fold_notes_source(nb.cells[index].source)
        except ValueError as error:
            raise ValueError(f"{path}, cell {index + 1}: {error}") from None
    if todo:
        nbformat.write(nb, path)
    return len(todo)


def main(argv: list[str] | None = None) -> None:
    """``make lab``: install the course settings and open JupyterLab at the first notebook.
    ``python -m csto.lab install-settings``: only install the settings (the Makefile's install step).
    ``python -m csto.lab fold-notes notebooks/*.ipynb``: fold the speaker notes for JupyterLab."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["fold-notes"]:
        if len(args) < 2:
            raise SystemExit("usage: python -m csto.lab fold-notes notebooks/*.ipynb")
        for name in args[1:]:
            print(f"{name}: folded {fold_notes(Path(name))} speaker-notes cell(s)")
        return
    written = install_settings()
    if args[:1] == ["install-settings"]:
        print("JupyterLab settings installed: " + ", ".join(str(p) for p in written))
        return
    os.execv(sys.executable, lab_command(repo_root()))


if __name__ == "__main__":
    main()
