"""How fast the explorer's page becomes interactive over 100,000 events, and how fast it redraws.

    .venv/bin/python benchmarks/serve_page.py [-n 100000] [--db PATH] [--repeat 3]

Targets on this 2-core machine, headless Debian chromium: interactive within 2 s of load
(navigation start until the map, timeline and table are drawn from the columns and the page
answers input: ``body[data-ready]``), a filter change redrawn within 300 ms (from the change
until map, timeline and table show the new set, measured in the page and from outside). The
server runs in this process on a free loopback port; the page reaches nothing else.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path
from typing import Any

from serve_data import build, default_path

from spotrep.serve import ServerThread, create_app
from spotrep.store import Store

CHROMIUM = "/usr/bin/chromium"


def _interactive(page: Any, url: str) -> float:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=120_000)
    return float(page.get_attribute("body", "data-ready-ms") or "nan")


def _change(page: Any, selector: str, value: str | list[str]) -> tuple[float, float]:
    """(ms measured in the page by the redraw itself, ms from the change to the new count on
    every view, the map included); a list of values chooses those of a multiple select."""
    before = page.get_attribute("body", "data-drawn")
    elapsed = page.evaluate(
        """([sel, value, before]) => new Promise(resolve => {
             const t0 = performance.now();
             const input = document.querySelector(sel);
             if (Array.isArray(value)) {
               for (const o of input.options) o.selected = value.includes(o.value);
             } else input.value = value;
             input.dispatchEvent(new Event('change', {bubbles: true}));
             const done = () => document.body.dataset.drawn !== before
               ? resolve(performance.now() - t0) : requestAnimationFrame(done);
             requestAnimationFrame(done);
           })""", [selector, value, before])
    return float(page.get_attribute("body", "data-redraw-ms") or 0), float(elapsed)


def _sort(page: Any, button: str) -> float:
    """ms from a click on a table's sort button to its rows redrawn."""
    return float(page.evaluate(
        """(sel) => { const t0 = performance.now(); document.querySelector(sel).click();
             return performance.now() - t0; }""", button))


def _zoom(page: Any) -> float:
    """ms to cluster and draw the map one zoom level in (after Leaflet's zoom animation)."""
    before = page.get_attribute("body", "data-map-draws") or "0"
    page.click(".leaflet-control-zoom-in")
    page.wait_for_function(f"() => (document.body.dataset.mapDraws || '0') !== '{before}'")
    return float(page.get_attribute("body", "data-map-ms") or "nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    db = build(args.db or default_path(args.n), args.n)
    from playwright.sync_api import sync_playwright

    with Store.open(db) as store, ServerThread(create_app(store, warm=True)) as server, \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.route("**/*", lambda route: route.continue_()
                   if route.request.url.startswith(server.url) else route.abort())
        loads = [_interactive(page, server.url + "/") for _ in range(args.repeat)]
        print(f"{args.n:,} events: interactive after load, median "
              f"{statistics.median(loads):.0f} ms (runs: {', '.join(f'{t:.0f}' for t in loads)})")
        print(f"events shown {page.get_attribute('body', 'data-shown')}; columns "
              f"{page.get_attribute('body', 'data-load')} ms; first draw "
              f"{page.get_attribute('body', 'data-steps')} ms")
        changes: list[tuple[str, str, str | list[str]]] = [
            ("event type: Battles", "select[name=code]", "Battles"),
            ("event type: one code", "select[name=code]", "AIR_STRIKE"),
            ("event types: two codes", "select[name=code]", ["AIR_STRIKE", "ATTACK"]),
            ("event type: any", "select[name=code]", []),
            ("status: denied", "select[name=status]", "denied"),
            ("status: reported+denied", "select[name=status]", ["reported", "denied"]),
            ("status: any", "select[name=status]", []),
            ("killed at least 10", "input[name=min_fatalities]", "10"),
            ("killed: any", "input[name=min_fatalities]", ""),
            ("from 2023-06-01", "input[name=since]", "2023-06-01"),
            ("from: any", "input[name=since]", ""),
        ]
        for label, selector, value in changes:
            inside, outside = _change(page, selector, value)
            print(f"filter change {label:24s} redraw {inside:6.0f} ms in the page, "
                  f"{outside:6.0f} ms to the new count; {page.get_attribute('body', 'data-shown')}"
                  f" events ({page.get_attribute('body', 'data-steps')} ms)")
        for label, button in [("table by killed", "#events button[data-sort=killed]"),
                              ("table by killed, highest first",
                               "#events button[data-sort=killed]"),
                              ("table by place", "#events button[data-sort=place]"),
                              ("table by date", "#events button[data-sort=date]")]:
            print(f"sort {label:34s} {_sort(page, button):6.0f} ms")
        for k in range(3):
            print(f"zoom in to {3 + k}: map clustered and drawn in {_zoom(page):6.0f} ms")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
