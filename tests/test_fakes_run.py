"""`warledger fakes run`: CSV → (stub extractor) → view rows JSONL → scores, via the CLI."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import warledger.extract
from warledger import fakes
from warledger.cli import app
from warledger.records import Count, Event, Place

# what the stub extractor "finds" per unit (the real extractor is tested in test_extract_*)
STUB = {
    "u1": dict(date="2017-04-04", place=Place(name="Khan Sheikhoun", admin1="Idleb", country="SY"),
               actor1="Syrian air force", cause="chemical", killed=Count(best=70),
               victims={"civilians": Count(best=70)}, event_type="Explosions/Remote violence"),
    "u2": dict(date="2017-04-19", place=Place(name="Aleppo", admin1="Aleppo", country="SY"),
               cause="explosion", killed=Count(best=6), victims={"civilians": Count(best=6)},
               event_type="Explosions/Remote violence"),
}


def stub_extract(article):
    kw = STUB.get(article.extra.get("unit_id"))
    return [Event(id="e_" + article.id, article_id=article.id, primary=True, **kw)] if kw else []


@pytest.fixture
def stubbed(monkeypatch):
    monkeypatch.setattr(warledger.extract, "extract", stub_extract, raising=False)


def test_cli_writes_contract_rows_and_scores(stubbed, fixtures, tmp_path):
    out = tmp_path / "pred.jsonl"
    res = CliRunner().invoke(app, ["fakes", "run", str(fixtures / "fakes/tiny_articles.csv"),
                                   "--gold", str(fixtures / "fakes/tiny_audited.jsonl"),
                                   "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "event_type" in res.output and "2 article(s)" in res.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [tuple(r) for r in lines] == [fakes.ROW_KEYS] * 2
    by_unit = fakes.read_predictions(out)
    assert by_unit["u1"][0]["actor"] == "syrian government or russian troops"
    assert by_unit["u1"][0]["location"] == "idlib"
    # and the scores through the library agree with what the CLI computed
    lib = fakes.score.score(fixtures / "fakes/tiny_audited.jsonl", out)
    # u1: all right; u2: children 0 vs 2 and event type wrong
    assert lib["matched"]["nb_children"] == 1 and lib["matched"]["event_type"] == 1
    assert lib["matched"]["actor"] == 2 and lib["matched"]["date"] == 2


def test_cli_json_scores(stubbed, fixtures):
    res = CliRunner().invoke(app, ["fakes", "run", str(fixtures / "fakes/tiny_articles.csv"),
                                   "--gold", str(fixtures / "fakes/tiny_gold.csv"), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["articles"] == 2 and data["scores"]["kind"] == "csv"
    # gold u1 dated 2017-04-05 (the dateline) vs 2017-04-04; u3 and u4 have no articles
    assert data["scores"]["matched"]["date"] == 1


def test_run_reports_a_missing_csv(fixtures):
    from warledger.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        fakes.run(fixtures / "fakes/nope.csv")
