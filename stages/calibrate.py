"""Calibrated confidence: what a field decision's `confidence` should mean.

The recogniser's score is not a probability of being right (on generated windows every pass
decision scored 0.70–0.80 was right). A decision's confidence here is the estimated chance
that the decision is right: for `pass`, that the document really shows the form's value; for
`mismatch` and `unreadable`, that it really does not. It is estimated by histogram binning
of the raw score per outcome on tuning windows (`certcheck calibrate`, a seed never used for
reporting), shrunk toward the raw score where a bin saw few decisions. Fitting the table is
the lab's (`lab.calibrate.fit`); the product only applies it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Raw-score bin edges; the last bin holds 1.0 itself.
EDGES: tuple[float, ...] = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 1.0001)
#: Weight, in decisions, of the raw score as a prior in each bin.
PRIOR = 5.0


def bin_index(raw: float) -> int:
    """The bin of EDGES a raw score falls in (public: the lab's `fit` bins with it too)."""
    for i in range(len(EDGES) - 1):
        if EDGES[i] <= raw < EDGES[i + 1]:
            return i
    return len(EDGES) - 2


@dataclass(frozen=True, slots=True)
class Calibration:
    """Per outcome and raw-score bin: (decisions, right, sum of raw scores) seen in tuning."""

    counts: tuple[tuple[str, tuple[tuple[int, int, float], ...]], ...] = ()
    source: str = ""

    def apply(self, status: str, raw: float | None) -> float | None:
        if raw is None:
            return None
        table = dict(self.counts).get(status)
        if table is None:
            return raw
        n, right, raw_sum = table[bin_index(raw)]
        # the bin's accuracy, with the bin's own mean raw score as a prior worth PRIOR decisions
        prior = raw_sum / n if n else raw
        return round((right + PRIOR * prior) / (n + PRIOR), 4)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "edges": list(EDGES),
            "prior_weight": PRIOR,
            "outcomes": {
                status: [{"decisions": n, "right": r, "raw_sum": round(s, 4)} for n, r, s in rows]
                for status, rows in self.counts
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Calibration:
        if list(data.get("edges", [])) != list(EDGES):
            raise ValueError("calibration file was fitted with other bin edges; refit it")
        counts = tuple(
            (
                str(status),
                tuple((int(b["decisions"]), int(b["right"]), float(b["raw_sum"])) for b in rows),
            )
            for status, rows in data["outcomes"].items()
        )
        return cls(counts, str(data.get("source", "")))
