"""Where a scan's reports go, decided in one place: which formats are rendered, into which files.

With no --format, --output, --output-dir or configured formats, a scan writes the HTML and Markdown
reports into ./exposure-audit-report/ (owner-only) and prints a one-screen summary with the HTML
report's path; --full prints the whole checklist instead. Anything the person asks for wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_FOLDER = Path("exposure-audit-report")
DEFAULT_FORMATS = ("html", "markdown")
REPORT_STEM = "exposure-audit-report"


@dataclass(frozen=True, slots=True, kw_only=True)
class OutputPlan:
    formats: tuple[str, ...]  # the formats rendered to files
    folder: Path | None  # every format into this folder
    file: Path | None  # one format into this file
    screen: str  # stdout: "summary", "full" (the terminal checklist), "first" (formats[0] as is) or ""


def plan_outputs(
    *, formats: tuple[str, ...], output: Path | None, output_dir: Path | None, chosen: bool, full: bool
) -> OutputPlan:
    """`formats`/`output_dir` as settings resolved them; `chosen`: the person named formats or a place."""
    if output is not None:
        return OutputPlan(formats=formats, folder=None, file=output, screen="full" if full else "")
    if output_dir is not None:
        return OutputPlan(formats=formats, folder=output_dir, file=None, screen="full" if full else "summary")
    if chosen:  # --format X (or a config's formats) with nowhere to write: printed, as a pipe expects
        return OutputPlan(formats=formats[:1], folder=None, file=None, screen="first")
    return OutputPlan(formats=DEFAULT_FORMATS, folder=DEFAULT_FOLDER, file=None, screen="full" if full else "summary")


def output_paths(plan: OutputPlan, suffixes: dict[str, str]) -> dict[str, Path]:
    """Format -> the file it is written to (the terminal format printed only, unless asked for a file)."""
    if plan.file is not None:
        return {plan.formats[0]: plan.file}
    if plan.folder is None:
        return {}
    return {fmt: plan.folder / f"{REPORT_STEM}{suffixes[fmt]}" for fmt in plan.formats}


def html_path(paths: dict[str, Path]) -> Path | None:
    """The report a person opens: the HTML one, else the Markdown one."""
    return paths.get("html") or paths.get("markdown")
