"""How a run is carried out: units of work on every core and how their records travel back, progress,
the scan cache, the report clock, lazily loaded modules, the person's settings file, switching
dependencies' telemetry off, and what makes a short run start and end fast (the kept dataclass code and
parsed TOML tables, the garbage collector's settings, ending the process once the outputs are written)."""
