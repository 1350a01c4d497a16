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
# The event filters shared by `events`, `ledger` and `export`, declared once.
FromOption = typer.Option(None, "--from", help="Event date on or after (YYYY-MM-DD).")
ToOption = typer.Option(None, "--to", help="Event date on or before.")
Admin1Option = typer.Option(None, "--admin1", help="Governorate / province.")
CountryOption = typer.Option(None, "--country", help="ISO country code (SY, IQ ...).")
TypeOption = typer.Option(None, "--type", help="ACLED event type, e.g. Battles.")
ActorOption = typer.Option(None, "--actor", help="Perpetrator contains this text.")
MinKilledOption = typer.Option(None, "--min-killed", help="At least this many killed (best).")


def fail(message: str, code: int = 1) -> None:
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code)


def echo_json(obj) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _version(value: bool) -> None:
    if value:
        from .extract import COMPILED  # whether `pip install .` could compile extraction (setup.py)

        typer.echo(f"warledger {__version__} (extraction: {'compiled with mypyc' if COMPILED else 'pure Python'})")
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


WorkersOption = typer.Option(
    None, "--workers", "-w", show_default="1", help="Extraction processes: N, 0 = every core, "
    "'auto' = 1 below 2,000 articles else every core (with --scheduler local: the cluster's "
    "size, default every core). The events are the same whatever the number.")
SchedulerOption = typer.Option(
    None, "--scheduler", help="Extract on a Dask cluster: its address (tcp://host:8786) or "
    "'local' for a LocalCluster; needs pip install \"warledger\\[dask]\".")


@app.command("run")
def run_cmd(
    paths: Optional[list[str]] = typer.Argument(None, help="Inputs as for `ingest`; none with --examples."),
    examples: bool = typer.Option(False, "--examples", help="Use the bundled examples (the seed and FA-KES articles)."),
    db: Optional[str] = DbOption,
    format: Optional[str] = typer.Option(None, "--format", "-f", help="Force a reader (see `ingest`)."),
    map: Optional[list[str]] = typer.Option(None, "--map", help="CSV/JSONL column mapping (see `ingest`)."),
    source: Optional[str] = typer.Option(None, "--source", help="Outlet name for every article."),
    workers: Optional[str] = WorkersOption,
    scheduler: Optional[str] = SchedulerOption,
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
                     progress=lambda _r: bar.advance(task), workers=workers, scheduler=scheduler)
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
    workers: Optional[str] = WorkersOption,
    scheduler: Optional[str] = SchedulerOption,
) -> None:
    """Extract events from the stored articles (idempotent: re-running rewrites the same events).

    Example: warledger extract --db ledger.sqlite --workers 4
    """
    from .pipeline import extract
    from .store import Store

    store = Store(db)
    total = len(article) if article else store.counts()["articles"]
    with _progress("extracting", total) as bar:
        task = bar.add_task("extract", total=total)
        report = extract(store, article_ids=article, progress=lambda _a: bar.advance(task),
                         workers=workers, scheduler=scheduler)
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
    date_from: Optional[str] = FromOption,
    date_to: Optional[str] = ToOption,
    admin1: Optional[str] = Admin1Option,
    country: Optional[str] = CountryOption,
    event_type: Optional[str] = TypeOption,
    actor: Optional[str] = ActorOption,
    min_killed: Optional[int] = MinKilledOption,
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
    """Print an article with every extracted value highlighted, its events and their verdicts.

    Example: warledger explain a_3f2c
    """
    from rich.console import Console

    from .explain import explain

    Console().print(explain(article_id, db=db))

# ---------------------------------------------------------------- gazetteer (places)

