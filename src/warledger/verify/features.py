"""Interpretable credibility features for a claim (one article's account of a ledger event):
corroboration and agreement of figures by outlet camp, attribution, specificity, hedging,
loaded framing and reference-ledger support — each with a readable sentence."""
from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Sequence

from ..records import Article, Claim, Count, Event, LedgerEvent
from .reference import CONTRADICTED, NOT_COVERED, PARTLY, SUPPORTED, ReferenceMatch

__all__ = [
    "FEATURES", "FeatureRow", "claim_features", "article_features", "outlet_camps", "camp_of",
    "attribution", "framing_terms", "describe",
]

# The model's inputs, in a fixed order. Each is 0 when the thing is absent, so a
# coefficient × value is that feature's push on the score (reasons are built from it).
FEATURES = [
    "single_source",        # no other independent outlet reports the event
    "n_other_sources",      # log1p(other independent outlets)
    "same_camp_agree",      # log1p(outlets of the same camp whose figures agree)
    "other_camp_agree",     # log1p(outlets of other camps whose figures agree)
    "figures_disagree",     # log1p(other outlets whose figures disagree)
    "attr_monitor",         # figures credited to a named monitor (SOHR, VDC ...)
    "attr_official",        # to officials / state media / an army
    "attr_activists",       # to "activists", local or opposition sources
    "attr_none",            # to nobody
    "hedging",              # log1p("reportedly", "allegedly", "could not be verified" ...)
    "no_figure",            # no killed figure, or only "several", "heavy losses"
    "killed_log",           # log1p(killed best)
    "round_figure",         # a figure ending in 0 above 10 ("100", "250"), typical of estimates
    "place_specific",       # the place is a village/town, not just a province
    "date_explicit",        # the text dates the event (not just the dateline)
    "loaded_pro_government",  # log1p(pro-government framing terms: "terrorists", "Takfiri")
    "loaded_opposition",      # log1p(opposition framing terms: "regime", "martyrs")
    "camp_pro_government",  # the outlet's camp (independent outlets are the baseline)
    "camp_opposition",
    "camp_unknown",
    "ref_supported",        # reference ledger (not covered is the baseline)
    "ref_partly",
    "ref_contradicted",
]


@dataclass
class FeatureRow:
    """One subject's feature values plus what the reasons need to be readable."""

    subject: str
    values: dict[str, float]
    facts: dict[str, Any] = field(default_factory=dict)  # outlet names, terms, monitor names ...
    reference: ReferenceMatch | None = None

    def vector(self, names: Sequence[str] = FEATURES) -> list[float]:
        return [float(self.values.get(n, 0.0)) for n in names]


# --------------------------------------------------------------------------- data files

def _data(name: str) -> str:
    return (resources.files(__package__) / "data" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=4)
def outlet_camps(path: str | None = None) -> dict[str, dict[str, str]]:
    """outlet (and each alias) → row of data/outlets.csv (or a user's table at `path`)."""
    text = Path(path).read_text(encoding="utf-8") if path else _data("outlets.csv")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    out: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        name = (row.get("outlet") or "").strip().lower()
        if not name:
            continue
        out[name] = row
        for alias in (row.get("aliases") or "").split("|"):
            if alias.strip():
                out.setdefault(alias.strip().lower(), row)
    return out


def camp_of(source: str | None, table: dict[str, dict[str, str]] | None = None) -> str:
    """'sana' → 'pro-government'; unknown outlets → 'unknown'."""
    if not source:
        return "unknown"
    table = table if table is not None else outlet_camps()
    row = table.get(source.strip().lower())
    return (row.get("camp") or "unknown").strip() if row else "unknown"


@lru_cache(maxsize=1)
def _attribution_lexicon() -> dict[str, list[re.Pattern]]:
    data = json.loads(_data("attribution.json"))
    out = {}
    for kind, phrases in data.items():
        if kind.startswith("_"):
            continue
        # acronyms match case-sensitively ("UN", "SANA"), words case-insensitively
        out[kind] = [re.compile(r"(?<![\w-])" + re.escape(p) + r"(?![\w-])",
                                0 if p.isupper() else re.IGNORECASE) for p in phrases]
    return out


