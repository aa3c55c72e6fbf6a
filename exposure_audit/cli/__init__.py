"""The command line: parse flags, call the engine, write outputs, map outcomes to exit codes.

Exit codes: 0 nothing at or above --fail-on; 1 something was (with --baseline: something new or
reappeared and not triaged); 2 a usage or input error (one line on stderr, no traceback unless --debug,
no output file left behind).

This module does not use `from __future__ import annotations`: typer reads the commands' signatures
on every run, and evaluating them as text (an `eval` per annotation) took 30-50 ms, more than the
rest of building the command line. Only the names imported for type checking are written as text.
"""

import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

# Only what the command line's own definition needs is imported here; each command imports the rest
# (the engine, fetchers, parsers, vision stack) when it runs, so --help and the small commands start fast.
from exposure_audit import __version__
from exposure_audit.cli.limit_flags import LimitValues, with_limit_flags
from exposure_audit.errors import ExposureAuditError, UsageError
from exposure_audit.media.vision import ImageDepth, OcrScope
from exposure_audit.model import Level, Platform
from exposure_audit.output.commit import OutputCommit, prepare_output_dir
from exposure_audit.output.scan_outputs import check_outputs, commit_outputs, write_files, written_lines
from exposure_audit.reporters.formats import FILE_SUFFIX, FORMATS
from exposure_audit.reporters.plural import plural
from exposure_audit.reporters.redact import clean
from exposure_audit.reporters.unread_warning import strict_problem, warning_lines
from exposure_audit.runtime.user_config import load_user_config, resolve_settings

if TYPE_CHECKING:
    from exposure_audit.cli.scan_options import ReportOptions, ScanOptions
    from exposure_audit.model import AuditReport
    from exposure_audit.policy.model import Policy, Site
    from exposure_audit.runtime.cache import ScanCache

app = typer.Typer(
    name="exposure-audit",
    help="Find what in your own social-media downloads identifies you as departmental staff, offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # Plain help: the boxed style prints "<bool>" after every flag, squeezes text at 80 columns, and
    # its imports cost more start-up (about 0.3 s) than the whole help takes to print without them.
    rich_markup_mode=None,
)


# The --format choices: the registered report formats (reporters/formats/__init__.py).
Format = StrEnum("Format", {f.name: f.name for f in FORMATS})  # type: ignore[misc]
FORMAT_HELP = f"{', '.join(f.name for f in FORMATS[:-1])} or {FORMATS[-1].name}; repeatable."


