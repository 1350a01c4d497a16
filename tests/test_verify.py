"""verify: features (the seed), the JSON model round trip, verdicts in the store, FA-KES
out-of-fold verdicts and the CLI."""
from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from typer.testing import CliRunner

from warledger.cli import app
from warledger.errors import ModelError
from warledger.records import Article, Claim, Count, Event, LedgerEvent, Place
from warledger.store import Store
from warledger.verify import (
    FEATURES, fakes_verdicts, feature_rows, load_model, save_model, verify, verify_store,
)
from warledger.verify.features import camp_of, claim_features, outlet_camps
from warledger.verify.model import CredibilityModel, fit_model


def seed_article(shared) -> Article:
    text = (shared / "seed" / "alalam-2013-06-12-aleppo.txt").read_text(encoding="utf-8")
    title, _, body = text.strip().partition("\n")
    return Article(id=Article.make_id(title, body, "alalam"), title=title.strip(), body=body.strip(),
                   source="alalam", published="2013-06-12")


def seed_event(art: Article) -> Event:
    return Event(id="e_seed", article_id=art.id, primary=True, date="2013-06-12", date_basis="weekday",
                 place=Place(name="Aleppo", admin1="Aleppo", country="SY", precision="place"),
                 killed=Count(low=120, best=120, qualifier="at least"))


def claim_of(ev: Event, source: str) -> Claim:
    return Claim(event_id=ev.id, article_id=ev.article_id, source=source, date=ev.date,
                 killed=ev.killed, claimed_by=ev.claimed_by)


def test_seed_features(shared):
    art = seed_article(shared)
    ev = seed_event(art)
    le = LedgerEvent(id="L", date=ev.date, place=ev.place, killed=ev.killed, claims=[claim_of(ev, "alalam")],
                     n_sources=1)
    row = claim_features(le.claims[0], le, art, ev)
    v = row.values
    assert v["single_source"] == 1 and v["n_other_sources"] == 0
    assert v["attr_none"] == 1 and v["attr_monitor"] == v["attr_official"] == v["attr_activists"] == 0
    assert v["loaded_pro_government"] > np.log1p(3) and v["loaded_opposition"] == 0
    assert v["camp_pro_government"] == 1 and v["round_figure"] == 1
    terms = [t.lower() for t in row.facts["framing"]["pro-government"]]
    assert "takfiri" in terms and "terrorists" in terms and "foreign-backed" in terms


def test_seed_verdict_reasons(shared):
    art = seed_article(shared)
    ev = seed_event(art)
    le = LedgerEvent(id="L", date=ev.date, place=ev.place, claims=[claim_of(ev, "alalam")], n_sources=1)
    vs = {v.subject: v for v in verify([art], [ev], [le])}  # the shipped default model
    art_v, claim_v = vs[art.id], vs[f"e_seed:{art.id}"]
    assert art_v.subject_kind == "article" and claim_v.subject_kind == "claim"
    assert 0 <= claim_v.score <= 1 and claim_v.label == int(claim_v.score >= 0.5)
    texts = [r.text for r in claim_v.reasons]
    assert "single source: no other outlet reports this event" in texts
    assert any(t.startswith("unattributed") for t in texts)
    assert any(t.startswith("loaded framing:") and "Takfiri" in t and "(pro-government)" in t for t in texts)
    assert art_v.score == claim_v.score  # the article is judged by its headline claim


def test_seed_with_extractor(shared):
    extract = pytest.importorskip("warledger.extract").__dict__.get("extract")
    if extract is None:
        pytest.skip("warledger.extract.extract is not available yet")
    art = seed_article(shared)
    events = extract(art)
    assert events, "the seed reports 120 killed"
    le = LedgerEvent(id="L", claims=[claim_of(e, "alalam") for e in events[:1]], n_sources=1)
    row = claim_features(le.claims[0], le, art, events[0])
    assert row.values["single_source"] == 1 and row.values["loaded_pro_government"] > 0


