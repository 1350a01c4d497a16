"""Infer the outlet (Article.source) from evidence inside a document when nothing names it:
web domains, and media file names such as the seed's `alalam_635066257271104544_25f_4x3.jpg`.

The seed's media names carry .NET ticks (100 ns since 0001-01-01): 635066257271104544 is
2013-06-12T09:22:07, filed under /2013/06/12/, so each related item gets a `published`.
The data table is ingest/data/outlets.json; `--source` (ReadOptions.source) always wins.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime, timedelta
from importlib import resources
from typing import Iterable
from urllib.parse import urlsplit

from ..records import RelatedItem

_DATA = json.loads(resources.files(__package__).joinpath("data/outlets.json").read_text("utf-8"))
DOMAINS: dict[str, str] = _DATA["domains"]
MEDIA_PREFIXES: dict[str, str] = _DATA["media_prefixes"]
_KNOWN = set(DOMAINS.values())

# `<prefix>_<18-digit ticks>` in a media file name
_MEDIA_TICKS = re.compile(r"(?:^|[/\\])([a-z][a-z0-9]{1,30})_(\d{17,19})(?=[_.]|$)", re.I)
_URL_HOST = re.compile(r"(?:https?://|\bwww\.)([a-z0-9.-]+\.[a-z]{2,})", re.I)
_DOTNET_EPOCH = datetime(1, 1, 1)
# ticks of 2000-01-01 and 2100-01-01: anything outside is not a timestamp
_TICKS_MIN, _TICKS_MAX = 630822816000000000, 662380416000000000


def ticks_to_iso(ticks: int) -> str | None:
    """.NET ticks → ISO 8601 (seconds, no zone: the CMS's clock zone is not known)."""
    if not _TICKS_MIN <= ticks <= _TICKS_MAX:
        return None
    return (_DOTNET_EPOCH + timedelta(microseconds=ticks // 10)).replace(microsecond=0).isoformat()


def outlet_from_host(host: str | None) -> str | None:
    """"english.alarabiya.net" → "arabiya"; None for hosts not in the table."""
    if not host:
        return None
    host = host.lower().strip().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = DOMAINS.get(".".join(parts[i:]))
        if name:
            return name
    return None


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return outlet_from_host(host)


def media_evidence(path: str | None) -> tuple[str | None, str | None]:
    """(outlet, ISO time) from a media path like /2013/06/12/alalam_635066257271104544_25f_4x3.jpg."""
    if not path:
        return None, None
    m = _MEDIA_TICKS.search(path)
    if m is None:
        return None, None
    prefix = m.group(1).lower()
    outlet = MEDIA_PREFIXES.get(prefix) or (prefix if prefix in _KNOWN else None)
    return outlet, ticks_to_iso(int(m.group(2)))


def date_related(items: Iterable[RelatedItem]) -> None:
    """Give each related item the time its media file name encodes (in place)."""
    for item in items:
        if item.published is None:
            _, when = media_evidence(item.media_path)
            item.published = when


def infer_outlet(text: str = "", related: Iterable[RelatedItem] = (), url: str | None = None,
                 source: str | None = None) -> tuple[str | None, str | None]:
    """(outlet, evidence) — the explicit source wins, then the document URL, then the
    majority of media-file prefixes and URLs found in the related items and the text."""
    if source:
        return source.strip().lower(), "given"
    name = outlet_from_url(url)
    if name:
        return name, f"url {url}"
    votes: Counter[str] = Counter()
    for item in related:
        outlet, _ = media_evidence(item.media_path)
        if outlet:
            votes[outlet] += 1
        outlet = outlet_from_url(item.url)
        if outlet:
            votes[outlet] += 1
    if votes:
        name, n = votes.most_common(1)[0]
        return name, f"{n} related media/url names"
    for m in _URL_HOST.finditer(text[:200_000]):
        outlet = outlet_from_host(m.group(1))
        if outlet:
            votes[outlet] += 1
    if votes:
        name, n = votes.most_common(1)[0]
        return name, f"{n} links to its domain"
    return None, None


__all__ = ["ticks_to_iso", "outlet_from_host", "outlet_from_url", "media_evidence", "date_related",
           "infer_outlet", "DOMAINS"]