class FailOn(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


REPORT_STEM = "exposure-audit-report"


def fail(error: ExposureAuditError, debug: bool = False) -> NoReturn:
    if debug:
        raise error
    typer.echo(clean(f"exposure-audit: {error}"), err=True)
    raise typer.Exit(2)


def parse_site(text: str) -> "Site":
    """NAME=LAT,LON[,RADIUS_M] -> Site."""
    from exposure_audit.policy.model import Site

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
        raise UsageError(
            f"--site {text}",
            "not of the form NAME=LAT,LON[,RADIUS_M]",
            "For example --site 'Cargo hall=-33.9461,151.1772,300'",
        ) from None
    return Site(name=name.strip(), lat=lat, lon=lon, radius_m=radius)


def chosen_policy(policy: str | None, profile: str | None) -> str | None:
    """--policy, or --profile (its earlier name); the two naming different policies is a usage error."""
    if policy is not None and profile is not None and policy != profile:
        raise typer.BadParameter(
            f"--policy {policy} and --profile {profile} name different policies; give only --policy."
        )
    return policy if policy is not None else profile


def parse_platform(text: str) -> Platform:
    """A --platform value: the id of a registered download platform (Platform is an open set)."""
    from exposure_audit.fetchers import REGISTRY

    ids = [entry.platform.value for entry in REGISTRY]
    if text not in ids:
        raise typer.BadParameter(f"{text!r} is not one of {', '.join(ids)}.")
    return Platform(text)


@dataclass(frozen=True, slots=True)
class StagedReports:
    """The reports of a scan, staged in the run's outputs; what to print once they are written."""

    folder: Path | None  # a folder the reports go into, prepared when the outputs are committed
    shown: Path | None  # the report a person opens (HTML, else Markdown)
    screen: str  # see report_output.OutputPlan.screen
    printed: str  # the text for stdout
    written: str  # "Report written to ...", or ""


def stage_reports(
    report: "AuditReport",
    policy: "Policy",
    formats: tuple[str, ...],
    output_dir: Path | None,
    outputs: OutputCommit,
    options: "ReportOptions",
    *,
    chosen: bool,
) -> StagedReports:
    """Render the reports the plan names and add them to `outputs`; nothing is written or printed here."""
    from exposure_audit.output.report_files import html_path, output_paths, plan_outputs
    from exposure_audit.reporters.formats.options import TerminalOptions
    from exposure_audit.reporters.formats.render import render_files, render_formats
    from exposure_audit.reporters.view import prepare

    plan = plan_outputs(formats=formats, output=options.output, output_dir=output_dir, chosen=chosen, full=options.full)
    paths = output_paths(plan, FILE_SUFFIX)
    screen = "" if options.quiet else plan.screen
    wanted = [f for f in plan.formats if f in paths or screen == "first"]
    if screen == "full" and "terminal" not in wanted:
        wanted.append("terminal")
    color = "terminal" not in paths and sys.stdout.isatty()  # a written terminal report has no escapes
    view = prepare(report, policy, show_values=options.show_values) if (paths or screen) else None
    # A file gets its bytes straight from the format; only what is printed is made as text.
    files = render_files(view, [f for f in wanted if f in paths], color=color) if view is not None else {}
    texts = render_formats(view, [f for f in wanted if f not in paths], color=color) if view is not None else {}
    for fmt, path in paths.items():
        outputs.add(path, files[fmt])
    shown = html_path(paths)
    printed = ""
    if screen == "summary" and view is not None:
        from exposure_audit.reporters.formats.terminal_summary import render_summary  # rich: only when shown

        printed = render_summary(view, TerminalOptions(color=color), shown)
    elif screen in ("full", "first"):
        fmt = "terminal" if screen == "full" else plan.formats[0]
        printed = texts[fmt] if fmt in texts else files[fmt].decode("utf-8")
    written = (
        f"Report written to {plan.file or plan.folder}" if paths and not options.quiet and screen != "summary" else ""
    )
    return StagedReports(folder=plan.folder, shown=shown, screen=screen, printed=printed, written=written)


def open_in_browser(path: Path) -> None:
    import webbrowser

    webbrowser.open(path.resolve().as_uri())


@app.command()
@with_limit_flags
def scan(
    *,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="DOWNLOAD",
            help="Downloads: .zip files or unpacked folders. Several zips of one download may be given together.",
        ),
    ] = None,
    policy: Annotated[
        str | None,
        typer.Option("--policy", metavar="POLICY", help="Policy: a built-in name (see policies) or a .toml file."),
    ] = None,
    profile: Annotated[str | None, typer.Option("--profile", metavar="POLICY", hidden=True)] = None,  # old name
    format: Annotated[
        list[Format] | None, typer.Option("--format", "-f", case_sensitive=False, metavar="FORMAT", help=FORMAT_HELP)
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write the report to this file.")
    ] = None,
    output_dir: Annotated[
        Path | None, typer.Option(metavar="FOLDER", help="Write every format into this folder.")
    ] = None,
    show_values: Annotated[bool, typer.Option(help="Show matched values instead of redacting them.")] = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(metavar="low|medium|high", help="Exit 1 on a finding this severe or more (default: low)."),
    ] = None,
    strict: Annotated[bool, typer.Option(help="Exit 2 when anything in a download could not be read.")] = False,
    platform: Annotated[
        Platform | None,
        typer.Option(
            metavar="NAME",
            parser=parse_platform,
            help="Read every input as this platform's download (explain platforms).",
        ),
    ] = None,
    site: Annotated[
        list[str] | None, typer.Option(metavar="NAME=LAT,LON[,RADIUS_M]", help="Your workplace; repeatable.")
    ] = None,
    jobs: Annotated[int, typer.Option(min=0, metavar="N", help="Worker processes; 0 = one per core.")] = 0,
    images: Annotated[
        ImageDepth, typer.Option(metavar="off|fast|full", help="How closely photos are examined (explain images).")
    ] = ImageDepth.FULL,
    ocr: Annotated[
        OcrScope, typer.Option(metavar="people|full", help="With --images full: where text is read (explain images).")
    ] = OcrScope.PEOPLE,
    public: Annotated[
        list[str] | None,
        typer.Option(metavar="SOURCE", help="Also check what anyone can see now; uses the network (explain public)."),
    ] = None,
    max_items: Annotated[int, typer.Option(min=1, metavar="N", help="With --public: posts read per source.")] = 3000,
    max_pages: Annotated[int, typer.Option(min=1, metavar="N", help="With --public: web pages read per site.")] = 50,
    allow_private: Annotated[bool, typer.Option(help="With --public: allow private network addresses.")] = False,
    partial_on_interrupt: Annotated[
        bool, typer.Option(help="On Ctrl-C, write a report of what was read so far, marked partial.")
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", metavar="FILE", help="Settings file (default: config.toml in the user config folder)."
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Compare with an earlier run; only new findings exit 1 (explain baseline)."),
    ] = None,
    update_baseline: Annotated[bool, typer.Option(help="With --baseline: save this run into it.")] = False,
    triage: Annotated[
        list[str] | None,
        typer.Option(metavar="ID=LABEL", help="With --baseline: accepted, false-positive or fixed; repeatable."),
    ] = None,
    triage_note: Annotated[str, typer.Option(metavar="TEXT", help="With --triage: a note kept with the labels.")] = "",
    triage_until: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="With --triage: the labels apply up to this day.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print one summary line instead of the report.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither reuse nor keep work between scans.")] = False,
    summary_out: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Write a count-only summary for a workshop (explain workshop).")
    ] = None,
    limits: LimitValues,
    full: Annotated[
        bool, typer.Option("--full", help="Print the whole checklist, not the one-screen summary.")
    ] = False,
    open_report: Annotated[bool, typer.Option("--open", help="Open the HTML report in your browser.")] = False,
    debug: Annotated[bool, typer.Option(help="Show tracebacks.")] = False,
) -> None:
    """Audit one or more downloads and write a remediation checklist."""
    # Imported here, not at the top: seven dataclasses cost start-up that --help has no use for.
    from exposure_audit.cli.scan_options import (
        BaselineOptions,
        ImageOptions,
        InputOptions,
        PublicOptions,
        ReportOptions,
        RunOptions,
        ScanOptions,
    )

    run_scan(
        ScanOptions(
            inputs=InputOptions(
                paths=tuple(paths or ()),
                platform=platform,
                policy=chosen_policy(policy, profile),
                sites=tuple(site or ()),
                config=config,
            ),
            report=ReportOptions(
                formats=tuple(f.value for f in format or ()),
                output=output,
                output_dir=output_dir,
                show_values=show_values,
                full=full,
                quiet=quiet,
                open_report=open_report,
                summary_out=summary_out,
            ),
            images=ImageOptions(depth=images, ocr=ocr),
            public=PublicOptions(
                sources=tuple(public or ()), max_items=max_items, max_pages=max_pages, allow_private=allow_private
            ),
            baseline=BaselineOptions(
                baseline=baseline,
                update=update_baseline,
                triage=tuple(triage or ()),
                note=triage_note,
                until=triage_until,
            ),
            run=RunOptions(
                jobs=jobs,
                no_cache=no_cache,
                partial_on_interrupt=partial_on_interrupt,
                fail_on=Level(fail_on.value) if fail_on else None,
                strict=strict,
                debug=debug,
            ),
            limits=limits,
        )
    )