gazetteer_app = typer.Typer(help="Place names: find them in text, add GeoNames dumps.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("find")
def find_places_cmd(
    text: Optional[str] = typer.Argument(None, help="Text to search; omit to read --file or stdin."),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="Read the text from this file."),
    title: Optional[str] = typer.Option(None, "--title", help="Headline, used as context only."),
) -> None:
    """List the places a text names, resolved with the whole text as context (JSON).

    Example: warledger gazetteer find "Shelling hit Kafar Hamra near Aleppo"
    """
    from .extract.places import find_places

    if text is None:
        text = file.read_text(encoding="utf-8") if file else sys.stdin.read()
    echo_json([{"start": p.start, "end": p.end, "text": p.text, "kind": p.kind, "score": p.score,
                "candidates": p.candidates, "place": p.place.to_dict()}
               for p in find_places(text, title=title)])


@gazetteer_app.command("import")
def import_geonames_cmd(
    path: Path = typer.Argument(..., help="GeoNames dump: allCountries.txt or a country file such as SY.txt."),
    dest: Optional[Path] = typer.Option(None, "--dest", help="User gazetteer file (default: in the user data dir)."),
) -> None:
    """Add a GeoNames dump to the user gazetteer that place matching also reads.

    Example: warledger gazetteer import SY.txt
    """
    from .extract.gazetteer import import_geonames, user_gazetteer_path

    n = import_geonames(path, dest)
    typer.echo(f"imported {n} places into {dest or user_gazetteer_path()}")


# ---------------------------------------------------------------- fakes (FA-KES view and evaluation)

fakes_app = typer.Typer(help="FA-KES view: run the pipeline on FA-KES articles and score it.",
                        no_args_is_help=True)
app.add_typer(fakes_app, name="fakes")


