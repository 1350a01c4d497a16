"""Named exceptions. The library raises these; only the CLI and the API translate them."""
from __future__ import annotations


class WarledgerError(Exception):
    """Base class of every error warledger raises on purpose."""


class InputError(WarledgerError):
    """A document could not be read; the message names the file, the place and the reason."""

    def __init__(self, path: str, reason: str, locator: str | None = None):
        self.path, self.reason, self.locator = path, reason, locator
        where = path + (f" ({locator})" if locator else "")
        super().__init__(f"{where}: {reason}")


class UnknownFormatError(InputError):
    """No reader recognises the input; pass --format to force one."""


class EncodingError(InputError):
    """The bytes are not text in any encoding we could detect."""


class MappingError(InputError):
    """A CSV/JSONL column mapping names a column the file does not have."""


class PHPDumpError(WarledgerError):
    """A PHP var_dump `string(N) "..."` block is malformed."""

    def __init__(self, reason: str, offset: int | None = None):
        self.reason, self.offset = reason, offset
        super().__init__(reason + (f" at offset {offset}" if offset is not None else ""))


class StoreError(WarledgerError):
    """The store could not be opened or written; nothing was half-written."""


class NotFoundError(WarledgerError):
    """No record with that id exists in the store."""


class ConfigError(WarledgerError):
    """An unknown or invalid setting; the message lists the valid ones."""


class GazetteerError(WarledgerError):
    """A gazetteer file is not in the expected (GeoNames) format."""


class ModelError(WarledgerError):
    """A credibility model file is missing, malformed or from an incompatible version."""


class ExportError(WarledgerError):
    """An export was asked in an unknown format or view; the message lists the valid ones."""


class ExtractError(WarledgerError):
    """A parallel extraction batch failed as a whole (a worker died); the message names the batch."""


class MissingDependencyError(WarledgerError):
    """An optional feature needs an extra that is not installed; the message names the pip command."""
