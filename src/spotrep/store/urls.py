"""One article, one key: the canonical form of an article's URL.

courlan cleans the URL (tracking parameters such as ``utm_*``, ``fbclid`` and ``gclid`` out,
the rest sorted, host lower-cased, default port and fragment dropped); on top of that the
variants a site serves one story under are folded together: ``http`` and ``https``, the
``www.``, mobile (``m.``, ``mobile.``) and AMP (``amp.``) hosts, an ``/amp`` path segment,
``.amp.html``, an ``amp`` or ``outputType=amp`` parameter, and a trailing slash.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_VARIANT_HOSTS = ("www.", "m.", "mobile.", "amp.")
_AMP_PARAMS = frozenset({"amp", "amp_js_v", "usqp"})
_AMP_SEGMENT = re.compile(r"(?:^|/)amp(?=/|$)", re.IGNORECASE)
_AMP_SUFFIX = re.compile(r"\.amp(?=\.html?$|$)", re.IGNORECASE)


def canonical_url(url: str) -> str:
    """The key of the article at ``url``: equal for the variants of one story's address.

    A string courlan cannot read as a web URL is kept as given (stripped).
    """
    from courlan import clean_url  # imported on first use: 0.1 s that store queries never need

    given = url.strip()
    if urlsplit(given).scheme.lower() not in ("http", "https"):
        return given
    parts = urlsplit(clean_url(given) or given)
    if not parts.netloc:
        return given
    host = parts.netloc.lower()
    while host.startswith(_VARIANT_HOSTS) and host.count(".") > 1:
        host = host.split(".", 1)[1]
    path = _AMP_SUFFIX.sub("", _AMP_SEGMENT.sub("", parts.path)).rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in _AMP_PARAMS
             and not (k.lower() == "outputtype" and v.lower() == "amp")]
    return urlunsplit(("https", host, path or "", urlencode(sorted(query)), ""))
