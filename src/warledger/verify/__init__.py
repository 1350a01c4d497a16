"""verify stage: a credibility score in [0, 1] with readable reasons for every claim and
article, from corroboration, attribution, framing and reference-ledger support."""
from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from ..errors import InputError, ModelError, NotFoundError
from ..records import Article, Claim, Event, LedgerEvent, Reason, Verdict
from .features import FEATURES, FeatureRow, article_features, claim_features, describe, outlet_camps
from .model import CredibilityModel, default_model_path, fit_model, load_model, save_model
from .reference import NOT_COVERED, ImportReport, ReferenceMatch, match_reference, parse_map, read_reference

__all__ = [
    "verify", "verify_store", "train", "train_store", "import_reference", "explain",
    "fakes_verdicts", "feature_rows", "read_gold_labels", "load_model", "save_model",
    "CredibilityModel", "FEATURES",
]


# --------------------------------------------------------------------------- reference

def import_reference(store, path: str | Path, *, format: str = "ged", mapping: str | dict | None = None,
                     dataset: str | None = None) -> ImportReport:
    """Load a reference casualty ledger (UCDP GED or a mapped CSV) into the store.

    Good rows are stored, bad rows are reported with their line numbers in the result."""
    if isinstance(mapping, str) or (mapping is not None and not isinstance(mapping, dict)):
        mapping = parse_map(mapping)
    records, report = read_reference(path, format=format, mapping=mapping or None, dataset=dataset)
    if records:
        store.add_reference_records(report.dataset, records)
    report.imported = len(records)
    return report


def _reference_for(claim: Claim, le: LedgerEvent | None, event: Event | None,
                   records: Sequence[dict[str, Any]]) -> ReferenceMatch:
    place = (event.place if event is not None else None) or (le.place if le is not None else None)
    date_ = claim.date or (event.date if event is not None else None) or (le.date if le else None)
    return match_reference(date_=date_, admin1=place.admin1 if place else None,
                           country=place.country if place else None,
                           lat=place.lat if place else None, lon=place.lon if place else None,
                           killed=claim.killed, records=records)


# --------------------------------------------------------------------------- features

def feature_rows(articles: Iterable[Article], events: Iterable[Event], ledger: Sequence[LedgerEvent], *,
                 reference: Sequence[dict[str, Any]] | None = None,
                 camps: dict[str, dict[str, str]] | None = None
                 ) -> tuple[list[FeatureRow], dict[str, FeatureRow]]:
    """Feature rows for every claim in the ledger and for every article."""
    camps = camps if camps is not None else outlet_camps()
    arts = {a.id: a for a in articles}
    evs = {e.id: e for e in events}
    claim_rows: list[FeatureRow] = []
    by_article: dict[str, list[tuple[Claim, LedgerEvent, Event | None]]] = defaultdict(list)
    refs: dict[str, ReferenceMatch] = {}
    for le in ledger:
        for c in le.claims:
            ev = evs.get(c.event_id)
            ref = _reference_for(c, le, ev, reference) if reference else None
            row = claim_features(c, le, arts.get(c.article_id), ev, reference=ref, camps=camps)
            claim_rows.append(row)
            if ref is not None:
                refs[row.subject] = ref
            by_article[c.article_id].append((c, le, ev))
    article_rows = {aid: article_features(a, by_article.get(aid, []), reference=refs, camps=camps)
                    for aid, a in arts.items()}
    return claim_rows, article_rows


def _verdict(row: FeatureRow, kind: str, model: CredibilityModel, score: float | None = None) -> Verdict:
    x = row.vector(model.features)
    if score is None:
        score = float(model.predict_proba([x])[0])
    contrib = model.contributions(x)
    reasons = []
    for name, w in zip(model.features, contrib):
        text = describe(name, row)
        if text is None:
            continue
        reasons.append(Reason(feature=name, text=text, weight=round(w, 4)))
    if row.reference is not None and row.reference.status == NOT_COVERED \
            and not any(r.text.startswith("not covered") for r in reasons):
        reasons.append(Reason("ref_not_covered", "not covered by the reference ledger", 0.0))
    reasons.sort(key=lambda r: -abs(r.weight))
    ref = row.reference
    return Verdict(subject=row.subject, subject_kind=kind, score=round(score, 4),
                   label=int(score >= model.threshold), reasons=reasons,
                   reference_status=ref.status if ref is not None else None,
                   reference_matches=ref.ids if ref is not None else [])


def _model(model: CredibilityModel | str | Path | None) -> CredibilityModel:
    return model if isinstance(model, CredibilityModel) else load_model(model)


def verify(articles: Iterable[Article], events: Iterable[Event], ledger: Sequence[LedgerEvent], *,
           model: CredibilityModel | str | Path | None = None,
           reference: Sequence[dict[str, Any]] | None = None) -> list[Verdict]:
    """Verdicts for every claim in the ledger and every article (pure: no store)."""
    m = _model(model)
    claim_rows, article_rows = feature_rows(articles, events, ledger, reference=reference)
    return ([_verdict(r, "claim", m) for r in claim_rows]
            + [_verdict(r, "article", m) for r in article_rows.values()])


def ledger_credibility(le: LedgerEvent, claim_scores: dict[str, float]) -> float | None:
    """An event's credibility: the mean of its claims' scores (each already weighs the
    corroboration by the others), None when it has no scored claim."""
    scores = [claim_scores[f"{c.event_id}:{c.article_id}"] for c in le.claims
              if f"{c.event_id}:{c.article_id}" in claim_scores]
    return round(float(np.mean(scores)), 4) if scores else None


