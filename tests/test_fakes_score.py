"""The FA-KES scorers on tiny hand-made gold files whose scores were computed by hand."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from warledger.errors import InputError
from warledger.fakes import score as S


def test_csv_gold_scores_by_hand(fixtures):
    res = S.score(fixtures / "fakes/tiny_gold.csv", fixtures / "fakes/tiny_pred.jsonl")
    assert res["kind"] == "csv"
    assert res["rows"] == 5 and res["units"] == 4 and res["units_predicted"] == 3
    # u1 date wrong; u2 compared with its PRIMARY (first) row: actor and civilians wrong;
    # u3's two gold rows matched greedily (isis row -> 2nd prediction, 40 != 45);
    # u4 has no prediction: compared with an empty row (women and noncivilians 0 agree)
    assert res["matched"] == {
        "date": 3, "location": 4, "actor": 3, "cause_of_death": 4, "nb_civilians": 3,
        "nb_children": 4, "nb_women": 5, "nb_noncivilians": 4, S.ALL4: 2,
    }
    assert res["scores"]["location"] == pytest.approx(0.8)
    assert res["scores"][S.ALL4] == pytest.approx(0.4)


def test_audited_gold_scores_by_hand(fixtures):
    res = S.score(fixtures / "fakes/tiny_audited.jsonl", fixtures / "fakes/tiny_pred.jsonl")
    assert res["kind"] == "audited"
    assert res["matched"] == {
        "date": 2, "location": 2, "actor": 1, "cause_of_death": 2, "nb_civilians": 1,
        "nb_children": 1, "nb_women": 2, "nb_noncivilians": 2, "event_type": 1, S.ALL4: 1,
    }


def test_greedy_matching_pairs_rows_on_location_actor_cause():
    gold = {"u": [S._normalise({"location": "raqqa", "actor": "a", "cause_of_death": "x", "nb_noncivilians": 5}),
                  S._normalise({"location": "raqqa", "actor": "b", "cause_of_death": "x", "nb_noncivilians": 7})]}
    pred = {"u": [S._normalise({"location": "raqqa", "actor": "b", "cause_of_death": "x", "nb_noncivilians": 7}),
                  S._normalise({"location": "raqqa", "actor": "a", "cause_of_death": "x", "nb_noncivilians": 5})]}
    pairs = S.match(gold, pred)
    assert [p.pred["actor"] for p in pairs] == ["a", "b"]
    assert all(p.ok[S.ALL4] for p in pairs)
    # one prediction for two gold rows: the second gold row gets nothing
    pairs = S.match(gold, {"u": pred["u"][:1]})
    assert pairs[0].pred["actor"] == "b" and pairs[1].pred is None


def test_gold_kind_detected_from_content_not_extension(tmp_path, fixtures):
    weird = tmp_path / "gold.txt"
    weird.write_text((fixtures / "fakes/tiny_audited.jsonl").read_text())
    assert S.read_gold(weird)[0] == "audited"
    csvlike = tmp_path / "gold.jsonl"
    csvlike.write_text((fixtures / "fakes/tiny_gold.csv").read_text())
    kind, units = S.read_gold(csvlike)
    assert kind == "csv" and len(units["u3"]) == 2


def test_gold_csv_missing_columns_names_them(tmp_path):
    bad = tmp_path / "g.csv"
    bad.write_text("unit_id,date,location\n1,2017-01-01,aleppo\n")
    with pytest.raises(InputError, match="actor"):
        S.read_gold(bad)


def test_predictions_from_rows_and_file_agree(fixtures):
    path = fixtures / "fakes/tiny_pred.jsonl"
    rows = [json.loads(x) for x in path.read_text().splitlines()]
    assert S.read_predictions(rows) == S.read_predictions(path)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_read_gold_never_raises_unnamed_errors(tmp_path_factory, text):
    p = tmp_path_factory.mktemp("g") / "gold"
    p.write_text(text, encoding="utf-8")
    try:
        kind, units = S.read_gold(p)
    except InputError:
        return
    assert kind in ("csv", "audited")
    for rows in units.values():
        assert all(isinstance(r["nb_civilians"], int) for r in rows)


def test_majority_class_guess_reproduces_the_issue_figures(shared):
    # the issue: "Majority-class guessing gets 0.41, 0.43, 0.55, 0.26, 0.71, 0.00"
    from collections import Counter

    gold_path = shared / "data/fakes/dev_gold.csv"
    _, gold = S.read_gold(gold_path)
    rows = [r for rs in gold.values() for r in rs]
    majority = {k: Counter(r[k] for r in rows).most_common(1)[0][0] for k in S.CSV_FIELDS}
    res = S.score(gold_path, [dict(majority, unit_id=u) for u in gold])
    got = [round(res["scores"][f], 2) for f in
           ("location", "actor", "cause_of_death", "nb_civilians", "nb_noncivilians", S.ALL4)]
    assert got == [0.41, 0.43, 0.55, 0.26, 0.72, 0.0]
