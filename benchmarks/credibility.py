"""Credibility on FA-KES: 5-fold cross-validated accuracy and F1 on the development half for
warledger's model (automatically extracted, corroborated facts) next to the TF-IDF + logistic
regression text baseline, on the same folds; optionally refits and saves the default model.

    python benchmarks/credibility.py                       # print the table (JSON with --json)
    python benchmarks/credibility.py --save-default        # also rewrite verify/data/default_model.json
    python benchmarks/credibility.py --facts crowd         # the same model on the crowd's facts (dev only)

Data: ../shared/data/fakes (FA-KES, Abu Salem et al., ICWSM 2019, CC BY 4.0).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "fakes"


def crowd_events(articles, gold_csv):
    """Stand-in Events from the crowd's gold rows (development only: an upper-bound check)."""
    from warledger.records import Count, Event, Place

    by_uid = {str(a.extra.get("unit_id")): a for a in articles}
    out = []
    with open(gold_csv, encoding="utf-8") as fh:
        for i, g in enumerate(csv.DictReader(fh)):
            a = by_uid.get(g["unit_id"])
            if a is None:
                continue
            civ, non = int(g["nb_civilians"] or 0), int(g["nb_noncivilians"] or 0)
            out.append(Event(id=f"crowd{i}", article_id=a.id, primary=True, date=g["date"],
                             date_basis="explicit", place=Place(admin1=g["location"], country="SY",
                                                                precision="governorate"),
                             actor1=g["actor"], cause=g["cause_of_death"],
                             killed=Count(low=civ + non, best=civ + non, high=civ + non),
                             victims={"civilians": Count(best=civ)}))
    return out


def read_fakes(path):
    """FA-KES articles through the ingest reader; plain csv while that reader is unavailable."""
    from warledger.fakes import read_articles
    from warledger.records import Article

    arts = [a for a in read_articles(path) if isinstance(a, Article)]
    if arts:
        return arts
    csv.field_size_limit(10**8)
    with open(path, encoding="utf-8") as fh:
        return [Article(id=Article.make_id(r["article_title"], r["article_content"], r["source"]),
                        title=r["article_title"], body=r["article_content"], source=r["source"],
                        reader="fakes", extra={"unit_id": r["unit_id"]}) for r in csv.DictReader(fh)]


def auto_events(articles):
    from warledger.extract import extract

    events, failed = [], 0
    for a in articles:
        try:
            events += extract(a)
        except Exception:  # reported as a count: one article's bug must not stop the benchmark
            failed += 1
    return events, failed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", default=str(SHARED / "articles.csv"))
    ap.add_argument("--gold", default=str(SHARED / "dev_gold.csv"))
    ap.add_argument("--facts", choices=["auto", "crowd"], default="auto")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--save-default", action="store_true",
                    help="refit on the whole development half and write verify/data/default_model.json")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline

    from warledger.corroborate import corroborate
    from warledger.verify import feature_rows, read_gold_labels, save_model, unit_id
    from warledger.verify.model import default_model_path, fit_model

    t0 = time.time()
    articles = read_fakes(args.articles)
    labels = read_gold_labels(args.gold)
    failed = 0
    if args.facts == "crowd":
        events = crowd_events(articles, args.gold)
    else:
        events, failed = auto_events(articles)
    ledger = corroborate(events, articles)
    _, rows = feature_rows(articles, events, ledger)
    dev = [a for a in sorted(articles, key=lambda a: a.id) if unit_id(a) in labels]
    X = np.array([rows[a.id].vector() for a in dev])
    y = np.array([labels[unit_id(a)] for a in dev])
    texts = [f"{a.title}\n{a.body}" for a in dev]

    folds = StratifiedKFold(args.folds, shuffle=True, random_state=args.seed)
    pred_m, pred_t = np.zeros_like(y), np.zeros_like(y)
    for tr, te in folds.split(X, y):
        m = fit_model(X[tr], y[tr], seed=args.seed)
        pred_m[te] = m.predict(X[te])
        tfidf = make_pipeline(TfidfVectorizer(min_df=2, sublinear_tf=True), LogisticRegression(max_iter=2000))
        tfidf.fit([texts[i] for i in tr], y[tr])
        pred_t[te] = tfidf.predict([texts[i] for i in te])
    res = {
        "facts": args.facts, "dev_articles": int(len(y)), "credible_share": round(float(y.mean()), 3),
        "events": len(events), "ledger_events": len(ledger), "extract_failures": failed,
        "multi_source_ledger_events": sum(1 for le in ledger if le.n_sources > 1),
        "model": {"accuracy": round(accuracy_score(y, pred_m), 3), "f1": round(f1_score(y, pred_m), 3)},
        "tfidf_logreg": {"accuracy": round(accuracy_score(y, pred_t), 3), "f1": round(f1_score(y, pred_t), 3)},
        "majority": {"accuracy": round(max(y.mean(), 1 - y.mean()), 3),
                     "f1": round(f1_score(y, np.ones_like(y)), 3)},
        "seconds": round(time.time() - t0, 1),
    }
    if args.save_default:
        model = fit_model(X, y, seed=args.seed, meta={
            "trained_on": f"FA-KES development half (dev_gold.csv), {args.facts} facts",
            "facts": args.facts,
            "cv_accuracy": res["model"]["accuracy"], "cv_f1": res["model"]["f1"],
            "data": "FA-KES, Abu Salem et al. ICWSM 2019, CC BY 4.0"})
        save_model(model, default_model_path())
        res["saved"] = str(default_model_path())
        res["coefficients"] = {f: round(c, 3) for f, c in zip(model.features, model.coef)}
    if args.json:
        print(json.dumps(res, indent=1))
    else:
        print(f"FA-KES dev, {res['dev_articles']} articles, {args.folds}-fold CV ({args.facts} facts; "
              f"{res['ledger_events']} ledger events, {res['multi_source_ledger_events']} multi-source)")
        for k in ("model", "tfidf_logreg", "majority"):
            print(f"  {k:14s} accuracy {res[k]['accuracy']:.3f}  F1 {res[k]['f1']:.3f}")
        if "coefficients" in res:
            print("  saved", res["saved"])
            print("  coefficients:", json.dumps(res["coefficients"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
