"""Guard for extraction speed work: the extractor's output must not change, byte for byte.

Writes a reference (every event's ``to_dict()`` per article, one JSON line per article, sorted
keys) for the FA-KES articles plus the seed article, then regenerates and diffs against it.
The place finder's answers are recorded next to the reference, so a later run can replay them
(``--frozen-places``): the diff then shows the extraction core's changes alone, even while the
place matcher is being changed too. ``--time`` measures the core with places stubbed out;
``--against DIR`` times another checkout's ``src`` (e.g. ``git archive HEAD src | tar -x -C DIR``)
in the same run, alternating, since the machine is noisy.

    python scripts/extract_diff.py --write-ref              # once, before changing anything
    python scripts/extract_diff.py [--frozen-places]        # after each change: exit 1 on a diff
    python scripts/extract_diff.py --time [--against /tmp/orig/src]
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared"
FAKES = SHARED / "data" / "fakes" / "articles.csv"
REF = Path("/tmp/extract_ref.jsonl")


def articles(csv: Path = FAKES) -> list:
    """The FA-KES articles, then the seed article (ingest.read, as the pipeline reads them)."""
    from warledger.ingest import read

    out = [a for a in read([str(csv)]) if hasattr(a, "body")]
    seed = resources.files("warledger.examples").joinpath("alalam-2013-06-12-aleppo.txt")
    out += [a for a in read([str(seed)]) if hasattr(a, "body")]
    return out


@dataclass
class FrozenPlace:
    """A recorded place mention: the attributes the extractor reads from one."""

    start: int
    end: int
    text: str
    place: Any
    score: float
    kind: str
    candidates: int


class Recorder:
    """Wraps a place finder, keeping each answer by (text, title)."""

    def __init__(self, finder):
        self.finder, self.seen = finder, {}

    def __call__(self, text, title=None):
        out = self.finder(text, title=title)
        self.seen[(text, title)] = [(p.start, p.end, p.text, p.place.to_dict(), p.score,
                                     getattr(p, "kind", None), getattr(p, "candidates", 0)) for p in out]
        return out


def replayer(path: Path):
    from warledger.records import Place

    seen = pickle.loads(path.read_bytes())
    cache = {k: [FrozenPlace(s, e, t, Place.from_dict(pl), sc, kd, n) for s, e, t, pl, sc, kd, n in v]
             for k, v in seen.items()}

    def find(text, title=None):
        return list(cache[(text, title)])
    return find


def dump(arts: list, finder) -> list[str]:
    from warledger.extract import extract

    return [json.dumps({"id": a.id, "events": [e.to_dict() for e in extract(a, find_places=finder)]},
                       sort_keys=True, ensure_ascii=False) for a in arts]


def places_path(ref: Path) -> Path:
    return ref.with_suffix(".places.pkl")


def diff(ref_lines: list[str], new_lines: list[str], show: int) -> int:
    bad = 0
    for old, new in zip(ref_lines, new_lines):
        if old == new:
            continue
        bad += 1
        if bad <= show:
            o, n = json.loads(old), json.loads(new)
            print(f"DIFF article {o['id']}: {len(o['events'])} -> {len(n['events'])} events")
            for i, (eo, en) in enumerate(zip(o["events"], n["events"])):
                for k in sorted(set(eo) | set(en)):
                    if eo.get(k) != en.get(k):
                        print(f"  event {i} {k}:\n    ref {json.dumps(eo.get(k))[:400]}\n"
                              f"    new {json.dumps(en.get(k))[:400]}")
    if len(ref_lines) != len(new_lines):
        print(f"article count differs: ref {len(ref_lines)}, new {len(new_lines)}")
        bad += 1
    return bad


def core_rate(repeat: int) -> float:
    """Articles/s of CPU time, places stubbed out, best of ``repeat`` passes."""
    from warledger.extract import extract

    arts = articles()[:-1]  # the FA-KES articles only, as benchmarks/extract.py
    nop = lambda t, title=None: []  # noqa: E731
    extract(arts[0], find_places=nop)
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        for a in arts:
            extract(a, find_places=nop)
        best = min(best, time.process_time() - t)
    return len(arts) / best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", type=Path, default=REF)
    ap.add_argument("--write-ref", action="store_true", help="write the reference (real places)")
    ap.add_argument("--frozen-places", action="store_true", help="replay the reference's places")
    ap.add_argument("--out", type=Path, help="also write the regenerated lines here")
    ap.add_argument("--show", type=int, default=10, help="articles whose differences to print")
    ap.add_argument("--time", action="store_true", help="core articles/s (places stubbed)")
    ap.add_argument("--against", type=Path, help="with --time: another src dir timed alternately")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rate-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.rate_only:
        print(core_rate(args.repeat))
        return 0
    if args.time:
        rounds = 3 if args.against else 1
        mine: list[float] = []
        theirs: list[float] = []
        for _ in range(rounds):
            if args.against:
                env = dict(os.environ, PYTHONPATH=str(args.against))
                r = subprocess.run([sys.executable, __file__, "--rate-only", "--repeat", str(args.repeat)],
                                   env=env, capture_output=True, text=True, check=True)
                theirs.append(float(r.stdout.split()[-1]))
            r = subprocess.run([sys.executable, __file__, "--rate-only", "--repeat", str(args.repeat)],
                               capture_output=True, text=True, check=True)
            mine.append(float(r.stdout.split()[-1]))
        print(f"core (places stubbed): {max(mine):8.0f} articles/s CPU  (rounds: {[round(x) for x in mine]})")
        if theirs:
            print(f"{str(args.against)[:30]:>21}: {max(theirs):8.0f} articles/s CPU  (rounds: "
                  f"{[round(x) for x in theirs]})  speed-up x{max(mine) / max(theirs):.2f}")
        return 0

    arts = articles()
    if args.write_ref:
        from warledger.extract.places import find_places

        rec = Recorder(find_places)
        lines = dump(arts, rec)
        args.ref.write_text("\n".join(lines) + "\n", encoding="utf-8")
        places_path(args.ref).write_bytes(pickle.dumps(rec.seen))
        n_ev = sum(len(json.loads(x)["events"]) for x in lines)
        print(f"wrote {args.ref} ({len(lines)} articles, {n_ev} events) and {places_path(args.ref)}")
        return 0
    finder = replayer(places_path(args.ref)) if args.frozen_places else None
    t = time.process_time()
    lines = dump(arts, finder)
    took = time.process_time() - t
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ref_lines = args.ref.read_text(encoding="utf-8").splitlines()
    bad = diff(ref_lines, lines, args.show)
    print(f"{len(lines)} articles in {took:.2f} s CPU "
          f"({'frozen' if args.frozen_places else 'real'} places): "
          f"{'IDENTICAL' if not bad else f'{bad} articles differ'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
