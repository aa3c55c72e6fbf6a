"""The terminal's default: one screen (about 40 lines) that says what to do first and where the rest is.

The whole checklist goes to the HTML and Markdown reports (or to the terminal with --full): a person
reads a page in a browser, not 700 lines scrolled past in a terminal.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.text import Text

from exposure_audit.reporters.formats.options import TerminalOptions
from exposure_audit.reporters.formats.terminal import start_block
from exposure_audit.reporters.plural import plural
from exposure_audit.reporters.view import ReportView

SHORT_PRIVACY = "This summary and the reports hold personal information: keep them private."


def _per_platform(view: ReportView) -> list[RenderableType]:
    rows: dict[str, tuple[int, int]] = {}
    for action in view.checklist.actions:
        actions, items = rows.get(action.platform_label, (0, 0))
        rows[action.platform_label] = (actions + 1, items + action.items)
    if not rows:
        return []
    out: list[RenderableType] = [Text(""), Text("Per platform", style="bold underline")]
    width = max(len(label) for label in rows)
    for label, (actions, items) in rows.items():
        name = label[:1].upper() + label[1:]
        out.append(
            Padding(Text(f"{name:<{width}}  {plural(actions, 'action')}, {plural(items, 'item')}"), (0, 0, 0, 2))
        )
    return out


def render_summary(view: ReportView, options: TerminalOptions, written: Path | None) -> str:
    """The one-screen summary; `written` is the HTML report's path (or None when nothing was written)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        color_system="standard" if options.color else None,
        no_color=not options.color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    parts: list[RenderableType] = [Text("exposure-audit", style="bold"), Text(SHORT_PRIVACY, style="magenta")]
    parts += start_block(view)
    parts += _per_platform(view)
    parts.append(Text(""))
    for part in parts:
        console.print(part)
    text = "\n".join(line.rstrip() for line in buffer.getvalue().split("\n")).rstrip("\n") + "\n"
    if written is not None:  # never wrapped, so that it can be copied or clicked whole
        text += f"Full report: {written}\nOpen it in a browser to tick off each step (--open opens it for you).\n"
    return text
