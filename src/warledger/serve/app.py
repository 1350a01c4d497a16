"""The web app: FastAPI over a Store, with the JSON API, the HTML pages and one error shape.

`create_app(store)` builds it (tests use it in-process); `serve()` runs it with uvicorn,
bound to loopback unless told otherwise, read-only unless a write token is configured.
"""
from __future__ import annotations

import logging
from http import HTTPStatus
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__, settings
from ..errors import ConfigError, ExportError, NotFoundError, StoreError, WarledgerError
from ..store import Store

HERE = Path(__file__).resolve().parent
log = logging.getLogger("warledger.serve")

ERROR_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large", 422: "invalid", 500: "internal_error",
               503: "unavailable"}

# No inline script or style anywhere, and nothing from another host: a title that
# carries "<script>" could not run even if an escape were ever missed.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def error_body(status: int, message: str, detail=None) -> dict:
    """The one JSON error shape of the whole API."""
    body = {"ok": False, "status": status, "error": ERROR_CODES.get(status, HTTPStatus(status).phrase.lower()
                                                                    .replace(" ", "_")),
            "message": message}
    if detail is not None:
        body["detail"] = detail
    return body


def create_app(store: Store, *, write_token: str | None = None, cache_ttl: float = 0.0) -> FastAPI:
    """The app over `store`; POST /api/articles works only when `write_token` is set.

    `cache_ttl` > 0 keeps finished JSON list/stats responses that many seconds (serve uses 5).
    """
    from . import api, pages
    from .examples import ERROR

    app = FastAPI(title="warledger", version=__version__,
                  description="A verified, geolocated ledger of violent events read from news reports. "
                              "Every HTML page has a JSON twin under /api/.",
                  docs_url=None, redoc_url=None)  # Swagger UI loads from a CDN: no network here
    app.state.store = store
    app.state.write_token = write_token or None
    app.state.cache = api.ResponseCache(ttl=cache_ttl)
    err = {"content": {"application/json": {"example": ERROR}}, "description": "Error (one shape for all)"}
    app.include_router(api.router, responses={400: err, 404: err, 422: err})
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api") or request.url.path.endswith(".json") \
            or "application/json" in request.headers.get("accept", "")

    def respond(request: Request, status: int, message: str, detail=None, headers=None):
        if wants_json(request):
            return JSONResponse(error_body(status, message, detail), status_code=status, headers=headers)
        return HTMLResponse(pages.error_page(request, status, message), status_code=status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and message == "Not Found":
            message = f"no route {request.url.path}; the API's routes are listed at /openapi.json"
        return respond(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errs = [{"loc": [str(x) for x in e.get("loc", ())], "msg": e.get("msg", "")} for e in exc.errors()]
        first = errs[0] if errs else {"loc": [], "msg": "invalid request"}
        message = f"{'.'.join(first['loc'][1:]) or 'request'}: {first['msg']}"
        return respond(request, 422, message, errs)

    @app.exception_handler(WarledgerError)
    async def _named(request: Request, exc: WarledgerError):
        status = (404 if isinstance(exc, NotFoundError) else 503 if isinstance(exc, StoreError)
                  else 400 if isinstance(exc, (ExportError, ConfigError)) else 400)
        return respond(request, status, str(exc))

    @app.exception_handler(ValueError)
    async def _value(request: Request, exc: ValueError):
        return respond(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return respond(request, 500, f"internal error ({type(exc).__name__}); this is a bug, please report it")

    app.add_middleware(SecurityHeaders)
    return app


class SecurityHeaders:
    """Pure ASGI middleware adding SECURITY_HEADERS (BaseHTTPMiddleware costs ~1 ms a request)."""

    _raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self._raw if k not in have]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def serve(db: str | None = None, *, host: str = "127.0.0.1", port: int = 8000,
          write_token: str | None = None, open_browser: bool = False, log_level: str = "warning",
          cache_ttl: float = 5.0) -> None:
    """Run the web UI and API on host:port until interrupted (loopback only by default)."""
    import uvicorn

    store = Store(db)
    token = write_token or settings.get("write_token")
    app = create_app(store, write_token=token, cache_ttl=cache_ttl)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    print(f"warledger: serving {store.url} at {url} ({'writes enabled' if token else 'read-only'}); "
          "Ctrl-C stops it", flush=True)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level=log_level)


def get_path(db: str | None, path: str) -> tuple[int, str]:
    """Answer one GET path in-process (`warledger serve --get /api/stats`): (status, body)."""
    from fastapi.testclient import TestClient  # needs httpx, which the app itself does not

    with TestClient(create_app(Store(db)), raise_server_exceptions=False) as client:
        r = client.get(path)
    return r.status_code, r.text