def attribution(text: str) -> dict[str, list[str]]:
    """Which monitors / officials / activists the text credits, and its hedging words."""
    found: dict[str, list[str]] = {}
    for kind, pats in _attribution_lexicon().items():
        hits = []
        for p in pats:
            for m in p.finditer(text):
                # a source is credited only next to a reporting verb: "the Syrian army has made
                # gains" (the seed) is no attribution, "a military source told SANA" is
                if kind == "hedge" or _ATTR_AFTER.match(text, m.end()) \
                        or _ATTR_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
                    hits.append(m.group(0))
                    break
        found[kind] = hits
    return found


_VERBS = r"(?:said|says|say|reported|reports|report|told|announced|confirmed|stated|added|quoted|"  \
         r"documented|counted|recorded|claimed|claims|put|estimated|cited|according)"
_ATTR_AFTER = re.compile(r"(?:['’]s?)?(?:\s+\w+){0,4}?[\s,]+" + _VERBS + r"\b", re.IGNORECASE)
_ATTR_BEFORE = re.compile(r"\b(?:according\s+to|said|told|cited|quoting|quoted|reported\s+by|"
                          r"by|citing|from)\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,3}$", re.IGNORECASE)


def _hedge_count(text: str) -> int:
    return sum(len(p.findall(text)) for p in _attribution_lexicon()["hedge"])


@lru_cache(maxsize=1)
def _fallback_framing() -> list[tuple[re.Pattern, str, str]]:
    data = json.loads(_data("loaded_terms.json"))
    return [(re.compile(r"(?<![\w-])" + re.escape(t) + r"(?![\w-])", re.IGNORECASE), t, camp)
            for camp, terms in data.items() if not camp.startswith("_") for t in terms]


def framing_terms(text: str) -> list[tuple[str, str]]:
    """(term as written, camp whose framing it carries) for each loaded term in the text.

    Uses the extraction stage's framing lexicon (warledger.extract.find_framing) when it is
    there, so the lexicon is kept in one place; data/loaded_terms.json otherwise."""
    find_framing = _extract_framing()
    if find_framing is not None:
        try:
            return [_framing_pair(x) for x in find_framing(text)]
        except Exception:  # an incompatible lexicon must not stop verification
            pass
    out = []
    for pat, _term, camp in _fallback_framing():
        out += [(m.group(0), camp) for m in pat.finditer(text)]
    return out


@lru_cache(maxsize=1)
def _extract_framing():
    try:
        from ..extract import find_framing  # type: ignore[attr-defined]
    except ImportError:
        try:
            from ..extract.actors import find_framing  # type: ignore[no-redef]
        except ImportError:
            return None
    return find_framing


def _framing_pair(x: Any) -> tuple[str, str]:
    """Accept a Mention (span.text, value['camp']), a dict or a (term, camp) tuple."""
    if isinstance(x, tuple):
        return str(x[0]), _norm_camp(str(x[1]))
    if isinstance(x, dict):
        return str(x.get("term") or x.get("text")), _norm_camp(str(x.get("camp") or x.get("side") or ""))
    term = getattr(getattr(x, "span", None), "text", None) or getattr(x, "term", "")
    value = getattr(x, "value", {}) or {}
    return str(term), _norm_camp(str(value.get("camp") or value.get("side") or getattr(x, "camp", "")))


def _norm_camp(c: str) -> str:
    c = c.lower()
    if "gov" in c or "regime" in c or "state" in c:
        return "pro-government"
    if "oppos" in c or "rebel" in c:
        return "opposition"
    return c or "unknown"


# --------------------------------------------------------------------------- features

def figures_agree(a: Count, b: Count) -> bool | None:
    """Do two killed figures agree? None when either has no figure.

    Tolls rise over a day ("at least 12" in the morning, "16" by night), so within 25%, or
    overlapping low-high ranges, counts as agreement."""
    if a.best is None or b.best is None:
        return None
    alo, ahi = a.low if a.low is not None else a.best, a.high if a.high is not None else a.best
    blo, bhi = b.low if b.low is not None else b.best, b.high if b.high is not None else b.best
    if alo <= bhi and blo <= ahi:
        return True
    return abs(a.best - b.best) <= max(2, 0.25 * max(a.best, b.best))


