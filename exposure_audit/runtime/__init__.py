"""How a run is carried out: units of work on every core and how their records travel back, progress,
the scan cache, the report clock, lazily loaded modules, the person's settings file and switching
dependencies' telemetry off."""
