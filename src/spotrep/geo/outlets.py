"""The country an outlet publishes from, read from its web address: a prior for ambiguous names
(an "Alexandria" in a paper at ``thetowntalk.com`` is no help; one at ``dailynews.com.eg`` is)."""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

import pycountry

from spotrep.data import rows


@functools.cache
def _exceptions() -> dict[str, str | None]:
    return {tld: (None if cc == "-" else cc) for tld, cc in rows("places", "outlet_tlds.tsv")}


@functools.cache
def _country_codes() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


def outlet_country(url: str | None) -> str | None:
    """The ISO alpha-2 country of ``url``'s country-code domain, or None for a generic domain
    (.com, .org) or one sold as generic (.tv, .io)."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if len(tld) != 2:
        return None
    exceptions = _exceptions()
    if tld in exceptions:
        return exceptions[tld]
    cc = tld.upper()
    return cc if cc in _country_codes() else None
