"""The command line: a thin Typer shell over the library functions of the same names.

Each command parses flags, calls one library function, and turns the library's named
errors into a one-line message and an exit code. Nothing is computed only here.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from . import __version__
from .errors import WarledgerError

app = typer.Typer(
    help="warledger: news reports about armed conflict → a verified, geolocated ledger of events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = typer.Option(None, "--db", envvar="WARLEDGER_DB",
                        help="Store: SQLite path or SQLAlchemy URL (default: a file in your user data dir).")


def fail(message: str, code: int = 1) -> None:
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code)


def echo_json(obj) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"warledger {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """warledger command line."""


def main() -> None:
    try:
        app()
    except WarledgerError as exc:  # the library's named errors become one clear line
        typer.secho(f"error: {exc}", err=True, fg=typer.colors.RED)
        sys.exit(1)


_ = (Path, Optional)  # used by the command sections below

# ---------------------------------------------------------------- ingest / articles (lead)


def _progress(label: str, total: int | None = None):
    """A progress bar on stderr when it is a terminal (quiet in pipes and CI)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    return Progress(SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, transient=True,
                    disable=not console.is_terminal)


def _print_rejections(report) -> None:
    for r in report.rejected:
        typer.secho(f"rejected: {r}", err=True, fg=typer.colors.YELLOW)


