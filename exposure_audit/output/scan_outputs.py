"""The scan command's outputs: checked before the scan starts, committed as one step after it.

Kept out of the cli package so the command stays a list of steps; the mechanism is in output_commit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import typer

from exposure_audit.errors import ExposureAuditError
from exposure_audit.output.commit import CommitInterrupted, OutputCommit, check_not_an_input, prepare_output_dir
from exposure_audit.reporters.redact import clean


def check_outputs(
    inputs: Sequence[Path], *, output: Path | None, output_dir: Path | None, summary_out: Path | None
) -> None:
    """UsageError, before any work, when an output would replace or land inside a download."""
    for flag, target in (("--output", output), ("--output-dir", output_dir), ("--summary-out", summary_out)):
        if target is not None:
            check_not_an_input(inputs, target, flag)


def commit_outputs(outputs: OutputCommit, output_dir: Path | None, debug: bool) -> None:
    """Write every staged output or none: one line and exit 2 on a failure, exit 130 on Ctrl-C."""
    try:
        if output_dir is not None and outputs.pending:
            prepare_output_dir(output_dir)
        outputs.commit()
    except ExposureAuditError as error:
        if debug:
            raise
        typer.echo(clean(f"exposure-audit: {error}"), err=True)
        raise typer.Exit(2) from None
    except CommitInterrupted as stop:
        typer.echo(clean(f"exposure-audit: {stop.message()}"), err=True)
        raise typer.Exit(130) from None


def write_files(files: Mapping[Path, str], debug: bool = False) -> None:
    """Write a command's files (a page, the demo's reports) as one step, failures as one line."""
    outputs = OutputCommit()
    for path, text in files.items():
        outputs.add(path, text)
    commit_outputs(outputs, None, debug)


def written_lines(output_dir: Path | None, output: Path | None, summary_out: Path | None) -> list[str]:
    lines = []
    if output_dir is not None:
        lines.append(f"Report written to {output_dir}")
    elif output is not None:
        lines.append(f"Report written to {output}")
    if summary_out is not None:
        lines.append(f"Summary written to {summary_out}")
    return lines
