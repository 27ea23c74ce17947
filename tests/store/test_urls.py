"""The canonical URL folds one story's address variants together, and nothing else."""

from __future__ import annotations

import pytest

from spotrep.store.urls import canonical_url

STORY = "https://example.com/news/story"


@pytest.mark.parametrize("url", [
    STORY,
    "http://example.com/news/story",
    "HTTPS://EXAMPLE.COM/news/story",
    "https://www.example.com/news/story",
    "https://example.com/news/story/",
    "https://example.com:443/news/story",
    "https://example.com/news/story#comments",
    "https://example.com/news/story?utm_source=twitter&utm_medium=social&utm_campaign=x",
    "https://example.com/news/story?fbclid=IwAR0abc",
    "https://example.com/news/story?gclid=abc&ref=rss",
    "https://m.example.com/news/story",
    "https://mobile.example.com/news/story",
    "https://amp.example.com/news/story",
    "https://example.com/news/story/amp",
    "https://example.com/news/story/amp/",
    "https://example.com/amp/news/story",
    "https://example.com/news/story?amp=1",
    "https://example.com/news/story?outputType=amp",
    "  https://example.com/news/story  ",
])
def test_variants_of_one_address(url: str) -> None:
    assert canonical_url(url) == STORY


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.com/news/story?id=5&utm_source=x", "https://example.com/news/story?id=5"),
    ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
    ("https://example.com/news/story.amp.html", "https://example.com/news/story.html"),
    ("https://m.bbc.co.uk/news/1", "https://bbc.co.uk/news/1"),
])
def test_what_is_kept(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(("a", "b"), [
    ("https://example.com/news/story", "https://example.com/news/other"),
    ("https://example.com/news/story?id=5", "https://example.com/news/story?id=6"),
    ("https://example.com/camp/story", "https://example.com/story"),  # "camp" is not "amp"
    ("https://example.com/news/story", "https://example.org/news/story"),
    ("https://m.example/x", "https://example/x"),  # "m" is the site's own name here
])
def test_different_stories_stay_apart(a: str, b: str) -> None:
    assert canonical_url(a) != canonical_url(b)


@pytest.mark.parametrize("url", ["file:///tmp/a.txt", "not a url", "urn:isbn:123"])
def test_what_is_not_a_web_address_is_kept(url: str) -> None:
    assert canonical_url(url) == url.strip()
