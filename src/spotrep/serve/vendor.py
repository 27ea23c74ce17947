"""Re-vendor the page's JavaScript from npm: ``python -m spotrep.serve.vendor``.

Run by a maintainer when a version changes, never at install or run time. Each package is
fetched with ``npm pack`` (the ordinary npm client), checked against the registry's integrity
hash, and the files the page uses are copied with their licence into ``static/vendor/``;
``manifest.json`` there names each file with its package, npm version, sha256 and licence.
axe-core is vendored the same way into ``tests/serve/vendor/`` (the tests use it, the page
does not). The world-atlas country borders are decoded from TopoJSON to GeoJSON here, once,
with rings that cross the 180th meridian unwrapped so that a flat map draws them whole.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STATIC_VENDOR = HERE / "static" / "vendor"
TESTS_VENDOR = HERE.parents[2] / "tests" / "serve" / "vendor"

Transform = Callable[[bytes], bytes]


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    licence: str
    files: dict[str, str]
    """Path inside the package -> path under the vendor folder."""
    transforms: dict[str, Transform] | None = None


def _world_geojson(raw: bytes) -> bytes:
    return json.dumps(countries_geojson(json.loads(raw)), separators=(",", ":")).encode()


PAGE_PACKAGES = (
    Package("leaflet", "1.9.4", "BSD-2-Clause", {
        "dist/leaflet.js": "leaflet/leaflet.js",
        "dist/leaflet.css": "leaflet/leaflet.css",
        "dist/images/layers.png": "leaflet/images/layers.png",
        "dist/images/layers-2x.png": "leaflet/images/layers-2x.png",
        "LICENSE": "leaflet/LICENSE",
    }),
    Package("supercluster", "9.1.0", "ISC", {
        "dist/supercluster.min.js": "supercluster/supercluster.min.js",
        "LICENSE": "supercluster/LICENSE",
    }),
    Package("uplot", "1.6.32", "MIT", {
        "dist/uPlot.iife.min.js": "uplot/uPlot.iife.min.js",
        "dist/uPlot.min.css": "uplot/uPlot.min.css",
        "LICENSE": "uplot/LICENSE",
    }),
    Package("world-atlas", "2.0.2", "ISC", {
        "countries-110m.json": "world-atlas/countries-110m.geojson",
        "LICENSE": "world-atlas/LICENSE",
    }, {"countries-110m.json": _world_geojson}),
)

TEST_PACKAGES = (
    Package("axe-core", "4.14.1", "MPL-2.0", {
        "axe.min.js": "axe-core/axe.min.js",
        "LICENSE": "axe-core/LICENSE",
    }),
)


# ---- TopoJSON -> GeoJSON -------------------------------------------------------------------


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (quantized, delta-encoded in the file)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 4), round(y * sy + ty, 4)))
        arcs.append(points)
    return arcs


def _ring(indexes: Sequence[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return unwrap_ring(points)


def unwrap_ring(points: Sequence[tuple[float, float]]) -> list[list[float]]:
    """The ring with longitudes made continuous across the 180th meridian.

    A ring that jumps from 179.9 to -179.9 is drawn by a flat map as a band across the whole
    world; shifted by 360 degrees it is drawn whole, just past the edge. A ring that goes
    round a pole (Antarctica) ends 360 degrees from where it began: it is closed along the
    map's edge at the pole's latitude.
    """
    out: list[list[float]] = []
    shift = 0.0
    for lon, lat in points:
        if out:
            previous = out[-1][0] - shift
            if lon - previous > 180:
                shift -= 360
            elif previous - lon > 180:
                shift += 360
        out.append([lon + shift, lat])
    if out and abs(out[-1][0] - out[0][0]) > 180:
        pole = -90.0 if sum(p[1] for p in out) < 0 else 90.0
        out += [[out[-1][0], pole], [out[0][0], pole], list(out[0])]
    return out


def countries_geojson(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = _decode_arcs(topology)
    features = []
    for g in topology["objects"]["countries"]["geometries"]:
        if g["type"] == "Polygon":
            geometry = {"type": "Polygon", "coordinates": [_ring(r, arcs) for r in g["arcs"]]}
        elif g["type"] == "MultiPolygon":
            polygons = [[_ring(r, arcs) for r in poly] for poly in g["arcs"]]
            geometry = {"type": "MultiPolygon", "coordinates": polygons}
        else:
            continue
        features.append({"type": "Feature", "id": g.get("id"),
                         "properties": {"name": g.get("properties", {}).get("name")},
                         "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


# ---- fetching and writing ------------------------------------------------------------------


def _npm_pack(pkg: Package, workdir: Path) -> bytes:
    spec = f"{pkg.name}@{pkg.version}"
    out = subprocess.run(["npm", "pack", spec, "--json", "--pack-destination", str(workdir)],
                         check=True, capture_output=True, text=True)
    info = json.loads(out.stdout)[0]
    tarball = (workdir / str(info["filename"])).read_bytes()
    algo, _, digest = info["integrity"].partition("-")
    if base64.b64encode(hashlib.new(algo, tarball).digest()).decode() != digest:
        raise SystemExit(f"{spec}: tarball does not match the registry's integrity hash")
    return tarball


def vendor(packages: Sequence[Package], target: Path) -> list[dict[str, Any]]:
    entries = []
    with tempfile.TemporaryDirectory() as tmp:
        for pkg in packages:
            tarball = _npm_pack(pkg, Path(tmp))
            with tarfile.open(fileobj=io.BytesIO(tarball)) as tar:
                for inner, outer in pkg.files.items():
                    member = tar.extractfile(f"package/{inner}")
                    if member is None:
                        raise SystemExit(f"{pkg.name}: no file {inner}")
                    data = member.read()
                    transform = (pkg.transforms or {}).get(inner)
                    if transform is not None:
                        data = transform(data)
                    path = target / outer
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
                    entries.append({"file": outer, "package": pkg.name, "version": pkg.version,
                                    "licence": pkg.licence, "from": inner,
                                    "sha256": hashlib.sha256(data).hexdigest()})
            print(f"vendored {pkg.name}@{pkg.version}", file=sys.stderr)
    manifest = {"note": "Written by python -m spotrep.serve.vendor; do not edit by hand.",
                "files": entries}
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return entries


def main() -> int:
    vendor(PAGE_PACKAGES, STATIC_VENDOR)
    vendor(TEST_PACKAGES, TESTS_VENDOR)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
