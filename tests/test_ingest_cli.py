"""`warledger ingest` / `articles` end to end: counts, idempotence, rejections, exit codes.

CLI tests run the command, then check the result through the library (STYLE rule 13).
"""
from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warledger.cli import app
from warledger.ingest import ingest
from warledger.pipeline import example_paths
from warledger.store import Store

SEED = next(p for p in example_paths() if p.endswith("alalam-2013-06-12-aleppo.txt"))
runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_seed_ingests_and_shows_golden_values(tmp_path):
    db = str(tmp_path / "w.sqlite")
    res = _run("ingest", SEED, "--db", db)
    assert res.exit_code == 0, res.output
    assert "1 new, 0 duplicate, 0 rejected" in res.output
    (art,) = Store(db).articles()
    shown = _run("articles", "show", art.id[:10], "--db", db, "--json")
    data = json.loads(shown.output)
    assert data["title"] == "120 militants killed in Syria's Aleppo"
    assert data["published"] == "2013-06-12T20:59:42" and data["source"] == "alalam"
    assert [r["id"] for r in data["related"]] == ["1483605", "1483499", "1483043", "1482927", "1482788"]
    assert data["body"].startswith("At least 120 gunmen") and "string(" not in data["body"]
    raw = _run("articles", "show", art.id, "--db", db, "--raw").output
    assert 'string(875) "[{"id":"1483605"' in raw  # the raw input, verbatim


def test_reingest_twice_leaves_identical_tables(tmp_path):
    db = str(tmp_path / "w.sqlite")
    paths = example_paths()
    first = ingest(paths, Store(db))
    tables = {t: Store(db).table_rows(t) for t in ("articles", "sightings")}
    second = ingest(paths, Store(db))
    assert first.new == len(paths) - 1 + 13 and first.rejected == []
    assert (second.new, second.duplicate) == (0, first.new)
    assert {t: Store(db).table_rows(t) for t in ("articles", "sightings")} == tables


def test_same_article_in_another_file_is_a_sighting(tmp_path):
    db = str(tmp_path / "w.sqlite")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(Path(SEED).read_bytes())
    rep = ingest([SEED, str(copy)], Store(db))
    assert (rep.new, rep.duplicate) == (1, 1)
    (art,) = Store(db).articles()
    assert {s["origin"] for s in Store(db).sightings(art.id)} == {SEED, str(copy)}


def test_bad_inputs_are_rejected_by_name_and_the_rest_lands(tmp_path):
    db = str(tmp_path / "w.sqlite")
    Store(db)
    before = _run("ingest", SEED, "--db", db)
    assert before.exit_code == 0
    rows_before = Store(db).table_rows("articles")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "nomap.csv").write_text("headline,text\nA,B\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Car bomb kills 5 in Idlib\n\nA car bomb killed five people in Idlib on Monday.\n",
                    encoding="utf-8")
    res = _run("ingest", str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"),
               str(tmp_path / "nomap.csv"), str(good), str(tmp_path / "missing.html"),
               "--db", db, "--map", "title=title_col")
    assert res.exit_code == 2
    out = res.output
    assert "empty.txt" in out and "empty file" in out
    assert "binary.txt" in out
    assert "nomap.csv" in out and "title_col" in out
    assert "missing.html" in out and "no such file" in out
    assert "1 new" in out and "4 rejected" in out
    titles = {a.title for a in Store(db).articles()}
    assert "Car bomb kills 5 in Idlib" in titles
    # what was stored before is untouched
    assert set(rows_before) <= set(Store(db).table_rows("articles"))


def test_zip_gz_and_stdin_inputs(tmp_path):
    db = str(tmp_path / "w.sqlite")
    seed = Path(SEED).read_bytes()
    z = tmp_path / "pages.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("inner/seed.txt", seed)
    g = tmp_path / "seed.txt.gz"
    g.write_bytes(gzip.compress(seed.replace(b"At least 120", b"At least 121")))
    rep = ingest([str(z), str(g)], Store(db))
    assert (rep.new, rep.rejected) == (2, [])
    res = runner.invoke(app, ["ingest", "-", "--db", db, "--format", "textdump"],
                        input=seed.replace(b"At least 120", b"At least 122").decode("utf-8"))
    assert res.exit_code == 0, res.output
    assert Store(db).counts()["articles"] == 3


def test_csv_mapping_and_source_flag(tmp_path):
    db = str(tmp_path / "w.sqlite")
    f = tmp_path / "mine.csv"
    f.write_text("headline,text,day\nShelling in Daraa,Shelling killed 3 civilians in Daraa.,2016-02-01\n",
                 encoding="utf-8")
    res = _run("ingest", str(f), "--db", db, "--map", "title=headline,body=text,published=day",
               "--source", "mywire")
    assert res.exit_code == 0, res.output
    (a,) = Store(db).articles()
    assert (a.title, a.source, a.published[:10]) == ("Shelling in Daraa", "mywire", "2016-02-01")


@pytest.mark.parametrize("flag", ["--version"])
def test_version(flag):
    from warledger.extract import COMPILED

    res = _run(flag)
    assert res.exit_code == 0 and res.output.startswith("warledger ")
    # says which extraction build runs: `pip install .` compiles it, an editable install does not
    assert ("compiled with mypyc" if COMPILED else "pure Python") in res.output


def test_fakes_csv_all_793_with_seed(shared, tmp_path):
    """The issue's acceptance check: seed + FA-KES = 793 articles; a second run adds none."""
    db = str(tmp_path / "w.sqlite")
    fakes = str(shared / "data" / "fakes" / "articles.csv")
    seed = str(shared / "seed" / "alalam-2013-06-12-aleppo.txt")
    r1 = ingest([seed, fakes], Store(db))
    r2 = ingest([seed, fakes], Store(db))
    assert (r1.new, r1.rejected) == (793, [])
    assert (r2.new, r2.duplicate) == (0, 793)
    assert Store(db).counts()["articles"] == 793

