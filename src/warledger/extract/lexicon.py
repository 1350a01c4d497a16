"""Loads the extractor's lexicons (JSON data files under extract/data/), once per process."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed JSON data file ``extract/data/<name>``."""
    with resources.files("warledger.extract").joinpath("data", name).open("r", encoding="utf-8") as fh:
        return json.load(fh)
