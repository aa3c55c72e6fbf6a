"""The room's picture as one HTML page: bar charts of how many people had each kind of exposure."""

from __future__ import annotations

from html import escape

from exposure_audit.workshop.aggregate import Figure, RoomPicture
from exposure_audit.workshop.page import page


def _row(figure: Figure, people: int, min_group: int) -> str:
    label = f"<th>{escape(figure.label)}</th>"
    if figure.people is None:
        return (
            f'<tr>{label}<td class="bar suppressed"></td>'
            f'<td class="people suppressed">fewer than {min_group}</td></tr>\n'
        )
    width = 100.0 * figure.people / people
    return (
        f'<tr>{label}<td class="bar"><span style="width:{width:.1f}%"></span></td>'
        f'<td class="people">{figure.people}</td></tr>\n'
    )


def _table(figures: tuple[Figure, ...], people: int, min_group: int) -> str:
    rows = "".join(_row(f, people, min_group) for f in figures)
    return f'<table class="bars">\n{rows}</table>\n'


def render_room(picture: RoomPicture) -> str:
    n, k = picture.people, picture.min_group
    parts = [
        "<h1>Exposure in this room</h1>\n",
        f'<p class="lead">How many of the <strong>{n}</strong> people who shared a summary had each kind of '
        f"exposure. A figure drawn from fewer than {k} people is not shown, and nothing here says who had "
        "what.</p>\n",
    ]
    for section in picture.sections:
        parts.append(f"<h2>{escape(section.title)}</h2>\n")
        parts.append(_table(section.figures, n, k))
    parts.append("<h2>Most common checklist actions</h2>\n")
    if picture.actions:
        parts.append(_table(picture.actions, n, k))
    else:
        parts.append(f"<p>No action was shared by {k} or more people.</p>\n")
    if picture.actions_not_shown:
        parts.append(
            f'<p class="lead">Other kinds of action, each needed by fewer than {k} people, are not listed.</p>\n'
        )
    parts.append(
        "<footer>Made by exposure-audit from count-only summaries. Each person saw their summary's full "
        "content before sharing it.</footer>\n"
    )
    return page("Exposure in this room", "".join(parts))