def claim_features(claim: Claim, ledger_event: LedgerEvent | None, article: Article | None,
                   event: Event | None = None, *, reference: ReferenceMatch | None = None,
                   camps: dict[str, dict[str, str]] | None = None) -> FeatureRow:
    """Features of one claim inside its ledger event; `article` gives the text features."""
    camps = camps if camps is not None else outlet_camps()
    source = claim.source or (article.source if article else None)
    my_camp = camp_of(source, camps)
    v: dict[str, float] = {n: 0.0 for n in FEATURES}
    facts: dict[str, Any] = {"source": source, "camp": my_camp}

    # corroboration: other independent outlets (wire copies and the same outlet count once)
    others: dict[str, Claim] = {}
    for c in (ledger_event.claims if ledger_event else []):
        if c.article_id == claim.article_id or c.duplicate_of == claim.article_id \
                or claim.duplicate_of == c.article_id:
            continue
        name = (c.source or c.article_id).lower()
        if source and name == source.lower():
            continue
        others.setdefault(name, c)
    agree_same, agree_other, disagree = [], [], []
    for name, c in others.items():
        ok = figures_agree(claim.killed, c.killed)
        if ok is True:
            (agree_same if camp_of(name, camps) == my_camp and my_camp != "unknown" else agree_other).append(name)
        elif ok is False:
            disagree.append(name)
    v["single_source"] = 1.0 if not others else 0.0
    v["n_other_sources"] = math.log1p(len(others))
    v["same_camp_agree"] = math.log1p(len(agree_same))
    v["other_camp_agree"] = math.log1p(len(agree_other))
    v["figures_disagree"] = math.log1p(len(disagree))
    facts.update(others=sorted(others), agree_same=agree_same, agree_other=agree_other, disagree=disagree)

    # the article's text: attribution, hedging, framing
    text = ""
    if article is not None:
        text = f"{article.title}\n{article.body}"
    att = attribution(text) if text else {"monitor": [], "official": [], "activists": []}
    claimed = " ; ".join(claim.claimed_by or (event.claimed_by if event else []))
    if claimed:  # the extractor's attribution for this very figure comes first
        att_c = attribution(claimed)
        for k in ("monitor", "official", "activists"):
            if att_c.get(k):
                att[k] = att_c[k] + [x for x in att.get(k, []) if x not in att_c[k]]
    for k in ("monitor", "official", "activists"):
        v[f"attr_{k}"] = 1.0 if att.get(k) else 0.0
    v["attr_none"] = 1.0 if not any(att.get(k) for k in ("monitor", "official", "activists")) else 0.0
    facts["attribution"] = {k: _uniq(att.get(k, [])) for k in ("monitor", "official", "activists")}
    hedges = _hedge_count(text) if text else 0
    v["hedging"] = math.log1p(hedges)
    facts["hedges"] = _uniq(att.get("hedge", []))
    terms = framing_terms(text) if text else []
    by_camp: dict[str, list[str]] = {}
    for term, camp in terms:
        by_camp.setdefault(camp, []).append(term)
    v["loaded_pro_government"] = math.log1p(len(by_camp.get("pro-government", [])))
    v["loaded_opposition"] = math.log1p(len(by_camp.get("opposition", [])))
    facts["framing"] = {k: _uniq(x) for k, x in by_camp.items()}

    # specificity of the claim itself
    k = claim.killed
    v["no_figure"] = 1.0 if k.best is None else 0.0
    v["killed_log"] = math.log1p(k.best) if k.best else 0.0
    v["round_figure"] = 1.0 if k.best is not None and k.best > 10 and k.best % 10 == 0 else 0.0
    place = (event.place if event else None) or (ledger_event.place if ledger_event else None)
    v["place_specific"] = 1.0 if place is not None and place.precision in ("place", "district") else 0.0
    basis = event.date_basis if event else None
    v["date_explicit"] = 1.0 if basis in ("explicit", "weekday", "relative") else 0.0
    facts.update(killed=k.best, place=place.name if place else None, date_basis=basis)

    v[{"pro-government": "camp_pro_government", "opposition": "camp_opposition",
       "unknown": "camp_unknown"}.get(my_camp, "camp_unknown")] = 1.0 if my_camp != "independent" else 0.0
    if reference is not None:
        v["ref_supported"] = 1.0 if reference.status == SUPPORTED else 0.0
        v["ref_partly"] = 1.0 if reference.status == PARTLY else 0.0
        v["ref_contradicted"] = 1.0 if reference.status == CONTRADICTED else 0.0
    subject = f"{claim.event_id}:{claim.article_id}"
    return FeatureRow(subject, v, facts, reference)


