"""Garbage-collector settings for a one-shot command that builds a large report and then exits.

A scan allocates a few objects per finding (the finding, its source, its evidence, its text in
every format), nearly none of them in reference cycles, and keeps them all until the process ends.
With the default thresholds the collector still walks that growing heap again and again: for ten
thousand findings it spent about 0.45 s in the main process alone (0.07 s with these settings),
while it freed next to nothing.

So, for a command line scan only (never in the long-running local app, whose garbage must be freed
between audits):
- what exists once the command is set up (every module, the policy) is moved out of the
  collector's sight with `gc.freeze`, so no later collection walks it. Frozen before the workers
  fork, it also stops their collections from touching, and so copying, the pages they share
  with the main process.
- the young generation is collected every 1,000,000 allocations instead of every 700, so the
  collector runs rarely but still runs: a reference cycle made during the scan is freed as before,
  later. Ten thousand photos bring about 150,000 objects from the workers into the main process, all
  kept to the end: at 100,000 a young collection walked them once more (35 ms) for nothing.

Loading the modules is the same story: a command line run loads some 300 modules, which make about
80 young collections (6-12 ms, 4% of start-up) that free nothing. So when the process was started as
the command line, the young threshold is raised from the moment the package is imported
(`defer_while_starting`); the local app, which runs for hours, gets Python's own thresholds back
before it serves (`collect_as_usual`), and other commands end within seconds.
"""

from __future__ import annotations

import gc
import os
import sys

YOUNG_THRESHOLD = 1_000_000  # allocations between young collections (Python's default is 700)


_usual: list[tuple[int, int, int]] = []  # the thresholds before defer_while_starting changed them


def started_as_command_line() -> bool:
    """True while the package is imported by the `exposure-audit` command or `python -m exposure_audit`
    (`-m` is what Python shows while it locates the module to run)."""
    first = sys.argv[0] if getattr(sys, "argv", None) else ""  # an embedding program may set none
    return first == "-m" or os.path.basename(first).startswith("exposure-audit")


def defer_while_starting() -> None:
    """Young collections only every YOUNG_THRESHOLD allocations, from now on (a command line run)."""
    if not _usual:
        _usual.append(gc.get_threshold())
    _, middle, old = _usual[0]
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def collect_as_usual() -> None:
    """The thresholds as they were before `defer_while_starting` (for a process that runs on)."""
    if _usual:
        gc.set_threshold(*_usual.pop())


def settle_for_batch() -> None:
    """Freeze what is built so far and collect rarely, for the rest of this process's one command."""
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
