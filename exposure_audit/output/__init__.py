"""Writing what a run produces: atomically and owner-only, every output of a run committed as one step,
and the tool's own state files read back as the untrusted files they are."""
