"""Shared fixtures: an in-memory store, the path to ../shared (skip when absent)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from warledger.extract import COMPILED
from warledger.store import Store

# CI runs the property tests on a fixed example sequence, so a red CI is reproducible;
# local runs keep exploring new examples (set HYPOTHESIS_PROFILE=ci to get CI's).
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _shared_dir() -> Path | None:
    env = os.environ.get("WARLEDGER_SHARED")
    for cand in ([Path(env)] if env else []) + [REPO.parent / "shared", REPO.parent.parent / "shared"]:
        if (cand / "data").is_dir():
            return cand
    return None


SHARED = _shared_dir()


def pytest_report_header(config: pytest.Config) -> str:
    return f"warledger extraction modules: {'compiled (mypyc)' if COMPILED else 'pure Python'}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a compiled install (setup.py: mypyc), a test that monkeypatches a function of the
    extraction modules cannot reach their callers, which call it directly: it skips here and
    runs in tests/test_compiled.py's pure-Python run (WARLEDGER_PURE=1) instead."""
    if not COMPILED:
        return
    skip = pytest.mark.skip(reason="patches an extraction internal that compiled code calls directly; "
                                   "tests/test_compiled.py runs it on the pure-Python modules")
    for item in items:
        if "pure_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def shared() -> Path:
    """../shared (the project's real data); the test skips with a reason when it is absent."""
    if SHARED is None:
        pytest.skip("../shared is absent (it holds licensed test data; CI always has it; "
                    "set WARLEDGER_SHARED to point at a copy)")
    return SHARED


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the session (skips with the reason when unavailable)."""
    from pg import TempPostgres, why_unavailable

    reason = why_unavailable()
    if reason:
        pytest.skip(reason)
    server = TempPostgres()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request) -> Store:
    """A fresh store on each backend users run: embedded SQLite and a real PostgreSQL."""
    if request.param == "sqlite":
        s = Store(":memory:")
    else:
        s = Store(request.getfixturevalue("postgres_server").fresh_database())
    yield s
    s.close()


@pytest.fixture
def store() -> Store:
    """A fresh in-memory store."""
    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
