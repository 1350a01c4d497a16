"""serve: the web UI, the REST API and the exports over a store.

`create_app(store)` builds the FastAPI app; `serve(db)` runs it (the CLI's `serve`);
`warledger.serve.export.export(store, fmt)` writes CSV, GeoJSON or Parquet (the CLI's `export`).
"""
from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]
