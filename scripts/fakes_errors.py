"""Error analysis for the FA-KES evaluation: which gold rows a field gets wrong, and why.

Lists unit_id, gold value, predicted value, the title and the extraction's evidence for the
field, then a confusion summary (gold → predicted, most frequent first).

    python scripts/fakes_errors.py --field actor [--gold ../shared/eval/dev_audited.jsonl] [--limit 40]
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from warledger.fakes import predict, read_articles
from warledger.fakes import score as S
from warledger.records import Rejection

SHARED = Path(__file__).resolve().parents[2] / "shared"
# which evidence Mentions explain a field
EVIDENCE_KINDS = {"actor": ("actor", "claimant"), "location": ("place",), "date": ("date",),
                  "cause_of_death": ("trigger", "weapon"), "event_type": ("trigger", "weapon"),
                  "nb_civilians": ("casualty", "number"), "nb_children": ("casualty", "number"),
                  "nb_women": ("casualty", "number"), "nb_noncivilians": ("casualty", "number"),
                  S.ALL4: ("casualty", "number")}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--field", default="actor", help="date, location, actor, cause_of_death, "
                    "nb_civilians, nb_children, nb_women, nb_noncivilians, event_type, 'all four counts'; "
                    "several separated by commas")
    ap.add_argument("--gold", default=str(SHARED / "data/fakes/dev_gold.csv"))
    ap.add_argument("--articles", default=str(SHARED / "data/fakes/articles.csv"))
    ap.add_argument("--limit", type=int, default=30, help="errors listed (0 = all)")
    args = ap.parse_args(argv)

    kind, gold = S.read_gold(args.gold)
    preds, by_unit = {}, {}
    wanted = (a for a in read_articles(args.articles)
              if not isinstance(a, Rejection) and str(a.extra.get("unit_id")) in gold)
    for p in predict(wanted):
        if isinstance(p, Rejection):
            continue
        uid = str(p.article.extra.get("unit_id"))
        if uid not in gold:
            continue
        by_unit[uid] = p
        preds[uid] = [dict(r, _event=i) for i, r in enumerate(p.rows)]
    fields = S.AUDITED_FIELDS if kind == "audited" else S.CSV_FIELDS
    pairs = S.match(gold, {u: [S._normalise(r) for r in rs] for u, rs in preds.items()}, fields)
    for name in [f.strip() for f in args.field.split(",") if f.strip()]:
        if name not in pairs[0].ok:
            raise SystemExit(f"unknown field {name!r}; choose from {', '.join(pairs[0].ok)}")
        report(name, pairs, by_unit, args, kind)


def report(field, pairs, by_unit, args, kind) -> None:
    args.field = field
    wrong = [pr for pr in pairs if not pr.ok[args.field]]
    print(f"{args.field}: {len(pairs) - len(wrong)}/{len(pairs)} right on {args.gold} ({kind})\n")
    show = (lambda row: tuple(row.get(k) for k in S.COUNT_KEYS)) if args.field == S.ALL4 \
        else (lambda row: row.get(args.field))
    confusion: Counter = Counter()
    for n, pr in enumerate(wrong):
        g, p = show(pr.gold), show(pr.pred or S.EMPTY)
        confusion[(str(g), str(p))] += 1
        if args.limit and n >= args.limit:
            continue
        pred = by_unit.get(pr.unit_id)
        print(f"- {pr.unit_id}  gold={g!r}  pred={p!r}")
        if pred is None:
            print("    (article not read)")
            continue
        print(f"    title: {pred.article.title[:150]}")
        if pr.gold.get("evidence"):
            print(f"    gold evidence: {pr.gold['evidence'][:200]}")
        if pred.error:
            print(f"    extraction failed: {pred.error}")
        if pr.pred is None or not pred.events:
            print("    (no event extracted)")
            continue
        ev = pred.events[pr.pred["_event"]]
        if ev.sentence is not None:
            print(f"    sentence: {ev.sentence.text[:200]}")
        kinds = EVIDENCE_KINDS.get(args.field, ())
        for m in [m for m in ev.evidence if m.kind in kinds][:4]:
            print(f"    {m.kind}/{m.label}: {m.span.text[:80]!r} -> {m.value}")
        if args.field == "actor":
            print(f"    actor1={ev.actor1!r} actor2={ev.actor2!r} claimed_by={ev.claimed_by}")
        if args.field == "location":
            print(f"    place={ev.place.name!r} admin1={ev.place.admin1!r} precision={ev.place.precision}")
        if args.field == "date":
            print(f"    date={ev.date} basis={ev.date_basis} published={pred.article.published}")
    print("\nconfusion (gold -> predicted):")
    for (g, p), c in confusion.most_common(25):
        print(f"  {c:4d}  {g} -> {p}")
    print("\n" + "=" * 78 + "\n")


if __name__ == "__main__":
    main()