def verify_store(store, model: CredibilityModel | str | Path | None = None) -> int:
    """Compute and write verdicts for every claim and article in the store and set each
    ledger event's credibility; returns the number of verdicts written."""
    m = _model(model)
    ledger = store.ledger()
    articles = store.articles()
    events = store.events()
    reference = store.reference_records()
    verdicts = verify(articles, events, ledger, model=m, reference=reference or None)
    scores = {v.subject: v.score for v in verdicts if v.subject_kind == "claim"}
    for le in ledger:
        le.credibility = ledger_credibility(le, scores)
    store.replace_verdicts(verdicts)
    store.replace_ledger(ledger)
    return len(verdicts)


def explain(store, subject: str) -> Verdict:
    """The stored verdict of a claim ("event_id:article_id"), an article, or a ledger event
    (its claims' verdicts are listed under the event's)."""
    found = store.verdicts(subjects=[subject])
    if found:
        return found[0]
    cands = [v for v in store.verdicts() if v.subject.startswith(subject)
             or v.subject.endswith(":" + subject)]
    if len(cands) == 1:
        return cands[0]
    if len(cands) > 1:
        kinds = [v for v in cands if v.subject_kind == "article"]
        if len(kinds) == 1:
            return kinds[0]
        raise NotFoundError(f"{subject!r} is ambiguous: {', '.join(v.subject for v in cands[:5])}")
    raise NotFoundError(f"no verdict for {subject!r}; run `warledger verify` first, and give an "
                        "article id or a claim key event_id:article_id")


# --------------------------------------------------------------------------- training

def read_gold_labels(path: str | Path) -> dict[str, int]:
    """unit_id → label (1 credible, 0 fake) from a FA-KES-style gold CSV (first row per unit)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(str(p), "no such gold file") from None
    rows = csv.DictReader(text.splitlines())
    missing = [c for c in ("unit_id", "label") if c not in (rows.fieldnames or [])]
    if missing:
        raise InputError(str(p), f"missing required column(s): {', '.join(missing)}")
    out: dict[str, int] = {}
    for row in rows:
        uid, lab = (row.get("unit_id") or "").strip(), (row.get("label") or "").strip()
        if not uid:
            continue
        if lab not in ("0", "1"):
            raise InputError(str(p), f"label {lab!r} is not 0 or 1", f"line {rows.line_num}")
        out.setdefault(uid, int(lab))
    return out


def unit_id(article: Article) -> str | None:
    uid = (article.extra or {}).get("unit_id")
    return str(uid) if uid is not None else None


def train(rows: Sequence[FeatureRow], labels: Sequence[int], **kw) -> CredibilityModel:
    """Fit the calibrated model on feature rows and their labels (1 credible, 0 fake)."""
    return fit_model([r.vector() for r in rows], labels, **kw)


def train_store(store, gold_path: str | Path, *, out: str | Path | None = None, **kw) -> CredibilityModel:
    """Train on the store's articles whose unit_id is in the gold file (extracted and
    corroborated first); save to `out` when given."""
    labels = read_gold_labels(gold_path)
    _, article_rows = feature_rows(store.articles(), store.events(), store.ledger(),
                                   reference=store.reference_records() or None)
    arts = {a.id: a for a in store.articles()}
    rows, y = [], []
    for aid, row in sorted(article_rows.items()):
        uid = unit_id(arts[aid])
        if uid in labels:
            rows.append(row)
            y.append(labels[uid])
    if not rows:
        raise ModelError(f"no article in the store has a unit_id from {gold_path}; ingest the FA-KES "
                         "articles (warledger ingest articles.csv) and run extract + corroborate first")
    model = train(rows, y, meta={"gold": Path(gold_path).name}, **kw)
    if out is not None:
        save_model(model, out)
    return model


def fakes_verdicts(articles: Sequence[Article], events: Sequence[Event], ledger: Sequence[LedgerEvent],
                   train_gold_path: str | Path, *, folds: int = 5, seed: int = 0,
                   reference: Sequence[dict[str, Any]] | None = None,
                   ) -> dict[str, tuple[int, float]]:
    """unit_id → (label, score) for every article: the model is fitted on the training
    gold's labels only; training rows are predicted out-of-fold, the rest by the full fit."""
    from sklearn.model_selection import StratifiedKFold

    labels = read_gold_labels(train_gold_path)
    _, article_rows = feature_rows(articles, events, ledger, reference=reference)
    uids = {a.id: unit_id(a) or a.id for a in articles}
    train_ids = [aid for aid in sorted(article_rows) if uids[aid] in labels]
    if not train_ids:
        raise ModelError(f"no article's unit_id is in {train_gold_path}")
    X = np.array([article_rows[a].vector() for a in train_ids])
    y = np.array([labels[uids[a]] for a in train_ids])
    full = fit_model(X, y, seed=seed)
    out: dict[str, tuple[int, float]] = {}
    for aid, row in article_rows.items():
        s = float(full.predict_proba([row.vector(full.features)])[0])
        out[uids[aid]] = (int(s >= full.threshold), round(s, 4))
    k = max(2, min(folds, int(np.bincount(y, minlength=2).min())))
    for tr, te in StratifiedKFold(k, shuffle=True, random_state=seed).split(X, y):
        m = fit_model(X[tr], y[tr], seed=seed)
        for i, s in zip(te, m.predict_proba(X[te])):
            out[uids[train_ids[i]]] = (int(s >= m.threshold), round(float(s), 4))
    return out


_ = (default_model_path,)
