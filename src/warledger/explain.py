"""Explain an article: its text with every extracted value marked, its events, their verdicts.

`explanation()` gathers the facts (used by the CLI and the web article page alike);
`render()` turns them into a terminal rendering with colours per kind of value.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .records import Article, Event, Mention, Span, Verdict
from .store import Store

KIND_STYLES = {
    "place": "bold green",
    "date": "bold cyan",
    "casualty": "bold red",
    "number": "bold red",
    "actor": "bold magenta",
    "claimant": "bold blue",
    "trigger": "bold yellow",
    "weapon": "bold yellow",
    "framing": "reverse yellow",
}


@dataclass
class Highlight:
    start: int
    end: int
    kind: str
    label: str
    value: str


@dataclass
class Explanation:
    article: Article
    events: list[Event]
    highlights: list[Highlight] = field(default_factory=list)  # body spans, sorted, non-overlapping
    verdicts: list[Verdict] = field(default_factory=list)


def article_values(article: Article, events: list[Event]) -> list[dict]:
    """Every extracted value that points into the body: the events' evidence, every place
    named (also those no event used) and every loaded framing term, deduplicated, by position.

    The terminal `explain` and the web article page both show exactly this list.
    """
    from .extract import find_framing
    from .extract.places import find_places

    found: list[tuple[Mention, str | None]] = [(m, e.id) for e in events for m in e.evidence]
    found += [(m, None) for m in find_framing(article.body, article_id=article.id)]
    for p in find_places(article.body, title=article.title):
        found.append((Mention(kind="place", span=Span(article.id, p.start, p.end, p.text),
                              value={k: v for k, v in p.place.to_dict().items() if v is not None},
                              label="place"), None))
    seen, out = set(), []
    for m, event_id in found:
        s = m.span
        if s.field != "body" or s.article_id not in (article.id, "") \
                or not (0 <= s.start < s.end <= len(article.body)) \
                or (s.text and article.body[s.start:s.end] != s.text):
            continue  # title spans and foreign spans are listed with their event instead
        key = (s.start, s.end, m.kind)
        if key in seen:
            continue
        seen.add(key)
        out.append({"kind": m.kind, "start": s.start, "end": s.end, "text": article.body[s.start:s.end],
                    "value": m.value, "label": m.label, "event_id": event_id})
    out.sort(key=lambda d: (d["start"], -d["end"]))
    return out


def highlights_for(article: Article, events: list[Event]) -> list[Highlight]:
    """`article_values` without overlaps (a terminal can colour a character once)."""
    out: list[Highlight] = []
    for d in article_values(article, events):
        if out and d["start"] < out[-1].end:
            continue
        value = ", ".join(f"{k}={v}" for k, v in sorted(d["value"].items())
                          if v not in (None, "", [], {}) and k != "field")
        out.append(Highlight(d["start"], d["end"], d["kind"], d["label"] or d["kind"], value))
    return out


def explanation(article_id: str, store: Store | None = None, *, db: str | None = None) -> Explanation:
    """Everything warledger knows about one stored article."""
    from .store import EventFilter

    store = store if store is not None else Store(db)
    art = store.get_article(article_id)
    events = store.events(EventFilter(article_id=art.id))
    subjects = [art.id] + [f"{e.id}:{art.id}" for e in events]
    return Explanation(art, events, highlights_for(art, events), store.verdicts(subjects))


def explain(article_id: str, store: Store | None = None, *, db: str | None = None):
    """A rich renderable of `explanation()` for the terminal."""
    return render(explanation(article_id, store, db=db))


def render(ex: Explanation):
    from rich.console import Group
    from rich.text import Text

    a = ex.article
    head = Text(a.title, style="bold")
    head.append(f"\n{a.source or '?'} · {a.published or 'date unknown'} · {a.id}\n", style="dim")
    body = Text(a.body)
    for h in ex.highlights:
        body.stylize(KIND_STYLES.get(h.kind, "underline"), h.start, h.end)
    notes = Text()
    for i, h in enumerate(ex.highlights, 1):
        notes.append(f"[{i}] ", style="dim")
        notes.append(a.body[h.start:h.end], style=KIND_STYLES.get(h.kind, "underline"))
        notes.append(f"  {h.label}" + (f": {h.value}" if h.value else "") + "\n")
    evs = Text()
    for e in ex.events:
        evs.append(("★ " if e.primary else "• "), style="bold")
        evs.append(f"{e.date or '?'} ({e.date_basis or '-'}) · {e.place.name or '?'}"
                   f" [{e.place.admin1 or '?'}, {e.place.country or '?'}; {e.place.precision or '-'}]"
                   f" · {e.event_type or '?'} / {e.sub_event_type or '?'}"
                   f" · killed {_count(e.killed)} injured {_count(e.injured)}"
                   f" · by {e.actor1 or 'unknown'} vs {e.actor2 or '-'}"
                   + (f" · claimed by {', '.join(e.claimed_by)}" if e.claimed_by else "") + "\n")
    ver = Text()
    for v in ex.verdicts:
        ver.append(f"{v.subject_kind} {v.subject}: credibility {v.score:.2f}"
                   + (f" ({v.reference_status})" if v.reference_status else "") + "\n", style="bold")
        for r in v.reasons:
            ver.append(f"   {r.weight:+.2f}  {r.text}\n")
    return Group(head, body, Text("\nvalues", style="bold underline"), notes,
                 Text("events", style="bold underline"), evs,
                 *( [Text("verdicts", style="bold underline"), ver] if ex.verdicts else []))


def _count(c) -> str:
    if c.best is None:
        return "some (unquantified)" if c.unquantified else "-"
    if c.low is not None and c.high is not None and c.high != c.low:
        return f"{c.best} ({c.low}–{c.high})"
    return str(c.best) + (f" ({c.qualifier})" if c.qualifier else "")
