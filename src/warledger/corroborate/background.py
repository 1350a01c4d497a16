"""Background word frequencies for the text component of the pair score.

idf computed from the events being corroborated alone is meaningless for small inputs
(two reports of the Ghouta attack share "nerve gas", so the input's own idf calls it a
common word). Document frequencies over the FA-KES sentences (CC BY 4.0, Abu Salem et
al. 2019) ship in data/background_df.json and are added to the input's own.

    python -m warledger.corroborate.background ../shared/data/fakes/articles.csv
"""
from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .similarity import analyze

DATA = "data/background_df.json"
_SENTENCE = re.compile(r"(?<=[\w\"”])\.\s+")


@lru_cache(maxsize=1)
def background_df() -> tuple[int, dict[str, int]]:
    """(number of background sentences, document frequency of each stemmed word)."""
    try:
        raw = resources.files(__package__).joinpath(DATA).read_text("utf-8")
    except FileNotFoundError:
        return 0, {}
    data = json.loads(raw)
    return int(data["n"]), data["df"]


def build(csv_path: Path, min_df: int = 2) -> dict:
    df: Counter[str] = Counter()
    n = 0
    csv.field_size_limit(sys.maxsize)
    with open(csv_path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for sent in _SENTENCE.split(row["article_title"] + ". " + row["article_content"]):
                toks = set(analyze(sent))
                if toks:
                    n += 1
                    df.update(toks)
    return {"source": "FA-KES articles.csv sentences (CC BY 4.0, doi:10.5281/zenodo.2607278)",
            "n": n, "df": {w: c for w, c in sorted(df.items()) if c >= min_df}}


if __name__ == "__main__":
    out = Path(__file__).with_name("data") / "background_df.json"
    out.write_text(json.dumps(build(Path(sys.argv[1])), ensure_ascii=False, separators=(",", ":")),
                   encoding="utf-8")
    print(f"wrote {out}")
