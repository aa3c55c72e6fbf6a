"""The HTML report: one self-contained page, readable on a phone and printable as a handout.

No network: styles, script, thumbnails and the location picture are inside the file, and the page's
Content-Security-Policy forbids loading anything else. Every string that came from a download goes
through `esc`, so a post containing markup shows as text. Tick-boxes remember their state in the
browser's localStorage, keyed by the report and the action, so a new report starts unticked.
"""

from __future__ import annotations

import base64
import hashlib
import io
from html import escape

from PIL import Image, UnidentifiedImageError

from exposure_audit.model import AuditReport, Category
from exposure_audit.reporters.checklist import Action, Evidence
from exposure_audit.reporters.evidence_text import link_text, place, sentence_case
from exposure_audit.reporters.formats.html_assets import CONTENT_SECURITY_POLICY, CSS, SCRIPT
from exposure_audit.reporters.formats.options import HtmlOptions, ThumbnailProvider
from exposure_audit.reporters.plural import plural
from exposure_audit.reporters.policy import anchor, linked_clauses, policy_clauses
from exposure_audit.reporters.start_here import sentence
from exposure_audit.reporters.unread_warning import warning_lines
from exposure_audit.reporters.view import PRIVACY_NOTICE, UNCITED_NOTE, ReportView

MAX_THUMBNAILS = 400  # distinct images embedded; the rest are listed without a picture
MAX_THUMBNAIL_BYTES = 6 * 1024 * 1024  # base64 budget, keeps the page small enough for a phone


def esc(text: object) -> str:
    return escape(str(text), quote=True)


class Thumbnails:
    """Thumbnails embedded once each (as SVG symbols) however many findings show the same photo."""

    def __init__(self, provider: ThumbnailProvider | None) -> None:
        self._provider = provider
        self._ids: dict[str, tuple[str, int, int]] = {}  # content hash -> symbol id, width, height
        self._by_member: dict[tuple[str, str], tuple[str, int, int] | None] = {}
        self._symbols: list[str] = []
        self._bytes = 0
        self.left_out = 0

    def _load(self, archive: str, member: str) -> tuple[str, int, int] | None:
        if self._provider is None:
            return None
        if len(self._ids) >= MAX_THUMBNAILS:  # full: do not even read the photo
            self.left_out += 1
            return None
        try:
            data = self._provider(archive, member)
        except Exception:  # a broken image or download costs its thumbnail, never the report
            return None
        if not data:
            return None
        digest = hashlib.sha256(data).hexdigest()
        if digest in self._ids:
            return self._ids[digest]
        encoded = base64.b64encode(data).decode("ascii")
        if self._bytes + len(encoded) > MAX_THUMBNAIL_BYTES:
            self.left_out += 1
            return None
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
        except (UnidentifiedImageError, OSError, ValueError):
            return None
        symbol = (f"t{len(self._ids)}", width, height)
        self._ids[digest] = symbol
        self._bytes += len(encoded)
        self._symbols.append(
            f'<symbol id="{symbol[0]}" viewBox="0 0 {width} {height}"><image width="{width}" '
            f'height="{height}" href="data:image/jpeg;base64,{encoded}"/></symbol>'
        )
        return symbol

    def use(self, evidence: Evidence) -> str:
        if not evidence.media_member:
            return ""
        key = (evidence.media_archive, evidence.media_member)
        if key not in self._by_member:
            self._by_member[key] = self._load(*key)
        symbol = self._by_member[key]
        if symbol is None:
            return ""
        ident, width, height = symbol
        return (
            f'<svg class="thumb" viewBox="0 0 {width} {height}" role="img" aria-label="flagged photo">'
            f'<use href="#{ident}"/></svg>'
        )

    def sprites(self) -> str:
        if not self._symbols:
            return ""
        return '<svg class="sprites" aria-hidden="true" focusable="false">' + "".join(self._symbols) + "</svg>"


def _evidence(evidence: Evidence, action: Action, thumbs: Thumbnails) -> str:
    match = f' — <span class="match">{esc(evidence.match)}</span>' if evidence.match else ""
    excerpt = f'<p class="excerpt">{esc(evidence.excerpt)}</p>' if evidence.excerpt else ""
    link = (
        (
            f'<p class="link"><a href="{esc(evidence.url)}" rel="noopener noreferrer" target="_blank">'
            f"{esc(link_text(action))}</a></p>"
        )
        if evidence.url
        else ""
    )
    return (
        f"<li>{thumbs.use(evidence)}<div><div>{esc(sentence_case(place(evidence, action)))}{match} "
        f'<span class="muted">({esc(evidence.confidence.value)} confidence)</span></div>'
        f"{excerpt}{link}</div></li>"
    )


