"""The `app` command's settings, read the way `scan` reads them, then the server started."""

from __future__ import annotations

from pathlib import Path

import typer

from exposure_audit.app.inputs import downloads_folder as default_downloads_folder
from exposure_audit.app.server import serve
from exposure_audit.app.state import AppConfig
from exposure_audit.app.ticks import app_data_folder
from exposure_audit.app.uploads import UploadCaps
from exposure_audit.errors import UsageError
from exposure_audit.limits import DEFAULT_LIMITS, parse_size
from exposure_audit.reporters.formats import FILE_SUFFIX
from exposure_audit.runtime.collector import collect_as_usual
from exposure_audit.runtime.user_config import load_user_config


def launch(
    *,
    no_browser: bool,
    port: int,
    downloads_folder: Path | None,
    idle_exit: float,
    max_upload_size: str | None,
    jobs: int,
) -> None:
    collect_as_usual()  # the app runs for hours: its garbage is freed as Python frees it (runtime/collector.py)
    user = load_user_config(None, FILE_SUFFIX)  # the same settings file as `scan` (its cache choice)
    max_bytes = DEFAULT_LIMITS.total_bytes
    if max_upload_size is not None:
        try:
            max_bytes = parse_size(max_upload_size)
        except ValueError as exc:
            raise UsageError("--max-upload-size", str(exc), "Give a size such as 512M or 20G") from None
    config = AppConfig(
        downloads_folder=downloads_folder or default_downloads_folder(),
        data_folder=app_data_folder(),
        caps=UploadCaps(max_bytes=max_bytes),
        cache=user.cache,
        jobs=jobs,
    )

    def announce(line: str) -> None:
        typer.echo(line, err=True)

    serve(config, port=port, open_browser=not no_browser, idle=idle_exit, announce=announce)
