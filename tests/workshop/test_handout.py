"""The workshop handout quotes every clause of the policy word for word, once, on a self-contained page."""

from __future__ import annotations

from html import unescape

import pytest

from exposure_audit.model import Category
from exposure_audit.policy.model import builtin_policy_names, load_policy
from exposure_audit.workshop.handout import render_handout


@pytest.mark.parametrize("name", builtin_policy_names())
def test_every_clause_and_action_is_quoted_verbatim_once(name: str) -> None:
    policy = load_policy(name)
    html = render_handout(policy)
    text = unescape(html)
    for clause in policy.clauses:
        assert text.count(f"\u201c{clause.text}\u201d") == 1, clause.id
    for category in Category:
        wording = policy.action_for(category)
        if wording:
            assert wording in text
    assert policy.document in text


def test_the_page_needs_nothing_from_the_network() -> None:
    html = render_handout(load_policy(None))
    assert "<script" not in html and "src=" not in html and "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html and "@page" in html
