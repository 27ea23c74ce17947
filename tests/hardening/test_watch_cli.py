"""``spotrep watch`` as a user runs it, against feeds on a loopback server that fail in each
way a feed can: the watcher goes on, and ``spotrep failures`` says why each one failed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from writers import loopback, stand_in

import spotrep.store.ingest as ingest_module
from spotrep.cli import main
from spotrep.store import Store

ARTICLE = ("<html><head><title>Strike</title></head><body><article><h1>Strike</h1><p>"
           + "On March 5 a strike hit Kharkiv, officials said. " * 8
           + "</p></article></body></html>")
ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/broken.xml": (500, "text/plain", b"server error"),
    "/not-a-feed.xml": (200, "application/xml", b"<?xml version='1.0'?><config><a/></config>"),
    "/garbage.xml": (200, "application/rss+xml", b"<rss><channel><item>\x00\xff"),
    "/a/1": (200, "text/html; charset=x-no-such-charset", ARTICLE.encode()),
}


def feed(base: str) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Good</title>'
            f"<item><title>Strike</title><link>{base}/a/1</link></item>"
            f"<item><title>Local</title><link>file:///etc/passwd</link></item>"
            f"</channel></rss>").encode()


@pytest.fixture
def base() -> Iterator[str]:
    def respond(here: str, path: str) -> tuple[int, str, bytes]:
        if path == "/feed.xml":
            return 200, "application/rss+xml", feed(here)
        return ROUTES.get(path, (404, "text/plain", b"not here"))

    with loopback(respond) as url:
        yield url


@pytest.fixture(autouse=True)
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_module, "extract_with_spotrep", stand_in(0.0))


def test_watch_goes_on_and_failures_say_why_each_feed_failed(
    base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = tmp_path / "feeds.txt"
    names = ["broken.xml", "not-a-feed.xml", "garbage.xml", "feed.xml"]
    feeds.write_text("".join(f"{base}/{n}\n" for n in names))
    db = str(tmp_path / "w.db")
    assert main(["watch", str(feeds), "--once", "--allow-private", "--db", db]) == 0
    assert main(["failures", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    why = {n: [line for line in lines if f"/{n}" in line] for n in names}
    assert "HTTP 500" in why["broken.xml"][0]
    assert "not an RSS or Atom feed" in why["not-a-feed.xml"][0]
    assert "not a readable RSS/Atom feed" in why["garbage.xml"][0]
    (local,) = why["feed.xml"]  # the good feed failed only its item that was not a web page
    assert "file://" in local and "is not an http(s) URL; not fetched" in local
    with Store.open(db) as store:  # the good feed's article, read despite its unknown charset
        (result,) = list(store.results())
        assert any("charset" in w for w in result.warnings)


def test_without_allow_private_no_loopback_feed_is_fetched(
    base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{base}/feed.xml\n")
    db = str(tmp_path / "w.db")
    assert main(["watch", str(feeds), "--once", "--db", db]) == 0
    assert main(["failures", "--db", db]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert "/feed.xml" in line and "loopback" in line
    with Store.open(db) as store:
        assert list(store.results()) == []