@app.command("ingest")
def ingest_cmd(
    paths: list[str] = typer.Argument(..., help="Files, folders, globs, .zip/.gz, http(s) feed URLs, or - for stdin."),
    format: Optional[str] = typer.Option(None, "--format", "-f",
                                         help="Force a reader: warc, feed, html, csv, jsonl, textdump."),
    db: Optional[str] = DbOption,
    map: Optional[list[str]] = typer.Option(None, "--map", help="CSV/JSONL columns: title=COL,body=COL,published=COL,source=COL,url=COL,id=COL."),
    source: Optional[str] = typer.Option(None, "--source", help="Outlet name to record for every article."),
    json_out: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Read inputs into the store as clean, deduplicated Articles (one all-or-nothing batch).

    Example: warledger ingest ../shared/seed/alalam-2013-06-12-aleppo.txt fakes.csv
    """
    from .ingest import parse_mapping
    from .pipeline import ingest
    from .store import Store

    store = Store(db)
    with _progress("ingesting") as bar:
        task = bar.add_task("ingest", total=None)
        report = ingest(paths, store, format=format, mapping=parse_mapping(map), source=source,
                        progress=lambda _r: bar.advance(task))
    if json_out:
        echo_json(report.to_dict())
    else:
        _print_rejections(report)
        typer.echo(report.summary())
    if report.rejected:
        raise typer.Exit(2)


articles_app = typer.Typer(help="List and show stored articles.", invoke_without_command=True)
app.add_typer(articles_app, name="articles")


@articles_app.callback()
def articles_list(
    ctx: typer.Context,
    db: Optional[str] = DbOption,
    source: Optional[str] = typer.Option(None, "--source", help="Only this outlet."),
    since: Optional[str] = typer.Option(None, "--since", help="Published on or after (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Published on or before (YYYY-MM-DD)."),
    text: Optional[str] = typer.Option(None, "--text", "-q", help="Title or body contains this text."),
    limit: int = typer.Option(50, "--limit", help="At most this many rows (0: all)."),
    json_out: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """List stored articles, filtered by outlet, date or text.

    Example: warledger articles --source alalam --since 2013-01-01
    """
    if ctx.invoked_subcommand is not None:
        return
    from .store import Store

    rows = Store(db).articles(source=source, since=since, until=until, text_query=text,
                              limit=limit or None)
    if json_out:
        for a in rows:
            typer.echo(json.dumps({"id": a.id, "source": a.source, "published": a.published,
                                   "title": a.title, "reader": a.reader}, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "published", "source", "title")
    for a in rows:
        table.add_row(a.id, a.published or "", a.source or "", a.title[:80])
    Console().print(table)


@articles_app.command("show")
def articles_show(
    article_id: str = typer.Argument(..., help="Article id (or an unambiguous prefix)."),
    db: Optional[str] = DbOption,
    json_out: bool = typer.Option(False, "--json", help="The whole Article record as JSON."),
    raw: bool = typer.Option(False, "--raw", help="Print the raw input as it was read."),
) -> None:
    """Show one article: its metadata and clean text, the record as JSON, or the raw input.

    Example: warledger articles show a_3f2c --json
    """
    from .store import Store

    store = Store(db)
    art = store.get_article(article_id)
    if raw:
        typer.echo(art.raw.text if art.raw.text is not None
                   else f"(raw input not kept inline: {art.raw.path} sha256 {art.raw.sha256})")
        return
    if json_out:
        echo_json({**art.to_dict(), "sightings": store.sightings(art.id)})
        return
    typer.echo(f"{art.title}\n{art.source or '?'} · {art.published or 'date unknown'} · {art.id}\n")
    typer.echo(art.body)
    for w in art.warnings:
        typer.secho(f"warning: {w}", err=True, fg=typer.colors.YELLOW)


@app.command("run")
def run_cmd(
    paths: Optional[list[str]] = typer.Argument(None, help="Inputs as for `ingest`; none with --examples."),
    examples: bool = typer.Option(False, "--examples", help="Use the bundled examples (the seed and FA-KES articles)."),
    db: Optional[str] = DbOption,
    format: Optional[str] = typer.Option(None, "--format", "-f", help="Force a reader (see `ingest`)."),
    map: Optional[list[str]] = typer.Option(None, "--map", help="CSV/JSONL column mapping (see `ingest`)."),
    source: Optional[str] = typer.Option(None, "--source", help="Outlet name for every article."),
) -> None:
    """The whole job: ingest → extract → corroborate → verify, then how to look at it.

    Example: warledger run --examples
    """
    from .ingest import parse_mapping
    from .pipeline import example_paths, run
    from .store import Store

    inputs = list(paths or []) + (example_paths() if examples else [])
    if not inputs:
        fail("give input paths or --examples")
    store = Store(db)
    with _progress("ingesting") as bar:
        task = bar.add_task("run", total=None)
        report = run(inputs, store, format=format, mapping=parse_mapping(map), source=source,
                     progress=lambda _r: bar.advance(task))
    _print_rejections(report.ingest)
    typer.echo(report.summary())
    db_hint = f" --db {db}" if db else ""
    typer.echo(f"\nstore: {store.url}\nlook at it:  warledger serve{db_hint}   (then open http://127.0.0.1:8000)")
    if report.ingest.rejected:
        raise typer.Exit(2)

# ---------------------------------------------------------------- extract / events / explain (extract)


@app.command("extract")
def extract_cmd(
    db: Optional[str] = DbOption,
    article: Optional[list[str]] = typer.Option(None, "--article", help="Only these article ids."),
) -> None:
    """Extract events from the stored articles (idempotent: re-running rewrites the same events).

    Example: warledger extract --db ledger.sqlite
    """
    from .pipeline import extract
    from .store import Store

    store = Store(db)
    total = len(article) if article else store.counts()["articles"]
    with _progress("extracting", total) as bar:
        task = bar.add_task("extract", total=total)
        report = extract(store, article_ids=article, progress=lambda _a: bar.advance(task))
    for aid, err in report.failed:
        typer.secho(f"failed: {aid}: {err}", err=True, fg=typer.colors.YELLOW)
    typer.echo(report.summary())


def _event_filter(date_from, date_to, admin1, country, event_type, actor, min_killed, source, text,
                  primary=False, bbox=None, cred_min=None, cred_max=None):
    from .store import EventFilter

    box = None
    if bbox:
        try:
            box = tuple(float(x) for x in bbox.split(","))
            assert len(box) == 4
        except (ValueError, AssertionError):
            fail("--bbox takes west,south,east,north (e.g. 35.5,32.3,42.4,37.4)")
    return EventFilter(date_from=date_from, date_to=date_to, admin1=admin1, country=country,
                       event_type=event_type, actor=actor, min_killed=min_killed, source=source,
                       text=text, primary_only=primary, bbox=box, credibility_min=cred_min,
                       credibility_max=cred_max)


def event_row(e) -> dict:
    """The flat view of an Event used by `events --format table|csv`."""
    return {"id": e.id, "article_id": e.article_id, "primary": e.primary, "date": e.date,
            "place": e.place.name, "admin1": e.place.admin1, "country": e.place.country,
            "event_type": e.event_type, "sub_event_type": e.sub_event_type, "actor1": e.actor1,
            "actor2": e.actor2, "killed": e.killed.best, "injured": e.injured.best, "cause": e.cause}


@app.command("events")
def events_cmd(
    db: Optional[str] = DbOption,
    date_from: Optional[str] = typer.Option(None, "--from", help="Event date on or after (YYYY-MM-DD)."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Event date on or before."),
    admin1: Optional[str] = typer.Option(None, "--admin1", help="Governorate / province."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO country code (SY, IQ ...)."),
    event_type: Optional[str] = typer.Option(None, "--type", help="ACLED event type, e.g. Battles."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Perpetrator contains this text."),
    min_killed: Optional[int] = typer.Option(None, "--min-killed", help="At least this many killed (best)."),
    source: Optional[str] = typer.Option(None, "--source", help="Reported by this outlet."),
    text: Optional[str] = typer.Option(None, "--text", "-q", help="Article contains this text."),
    article: Optional[str] = typer.Option(None, "--article", help="Events of this article id."),
    primary: bool = typer.Option(False, "--primary", help="Only each article's headline event."),
    limit: int = typer.Option(100, "--limit", help="At most this many (0: all)."),
    format: str = typer.Option("table", "--format", help="table, json or csv."),
) -> None:
    """List extracted events with filters, as a table, JSON lines or CSV.

    Example: warledger events --admin1 Aleppo --min-killed 10 --format csv
    """
    from .store import Store

    flt = _event_filter(date_from, date_to, admin1, country, event_type, actor, min_killed, source, text, primary)
    flt.article_id = article
    events = Store(db).events(flt, limit=limit or None)
    if format == "json":
        for e in events:
            typer.echo(e.to_json())
    elif format == "csv":
        import csv as _csv

        rows = [event_row(e) for e in events]
        w = _csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["id"])
        w.writeheader()
        w.writerows(rows)
    elif format == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table("id", "date", "place", "admin1", "type", "actor1", "killed", "injured")
        for e in events:
            r = event_row(e)
            table.add_row(r["id"], r["date"] or "", r["place"] or "", r["admin1"] or "",
                          r["sub_event_type"] or r["event_type"] or "", r["actor1"] or "",
                          str(r["killed"] if r["killed"] is not None else ""),
                          str(r["injured"] if r["injured"] is not None else ""))
        Console().print(table)
    else:
        fail(f"unknown --format {format!r}; use table, json or csv")


@app.command("explain")
def explain_cmd(
    article_id: str = typer.Argument(..., help="Article id (or an unambiguous prefix)."),
    db: Optional[str] = DbOption,
) -> None:
    """Print an article with every extracted value highlighted and labelled, then its events
    and their credibility verdicts.

    Example: warledger explain a_3f2c
    """
    from rich.console import Console

    from .explain import explain

    Console().print(explain(article_id, db=db))

# ---------------------------------------------------------------- gazetteer (places)

# ---------------------------------------------------------------- fakes (FA-KES view and evaluation)

# ---------------------------------------------------------------- corroborate / ledger

# ---------------------------------------------------------------- reference / verify

# ---------------------------------------------------------------- serve / export

if __name__ == "__main__":
    main()
