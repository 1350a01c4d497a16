"""Reference ledgers: load a trusted casualty database (UCDP GED, any mapped CSV) and match
claims to its records on place, date and figures (supported / partly supported /
contradicted / not covered)."""
from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import InputError, MappingError
from ..records import Count, Rejection

__all__ = [
    "GED_COLUMNS", "ImportReport", "ReferenceMatch", "read_reference", "parse_map",
    "normalise_admin1", "match_reference", "SUPPORTED", "PARTLY", "CONTRADICTED", "NOT_COVERED",
]

SUPPORTED, PARTLY, CONTRADICTED, NOT_COVERED = "supported", "partly supported", "contradicted", "not covered"

# Our record field -> the UCDP GED column it comes from (GED codebook names).
GED_COLUMNS = {
    "id": "id", "date_start": "date_start", "date_end": "date_end", "admin1": "adm_1",
    "admin2": "adm_2", "country": "country", "lat": "latitude", "lon": "longitude",
    "best": "best", "low": "low", "high": "high", "place": "where_coordinates",
}
REQUIRED = ("id", "date_start", "best")  # plus a place: admin1, country or lat/lon
PLACE_FIELDS = ("admin1", "country", "lat", "lon")
_INT_FIELDS = ("best", "low", "high")

# How close a claim must be to a record. Reference ledgers date events to the day but news
# reports them "on Monday night" or "overnight", so one day of slack either side.
DATE_SLACK_DAYS = 1
RADIUS_KM = 50.0
# Figures agree when within this relative gap (or the reference's low-high range);
# "partly" up to a factor of two (press tolls rise as bodies are found).
AGREE_REL = 0.25
PARTLY_FACTOR = 2.0


@dataclass
class ImportReport:
    """What `reference import` did: records stored and rows rejected (with line numbers)."""

    dataset: str
    imported: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def summary(self) -> str:
        s = f"imported {self.imported} reference record(s) into dataset {self.dataset!r}"
        return s + (f"; {len(self.rejected)} row(s) rejected" if self.rejected else "")


@dataclass
class ReferenceMatch:
    """A claim's standing against a reference ledger."""

    status: str
    records: list[dict[str, Any]] = field(default_factory=list)
    reference_best: int | None = None  # summed best of the matched records

    @property
    def ids(self) -> list[str]:
        return [f"{r.get('dataset', 'ref')}:{r['id']}" for r in self.records]


# --------------------------------------------------------------------------- import

def parse_map(spec: str | Iterable[str] | None) -> dict[str, str]:
    """`--map "id=event_id,date_start=day,admin1=province,best=deaths"` → {field: column}
    (the same FIELD=COLUMN syntax as `ingest --map`)."""
    from ..ingest import parse_mapping

    return parse_mapping(spec)


def read_reference(path: str | Path, *, format: str = "ged", mapping: dict[str, str] | None = None,
                   dataset: str | None = None) -> tuple[list[dict[str, Any]], ImportReport]:
    """Parse a reference CSV into store records; bad rows become Rejections with line numbers.

    Raises InputError when the file lacks required columns (the message names them)."""
    path = Path(path)
    if format not in ("ged", "csv"):
        raise InputError(str(path), f"unknown reference format {format!r}; use ged or csv")
    if format == "csv" and not mapping:
        mapping = {}
    colmap = dict(GED_COLUMNS) if format == "ged" else {k: k for k in GED_COLUMNS}
    colmap.update(mapping or {})
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    report = ImportReport(dataset=dataset or ("ucdp-ged" if format == "ged" else path.stem))
    if mapping:
        unknown = [f"{k}={v}" for k, v in mapping.items() if v not in header]
        if unknown:
            raise MappingError(str(path), f"--map names column(s) the file does not have: "
                               f"{', '.join(unknown)}; columns are: {', '.join(header)}")
    missing = [f"{f} (column {colmap[f]!r})" for f in REQUIRED if colmap.get(f) not in header]
    if not any(colmap.get(f) in header for f in PLACE_FIELDS):
        missing.append("a place: one of " + ", ".join(f"{f} (column {colmap[f]!r})" for f in PLACE_FIELDS))
    if missing:
        hint = " (map them with --map FIELD=COLUMN)" if format == "csv" else ""
        raise InputError(str(path), f"missing required column(s): {'; '.join(missing)}{hint}")
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num  # physical line where this row ends (quoted newlines count)
        try:
            rec = _record(row, colmap)
        except ValueError as exc:
            report.rejected.append(Rejection(str(path), str(exc), f"line {line}", "reference"))
            continue
        if rec["id"] in seen:
            report.rejected.append(Rejection(str(path), f"duplicate id {rec['id']!r}", f"line {line}", "reference"))
            continue
        seen.add(rec["id"])
        records.append(rec)
    return records, report