def _action(view: ReportView, number: int, action: Action, thumbs: Thumbnails) -> str:
    categories = " ".join(c.value for c in action.categories)
    parts = [
        f'<li class="action sev-{esc(action.severity.value)}" id="a-{esc(action.key)}" '
        f'data-platform="{esc(action.platform.value)}" data-categories="{esc(categories)}">',
        f'<div class="head"><input type="checkbox" class="done" id="c-{esc(action.key)}" data-key="{esc(action.key)}">'
        f'<label for="c-{esc(action.key)}" class="title">{number}. {esc(action.title)}</label>'
        f'<span class="badge {esc(action.severity.value)}">{esc(action.severity.value)}</span></div>',
        f'<div class="tags">{esc(action.platform_label)} · {esc(", ".join(c.value for c in action.categories))} · '
        f'{esc(plural(action.items, "item"))}</div><div class="body">',
    ]
    parts += [f'<p class="instruction">{esc(text)}</p>' for text in action.instructions]
    if action.clauses:
        links = ", ".join(f'<a href="#{anchor(view, c)}">{esc(c.title)}</a>' for c in linked_clauses(action.clauses))
        parts.append(f'<p class="policy-links">Policy: {links}</p>')
    else:
        parts.append(f'<p class="muted">Policy: {esc(UNCITED_NOTE)}</p>')
    if action.steps:
        steps = "".join(f"<li>{esc(step)}</li>" for step in action.steps)
        parts.append(f'<details open><summary>How</summary><ol class="steps">{steps}</ol></details>')
    evidence = "".join(_evidence(e, action, thumbs) for e in action.evidence)
    parts.append(
        f"<details><summary>Evidence ({len(action.evidence)})</summary>"
        f'<ul class="evidence">{evidence}</ul></details></div></li>'
    )
    return "".join(parts)


def _start(view: ReportView) -> str:
    """'Start here' and the one-paragraph overview, the first thing under the page's title."""
    items = (
        "".join(
            f'<li><a href="#a-{esc(action.key)}"><strong>{number}.</strong> {esc(sentence(action))}</a></li>'
            for number, action in view.start.actions
        )
        or "<li>Nothing to do.</li>"
    )
    smaller = f'<p class="muted">{esc(view.start.smaller_line)}</p>' if view.start.smaller_line else ""
    overview = "".join(f"<p>{esc(s)}</p>" for s in view.summary.sentences)
    return (
        f'<section id="start" class="start"><h2>Start here</h2><ol class="start-list">{items}</ol>{smaller}'
        f'</section><section id="summary" class="summary"><h2>What someone could learn</h2>{overview}'
    )


def _policy(view: ReportView) -> str:
    clauses = policy_clauses(view)
    if not clauses:
        return ""
    quotes = "".join(
        f'<div id="{anchor(view, c)}" class="clause"><h3>{esc(c.title)}</h3>'
        f"<blockquote>{esc(c.text)}</blockquote></div>"
        for c in clauses
    )
    return f'<section id="policy"><h2>Your policy</h2>{quotes}</section>'


def _filters(view: ReportView) -> str:
    platforms = sorted({(a.platform.value, a.platform_label) for a in view.checklist.actions})
    categories = [c for c in Category if any(c in a.categories for a in view.checklist.actions)]
    platform_options = "".join(f'<option value="{esc(value)}">{esc(label)}</option>' for value, label in platforms)
    category_options = "".join(f'<option value="{esc(c.value)}">{esc(c.value)}</option>' for c in categories)
    return (
        '<div class="filters" id="filters" hidden>'
        f'<label>Platform <select id="filter-platform"><option value="">all</option>{platform_options}</select>'
        f'</label><label>Category <select id="filter-category"><option value="">all</option>{category_options}'
        '</select></label><span id="filter-count" class="muted"></span>'
        '<strong id="progress" aria-live="polite"></strong></div>'
    )


def _summary(view: ReportView, options: HtmlOptions) -> str:
    counts = "".join(f"<li>{esc(c.value)} <strong>{n}</strong></li>" for c, n in view.summary.counts.items() if n)
    # Inline, so that its labels keep their size on a phone (two layouts, chosen by CSS). It is built
    # by our own code with every name escaped, and the page's CSP would block any script in it.
    picture = options.location_map
    return f'<ul class="counts" aria-label="Findings by category">{counts}</ul>{picture}</section>'


