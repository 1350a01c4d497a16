"""Readers "csv" and "jsonl": one Article per row, through a column mapping
(`--map title=article_title,body=article_content,...`), with the FA-KES preset ("fakes")
chosen automatically for its columns unit_id, article_title, article_content, source.

For these readers RawInput.text is the row's body cell verbatim (offset_map points into
it), RawInput.sha256 is that cell's UTF-8 hash and RawInput.locator is "row N" (CSV data
row, 1-based) or "line N" (JSONL). Every original column but the body is kept in extra.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from typing import Any, Iterable, Iterator

from ..errors import InputError
from ..records import Rejection
from .base import Document, ReadOptions, Result, sha256
from .clean import clean_text, make_article
from .decode import decode
from .datelines import clean_title, match_date, search_date, split_dateline
from .outlets import outlet_from_url

FIELDS = ("title", "body", "source", "id", "published", "url", "language")
FAKES_COLUMNS = ("unit_id", "article_title", "article_content", "source")
PRESETS: dict[str, dict[str, str]] = {
    "fakes": {"title": "article_title", "body": "article_content", "source": "source", "id": "unit_id"},
}
# column names tried, in order, for a field the mapping does not name
GUESSES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "article_title", "name", "subject"),
    "body": ("body", "text", "content", "article_content", "article", "story", "article_text",
             "full_text", "description"),
    "source": ("source", "outlet", "publisher", "site", "source_name", "domain"),
    "id": ("id", "unit_id", "guid", "article_id", "uid"),
    "published": ("published", "date", "pubdate", "published_at", "publish_date", "datetime",
                  "time", "timestamp", "date_published"),
    "url": ("url", "link", "href", "source_url"),
    "language": ("language", "lang"),
}
_TITLE_MAX = 160

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article bodies exceed csv's 128 KiB default


# --------------------------------------------------------------------------- sniffing


def _head_text(doc: Document) -> str:
    head = doc.head(65536)
    try:
        return head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return head[:exc.start].decode("utf-8-sig", "replace") if exc.start > len(head) - 4 else head.decode("latin-1")


def sniff_csv(doc: Document) -> float:
    head = doc.head(65536)
    if not head.strip() or b"\x00" in head[:4096]:
        return 0.0
    text = _head_text(doc)
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip().lower()
    if first[:1] in "{[<":
        return 0.0
    cols = [c.strip().strip('"') for c in re.split(r"[,\t;|]", first)]
    if all(c in cols for c in FAKES_COLUMNS):
        return 0.97
    name = doc.name.lower()
    if name.endswith((".csv", ".tsv")):
        return 0.9
    if len(cols) >= 2 and any(c in GUESSES["body"] or c in GUESSES["title"] for c in cols):
        return 0.7
    return 0.0


def sniff_jsonl(doc: Document) -> float:
    text = _head_text(doc).lstrip("\ufeff").lstrip()
    name = doc.name.lower()
    if text.startswith("{"):
        line = text.split("\n", 1)[0]
        try:
            ok = isinstance(json.loads(line), dict)
        except ValueError:
            ok = False
        if ok:
            return 0.95 if name.endswith((".jsonl", ".ndjson", ".json")) else 0.85
        return 0.5 if name.endswith((".jsonl", ".ndjson")) else 0.0
    if text.startswith("[") and (text[1:].lstrip()[:1] == "{"):
        return 0.6  # a JSON array of objects
    return 0.0


# --------------------------------------------------------------------------- mapping


def resolve_mapping(columns: list[str], opts: ReadOptions) -> tuple[dict[str, str], str | None]:
    """(field -> column, preset name) from --preset/--map, the FA-KES columns, or guesses."""
    preset = opts.preset
    if preset is None and all(c in columns for c in FAKES_COLUMNS):
        preset = "fakes"
    mapping: dict[str, str] = dict(PRESETS.get(preset or "", {}))
    mapping.update(opts.mapping or {})
    lower = {c.lower().strip(): c for c in columns}
    for f, names in GUESSES.items():
        if f in mapping:
            continue
        for n in names:
            if n in lower:
                mapping[f] = lower[n]
                break
    return mapping, preset


def _missing(path: str, reader: str, mapping: dict[str, str], columns: list[str],
             opts: ReadOptions) -> Rejection | None:
    missing = [f"{f}={c}" for f, c in mapping.items() if c not in columns]
    unknown = [f for f in (opts.mapping or {}) if f not in FIELDS]
    if unknown:
        return Rejection(path=path, reader=reader, locator="header",
                         reason=f"--map names unknown field(s) {', '.join(unknown)}; valid fields: "
                                f"{', '.join(FIELDS)}")
    if missing:
        return Rejection(path=path, reader=reader, locator="header",
                         reason=f"mapped column(s) missing: {', '.join(missing)}; the file has columns "
                                f"{', '.join(columns) or '(none)'}; fix it with --map, e.g. "
                                f"--map body={_suggest(columns, GUESSES['body'])},"
                                f"title={_suggest(columns, GUESSES['title'])}")
    if "body" not in mapping:
        return Rejection(path=path, reader=reader, locator="header",
                         reason=f"no body column: none of the columns ({', '.join(columns) or '(none)'}) "
                                f"looks like article text; name it with --map body=COLUMN")
    return None


def _suggest(columns: list[str], names: tuple[str, ...]) -> str:
    for c in columns:
        if any(n in c.lower() for n in names):
            return c
    return "COLUMN"


# --------------------------------------------------------------------------- rows → Articles


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _parse_published(value: str) -> tuple[str | None, str | None]:
    s = value.strip()
    if not s:
        return None, None
    dm = match_date(s) or search_date(s, 0, 80)
    if dm is None:
        return None, f"published value {s[:40]!r} is not a date we can read (use ISO 8601, e.g. 2017-04-05)"
    return dm.iso, None


def row_article(row: dict[str, Any], mapping: dict[str, str], preset: str | None, *, path: str,
                locator: str, reader: str, opts: ReadOptions) -> Result:
    """One row (column -> value) → an Article, or a Rejection for that row alone."""
    body_raw = _text(row.get(mapping["body"]))
    if not body_raw.strip():
        return Rejection(path=path, locator=locator, reader=reader,
                         reason=f"empty body (column {mapping['body']!r}); the row is skipped")
    warnings: list[str] = []
    title = clean_title(_text(row.get(mapping.get("title", ""), "")).strip()) if "title" in mapping else ""
    published, precision_note = None, None
    if "published" in mapping:
        published, precision_note = _parse_published(_text(row.get(mapping["published"])))
        if precision_note:
            warnings.append(precision_note)
    start = 0
    extra: dict[str, Any] = {}
    if preset == "fakes" or published is None:
        dl = split_dateline(body_raw, title or None)
        # outside the preset a dateline only counts when it opens the text
        if preset == "fakes" or (dl.form and not dl.warnings):
            start = dl.body_start
            if published is None:
                published = dl.published
            warnings.extend(dl.warnings)
            if dl.byline:
                extra["byline"] = dl.byline
            if dl.form:
                extra["dateline_form"] = dl.form
    cleaned = clean_text(body_raw, title=title or None, start=start)
    if not cleaned.body:
        # "30 October 2016 35 cases of suffocation in terrorist chemical attack on ..." (sana):
        # the whole text is a dateline and the headline; the headline is the report
        cleaned = clean_text(body_raw)
        warnings.append("the text is only a dateline and the headline: kept whole as the body")
    if not title:
        first = cleaned.body.split("\n", 1)[0]
        m = re.search(r"[.!?](?=\s|$)", first[:_TITLE_MAX])
        title = first[: m.end()] if m else first[:_TITLE_MAX].rsplit(" ", 1)[0]
        warnings.append("no title column: the body's first sentence stands as title")
    url = _text(row.get(mapping["url"])).strip() or None if "url" in mapping else None
    source = _text(row.get(mapping["source"])).strip() or None if "source" in mapping else None
    if source is None and url:
        source = outlet_from_url(url)
    language = _text(row.get(mapping["language"])).strip().lower() or None if "language" in mapping else None
    if "id" in mapping:
        extra["external_id"] = _text(row.get(mapping["id"])).strip() or None
    for k, v in row.items():
        if k != mapping["body"] and k is not None:
            extra[k] = v
    if preset:
        extra["preset"] = preset
    return make_article(
        title=title, cleaned=cleaned, reader=reader, opts=opts, path=path, raw_text=body_raw,
        raw_sha256=sha256(body_raw.encode("utf-8", "surrogatepass")), encoding=None, locator=locator,
        source=source, url=url, published=published, language=language, warnings=warnings, extra=extra,
    )


# --------------------------------------------------------------------------- readers


def _decode(doc: Document, reader: str) -> tuple[str | None, Rejection | None]:
    try:
        text, _ = decode(doc.read_bytes(), doc.name)
        return text, None
    except InputError as exc:
        return None, Rejection(path=doc.name, reason=exc.reason, reader=reader)


def read_csv(doc: Document, opts: ReadOptions) -> Iterator[Result]:
    text, rej = _decode(doc, "csv")
    if rej is not None:
        yield rej
        return
    text = text.lstrip("\ufeff")
    delimiter = "\t" if doc.name.lower().endswith(".tsv") else _delimiter(text[:65536])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield Rejection(path=doc.name, reader="csv", reason="empty file: no header row")
        return
    except csv.Error as exc:
        yield Rejection(path=doc.name, reader="csv", locator="line 1", reason=f"bad header row: {exc}")
        return
    columns = [c.strip() for c in header]
    mapping, preset = resolve_mapping(columns, opts)
    bad = _missing(doc.name, "csv", mapping, columns, opts)
    if bad is not None:
        yield bad
        return
    rowno = 0
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            rowno += 1
            yield Rejection(path=doc.name, reader="csv", locator=f"row {rowno}",
                            reason=f"line {line}: unreadable CSV ({exc}); check its quoting")
            continue
        if not cells or not any(c.strip() for c in cells):
            continue  # blank lines are not rows
        rowno += 1
        loc = f"row {rowno}"
        if len(cells) != len(columns):
            yield Rejection(path=doc.name, reader="csv", locator=loc,
                            reason=f"line {line}: {len(cells)} fields but the header has {len(columns)}; "
                                   "quote fields that contain the delimiter or line breaks")
            continue
        yield row_article(dict(zip(columns, cells)), mapping, preset, path=doc.name, locator=loc,
                          reader="csv", opts=opts)


def _delimiter(sample: str) -> str:
    first = sample.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_jsonl(doc: Document, opts: ReadOptions) -> Iterator[Result]:
    text, rej = _decode(doc, "jsonl")
    if rej is not None:
        yield rej
        return
    text = text.lstrip("\ufeff")
    records: Iterable[tuple[str, Any]]
    if text.lstrip().startswith("["):
        try:
            arr = json.loads(text)
        except ValueError as exc:
            yield Rejection(path=doc.name, reader="jsonl", reason=f"not a JSON array: {exc}")
            return
        records = ((f"item {i}", v) for i, v in enumerate(arr if isinstance(arr, list) else [arr], 1))
    else:
        records = _jsonl_lines(text)
    mapping: dict[str, str] | None = None
    preset = None
    columns: list[str] = []
    for loc, obj in records:
        if isinstance(obj, Rejection):
            obj.path = doc.name
            yield obj
            continue
        if not isinstance(obj, dict):
            yield Rejection(path=doc.name, reader="jsonl", locator=loc,
                            reason=f"a {type(obj).__name__}, not a JSON object; each line must be {{...}}")
            continue
        if mapping is None:  # the first object's keys decide the mapping
            columns = [str(k) for k in obj]
            mapping, preset = resolve_mapping(columns, opts)
            bad = _missing(doc.name, "jsonl", mapping, columns, opts)
            if bad is not None:
                bad.locator = loc
                yield bad
                return
        if mapping["body"] not in obj:
            yield Rejection(path=doc.name, reader="jsonl", locator=loc,
                            reason=f"no {mapping['body']!r} key (keys: {', '.join(map(str, obj))}); "
                                   "fix the record or --map body=KEY")
            continue
        yield row_article(obj, mapping, preset, path=doc.name, locator=loc, reader="jsonl", opts=opts)


def _jsonl_lines(text: str) -> Iterator[tuple[str, Any]]:
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield f"line {i}", json.loads(line)
        except ValueError as exc:
            yield f"line {i}", Rejection(path="", reader="jsonl", locator=f"line {i}",
                                         reason=f"not JSON ({exc}); one object per line is expected")


# registry-style names: ingest/__init__.py maps "csv" → (sniff_csv, read_csv), "jsonl" → (...)
READERS = {"csv": (sniff_csv, read_csv), "jsonl": (sniff_jsonl, read_jsonl)}

__all__ = ["sniff_csv", "read_csv", "sniff_jsonl", "read_jsonl", "row_article", "resolve_mapping",
           "PRESETS", "READERS", "FIELDS"]
