"""One thread for numpy's linear-algebra library, set before numpy is imported.

numpy's OpenBLAS starts a pool of threads the moment numpy is imported, and they spin for a while:
about 0.1 s of processor time on every run, taken from the workers on a two-core machine. The tool's
numpy work is element by element, but for one small product per map cell (a few hundred places
by three coordinates, `geo.place_index`), and it runs its parallel work in worker processes, so
those threads would only ever compete with them. The variable is set (never
overridden) when the package is imported, so worker processes inherit it too.
"""

from __future__ import annotations

import os

SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1"}


def limit() -> None:
    for name, value in SINGLE_THREADED.items():
        os.environ.setdefault(name, value)
