"""A run's outputs are committed as one step: a full disk or Ctrl-C never leaves a mix, nor a baseline ahead.

The disk is filled for real: the scan runs in a child process whose largest writable file size
(RLIMIT_FSIZE) lets the small baseline through but not the HTML report, as a nearly full disk would.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exposure_audit.cli import app
from exposure_audit.output.commit import CommitInterrupted, OutputCommit, OutputError
from tests.baseline.test_end_to_end import ADDED, download, posts

runner = CliRunner()
FORMATS = ["-f", "json", "-f", "html", "-f", "markdown", "-f", "csv", "-f", "sarif"]


def _scan_args(folder: Path, baseline: Path, out: Path) -> list[str]:
    return [
        "scan",
        str(folder),
        "--baseline",
        str(baseline),
        "--update-baseline",
        "--output-dir",
        str(out),
        "--images",
        "off",
        "--no-cache",
        *FORMATS,
    ]


def _limit_file_size(limit: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_report_that_cannot_be_written_leaves_the_baseline_and_earlier_reports_untouched(tmp_path: Path) -> None:
    folder, baseline, out = download(tmp_path / "fb", posts()), tmp_path / "b.json", tmp_path / "out"
    first = runner.invoke(app, _scan_args(folder, baseline, out))
    assert first.exit_code == 1, first.output
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    kept = baseline.read_bytes()
    assert len(kept) < 8_000 < len(before["exposure-audit-report.html"])

    records = json.loads(
        (folder / "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json").read_text()
    )
    (folder / "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json").write_text(
        json.dumps([*records, ADDED])
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    full = subprocess.run(
        [sys.executable, "-m", "exposure_audit", *_scan_args(folder, baseline, out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        preexec_fn=_limit_file_size(8_000),
        check=False,
    )
    assert full.returncode == 2, full.stderr
    assert "Traceback" not in full.stderr
    assert len(full.stderr.strip().splitlines()) == 1 and "could not be written" in full.stderr
    assert baseline.read_bytes() == kept
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temporary left, nothing replaced

    again = runner.invoke(app, [*_scan_args(folder, baseline, out), "--quiet"])
    assert again.exit_code == 1 and "1 new" in again.stdout  # the new finding was not swallowed as "known"


def test_ctrl_c_during_the_commit_finishes_it_and_says_what_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, baseline, out = download(tmp_path / "fb", posts()), tmp_path / "b.json", tmp_path / "out"
    real_replace = os.replace
    calls: list[str] = []

    def replace_then_ctrl_c(src: str, dst: str) -> None:
        calls.append(str(dst))
        real_replace(src, dst)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(os, "replace", replace_then_ctrl_c)
    result = runner.invoke(app, _scan_args(folder, baseline, out))
    assert result.exit_code == 130, result.output
    assert "interrupted after every output was written" in result.output
    assert calls[-1] == str(baseline)  # the baseline moves last, after every report
    assert len(list(out.iterdir())) == 5 and baseline.exists()


def test_ctrl_c_while_staging_writes_nothing(tmp_path: Path) -> None:
    commit = OutputCommit()
    commit.add(tmp_path / "a.md", "one")
    commit.add(tmp_path / "b.json", b"{}", last=True)

    class Stop(OutputCommit):
        def _stage(self, item):  # type: ignore[no-untyped-def]
            if item.target.name == "b.json":
                raise KeyboardInterrupt
            super()._stage(item)

    with pytest.raises(CommitInterrupted) as stopped:
        Stop(pending=commit.pending).commit()
    assert "nothing was written" in stopped.value.message()
    assert list(tmp_path.iterdir()) == []


def test_a_target_that_is_a_folder_is_one_error_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "summary").mkdir()
    commit = OutputCommit()
    commit.add(tmp_path / "report.md", "text")
    commit.add(tmp_path / "summary", "{}")
    with pytest.raises(OutputError, match="it is a folder"):
        commit.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary"]


def test_summary_out_naming_a_folder_is_one_line(tmp_path: Path) -> None:
    folder = download(tmp_path / "fb", posts())
    result = runner.invoke(
        app, ["scan", str(folder), "--quiet", "--images", "off", "--no-cache", "--summary-out", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "could not be written" in result.output and "Traceback" not in result.output


def test_an_existing_output_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder, out = download(tmp_path / "fb", posts()), tmp_path / "shared"
    out.mkdir()
    out.chmod(0o755)
    result = runner.invoke(
        app, ["scan", str(folder), "--output-dir", str(out), "-f", "json", "--images", "off", "--no-cache"]
    )
    assert result.exit_code == 1, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert stat.S_IMODE((out / "exposure-audit-report.json").stat().st_mode) == 0o600


def test_a_world_writable_output_folder_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder, out = download(tmp_path / "fb", posts()), tmp_path / "everyone"
    out.mkdir()
    out.chmod(0o1777)
    link = tmp_path / "link"
    link.symlink_to(out)
    for target in (out, link):
        result = runner.invoke(
            app, ["scan", str(folder), "--output-dir", str(target), "-f", "json", "--images", "off", "--no-cache"]
        )
        assert result.exit_code == 2, result.output
        assert "anyone on this computer may write to this folder" in result.output
        assert stat.S_IMODE(out.stat().st_mode) == 0o1777 and list(out.iterdir()) == []


def test_a_new_output_folder_is_private(tmp_path: Path) -> None:
    folder, out = download(tmp_path / "fb", posts()), tmp_path / "new" / "reports"
    result = runner.invoke(
        app, ["scan", str(folder), "--output-dir", str(out), "-f", "json", "--images", "off", "--no-cache"]
    )
    assert result.exit_code == 1, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o700


def test_an_output_is_never_an_input_nor_inside_one(tmp_path: Path) -> None:
    folder = download(tmp_path / "fb", posts())
    archive = tmp_path / "fb.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(folder.rglob("*.json")):
            z.write(path, path.relative_to(folder).as_posix())
    kept = archive.read_bytes()
    for args in (
        ["-o", str(archive), "-f", "json"],
        ["-o", str(folder / "r.json"), "-f", "json"],
        ["--output-dir", str(folder / "reports")],
        ["--summary-out", str(archive)],
    ):
        source = folder if "r.json" in args[1] or "reports" in args[1] else archive
        result = runner.invoke(app, ["scan", str(source), *args, "--images", "off", "--no-cache"])
        assert result.exit_code == 2, (args, result.output)
        assert "Choose an output outside the downloads" in result.output
    assert archive.read_bytes() == kept
    assert not (folder / "r.json").exists() and not (folder / "reports").exists()


def test_every_command_that_writes_a_page_fails_in_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = runner.invoke(app, ["workshop", "handout", "-o", str(blocker / "handout.html")])
    assert result.exit_code == 2, result.output
    assert "could not be written" in result.output and len(result.output.strip().splitlines()) == 1


def test_a_device_output_is_written_into_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as handle:
            received.append(handle.read())

    import threading

    reader = threading.Thread(target=read)
    reader.start()
    commit = OutputCommit()
    commit.add(fifo, "report")
    commit.add(tmp_path / "b.json", "{}", last=True)
    commit.commit()
    reader.join(10)
    assert received == [b"report"] and stat.S_ISFIFO(fifo.stat().st_mode)
    assert (tmp_path / "b.json").read_text() == "{}"
