from __future__ import annotations

import os

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
