"""Blueprint «catalog»: the home page (document and municipality) and the health check."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, flash, redirect, render_template, request, url_for

from docgen.errors import DocgenError
from docgen.templates import list_packages, load_package
from docgen.variables import list_sets, load_variables

from . import library

bp = Blueprint("catalog", __name__)

PACKAGE_ID_RE = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
SET_ID_RE = re.compile(r"^[a-z][a-z0-9_-]{0,63}(/[a-z][a-z0-9_-]{0,63})?$")


@dataclass(frozen=True)
class Municipality:
    """A municipality variable set as the home page lists it."""

    id: str
    name: str
    full_name: str
    error: str = ""


@dataclass(frozen=True)
class Region:
    """A region and its municipalities, by name; `own` is the region's own set, if any."""

    id: str
    name: str
    municipalities: tuple[Municipality, ...]
    own: Municipality | None = None


@dataclass(frozen=True)
class PackageInfo:
    """A package as the home page lists it; `error` when its metadata is broken."""

    id: str
    title: str
    description: str
    regions: tuple[str, ...]
    error: str = ""
    level: str = "municipality"


def packages(templates_dir: Path) -> list[PackageInfo]:
    """Return every package, the broken ones with the reason."""
    out = []
    for package_id in list_packages(templates_dir):
        try:
            pkg = load_package(package_id, templates_dir)
        except DocgenError as exc:
            out.append(PackageInfo(package_id, package_id, "", (), str(exc)))
            continue
        out.append(PackageInfo(pkg.id, pkg.title, pkg.description, pkg.regions,
                               level=getattr(pkg, "level", "municipality")))
    return out


def regions(variables_dir: Path) -> list[Region]:
    """Return the regions with their municipalities, sorted by name."""
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in sorted(variables_dir.rglob("*.yaml")))
    return _regions_cached(variables_dir, stamp)


@lru_cache(maxsize=4)
def _regions_cached(variables_dir: Path, _stamp: tuple) -> list[Region]:
    ids = list_sets(variables_dir)
    out = []
    for region_id in sorted({i.split("/")[0] for i in ids}):
        members = []
        for set_id in (i for i in ids if i.startswith(region_id + "/")):
            try:
                data = load_variables(set_id, variables_dir).data
            except DocgenError as exc:
                members.append(Municipality(set_id, set_id, set_id, str(exc)))
                continue
            mun = data.get("municipality") or {}
            full = _text(mun.get("name")) or set_id
            members.append(Municipality(set_id, _text(mun.get("short")) or full, full))
        name = region_id
        if region_id in ids:
            try:
                name = _text((load_variables(region_id, variables_dir).data.get("region") or {})
                             .get("name")) or region_id
            except DocgenError:
                pass
        members.sort(key=lambda m: m.name.casefold())
        own = Municipality(region_id, f"{name} (набор региона)", name) if region_id in ids else None
        out.append(Region(region_id, name, tuple(members), own))
    return sorted(out, key=lambda r: r.name.casefold())


def _text(value) -> str:
    if isinstance(value, dict):
        value = value.get("nomn")
    return value if isinstance(value, str) else ""


def matches(municipality: Municipality, query: str) -> bool:
    """Return True when `query` occurs in the municipality's name or id (any case)."""
    query = query.casefold().strip()
    return not query or any(query in s.casefold() for s in
                            (municipality.name, municipality.full_name, municipality.id))


@bp.get("/")
def index():
    """Show the packages and the municipalities grouped by region, filtered by ``q``."""
    settings = library.settings()
    query = request.args.get("q", "")[:100]
    docs = packages(settings.templates_dir)
    region_level = any(p.level == "region" for p in docs)
    listed = []
    for r in regions(settings.variables_dir):
        members = tuple(m for m in r.municipalities if matches(m, query))
        if region_level and r.own is not None and matches(r.own, query):
            members = (r.own, *members)
        listed.append(Region(r.id, r.name, members, r.own))
    chosen = request.args.get("package") or next((p.id for p in docs if not p.error), "")
    return render_template("catalog/index.html", packages=docs, regions=listed, query=query,
                           chosen_package=chosen,
                           chosen_municipality=request.args.get("municipality", ""),
                           found=sum(len(r.municipalities) for r in listed))


@bp.get("/generate")
def choose():
    """Redirect the home page's choice to its form (or back, saying what is missing)."""
    package = request.args.get("package", "")
    municipality = request.args.get("municipality", "")
    if not PACKAGE_ID_RE.match(package):
        flash("Выберите документ.", "error")
    elif not SET_ID_RE.match(municipality):
        flash("Выберите муниципальное образование.", "error")
    else:
        return redirect(url_for("generate.form", package=package, municipality=municipality))
    return redirect(url_for("catalog.index",
                            package=package if PACKAGE_ID_RE.match(package) else None,
                            q=request.args.get("q") or None))


@bp.get("/healthz")
def healthz():
    """Answer 200 «ok» while the app can serve requests."""
    return {"status": "ok"}