def _record(row: dict[str, str | None], colmap: dict[str, str]) -> dict[str, Any]:
    get = lambda f: (row.get(colmap.get(f, "")) or "").strip()  # noqa: E731
    rid = get("id")
    if not rid:
        raise ValueError("empty id")
    if re.fullmatch(r"\d+\.0", rid):  # GED exports ids as floats: "300380.0"
        rid = rid[:-2]
    rec: dict[str, Any] = {k: v for k, v in row.items() if k is not None}  # everything else, verbatim
    rec["id"] = rid
    rec["date_start"] = _iso_date(get("date_start"), "date_start")
    rec["date_end"] = _iso_date(get("date_end"), "date_end") if get("date_end") else rec["date_start"]
    if rec["date_end"] < rec["date_start"]:
        raise ValueError(f"date_end {rec['date_end']} is before date_start {rec['date_start']}")
    for f in _INT_FIELDS:
        rec[f] = _int(get(f), f)
    if rec["best"] is None:
        raise ValueError("empty best (the reference's best estimate of deaths)")
    rec["low"] = rec["best"] if rec["low"] is None else rec["low"]
    rec["high"] = rec["best"] if rec["high"] is None else rec["high"]
    rec["lat"], rec["lon"] = _float(get("lat"), "lat"), _float(get("lon"), "lon")
    if rec["lat"] is not None and not -90 <= rec["lat"] <= 90:
        raise ValueError(f"latitude {rec['lat']} out of range")
    if rec["lon"] is not None and not -180 <= rec["lon"] <= 180:
        raise ValueError(f"longitude {rec['lon']} out of range")
    rec["admin1"] = get("admin1") or None
    rec["admin2"] = get("admin2") or None
    rec["country"] = get("country") or None
    rec["place"] = get("place") or None
    if not (rec["admin1"] or rec["country"] or rec["lat"] is not None):
        raise ValueError("no place: admin1, country and coordinates are all empty")
    return rec


def _iso_date(s: str, name: str) -> str:
    s = s.strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if not m:
        raise ValueError(f"{name} {s!r} is not a date (expected YYYY-MM-DD)")
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        raise ValueError(f"{name} {s!r} is not a valid date") from None


def _int(s: str, name: str) -> int | None:
    v = _float(s, name)
    if v is None:
        if s.strip().lower() == "nan":
            raise ValueError(f"{name} {s!r} is not a whole number of deaths")
        return None
    if v < 0 or v != int(v):
        raise ValueError(f"{name} {s!r} is not a whole number of deaths")
    return int(v)


def _float(s: str, name: str) -> float | None:
    if s == "":
        return None
    try:
        v = float(s)
    except ValueError:
        raise ValueError(f"{name} {s!r} is not a number") from None
    if math.isnan(v):
        return None
    return v


# --------------------------------------------------------------------------- matching