def run_scan(options: "ScanOptions") -> NoReturn:
    """The scan with its flags read: audit, write the outputs, print, and exit with the outcome's code."""
    # The baseline's and the room summary's modules are loaded only for a scan that asks for them.
    from exposure_audit.baseline.attention import needs_attention, quiet_line
    from exposure_audit.cli.limit_flags import limits_from
    from exposure_audit.engine import AuditOptions, run_audit
    from exposure_audit.policy.model import load_policy
    from exposure_audit.runtime.collector import settle_for_batch
    from exposure_audit.runtime.progress import ScanProgress

    inputs, shown, run = options.inputs, options.report, options.run
    cache: ScanCache | None = None
    try:
        settings = resolve_settings(
            load_user_config(inputs.config, FILE_SUFFIX),
            suffixes=FILE_SUFFIX,
            policy=inputs.policy,
            formats=shown.formats,
            output=shown.output,
            output_dir=shown.output_dir,
            fail_on=run.fail_on,
            no_cache=run.no_cache,
        )
        policy = load_policy(settings.policy)
        if inputs.sites:
            policy = policy.with_sites(tuple(parse_site(s) for s in inputs.sites))
        formats = tuple(Format(f).value for f in settings.formats)
        b = options.baseline
        request = None
        if b.baseline is not None or b.update or b.triage or b.note or b.until:
            from exposure_audit.baseline.run import baseline_request

            request = baseline_request(b.baseline, b.update, b.triage, b.note, b.until)
        if settings.cache:
            from exposure_audit.runtime import cache as scan_cache

            cache = scan_cache.ScanCache()
        if not inputs.paths and not options.public.sources:
            raise UsageError("scan", "nothing to scan", "Give one or more downloads, or --public sources")
        check_outputs(inputs.paths, output=shown.output, output_dir=settings.output_dir, summary_out=shown.summary_out)
        outputs = OutputCommit()
        live = None
        if options.public.sources:
            from exposure_audit.live import LiveOptions, check_specs

            public = options.public
            check_specs(list(public.sources))
            live = LiveOptions(
                max_items=public.max_items, max_pages=public.max_pages, allow_private=public.allow_private
            )
        audit = AuditOptions(
            platform=inputs.platform,
            jobs=run.jobs,
            partial_on_interrupt=run.partial_on_interrupt,
            public=options.public.sources,
            live=live,
            cache=cache,
            images=options.images.depth.value,
            ocr=options.images.ocr.value,
            limits=limits_from(options.limits),
        )
        settle_for_batch()  # this process ends with the scan: see runtime/collector.py
        with ScanProgress(enabled=False if shown.quiet else None) as progress:
            report = run_audit(list(inputs.paths), policy, audit, progress=progress.update)
        if request is not None:
            from exposure_audit.baseline.run import apply_baseline

            report = apply_baseline(report, policy, request, report.generated_at, outputs)
    except ExposureAuditError as error:
        fail(error, run.debug)
    except KeyboardInterrupt:
        typer.echo("exposure-audit: interrupted; nothing was written.", err=True)
        raise typer.Exit(130) from None
    chosen = bool(shown.formats) or settings.formats != ("terminal",)
    staged = stage_reports(report, policy, formats, settings.output_dir, outputs, shown, chosen=chosen)
    if shown.summary_out is not None:
        from exposure_audit.workshop.summary import build_summary, summary_json, summary_text

        summary = build_summary(report)
        if not shown.quiet:
            typer.echo(summary_text(summary), err=True, nl=False)
        outputs.add(shown.summary_out, summary_json(summary))
    commit_outputs(outputs, staged.folder, run.debug)
    if not shown.quiet and staged.screen not in ("full", "first"):  # a report on screen opens with these itself
        for line in warning_lines(report):
            typer.echo(f"exposure-audit: WARNING: {line}", err=True)
    typer.echo(staged.printed, nl=False)
    if staged.written:
        typer.echo(staged.written, err=True)
    if not shown.quiet:
        for line in written_lines(None, None, shown.summary_out):
            typer.echo(line, err=True)
    if shown.open_report and staged.shown is not None:
        open_in_browser(staged.shown)
    if cache is not None and cache.problem and not shown.quiet:
        typer.echo(f"exposure-audit: note: {cache.problem}; the scan ran without it.", err=True)
    if shown.quiet:
        typer.echo(quiet_line(report, settings.fail_on))
    if report.interrupted:
        typer.echo("exposure-audit: interrupted; the report above is PARTIAL.", err=True)
        raise typer.Exit(130)
    if run.strict and (problem := strict_problem(report)):
        typer.echo(f"exposure-audit: {problem}", err=True)
        raise typer.Exit(2)
    raise typer.Exit(1 if needs_attention(report, settings.fail_on) else 0)