def test_corroboration_by_camp():
    def c(i, src, best, dup=None):
        return Claim(event_id=f"e{i}", article_id=f"a{i}", source=src, killed=Count(best=best), duplicate_of=dup)
    le = LedgerEvent(id="L", claims=[c(1, "sana", 14), c(2, "manar", 15), c(3, "reuters", 13),
                                     c(4, "etilaf", 40), c(5, "alalam", 14, dup="a1"), c(6, "sana", 14)])
    row = claim_features(le.claims[0], le, None)
    f = row.facts
    # a1 itself, its wire copy a5 and the same outlet (sana again) do not corroborate it
    assert sorted(f["others"]) == ["etilaf", "manar", "reuters"]
    assert f["agree_same"] == ["manar"] and f["agree_other"] == ["reuters"] and f["disagree"] == ["etilaf"]
    assert row.values["single_source"] == 0 and row.values["n_other_sources"] == pytest.approx(np.log1p(3))
    assert camp_of("SANA") == "pro-government" and camp_of("Al Arabiya") == "opposition"
    assert camp_of("nobody") == "unknown"


def test_outlet_table_is_editable(tmp_path):
    p = tmp_path / "camps.csv"
    p.write_text("# my table\noutlet,camp,kind,country,aliases\nsana,independent,state,SY,\n")
    assert camp_of("sana", outlet_camps(str(p))) == "independent"


# ------------------------------------------------------------------ model

