"""Settings: each declared once as (name, default, help), resolved defaults → env → flags."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from .errors import ConfigError

DB_ENV = "WARLEDGER_DB"
TOKEN_ENV = "WARLEDGER_WRITE_TOKEN"


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS = {
    s.name: s
    for s in [
        Setting("db", None, f"Store URL or SQLite path; env {DB_ENV}; default: a file in the user data dir"),
        Setting("write_token", None, f"Token that enables POST /api/articles; env {TOKEN_ENV}"),
        Setting("raw_text_limit", 2_000_000, "Raw documents up to this many characters are kept verbatim"),
        Setting("gazetteer", None, "User gazetteer file written by `gazetteer import`; env WARLEDGER_GAZETTEER"),
    ]
}


def get(name: str, override: object = None) -> object:
    if name not in SETTINGS:
        raise ConfigError(f"unknown setting {name!r}; valid: {', '.join(sorted(SETTINGS))}")
    if override is not None:
        return override
    env = os.environ.get("WARLEDGER_" + name.upper())
    return env if env is not None else SETTINGS[name].default


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("warledger")) / "warledger.sqlite"


def resolve_db_url(db: str | os.PathLike | None = None) -> str:
    """A SQLAlchemy URL from --db, $WARLEDGER_DB or the per-user default SQLite file."""
    value = str(db) if db is not None else os.environ.get(DB_ENV) or str(default_db_path())
    if value == ":memory:":
        return "sqlite://"
    if "://" in value:
        return value
    path = Path(value).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"
