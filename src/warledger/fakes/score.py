"""Score FA-KES view rows against gold: the crowd CSV (dev_gold.csv) or the audited JSONL.

Per field, the share of gold rows matched exactly. A unit with one gold row is compared with
its primary (first) predicted row; a unit with several gold rows is matched greedily on
location, actor and cause. A unit the tool produced nothing for is compared with an empty row
(counts 0, everything else None): "nothing happened" is a prediction too.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, TextIO

from ..errors import InputError
from .view import COUNT_KEYS, ROW_KEYS

CSV_FIELDS = ("date", "location", "actor", "cause_of_death") + COUNT_KEYS
AUDITED_FIELDS = CSV_FIELDS + ("event_type",)
ALL4 = "all four counts"
MATCH_KEYS = ("location", "actor", "cause_of_death")

# The targets per gold kind (shown next to the scores; the eval gate pins baselines).
TARGETS = {
    "csv": {"location": 0.85, "actor": 0.70, "cause_of_death": 0.75, "nb_civilians": 0.65,
            "nb_noncivilians": 0.80, ALL4: 0.50},
    "audited": {"date": 0.85, "location": 0.90, "actor": 0.80, "cause_of_death": 0.85,
                "nb_civilians": 0.85, "nb_children": 0.85, "nb_women": 0.85,
                "nb_noncivilians": 0.85, "event_type": 0.80},
}
# audited event key -> view row key
_AUDITED_KEYS = {"acled_event_type": "event_type", "acled_sub_event_type": "sub_event_type"}


@dataclass
class Pair:
    """One gold row and the predicted row it was matched with, field by field."""

    unit_id: str
    gold: dict[str, Any]
    pred: dict[str, Any] | None
    ok: dict[str, bool] = field(default_factory=dict)


# --------------------------------------------------------------------------- reading


def detect_kind(path: str | Path, head: str | None = None) -> str:
    """'audited' (JSON lines) or 'csv', from the content first, the extension second."""
    if head is None:
        with open(path, encoding="utf-8-sig") as fh:
            head = fh.read(4096)
    first = head.lstrip()[:1]
    if first in ("{", "["):
        return "audited"
    if first:
        return "csv"
    return "audited" if str(path).endswith((".jsonl", ".json")) else "csv"


def read_gold(path: str | Path) -> tuple[str, dict[str, list[dict[str, Any]]]]:
    """(kind, unit_id -> gold rows in view-row keys) from either gold format."""
    path = str(path)
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except OSError as exc:
        raise InputError(path, f"cannot read the gold file ({exc.strerror}); check the path") from exc
    kind = detect_kind(path, text[:4096])
    units: dict[str, list[dict[str, Any]]] = {}
    if kind == "audited":
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                ev = obj["event"]
                uid = str(obj["unit_id"])
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(path, "not an audited gold line (want a JSON object with "
                                 f"unit_id and event): {exc}", f"line {n}") from exc
            row = {_AUDITED_KEYS.get(k, k): v for k, v in ev.items()}
            units.setdefault(uid, []).append(_normalise(row))
        return kind, units
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("unit_id",) + CSV_FIELDS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(path, f"gold CSV lacks column(s) {', '.join(missing)}; it needs "
                         f"unit_id,{','.join(CSV_FIELDS)} (the dev_gold.csv layout)")
    for row in reader:
        units.setdefault(str(row["unit_id"]).strip(), []).append(_normalise(row))
    return kind, units


def read_predictions(src: str | Path | TextIO | Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """unit_id -> predicted rows in file order (primary first), from JSONL or row dicts."""
    if isinstance(src, (str, Path)):
        with open(src, encoding="utf-8") as fh:
            lines = [json.loads(x) for x in fh if x.strip()]
    elif hasattr(src, "read"):
        lines = [json.loads(x) for x in src if x.strip()]  # type: ignore[union-attr]
    else:
        lines = list(src)
    units: dict[str, list[dict[str, Any]]] = {}
    for row in lines:
        units.setdefault(str(row["unit_id"]), []).append(_normalise(row))
    return units


def _normalise(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for k in COUNT_KEYS:
        out[k] = _int(row.get(k))
    for k in ("date", "location", "actor", "cause_of_death", "event_type", "sub_event_type"):
        v = row.get(k)
        out[k] = v.strip().lower() if isinstance(v, str) and v.strip() else None
    if out.get("date"):
        out["date"] = out["date"][:10]
    return out


def _int(v: Any) -> int:
    if v is None or v == "":
        return 0
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return 0


EMPTY = _normalise({k: None for k in ROW_KEYS})


# --------------------------------------------------------------------------- matching


def _agree(gold: dict[str, Any], pred: dict[str, Any], fields: Iterable[str]) -> dict[str, bool]:
    ok = {f: gold.get(f) == pred.get(f) for f in fields}
    ok[ALL4] = all(gold.get(f) == pred.get(f) for f in COUNT_KEYS)
    return ok


def match(gold: dict[str, list[dict[str, Any]]], pred: dict[str, list[dict[str, Any]]],
          fields: Iterable[str] = CSV_FIELDS) -> list[Pair]:
    """Pair every gold row with a predicted row (or None), in gold order."""
    fields = tuple(fields)
    pairs: list[Pair] = []
    for uid, grows in gold.items():
        prows = pred.get(uid, [])
        if len(grows) == 1:
            p = prows[0] if prows else None
            pairs.append(Pair(uid, grows[0], p, _agree(grows[0], p or EMPTY, fields)))
            continue
        free = list(range(len(prows)))
        for g in grows:
            best = None
            if free:
                # most agreements on location, actor, cause; ties go to the earlier row
                best = max(free, key=lambda i: (sum(g[k] == prows[i][k] for k in MATCH_KEYS), -i))
                free.remove(best)
            p = prows[best] if best is not None else None
            pairs.append(Pair(uid, g, p, _agree(g, p or EMPTY, fields)))
    return pairs


# --------------------------------------------------------------------------- scoring


def score(gold_path: str | Path, predictions: Any, *, echo: bool = False) -> dict[str, Any]:
    """Per-field exact-match shares of the gold rows; prints a table when echo is set."""
    kind, gold = read_gold(gold_path)
    pred = predictions if isinstance(predictions, dict) else read_predictions(predictions)
    fields = AUDITED_FIELDS if kind == "audited" else CSV_FIELDS
    pairs = match(gold, pred, fields)
    result = summarise(pairs, fields, kind)
    result["gold"] = str(gold_path)
    if echo:
        print(format_table(result))
    return result


def summarise(pairs: list[Pair], fields: Iterable[str], kind: str) -> dict[str, Any]:
    names = tuple(fields) + (ALL4,)
    n = len(pairs)
    matched = {f: sum(p.ok[f] for p in pairs) for f in names}
    return {
        "kind": kind,
        "rows": n,
        "units": len({p.unit_id for p in pairs}),
        "units_predicted": len({p.unit_id for p in pairs if p.pred is not None}),
        "matched": matched,
        "scores": {f: (matched[f] / n if n else 0.0) for f in names},
        "targets": TARGETS.get(kind, {}),
    }


def format_table(result: dict[str, Any]) -> str:
    lines = [f"gold: {result.get('gold', '?')} ({result['kind']}, {result['rows']} rows, "
             f"{result['units']} units, {result['units_predicted']} with a prediction)",
             f"{'field':<18}{'matched':>9}{'share':>8}{'target':>8}"]
    for f, s in result["scores"].items():
        t = result["targets"].get(f)
        flag = "" if t is None else ("  ok" if s >= t else "  below")
        lines.append(f"{f:<18}{result['matched'][f]:>5}/{result['rows']:<3}{s:>8.3f}"
                     f"{'' if t is None else f'{t:>8.2f}'}{flag}")
    return "\n".join(lines)
