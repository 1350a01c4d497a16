"""The FA-KES view: map an article's Events onto FA-KES gold rows (GUIDE.md "FA-KES view").

The product's Events stay as they are; this layer only renames governorates, folds actors and
causes into FA-KES categories and applies the view's own rules (headline event first, same-day
incidents summed into the headline row). The mapping tables live in data/view.json.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from ..records import Article, Count, Event

# The output contract of `warledger fakes run` (docs/fakes.md): exactly these keys, this order.
ROW_KEYS = (
    "unit_id", "date", "location", "actor", "cause_of_death",
    "nb_civilians", "nb_children", "nb_women", "nb_noncivilians",
    "place", "event_type", "sub_event_type", "injured",
)
COUNT_KEYS = ("nb_civilians", "nb_children", "nb_women", "nb_noncivilians")
UNKNOWN = "unknown"

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def key(name: str) -> str:
    """Spelling-insensitive key: 'Deir-ez-Zor' and 'Deir ez Zor' both give 'deirezzor'."""
    return _NON_ALNUM.sub("", name.lower())


def _words(name: str) -> str:
    return " " + " ".join(_NON_ALNUM.sub(" ", name.lower()).split()) + " "


@lru_cache(maxsize=1)
def tables() -> dict[str, Any]:
    """The mapping data, loaded once."""
    raw = json.loads(resources.files(__package__).joinpath("data/view.json").read_text("utf-8"))
    locations = {key(k): v for k, v in raw["locations"].items() if not k.startswith("_")}
    patterns = [(cat, [f" {p} " for p in phrases])
                for cat, phrases in raw["actor_patterns"].items() if not cat.startswith("_")]
    causes = {key(k): v for k, v in raw["causes"].items() if not k.startswith("_")}
    return {
        "locations": locations,
        "actor_categories": tuple(raw["actor_categories"]),
        "actor_patterns": patterns,
        "causes": causes,
        "sum_same_day": bool(raw.get("sum_same_day_incidents", True)),
    }


@lru_cache(maxsize=1)
def _lexicon_categories() -> dict[str, str]:
    """actor name/alias key -> FA-KES category, from the extraction lexicon when it carries one."""
    out: dict[str, str] = {}
    try:
        text = resources.files("warledger.extract").joinpath("data/actors.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return out
    data = json.loads(text)
    entries = data.get("actors", data) if isinstance(data, dict) else data
    if isinstance(entries, dict):  # {"Syrian army": {...}, ...}
        entries = [dict(v, name=k) if isinstance(v, dict) else {"name": k} for k, v in entries.items()]
    valid = set(tables()["actor_categories"])
    for e in entries if isinstance(entries, list) else []:
        if not isinstance(e, dict):
            continue
        cat = e.get("fakes") or e.get("fakes_category") or e.get("category")
        if cat == "other":  # an actor FA-KES has no value for (Israel, Turkey ...)
            cat = UNKNOWN
        if cat not in valid:
            continue
        for n in [e.get("name"), e.get("canonical"), e.get("id")] + list(e.get("aliases") or []):
            if isinstance(n, str) and n:
                out.setdefault(key(n), cat)
    return out


def _governorate(country: str | None, admin1: str | None) -> str | None:
    if not admin1 or (country and country.upper() != "SY"):
        return None
    return tables()["locations"].get(key(admin1))


def location(event: Event) -> str | None:
    """The FA-KES governorate of an event (None when no Syrian governorate is tied to it).

    FA-KES has a Syrian governorate in every row, so when the event's place is outside Syria
    or only "Syria" (a wire dateline such as "BEIRUT" or "Ankara" taken as the place), the
    first place in the event's own evidence that lies in a Syrian governorate stands in.
    """
    p = event.place
    gov = _governorate(p.country, p.admin1)
    if gov:
        return gov
    for m in event.evidence:
        if m.kind == "place" and isinstance(m.value, dict):
            gov = _governorate(m.value.get("country"), m.value.get("admin1"))
            if gov:
                return gov
    return None


def actor_category(actor: str | None) -> str:
    """FA-KES actor category of a canonical actor name; 'unknown' when nobody is named."""
    if not actor:
        return UNKNOWN
    t = tables()
    if actor.lower() in t["actor_categories"]:
        return actor.lower()
    lex = _lexicon_categories().get(key(actor))
    if lex:
        return lex
    words = _words(actor)
    for cat, phrases in t["actor_patterns"]:
        if any(p in words for p in phrases):
            return cat
    return UNKNOWN


def cause_category(cause: str | None) -> str:
    if not cause:
        return UNKNOWN
    return tables()["causes"].get(key(cause), UNKNOWN)


def _best(c: Count | None) -> int | None:
    if c is None:
        return None
    return c.best if c.best is not None else c.low


def counts(event: Event) -> dict[str, int]:
    """The four FA-KES counts of one event (0 where the text gives no number)."""
    v = event.victims or {}
    civ = _best(v.get("civilians"))
    children = _best(v.get("children")) or 0
    women = _best(v.get("women")) or 0
    # combatants may be one Count or one per side ("combatants:ISIS"): the view counts
    # "the combatants of every side killed in the headline event (24 ISIS + 3 SDF = 27)"
    comb = [_best(c) for k, c in v.items() if k.split(":")[0] in ("combatants", "combatant")]
    noncivilians = sum(x for x in comb if x)
    if civ is None and not any(x is not None for x in comb):
        # no victim breakdown at all: a bare "8 killed" names people, and people are
        # civilians unless the text says otherwise (GUIDE.md "Victims")
        civ = _best(event.killed) if not (children or women) else None
    civ = max(civ or 0, children + women)  # civilians include the children and women
    return {"nb_civilians": civ, "nb_children": children, "nb_women": women,
            "nb_noncivilians": noncivilians}


def to_row(event: Event, article: Article) -> dict[str, Any]:
    """One FA-KES output row for one event of one article (keys: ROW_KEYS)."""
    p = event.place
    row: dict[str, Any] = {
        "unit_id": unit_id(article),
        "date": (event.date or "")[:10] or None,
        "location": location(event),
        "actor": actor_category(event.actor1),
        "cause_of_death": cause_category(event.cause),
        **counts(event),
        "place": p.name or p.gazetteer_name,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "injured": _best(event.injured),
    }
    return {k: row[k] for k in ROW_KEYS}


def unit_id(article: Article) -> str:
    extra = article.extra or {}
    uid = extra.get("unit_id") or extra.get("id")
    return str(uid) if uid is not None else article.id


def _fatal(e: Event) -> bool:
    return bool(_best(e.killed)) or any(_best(c) for c in (e.victims or {}).values())


def rows(article: Article, events: Iterable[Event]) -> list[dict[str, Any]]:
    """The FA-KES rows of one article, the primary (headline) event first.

    GUIDE.md: "separate incidents of the same day in one report are summed" into the headline
    row. Only incidents with their own dated evidence count: an event dated by the publication
    fallback may belong to any day, so it is not summed.
    """
    evs = list(events)
    if not evs:
        return []
    primary = next((e for e in evs if e.primary), evs[0])
    ordered = [primary] + [e for e in evs if e is not primary]
    out = [to_row(e, article) for e in ordered]
    if tables()["sum_same_day"] and primary.date and primary.date_basis != "publication" \
            and primary.date_precision != "window" and _fatal(primary):  # a window's total holds its days
        head = out[0]
        extra = [r for e, r in zip(ordered[1:], out[1:])
                 if e.date == primary.date and e.date_basis != "publication" and _fatal(e)
                 and e.date_precision != "window" and not _lent_date(e)
                 and r["location"] == head["location"] and _distinct(e, primary)
                 and not _within_primary(article, e, primary)]
        # figures that add up to the headline's are its parts, not more deaths: "struck a
        # market a hospital and a village ... 18" then 2 + 6 + 10
        total = head["nb_civilians"] + head["nb_noncivilians"]
        if sum(r["nb_civilians"] + r["nb_noncivilians"] for r in extra) != total:
            for r in extra:
                for k in COUNT_KEYS:
                    head[k] += r[k]
    return out


def _distinct(a: Event, b: Event) -> bool:
    """Two events are separate incidents when their places differ (same place = likely one)."""
    ka, kb = a.place.gazetteer_id or a.place.name, b.place.gazetteer_id or b.place.name
    return bool(ka and kb and ka != kb)


def _lent_date(e: Event) -> bool:
    """The event's date came from a neighbouring sentence, not its own: too loose to sum on."""
    return any(m.kind == "date" and m.label == "event_date_nearby" for m in e.evidence)


