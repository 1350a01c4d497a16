"""Parse PHP var_dump blocks `string(N) "..."` holding a JSON-ish list of related items.

Forced by the seed (alalam-2013-06-12-aleppo.txt): the CMS dumped its related-stories
list with PHP's var_dump, so the JSON inside is NOT escaped — its last title is
`Syrian army starts "North storm" to save Aleppo`. N is the content's length in UTF-8
bytes, which is how we find the end; field values are found from the item structure
(`{"id":"..","sort":"..","contenttypeid":"..","pic":"..","title":".."} ,{...}`): a string
value runs to the quote that is followed by `,"key":` or by the `}` closing the item.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Iterator

from ..errors import PHPDumpError
from ..records import RelatedItem

# `string(875) "` — the header of a var_dump'ed string
DUMP_START = re.compile(r'string\((\d{1,9})\)\s*"')
_WS = re.compile(r"\s*")
_KEY = re.compile(r'"([^"\\]{0,64})"\s*:\s*')
# the quote closing a string value: followed by the next `"key":` or by the item's `}`
_VALUE_END = re.compile(r'"(?=\s*,\s*"[^"\\]{0,64}"\s*:|\s*\}\s*(?:,\s*\{|,?\s*\Z))')
_BARE = re.compile(r"null|true|false|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_UNESCAPED_QUOTE = re.compile(r'(?<!\\)((?:\\\\)*)"')

IMAGE_EXT = {"jpg", "jpeg", "png", "gif", "webp", "bmp", "svg"}
VIDEO_EXT = {"mp4", "flv", "webm", "mov", "avi", "m4v", "mkv", "3gp", "wmv", "m3u8"}
_FIELD_MAP = {"contenttypeid": "content_type", "content_type": "content_type", "pic": "media_path",
              "image": "media_path", "media": "media_path", "url": "url", "link": "url",
              "id": "id", "sort": "sort", "title": "title"}


@dataclass
class PHPDump:
    """One parsed `string(N) "..."` block and where it sits in the text (char offsets)."""

    start: int  # offset of "string("
    end: int  # offset just after the closing quote
    declared: int  # N, in bytes
    actual: int  # the content's real length in UTF-8 bytes
    content: str
    items: list[RelatedItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def media_kind(path: str | None) -> str | None:
    """"image" / "video" from a media file's extension, else None."""
    if not path:
        return None
    ext = path.rsplit("?", 1)[0].rsplit(".", 1)[-1].lower() if "." in path else ""
    if ext in IMAGE_EXT:
        return "image"
    if ext in VIDEO_EXT:
        return "video"
    return None


def _unescape(value: str) -> str:
    """JSON string escapes (\\u2019, \\/) decoded; the unescaped inner quotes kept as is."""
    if "\\" not in value:
        return value
    try:
        return json.loads('"' + _UNESCAPED_QUOTE.sub(lambda m: m.group(1) + '\\"', value) + '"')
    except ValueError:
        return value


