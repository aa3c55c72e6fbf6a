"""The demo downloads as the zips a platform sends, for trying the app's "add your downloads"."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from exposure_audit.output.atomic import make_private_dir


def zip_downloads(folders: Sequence[Path], out: Path) -> list[Path]:
    """One `<folder name>.zip` per demo download folder (the platforms' own file names), in `out`."""
    make_private_dir(out)
    zips = []
    for folder in folders:
        target = out / f"{folder.name}.zip"
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(folder).as_posix())
        zips.append(target)
    return zips
