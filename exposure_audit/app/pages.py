"""The app's pages, rendered on the server. Every value shown goes through `esc`.

Plain words for people who are not engineers; every page works without JavaScript except the live
progress and the tick-boxes, which the script in `static/app.js` adds.
"""

from __future__ import annotations

from html import escape

from exposure_audit.app.exports import REPORT_FORMATS
from exposure_audit.app.inputs import InputFile
from exposure_audit.app.job import ScanJob
from exposure_audit.app.settings import IMAGE_LEVELS


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def size_text(size: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def page(title: str, body: str, kind: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f'<title>{esc(title)} — exposure-audit</title><link rel="stylesheet" href="/static/report.css">'
        '<link rel="stylesheet" href="/static/app.css"><script src="/static/app.js" defer></script></head>'
        f'<body data-page="{esc(kind)}"><nav class="bar"><strong>exposure-audit</strong>'
        '<span class="muted">Everything stays on this computer.</span>'
        '<form method="post" action="/quit"><button type="submit" id="quit">Quit</button></form></nav>'
        f"{body}</body></html>\n"
    )


def _input_row(entry: InputFile) -> str:
    where = "Added here" if entry.origin == "upload" else "In your Downloads folder"
    if entry.problem:
        status = f'<span class="problem">{esc(entry.problem)}</span>'
        tick = ""
    else:
        status = esc(entry.platform or "Not recognised on its own: it may be one part of a bigger download")
        tick = f'<input type="checkbox" name="input" value="{esc(entry.id)}" checked aria-label="Scan this file">'
    return (
        f'<tr data-input="{esc(entry.id)}"><td>{tick}</td><td>{esc(entry.name)}</td><td>{esc(where)}</td>'
        f'<td class="platform">{status}</td><td class="n">{esc(size_text(entry.size))}</td>'
        f'<td><button type="submit" formaction="/inputs/remove" name="remove" value="{esc(entry.id)}" '
        'class="link">Remove from list</button></td></tr>'
    )


def start_page(
    inputs: list[InputFile], policies: list[tuple[str, str]], notes: list[str], error: str, downloads_folder: str
) -> str:
    zips = [e for e in inputs if not e.name.lower().endswith(".toml")]
    rows = (
        "".join(_input_row(e) for e in zips)
        or '<tr><td colspan="6" class="muted">No downloads yet. Add them above.</td></tr>'
    )
    note_list = "".join(f"<li>{esc(n)}</li>" for n in notes)
    notes_html = f'<ul class="notes" id="notes">{note_list}</ul>' if notes else ""
    error_html = f'<p class="error" id="error" role="alert">{esc(error)}</p>' if error else ""
    policy_options = "".join(f'<option value="{esc(value)}">{esc(label)}</option>' for value, label in policies)
    levels = "".join(f'<option value="{esc(v)}">{esc(label)}</option>' for v, label in IMAGE_LEVELS.items())
    return page(
        "Start",
        f"""<main class="app">
<h1>Check what your social-media downloads reveal about your work</h1>
<p>Add the data downloads you requested from Facebook, Instagram, LinkedIn, X or Google. They are read on this
computer only; nothing is sent anywhere.</p>
<section id="add"><h2>1. Add your downloads</h2>
<form id="upload-form" method="post" action="/uploads" enctype="multipart/form-data">
<div id="drop" class="drop"><p>Drop your .zip files here, or choose them:</p>
<input type="file" id="files" name="files" multiple accept=".zip,.toml">
<button type="submit" id="upload-button">Add</button></div></form>
<p id="upload-status" class="muted" aria-live="polite"></p>{notes_html}
<p class="muted">Also looked for in your Downloads folder ({esc(downloads_folder)}).</p></section>
<form method="post" action="/scan" id="scan-form">
<section id="inputs"><h2>2. Check the list</h2>{error_html}
<div class="scroll"><table><thead><tr><th>Scan</th><th>File</th><th>Where</th><th>Recognised as</th><th>Size</th>
<th></th></tr></thead><tbody>{rows}</tbody></table></div></section>
<section id="settings"><h2>3. Settings</h2><p class="muted">The defaults are fine for most people.</p>
<label>Policy<select name="profile" id="profile">{policy_options}</select></label>
<label>Your workplace (a town, or latitude, longitude)<input type="text" name="place" id="place"
 placeholder="e.g. Canberra, AU" autocomplete="off" list="towns"></label><datalist id="towns"></datalist>
<label>Within (metres)<input type="number" name="radius" id="radius" value="500" min="10" max="50000"></label>
<label>Photo checking<select name="images" id="images">{levels}</select></label></section>
<p><button type="submit" class="primary" id="start">Start the audit</button></p></form></main>""",
        "start",
    )


def progress_page(job: ScanJob) -> str:
    items = "".join(
        f'<li data-phase="{esc(p.key)}" data-state="waiting"><span class="label">{esc(p.label)}</span> '
        '<span class="count"></span></li>'
        for p in job.phases.values()
    )
    return page(
        "Scanning",
        f"""<main class="app"><h1>Scanning your downloads</h1>
<ol id="phases" class="phases">{items}</ol><p id="estimate" class="muted" aria-live="polite"></p>
<p id="scan-error" class="error" hidden></p>
<noscript><p>This page does not update without JavaScript: reload it to see the progress.</p></noscript>
<form method="post" action="/scan/cancel"><button type="submit" id="cancel">Cancel</button></form></main>""",
        "progress",
    )


def report_page(body: str, photos_note: str) -> str:
    saves = " ".join(
        f'<a class="button" href="/report/file/{esc(fmt)}" download>{esc(label)}</a>'
        for fmt, (label, _) in REPORT_FORMATS.items()
    )
    return page(
        "Your report",
        f"""<div class="toolbar" id="toolbar">
<div><strong>Save the report:</strong> {saves}</div>
<div><a class="button" id="photos" href="/report/photos.zip" download>Download cleaned copies of my photos</a>
<span class="muted">{esc(photos_note)}</span></div>
<div><a class="button" id="compare" href="/report/compare">Compare with last time</a>
<a class="button" id="summary-link" href="/report/summary">Make a workshop summary</a>
<form method="post" action="/scan/discard"><button type="submit" id="discard">Start again</button></form></div>
</div><div class="report" id="report">{body}</div>""",
        "report",
    )


def summary_page(text: str) -> str:
    return page(
        "Workshop summary",
        f"""<main class="app"><h1>Workshop summary</h1>
<p>This is everything the summary file holds. Read it before you share it.</p>
<pre id="summary-text">{esc(text)}</pre>
<p><a class="button primary" id="save-summary" href="/report/summary.json" download>Save the summary</a>
<a class="button" href="/report">Back to the report</a></p></main>""",
        "summary",
    )


def compare_page(lines: list[str]) -> str:
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return page(
        "Compared with last time",
        f"""<main class="app"><h1>Compared with your last scan</h1>
<ul id="comparison">{items}</ul><p><a class="button" href="/report">Back to the report</a></p></main>""",
        "compare",
    )


def message_page(title: str, text: str, back: bool = True) -> str:
    link = '<p><a class="button" href="/">Back</a></p>' if back else ""
    return page(
        title, f'<main class="app"><h1>{esc(title)}</h1><p id="message">{esc(text)}</p>{link}</main>', "message"
    )
