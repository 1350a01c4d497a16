"""The contract between input sources and readers.

A source (file, directory member, zip member, stdin, URL) becomes a `Document`: a
name plus a way to open its bytes. A reader turns one Document into Articles and
Rejections; it never raises for bad content (a bad document is a result), only the
named errors of `warledger.errors` escape, and the orchestrator turns those into
Rejections too.
"""
from __future__ import annotations

import hashlib
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Callable, Iterator, Union

from ..records import Article, Rejection

Result = Union[Article, Rejection]


@dataclass
class Document:
    """One input document: its display name and a way to read its bytes."""

    name: str  # "data/a.html", "pages.zip!x/a.html", "-", "https://..."
    opener: Callable[[], IO[bytes]]
    size: int | None = None
    fs_path: str | None = None  # a real file path when there is one (streaming readers)
    _head: bytes | None = field(default=None, repr=False)
    _head_asked: int = field(default=0, repr=False)

    def open(self) -> IO[bytes]:
        return self.opener()

    def read_bytes(self) -> bytes:
        with self.open() as fh:
            return fh.read()

    def head(self, n: int = 65536) -> bytes:
        """The first bytes, for sniffing the format (cached)."""
        if self._head is None or (len(self._head) < n and len(self._head) == self._head_asked):
            want = max(n, 65536)
            with self.open() as fh:
                self._head = fh.read(want)
            self._head_asked = want
        return self._head[:n]

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> "Document":
        return cls(name=name, opener=lambda: io.BytesIO(data), size=len(data))


@dataclass
class ReadOptions:
    """Options every reader receives (one object per stage, STYLE rule 7)."""

    source: str | None = None  # --source: the outlet name to record
    mapping: dict[str, str] = field(default_factory=dict)  # --map field=column
    preset: str | None = None  # "fakes" or None (auto)
    raw_text_limit: int = 2_000_000  # keep raw text verbatim up to this size
    stats: Counter = field(default_factory=Counter)  # records skipped by kind (WARC requests ...)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# name -> (sniff(doc) -> score 0..1, read(doc, options) -> iterator of results)
Sniffer = Callable[[Document], float]
ReaderFn = Callable[[Document, ReadOptions], Iterator[Result]]
