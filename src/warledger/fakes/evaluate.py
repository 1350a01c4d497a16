"""`fakes.run()`: FA-KES articles → extraction → FA-KES view rows (JSONL), scored against gold.

Store-free on purpose: the evaluation reads the CSV, extracts every article in memory and
writes one JSON line per event (docs/fakes.md), so it can run on any copy of the data.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import InputError
from ..records import Article, Event, Rejection
from . import score as _score
from . import view


@dataclass
class Prediction:
    """One article, its extracted events (primary first) and their FA-KES rows."""

    article: Article
    events: list[Event]
    rows: list[dict[str, Any]]
    error: str | None = None  # extraction failed on this article (it yields no rows)


@dataclass
class FakesReport:
    """What `fakes run` did, and the scores when a gold file was given."""

    articles: int = 0
    events: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (unit id, error)
    out: str | None = None
    scores: dict[str, Any] | None = None
    label_scores: dict[str, Any] | None = None  # accuracy/F1 of `label` against the gold's labels

    def summary(self) -> str:
        s = (f"{self.articles} article(s), {self.events} event row(s)"
             + (f", {len(self.rejected)} rejected" if self.rejected else "")
             + (f", {len(self.failed)} failed extraction" if self.failed else "")
             + (f"; wrote {self.out}" if self.out else ""))
        if self.scores:
            s += "\n" + _score.format_table(self.scores)
        if self.label_scores:
            ls = self.label_scores
            s += (f"\nlabel (credible = positive) over {ls['n']} gold unit(s): accuracy "
                  f"{ls['accuracy']:.3f}, F1 {ls['f1']:.3f} (target accuracy 0.80)")
        return s


def read_articles(path: str | os.PathLike) -> Iterator[Article | Rejection]:  # noqa: D401
    """Articles from a FA-KES-format CSV through the ingest CSV reader (FA-KES preset)."""
    from ..ingest import Document, ReadOptions, read_document

    p = Path(path)
    if not p.is_file():  # checked now, not when the first article is pulled
        raise InputError(str(path), "no such file; give the FA-KES articles CSV "
                         "(columns unit_id,article_title,article_content,source)")
    doc = Document(name=str(p), opener=lambda: open(p, "rb"), size=p.stat().st_size, fs_path=str(p))
    return read_document(doc, ReadOptions(preset="fakes"), format="csv")


def predict(articles: Iterator[Article | Rejection], *,
            extract: Callable[[Article], list[Event]] | None = None) -> Iterator[Prediction | Rejection]:
    """Extract each article and map its events to FA-KES rows (rejections pass through)."""
    if extract is None:
        from ..extract import extract
    for art in articles:
        if isinstance(art, Rejection):
            yield art
            continue
        try:
            events = list(extract(art))
        except Exception as exc:  # one article's bug is reported, the evaluation goes on
            yield Prediction(art, [], [], error=f"{type(exc).__name__}: {exc}")
            continue
        rows = view.rows(art, events)
        primary = next((e for e in events if e.primary), events[0] if events else None)
        ordered = ([primary] + [e for e in events if e is not primary]) if primary else []
        yield Prediction(art, ordered, rows)


def run(articles_csv: str | os.PathLike, gold: str | os.PathLike | None = None,
        out: str | os.PathLike | None = None, *, echo: bool = False,
        extract: Callable[[Article], list[Event]] | None = None,
        train_gold: str | os.PathLike | None = None) -> FakesReport:
    """Run the pipeline on FA-KES-format articles, write the view rows, score against gold.

    ``gold`` may be a crowd CSV (dev_gold.csv layout) or an audited JSONL (dev_audited.jsonl
    layout); the kind is detected from the content. With ``train_gold`` (a CSV with a label
    column) every article is corroborated against all the others, the credibility model is
    fitted on those labels only (training rows predicted out-of-fold), and each row gains
    ``label`` and ``score``.
    """
    report = FakesReport(out=str(out) if out else None)
    preds: list[Prediction] = []
    for res in predict(read_articles(articles_csv), extract=extract):
        if isinstance(res, Rejection):
            report.rejected.append(res)
            continue
        report.articles += 1
        if res.error:
            report.failed.append((view.unit_id(res.article), res.error))
        preds.append(res)
        report.rows.extend(res.rows)
    report.events = len(report.rows)
    if train_gold:
        _add_verdicts(preds, report.rows, train_gold)
    if out:
        write_rows(report.rows, out)
    if gold:
        report.scores = _score.score(gold, report.rows, echo=echo)
        if train_gold:
            report.label_scores = label_scores(gold, report.rows)
    return report


def _add_verdicts(preds: list[Prediction], rows: list[dict[str, Any]],
                  train_gold: str | os.PathLike) -> None:
    """corroborate → verify over all the articles, then `label`/`score` on each row."""
    from ..corroborate import corroborate
    from ..verify import fakes_verdicts

    articles = [p.article for p in preds]
    events = [e for p in preds for e in p.events]
    ledger = corroborate(events, articles)
    verdicts = fakes_verdicts(articles, events, ledger, train_gold)
    for row in rows:
        label, score = verdicts.get(str(row.get("unit_id")), (None, None))
        row["label"], row["score"] = label, score


def label_scores(gold: str | os.PathLike, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Accuracy and F1 (credible = positive) of the rows' labels against a gold CSV's labels,
    one judgement per unit; None when the gold carries no labels (audited JSONL)."""
    from ..verify import read_gold_labels

    try:
        gold_labels = read_gold_labels(gold)
    except Exception:  # an audited JSONL has no label column
        return None
    pred = {}
    for r in rows:
        pred.setdefault(str(r.get("unit_id")), r.get("label"))
    pairs = [(g, pred.get(u)) for u, g in gold_labels.items()]
    pairs = [(g, p if p is not None else 0) for g, p in pairs]
    if not pairs:
        return None
    tp = sum(1 for g, p in pairs if g == 1 and p == 1)
    fp = sum(1 for g, p in pairs if g == 0 and p == 1)
    fn = sum(1 for g, p in pairs if g == 1 and p == 0)
    acc = sum(1 for g, p in pairs if g == p) / len(pairs)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {"n": len(pairs), "accuracy": acc, "f1": f1}


def write_rows(rows: list[dict[str, Any]], out: str | os.PathLike) -> None:
    """One JSON object per line, keys in the contract's order; '-' writes to stdout."""
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if str(out) == "-":
        import sys

        sys.stdout.write(text)
        return
    Path(out).write_text(text, encoding="utf-8")
