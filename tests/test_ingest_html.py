"""The HTML reader on the 12 real pages of shared/data/samples/html, plus edge cases."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warledger.errors import WarledgerError
from warledger.ingest import html as html_reader
from warledger.ingest.base import Document, ReadOptions
from warledger.records import Article, Rejection

SAMPLES = "data/samples/html"


def norm(s: str) -> str:
    """MANIFEST's comparison: case, punctuation and spacing ignored."""
    s = unicodedata.normalize("NFKC", s).lower()
    return " ".join(re.sub(r"[\W_]+", " ", s).split())


def expected(page: Path) -> tuple[str | None, list[str]]:
    """(title, paragraphs) from whichever ground-truth format the page has (MANIFEST.md)."""
    truth = json.loads(page.with_suffix(".json").read_text("utf-8"))
    if "articleBody" in truth:  # scrapinghub
        return None, [p for p in truth["articleBody"].split("\n") if p.strip()]
    if "expected" in truth:  # fundus
        exp = truth["expected"]
        paras = list(exp["body"].get("summary", []))
        for section in exp["body"]["sections"]:
            paras += section["paragraphs"]
        return exp.get("title"), paras
    txt = page.with_suffix(".txt")
    if txt.exists():  # newspaper4k
        return truth.get("title"), [p for p in txt.read_text("utf-8").split("\n") if p.strip()]
    return truth.get("title"), list(truth["with"])  # trafilatura partial


def read_one(path: Path, **kw) -> Article | Rejection:
    doc = Document.from_bytes(str(path), path.read_bytes())
    results = list(html_reader.read(doc, ReadOptions(**kw)))
    assert len(results) == 1
    return results[0]


def pages(shared: Path) -> list[Path]:
    found = sorted((shared / SAMPLES).glob("*.html"))
    assert len(found) == 12
    return found


def test_every_sample_page_yields_title_and_90pc_of_paragraphs(shared):
    report = []
    for page in pages(shared):
        art = read_one(page)
        assert isinstance(art, Article), f"{page.name}: {art}"
        title, paras = expected(page)
        assert art.title.strip(), page.name
        if title:
            assert norm(title)[:40] in norm(art.title) or norm(art.title)[:40] in norm(title), \
                (page.name, art.title, title)
        body = norm(art.body)
        found = sum(norm(p)[:60] in body for p in paras)
        report.append((page.name, found, len(paras)))
        assert found >= 0.9 * len(paras), (page.name, found, len(paras))
        assert art.reader == "html" and art.raw.sha256 and art.paragraphs
    assert sum(f for _, f, _ in report) >= 0.97 * sum(n for _, _, n in report), report


def test_trafilatura_without_snippets_stay_out(shared):
    page = shared / SAMPLES / "theintercept_2023_gaza_births.html"
    truth = json.loads(page.with_suffix(".json").read_text("utf-8"))
    art = read_one(page)
    for snippet in truth["with"]:
        assert snippet in art.body
    for snippet in truth["without"]:
        assert snippet not in art.body
    assert art.published.startswith(truth["date"])


def test_metadata_of_sample_pages(shared):
    reuters = read_one(shared / SAMPLES / "reuters_2024_israeli_tank_lebanon_journalists.html")
    assert reuters.source == "reuters"
    assert reuters.url.startswith("https://www.reuters.com/world/middle-east/israeli-tank")
    assert reuters.published_precision == "datetime"
    assert reuters.published.startswith("2024-03-07T") and reuters.published.endswith("+00:00")
    assert reuters.language == "en"
    lbc = read_one(shared / SAMPLES / "lbcgroup_2026_arabic.html")
    assert lbc.language == "ar" and lbc.source in ("lbc", "lbcgroup")
    assert lbc.published.startswith("2026-01-08")
    aj = read_one(shared / SAMPLES / "aljazeera_2019_afghanistan_helicopter.html")
    assert aj.source == "aljazeera" and aj.published.startswith("2019-11-20")
    assert aj.extra["site_name"] == "Al Jazeera"
    # "© 2013 Cable News Network" is no publication date: none is better than 2013-01-01
    cnn = read_one(shared / SAMPLES / "cnnarabic_2013_syria_clashes.html")
    assert cnn.published is None and cnn.language == "ar"


