"""Remake docs/screenshots/*.png from a real store (the seed plus FA-KES ledger).

    warledger run ../shared/seed ../shared/data/fakes/articles.csv --db /tmp/fakes.sqlite
    python docs/screenshots/make_screenshots.py --db /tmp/fakes.sqlite

Needs Debian's chromium and `pip install playwright`; serves the store on a free loopback port.
"""
from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright
    from sqlalchemy import select

    from warledger.serve import create_app
    from warledger.store import Store, schema

    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    store = Store(args.db)
    t = schema.ledger_events
    with store.engine.connect() as conn:  # the most reported event, and the seed article
        event_id = conn.execute(select(t.c.id).order_by(t.c.n_sources.desc(), t.c.killed_best.desc())
                                .limit(1)).scalar_one()
        a = schema.articles
        article_id = conn.execute(select(a.c.id).order_by((a.c.reader == "textdump").desc(), a.c.id)
                                  .limit(1)).scalar_one()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=args.chromium, args=ARGS)
        pg = b.new_page(viewport={"width": 1280, "height": 900})
        pg.goto(base + "/")
        pg.locator(f"#map-svg .marker[data-id=\"{event_id}\"]").dispatch_event("click")
        pg.locator("#map").screenshot(path=str(HERE / "map.png"))
        box = pg.locator("#timeline-svg").bounding_box()
        y = box["y"] + box["height"] / 2
        pg.mouse.move(box["x"] + box["width"] * 0.55, y)
        pg.mouse.down()
        pg.mouse.move(box["x"] + box["width"] * 0.75, y, steps=5)
        pg.mouse.up()
        pg.screenshot(path=str(HERE / "ledger.png"))
        pg.locator("#timeline").screenshot(path=str(HERE / "timeline.png"))
        pg.goto(f"{base}/events/{event_id}")
        pg.screenshot(path=str(HERE / "event.png"))  # the first screen: figures, contradictions, claims
        pg.goto(f"{base}/articles/{article_id}")
        pg.locator("#article-body mark.k-casualty, #article-body mark").first.hover()
        pg.screenshot(path=str(HERE / "article.png"))
        phone = b.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        phone.goto(base + "/")
        phone.screenshot(path=str(HERE / "phone.png"))
        b.close()
    server.should_exit = True
    print("wrote", ", ".join(sorted(p.name for p in HERE.glob("*.png"))))


if __name__ == "__main__":
    main()