@app.command("strip-gps", short_help="Copy photos without their GPS location (pixels untouched).")
def strip_gps(
    sources: Annotated[
        list[Path], typer.Argument(metavar="PHOTO", help="Photos, photo folders or download zips (never changed).")
    ],
    out: Annotated[
        Path, typer.Option("--out", metavar="FOLDER", help="New folder for the cleaned copies (not an input folder).")
    ],
    all_metadata: Annotated[bool, typer.Option(help="Remove all EXIF, XMP, IPTC and comments, not only GPS.")] = False,
    keep_date: Annotated[bool, typer.Option(help="With --all-metadata: keep when the photo was taken.")] = False,
    keep_orientation: Annotated[bool, typer.Option(help="With --all-metadata: keep which way up it is.")] = False,
    keep_colour_profile: Annotated[bool, typer.Option(help="Keep the ICC colour profile.")] = True,
    debug: Annotated[bool, typer.Option(help="Show tracebacks.")] = False,
) -> None:
    """Write copies of photos with GPS removed (pixels untouched), and prove no GPS is left in them."""
    from exposure_audit.media.strip import StripOptions, strip_paths

    options = StripOptions(
        all_metadata=all_metadata,
        keep_date=keep_date,
        keep_orientation=keep_orientation,
        keep_colour_profile=keep_colour_profile,
    )
    try:
        result = strip_paths(sources, out, options)
    except ExposureAuditError as error:
        fail(error, debug)
    if not result.cleaned and not result.failed:
        typer.echo("exposure-audit: no photos (JPEG, PNG, WebP, TIFF, HEIC) were found in the sources.", err=True)
        raise typer.Exit(1)
    typer.echo(
        clean(
            f"Cleaned {plural(result.cleaned, 'photo')} into {out}; {result.had_gps} had GPS. "
            "Every copy was read back and holds no GPS."
        ),
        err=True,
    )
    for where, reason in result.failed:  # file names come from the photos' folders: never raw to a terminal
        typer.echo(clean(f"Not copied: {where}: {reason}"), err=True)
    raise typer.Exit(1 if result.failed else 0)


