"""Reporters: the presentation every format shares, and the formats (`reporters/formats/`).

A report is prepared once into a `ReportView` (`view.py`: redaction, the checklist, the summary, the
"start here" actions) and each format renders that view with its own options. The view's pieces
(`checklist.py`, `redact.py`, `targets.py`, `steps.py`, `summary.py`, ...) are shared, so every format
shows the same actions and never a raw personal value unless the person asked for it.
"""
