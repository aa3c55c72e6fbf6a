"""Rules about how the package is built, read from its syntax trees: what is derived from a policy travels
with the compiled policy (`scanners/compiled.py`), never in a cache keyed by an object's identity nor in
data a rule must be asked to build before the workers fork; the photo stage reads text through `text/`."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import exposure_audit

PACKAGE = Path(exposure_audit.__file__).parent

# Modules that may call id(), with the reason. An identity is reused once its object is gone, so it
# only serves as a key while the object is alive and held, within one call.
ID_ALLOWED = {
    "fetchers/facebook/html_parse.py": "sets of parsed tags within one call: tags compare by their markup",
}


def modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text("utf-8"), str(path))


def test_no_module_keys_anything_by_an_object_identity() -> None:
    calls = {
        name
        for name, tree in modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "id"
    }
    assert calls - ID_ALLOWED.keys() == set()
    assert ID_ALLOWED.keys() <= calls, "an allowed module no longer calls id(): drop it from the list"


def test_nothing_is_warmed_up_before_the_workers_fork() -> None:
    # What the rules need is built by compile_pack before the fork, so no rule has a warm-up hook.
    hooks = [
        f"{name}:{node.lineno}"
        for name, tree in modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "warm_up"
    ]
    assert hooks == []


def imported(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):  # every import, also one inside a function
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_text_and_the_photo_stage_never_import_the_rules() -> None:
    offenders = [
        f"{name}: {module}"
        for name, tree in modules()
        if name.startswith(("text/", "media/"))
        for module in imported(tree)
        if module == "exposure_audit.scanners" or module.startswith("exposure_audit.scanners.")
    ]
    assert offenders == []


def test_only_the_cache_wrapper_and_the_run_set_up_know_of_the_scan_cache() -> None:
    # The cache stands in front of the units (runtime/cached_units.py); the units, the photo stage and
    # the vision enricher take no cache argument and never import it.
    knowing = {
        name
        for name, tree in modules()
        if any(
            m.startswith(("exposure_audit.runtime.cache", "exposure_audit.runtime.cached_units"))
            for m in imported(tree)
        )
    }
    assert not knowing & {"media/enrich.py", "media/vision/photo.py", "runtime/units.py"}
    assert {"runtime/cached_units.py", "engine.py"} <= knowing