@app.command(short_help="List every rule and the policy clauses it cites.")
def rules() -> None:
    """List every rule with its category and the policy clauses it is cited under."""
    from exposure_audit.reporters.explain import rules_text

    typer.echo(rules_text(), nl=False)


@app.command(short_help="Explain a rule, or a topic such as images or baseline.")
def explain(
    rule: Annotated[
        str,
        typer.Argument(
            metavar="RULE|TOPIC",
            help="A rule id such as EXP101, or a topic: images, platforms, public, baseline, workshop, limits, exit.",
        ),
    ],
) -> None:
    """What a rule detects, why it matters under each built-in policy, and how to fix it; or a topic that
    scan --help points to (images, platforms, public, baseline, workshop, limits, exit)."""
    from exposure_audit.reporters.explain import explain_text

    try:
        text = explain_text(rule)
    except ExposureAuditError as error:
        fail(error)
    typer.echo(text, nl=False)


@app.command()
def policies() -> None:
    """List the built-in policies."""
    from exposure_audit.policy.model import builtin_policy_names, load_policy

    names = builtin_policy_names()
    width = max(map(len, names), default=0)  # one column for the names, however long the longest is
    for name in names:
        typer.echo(f"{name:{width}}  {load_policy(name).name}")


app.command("profiles", hidden=True)(policies)  # the command's earlier name, so existing scripts keep working