def article_features(article: Article, claims: Sequence[tuple[Claim, LedgerEvent, Event | None]], *,
                     reference: dict[str, ReferenceMatch] | None = None,
                     camps: dict[str, dict[str, str]] | None = None) -> FeatureRow:
    """An article is judged by its headline claim (the primary event's, else its first fatal
    one, else its first); an article with no event gets the text features alone."""
    def rank(t: tuple[Claim, LedgerEvent, Event | None]) -> tuple:
        c, _le, e = t
        return (not (e is not None and e.primary), c.killed.best is None and not c.killed.unquantified)

    if claims:
        claim, le, ev = sorted(claims, key=rank)[0]
        ref = (reference or {}).get(f"{claim.event_id}:{claim.article_id}")
        row = claim_features(claim, le, article, ev, reference=ref, camps=camps)
        row.facts["claim"] = row.subject
    else:
        empty = Claim(event_id="", article_id=article.id, source=article.source)
        row = claim_features(empty, None, article, None, camps=camps)
        row.facts["claim"] = None
    row.subject = article.id
    return row


def _uniq(xs: list[str]) -> list[str]:
    seen, out = set(), []
    for x in xs:
        if x.lower() not in seen:
            seen.add(x.lower())
            out.append(x)
    return out


# --------------------------------------------------------------------------- reasons

def describe(name: str, row: FeatureRow) -> str | None:
    """A readable sentence for a feature that is present in `row` (None when it is not)."""
    v, f = row.values.get(name, 0.0), row.facts
    if not v and not name.startswith("ref_"):
        return None
    q = lambda xs: ", ".join(f"'{x}'" for x in xs[:4])  # noqa: E731
    n = lambda x: f"{len(x)} {'outlet' if len(x) == 1 else 'outlets'} ({', '.join(x[:5])})"  # noqa: E731
    if name == "single_source":
        return "single source: no other outlet reports this event"
    if name == "n_other_sources":
        return f"reported by {n(f.get('others', []))} besides this one"
    if name == "same_camp_agree":
        return f"figures agree with {n(f['agree_same'])} of the same camp ({f['camp']})"
    if name == "other_camp_agree":
        return f"figures agree with {n(f['agree_other'])} of other camps"
    if name == "figures_disagree":
        return f"figures disagree with {n(f['disagree'])}"
    if name.startswith("attr_"):
        kind = name[5:]
        if kind == "none":
            return "unattributed: the figures are credited to no monitor, official or witness"
        label = {"monitor": "monitor", "official": "officials", "activists": "activists"}[kind]
        return f"attributed to {', '.join(f['attribution'][kind][:3])} ({label})"
    if name == "hedging":
        return "hedged: " + (q(f.get("hedges", [])) or "unconfirmed figures")
    if name == "no_figure":
        return "no casualty figure given"
    if name == "killed_log":
        return f"reports {f.get('killed')} killed"
    if name == "round_figure":
        return f"round figure ({f.get('killed')}), typical of an estimate"
    if name == "place_specific":
        return f"names a specific place ({f.get('place')})"
    if name == "date_explicit":
        return f"dates the event in the text ({f.get('date_basis')})"
    if name.startswith("loaded_"):
        camp = name[len("loaded_"):].replace("_", "-")
        return f"loaded framing: {q(f.get('framing', {}).get(camp, []))} ({camp})"
    if name.startswith("camp_"):
        return f"outlet {f.get('source')} is {f.get('camp')}"
    if name.startswith("ref_"):
        ref = row.reference
        if ref is None:
            return None
        if ref.status == NOT_COVERED:
            return "not covered by the reference ledger" if name == "ref_supported" else None
        if not v:
            return None
        return (f"reference ledger: {ref.status} by {len(ref.records)} record(s) "
                f"({', '.join(ref.ids[:3])}; {ref.reference_best} killed)")
    return name
