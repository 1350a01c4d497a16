"""`warledger corroborate` and `warledger ledger`: run the command, check through the library."""
from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from warledger.cli import app
from warledger.store import Store

from test_corroborate import _rows, all_groups

runner = CliRunner()


def _db(tmp_path, shared) -> str:
    db = str(tmp_path / "ledger.sqlite")
    arts, evs = all_groups(_rows(shared))
    store = Store(db)
    store.add_articles([(a, "test") for a in arts])
    by_article: dict[str, list] = {}
    for e in evs:
        by_article.setdefault(e.article_id, []).append(e)
    store.replace_events(by_article)
    store.close()
    return db


def test_corroborate_then_ledger_formats(tmp_path, shared):
    db = _db(tmp_path, shared)
    res = runner.invoke(app, ["corroborate", "--db", db])
    assert res.exit_code == 0, res.output
    assert "6 ledger event(s)" in res.output
    ledger = Store(db).ledger()
    assert len(ledger) == 6 and sum(len(le.claims) for le in ledger) == 11

    res = runner.invoke(app, ["ledger", "--db", db, "--format", "jsonl", "--min-killed", "100"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines() if line.strip()]
    assert len(rows) == 1 and rows[0]["killed"]["high"] == 126 and rows[0]["n_sources"] == 2

    res = runner.invoke(app, ["ledger", "--db", db, "--format", "csv", "--source", "manar"])
    assert res.exit_code == 0, res.output
    claims = list(csv.DictReader(io.StringIO(res.output)))
    assert {c["claim_source"] for c in claims} == {"nna", "manar"}  # the whole ledger event

    res = runner.invoke(app, ["ledger", "--db", db, "--from", "2017-04-19", "--to", "2017-04-19"])
    assert res.exit_code == 0, res.output
    assert "[single-source]" in res.output and "(copy of a_" in res.output
    assert "Salah al-Din" in res.output

    res = runner.invoke(app, ["ledger", "--db", db, "--format", "json", "--order", "-killed",
                              "--limit", "2"])
    got = json.loads(res.output)
    assert [le["killed"]["best"] for le in got] == [100, 29]


def test_ledger_rejects_unknown_format_and_order(tmp_path, shared):
    db = _db(tmp_path, shared)
    res = runner.invoke(app, ["ledger", "--db", db, "--format", "xml"])
    assert res.exit_code != 0 and "unknown --format" in res.output
    res = runner.invoke(app, ["ledger", "--db", db, "--order", "size"])
    assert res.exit_code != 0 and "unknown sort" in res.output