@app.command(short_help="Audit an invented officer's download and write the report.")
def demo(
    output_dir: Annotated[
        Path, typer.Option(metavar="FOLDER", help="Folder for the demo download and its report.")
    ] = Path("exposure-audit-demo"),
    persona: Annotated[
        str, typer.Option(metavar="officer|analyst|careful", help="Which invented person to audit.")
    ] = "officer",
    open_report: Annotated[bool, typer.Option("--open", help="Open the HTML report in your browser.")] = False,
) -> None:
    """Generate an invented officer's download, audit it with the default policy, and write the report."""
    from exposure_audit.demo import build_demo_download, demo_sites
    from exposure_audit.engine import run_audit
    from exposure_audit.policy.model import load_policy

    try:
        prepare_output_dir(output_dir)
        download = build_demo_download(output_dir / "download", persona)
        policy = load_policy(None).with_sites(demo_sites(persona))
        report = run_audit(download, policy)
    except ExposureAuditError as error:
        fail(error)
    from exposure_audit.reporters.formats.options import TerminalOptions
    from exposure_audit.reporters.formats.render import render_formats
    from exposure_audit.reporters.formats.terminal_summary import render_summary
    from exposure_audit.reporters.view import prepare

    view = prepare(report, policy)
    rendered = render_formats(view, list(FILE_SUFFIX))
    write_files({output_dir / f"{REPORT_STEM}{FILE_SUFFIX[fmt]}": text for fmt, text in rendered.items()})
    html = output_dir / f"{REPORT_STEM}{FILE_SUFFIX['html']}"
    typer.echo(render_summary(view, TerminalOptions(color=sys.stdout.isatty()), html), nl=False)
    typer.echo(f"Demo download: {output_dir / 'download'}", err=True)
    if open_report:
        open_in_browser(html)


@app.command("triage", short_help="List a baseline's findings, or label one.")
def triage_baseline(
    baseline: Annotated[Path, typer.Argument(metavar="BASELINE", help="The file written by scan --update-baseline.")],
    finding: Annotated[
        str | None, typer.Argument(metavar="FINDING", help="A finding's id (or its first characters).")
    ] = None,
    label: Annotated[str | None, typer.Argument(metavar="LABEL", help="accepted, false-positive or fixed.")] = None,
    note: Annotated[str, typer.Option(metavar="TEXT", help="A note kept with the label.")] = "",
    until: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="The label applies up to this day.")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the label of FINDING.")] = False,
    show_all: Annotated[bool, typer.Option("--all", help="List resolved findings too.")] = False,
) -> None:
    """List a baseline's findings, or label one accepted, false-positive or fixed so later scans stay quiet."""
    from exposure_audit.baseline.triage import triage_command

    try:
        text = triage_command(
            baseline,
            finding,
            label,
            note=note,
            until=until,
            clear_label=clear,
            include_resolved=show_all,
            now=datetime.now(UTC).replace(microsecond=0),
        )
    except ExposureAuditError as error:
        fail(error)
    typer.echo(clean(text), nl=False)  # notes come from the baseline file: never raw to a terminal


