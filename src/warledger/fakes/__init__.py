"""FA-KES view and evaluation: map extracted Events onto FA-KES gold rows and score them.

`run(articles_csv, gold=None, out=None)` is what `warledger fakes run` calls.
"""
from __future__ import annotations

from .evaluate import FakesReport, Prediction, predict, read_articles, run
from . import score  # the module: score.score(gold, predictions) is the scorer
from .score import read_gold, read_predictions
from .view import ROW_KEYS, rows, to_row

__all__ = ["run", "FakesReport", "Prediction", "predict", "read_articles", "score",
           "read_gold", "read_predictions", "rows", "to_row", "ROW_KEYS"]