def fakes_rows(shared, n=120):
    """Real features: the first n FA-KES development articles, text features (no events)."""
    csv.field_size_limit(10**8)
    gold = {}
    with open(shared / "data/fakes/dev_gold.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            gold.setdefault(r["unit_id"], int(r["label"]))
    arts = []
    with open(shared / "data/fakes/articles.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["unit_id"] in gold and len(arts) < n:
                arts.append(Article(id=Article.make_id(r["article_title"], r["article_content"], r["source"]),
                                    title=r["article_title"], body=r["article_content"], source=r["source"],
                                    extra={"unit_id": r["unit_id"]}))
    _, rows = feature_rows(arts, [], [])
    X = np.array([rows[a.id].vector() for a in arts])
    y = np.array([gold[a.extra["unit_id"]] for a in arts])
    return arts, X, y


def test_model_json_round_trip(shared, tmp_path):
    _, X, y = fakes_rows(shared)
    m = fit_model(X, y)
    cols = [FEATURES.index(f) for f in m.meta["fitted_features"]]  # sign-checked survivors
    assert cols, "every feature was dropped"
    sk = m.sklearn_estimator.predict_proba(X[:, cols])[:, 1]
    assert np.allclose(m.predict_proba(X), sk, atol=1e-9)  # our numpy predictor == scikit-learn
    p = save_model(m, tmp_path / "m.json")
    data = json.loads(p.read_text())
    assert data["format"] == "warledger-credibility" and data["features"] == FEATURES
    m2 = load_model(p)
    # every weight pushes the way its reason reads
    from warledger.verify.model import EXPECTED_SIGN
    for name, c in zip(m.features, m.contributions(X.max(axis=0))):
        if name not in m.meta["prior_coef"]:
            assert EXPECTED_SIGN.get(name, 0) * c >= 0 or X[:, FEATURES.index(name)].max() == 0, name
    assert np.allclose(m2.predict_proba(X), sk, atol=1e-9)
    assert m2.to_dict() == m.to_dict()
    assert m2.contributions(X[0]) == pytest.approx(m.contributions(X[0]))


def test_model_file_errors(tmp_path):
    with pytest.raises(ModelError, match="no such model"):
        load_model(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(ModelError, match="not JSON"):
        load_model(tmp_path / "bad.json")
    d = load_model().to_dict()
    for mutate, msg in [(lambda d: d.update(version=99), "version"),
                        (lambda d: d.update(format="x"), "not a warledger"),
                        (lambda d: d.update(coef=d["coef"][:-1]), "coefficients"),
                        (lambda d: d.update(features=d["features"][:-1] + ["bogus"]), "unknown feature")]:
        dd = json.loads(json.dumps(d))
        mutate(dd)
        (tmp_path / "m.json").write_text(json.dumps(dd))
        with pytest.raises(ModelError, match=msg):
            load_model(tmp_path / "m.json")


def test_default_model_ships():
    m = load_model()
    assert m.features == FEATURES and m.meta.get("n_train", 0) >= 300
    assert "FA-KES" in m.meta.get("trained_on", "")


# ------------------------------------------------------------------ store and FA-KES

def test_verify_store_writes_verdicts_and_credibility(shared):
    s = Store(":memory:")
    art = seed_article(shared)
    other = Article(id="a_other", title="Clashes in Aleppo", body="At least 118 fighters were killed near "
                    "Aleppo on Wednesday, the Syrian Observatory for Human Rights said.", source="reuters")
    s.add_articles([(art, "seed"), (other, "test")])
    e1, e2 = seed_event(art), Event(id="e2", article_id="a_other", primary=True, date="2013-06-12",
                                    killed=Count(best=118), place=Place(admin1="Aleppo"))
    s.replace_events({art.id: [e1], "a_other": [e2]})
    s.replace_ledger([LedgerEvent(id="L1", date="2013-06-12", place=Place(admin1="Aleppo"), n_sources=2,
                                  claims=[claim_of(e1, "alalam"), claim_of(e2, "reuters")])])
    n = verify_store(s)
    assert n == 4  # 2 claims + 2 articles
    vs = {v.subject: v for v in s.verdicts()}
    assert set(vs) == {art.id, "a_other", f"e_seed:{art.id}", "e2:a_other"}
    rv = vs["e2:a_other"]
    assert any("attributed to Syrian Observatory" in r.text and "(monitor)" in r.text for r in rv.reasons)
    assert any("figures agree with 1 outlet (alalam) of other camps" == r.text for r in rv.reasons)
    le = s.ledger()[0]
    assert le.credibility == pytest.approx(np.mean([vs["e2:a_other"].score, vs[f"e_seed:{art.id}"].score]), abs=1e-3)


def test_fakes_verdicts_out_of_fold(shared, tmp_path):
    arts, X, y = fakes_rows(shared, n=60)
    extra = Article(id="a_new", title="t", body="Activists said 5 people were killed.", source="sana",
                    extra={"unit_id": "999"})
    gold = tmp_path / "gold.csv"
    gold.write_text("unit_id,label\n" + "".join(f"{a.extra['unit_id']},{lab}\n" for a, lab in zip(arts, y)))
    out = fakes_verdicts(arts + [extra], [], [], gold, folds=5, seed=0)
    assert set(out) == {a.extra["unit_id"] for a in arts} | {"999"}
    # training rows: predicted by a model that never saw them (same folds, refit here)
    from sklearn.model_selection import StratifiedKFold
    order = sorted(range(len(arts)), key=lambda i: arts[i].id)
    Xs, ys = X[order], y[order]
    tr, te = next(StratifiedKFold(5, shuffle=True, random_state=0).split(Xs, ys))
    m = fit_model(Xs[tr], ys[tr], seed=0)
    for i, s in zip(te, m.predict_proba(Xs[te])):
        assert out[arts[order[i]].extra["unit_id"]][1] == pytest.approx(round(float(s), 4))
    full = fit_model(Xs, ys, seed=0)  # the same row order as the library
    _, rows = feature_rows([extra], [], [])
    assert out["999"][1] == pytest.approx(round(float(full.predict_proba([rows["a_new"].vector()])[0]), 4))
    assert all(lab == int(s >= 0.5) for lab, s in out.values())


def test_cli_verify_train_and_explain(shared, tmp_path):
    db = str(tmp_path / "w.sqlite")
    arts, _, y = fakes_rows(shared, n=40)
    s = Store(db)
    s.add_articles([(a, "fakes") for a in arts])
    gold = tmp_path / "gold.csv"
    gold.write_text("unit_id,label\n" + "".join(f"{a.extra['unit_id']},{lab}\n" for a, lab in zip(arts, y)))
    r = CliRunner()
    res = r.invoke(app, ["verify", "train", str(gold), "--out", str(tmp_path / "m.json"), "--db", db])
    assert res.exit_code == 0, res.output
    assert load_model(tmp_path / "m.json").meta["n_train"] == 40
    res = r.invoke(app, ["verify", "--model", str(tmp_path / "m.json"), "--db", db])
    assert res.exit_code == 0, res.output
    assert "wrote 40 credibility verdict(s)" in res.output
    assert len(Store(db).verdicts(kind="article")) == 40
    res = r.invoke(app, ["verify", "explain", arts[0].id[:12], "--db", db])
    assert res.exit_code == 0, res.output
    assert arts[0].id in res.output and "score" in res.output and "single source" in res.output


def test_model_object_is_plain():
    m = load_model()
    assert isinstance(m, CredibilityModel) and m.sklearn_estimator is None