@lru_cache(maxsize=1)
def _admin1_aliases() -> dict[str, str]:
    text = (resources.files(__package__) / "data" / "admin1_aliases.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canon, _, aliases = line.partition("\t")
        canon = _fold(canon)
        out[canon] = canon
        for a in aliases.split("|"):
            if a.strip():
                out[_fold(a)] = canon
    return out


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[`'’‘]", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s


def normalise_admin1(name: str | None) -> str | None:
    """'Ar Raqqah governorate' → 'raqqa', 'Deir ez-Zor' → 'deir ez zor' (data/admin1_aliases.tsv)."""
    if not name:
        return None
    s = _fold(name)
    s = re.sub(r"\b(governorate|province|muhafazat|gouvernorat|region)\b", "", s).strip()
    aliases = _admin1_aliases()
    if s in aliases:
        return aliases[s]
    s2 = re.sub(r"^(al|ar|as|ad|ash|at|el) ", "", s)
    return aliases.get(s2, s2)


# FA-KES and much of the press fold the countryside into the capital ("Rif Dimashq is coded
# damascus"), so the two count as the same place for matching.
_SAME_AREA = {frozenset({"damascus", "rif dimashq"})}


def _same_admin1(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a, b = normalise_admin1(a), normalise_admin1(b)
    return a == b or frozenset({a, b}) in _SAME_AREA


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _d(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def match_reference(*, date_: str | None, admin1: str | None = None, country: str | None = None,
                    lat: float | None = None, lon: float | None = None, killed: Count | None = None,
                    records: Sequence[dict[str, Any]]) -> ReferenceMatch:
    """Match one claim (its date, place and killed figure) against reference records.

    Records on the same day (±1) and in the same first-level unit (or within 50 km) are
    the claim's matches; their best figures are summed (a reference ledger splits one
    news "event" into several incidents) and compared with the claim's figure."""
    d = _d(date_)
    if d is None or not records:
        return ReferenceMatch(NOT_COVERED)
    matches = []
    for r in records:
        ds, de = _d(r.get("date_start")), _d(r.get("date_end")) or _d(r.get("date_start"))
        if ds is None or not (ds - timedelta(days=DATE_SLACK_DAYS) <= d <= de + timedelta(days=DATE_SLACK_DAYS)):
            continue
        near = False
        if lat is not None and lon is not None and r.get("lat") is not None and r.get("lon") is not None:
            near = _km(lat, lon, float(r["lat"]), float(r["lon"])) <= RADIUS_KM
        if not near and not _same_admin1(admin1, r.get("admin1")):
            continue
        if country and r.get("country") and not _same_country(country, r["country"]):
            continue
        matches.append(r)
    if not matches:
        return ReferenceMatch(NOT_COVERED)
    ref_best = sum(int(r.get("best") or 0) for r in matches)
    ref_low = sum(int(r.get("low") if r.get("low") is not None else r.get("best") or 0) for r in matches)
    ref_high = sum(int(r.get("high") if r.get("high") is not None else r.get("best") or 0) for r in matches)
    best = killed.best if killed is not None else None
    if best is None:
        status = PARTLY  # the place and day match, but the claim gives no figure to compare
    elif ref_low <= best <= ref_high or abs(best - ref_best) <= max(1, AGREE_REL * max(best, ref_best)):
        status = SUPPORTED
    elif max(best, ref_best) <= PARTLY_FACTOR * max(1, min(best, ref_best)):
        status = PARTLY
    else:
        status = CONTRADICTED
    return ReferenceMatch(status, matches, ref_best)


_COUNTRY_ALIASES = {"sy": "syria", "syrian arab republic": "syria", "iq": "iraq", "lb": "lebanon",
                    "tr": "turkey", "turkiye": "turkey", "ps": "palestine", "il": "israel",
                    "ye": "yemen", "af": "afghanistan", "ua": "ukraine", "ru": "russia"}


def _same_country(a: str, b: str) -> bool:
    fa, fb = _fold(a), _fold(b)
    fa, fb = _COUNTRY_ALIASES.get(fa, fa), _COUNTRY_ALIASES.get(fb, fb)
    # GED writes "Yemen (North Yemen)", "Russia (Soviet Union)": compare the leading name
    return fa.split(" ")[0] == fb.split(" ")[0] if len(fa) > 2 and len(fb) > 2 else fa == fb
