"""Policy packs: what identifies staff of one organisation and the clauses of its policy (`--policy`).
The packs themselves are TOML files in `exposure_audit/profiles/`."""
