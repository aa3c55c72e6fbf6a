"""Ticked checklist actions, kept in the user's data folder across scans and re-downloads.

A tick is stored per finding, by the finding's id in the app's own baseline (an HMAC of the finding
under the baseline's secret key, `baseline/compare.py`): the id is the same for the same finding in a later
download, and it reveals nothing about the finding. An action shows as ticked when every finding
in it is ticked, so an action that gains a new finding asks to be looked at again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import platformdirs

from exposure_audit.output.atomic import make_private_dir, write_private
from exposure_audit.runtime.user_config import APP_NAME


def app_data_folder() -> Path:
    return platformdirs.user_data_path(APP_NAME) / "app"


class TickStore:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "ticks.json"

    def load(self) -> set[str]:
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # missing or damaged: start with nothing ticked
            return set()
        ticked = document.get("ticked") if isinstance(document, dict) else None
        return {t for t in ticked if isinstance(t, str)} if isinstance(ticked, list) else set()

    def set(self, ids: Iterable[str], done: bool) -> None:
        ticked = self.load()
        ticked = ticked | set(ids) if done else ticked - set(ids)
        make_private_dir(self.path.parent)
        write_private(self.path, json.dumps({"version": 1, "ticked": sorted(ticked)}, indent=1) + "\n")
