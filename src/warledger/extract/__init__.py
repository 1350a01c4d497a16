"""extract stage: Article → Events (casualty figures, dates, places, actors, event types).

``extract(article)`` returns the events one article reports, the headline event first
(``primary``); ``extract_many(articles)`` runs it over many. The place finder is a parameter
(default: ``warledger.extract.places.find_places`` once the gazetteer ships).
"""
from __future__ import annotations

import os
import sys
from importlib.machinery import SOURCE_SUFFIXES, FileFinder, SourceFileLoader
from typing import Iterable, Iterator

from ..records import Article, Event, Mention


class _PureModules:
    """Import this package's .py modules even where mypyc-compiled ones sit beside them (a
    wheel built by setup.py ships both): set by WARLEDGER_PURE=1, for a baseline or a bug hunt."""

    def find_spec(self, name: str, path: object = None, target: object = None):
        if name.startswith(__name__ + ".") and name.count(".") == __name__.count(".") + 1:
            return FileFinder(__path__[0], (SourceFileLoader, SOURCE_SUFFIXES)).find_spec(name)
        return None


if os.environ.get("WARLEDGER_PURE", "") not in ("", "0"):
    sys.meta_path.insert(0, _PureModules())

from .actors import category as actor_category  # noqa: E402 (after the pure switch)
from .actors import find_framing  # noqa: E402
from .events import PlaceFinder, extract_article  # noqa: E402
from . import events as _events  # noqa: E402

# whether the extraction modules running are the compiled ones (setup.py)
COMPILED = not _events.__file__.endswith(".py")


def extract(article: Article, *, find_places: PlaceFinder | None = None) -> list[Event]:
    """The events ``article`` reports; every value carries its evidence span."""
    return extract_article(article, find_places=find_places)


def extract_many(articles: Iterable[Article], *, find_places: PlaceFinder | None = None) -> Iterator[Event]:
    """``extract`` over many articles, events in article order."""
    for a in articles:
        yield from extract_article(a, find_places=find_places)


__all__ = ["extract", "extract_many", "find_framing", "actor_category", "Mention", "COMPILED"]
