"""The core of `make reliability` in CI's slow suite (`make test-slow`): the whole hostile
corpus (104 kinds, 6 window probes) through `certcheck run` under strace and a memory
sampler, every target met (issue 16). The kill tests are tests/pipeline/test_kill.py."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow  # the whole hostile corpus through `certcheck run`: ~40-55 s (CI: make test-slow)
def test_the_hostile_corpus_meets_every_target(tmp_path: Path) -> None:
    if shutil.which("strace") is None:
        pytest.fail("strace is needed to watch reads and writes (make install installs it)")
    work = tmp_path / "rel"
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "reliability", "--work", str(work), "--check"],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    report = json.loads((work / "reliability.json").read_text(encoding="utf-8"))
    missed = [k["kind"] for k in report["kinds"] if not k["clear"]]
    assert proc.returncode == 0, (report["totals"], missed, report["crashes"], report["outside"])
    assert report["totals"]["all_met"] and not missed
    assert len(report["kinds"]) >= 60
