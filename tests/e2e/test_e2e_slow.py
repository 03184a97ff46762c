"""Every injected fault kind is caught on a larger generated window (slow: `make test-all`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lab.evaluate import score
from lab.synth import generate_window
from pipeline.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def test_every_fault_kind_is_caught(tmp_path: Path) -> None:
    window = tmp_path / "window"
    truth = generate_window(window, 64, seed=424242, fault_rate=1.0)
    out = tmp_path / "out"
    assert main(["run", str(window), "--out", str(out), "--no-progress"]) == 0
    s = score(out, truth)
    assert s["missed"] == [], s["missed"]
