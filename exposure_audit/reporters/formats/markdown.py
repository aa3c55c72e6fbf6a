"""The Markdown report: a `- [ ]` checklist a person can tick in any Markdown editor.

Downloaded text is escaped so that it cannot become a link, an image (which a viewer would fetch
from the network), HTML or a heading.
"""

from __future__ import annotations

import re

from exposure_audit.reporters.checklist import Action
from exposure_audit.reporters.evidence_text import link_text, place, sentence_case
from exposure_audit.reporters.formats.options import MarkdownOptions
from exposure_audit.reporters.plural import plural
from exposure_audit.reporters.policy import anchor, linked_clauses, policy_clauses
from exposure_audit.reporters.start_here import sentence
from exposure_audit.reporters.summary import counts_line
from exposure_audit.reporters.unread_warning import warning_lines
from exposure_audit.reporters.view import PRIVACY_NOTICE, UNCITED_NOTE, ReportView

# Inline Markdown that downloaded text could trigger: emphasis, code, links and images (brackets),
# tables, strikethrough. Nothing is ever at the start of a line, so block syntax cannot start.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md(text: str) -> str:
    """Plain text for Markdown: inline syntax backslash-escaped, HTML made inert, one line."""
    text = " ".join(text.split())
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def code(text: str) -> str:
    """A code span: shown literally by every Markdown viewer (no links, no HTML)."""
    text = " ".join(text.split())
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _action(view: ReportView, number: int, action: Action) -> list[str]:
    lines = [f"- [ ] **{number}. {md(action.title)}** ({action.severity.value})"]
    for instruction in action.instructions:
        lines.append(f"  - *{md(instruction)}*")
    if action.clauses:
        links = ", ".join(f"[{md(c.title)}](#{anchor(view, c)})" for c in linked_clauses(action.clauses))
        lines.append(f"  - Policy: {links}")
    if not action.clauses:
        lines.append(f"  - Policy: {md(UNCITED_NOTE)}")
    if action.steps:
        lines.append("  - How:")
        lines.extend(f"    {i}. {md(step)}" for i, step in enumerate(action.steps, 1))
    lines.append(f"  - Evidence ({plural(len(action.evidence), 'item')}):")
    for evidence in action.evidence:
        match = f" — **{md(evidence.match)}**" if evidence.match else ""
        lines.append(
            f"    - {md(sentence_case(place(evidence, action)))}{match} ({evidence.confidence.value} confidence)  "
        )
        if evidence.excerpt:
            lines.append(f"      > {md(evidence.excerpt)}")
        if evidence.url:  # checked by evidence_where.platform_url: https, a platform's host, no spaces
            lines.append(f"      [{md(link_text(action))}](<{evidence.url}>)")
    return lines


def _start(view: ReportView) -> list[str]:
    lines = ["## Start here", ""]
    if not view.start.actions:
        lines.append("Nothing to do.")
    lines += [f"- [ ] **{number}.** {md(sentence(action))}" for number, action in view.start.actions]
    if view.start.smaller_line:
        lines += ["", md(view.start.smaller_line)]
    return [*lines, ""]


def _policy(view: ReportView) -> list[str]:
    clauses = policy_clauses(view)
    if not clauses:
        return []
    lines = ["## Your policy", ""]
    for clause in clauses:
        lines += [f'<a id="{anchor(view, clause)}"></a>', f"**{md(clause.title)}**", "", f"> {md(clause.text)}", ""]
    return lines


def _coverage(view: ReportView) -> list[str]:
    lines = [
        "## Coverage",
        "",
        "| Input | Platform | Items | Files | Read | Not understood | Failed |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for s in view.report.inputs:
        c = s.coverage
        lines.append(
            f"| {md(view.redactor.text(s.path))} | {s.platform.value} | {s.items} | {c.members_total} | "
            f"{c.members_read} | {c.not_understood_count} | {c.members_failed} |"
        )
    unread = [m for s in view.report.inputs for m in s.coverage.content_unread]
    if unread:
        lines += ["", "Files that look like your content but could not be read:", ""]
        lines += [f"- {md(view.redactor.text(m))}" for m in unread]
    lines += ["", f"## Skipped ({len(view.report.skipped)})", ""]
    if view.report.skipped:
        lines += ["| File | Stage | Reason |", "|---|---|---|"]
        for k in view.report.skipped:
            lines.append(
                f"| {md(view.redactor.text(k.source.member)) or '(whole input)'} | {k.stage} | "
                f"{md(view.redactor.text(k.reason))} |"
            )
    else:
        lines.append("Nothing was skipped.")
    return lines


def render(view: ReportView, options: MarkdownOptions) -> str:
    report = view.report
    lines = [f"> **Warning: {md(line)}**" for line in warning_lines(report)]
    lines += [""] if lines else []
    lines += [
        "# exposure-audit report",
        "",
        f"> **{PRIVACY_NOTICE}** {view.values_note}",
        "",
        *_start(view),
        "## What someone could learn",
        "",
        *[line for sentence in view.summary.sentences for line in (md(sentence), "")],
        f"**Policy:** {md(view.policy.name)} — {md(report.profile.document)}  ",
        f"**Generated:** {report.generated_at:%Y-%m-%d %H:%M} UTC by exposure-audit {md(report.tool_version)}",
        "",
    ]
    if report.interrupted:
        lines += ["**This report is partial: the scan was interrupted.**", ""]
    lines += [f"Findings by category: {md(counts_line(view.summary))}", ""]
    actions = view.checklist.actions
    lines += [f"## Checklist ({plural(len(actions), 'action')})", ""]
    if not actions:
        lines.append("Nothing to do.")
    for number, action in enumerate(actions, 1):
        lines += _action(view, number, action)
    lines.append("")
    lines += _policy(view)
    lines += _coverage(view)
    return "\n".join(lines) + "\n"
