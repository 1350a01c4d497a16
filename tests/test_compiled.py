"""The compiled extraction modules (setup.py builds them with mypyc on `pip install .`) give
exactly what the pure-Python ones give, and WARLEDGER_PURE=1 switches to the pure ones."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from warledger.extract import COMPILED

from conftest import FIXTURES, SHARED

TESTS = Path(__file__).resolve().parent
NOT_COMPILED = ("the extraction modules are pure Python in this install (editable, WARLEDGER_PURE=1, "
                "or no C compiler at build time); CI installs with `pip install .`, which compiles them")

# extraction in a fresh interpreter: every event of every article, as JSON
_EXTRACT = """
import json, sys
from warledger.extract import COMPILED, extract
from warledger.ingest import read
arts = [a for a in read(sys.argv[1:]) if hasattr(a, "body")]
print(json.dumps({"compiled": COMPILED, "events": [[e.to_dict() for e in extract(a)] for a in arts]},
                 sort_keys=True, default=str))
"""


def _run(code: str, *args: str, pure: bool) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("WARLEDGER_PURE", None)
    if pure:
        env["WARLEDGER_PURE"] = "1"
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True,
                          timeout=600)


def test_pure_switch_imports_the_source_modules():
    r = _run("import warledger.extract as e, warledger.extract.places as p, warledger.extract.events as ev;"
             "print(e.COMPILED, p.__file__, ev.__file__)", pure=True)
    assert r.returncode == 0, r.stderr
    compiled, *files = r.stdout.split()
    assert compiled == "False"
    assert all(f.endswith(".py") for f in files), files


def test_compiled_output_is_the_pure_output():
    if not COMPILED:
        pytest.skip(NOT_COMPILED)
    inputs = [str(resources.files("warledger.examples").joinpath("alalam-2013-06-12-aleppo.txt")),
              str(FIXTURES / "fakes" / "tiny_articles.csv")]
    if SHARED is not None:  # all 792 FA-KES articles: every rule fires somewhere in them
        inputs.append(str(SHARED / "data" / "fakes" / "articles.csv"))
    fast, plain = _run(_EXTRACT, *inputs, pure=False), _run(_EXTRACT, *inputs, pure=True)
    assert fast.returncode == 0, fast.stderr[-3000:]
    assert plain.returncode == 0, plain.stderr[-3000:]
    a, b = json.loads(fast.stdout), json.loads(plain.stdout)
    assert (a["compiled"], b["compiled"]) == (True, False)
    assert sum(map(len, a["events"])) >= len(a["events"])  # events were extracted at all
    diffs = [i for i, (x, y) in enumerate(zip(a["events"], b["events"])) if x != y]
    assert len(a["events"]) == len(b["events"]) and not diffs, f"articles whose events differ: {diffs[:10]}"


def test_pure_only_tests_pass_on_the_pure_modules():
    """The tests that patch an extraction internal (marked pure_only: compiled callers never see
    the patch, so they skip on a compiled install) run here on the pure-Python modules."""
    if not COMPILED:
        pytest.skip(NOT_COMPILED + "; the pure_only tests ran in this session itself")
    env = dict(os.environ, WARLEDGER_PURE="1")
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-m", "pure_only", "-p", "no:cacheprovider",
                        str(TESTS)], env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert " passed" in r.stdout and " skipped" not in r.stdout.splitlines()[-1], r.stdout[-500:]
