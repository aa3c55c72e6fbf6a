"""Policies: what identifies staff of one organisation and the clauses of its policy (`--policy`).
The built-in policies are TOML files in `exposure_audit/policy/builtin/`, with the texts they quote in
`builtin/texts/`."""
