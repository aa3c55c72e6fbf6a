"""exposure-audit: find what in your own social-media downloads identifies you as departmental staff."""

import os

__version__ = "0.1.0"

# onnxruntime (behind the OCR of photos) writes a device id and an event database under
# ~/.cache/Microsoft and may upload usage events unless told not to, and it reads the setting only
# when it is first imported. An offline audit of personal data must do neither, so the switch is set
# here, before any module of the package can import it, and child processes inherit it. Both
# spellings are set: onnxruntime's releases have read one or the other.
for _switch in ("ORT_DISABLE_TELEMETRY", "ORT_TELEMETRY_DISABLED"):
    os.environ[_switch] = "1"
