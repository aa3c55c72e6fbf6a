"""Policies: what identifies staff of one organisation and the clauses of its policy (`--policy`).
The policies themselves are TOML files in `exposure_audit/policy/builtin/` (with the policy texts they quote in `texts/`)."""
