"""Extraction speed on the 792 FA-KES articles, one core, next to a near-limit reference.

Prints: gazetteer load time, articles/s for `warledger.extract.extract`, articles/s for one
regex tokenising pass (re.findall(r"\\w+", text)) over the same texts and their ratio, and
resident memory (ru_maxrss). Targets: >= 1,000 articles/s, load < 1 s, RSS < 400 MB.
When the extraction modules run compiled (setup.py builds them with mypyc on `pip install .`),
the same passes are timed again in a child process on the pure-Python modules
(WARLEDGER_PURE=1) and the ratio is printed: the baseline of the same run.
Figures only, no assertions.

    python benchmarks/extract.py [ARTICLES_CSV] [--repeat N]
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
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
    ap.add_argument("--rate-only", action="store_true", help="print only extraction articles/s (the child run)")
    args = ap.parse_args(argv)
    if args.rate_only:
        print(_rate(args.csv, args.repeat)[0])
        return

    from warledger.extract import COMPILED

    print(f"extraction modules: {'compiled (mypyc)' if COMPILED else 'pure Python'}")
    rate, rate_regex, n_events = _rate(args.csv, args.repeat, verbose=True)
    print(f"extract:        {rate:9.0f} articles/s ({n_events} events; target >= 1,000)")
    print(f"regex \\w+ pass: {rate_regex:9.0f} articles/s (near-limit reference)")
    print(f"ratio extract/regex: {rate / rate_regex:.3f}")
    print(f"resident memory (max RSS): {rss_mb():.0f} MB (target < 400 MB)")
    if COMPILED:
        env = dict(os.environ, WARLEDGER_PURE="1")
        out = subprocess.run([sys.executable, __file__, args.csv, "--repeat", str(args.repeat), "--rate-only"],
                             env=env, capture_output=True, text=True, check=True).stdout
        pure = float(out.split()[-1])
        print(f"pure Python:    {pure:9.0f} articles/s (same passes, WARLEDGER_PURE=1)")
        print(f"ratio compiled/pure: {rate / pure:.2f}")


def _rate(csv: str, repeat: int, verbose: bool = False) -> tuple[float, float, int]:
    """(extraction articles/s, regex-pass articles/s, events) over ``csv``, best of ``repeat``."""
    from warledger.fakes import read_articles
    from warledger.records import Article

    t0 = time.perf_counter()
    articles = [a for a in read_articles(csv) if isinstance(a, Article)]
    t_read = time.perf_counter() - t0
    if verbose:
        print(f"articles: {len(articles)} (read in {t_read:.2f} s)   rss after read: {rss_mb():.0f} MB")

    t0 = time.perf_counter()
    try:
        from warledger.extract.places import get_gazetteer

        get_gazetteer()
        if verbose:
            print(f"gazetteer load: {time.perf_counter() - t0:.3f} s (target < 1 s)   rss: {rss_mb():.0f} MB")
    except ImportError as exc:
        print(f"gazetteer load: n/a ({exc})")

    from warledger.extract import extract

    extract(articles[0])  # first call loads lexicons; timed passes below are warm
    texts = [a.title + "\n" + a.body for a in articles]
    best_x = best_r = float("inf")
    n_events = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n_events = sum(len(extract(a)) for a in articles)
        best_x = min(best_x, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for t in texts:
            re.findall(r"\w+", t)
        best_r = min(best_r, time.perf_counter() - t0)
    n = len(articles)
    return n / best_x, n / best_r, n_events


if __name__ == "__main__":
    main()
