"""Headless Debian Chromium with the network walled off: used by the PDF step, the browser tests and the benchmark.

Playwright's own browser download cannot work here (no access to its host), so it drives /usr/bin/chromium.
Every request that is not file:, data: or blob: is aborted and recorded, so "zero network requests" is measured.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def chromium_path() -> str | None:
    """Debian's chromium, or $CSTO_CHROMIUM; None when neither exists."""
    for candidate in (os.environ.get("CSTO_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@dataclass
class Traffic:
    """What a page asked for beyond local files, and what it logged as errors."""

    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@contextmanager
def offline_browser(viewport: tuple[int, int] = (1280, 720)) -> Iterator[tuple[object, Traffic]]:
    """A Playwright browser context with external requests aborted; yields (context, traffic)."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError("Debian's chromium is not installed: run 'apt-get install chromium'")
    traffic = Traffic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})

        def route(request_route) -> None:
            url = request_route.request.url
            if url.startswith(LOCAL_SCHEMES) or url.startswith(("http://127.0.0.1", "ws://127.0.0.1")):
                request_route.continue_()
            else:
                traffic.blocked.append(url)
                request_route.abort()

        context.route("**/*", route)
        context.on("console", lambda msg: traffic.console_errors.append(msg.text) if msg.type == "error" else None)
        context.on("weberror", lambda err: traffic.console_errors.append(str(err.error)))
        try:
            yield context, traffic
        finally:
            context.close()
            browser.close()
