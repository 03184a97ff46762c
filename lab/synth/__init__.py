"""Synthetic upload windows: realistic applicants, documents and phone captures, with seeded
faults and a ground-truth file, for tests, demos and evaluating the checker.

`generate_window` is the entry point (wired to `certcheck samples generate`);
`generate_windows` writes one window per region (天津市, 北京市, 辽宁省) for the evaluation.
"""

from __future__ import annotations

from lab.synth.faults import FAULT_KINDS, Fault
from lab.synth.window import generate_window, generate_windows, slots_for

__all__ = ["FAULT_KINDS", "Fault", "generate_window", "generate_windows", "slots_for"]
