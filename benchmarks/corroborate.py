"""Corroboration speed: seconds to corroborate 1k, 10k and 100k events.

Synthetic events are derived from the FA-KES gold rows (governorate, counts, cause,
perpetrator) with jittered dates and places (real villages of that governorate from the
WOF gazetteer). Each synthetic real event is reported 1–4 times (mean ≈ 1.7) by
different outlets with jittered tolls, a day's slack and sometimes another culprit; 5 %
of reports are verbatim wire copies. Article bodies are the event sentence plus four real
FA-KES sentences, lightly scrambled, so near-duplicate detection sees realistic text. The date span grows
with n (≈ 3 reports per governorate-day, the density of a busy war year), the usual way
a ledger grows. Prints wall and CPU seconds and the pairwise precision/recall of the
clusters against the synthetic truth; never asserts. The machines are shared: when the
load is high, CPU seconds are the steadier figure.

    python benchmarks/corroborate.py [--shared ../shared] [--sizes 1000,10000,100000]
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from warledger.corroborate import corroborate
from warledger.records import Article, Count, Event, Place, Span

csv.field_size_limit(sys.maxsize)

REGION = {"aleppo": "Aleppo", "damascus": "Rif Dimashq", "idlib": "Idlib", "deir ezzor": "Days Az Zawr",
          "raqqa": "Ar Raqqah", "homs": "Homs (Hims)", "hasakeh": "Hasaka (Al Haksa)", "hama": "Hamah",
          "daraa": "Dar`a", "lattakia": "Lattakia", "quneitra": "Quneitra", "tartous": "Tartus"}
SUB = {"shelling": "Shelling/artillery/missile attack", "explosion": "Remote explosive/landmine/IED",
       "chemical and toxic gases": "Chemical weapon", "shooting": "Armed clash",
       "execution": "Attack", "unknown": None}
OUTLETS = ["ahram", "manar", "alalam", "alaraby", "dailysabah", "sputnik", "sana", "etilaf", "trt",
           "jordantimes", "reuters", "arabiya", "nna", "asharqalawsat", "tass"]
TEMPLATES = ["At least {k} {v} were killed in {c} on {p} on {d}", "{k} {v} killed as {c} hits {p}",
             "{c} on {p} leaves {k} {v} dead", "The death toll from {c} in {p} rose to {k} on {d}",
             "Activists reported {k} {v} dead in {p} after {c}",
             "A source told the agency that {c} claimed the lives of {k} {v} in {p}"]
WORDS = {"shelling": ["shelling", "air strikes", "rocket fire", "artillery fire", "barrel bombs"],
         "explosion": ["a car bomb", "a bomb blast", "an explosion", "a suicide bombing"],
         "chemical and toxic gases": ["a gas attack", "a chemical attack", "toxic gas"],
         "shooting": ["clashes", "gunfire", "sniper fire"], "execution": ["executions"]}
PER_GOV_DAY = 3.0  # reports per governorate per day


def load(shared: Path):
    gold = list(csv.DictReader(open(shared / "data/fakes/dev_gold.csv", encoding="utf-8")))
    gold = [g for g in gold if g["location"] in REGION]
    places = defaultdict(list)
    with open(shared / "data/gazetteer/wof_sy.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["deprecated"] == "1" or not r["lat"] or r["placetype"] != "locality":
                continue
            places[r["region"]].append((r["name"], float(r["lat"]), float(r["lon"]), r["wof_id"]))
    sentences = []
    with open(shared / "data/fakes/articles.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            sentences += [s.strip() for s in re.split(r"(?<=\w)\. ", r["article_content"])
                          if len(s.split()) >= 8]
    return gold, places, sentences


def filler(rng: random.Random, sentences: list[str]) -> list[str]:
    """Four real FA-KES sentences with one word in four swapped for another real word, so
    that 100k synthetic articles do not all quote the same 10k sentences verbatim (which
    would make every article a partial copy of forty others)."""
    out = []
    for s in rng.sample(sentences, 4):
        words = s.split()
        for k in range(rng.randrange(4), len(words), 4):
            words[k] = rng.choice(rng.choice(sentences).split())
        out.append(" ".join(words))
    return out


def synth(n: int, gold, places, sentences, seed: int = 1):
    rng = random.Random(seed)
    span = max(int(n / (PER_GOV_DAY * len(REGION))), 1)
    start = date(2012, 1, 1)
    events, articles = [], []
    k = truth = 0
    while len(events) < n:
        truth += 1
        g = rng.choice(gold)
        region = REGION[g["location"]]
        name, lat, lon, gid = rng.choice(places[region])
        day = start + timedelta(days=rng.randrange(span))
        civ, fighters = int(g["nb_civilians"] or 0), int(g["nb_noncivilians"] or 0)
        killed = max(civ + fighters, 1) + rng.randrange(0, 5)
        victims = "combatants" if fighters > civ else "civilians"
        sub = SUB.get(g["cause_of_death"])
        reports = 1 + min(int(rng.expovariate(1.4)), 3)
        outlets = rng.sample(OUTLETS, reports)
        for r, outlet in enumerate(outlets):
            k += 1
            aid, eid = f"a_syn{k}", f"e_syn{k}"
            kr = max(0, round(killed * rng.uniform(0.7, 1.3)))
            d = day + timedelta(days=rng.choice([0, 0, 0, 1]))
            vague = rng.random() < 0.3
            place = (Place(name=region, admin1=region, country="SY", precision="governorate")
                     if vague else
                     Place(name=name, gazetteer_id=gid, admin1=region, country="SY",
                           lat=lat + rng.uniform(-0.01, 0.01), lon=lon + rng.uniform(-0.01, 0.01),
                           precision="place"))
            actor = g["actor"] if rng.random() < 0.8 else rng.choice(
                ["syrian government or russian troops", "armed opposition groups"])
            sentence = rng.choice(TEMPLATES).format(
                k=kr, v=victims, c=rng.choice(WORDS.get(g["cause_of_death"], ["an attack"])),
                p=name, d=f"{d:%A}")
            if r > 0 and rng.random() < 0.05:
                body = articles[-1].body  # a wire copy of the previous report
            else:
                body = " ".join([sentence] + filler(rng, sentences))
            articles.append(Article(id=aid, title=sentence[:60], body=body, source=outlet,
                                    published=d.isoformat()))
            events.append(Event(
                id=eid, article_id=aid, primary=True, date=d.isoformat(), date_precision="day",
                place=place, actor1=actor, event_type="Explosions/Remote violence", sub_event_type=sub,
                cause=g["cause_of_death"], killed=Count(low=kr, best=kr),
                victims={victims: Count(low=kr, best=kr)},
                sentence=Span(aid, 0, len(sentence), sentence), notes=f"truth {truth}"))
    return events[:n], articles


def pair_scores(ledger, events) -> tuple[float, float]:
    """Pairwise precision and recall of the clusters against the synthetic truth."""
    truth = {e.id: e.notes for e in events}
    got = {c.event_id: le.id for le in ledger for c in le.claims}

    def pairs(label):
        groups = defaultdict(list)
        for eid, g in label.items():
            groups[g].append(eid)
        return sum(len(v) * (len(v) - 1) // 2 for v in groups.values())

    both = defaultdict(int)
    for eid in truth:
        both[(truth[eid], got[eid])] += 1
    tp = sum(v * (v - 1) // 2 for v in both.values())
    p, t = pairs(got), pairs(truth)
    return (tp / p if p else 1.0), (tp / t if t else 1.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = Path(__file__).resolve().parents[1]
    ap.add_argument("--shared", default=str(here.parent / "shared"))
    ap.add_argument("--sizes", default="1000,10000,100000")
    args = ap.parse_args()
    gold, places, sentences = load(Path(args.shared))
    print(f"{'events':>8} {'articles':>8} {'ledger':>8} {'seconds':>8} {'cpu s':>7} {'µs/event':>9} "
          f"{'pair P':>7} {'pair R':>7}")
    for n in (int(x) for x in args.sizes.split(",")):
        events, articles = synth(n, gold, places, sentences)
        t, c = time.perf_counter(), time.process_time()
        ledger = corroborate(events, articles)
        dt, cpu = time.perf_counter() - t, time.process_time() - c
        prec, rec = pair_scores(ledger, events)
        print(f"{n:>8} {len(articles):>8} {len(ledger):>8} {dt:>8.2f} {cpu:>7.2f} {dt / n * 1e6:>9.1f} "
              f"{prec:>7.3f} {rec:>7.3f}", flush=True)


if __name__ == "__main__":
    main()
