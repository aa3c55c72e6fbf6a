"""The terminal report: the summary, then the checklist grouped by action, readable at 80 columns.

Downloaded text is only ever passed to rich as `Text` (never as markup), so a post containing
"[bold]" or an escape sequence prints as what it is.
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from exposure_audit.model import Level
from exposure_audit.reporters.checklist import Action
from exposure_audit.reporters.evidence_text import place, sentence_case
from exposure_audit.reporters.formats.options import TerminalOptions
from exposure_audit.reporters.plural import plural
from exposure_audit.reporters.policy import linked_clauses, policy_clauses
from exposure_audit.reporters.start_here import sentence
from exposure_audit.reporters.summary import counts_line
from exposure_audit.reporters.unread_warning import warning_lines
from exposure_audit.reporters.view import PRIVACY_NOTICE, UNCITED_NOTE, ReportView

EVIDENCE_SHOWN = 5  # per action; the file formats list every item
SEVERITY_STYLE = {Level.HIGH: "bold red", Level.MEDIUM: "yellow", Level.LOW: "cyan"}


def _indent(renderable: RenderableType, left: int) -> Padding:
    return Padding(renderable, (0, 0, 0, left))


def _header(view: ReportView) -> list[RenderableType]:
    report = view.report
    out: list[RenderableType] = [Text(f"WARNING: {line}", style="bold red") for line in warning_lines(report)]
    out += [
        Text("exposure-audit report", style="bold"),
        Text(PRIVACY_NOTICE, style="bold magenta"),
        Text(view.values_note, style="dim"),
        *start_block(view),
        Text(""),
        Text(f"Policy: {view.policy.name} ({report.profile.document})"),
        Text(
            f"Generated {report.generated_at:%Y-%m-%d %H:%M} UTC by exposure-audit {report.tool_version}", style="dim"
        ),
    ]
    for summary in report.inputs:
        cov = summary.coverage
        out.append(
            Text(
                f"Input: {view.redactor.text(summary.path)} ({summary.platform.value}, {summary.items} items; "
                f"{cov.members_read} files read, {cov.not_understood_count} not understood, "
                f"{cov.members_failed} failed)",
                style="dim",
            )
        )
    out.append(_indent(Text(f"Findings: {counts_line(view.summary)}", style="dim"), 2))
    return out


def _action(number: int, action: Action) -> list[RenderableType]:
    head = Text.assemble(
        ("[ ] ", "bold"),
        (f"{number}. ", "bold"),
        (action.title, "bold"),
        ("  " + action.severity.value.upper(), SEVERITY_STYLE[action.severity]),
    )
    out: list[RenderableType] = [Text(""), head]
    body: list[RenderableType] = []
    for instruction in action.instructions:
        body.append(Text(instruction, style="italic"))
    for clause in linked_clauses(action.clauses):
        body.append(Text.assemble(("Policy: ", "dim"), (clause.title, "bold"), (" (see Your policy)", "dim")))
    if not action.clauses:
        body.append(Text("Policy: " + UNCITED_NOTE, style="dim"))
    if action.steps:
        body.append(Text("How:", style="bold"))
        body.extend(_indent(Text(f"{i}. {step}"), 2) for i, step in enumerate(action.steps, 1))
    body.append(Text(f"Evidence ({plural(len(action.evidence), 'item')}):", style="bold"))
    for evidence in action.evidence[:EVIDENCE_SHOWN]:
        line = Text.assemble(
            ("• ", "dim"),
            (sentence_case(place(evidence, action)), ""),
            (f" [{evidence.confidence.value} confidence]", "dim"),
        )
        if evidence.match:
            line.append(" — ")
            line.append(evidence.match, style="bold")
        body.append(_indent(line, 2))
        if evidence.excerpt:
            body.append(_indent(Text("“" + evidence.excerpt + "”", style="italic"), 4))
        if evidence.url:
            body.append(_indent(Text(evidence.url, style="dim"), 4))
    hidden = len(action.evidence) - EVIDENCE_SHOWN
    if hidden > 0:
        body.append(_indent(Text(f"… and {hidden} more (see the HTML or Markdown report)", style="dim"), 2))
    out.append(_indent(Group(*body), 4))
    return out


def start_block(view: ReportView) -> list[RenderableType]:
    """The 'Start here' lines and the one-paragraph overview: the top of the summary and the full report."""
    out: list[RenderableType] = [Text(""), Text("Start here", style="bold underline")]
    if not view.start.actions:
        out.append(_indent(Text("Nothing to do."), 2))
    for number, action in view.start.actions:
        out.append(_indent(Text.assemble(("[ ] ", "bold"), (f"{number}. ", "bold"), sentence(action)), 2))
    if view.start.smaller_line:
        out.append(_indent(Text(view.start.smaller_line, style="dim"), 2))
    out += [Text(""), Text("What someone could learn", style="bold underline")]
    out += [_indent(Text(s), 2) for s in view.summary.sentences]
    return out


def _policy(view: ReportView) -> list[RenderableType]:
    clauses = policy_clauses(view)
    if not clauses:
        return []
    out: list[RenderableType] = [Text(""), Text("Your policy", style="bold underline")]
    for clause in clauses:
        out.append(_indent(Text(clause.title, style="bold"), 2))
        out.append(_indent(Text("“" + clause.text + "”", style="italic"), 4))
    return out


def _coverage(view: ReportView) -> list[RenderableType]:
    report = view.report
    out: list[RenderableType] = [Text(""), Text("Coverage", style="bold underline")]
    for summary in report.inputs:
        cov = summary.coverage
        out.append(
            _indent(
                Text(
                    f"{view.redactor.text(summary.path)}: {cov.members_total} files, {cov.members_read} "
                    f"read, {cov.not_understood_count} not understood, {cov.members_failed} failed"
                ),
                2,
            )
        )
        for member in cov.content_unread[:20]:
            out.append(_indent(Text(f"not read, looks like your content: {view.redactor.text(member)}"), 4))
    out.append(Text(f"Skipped ({len(report.skipped)})", style="bold underline"))
    for skipped in report.skipped[:20]:
        out.append(
            _indent(
                Text(
                    f"{view.redactor.text(skipped.source.member) or '(whole input)'} "
                    f"[{skipped.stage}]: {view.redactor.text(skipped.reason)}"
                ),
                2,
            )
        )
    if len(report.skipped) > 20:
        out.append(_indent(Text(f"… and {len(report.skipped) - 20} more (see the JSON report)", style="dim"), 2))
    return out


def render(view: ReportView, options: TerminalOptions) -> str:
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
    parts = _header(view)
    parts.append(Text(""))
    actions = view.checklist.actions
    parts.append(Text(f"Checklist: {plural(len(actions), 'action')}", style="bold underline"))
    if not actions:
        parts.append(_indent(Text("Nothing to do."), 2))
    for number, action in enumerate(actions, 1):
        parts.extend(_action(number, action))
    parts.extend(_policy(view))
    parts.extend(_coverage(view))
    for part in parts:
        console.print(part)
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))