@app.command("app", short_help="Run the whole audit in a page of your browser.")
def app_command(
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Print the address; do not open a browser.")] = False,
    port: Annotated[int, typer.Option(min=0, max=65535, metavar="PORT", help="Port on 127.0.0.1; 0 = a free one.")] = 0,
    downloads_folder: Annotated[
        Path | None,
        typer.Option(metavar="FOLDER", help="Where to look for downloads (default: your Downloads folder)."),
    ] = None,
    idle_exit: Annotated[
        float, typer.Option(min=5, metavar="SECONDS", help="Stop this many seconds after the page is closed.")
    ] = 120.0,
    max_upload_size: Annotated[
        str | None, typer.Option(metavar="SIZE", help="Largest file that can be added, e.g. 20G.")
    ] = None,
    jobs: Annotated[int, typer.Option(min=0, metavar="N", help="Worker processes; 0 = one per core.")] = 0,
) -> None:
    """Run the whole audit in a page of your browser: add downloads, watch it work, tick off the checklist."""
    from exposure_audit.app.launch import launch

    try:
        launch(
            no_browser=no_browser,
            port=port,
            downloads_folder=downloads_folder,
            idle_exit=idle_exit,
            max_upload_size=max_upload_size,
            jobs=jobs,
        )
    except ExposureAuditError as error:
        fail(error)


workshop_app = typer.Typer(
    help="Workshop tools: the room's picture from count-only summaries, and a handout.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(workshop_app, name="workshop", short_help="Workshop tools: the room's picture, a handout.")


@workshop_app.command("aggregate", short_help="Combine people's summaries into the room's picture.")
def workshop_aggregate(
    summaries: Annotated[
        list[Path], typer.Argument(metavar="SUMMARY", help="Summary files written by scan --summary-out.")
    ],
    min_group: Annotated[int, typer.Option(metavar="N", help="Hide any figure drawn from fewer people than this.")] = 5,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write the HTML page here.")
    ] = None,
    policy: Annotated[
        str | None,
        typer.Option("--policy", metavar="POLICY", help="Policy for the wording (default: the summaries' policy)."),
    ] = None,
    profile: Annotated[str | None, typer.Option("--profile", metavar="POLICY", hidden=True)] = None,  # old name
) -> None:
    """Combine people's summaries into the room's picture: how many had each exposure, never who."""
    from exposure_audit.workshop.aggregate import aggregate, policy_for
    from exposure_audit.workshop.room import render_room
    from exposure_audit.workshop.summary import load_summary

    try:
        loaded = [load_summary(path) for path in summaries]
        page = render_room(aggregate(loaded, policy_for(loaded, chosen_policy(policy, profile)), min_group))
    except ExposureAuditError as error:
        fail(error)
    if output is None:
        typer.echo(page, nl=False)
        return
    write_files({output: page})
    typer.echo(f"The room's picture from {len(loaded)} summaries written to {output}", err=True)


@workshop_app.command("handout", short_help="Print a policy's checklist guidance as a handout page.")
def workshop_handout(
    policy: Annotated[
        str | None,
        typer.Option("--policy", metavar="POLICY", help="Policy (default: the configured or built-in one)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write the HTML page here.")
    ] = None,
    profile: Annotated[str | None, typer.Option("--profile", metavar="POLICY", hidden=True)] = None,  # old name
) -> None:
    """Print the checklist guidance of a policy, quoting the policy document, as a one-page printable sheet."""
    from exposure_audit.policy.model import load_policy
    from exposure_audit.workshop.handout import render_handout

    try:
        page = render_handout(load_policy(chosen_policy(policy, profile) or load_user_config(None, FILE_SUFFIX).policy))
    except ExposureAuditError as error:
        fail(error)
    if output is None:
        typer.echo(page, nl=False)
        return
    write_files({output: page})
    typer.echo(f"Handout written to {output}", err=True)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """exposure-audit: an offline review of your own social-media downloads."""


def main() -> None:
    from exposure_audit.runtime.prompt_exit import exit_promptly

    try:
        app()  # in standalone mode, click ends every command with SystemExit
    except SystemExit as done:
        exit_promptly(done.code)
