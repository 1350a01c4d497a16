"""Reference ledgers: import (GED, mapped CSV, bad rows, missing columns) and claim matching."""
from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from warledger.cli import app
from warledger.errors import InputError, MappingError
from warledger.records import Claim, Count, LedgerEvent, Place
from warledger.verify import import_reference, verify
from warledger.verify.model import fit_model
from warledger.verify.features import FEATURES
from warledger.verify.reference import (
    CONTRADICTED, NOT_COVERED, PARTLY, SUPPORTED, match_reference, normalise_admin1, parse_map,
    read_reference,
)

GED_HEADER = ["id", "date_start", "date_end", "adm_1", "adm_2", "where_coordinates", "latitude",
              "longitude", "side_a", "side_b", "best", "low", "high", "deaths_civilians", "country",
              "source_headline"]


def ged_file(tmp_path, rows, header=GED_HEADER, name="ged.csv"):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(h, "") for h in header])
    p = tmp_path / name
    p.write_text(buf.getvalue(), encoding="utf-8")
    return p


TINY = [
    dict(id="1.0", date_start="2013-06-12", date_end="2013-06-12", adm_1="Aleppo governorate",
         latitude="36.25", longitude="37.1", best="100.0", low="90", high="130", country="Syria",
         side_a="Government of Syria", side_b="Syrian insurgents"),
    dict(id="2.0", date_start="2013-06-12", date_end="2013-06-12", adm_1="Aleppo governorate",
         latitude="36.2", longitude="37.2", best="15", low="15", high="15", country="Syria"),
    dict(id="3", date_start="2014-01-02", adm_1="Rif Dimashq governorate", latitude="33.57",
         longitude="36.4", best="7", country="Syria"),
]


def test_import_ged_into_store(tmp_path, store):
    rep = import_reference(store, ged_file(tmp_path, TINY), format="ged")
    assert rep.ok and rep.imported == 3 and rep.dataset == "ucdp-ged"
    recs = {r["id"]: r for r in store.reference_records()}
    assert set(recs) == {"1", "2", "3"}  # "1.0" float ids normalised
    assert recs["1"]["best"] == 100 and recs["1"]["low"] == 90 and recs["1"]["high"] == 130
    assert recs["1"]["admin1"] == "Aleppo governorate" and recs["1"]["side_a"] == "Government of Syria"
    assert recs["3"]["date_end"] == "2014-01-02" and recs["3"]["low"] == 7  # defaults from best
    # re-importing is an upsert, not a duplicate
    import_reference(store, ged_file(tmp_path, TINY), format="ged")
    assert len(store.reference_records()) == 3


def test_bad_rows_are_reported_with_line_numbers(tmp_path, store):
    rows = TINY + [dict(id="9", date_start="12/06/2013", adm_1="Idlib", best="3"),
                   dict(id="10", date_start="2013-01-01", adm_1="Idlib", best="many"),
                   dict(id="", date_start="2013-01-01", adm_1="Idlib", best="1"),
                   dict(id="11", date_start="2013-01-01", best="1")]
    rep = import_reference(store, ged_file(tmp_path, rows), format="ged")
    assert rep.imported == 3
    assert [r.locator for r in rep.rejected] == ["line 5", "line 6", "line 7", "line 8"]
    assert "date_start" in rep.rejected[0].reason and "best" in rep.rejected[1].reason
    assert "no place" in rep.rejected[3].reason


def test_missing_columns_name_them(tmp_path):
    p = ged_file(tmp_path, [], header=["id", "adm_1", "latitude"])
    with pytest.raises(InputError) as exc:
        read_reference(p, format="ged")
    assert "date_start" in str(exc.value) and "best" in str(exc.value)
    assert "adm_1" not in str(exc.value).split("missing")[1].split(";")[0]


def test_generic_csv_with_map(tmp_path, store):
    p = tmp_path / "mine.csv"
    p.write_text("event,day,province,killed\nE1,2016-08-10,Aleppo,14\nE2,2016-08-11,Idlib,3\n")
    with pytest.raises(InputError):
        import_reference(store, p, format="csv")  # no mapping: required columns missing
    with pytest.raises(MappingError):
        import_reference(store, p, format="csv", mapping="id=event,date_start=nope,best=killed,admin1=province")
    rep = import_reference(store, p, format="csv", mapping="id=event,date_start=day,admin1=province,best=killed")
    assert rep.imported == 2 and rep.dataset == "mine"
    assert {r["id"]: r["best"] for r in store.reference_records("mine")} == {"E1": 14, "E2": 3}


def test_normalise_admin1():
    assert normalise_admin1("Ar Raqqah governorate") == normalise_admin1("raqqa")
    assert normalise_admin1("Deir ez Zor governorate") == normalise_admin1("deir ezzor")
    assert normalise_admin1("Hamah governorate") == "hama"
    assert normalise_admin1("Latakia governorate") == normalise_admin1("lattakia")
    assert normalise_admin1("Aleppo") != normalise_admin1("Idlib")


def _recs(tmp_path):
    recs, _ = read_reference(ged_file(tmp_path, TINY), format="ged")
    return recs


@pytest.mark.parametrize("killed,status", [
    (Count(best=120, low=120, high=120), SUPPORTED),   # 100+15 summed, range 105-145
    (Count(best=115), SUPPORTED),
    (Count(best=70), PARTLY),                          # within a factor of two
    (Count(best=12), CONTRADICTED),
    (Count(), PARTLY),                                 # right place and day, no figure
])
def test_verdicts_on_tiny_ledger(tmp_path, killed, status):
    m = match_reference(date_="2013-06-12", admin1="Aleppo", country="SY", killed=killed,
                        records=_recs(tmp_path))
    assert m.status == status
    assert sorted(r["id"] for r in m.records) == ["1", "2"] and m.reference_best == 115


