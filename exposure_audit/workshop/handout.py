"""`exposure-audit workshop handout`: the checklist guidance of a policy on one printable page.

For each kind of exposure, the policy's remediation wording and the policy clauses it rests on, quoted
word for word from the policy (which quotes the policy document). A clause cited by several kinds is
quoted once, where it first appears, and referred to by its id afterwards.
"""

from __future__ import annotations

from html import escape

from exposure_audit.model import Category
from exposure_audit.policy.model import Clause, Policy
from exposure_audit.workshop.page import page

HEADINGS = {
    Category.EMPLOYER: "Saying where you work",
    Category.COLLEAGUE: "Colleagues",
    Category.CONTACT: "Official e-mail addresses and phone numbers",
    Category.ACCOUNT: "Accounts registered with official details",
    Category.LOCATION: "Geotags, places and routines",
    Category.UNIFORM: "Uniform, insignia and workplace photos",
    Category.DUTIES: "Official duties and information",
}


def _quote(clause: Clause) -> str:
    return (
        f'<blockquote>\u201c{escape(clause.text)}\u201d <span class="clause-id">{escape(clause.title)} '
        f"[{escape(clause.id)}]</span></blockquote>\n"
    )


def render_handout(policy: Policy) -> str:
    quoted: set[str] = set()
    sections = []
    for category in Category:
        clauses = [c for c in policy.clauses if category.value in c.categories]
        wording = policy.action_for(category)
        if not clauses and not wording:
            continue
        body = [f"<section>\n<h2>{escape(HEADINGS[category])}</h2>\n"]
        if wording:
            body.append(f"<p><strong>What to do:</strong> {escape(wording)}</p>\n")
        earlier = [c.id for c in clauses if c.id in quoted]
        body.extend(_quote(c) for c in clauses if c.id not in quoted)
        quoted.update(c.id for c in clauses)
        if earlier:
            body.append(f'<p class="clause-id">See also {escape(", ".join(earlier))}.</p>\n')
        body.append("</section>\n")
        sections.append("".join(body))
    general = [c for c in policy.clauses if not c.categories and c.id not in quoted]
    if general:
        sections.append("<section>\n<h2>In general</h2>\n" + "".join(_quote(c) for c in general) + "</section>\n")
    head = (
        f"<h1>Checklist: {escape(policy.name)}</h1>\n"
        f'<p class="lead">{escape(policy.organisation)}. Quoted from: {escape(policy.document)}.</p>\n'
        '<p class="lead">Run <strong>exposure-audit</strong> on your own data downloads to see which of '
        "these apply to you and exactly where to fix them. It works offline; nothing leaves your "
        "machine.</p>\n"
    )
    return page(f"Checklist: {policy.name}", head + '<div class="columns handout">\n' + "".join(sections) + "</div>\n")
