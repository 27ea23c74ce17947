"""The page in a real browser (Debian chromium through Playwright), against the test store."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pages import shot

pytestmark = pytest.mark.browser


def ready(page: Any, path: str = "/") -> None:
    page.goto(path)
    page.wait_for_selector("body[data-ready='1']")


def query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def marker_total(page: Any) -> int:
    counts = page.eval_on_selector_all(
        ".leaflet-marker-icon[data-count]", "els => els.map(e => +e.dataset.count)")
    return int(sum(counts))


def test_smoke_clusters_add_up_to_the_api_total(page: Any, api: httpx.Client) -> None:
    ready(page)
    rows = api.get("/api/events", params={"limit": 1000}).json()["rows"]
    placed = [r for r in rows if r["lat"] is not None]
    assert marker_total(page) == len(placed) > 0
    assert page.get_attribute("body", "data-shown") == str(len(rows))
    shot(page, "overview")
