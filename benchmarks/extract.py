"""Extraction speed on the 792 FA-KES articles, one core, next to a near-limit reference.

Prints: gazetteer load time, articles/s for `warledger.extract.extract`, articles/s for one
regex tokenising pass (re.findall(r"\\w+", text)) over the same texts and their ratio, and
resident memory (ru_maxrss). Targets: >= 1,000 articles/s, load < 1 s, RSS < 400 MB.
Figures only, no assertions.

    python benchmarks/extract.py [ARTICLES_CSV] [--repeat N]
"""
from __future__ import annotations

import argparse
import re
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
DEFAULT_CSV = HERE.parents[2] / "shared" / "data" / "fakes" / "articles.csv"


def rss_mb() -> float:
    # ru_maxrss is KiB on Linux (bytes on macOS)
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / (1024 * 1024) if sys.platform == "darwin" else r / 1024


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv", nargs="?", default=str(DEFAULT_CSV))
    ap.add_argument("--repeat", type=int, default=3, help="passes over the articles (best is kept)")
    args = ap.parse_args(argv)

    from warledger.fakes import read_articles
    from warledger.records import Article

    t0 = time.perf_counter()
    articles = [a for a in read_articles(args.csv) if isinstance(a, Article)]
    t_read = time.perf_counter() - t0
    print(f"articles: {len(articles)} (read in {t_read:.2f} s)   rss after read: {rss_mb():.0f} MB")

    t0 = time.perf_counter()
    try:
        from warledger.extract.places import get_gazetteer

        get_gazetteer()
        print(f"gazetteer load: {time.perf_counter() - t0:.3f} s (target < 1 s)   rss: {rss_mb():.0f} MB")
    except ImportError as exc:
        print(f"gazetteer load: n/a ({exc})")

    from warledger.extract import extract

    extract(articles[0])  # first call loads lexicons; timed passes below are warm
    texts = [a.title + "\n" + a.body for a in articles]
    best_x = best_r = float("inf")
    n_events = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        n_events = sum(len(extract(a)) for a in articles)
        best_x = min(best_x, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for t in texts:
            re.findall(r"\w+", t)
        best_r = min(best_r, time.perf_counter() - t0)
    n = len(articles)
    print(f"extract:        {n / best_x:9.0f} articles/s ({n_events} events; target >= 1,000)")
    print(f"regex \\w+ pass: {n / best_r:9.0f} articles/s (near-limit reference)")
    print(f"ratio extract/regex: {best_r / best_x:.3f}")
    print(f"resident memory (max RSS): {rss_mb():.0f} MB (target < 400 MB)")


if __name__ == "__main__":
    main()
