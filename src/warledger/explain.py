"""Explain an article: its text with every extracted value marked, its events, their verdicts.

`explanation()` gathers the facts (used by the CLI and the web article page alike);
`render()` turns them into a terminal rendering with colours per kind of value.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .records import Article, Event, Mention, Verdict
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


def _framing(article: Article) -> list[Mention]:
    try:
        from .extract import find_framing
    except ImportError:
        return []
    return list(find_framing(article.body, article_id=article.id)) if _accepts_id(find_framing) \
        else list(find_framing(article.body))


def _accepts_id(fn) -> bool:
    import inspect

    try:
        return "article_id" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def highlights_for(article: Article, events: list[Event]) -> list[Highlight]:
    """Every evidence span that really points into the body, longest first on overlap."""
    cands: list[Highlight] = []
    mentions = [m for e in events for m in e.evidence] + _framing(article)
    for m in mentions:
        s = m.span
        if s.field != "body" or s.article_id not in (article.id, "") \
                or not (0 <= s.start < s.end <= len(article.body)):
            continue  # title spans or foreign spans are shown in the event list instead
        if s.text and article.body[s.start:s.end] != s.text:
            continue
        value = ", ".join(f"{k}={v}" for k, v in sorted(m.value.items()) if v not in (None, "", [], {}))
        cands.append(Highlight(s.start, s.end, m.kind, m.label or m.kind, value))
    cands.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Highlight] = []
    for h in cands:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
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
