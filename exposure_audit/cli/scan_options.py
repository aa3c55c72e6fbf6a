"""The scan command's flags as a few option objects, one per concern, built once where the flags are read.

Typer needs every flag as a parameter of the command; past that point the scan passes these objects
around instead of three dozen loose values, so a step sees only the flags that concern it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exposure_audit.cli.limit_flags import LimitValues
    from exposure_audit.media.vision import ImageDepth, OcrScope
    from exposure_audit.model import Level, Platform


@dataclass(frozen=True, slots=True, kw_only=True)
class InputOptions:
    """What is scanned and against which policy."""

    paths: tuple[Path, ...]
    platform: Platform | None  # read every input as this platform's download
    policy: str | None  # a built-in name or a .toml file; None: the configured or default one
    sites: tuple[str, ...]  # NAME=LAT,LON[,RADIUS_M], parsed once the policy is loaded
    config: Path | None  # the settings file given, None for the default one


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportOptions:
    """Which reports are written where, and what is printed."""

    formats: tuple[str, ...]  # as given by --format; the settings file may add its own
    output: Path | None
    output_dir: Path | None
    show_values: bool
    full: bool
    quiet: bool
    open_report: bool
    summary_out: Path | None  # the count-only summary for a workshop


@dataclass(frozen=True, slots=True, kw_only=True)
class ImageOptions:
    depth: ImageDepth
    ocr: OcrScope


@dataclass(frozen=True, slots=True, kw_only=True)
class PublicOptions:
    """What anyone can see now (--public): the only part of a scan that uses the network."""

    sources: tuple[str, ...]
    max_items: int
    max_pages: int
    allow_private: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class BaselineOptions:
    baseline: Path | None
    update: bool
    triage: tuple[str, ...]  # ID=LABEL
    note: str
    until: str | None  # YYYY-MM-DD


@dataclass(frozen=True, slots=True, kw_only=True)
class RunOptions:
    """How the run behaves and when it fails."""

    jobs: int
    no_cache: bool
    partial_on_interrupt: bool
    fail_on: Level | None  # None: the configured level, else low
    strict: bool
    debug: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanOptions:
    inputs: InputOptions
    report: ReportOptions
    images: ImageOptions
    public: PublicOptions
    baseline: BaselineOptions
    run: RunOptions
    limits: LimitValues  # the --max-* flags, turned into Limits where a bad value can be reported
