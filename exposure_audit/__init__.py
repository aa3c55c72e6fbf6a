"""exposure-audit: find what in your own social-media downloads identifies you as departmental staff."""

__version__ = "0.1.0"

from exposure_audit.runtime import collector as _collector

if _collector.started_as_command_line():
    _collector.defer_while_starting()  # no collections while the modules load: see runtime/collector.py

import platformdirs as _platformdirs

from exposure_audit.runtime import dataclass_code as _dataclass_code
from exposure_audit.runtime import native_threads as _native_threads
from exposure_audit.runtime import no_telemetry as _no_telemetry

_no_telemetry.disable()  # before any dependency is imported: see runtime/no_telemetry.py
_native_threads.limit()  # before numpy is imported: see runtime/native_threads.py
# Before any of the package's dataclasses is defined: see runtime/dataclass_code.py.
_dataclass_code.install(_platformdirs.user_cache_path("exposure-audit"))
