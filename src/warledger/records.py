"""The record types that cross warledger's stage boundaries, each defined once.

ingest → Article; extract → Mention / Event; corroborate → Claim / LedgerEvent;
verify → Verdict. Every stage and the store read and write these shapes through
``to_dict`` / ``from_dict`` so the JSON in the store, the API and the CLI agree.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, TypeVar

T = TypeVar("T", bound="Record")


class Record:
    """Mixin: dict round-trip for nested dataclasses (records, lists and dicts of records)."""

    _nested: ClassVar[dict[str, Any]] = {}  # field -> record type (a record or a list of them)
    _nested_dicts: ClassVar[dict[str, Any]] = {}  # field -> record type of a dict's values

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _dump(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        kwargs = {}
        for k, v in data.items():
            if k not in known:
                continue  # tolerate keys written by a newer version
            sub = cls._nested.get(k)
            dsub = cls._nested_dicts.get(k)
            if sub is not None and isinstance(v, list):
                v = [sub.from_dict(x) if isinstance(x, dict) else x for x in v]
            elif sub is not None and isinstance(v, dict):
                v = sub.from_dict(v)
            elif dsub is not None and isinstance(v, dict):
                v = {kk: dsub.from_dict(x) if isinstance(x, dict) else x for kk, x in v.items()}
            kwargs[k] = v
        return cls(**kwargs)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls: type[T], text: str) -> T:
        return cls.from_dict(json.loads(text))


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _dump(v: Any) -> Any:
    # scalars first and inline: an Article's offset map alone is thousands of ints, and this
    # walk was a fifth of the whole text-dump ingest time
    t = type(v)
    if t in _SCALARS:
        return v
    if isinstance(v, Record):
        return v.to_dict()
    if t is list or t is tuple:
        return [x if type(x) in _SCALARS else _dump(x) for x in v]
    if t is dict:
        return {k: (x if type(x) in _SCALARS else _dump(x)) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_dump(x) for x in v]
    if isinstance(v, dict):
        return {k: _dump(x) for k, x in v.items()}
    return v


def content_id(*parts: str, prefix: str = "", length: int = 16) -> str:
    """Stable id from content: re-running on the same input yields the same id."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]
    return prefix + h


# --------------------------------------------------------------------------- ingest


@dataclass
class RelatedItem(Record):
    """A 'related stories' entry found beside an article (e.g. the seed's PHP dump)."""

    id: str | None = None
    sort: str | None = None
    content_type: str | None = None
    media_path: str | None = None
    media_kind: str | None = None  # "image" | "video" | None
    title: str | None = None
    published: str | None = None  # ISO 8601 when derivable (alalam_<.NET ticks>)
    url: str | None = None


@dataclass
class RawInput(Record):
    """Where an Article came from, verbatim or by reference."""

    path: str | None = None  # file path, "archive.zip!member", URL or "-"
    sha256: str | None = None  # of the raw bytes of this document
    text: str | None = None  # the raw document, verbatim (decoded), when small enough
    encoding: str | None = None
    locator: str | None = None  # line, row or record offset inside path ("row 17")


@dataclass
class Article(Record):
    """One cleaned news document: the unit every later stage reads."""

    id: str
    title: str
    body: str
    source: str | None = None  # outlet name, lower case short form ("alalam", "reuters")
    url: str | None = None
    published: str | None = None  # ISO 8601: "2013-06-12T20:59:42", "2017-04-05" ...
    published_precision: str | None = None  # "datetime" | "date" | None (unknown)
    language: str | None = None  # ISO 639-1
    paragraphs: list[list[int]] = field(default_factory=list)  # [start, end) in body
    related: list[RelatedItem] = field(default_factory=list)
    raw: RawInput = field(default_factory=RawInput)
    reader: str | None = None  # "textdump", "html", "warc", "feed", "csv", "jsonl", "fakes"
    warnings: list[str] = field(default_factory=list)
    # clean-body offset -> raw-text offset, as sorted [body_start, raw_start, length] runs
    offset_map: list[list[int]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # reader-specific (e.g. unit_id)

    _nested: ClassVar[dict[str, Any]] = {"related": RelatedItem, "raw": RawInput}

    @staticmethod
    def make_id(title: str, body: str, source: str | None = None,
                external_id: str | None = None) -> str:
        """The content hash that identifies an article across files and re-runs.

        A dataset row's own id (FA-KES unit_id) is part of the hash: two rows of one dataset
        are two records even when their text is the same (FA-KES has three such pairs)."""
        parts = [source or "", title.strip(), body.strip()] + ([external_id] if external_id else [])
        return content_id(*parts, prefix="a_")

    def raw_offset(self, body_offset: int) -> int | None:
        """Map a clean-body character offset back to the raw input's text offset."""
        for b, r, n in self.offset_map:
            if b <= body_offset < b + n or (body_offset == b + n and n > 0):
                return r + (body_offset - b)
        return None


@dataclass
class Rejection(Record):
    """A document that could not become an Article, and why (never dropped silently)."""

    path: str
    reason: str
    locator: str | None = None  # "line 12", "offset 3410", "row 7"
    reader: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}" + (f" ({self.locator})" if self.locator else "")
        return f"{where}: {self.reason}"


# --------------------------------------------------------------------------- extract


