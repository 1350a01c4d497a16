"""Evaluation gate (STYLE rule 12): FA-KES scores may not drop below the committed baseline.

Runs the real pipeline on ../shared/data/fakes/articles.csv and scores it against the crowd
gold (dev_gold.csv) and the audited gold (dev_audited.jsonl). When a change raises a score,
raise the baseline in tests/fixtures/fakes/eval_baseline.json a little below the new value.
"""
from __future__ import annotations

import json

import pytest

from warledger import fakes

GOLDS = {"dev_gold.csv": "data/fakes/dev_gold.csv", "dev_audited.jsonl": "eval/dev_audited.jsonl"}


_RUNS: dict = {}  # one extraction run shared by both golds (the `shared` fixture is per test)


@pytest.fixture
def rows(shared):
    if shared not in _RUNS:
        report = fakes.run(shared / "data/fakes/articles.csv")
        assert report.articles == 792, f"expected all 792 FA-KES articles, got {report.articles}"
        _RUNS[shared] = report.rows
    return _RUNS[shared]


@pytest.mark.parametrize("name", sorted(GOLDS))
def test_scores_do_not_drop_below_baseline(name, rows, shared, fixtures):
    baseline = json.loads((fixtures / "fakes/eval_baseline.json").read_text())[name]
    assert baseline, f"no baseline for {name}"
    result = fakes.score.score(shared / GOLDS[name], rows)
    drops = {f: (round(result["scores"][f], 3), floor) for f, floor in baseline.items()
             if result["scores"][f] < floor}
    assert not drops, f"{name}: field (score, baseline) below the baseline: {drops}"
