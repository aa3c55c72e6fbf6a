"""exposure-audit: find what in your own social-media downloads identifies you as departmental staff."""

__version__ = "0.1.0"

from exposure_audit.runtime import no_telemetry as _no_telemetry

_no_telemetry.disable()  # before any dependency is imported: see runtime/no_telemetry.py
