from __future__ import annotations

import os

from hypothesis import settings

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# No per-example deadline: a timing threshold in a unit test fails on a busy machine, not on
# a wrong answer. CI runs derandomised so that a failure reproduces.
settings.register_profile("certcheck", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "certcheck")
