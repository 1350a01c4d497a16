"""The map's background: shipped country and governorate borders, drawn as SVG paths.

`load_borders()` reads the small files in serve/data/ (never ../shared at run time);
`derive_borders(shared)` is the developer-time step that made them from shared/data/boundaries.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

DATA = Path(__file__).resolve().parent / "data"
COUNTRIES_FILE = DATA / "countries.geojson"
SYRIA_ADMIN1_FILE = DATA / "syr_admin1.geojson"

# Equirectangular with the x axis shrunk by cos(35°) (Syria's mid latitude), so the
# region the ledger covers keeps its shape; y grows downwards as SVG wants.
XSCALE = math.cos(math.radians(35.0))

# Where the finer 1:50m borders replace the 1:110m ones: the Middle East, where events are.
DETAIL_BBOX = (20.0, 10.0, 65.0, 45.0)


def project(lon: float, lat: float) -> tuple[float, float]:
    """Map coordinates → SVG user units (1 unit = 1 degree of latitude)."""
    return lon * XSCALE, -lat


# ---------------------------------------------------------------------- run time


@lru_cache(maxsize=1)
def load_borders() -> dict[str, list[dict[str, Any]]]:
    """The shipped borders as {"countries": [...], "admin1": [...]} of {name, rings}."""
    out: dict[str, list[dict[str, Any]]] = {}
    for key, path in (("countries", COUNTRIES_FILE), ("admin1", SYRIA_ADMIN1_FILE)):
        fc = json.loads(path.read_text(encoding="utf-8"))
        out[key] = [{"name": f["properties"].get("name", ""), "rings": list(_rings(f["geometry"]))}
                    for f in fc["features"]]
    return out


@lru_cache(maxsize=1)
def svg_paths() -> dict[str, list[tuple[str, str]]]:
    """(name, SVG path data) per country and governorate, in projected units; cached."""
    borders = load_borders()
    return {key: [(f["name"], _path_d(f["rings"])) for f in feats] for key, feats in borders.items()}


def _rings(geom: dict[str, Any]) -> Iterable[list[list[float]]]:
    if geom["type"] == "Polygon":
        yield from geom["coordinates"]
    elif geom["type"] == "MultiPolygon":
        for poly in geom["coordinates"]:
            yield from poly


def _path_d(rings: list[list[list[float]]]) -> str:
    parts = []
    for ring in rings:
        pts = [project(lon, lat) for lon, lat in ring]
        if len(pts) < 3:
            continue
        parts.append("M" + "L".join(f"{x:.2f},{y:.2f}" for x, y in pts) + "Z")
    return "".join(parts)


# ---------------------------------------------------------------------- developer time


def derive_borders(shared: Path, out_dir: Path = DATA) -> dict[str, int]:
    """Rebuild serve/data/*.geojson from shared/data/boundaries; returns bytes written per file.

    Countries: Natural Earth 1:110m (world-atlas TopoJSON) everywhere, 1:50m inside
    DETAIL_BBOX; Syria's governorates: OCHA COD-AB, simplified (Douglas-Peucker).
    """
    bdir = Path(shared) / "data" / "boundaries"
    coarse = _topo_features(json.loads((bdir / "countries-110m.json").read_text(encoding="utf-8")))
    fine = _topo_features(json.loads((bdir / "countries-50m.json").read_text(encoding="utf-8")))
    fine_by_name = {f["name"]: f for f in fine if _intersects(f["polys"], DETAIL_BBOX)}
    countries = []
    for f in coarse:
        chosen = fine_by_name.get(f["name"])
        if chosen is not None:
            polys, tol, nd = chosen["polys"], 0.02, 3
        else:
            polys, tol, nd = f["polys"], 0.0, 2
        countries.append(_feature(f["name"], polys, tol, nd))
    syr = json.loads((bdir / "syr_admin1.geojson").read_text(encoding="utf-8"))
    admin1 = []
    for f in syr["features"]:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        feat = _feature(f["properties"]["NAME_EN"], polys, 0.005, 3)
        feat["properties"].update(pcode=f["properties"]["PCODE"], name_ar=f["properties"]["NAME_AR"])
        admin1.append(feat)
    sizes = {}
    for path, feats in ((out_dir / COUNTRIES_FILE.name, countries),
                        (out_dir / SYRIA_ADMIN1_FILE.name, admin1)):
        text = json.dumps({"type": "FeatureCollection", "features": feats},
                          ensure_ascii=False, separators=(",", ":"))
        path.write_text(text + "\n", encoding="utf-8")
        sizes[path.name] = len(text.encode("utf-8")) + 1
    return sizes


def _feature(name: str, polys: list, tol: float, ndigits: int) -> dict[str, Any]:
    out_polys = []
    for poly in polys:
        rings = []
        for ring in poly:
            r = _simplify(ring, tol) if tol else ring
            r = _dedupe([[round(x, ndigits), round(y, ndigits)] for x, y in r])
            if len(r) >= 4:
                rings.append(r)
        if rings:
            out_polys.append(rings)
    return {"type": "Feature", "properties": {"name": name},
            "geometry": {"type": "MultiPolygon", "coordinates": out_polys}}


def _dedupe(ring: list[list[float]]) -> list[list[float]]:
    out = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def _simplify(points: list, tol: float) -> list:
    """Douglas-Peucker, iterative (rings of the OCHA file have ~20,000 points)."""
    if len(points) < 5:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = points[a][:2]
        bx, by = points[b][:2]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i][:2]
            d = abs(dy * px - dx * py + bx * ay - by * ax) / norm if norm else math.hypot(px - ax, py - ay)
            if d > best:
                best, idx = d, i
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack += [(a, idx), (idx, b)]
    out = [p for p, k in zip(points, keep) if k]
    # a ring simplified below a triangle keeps its extreme points instead of vanishing
    return out if len(out) >= 4 else points[:: max(1, len(points) // 4)] + [points[0]]


def _intersects(polys: list, bbox: tuple[float, float, float, float]) -> bool:
    w, s, e, n = bbox
    return any(w <= x <= e and s <= y <= n for poly in polys for ring in poly for x, y in ring)


def topo_geometries(topo: dict[str, Any]) -> list[tuple[dict[str, Any], list[list[list[list[float]]]]]]:
    """Decode a quantized TopoJSON's `countries` object: (geometry, polygons of rings of
    [lon, lat]) for each Polygon/MultiPolygon (also used by scripts/build_gazetteer.py)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append([x * sx + tx, y * sy + ty])
        arcs.append(pts)

    def ring(indices: list[int]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    geoms = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g["type"] == "Polygon":
            polys = [[ring(r) for r in g["arcs"]]]
        elif g["type"] == "MultiPolygon":
            polys = [[ring(r) for r in p] for p in g["arcs"]]
        else:
            continue
        geoms.append((g, polys))
    return geoms


def _topo_features(topo: dict[str, Any]) -> list[dict[str, Any]]:
    """{name, polys} (lon/lat) for each country of a quantized TopoJSON."""
    return [{"name": g.get("properties", {}).get("name", ""), "polys": polys}
            for g, polys in topo_geometries(topo)]
