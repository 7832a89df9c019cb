"""Fixtures of the browser tests that read the built site: the site and an offline browser, one per test module."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    """The site the suite built once (tests/conftest.py), read-only."""
    return built_site[0]


@pytest.fixture(scope="module")
def browser():
    """The module's offline browser: (context, traffic)."""
    from csto.site.browser import offline_browser

    with offline_browser() as (context, traffic):
        yield context, traffic

