#!/usr/bin/env bash
# Compile a copy of the extraction modules with mypyc, as setup.py does on `pip install .`, so a
# compiled build can be timed or diffed next to the sources without installing it:
#   scripts/compile_copy.sh /tmp/compiled [SRC_DIR]      (SRC_DIR defaults to this checkout's src)
#   PYTHONPATH=/tmp/compiled/src python benchmarks/extract.py
#   PYTHONPATH=/tmp/compiled/src python scripts/extract_diff.py
set -euo pipefail
out=${1:?usage: scripts/compile_copy.sh OUT_DIR [SRC_DIR]}
src=$(cd "${2:-$(dirname "$0")/../src}" && pwd)
rm -rf "$out" && mkdir -p "$out" && cp -r "$src" "$out/src" && cd "$out/src"
find . -name "*.so" -delete
find . -name __pycache__ -prune -exec rm -rf {} +
mods=$(ls warledger/extract/*.py | grep -v __init__)
# shellcheck disable=SC2086
MYPYC_OPT_LEVEL=3 mypyc --ignore-missing-imports $mods > build.log 2>&1 \
  || { grep -v warning build.log | tail -20; exit 1; }
echo "compiled $(ls warledger/extract/*.so | wc -l) modules into $out/src (log: $out/src/build.log)"
