from __future__ import annotations

import pytest

from spotrep.geo.outlets import outlet_country


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.dawn.com.pk/news/1", "PK"),
        ("https://punchng.com/story", None),  # a generic domain says nothing
        ("https://www.bbc.co.uk/news/world", "GB"),  # .uk is the United Kingdom's, GB
        ("http://example.ng", "NG"),
        ("www.premiumtimesng.com/x", None),
        ("https://news.example.tv/a", None),  # a country code sold as a generic domain
        ("https://example.zz/a", None),  # no such country
        ("https://localhost:8080/a", None),
        ("", None),
        (None, None),
    ],
)
def test_outlet_country(url: str | None, expected: str | None) -> None:
    assert outlet_country(url) == expected