def test_not_covered_wrong_day_or_place(tmp_path):
    recs = _recs(tmp_path)
    assert match_reference(date_="2013-06-20", admin1="Aleppo", killed=Count(best=100), records=recs).status == NOT_COVERED
    assert match_reference(date_="2013-06-12", admin1="Homs", killed=Count(best=100), records=recs).status == NOT_COVERED
    # a day's slack: "overnight" reports land on the next day
    assert match_reference(date_="2013-06-13", admin1="Aleppo", killed=Count(best=115), records=recs).status == SUPPORTED
    # damascus (FA-KES coding) covers Rif Dimashq; coordinates match without admin1
    assert match_reference(date_="2014-01-02", admin1="damascus", killed=Count(best=7), records=recs).status == SUPPORTED
    assert match_reference(date_="2014-01-02", lat=33.6, lon=36.45, killed=Count(best=7), records=recs).status == SUPPORTED


def _model():
    import numpy as np
    rng = np.random.default_rng(0)
    X = rng.random((60, len(FEATURES)))
    y = (X[:, 1] + 0.3 * rng.random(60) > 0.6).astype(int)
    X[:, [FEATURES.index(f) for f in ("ref_supported", "ref_partly", "ref_contradicted")]] = 0
    return fit_model(X, y)


def test_verify_attaches_reference_status(tmp_path):
    recs = _recs(tmp_path)
    le = LedgerEvent(id="L1", date="2013-06-12", place=Place(admin1="Aleppo", country="SY"),
                     claims=[Claim(event_id="e1", article_id="a1", source="sana", date="2013-06-12",
                                   killed=Count(best=115)),
                             Claim(event_id="e2", article_id="a2", source="etilaf", date="2013-06-12",
                                   killed=Count(best=10))])
    model = _model()
    vs = {v.subject: v for v in verify([], [], [le], model=model, reference=recs)}
    good, bad = vs["e1:a1"], vs["e2:a2"]
    assert good.reference_status == SUPPORTED and bad.reference_status == CONTRADICTED
    assert good.reference_matches == ["ref:1", "ref:2"]
    assert any("reference ledger: supported" in r.text and r.weight > 0 for r in good.reasons)
    assert any("reference ledger: contradicted" in r.text and r.weight < 0 for r in bad.reasons)
    assert good.score > bad.score
    # the shipped model, trained where no reference ledger covers anything, still heeds one
    dv = {v.subject: v for v in verify([], [], [le], reference=recs)}
    assert dv["e1:a1"].score > dv["e2:a2"].score
    # without a reference ledger no status is claimed
    assert verify([], [], [le], model=model)[0].reference_status is None


def test_real_ged_sample(shared, store):
    rep = import_reference(store, shared / "data/reference/ucdpged_sample_2023.csv", format="ged")
    assert rep.ok and rep.imported == 1000
    recs = store.reference_records("ucdp-ged")
    r = next(x for x in recs if x["id"] == "300380")  # Rami village, Idlib, 2013-01-03, best 2
    assert (r["date_start"], r["best"], r["admin1"]) == ("2013-01-03", 2, "Idlib governorate")
    m = match_reference(date_="2013-01-03", admin1="Idlib", country="SY", killed=Count(best=2), records=recs)
    assert m.status == SUPPORTED and "300380" in [x["id"] for x in m.records]


def test_cli_reference_import(tmp_path):
    db = str(tmp_path / "w.sqlite")
    res = CliRunner().invoke(app, ["reference", "import", str(ged_file(tmp_path, TINY)), "--db", db])
    assert res.exit_code == 0, res.output
    from warledger.store import Store
    assert len(Store(db).reference_records()) == 3
    bad = ged_file(tmp_path, TINY + [dict(id="x", date_start="nope", adm_1="Idlib", best="1")], name="bad.csv")
    res = CliRunner().invoke(app, ["reference", "import", str(bad), "--db", db])
    assert res.exit_code == 1 and "line 5" in res.output


# ------------------------------------------------------------------ properties

_field = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.dates(), st.integers(0, 5000),
                          st.sampled_from(["Aleppo governorate", "Idlib", "Ḥamāh", "Dar'a, \"south\""]),
                          _field), min_size=1, max_size=8, unique_by=lambda t: t[0]))
def test_read_reference_roundtrips_valid_rows(tmp_path_factory, rows):
    d = tmp_path_factory.mktemp("h")
    p = ged_file(d, [dict(id=str(i), date_start=dt.isoformat(), adm_1=a, best=str(b), source_headline=h)
                     for i, dt, b, a, h in rows])
    recs, rep = read_reference(p, format="ged")
    assert rep.ok
    assert [(r["id"], r["date_start"], r["best"], r["admin1"]) for r in recs] == \
        [(str(i), dt.isoformat(), b, a.strip() or None) for i, dt, b, a, _ in rows]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=20), min_size=2, max_size=6))
def test_read_reference_never_crashes_on_junk(tmp_path_factory, cells):
    d = tmp_path_factory.mktemp("j")
    p = ged_file(d, [dict(id=cells[0], date_start=cells[1], adm_1=cells[-1], best=cells[-2],
                          latitude=cells[0])])
    recs, rep = read_reference(p, format="ged")
    assert len(recs) + len(rep.rejected) == 1
    for rj in rep.rejected:
        assert rj.locator and rj.locator.startswith("line ")


@given(st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True),
                       st.from_regex(r"[A-Za-z0-9 _]{1,10}", fullmatch=True).map(str.strip).filter(bool),
                       max_size=6))
def test_parse_map_roundtrip(d):
    assert parse_map(",".join(f"{k}={v}" for k, v in d.items())) == d
