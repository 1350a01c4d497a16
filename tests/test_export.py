"""Exports: CSV (ACLED-like, formula-safe), GeoJSON and Parquet round-trips; CLI and API."""
from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from api_fixtures import build
from warledger.cli import app as cli
from warledger.errors import ExportError
from warledger.records import Claim, Count, LedgerEvent, Place, Span
from warledger.serve import create_app
from warledger.serve.export import ACLED_COLUMNS, COLUMNS, export, neutralise, to_csv
from warledger.store import EventFilter, Store


@pytest.fixture
def served(tmp_path):
    store = Store(str(tmp_path / "export.sqlite"))
    data = build(store)
    yield store, data
    store.close()


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_csv_has_acled_columns_then_ours(served):
    rows = read_csv(export(served[0], "csv"))
    assert list(rows[0])[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert list(rows[0]) == COLUMNS
    khan = next(r for r in rows if r["event_id"] == "l_khan")
    assert khan["event_date"] == "2017-04-04" and khan["year"] == "2017"
    assert (khan["fatalities"], khan["fatalities_low"], khan["fatalities_high"]) == ("12", "3", "12")
    assert khan["killed_civilians"] == "12" and khan["killed_children"] == ""
    assert khan["source"] == "reuters; sana" and khan["admin1"] == "Idlib" and khan["geo_precision"] == "1"
    assert khan["latitude"] == "35.44" and khan["longitude"] == "36.65"
    assert "killed: reuters 12 vs sana 3" in khan["notes"] and khan["credibility"] == "0.72"
    assert khan["evidence"].startswith("At least 12 people were killed")


def test_csv_neutralises_formula_cells():
    le = LedgerEvent(id="=1+1", date="2017-01-01", actor1="=HYPERLINK(\"http://x\")", actor2="+SUM(A1)",
                     place=Place(name="@cmd", admin1="-2+3", lat=-3.5, lon=-70.25),
                     killed=Count(1, 1, 1), contradictions=["\tTAB"],
                     claims=[Claim(event_id="e", article_id="a", source="-src",
                                   evidence=Span("a", 0, 5, "=evil"))])
    from warledger.serve.export import ledger_row

    (row,) = read_csv(to_csv([ledger_row(le)]))
    for col in ("event_id", "actor1", "actor2", "location", "admin1", "notes", "source", "evidence"):
        assert row[col].startswith("'"), (col, row[col])
    assert row["latitude"] == "-3.5" and row["longitude"] == "-70.25"  # numbers stay numbers


@given(st.text(max_size=30))
def test_no_text_cell_starts_a_formula(s):
    out = neutralise(s)
    assert not out.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert out.removeprefix("'") == s or out == s


def test_geojson_is_a_feature_collection_of_points(served):
    fc = json.loads(export(served[0], "geojson", EventFilter(admin1="Idlib")))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 1
    f = fc["features"][0]
    assert f["geometry"] == {"type": "Point", "coordinates": [36.65, 35.44]}  # lon, lat
    assert f["id"] == "l_khan" and f["properties"]["fatalities"] == 12 and set(f["properties"]) == set(COLUMNS)


def test_geojson_unlocated_event_has_null_geometry(served):
    store = served[0]
    store.replace_ledger([LedgerEvent(id="l_nowhere", date="2016-01-01", killed=Count(2, 2, 2))])
    (f,) = json.loads(export(store, "geojson"))["features"]
    assert f["geometry"] is None and f["properties"]["fatalities"] == 2


def test_parquet_reads_back_with_types(served, tmp_path):
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "l.parquet"
    export(served[0], "parquet", out=out)
    t = pq.read_table(out)
    assert t.schema.field("event_date").type == pa.date32()
    assert t.schema.field("fatalities").type == pa.int64()
    assert t.schema.field("latitude").type == pa.float64()
    assert t.schema.field("credibility").type == pa.float64()
    rows = {r["event_id"]: r for r in t.to_pylist()}
    assert rows["l_khan"]["event_date"] == datetime.date(2017, 4, 4)
    assert rows["l_khan"]["fatalities_low"] == 3 and rows["l_evil"]["credibility"] is None
    pd = pytest.importorskip("pandas")
    df = pd.read_parquet(out)
    assert str(df["fatalities"].dtype) == "int64" and str(df["latitude"].dtype) == "float64"


def test_events_view_exports_extracted_events_with_outlet(served):
    rows = read_csv(export(served[0], "csv", view="events"))
    assert {r["event_id"]: r["source"] for r in rows}["e_two"] == "sana"


def test_unknown_format_or_view_is_a_named_error(served):
    with pytest.raises(ExportError, match="csv, geojson, parquet"):
        export(served[0], "xlsx")
    with pytest.raises(ExportError, match="ledger or events"):
        export(served[0], "csv", view="claims")


def test_api_export_matches_the_library(served):
    client = TestClient(create_app(served[0]))
    r = client.get("/api/export?format=csv&min_killed=5")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content == export(served[0], "csv", EventFilter(min_killed=5))
    g = client.get("/api/export?format=geojson&outlet=alalam")
    assert [f["id"] for f in g.json()["features"]] == ["l_aleppo"]
    p = client.get("/api/export?format=parquet")
    assert p.content[:4] == b"PAR1"


def test_cli_export_writes_the_file(served, tmp_path):
    db = served[0].url.removeprefix("sqlite:///")
    out = tmp_path / "idlib.geojson"
    res = CliRunner().invoke(cli, ["export", "--db", db, "--format", "geojson", "--admin1", "Idlib", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert [f["id"] for f in json.loads(out.read_text())["features"]] == ["l_khan"]
    res = CliRunner().invoke(cli, ["export", "--db", db, "--format", "csv", "--min-killed", "5", "--from", "2017-01-01"])
    assert res.exit_code == 0 and [r["event_id"] for r in read_csv(res.stdout.encode())] == ["l_khan"]
    res = CliRunner().invoke(cli, ["export", "--db", db, "--format", "parquet"])
    assert res.exit_code != 0 and "-o" in res.output
