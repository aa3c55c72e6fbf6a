"""Switch off every dependency's telemetry before any of them is imported.

onnxruntime (which runs the OCR models) writes a device id and an event database under
~/.cache/Microsoft/DeveloperTools/ the moment it is imported, unless ORT_DISABLE_TELEMETRY is set;
an offline privacy tool must leave nothing of the kind behind. The variables are set (never
overridden, so a person can still opt in) when the package is imported, so worker processes
inherit them too.
"""

from __future__ import annotations

import os

OPT_OUTS = {
    "ORT_DISABLE_TELEMETRY": "1",  # onnxruntime's OneDS telemetry and its device id
    "HF_HUB_DISABLE_TELEMETRY": "1",  # Hugging Face libraries, should a model loader pull them in
    "DO_NOT_TRACK": "1",  # the common convention other tools honour
}


def disable() -> None:
    for name, value in OPT_OUTS.items():
        os.environ.setdefault(name, value)
