"""`exposure-audit demo`: an invented person's downloads, built on the fly, for trying the tool.

No network and no real personal data: everything comes from `personas.py`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from exposure_audit.demo.facebook import write_facebook
from exposure_audit.demo.instagram import write_instagram
from exposure_audit.demo.linkedin import write_linkedin
from exposure_audit.demo.personas import PERSONAS, Persona
from exposure_audit.demo.x_archive import write_x
from exposure_audit.errors import UsageError
from exposure_audit.policy.model import Site

MARKER = ".exposure-audit-demo"


def persona(name: str) -> Persona:
    try:
        return PERSONAS[name]
    except KeyError:
        raise UsageError(
            f"--persona {name}", "no such demo persona", f"Use one of: {', '.join(sorted(PERSONAS))}"
        ) from None


def build_demo_download(folder: Path, name: str) -> list[Path]:
    """Write the persona's downloads (one folder per platform) into `folder`, replacing old ones."""
    who = persona(name)
    if folder.exists():
        if not (folder / MARKER).exists():
            raise UsageError(
                str(folder), "exists and was not made by the demo", "Give an --output-dir that is empty or new"
            )
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text(f"demo persona: {who.key}\n", encoding="utf-8")
    writers = {"facebook": write_facebook, "instagram": write_instagram, "linkedin": write_linkedin, "x": write_x}
    return [writers[platform](who, folder) for platform in who.platforms]


def demo_sites(name: str) -> tuple[Site, ...]:
    """The persona's workplace, as the person would give it with --site."""
    return (persona(name).site,)