@fakes_app.command("run")
def fakes_run_cmd(
    articles_csv: Path = typer.Argument(..., help="FA-KES-format CSV (unit_id,article_title,article_content,source)."),
    gold: Optional[Path] = typer.Option(None, "--gold", help="Gold to score against: dev_gold.csv layout or audited JSONL."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write one JSON line per event here ('-' = stdout)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON instead of a table."),
    train_gold: Optional[Path] = typer.Option(None, "--train-gold", help="Gold CSV with labels: fit the credibility model on them; rows gain label and score."),
) -> None:
    """Extract events from FA-KES articles, write FA-KES view rows, print per-field scores.

    Example: warledger fakes run ../shared/data/fakes/articles.csv --gold ../shared/data/fakes/dev_gold.csv --out pred.jsonl
    """
    from .fakes import run as fakes_run

    report = fakes_run(str(articles_csv), gold=str(gold) if gold else None,
                       out=str(out) if out else None,
                       train_gold=str(train_gold) if train_gold else None)
    if as_json:
        echo_json({"articles": report.articles, "events": report.events, "out": report.out,
                   "rejected": [r.to_dict() for r in report.rejected],
                   "failed": report.failed, "scores": report.scores,
                   "label_scores": report.label_scores})
    else:
        typer.echo(report.summary(), err=str(out) == "-")
    if report.rejected and not report.articles:
        raise typer.Exit(1)

# ---------------------------------------------------------------- corroborate / ledger


@app.command("corroborate")
def corroborate_cmd(db: Optional[str] = DbOption) -> None:
    """Cluster the stored events into ledger events (one per real event) and replace the ledger.

    Wire copies count as one source; re-running gives the same ledger ids.

    Example: warledger corroborate --db ledger.sqlite
    """
    from .corroborate import corroborate_store
    from .store import Store

    n = corroborate_store(Store(db))
    typer.echo(f"{n} ledger event(s); list them with `warledger ledger`")


@app.command("ledger")
def ledger_cmd(
    db: Optional[str] = DbOption,
    date_from: Optional[str] = FromOption,
    date_to: Optional[str] = ToOption,
    admin1: Optional[str] = Admin1Option,
    country: Optional[str] = CountryOption,
    event_type: Optional[str] = TypeOption,
    actor: Optional[str] = ActorOption,
    min_killed: Optional[int] = MinKilledOption,
    source: Optional[str] = typer.Option(None, "--source", help="A claim comes from this outlet."),
    text: Optional[str] = typer.Option(None, "--text", "-q", help="The ledger event's JSON contains this text."),
    order: str = typer.Option("date", "--order", help="date, killed or id; prefix - for descending."),
    limit: int = typer.Option(100, "--limit", help="At most this many (0: all)."),
    format: str = typer.Option("text", "--format", help="text, json, jsonl or csv (one row per claim)."),
) -> None:
    """List ledger events with every claim: who said what, the range of figures, contradictions.

    Example: warledger ledger --admin1 Aleppo --min-killed 10 --format csv
    """
    from .corroborate.render import FORMATS, render_ledger
    from .store import Store

    if format not in FORMATS:
        fail(f"unknown --format {format!r}; use {', '.join(FORMATS)}")
    flt = _event_filter(date_from, date_to, admin1, country, event_type, actor, min_killed, source, text)
    try:
        ledger = Store(db).ledger(flt, limit=limit or None, order=order)
    except ValueError as exc:  # an unknown --order
        fail(str(exc))
    typer.echo(render_ledger(ledger, format))

# ---------------------------------------------------------------- reference / verify

reference_app = typer.Typer(help="Reference casualty ledgers (UCDP GED or any mapped CSV).",
                            no_args_is_help=True)
app.add_typer(reference_app, name="reference")


@reference_app.command("import")
def reference_import_cmd(
    file: Path = typer.Argument(..., help="Reference CSV (UCDP GED columns, or any CSV with --map)."),
    format: str = typer.Option("ged", "--format", help="ged (UCDP GED columns) or csv (use --map)."),
    map: Optional[list[str]] = typer.Option(None, "--map", help="FIELD=COLUMN pairs, comma-separated: "
                                            "id, date_start, date_end, admin1, country, lat, lon, best, low, high."),
    dataset: Optional[str] = typer.Option(None, "--dataset", help="Name of the dataset (default: ucdp-ged or the file name)."),
    db: Optional[str] = DbOption,
) -> None:
    """Load a casualty database you trust; claims are then matched to it by `warledger verify`.

    Example: warledger reference import ../shared/data/reference/ucdpged_sample_2023.csv --format ged

    Example: warledger reference import deaths.csv --format csv --map id=event,date_start=day,admin1=province,best=killed
    """
    from .store import Store
    from .verify import import_reference

    report = import_reference(Store(db), file, format=format, mapping=",".join(map) if map else None,
                              dataset=dataset)
    for rej in report.rejected:
        typer.secho(f"rejected: {rej}", err=True, fg=typer.colors.YELLOW)
    typer.echo(report.summary())
    if report.rejected:
        raise typer.Exit(1)


verify_app = typer.Typer(help="Credibility verdicts: `warledger verify` scores every claim and article in the store, with reasons. Example: warledger verify --db ledger.sqlite",
                         invoke_without_command=True)
app.add_typer(verify_app, name="verify")


@verify_app.callback()
def verify_cmd(
    ctx: typer.Context,
    model: Optional[Path] = typer.Option(None, "--model", help="Model JSON (default: the shipped FA-KES model)."),
    db: Optional[str] = DbOption,
) -> None:
    """Score every claim and article in the store for credibility, with reasons.

    Example: warledger verify --db ledger.sqlite
    """
    if ctx.invoked_subcommand is not None:
        return
    from .store import Store
    from .verify import verify_store

    n = verify_store(Store(db), model=str(model) if model else None)
    typer.echo(f"wrote {n} credibility verdict(s)")


@verify_app.command("train")
def verify_train_cmd(
    gold: Path = typer.Argument(..., help="Gold CSV with unit_id and label (1 credible, 0 fake), e.g. dev_gold.csv."),
    out: Path = typer.Option(..., "--out", help="Where to write the model JSON."),
    db: Optional[str] = DbOption,
) -> None:
    """Fit the calibrated credibility model on the stored articles whose unit_id has a gold label.

    Example: warledger verify train ../shared/data/fakes/dev_gold.csv --out model.json
    """
    from .store import Store
    from .verify import train_store

    m = train_store(Store(db), gold, out=out)
    typer.echo(f"trained on {m.meta.get('n_train')} article(s); wrote {out}")


@verify_app.command("explain")
def verify_explain_cmd(
    subject: str = typer.Argument(..., help="Article id or claim key event_id:article_id (prefixes work)."),
    as_json: bool = typer.Option(False, "--json", help="Print the verdict as JSON."),
    db: Optional[str] = DbOption,
) -> None:
    """Show a claim's or an article's credibility verdict and the reasons behind it.

    Example: warledger verify explain a_3f2c
    """
    from .store import Store
    from .verify import explain as verify_explain

    v = verify_explain(Store(db), subject)
    if as_json:
        echo_json(v.to_dict())
        return
    typer.echo(f"{v.subject_kind} {v.subject}: score {v.score:.2f} → "
               f"{'credible' if v.label else 'doubtful'}"
               + (f"; reference ledger: {v.reference_status}" if v.reference_status else ""))
    for r in v.reasons:
        typer.echo(f"  {r.weight:+.2f}  {r.text}")
    if v.reference_matches:
        typer.echo("  matching reference records: " + ", ".join(v.reference_matches))


# ---------------------------------------------------------------- serve / export

@app.command("serve")
def serve_cmd(
    db: Optional[str] = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default; 0.0.0.0 exposes it)."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    write_token: Optional[str] = typer.Option(None, "--write-token", envvar="WARLEDGER_WRITE_TOKEN",
                                              help="Enable POST /api/articles for clients sending this token."),
    open_browser: bool = typer.Option(False, "--open", help="Open the UI in the default browser."),
    get: Optional[str] = typer.Option(None, "--get", help="Answer one path in-process and exit (e.g. /api/stats)."),
    cache_ttl: float = typer.Option(5.0, "--cache-ttl", help="Seconds a finished API list/stats answer is reused (0: never)."),
) -> None:
    """Serve the web UI (map, timeline, table, event and article pages) and the REST API.

    Read-only unless --write-token is given. Example: warledger serve --port 8000 --open
    """
    from .serve import serve
    from .serve.app import get_path

    if get:
        status, body = get_path(db, get)
        typer.echo(body)
        raise typer.Exit(0 if status < 400 else 1)
    serve(db, host=host, port=port, write_token=write_token, open_browser=open_browser, cache_ttl=cache_ttl)


