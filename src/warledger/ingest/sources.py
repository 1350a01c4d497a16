"""Inputs → Documents: files, folders, globs, .zip members, .gz streams, '-' and URLs.

Also the cheap content tests (`is_warc`, `is_feed`, `is_html`) the readers' sniff()
functions share. Nothing here parses a format; it only finds and opens documents.
"""
from __future__ import annotations

import glob
import gzip
import io
import os
import re
import sys
import urllib.error
import urllib.request
import zipfile
import zlib
from pathlib import Path
from typing import IO, Iterator

from ..errors import InputError
from ..records import Rejection
from .base import Document

FETCH_TIMEOUT = 30.0  # seconds, per URL
FETCH_MAX_BYTES = 64 * 1024 * 1024  # a larger response is refused, not truncated
USER_AGENT = "warledger (+https://pypi.org/project/warledger)"
_GLOB_CHARS = re.compile(r"[*?\[]")


# ------------------------------------------------------------------ expansion


def expand(inputs: list[str]) -> Iterator[Document | Rejection]:
    """One Document per input document, in a stable order; a Rejection for a missing path."""
    for item in inputs:
        if item == "-":
            data = sys.stdin.buffer.read()  # read once: stdin cannot be re-opened for sniffing
            yield Document.from_bytes("-", data)
        elif re.match(r"(?i)https?://", item):
            yield url_document(item)
        elif os.path.isdir(item):
            yield from _walk(Path(item))
        elif os.path.exists(item):
            yield from file_documents(Path(item), item)
        elif _GLOB_CHARS.search(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield Rejection(path=item, reason="no file matches this pattern")
            for m in matches:
                if os.path.isdir(m):
                    yield from _walk(Path(m))
                elif not _hidden(Path(m).name):
                    yield from file_documents(Path(m), m)
        else:
            yield Rejection(path=item, reason="no such file or directory")


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(root: Path) -> Iterator[Document | Rejection]:
    """Every non-hidden file under root, in path order (a/x before b/y before c)."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not _hidden(d)]  # prunes the walk too
        found.extend(Path(dirpath) / fn for fn in filenames if not _hidden(fn))
    for path in sorted(found, key=lambda p: p.relative_to(root).parts):
        yield from file_documents(path, str(path))


def file_documents(path: Path, name: str) -> Iterator[Document | Rejection]:
    """The documents inside one file: itself, its zip members, or its gunzipped stream."""
    try:
        is_zip = zipfile.is_zipfile(path)
    except OSError as exc:
        yield Rejection(path=name, reason=f"cannot open: {exc.strerror or exc}")
        return
    if is_zip:
        yield from _zip_members(path, name)
    elif _is_gzip_file(path):
        yield Document(name=name, opener=lambda p=path: gzip.open(p, "rb"))
    else:
        yield Document(name=name, opener=lambda p=path: open(p, "rb"),
                       size=path.stat().st_size, fs_path=str(path))


def _is_gzip_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(2) == b"\x1f\x8b"
    except OSError:
        return False


class _ZipMember(io.RawIOBase):
    """A zip member stream that also closes its archive (one open file per reader)."""

    def __init__(self, path: Path, member: str):
        self._zf = zipfile.ZipFile(path)
        self._fh = self._zf.open(member)

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        data = self._fh.read(len(b))
        b[: len(data)] = data
        return len(data)

    def read(self, n: int = -1) -> bytes:
        return self._fh.read(n)

    def close(self) -> None:
        if not self.closed:
            self._fh.close()
            self._zf.close()
        super().close()


def _zip_members(path: Path, name: str) -> Iterator[Document | Rejection]:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = sorted((i for i in zf.infolist() if not i.is_dir()), key=lambda i: i.filename)
    except (zipfile.BadZipFile, OSError) as exc:
        yield Rejection(path=name, reason=f"broken zip archive ({exc}); re-create or unzip it")
        return
    for info in infos:
        if any(_hidden(part) for part in info.filename.split("/")) or "__MACOSX" in info.filename:
            continue
        member_name = f"{name}!{info.filename}"

        def opener(m=info.filename) -> IO[bytes]:
            return io.BufferedReader(_ZipMember(path, m))

        if info.filename.lower().endswith(".gz"):
            yield Document(name=member_name, opener=lambda o=opener: gzip.open(o(), "rb"))
        else:
            yield Document(name=member_name, opener=opener, size=info.file_size)


# ------------------------------------------------------------------ URLs


def fetch(url: str, *, timeout: float = FETCH_TIMEOUT, max_bytes: int = FETCH_MAX_BYTES) -> bytes:
    """The body of an http(s) URL; InputError for network errors, HTTP errors or oversize."""
    if not re.match(r"(?i)https?://", url):
        raise InputError(url, "only http:// and https:// URLs can be fetched")
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(url, f"response is {int(length)} bytes, over the {max_bytes}-byte "
                                 "cap; download it and ingest the file")
            data = resp.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"HTTP {exc.code} {exc.reason}; check the URL") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(url, f"could not fetch ({reason}); check the URL and your network") from None
    if len(data) > max_bytes:
        raise InputError(url, f"response is over the {max_bytes}-byte cap; download it and "
                         "ingest the file")
    return data


def url_document(url: str) -> Document:
    """A Document that fetches the URL once, on first open (sniffing and reading share it)."""
    cache: dict[str, bytes] = {}

    def opener() -> IO[bytes]:
        if "data" not in cache:
            cache["data"] = fetch(url)
        return io.BytesIO(cache["data"])

    return Document(name=url, opener=opener)


# ------------------------------------------------------------------ content tests

SNIFF_BYTES = 65536


def read_all(doc: Document) -> bytes:
    """All of a (small) document's bytes; a broken stream becomes an InputError."""
    try:
        return doc.read_bytes()
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(doc.name, f"cannot read ({type(exc).__name__}: {exc}); if it is a "
                         ".gz file, check it with `gzip -t`") from None


def head_of(doc: Document, n: int = SNIFF_BYTES) -> bytes:
    """The first n bytes for sniffing. Document.head() caches whatever length was asked
    first (the orchestrator's empty-file test asks for 1 byte), so re-read when short."""
    try:
        head = doc.head(n)
        if len(head) < n and doc.size != len(head):
            with doc.open() as fh:
                head = fh.read(n)
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        raise InputError(doc.name, f"cannot read ({type(exc).__name__}: {exc}); if it is a "
                         ".gz file, check it with `gzip -t`") from None
    return head



def _ungzip_head(head: bytes) -> bytes:
    if head[:2] != b"\x1f\x8b":
        return head
    try:  # a truncated head is fine: decompress what is there
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
    except zlib.error:
        return b""


def _text_head(head: bytes, n: int = 4096) -> str:
    """The head as lower-case text for tag tests (BOM and UTF-16 tolerated)."""
    head = head[: n * 2]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "ignore").lower()
    return head.decode("utf-8", "ignore").lstrip("\ufeff").lower()


