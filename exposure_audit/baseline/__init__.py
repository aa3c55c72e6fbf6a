"""Baselines for scheduled self-checks: the marks a run gets (model), the file (store), the comparison
(compare), triage labels (triage) and the scheduled run with its exit code (run)."""
