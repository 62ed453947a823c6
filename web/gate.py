"""The activation gate: a change counts only if every document it touches still renders.

Before a template version or a metadata edit becomes active, and before a package is
stored, the editor renders — drafts, without the conformance checks — every package that
uses the template (and the template alone) for every variable set each one accepts, with
the change in place (a web.library.Candidate view). Any failure refuses the change, so
public generation never starts failing because of an editor's click. Tens of renders of a
few milliseconds each: fast enough to run on every click.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen import Docgen, DocgenError


@dataclass(frozen=True)
class Failure:
    """A document that would not render: package, variable set (empty: none) and why."""

    package: str
    title: str
    set_id: str
    message: str


@dataclass(frozen=True)
class FailureGroup:
    """The sets for which one package fails with the same message."""

    package: str
    title: str
    message: str
    set_ids: tuple[str, ...]


def grouped(failures: list[Failure]) -> list[FailureGroup]:
    """Return `failures` grouped by package and message, in the order they first appear."""
    groups: dict[tuple[str, str], list[Failure]] = {}
    for failure in failures:
        groups.setdefault((failure.package, failure.message), []).append(failure)
    return [
        FailureGroup(package, items[0].title, message, tuple(f.set_id for f in items if f.set_id))
        for (package, message), items in groups.items()
    ]


def check_template(candidate: Docgen, active: Docgen, template_id: str) -> list[Failure]:
    """Return every failure of the documents using `template_id` in the `candidate` view.

    A package counts when it includes the template in either view; one that loads in the
    `active` view but not with the change is a failure; one broken in both views is
    broken already, by something else, and is not this change's to fix.
    """
    failures: list[Failure] = []
    for package_id in candidate.package_ids():
        if package_id == template_id:
            continue
        try:
            parts = candidate.package(package_id).parts
        except DocgenError as exc:
            before = _parts(active, package_id)
            if before is not None and template_id in before:
                failures.append(Failure(package_id, package_id, "", str(exc)))
            continue
        if template_id in parts or template_id in (_parts(active, package_id) or ()):
            failures += check_package(candidate, package_id)
    if template_id not in candidate.package_ids():
        failures += check_package(candidate, template_id)
    return failures


def check_package(dg: Docgen, package_id: str) -> list[Failure]:
    """Return every failure to render `package_id` for each set it accepts.

    A package that accepts no set at all is a failure too: nobody could generate it.
    """
    try:
        package = dg.package(package_id)
        sets = dg.sets_for(package_id)
    except DocgenError as exc:
        return [Failure(package_id, package_id, "", str(exc))]
    if not sets:
        level = "региона" if package.level == "region" else "муниципального образования"
        return [
            Failure(
                package_id,
                package.title,
                "",
                f"нет ни одного набора переменных {level} в регионах: {', '.join(package.regions)}",
            )
        ]
    failures = []
    for set_id in sets:
        try:
            dg.generate(package_id, set_id, draft=True, check=False)
        except DocgenError as exc:
            failures.append(Failure(package_id, package.title, set_id, str(exc)))
    return failures


def _parts(dg: Docgen, package_id: str) -> tuple[str, ...] | None:
    try:
        return dg.package(package_id).parts
    except DocgenError:
        return None
