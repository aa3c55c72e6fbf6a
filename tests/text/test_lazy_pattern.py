"""A lazily compiled pattern answers as the compiled one does, before and after its first use."""

from __future__ import annotations

import re

from exposure_audit.text.lazy_pattern import LazyPattern


def test_it_answers_as_the_compiled_pattern_does() -> None:
    source, text = r"\b(my|our)\s+(sister|mate)\b", "My sister and our mate; not mymate"
    lazy, compiled = LazyPattern(source, re.IGNORECASE), re.compile(source, re.IGNORECASE)
    assert lazy.search(text, 3).span() == compiled.search(text, 3).span()  # type: ignore[union-attr]
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.match(text, 0, 5) is None and compiled.match(text, 0, 5) is None
    assert lazy.fullmatch("our mate").group(2) == "mate"  # type: ignore[union-attr]
    assert lazy.sub(lambda m: m.group(1).upper(), text, 1) == compiled.sub(lambda m: m.group(1).upper(), text, 1)
    assert lazy.split(text) == compiled.split(text)
    assert lazy.pattern == source


def test_it_is_compiled_once_on_first_use_and_then_calls_the_pattern_directly() -> None:
    lazy = LazyPattern(r"x+")
    assert "_compiled" not in vars(lazy)
    assert lazy.search("axxb") is not None
    assert vars(lazy)["search"] == lazy.compiled.search
    assert lazy.compiled is lazy.compiled
