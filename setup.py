"""Build hook: compile the extraction modules with mypyc when building a wheel.

Extraction is the hot path (issue 3's target: >= 1,000 FA-KES articles/s on one core). mypyc
compiles `src/warledger/extract/*.py` as they are (they type-check clean under mypy) into C
extensions: about 1.3x on the same Python, with byte-identical output (tests/test_compiled.py).
The .py files ship too, so the build falls back to pure Python, with a message, when:
  - WARLEDGER_PURE=1 is set (the same variable forces the pure modules at run time);
  - the install is editable (`pip install -e .`): the sources you edit are the ones that run;
  - mypyc or a C compiler is missing, or compiling fails.
Everything else (metadata, dependencies) is in pyproject.toml.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
# only the commands that build binaries compile: the metadata hooks that pip runs first do not
_BUILDS = {"bdist_wheel", "build", "build_ext", "install"}  # not "develop": editable, see above


def _say(msg: str) -> None:
    print(f"warledger build: {msg}", file=sys.stderr)


def _compiled_extensions() -> list:
    if os.environ.get("WARLEDGER_PURE", "") not in ("", "0") or not _BUILDS.intersection(sys.argv[1:]):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError as exc:
        _say(f"mypyc is not installed ({exc}); installing pure Python")
        return []
    os.chdir(HERE)  # mypyc reads the module paths (and writes build/) relative to here
    mods = sorted(str(p.relative_to(HERE)) for p in (HERE / "src" / "warledger" / "extract").glob("*.py")
                  if p.name != "__init__.py")
    try:
        # the build environment lacks the run-time dependencies: their types are Any here
        return mypycify(["--ignore-missing-imports", *mods], opt_level="3", group_name="warledger_extract")
    except (Exception, SystemExit) as exc:  # mypyc exits via SystemExit on a type error
        _say(f"mypyc could not compile the extraction modules ({exc!r}); installing pure Python")
        return []


class OptionalBuildExt(build_ext):
    """build_ext that leaves the pure-Python modules in place instead of failing the install."""

    def run(self) -> None:
        if getattr(self, "editable_mode", False):
            _say("editable install: the extraction modules stay pure Python")
            return
        try:
            super().run()
        except Exception as exc:  # a compiler error must not fail the install
            # a partial set would not import (the modules need their shared part): drop them all
            for ext in self.extensions:
                out = Path(self.get_ext_fullpath(ext.name))
                if out.exists():
                    out.unlink()
            _say(f"compiling failed ({exc!r}); installing pure Python")


setup(ext_modules=_compiled_extensions(), cmdclass={"build_ext": OptionalBuildExt})
