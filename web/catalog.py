"""Blueprint «catalog»: the home page (document and municipality) and the health check."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from docgen import Docgen, DocgenError

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


def packages(dg: Docgen) -> list[PackageInfo]:
    """Return every package, the broken ones with the reason."""
    out = []
    for package_id in dg.package_ids():
        try:
            pkg = dg.package(package_id)
        except DocgenError as exc:
            out.append(PackageInfo(package_id, package_id, "", (), str(exc)))
            continue
        out.append(
            PackageInfo(
                pkg.id,
                pkg.title,
                pkg.description,
                pkg.regions,
                level=pkg.level,
            )
        )
    return out


def regions(dg: Docgen) -> list[Region]:
    """Return the regions with their municipalities, sorted by name.

    The sets come from the core object, which keeps each one per version of its files.
    """
    ids = dg.set_ids()
    out = []
    for region_id in sorted({i.split("/")[0] for i in ids}):
        members = []
        for set_id in (i for i in ids if i.startswith(region_id + "/")):
            try:
                data = dg.variables(set_id).data
            except DocgenError as exc:
                members.append(Municipality(set_id, set_id, set_id, str(exc)))
                continue
            mun = data.get("municipality") or {}
            full = _text(mun.get("name")) or set_id
            members.append(Municipality(set_id, _text(mun.get("short")) or full, full))
        name = region_id
        if region_id in ids:
            try:
                region_data = dg.variables(region_id).data.get("region") or {}
                name = _text(region_data.get("name")) or region_id
            except DocgenError:
                pass
        members.sort(key=lambda m: m.name.casefold())
        own = Municipality(region_id, f"{name} (набор региона)", name) if region_id in ids else None
        out.append(Region(region_id, name, tuple(members), own))
    return sorted(out, key=lambda r: r.name.casefold())


def set_names(regions: list[Region]) -> dict[str, str]:
    """Return the short name of every variable set of `regions` by id (its own sets too)."""
    names = {}
    for region in regions:
        if region.own:
            names[region.own.id] = region.own.name
        names.update((m.id, m.name) for m in region.municipalities)
    return names


def _text(value) -> str:
    if isinstance(value, dict):
        value = value.get("nomn")
    return value if isinstance(value, str) else ""


def matches(municipality: Municipality, query: str) -> bool:
    """Return True when `query` occurs in the municipality's name or id (any case)."""
    query = query.casefold().strip()
    return not query or any(
        query in s.casefold() for s in (municipality.name, municipality.full_name, municipality.id)
    )


def kept(kind: str, key: tuple, make):
    """Return what `make()` returns, kept CATALOG_TTL seconds per `key` and state of the
    editor's library (at most 64 entries of each `kind`)."""
    ttl = current_app.config["CATALOG_TTL"]
    if ttl <= 0:
        return make()
    store = current_app.extensions.setdefault(f"docgen_kept_{kind}", {})
    full = (library.state_key(), *key)
    now = time.monotonic()
    found = store.get(full)
    if found is not None and now - found[0] < ttl:
        return found[1]
    value = make()
    if len(store) >= 64:
        store.clear()
    store[full] = (now, value)
    return value


def listing(dg: Docgen) -> tuple[list[Region], list[PackageInfo]]:
    """Return (regions, packages) for the pages that list them, kept for CATALOG_TTL
    seconds per state of the editor's library.

    Listing reads every variable set: tens of milliseconds that the home page would
    otherwise spend on every request, and that many previewing clients make far longer.
    A change in the editor shows at once; a variable-set file edited on disk shows within
    CATALOG_TTL seconds.
    """
    return kept("listing", (), lambda: (regions(dg), packages(dg)))


@dataclass(frozen=True)
class RegionCard:
    """One region on the home page: its documents and (filtered) municipalities."""

    region: Region
    packages: tuple[PackageInfo, ...]
    municipalities: tuple[Municipality, ...]
    chosen: str


@bp.get("/")
def index():
    """Show, region by region, the documents and the municipalities (filtered by ``q``)."""
    dg = library.docgen()
    query = request.args.get("q", "")[:100]
    wanted = request.args.get("package", "")
    all_regions, docs = listing(dg)
    cards = []
    for region in all_regions:
        own = tuple(p for p in docs if region.id in p.regions and not p.error)
        members = tuple(m for m in region.municipalities if matches(m, query))
        if not own or not (members or query.casefold() in region.name.casefold()):
            continue
        default = next((p.id for p in own if p.level == "municipality"), own[0].id)
        cards.append(
            RegionCard(
                region, own, members, wanted if any(p.id == wanted for p in own) else default
            )
        )
    return render_template(
        "catalog/index.html",
        cards=cards,
        query=query,
        broken=[p for p in docs if p.error],
        chosen_municipality=request.args.get("municipality", ""),
    )


@bp.get("/generate")
def choose():
    """Redirect the home page's choice to its form — or, for «Загрузить действующий акт»
    (``then=import``), to the upload of the act in force — or back, saying what is missing."""
    package_id = request.args.get("package", "")
    municipality = request.args.get("municipality", "")
    region = request.args.get("region", "") or municipality.partition("/")[0]
    back = {
        "package": package_id if PACKAGE_ID_RE.match(package_id) else None,
        "q": request.args.get("q") or None,
    }
    if not PACKAGE_ID_RE.match(package_id):
        flash("Выберите документ.", "error")
        return redirect(url_for("catalog.index", **back))
    try:
        package = library.docgen().package(package_id)
    except DocgenError as exc:
        flash(f"Документ недоступен: {exc}", "error")
        return redirect(url_for("catalog.index", **back))
    if package.level == "region":
        if not SET_ID_RE.match(region) or "/" in region:
            flash("Выберите регион.", "error")
            return redirect(url_for("catalog.index", **back))
        municipality = region
    elif not SET_ID_RE.match(municipality) or "/" not in municipality:
        flash("Выберите муниципальное образование.", "error")
        return redirect(url_for("catalog.index", **back))
    endpoint = "actimport.upload" if request.args.get("then") == "import" else "generate.form"
    return redirect(url_for(endpoint, package=package_id, municipality=municipality))


@bp.get("/healthz")
def healthz():
    """Answer 200 «ok» while the app can serve requests."""
    return {"status": "ok"}