def _coverage(view: ReportView) -> str:
    redact = view.redactor.text
    rows = "".join(
        f'<tr><td>{esc(redact(s.path))}</td><td>{esc(s.platform.value)}</td><td class="n">{s.items}</td>'
        f'<td class="n">{s.coverage.members_total}</td><td class="n">{s.coverage.members_read}</td>'
        f'<td class="n">{s.coverage.not_understood_count}</td><td class="n">{s.coverage.members_failed}</td></tr>'
        for s in view.report.inputs
    )
    skipped = "".join(
        f"<tr><td>{esc(redact(k.source.member) or '(whole input)')}</td><td>{esc(k.stage)}</td>"
        f'<td class="text">{esc(redact(k.reason))}</td></tr>'
        for k in view.report.skipped
    )
    skipped_table = (
        (f"<table><thead><tr><th>File</th><th>Stage</th><th>Reason</th></tr></thead><tbody>{skipped}</tbody></table>")
        if skipped
        else "<p>Nothing was skipped.</p>"
    )
    unread = "".join(f"<li>{esc(redact(m))}</li>" for s in view.report.inputs for m in s.coverage.content_unread)
    unread_list = f"<p>Files that look like your content but could not be read:</p><ul>{unread}</ul>" if unread else ""
    return (
        '<section id="coverage"><h2>Coverage</h2><table><thead><tr><th>Input</th><th>Platform</th>'
        "<th>Items</th><th>Files</th><th>Read</th><th>Not understood</th><th>Failed</th></tr></thead>"
        f'<tbody>{rows}</tbody></table>{unread_list}</section><section id="skipped"><h2>Skipped '
        f"({len(view.report.skipped)})</h2>{skipped_table}</section>"
    )


def report_id(report: AuditReport) -> str:
    payload = "|".join([report.generated_at.isoformat(), *sorted(f.fingerprint for f in report.findings)])
    return hashlib.blake2b(payload.encode(), digest_size=8).hexdigest()


def body(view: ReportView, options: HtmlOptions) -> str:
    """The report's content without the page around it: what `render` wraps, and what a local app can embed.

    The thumbnails' sprite sheet is part of the fragment, so the fragment is complete on its own.
    """
    report = view.report
    thumbs = Thumbnails(options.thumbnails)
    actions = view.checklist.actions
    items = "".join(_action(view, i, a, thumbs) for i, a in enumerate(actions, 1)) or "<li>Nothing to do.</li>"
    left_out = (
        (
            f'<p class="muted">{esc(plural(thumbs.left_out, "more photo is", "more photos are"))} listed '
            "without a thumbnail to keep this page small.</p>"
        )
        if thumbs.left_out
        else ""
    )
    interrupted = (
        "<p><strong>This report is partial: the scan was interrupted.</strong></p>" if report.interrupted else ""
    )
    warning = "".join(f"<p><strong>{esc(line)}</strong></p>" for line in warning_lines(report))
    return "".join(
        [
            f'<div class="unread-warning" role="alert">{warning}</div>' if warning else "",
            "<header><h1>exposure-audit report</h1>",
            f'<p class="privacy" role="note"><strong>{esc(PRIVACY_NOTICE)}</strong> {esc(view.values_note)}</p>',
            f"{interrupted}</header><main>",
            _start(view),
            _summary(view, options),
            f'<p class="meta">Policy: {esc(view.policy.name)} — {esc(report.profile.document)}<br>Generated '
            f"{esc(f'{report.generated_at:%Y-%m-%d %H:%M}')} UTC by exposure-audit {esc(report.tool_version)}</p>",
            f'<section id="checklist"><h2>Checklist ({esc(plural(len(actions), "action"))})</h2>{_filters(view)}',
            f'<ol class="actions">{items}</ol>{left_out}</section>',
            _policy(view),
            _coverage(view),
            "</main>",
            thumbs.sprites(),
        ]
    )


def render(view: ReportView, options: HtmlOptions) -> str:
    report = view.report
    return "".join(
        [
            f'<!DOCTYPE html>\n<html lang="en" data-report="{esc(report_id(report))}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{esc(CONTENT_SECURITY_POLICY)}">',
            '<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">',
            '<link rel="icon" href="data:,"><title>exposure-audit report</title>',
            f"<style>{CSS}</style></head><body>",
            body(view, options),
            f"<script>{SCRIPT}</script></body></html>\n",
        ]
    )