@app.command("export")
def export_cmd(
    db: Optional[str] = DbOption,
    format: str = typer.Option("csv", "--format", "-f", help="csv (ACLED-like columns), geojson or parquet."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout; parquet needs -o)."),
    view: str = typer.Option("ledger", "--view", help="ledger (corroborated events) or events (extracted)."),
    date_from: Optional[str] = FromOption,
    date_to: Optional[str] = ToOption,
    admin1: Optional[str] = Admin1Option,
    country: Optional[str] = CountryOption,
    event_type: Optional[str] = TypeOption,
    actor: Optional[str] = ActorOption,
    min_killed: Optional[int] = MinKilledOption,
    source: Optional[str] = typer.Option(None, "--source", help="Reported by this outlet."),
    text: Optional[str] = typer.Option(None, "--text", "-q", help="Text search."),
    bbox: Optional[str] = typer.Option(None, "--bbox", help="west,south,east,north in degrees."),
    cred_min: Optional[float] = typer.Option(None, "--credibility-min", help="Ledger: lowest credibility (0-1)."),
    cred_max: Optional[float] = typer.Option(None, "--credibility-max", help="Ledger: highest credibility (0-1)."),
) -> None:
    """Export the ledger (or extracted events) as CSV, GeoJSON (QGIS) or Parquet (pandas).

    Example: warledger export --format geojson --admin1 Idlib -o idlib.geojson
    """
    from .serve.export import export
    from .store import Store

    if format == "parquet" and output is None:
        fail("parquet is binary: give -o FILE.parquet")
    flt = _event_filter(date_from, date_to, admin1, country, event_type, actor, min_killed,
                        source.lower() if source else None, text, bbox=bbox, cred_min=cred_min,
                        cred_max=cred_max)
    data = export(Store(db), format, flt, view=view, out=output)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        typer.echo(f"wrote {len(data)} bytes to {output}", err=True)


if __name__ == "__main__":
    main()