def _skip_prolog(text: str) -> str:
    """Text after leading whitespace, <?xml ...?>, comments and processing instructions."""
    prolog = re.compile(r"\s*(<\?.*?\?>|<!--.*?-->)", re.S)
    while True:
        m = prolog.match(text)
        if not m:
            return text.lstrip()
        text = text[m.end():]


def is_warc(head: bytes) -> bool:
    """WARC ('WARC/1.0') or ARC ('filedesc://') records, raw or gzipped."""
    head = _ungzip_head(head).lstrip()
    return head.startswith((b"WARC/0.", b"WARC/1.", b"filedesc://"))


_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf|channel)[\s>]")


def is_feed(head: bytes) -> bool:
    """An RSS, Atom or RDF feed: its root element, after the XML prolog."""
    text = _skip_prolog(_text_head(head))
    if text.startswith("<!doctype"):
        text = _skip_prolog(text[text.find(">") + 1:])
    return bool(_FEED_ROOT.match(text))


def html_score(head: bytes) -> float:
    """How sure we are that the head is HTML: a page 0.9, a fragment of tags 0.4, else 0."""
    text = _skip_prolog(_text_head(head))
    if re.match(r"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", text):
        return 0.9
    if is_feed(head) or is_warc(head):
        return 0.0
    tags = len(re.findall(r"</?(p|div|br|span|a|h[1-6]|article|section|li|table|meta|title)[\s>/]",
                          text))
    return 0.4 if text.startswith("<") and tags >= 3 else 0.0


def is_html(head: bytes) -> bool:
    """A page or a fragment of HTML (see html_score)."""
    return html_score(head) > 0


def sniff_format(doc: Document) -> str | None:
    """'warc', 'feed' or 'html' by content, or None (the registry in ingest/ decides)."""
    try:
        head = head_of(doc)
    except InputError:
        return None
    if is_warc(head):
        return "warc"
    if is_feed(head):
        return "feed"
    if is_html(head):
        return "html"
    return None
