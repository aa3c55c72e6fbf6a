"""The HTML report's own style sheet and script, and the Content-Security-Policy that allows only them.

The page carries a CSP that names these two blocks by hash: even if some downloaded text escaped
its escaping, the browser would refuse to run it, and the page can load nothing from the network.
"""

from __future__ import annotations

import base64
import hashlib

CSS = """
:root { --fg: #1b1b1f; --muted: #5b5b66; --bg: #ffffff; --card: #f6f6f8; --line: #d8d8de;
  --high: #b3261e; --medium: #8a5a00; --low: #1f5fa8; --accent: #4a2c8f; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #ececf1; --muted: #a6a6b3; --bg: #131316; --card: #1d1d22; --line: #34343c;
    --high: #ff8a80; --medium: #ffc861; --low: #8ab4f8; --accent: #c6b3ff; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI",
  Roboto, sans-serif; color: var(--fg); background: var(--bg); overflow-wrap: break-word; }
h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.3rem; margin: 1.5rem 0 .5rem; }
.privacy { border: 2px solid var(--high); border-radius: .5rem; padding: .4rem .7rem; margin: 0 0 .5rem;
  font-size: .85rem; }
.unread-warning { border: 3px solid var(--high); border-radius: .5rem; padding: .6rem .8rem; margin: 0 0 1rem;
  overflow-wrap: anywhere; }
.start { border: 2px solid var(--accent); border-radius: .5rem; padding: .2rem .9rem .5rem; }
.start h2 { margin: .4rem 0; } ol.start-list { list-style: none; padding: 0; margin: 0; }
ol.start-list li { margin: .4rem 0; } ol.start-list a { color: inherit; }
.clause h3 { font-size: 1rem; margin: .8rem 0 .2rem; }
.meta, .muted { color: var(--muted); font-size: .9rem; }
.summary li { margin: .3rem 0; }
.counts { display: flex; flex-wrap: wrap; gap: .4rem; padding: 0; list-style: none; }
.counts li { background: var(--card); border: 1px solid var(--line); border-radius: 1rem; padding: .1rem .7rem; }
figure.location { margin: 1rem 0; }
figure.location svg.map { display: block; width: 100%; height: auto; }
figure.location svg.map-wide { max-width: 720px; } figure.location svg.map-narrow { display: none; max-width: 480px; }
@media (max-width: 760px) { figure.location svg.map-wide { display: none; }
  figure.location svg.map-narrow { display: block; } }
ul.map-places { margin: .4rem 0; padding-left: 1.2rem; }
.filters { display: flex; flex-wrap: wrap; gap: .8rem; align-items: center; background: var(--card);
  padding: .6rem; border-radius: .5rem; position: sticky; top: 0; z-index: 1; }
.filters select { font-size: 1rem; padding: .2rem; }
ol.actions { list-style: none; padding: 0; margin: 0; }
li.action { background: var(--card); border: 1px solid var(--line); border-left: .4rem solid var(--low);
  border-radius: .5rem; padding: .7rem .9rem; margin: .8rem 0; }
li.action.sev-high { border-left-color: var(--high); } li.action.sev-medium { border-left-color: var(--medium); }
li.action[hidden] { display: none; }
li.action.is-done { opacity: .6; } li.action.is-done .title { text-decoration: line-through; }
.head { display: flex; gap: .6rem; align-items: flex-start; }
.head input { width: 1.5rem; height: 1.5rem; flex: none; margin-top: .15rem; accent-color: var(--accent); }
.head label { font-weight: 600; flex: 1; cursor: pointer; }
.badge { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; border-radius: .3rem;
  padding: .05rem .4rem; border: 1px solid currentColor; white-space: nowrap; }
.badge.high { color: var(--high); } .badge.medium { color: var(--medium); } .badge.low { color: var(--low); }
.tags { color: var(--muted); font-size: .85rem; margin: .2rem 0 0 2.1rem; }
.body { margin-left: 2.1rem; }
.instruction { font-style: italic; margin: .4rem 0; }
details { margin: .3rem 0; } summary { cursor: pointer; font-weight: 600; }
blockquote { margin: .3rem 0 .3rem .5rem; padding-left: .6rem; border-left: 3px solid var(--line); }
ol.steps { padding-left: 1.4rem; margin: .3rem 0; }
ul.evidence { list-style: none; padding: 0; margin: .3rem 0; }
ul.evidence li { display: flex; gap: .6rem; border-top: 1px solid var(--line); padding: .4rem 0; }
svg.thumb { width: 4.5rem; height: 4.5rem; flex: none; border-radius: .3rem; background: var(--line); }
.excerpt { margin: .2rem 0; white-space: pre-wrap; }
.where { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .8rem; color: var(--muted); }
.match { font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; display: block; overflow-x: auto; }
/* Cells never cut a word (nor a file name at its hyphens): a narrow screen scrolls the table sideways.
   Only prose cells (.text) wrap, and only at spaces. */
th, td { overflow-wrap: normal; word-break: normal; hyphens: none; white-space: nowrap; }
td.text { white-space: normal; min-width: 12rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
td.n { text-align: right; }
.sprites { position: absolute; width: 0; height: 0; overflow: hidden; }
@media (max-width: 40rem) { body { padding: .6rem; } .body, .tags { margin-left: 0; } }
@media print {
  :root { --fg: #000; --bg: #fff; --card: #fff; --muted: #333; }
  body { max-width: none; font-size: 10.5pt; }
  .filters { display: none; }
  li.action { break-inside: avoid-page; opacity: 1; }
  li.action[hidden] { display: block; }
  summary { list-style: none; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var root = document.documentElement;
  var prefix = "exposure-audit:" + root.getAttribute("data-report") + ":";
  var store = null;
  try { store = window.localStorage; store.getItem(prefix); } catch (err) { store = null; }
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.done"));
  var actions = Array.prototype.slice.call(document.querySelectorAll("li.action"));
  var progress = document.getElementById("progress");
  var platform = document.getElementById("filter-platform");
  var category = document.getElementById("filter-category");
  var shownCount = document.getElementById("filter-count");
  function mark(box) {
    var item = box.closest("li.action");
    if (item) { item.classList.toggle("is-done", box.checked); }
  }
  function update() {
    var done = boxes.filter(function (b) { return b.checked; }).length;
    progress.textContent = done + " of " + boxes.length + " done";
  }
  boxes.forEach(function (box) {
    var key = prefix + box.getAttribute("data-key");
    if (store && store.getItem(key) === "1") { box.checked = true; }
    mark(box);
    box.addEventListener("change", function () {
      if (store) {
        try {
          if (box.checked) { store.setItem(key, "1"); } else { store.removeItem(key); }
        } catch (err) { store = null; }
      }
      mark(box);
      update();
    });
  });
  function filter() {
    var wantPlatform = platform.value, wantCategory = category.value, shown = 0;
    actions.forEach(function (item) {
      var categories = (item.getAttribute("data-categories") || "").split(" ");
      var visible = (!wantPlatform || item.getAttribute("data-platform") === wantPlatform) &&
        (!wantCategory || categories.indexOf(wantCategory) >= 0);
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    shownCount.textContent = shown + " of " + actions.length + " actions shown";
  }
  platform.addEventListener("change", filter);
  category.addEventListener("change", filter);
  document.getElementById("filters").hidden = false;
  var reopen = [];
  window.addEventListener("beforeprint", function () {
    reopen = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    reopen.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () { reopen.forEach(function (d) { d.open = false; }); });
  update();
  filter();
}());
"""


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; img-src data:; style-src {_sha256(CSS)}; script-src {_sha256(SCRIPT)}; "
    "base-uri 'none'; form-action 'none'"
)