def parse_related(content: str, offset: int = 0) -> list[RelatedItem]:
    """Items of a JSON-ish list `[{"id":"1","title":"a "quoted" b"} ,{...} ]`.

    `offset` is the content's position in the document, for error messages."""
    text = content.strip()
    lead = len(content) - len(content.lstrip())
    if not text.startswith("[") or not text.endswith("]"):
        raise PHPDumpError("related-items dump is not a [...] list", offset)
    inner = text[1:-1]
    base = offset + lead + 1
    items: list[RelatedItem] = []
    pos = _WS.match(inner).end()
    n = len(inner)
    while pos < n:
        if inner[pos] != "{":
            raise PHPDumpError(f"expected '{{' to open item {len(items) + 1}, found {inner[pos]!r}", base + pos)
        pos += 1
        values: dict[str, str | None] = {}
        while True:
            pos = _WS.match(inner, pos).end()
            if pos < n and inner[pos] == "}":
                pos += 1
                break
            km = _KEY.match(inner, pos)
            if km is None:
                raise PHPDumpError(f'expected a "key": in item {len(items) + 1}', base + pos)
            key, pos = km.group(1), km.end()
            if pos < n and inner[pos] == '"':
                vm = _VALUE_END.search(inner, pos + 1)
                if vm is None:
                    raise PHPDumpError(f"unterminated value of {key!r} in item {len(items) + 1}", base + pos)
                values[key] = _unescape(inner[pos + 1:vm.start()])
                pos = vm.end()
            else:
                bm = _BARE.match(inner, pos)
                if bm is None:
                    raise PHPDumpError(f"bad value of {key!r} in item {len(items) + 1}", base + pos)
                values[key] = None if bm.group() == "null" else bm.group()
                pos = bm.end()
            pos = _WS.match(inner, pos).end()
            if pos < n and inner[pos] == ",":
                pos += 1
                continue
            if pos < n and inner[pos] == "}":
                pos += 1
                break
            raise PHPDumpError(f"expected ',' or '}}' in item {len(items) + 1}", base + pos)
        items.append(_item(values))
        pos = _WS.match(inner, pos).end()
        if pos < n:
            if inner[pos] != ",":
                raise PHPDumpError(f"expected ',' between items, found {inner[pos]!r}", base + pos)
            pos = _WS.match(inner, pos + 1).end()
            if pos >= n:
                break  # a trailing comma: tolerated
    return items


def _item(values: dict[str, str | None]) -> RelatedItem:
    kw: dict[str, str | None] = {}
    for k, v in values.items():
        f = _FIELD_MAP.get(k.lower())
        if f and kw.get(f) is None:
            kw[f] = v
    item = RelatedItem(**kw)
    item.media_kind = media_kind(item.media_path)
    return item


def find_dumps(text: str, start: int = 0) -> Iterator[re.Match[str]]:
    """Every `string(N) "` header in the text."""
    return DUMP_START.finditer(text, start)


def parse_dump(text: str, start: int = 0) -> PHPDump:
    """Parse the var_dump block whose `string(` is at or after `start`.

    Uses N (UTF-8 bytes) to find the closing quote; when N disagrees with the content the
    block's own structure (`]"`) decides, with a warning. Raises PHPDumpError."""
    m = DUMP_START.search(text, start)
    if m is None:
        raise PHPDumpError('no `string(N) "` block', start)
    declared = int(m.group(1))
    cstart = m.end()
    warnings: list[str] = []
    tail = text[cstart:].encode("utf-8", "surrogatepass")
    cend: int | None = None
    if len(tail) > declared and tail[declared:declared + 1] == b'"':
        try:
            cend = cstart + len(tail[:declared].decode("utf-8"))
        except UnicodeDecodeError:
            cend = None
    if cend is None:
        # N is off (re-encoded file, hand-edited dump): the list's own end `]"` decides
        close = text.find(']"', cstart)
        if close < 0:
            raise PHPDumpError(f"string({declared}) is not closed: no '\"' after {declared} bytes "
                               "and no ']\"' ending a list", m.start())
        cend = close + 1
        actual = len(text[cstart:cend].encode("utf-8", "surrogatepass"))
        warnings.append(f"PHP dump at offset {m.start()} declares string({declared}) but its content "
                        f"is {actual} UTF-8 bytes; used the list's closing ']\"' instead")
    content = text[cstart:cend]
    actual = len(content.encode("utf-8", "surrogatepass"))
    items = parse_related(content, cstart) if content.lstrip().startswith("[") else []
    if not items and not content.lstrip().startswith("["):
        warnings.append(f"PHP dump at offset {m.start()} holds a plain string, not a related-items list")
    return PHPDump(start=m.start(), end=cend + 1, declared=declared, actual=actual, content=content,
                   items=items, warnings=warnings)


__all__ = ["PHPDump", "parse_dump", "parse_related", "find_dumps", "media_kind", "DUMP_START"]