# "On Tuesday regime shelling on the Mesraba area also in Eastern Ghouta killed three civilians
# including one child" after "eight people killed in Syrian regime shelling in Eastern Ghouta on
# Tuesday" (1924058067); "a toll of 31 killed" in Homs after "39 people killed in the double
# bombing at the Akrameh al-Makhzumi school in Homs today" (1924058165): figures inside a total
# already counted, not more deaths
_PART_WORDS = re.compile(r"\b(?:of\s+them|of\s+whom|including|among)\b", re.I)
_IN_PLACE = re.compile(r"\b(?:in|of)\s+(?:the\s+)?((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+){0,2})")


def _sentences(article: Article, e: Event) -> list[str]:
    """The sentences holding the event's casualty figures (its own words)."""
    out: list[str] = []
    for m in e.evidence:
        sp = m.span
        if m.kind != "casualty" or sp is None:
            continue
        text = article.title if sp.field == "title" else article.body
        if not text or sp.end > len(text):
            continue
        a = text.rfind(". ", 0, sp.start) + 1
        b = text.find(". ", sp.end)
        sent = text[a:len(text) if b < 0 else b + 1].strip()
        if sent not in out:
            out.append(sent)
    return out


def _names(sents: list[str], name: str | None) -> bool:
    return bool(name) and any(re.search(rf"\b{re.escape(name)}\b", s, re.I) for s in sents)


def _toll(e: Event) -> int:
    c = counts(e)
    return max(_best(e.killed) or 0, c["nb_civilians"] + c["nb_noncivilians"])


def _within_primary(article: Article, e: Event, primary: Event) -> bool:
    """The event's figure is part of the primary's total: its toll is not larger and its place
    is one the primary's sentence names, or its sentence marks a part ("of them", "including",
    "among") and places it inside an area the primary's sentence names ("also in Eastern Ghouta")."""
    if _toll(e) > _toll(primary):
        return False
    p_sents = _sentences(article, primary)
    if not p_sents:
        return False
    if _names(p_sents, e.place.name) or _names(p_sents, e.place.gazetteer_name):
        return True
    e_sents = _sentences(article, e)
    own = {key(n) for n in (e.place.name, e.place.gazetteer_name) if n}
    for sent in e_sents:
        if not _PART_WORDS.search(sent):
            continue
        for m in _IN_PLACE.finditer(sent):
            area = m.group(1)
            if key(area) not in own and _names(p_sents, area) and _is_place(area):
                return True
    return False


def _is_place(name: str) -> bool:
    """A gazetteer name ("Eastern Ghouta"), not a weekday or a group after "in"."""
    from ..extract.gazetteer import get_gazetteer
    return bool(get_gazetteer().lookup(name))
