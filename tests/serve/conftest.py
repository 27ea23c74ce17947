"""Fixtures for the explorer: a small store, the app served on a free loopback port, and a
headless Debian chromium driven by Playwright that may reach nothing but that server.

Browser tests are marked ``browser``; they run in ``make test``. Every request to another
host is aborted and fails the test, and so does any page error or console error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from serve_records import fill

from spotrep.serve import ServerThread, Tiles, create_app, is_loopback
from spotrep.store import Store

CHROMIUM = Path(os.environ.get("SPOTREP_TEST_CHROMIUM", "/usr/bin/chromium"))
TILES = Tiles("https://tiles.invalid/{z}/{x}/{y}.png", "Test tiles")


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "spotrep.db"
    with Store.open(path) as store:
        fill(store)
    return path


@pytest.fixture(scope="session")
def server(store_path: Path) -> Iterator[ServerThread]:
    with Store.open(store_path) as store, ServerThread(create_app(store, TILES)) as running:
        yield running


@pytest.fixture
def api(server: ServerThread) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        yield client


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


class Watch:
    """What a page did that fails a test: requests off this machine, errors, console errors."""

    def __init__(self) -> None:
        self.offsite: list[str] = []
        self.errors: list[str] = []

    def check(self) -> None:
        assert not self.offsite, f"requests off the machine: {self.offsite}"
        assert not self.errors, f"page errors: {self.errors}"


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser: Any, server: ServerThread, watch: Watch) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  base_url=server.url, service_workers="block")

    def guard(route: Any) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or is_loopback(host):
            route.continue_()
        else:
            watch.offsite.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    p = context.new_page()
    p.on("pageerror", lambda exc: watch.errors.append(f"pageerror: {exc}"))
    p.on("console", lambda msg: watch.errors.append(f"console: {msg.text}")
         if msg.type == "error" else None)
    p.set_default_timeout(10_000)
    yield p
    context.close()
    watch.check()