@dataclass
class Span(Record):
    """Provenance of a value: character offsets [start, end) in an Article's body (or its
    title, when `field` says so: FA-KES headlines often carry the event)."""

    article_id: str
    start: int
    end: int
    text: str = ""
    field: str = "body"  # "body" | "title"


@dataclass
class Mention(Record):
    """One recognised value in the text: a place, date, number, actor, framing term..."""

    kind: str  # place | date | number | casualty | actor | claimant | weapon | trigger | framing
    span: Span
    value: dict[str, Any] = field(default_factory=dict)  # the parsed value
    label: str | None = None  # the role it plays ("killed", "perpetrator", "location" ...)

    _nested: ClassVar[dict[str, type]] = {"span": Span}


@dataclass
class Count(Record):
    """A casualty figure coded low/best/high (ACLED's conservative rule, GUIDE.md)."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    qualifier: str | None = None  # "at least", "up to", "about", "range", "vague" ...
    unquantified: bool = False  # "several", "heavy losses": killed, no number


@dataclass
class Place(Record):
    """A resolved location, from the most specific name up to the country."""

    name: str | None = None  # as the text names it
    gazetteer_name: str | None = None
    gazetteer_id: str | None = None
    admin2: str | None = None  # district
    admin1: str | None = None  # governorate / province
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None  # "place" | "district" | "governorate" | "country"


@dataclass
class Event(Record):
    """One violent incident an article reports, every value tied to its evidence."""

    id: str
    article_id: str
    primary: bool = False  # the article's headline event
    date: str | None = None  # ISO date
    date_precision: str | None = None  # "day" | "window" | "week" | "month" | "year" | "publication"
    date_basis: str | None = None  # "explicit" | "weekday" | "relative" | "publication"
    place: Place = field(default_factory=Place)
    actor1: str | None = None  # perpetrator (canonical actor name)
    actor2: str | None = None  # target / other side
    event_type: str | None = None  # ACLED event type
    sub_event_type: str | None = None  # ACLED sub-event type
    violence_type: int | None = None  # UCDP type_of_violence: 1 state, 2 non-state, 3 one-sided
    cause: str | None = None  # shelling | explosion | chemical | shooting | execution | unknown
    killed: Count = field(default_factory=Count)
    injured: Count = field(default_factory=Count)
    victims: dict[str, Count] = field(default_factory=dict)  # civilians, children, women, combatants, unidentified
    victim_sides: dict[str, str] = field(default_factory=dict)  # "combatants" -> actor name
    claimed_by: list[str] = field(default_factory=list)  # attribution ("SOHR", "state TV")
    confidence: float = 0.0
    sentence: Span | None = None  # the sentence that carries the event
    evidence: list[Mention] = field(default_factory=list)  # a Mention per coded value
    notes: str | None = None

    _nested: ClassVar[dict[str, type]] = {
        "place": Place,
        "killed": Count,
        "injured": Count,
        "sentence": Span,
        "evidence": Mention,
    }
    _nested_dicts: ClassVar[dict[str, type]] = {"victims": Count}


# --------------------------------------------------------------------------- corroborate / verify


@dataclass
class Claim(Record):
    """What one article says about a ledger event: its figures, culprits and evidence."""

    event_id: str
    article_id: str
    source: str | None = None
    published: str | None = None
    date: str | None = None
    killed: Count = field(default_factory=Count)
    injured: Count = field(default_factory=Count)
    victims: dict[str, Count] = field(default_factory=dict)
    actor1: str | None = None
    actor2: str | None = None
    claimed_by: list[str] = field(default_factory=list)
    evidence: Span | None = None
    duplicate_of: str | None = None  # article id of the text this one republishes (wire copy)

    _nested: ClassVar[dict[str, type]] = {
        "killed": Count,
        "injured": Count,
        "evidence": Span,
    }
    _nested_dicts: ClassVar[dict[str, type]] = {"victims": Count}


@dataclass
class LedgerEvent(Record):
    """One real-world event as reported across sources, with the range of claims."""

    id: str
    date: str | None = None
    place: Place = field(default_factory=Place)
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    killed: Count = field(default_factory=Count)  # low/best/high across claims
    injured: Count = field(default_factory=Count)
    claims: list[Claim] = field(default_factory=list)
    n_sources: int = 0  # independent sources (wire copies count once)
    contradictions: list[str] = field(default_factory=list)
    credibility: float | None = None

    _nested: ClassVar[dict[str, type]] = {
        "place": Place,
        "killed": Count,
        "injured": Count,
        "claims": Claim,
    }


@dataclass
class Reason(Record):
    """One readable reason behind a verdict, with its weight in the score."""

    feature: str
    text: str
    weight: float = 0.0


@dataclass
class Verdict(Record):
    """A credibility judgement on a claim or an article."""

    subject: str  # claim key "event_id:article_id" or an article id
    subject_kind: str  # "claim" | "article"
    score: float  # P(credible) in [0, 1]
    label: int | None = None  # 1 credible, 0 fake
    reasons: list[Reason] = field(default_factory=list)
    reference_status: str | None = None  # supported | partly supported | contradicted | not covered
    reference_matches: list[str] = field(default_factory=list)

    _nested: ClassVar[dict[str, type]] = {"reasons": Reason}


ALL_RECORDS = (
    RelatedItem, RawInput, Article, Rejection, Span, Mention, Count, Place, Event,
    Claim, LedgerEvent, Reason, Verdict,
)

__all__ = [c.__name__ for c in ALL_RECORDS] + ["content_id", "Record"]
