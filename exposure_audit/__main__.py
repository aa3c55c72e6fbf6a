"""`python -m exposure_audit` runs the command line."""

from exposure_audit.cli import main

main()
