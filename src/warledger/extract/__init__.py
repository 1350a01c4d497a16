"""extract stage: Article → Events (casualty figures, dates, places, actors, event types).

``extract(article)`` returns the events one article reports, the headline event first
(``primary``); ``extract_many(articles)`` runs it over many. The place finder is a parameter
(default: ``warledger.extract.places.find_places`` once the gazetteer ships).
"""
from __future__ import annotations

from typing import Iterable, Iterator

from ..records import Article, Event, Mention
from .actors import category as actor_category
from .actors import find_framing
from .events import PlaceFinder, extract_article


def extract(article: Article, *, find_places: PlaceFinder | None = None) -> list[Event]:
    """The events ``article`` reports; every value carries its evidence span."""
    return extract_article(article, find_places=find_places)


def extract_many(articles: Iterable[Article], *, find_places: PlaceFinder | None = None) -> Iterator[Event]:
    """``extract`` over many articles, events in article order."""
    for a in articles:
        yield from extract_article(a, find_places=find_places)


__all__ = ["extract", "extract_many", "find_framing", "actor_category", "Mention"]
