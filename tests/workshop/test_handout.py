"""The workshop handout quotes every clause of the pack word for word, once, on a self-contained page."""

from __future__ import annotations

from html import unescape

import pytest

from exposure_audit.model import Category
from exposure_audit.policy.packs import builtin_pack_names, load_pack
from exposure_audit.workshop.handout import render_handout


@pytest.mark.parametrize("name", builtin_pack_names())
def test_every_clause_and_action_is_quoted_verbatim_once(name: str) -> None:
    pack = load_pack(name)
    html = render_handout(pack)
    text = unescape(html)
    for clause in pack.clauses:
        assert text.count(f"\u201c{clause.text}\u201d") == 1, clause.id
    for category in Category:
        wording = pack.action_for(category)
        if wording:
            assert wording in text
    assert pack.document in text


def test_the_page_needs_nothing_from_the_network() -> None:
    html = render_handout(load_pack(None))
    assert "<script" not in html and "src=" not in html and "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html and "@page" in html