def test_rt_lead_paragraph_restored_once(shared):
    art = read_one(shared / SAMPLES / "rt_2019_bolivia_morales_supporters.html")
    assert art.body.startswith("Three people have died during protests in Bolivia")
    assert art.body.count("Three people have died during protests") == 1
    assert any("lead paragraph" in w for w in art.warnings)


def test_offset_map_points_into_raw_text(shared):
    art = read_one(shared / SAMPLES / "cbc_2024_gaza_ceasefire_sinwar.html")
    assert art.offset_map
    for b, r, n in art.offset_map:
        assert art.body[b:b + n] == art.raw.text[r:r + n]


def test_source_option_wins(shared):
    art = read_one(shared / SAMPLES / "jpost_2019_berlin_stabbing.html", source="JPost")
    assert art.source == "jpost"
    assert read_one(shared / SAMPLES / "jpost_2019_berlin_stabbing.html", source="other").source == "other"


PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="{cs}"><title>Frappe à Idlib</title>
<meta property="article:published_time" content="2019-03-02T08:15:00+02:00">
<link rel="canonical" href="https://www.example.co.uk/news/idlib"></head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article><h1>Frappe à Idlib</h1><p class="date">2 mars 2019</p>
<p>Une frappe aérienne a tué douze civils samedi dans la province d'Idlib, selon des secouristes présents sur place.</p>
<p>Les secouristes ont dit que l'école du village avait été détruite et que les recherches se poursuivaient dans les décombres.</p>
<p>Le bilan pourrait encore s'alourdir, a ajouté l'Observatoire syrien des droits de l'homme dans un communiqué publié dimanche.</p>
</article><footer>© 2019 Exemple. Tous droits réservés.</footer></body></html>"""


def test_declared_latin1_page_and_metadata():
    data = PAGE.format(cs="iso-8859-1").encode("latin-1")
    art = next(html_reader.read(Document.from_bytes("p.html", data), ReadOptions()))
    assert isinstance(art, Article), art
    assert art.title == "Frappe à Idlib"
    assert "aérienne a tué douze civils" in art.body and "Accueil" not in art.body
    assert art.raw.encoding == "iso8859-1"
    assert art.published == "2019-03-02T08:15:00+02:00" and art.published_precision == "datetime"
    assert art.url == "https://www.example.co.uk/news/idlib" and art.source == "example"
    assert art.language == "fr"


def test_page_without_article_text_is_rejected():
    data = b"<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    res = list(html_reader.read(Document.from_bytes("index.html", data), ReadOptions()))
    assert len(res) == 1 and isinstance(res[0], Rejection)
    assert res[0].path == "index.html" and "no article text" in res[0].reason


def test_binary_page_is_rejected_with_offset():
    res = list(html_reader.read(Document.from_bytes("x.html", b"<html>\x00\x01\x02"), ReadOptions()))
    assert isinstance(res[0], Rejection) and res[0].locator == "offset 6"


def test_sniff():
    assert html_reader.sniff(Document.from_bytes("a", b"\xef\xbb\xbf <!DOCTYPE html><html>")) >= 0.9
    assert html_reader.sniff(Document.from_bytes("a", b"<p>a</p><p>b</p><div>c</div>")) > 0.2
    assert html_reader.sniff(Document.from_bytes("a", b"WARC/1.0\r\n<html>")) == 0
    assert html_reader.sniff(Document.from_bytes("a", b'<?xml version="1.0"?><rss><p></p>')) == 0
    assert html_reader.sniff(Document.from_bytes("a", b"Plain text, mentions <html> later")) == 0


def test_outlet_from_url():
    f = html_reader.outlet_from_url
    assert f("https://www.bbc.co.uk/news/x") == "bbc"
    assert f("http://arabic.cnn.com/2013/x") in ("cnn", "cnnarabic")  # the outlet table may know it
    assert f("https://news.example-outlet.com.br/x") == "example-outlet"
    assert f("https://sana.sy/en/?p=1") == "sana"
    assert f("http://127.0.0.1:8000/x") is None and f(None) is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=2000),
                 st.text(max_size=600).map(lambda t: f"<html><body><p>{t}</p></body></html>".encode())))
def test_arbitrary_bytes_never_crash(data):
    try:
        for res in html_reader.read(Document.from_bytes("h.html", data), ReadOptions()):
            assert isinstance(res, (Article, Rejection))
    except WarledgerError:
        pass
