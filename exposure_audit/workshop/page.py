"""Self-contained, printable HTML for workshop sheets: one style, no scripts, no fonts, no network."""

from __future__ import annotations

from html import escape

STYLE = """
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #1b1f24;
       max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 5mm 0 1.5mm; border-bottom: 1px solid #c8ccd1; padding-bottom: 1mm; }
h3 { font-size: 10.5pt; margin: 3mm 0 1mm; }
p, li { margin: 0 0 1.5mm; }
.lead { color: #4a5058; }
table.bars { width: 100%; border-collapse: collapse; }
table.bars th { text-align: left; font-weight: normal; width: 48%; padding: 1mm 2mm 1mm 0; }
table.bars td { padding: 1mm 0; }
td.bar { width: 40%; }
td.bar span { display: block; height: 3.2mm; background: #2f6f9f; border-radius: 1mm;
              print-color-adjust: exact; -webkit-print-color-adjust: exact; }
td.people { text-align: right; white-space: nowrap; padding-left: 2mm; }
td.suppressed { color: #6b7178; font-style: italic; }
blockquote { margin: 1mm 0 2mm 3mm; padding-left: 3mm; border-left: 2px solid #c8ccd1; color: #30363d; }
.clause-id { color: #6b7178; font-size: 9pt; }
.columns { columns: 2; column-gap: 7mm; }
.columns h2 { break-after: avoid; }
.handout blockquote { margin: 0 0 1.2mm 1mm; padding-left: 2mm; }
@media print {
  body { font-size: 7.6pt; line-height: 1.25; padding: 0; }
  h1 { font-size: 13pt; } h2 { font-size: 9.5pt; margin-top: 2.5mm; } .clause-id { font-size: 7pt; }
}
footer { margin-top: 5mm; color: #6b7178; font-size: 9pt; }
"""


def page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
