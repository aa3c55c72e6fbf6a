"""The HTML report's layout in a real headless chromium at a desktop and a phone width.

Checked by element boxes read through JavaScript, not by pixels: 'Start here' is on the first screen,
and no table cell breaks a word in two (each word of a cell lies on one line box).
"""

from __future__ import annotations

import pytest

from tests.reporters.test_html_browser import DevTools, browser, page, pytestmark  # noqa: F401

VIEWPORTS = [(1280, 800), (390, 844)]

BROKEN_WORDS = """
(() => {
  const broken = [];
  document.querySelectorAll('td, th').forEach(cell => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /\\S+/g; let m;
      while ((m = re.exec(node.data)) !== null) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (tops.size > 1) { broken.push(m[0]); }
      }
    }
  });
  return broken;
})()
"""


def _viewport(browser: DevTools, width: int, height: int) -> None:  # noqa: F811
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_start_here_is_on_the_first_screen(browser: DevTools, page: str, width: int, height: int) -> None:  # noqa: F811
    _viewport(browser, width, height)
    browser.load(page)
    box = browser.js("JSON.stringify(document.querySelector('#start ol').getBoundingClientRect())")
    import json

    rect = json.loads(box)
    assert rect["top"] >= 0 and rect["top"] < height * 0.6, rect
    first = json.loads(browser.js("JSON.stringify(document.querySelector('#start li').getBoundingClientRect())"))
    assert first["bottom"] <= height, first
    assert browser.js("document.querySelectorAll('#start li').length") == 3


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_no_table_cell_breaks_a_word(browser: DevTools, page: str, width: int, height: int) -> None:  # noqa: F811
    _viewport(browser, width, height)
    browser.load(page)
    assert browser.js("document.querySelectorAll('td').length") > 0
    assert browser.js(BROKEN_WORDS) == []
