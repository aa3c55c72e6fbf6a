"""The command line: parse flags, call the engine, write outputs, map outcomes to exit codes.

Exit codes: 0 nothing at or above --fail-on; 1 something was; 2 a usage or input error (one line on
stderr, no traceback unless --debug, no output file left behind).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from exposure_audit import __version__
from exposure_audit.config import Pack, Site, builtin_pack_names, load_pack
from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.errors import ExposureAuditError, UsageError
from exposure_audit.model import Level, Platform
from exposure_audit.output import make_private_dir, write_private
from exposure_audit.progress import ScanProgress
from exposure_audit.report import AuditReport
from exposure_audit.reporters import FILE_SUFFIX, RenderOptions, renderers

app = typer.Typer(
    name="exposure-audit",
    help="Find what in your own social-media downloads identifies you as departmental staff, offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class Format(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"
    html = "html"
    csv = "csv"
    sarif = "sarif"


class FailOn(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


REPORT_STEM = "exposure-audit-report"


def fail(error: ExposureAuditError, debug: bool = False) -> NoReturn:
    if debug:
        raise error
    typer.echo(f"exposure-audit: {error}", err=True)
    raise typer.Exit(2)


def parse_site(text: str) -> Site:
    """NAME=LAT,LON[,RADIUS_M] -> Site."""
    name, _, coords = text.partition("=")
    parts = [p.strip() for p in coords.split(",")]
    try:
        if not name.strip() or len(parts) not in (2, 3):
            raise ValueError
        lat, lon = float(parts[0]), float(parts[1])
        radius = float(parts[2]) if len(parts) == 3 else 500.0
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and radius > 0):
            raise ValueError
    except ValueError:
        raise UsageError(f"--site {text}", "not of the form NAME=LAT,LON[,RADIUS_M]",
                         "For example --site 'Cargo hall=-33.9461,151.1772,300'") from None
    return Site(name=name.strip(), lat=lat, lon=lon, radius_m=radius)


def render_all(report: AuditReport, pack: Pack, formats: list[Format], show_values: bool,
               color: bool) -> dict[Format, str]:
    from exposure_audit.reporters.thumbnails import DownloadThumbnails

    table = renderers()
    out = {}
    # Thumbnails of flagged photos are read again from the downloads, only for the HTML report.
    thumbnails = DownloadThumbnails(report.inputs) if Format.html in formats else None
    try:
        for fmt in formats:
            options = RenderOptions(pack=pack, show_values=show_values, color=color and fmt is Format.terminal,
                                    thumbnails=thumbnails if fmt is Format.html else None)
            out[fmt] = table[fmt.value](report, options)
    finally:
        if thumbnails is not None:
            thumbnails.close()
    return out


@app.command()
def scan(
    paths: Annotated[list[Path] | None, typer.Argument(help="Downloads: .zip files or unpacked folders. "
                                                            "Several zips of one download may be given together.")]
    = None,
    profile: Annotated[str | None, typer.Option(help="Policy pack: a built-in name or a .toml file.")] = None,
    format: Annotated[list[Format] | None, typer.Option("--format", "-f",
                                                        help="Report format; may be given several times.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    output_dir: Annotated[Path | None, typer.Option(help="Write every format into this folder.")] = None,
    show_values: Annotated[bool, typer.Option(help="Show matched values instead of redacting them.")] = False,
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 when a finding of at least this severity is found.")]
    = FailOn.low,
    strict: Annotated[bool, typer.Option(help="Exit 2 when any member or record had to be skipped.")] = False,
    platform: Annotated[Platform | None, typer.Option(help="Force the platform of every input.")] = None,
    site: Annotated[list[str] | None, typer.Option(help="Your workplace: NAME=LAT,LON[,RADIUS_M]; repeatable.")]
    = None,
    jobs: Annotated[int, typer.Option(min=0, help="Worker processes; 0 = one per core.")] = 0,
    public: Annotated[list[str] | None, typer.Option(
        help="Also check what anyone can see now: mastodon:@name@instance, bluesky:handle or an https:// "
             "address. The only option that uses the network.")] = None,
    max_items: Annotated[int, typer.Option(min=1, help="With --public: posts read per source.")] = 3000,
    max_pages: Annotated[int, typer.Option(min=1, help="With --public: web pages read per site.")] = 50,
    allow_private: Annotated[bool, typer.Option(
        help="With --public: allow loopback and private addresses (refused by default).")] = False,
    partial_on_interrupt: Annotated[bool, typer.Option(
        help="On Ctrl-C, write a report of what was scanned so far, clearly marked as partial.")] = False,
    debug: Annotated[bool, typer.Option(help="Show tracebacks.")] = False,
) -> None:
    """Audit one or more downloads and write a remediation checklist."""
    try:
        pack = load_pack(profile)
        if site:
            pack = pack.with_sites(tuple(parse_site(s) for s in site))
        formats = list(dict.fromkeys(format or []))
        if output_dir is not None and not formats:
            formats = list(Format)
        if not formats:
            formats = [Format.terminal]
        if output is not None and len(formats) > 1:
            raise UsageError("--output", "one file cannot hold several formats", "Use --output-dir instead")
        if not paths and not public:
            raise UsageError("scan", "nothing to scan", "Give one or more downloads, or --public sources")
        live = None
        if public:
            from exposure_audit.live import LiveOptions, check_specs

            check_specs(public)
            live = LiveOptions(max_items=max_items, max_pages=max_pages, allow_private=allow_private)
        options = AuditOptions(platform=platform, jobs=jobs, partial_on_interrupt=partial_on_interrupt,
                               public=tuple(public or ()), live=live)
        with ScanProgress() as shown:
            report = run_audit(paths or [], pack, options, progress=shown.update)
    except ExposureAuditError as error:
        fail(error, debug)
    except KeyboardInterrupt:
        typer.echo("exposure-audit: interrupted; nothing was written.", err=True)
        raise typer.Exit(130) from None
    rendered = render_all(report, pack, formats, show_values, color=output is None and sys.stdout.isatty())
    if output_dir is not None:
        make_private_dir(output_dir)
        for fmt, text in rendered.items():
            write_private(output_dir / f"{REPORT_STEM}{FILE_SUFFIX[fmt.value]}", text)
        typer.echo(f"Report written to {output_dir}", err=True)
    elif output is not None:
        write_private(output, rendered[formats[0]])
        typer.echo(f"Report written to {output}", err=True)
    else:
        typer.echo(rendered[formats[0]], nl=False)
    if report.interrupted:
        typer.echo("exposure-audit: interrupted; the report above is PARTIAL.", err=True)
        raise typer.Exit(130)
    if strict and report.skipped:
        typer.echo(f"exposure-audit: {len(report.skipped)} member(s) or record(s) were skipped and --strict "
                   "is set. See the report's skipped section.", err=True)
        raise typer.Exit(2)
    raise typer.Exit(1 if report.at_or_above(Level(fail_on.value)) else 0)


@app.command("strip-gps")
def strip_gps(
    sources: Annotated[list[Path], typer.Argument(help="Photos, photo folders or download zips (never changed).")],
    out: Annotated[Path, typer.Option("--out", help="New folder for the cleaned copies (not an input folder).")],
    all_metadata: Annotated[bool, typer.Option(help="Remove all EXIF, XMP, IPTC and comments, not only GPS.")]
    = False,
    keep_date: Annotated[bool, typer.Option(help="With --all-metadata: keep when the photo was taken.")] = False,
    keep_orientation: Annotated[bool, typer.Option(help="With --all-metadata: keep which way up it is.")] = False,
    keep_colour_profile: Annotated[bool, typer.Option(help="Keep the ICC colour profile.")] = True,
    debug: Annotated[bool, typer.Option(help="Show tracebacks.")] = False,
) -> None:
    """Write copies of photos with GPS removed (pixels untouched), and prove no GPS is left in them."""
    from exposure_audit.strip_gps import StripOptions, strip_paths

    options = StripOptions(all_metadata=all_metadata, keep_date=keep_date, keep_orientation=keep_orientation,
                           keep_colour_profile=keep_colour_profile)
    try:
        result = strip_paths(sources, out, options)
    except ExposureAuditError as error:
        fail(error, debug)
    typer.echo(f"Cleaned {result.cleaned} photo(s) into {out}; {result.had_gps} had GPS. Every copy was read "
               "back and holds no GPS.", err=True)
    for where, reason in result.failed:
        typer.echo(f"Not copied: {where}: {reason}", err=True)
    raise typer.Exit(1 if result.failed else 0)


@app.command()
def rules() -> None:
    """List every rule with its category and the policy clauses it is cited under."""
    from exposure_audit.reporters.explain import rules_text

    typer.echo(rules_text(), nl=False)


@app.command()
def explain(rule: Annotated[str, typer.Argument(help="A rule id, e.g. EXP101.")]) -> None:
    """What a rule detects, why it matters under each built-in policy, and how to fix it."""
    from exposure_audit.reporters.explain import explain_text

    try:
        text = explain_text(rule)
    except ExposureAuditError as error:
        fail(error)
    typer.echo(text, nl=False)


@app.command()
def profiles() -> None:
    """List the built-in policy packs."""
    for name in builtin_pack_names():
        pack = load_pack(name)
        typer.echo(f"{name:12} {pack.name}")


@app.command()
def demo(
    output_dir: Annotated[Path, typer.Option(help="Folder for the demo download and its report.")]
    = Path("exposure-audit-demo"),
    persona: Annotated[str, typer.Option(help="Which invented person to audit.")] = "officer",
) -> None:
    """Generate an invented officer's download, audit it with the default pack, and write the report."""
    from exposure_audit.demo import build_demo_download, demo_sites

    try:
        make_private_dir(output_dir)
        download = build_demo_download(output_dir / "download", persona)
        pack = load_pack(None).with_sites(demo_sites(persona))
        report = run_audit(download, pack)
    except ExposureAuditError as error:
        fail(error)
    rendered = render_all(report, pack, list(Format), show_values=False, color=sys.stdout.isatty())
    for fmt, text in rendered.items():
        write_private(output_dir / f"{REPORT_STEM}{FILE_SUFFIX[fmt.value]}", text)
    typer.echo(rendered[Format.terminal], nl=False)
    typer.echo(f"\nDemo download: {output_dir / 'download'}\nReports: {output_dir}/{REPORT_STEM}.*", err=True)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """exposure-audit: an offline review of your own social-media downloads."""


def main() -> None:
    app()
