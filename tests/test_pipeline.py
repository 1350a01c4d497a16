"""`run()` = ingest → extract → corroborate → verify, on SQLite and on a real PostgreSQL."""
from __future__ import annotations

from typer.testing import CliRunner

from warledger.cli import app
from warledger.pipeline import example_paths, run
from warledger.store import EventFilter, Store


def test_run_on_examples_is_idempotent(any_store):
    r1 = run(example_paths(), any_store)
    assert r1.ingest.new == 14 and r1.ingest.rejected == []
    assert r1.extract.fatal_events >= 10 and r1.ledger_events > 0 and r1.verdicts > 0
    tables = {t: any_store.table_rows(t) for t in ("articles", "events", "ledger_events", "claims")}
    r2 = run(example_paths(), any_store)
    assert r2.ingest.new == 0 and r2.ingest.duplicate == 14
    assert {t: any_store.table_rows(t) for t in tables} == tables
    seed = [e for e in any_store.events(EventFilter(primary_only=True))
            if e.place.admin1 == "Aleppo" and e.date == "2013-06-12"]
    assert any(e.killed.best == 120 for e in seed)


def test_run_cli_tells_how_to_look(tmp_path):
    db = str(tmp_path / "w.sqlite")
    res = CliRunner().invoke(app, ["run", "--examples", "--db", db])
    assert res.exit_code == 0, res.output
    assert "warledger serve --db" in res.output and "14 new" in res.output
    assert Store(db).counts()["ledger_events"] > 0
