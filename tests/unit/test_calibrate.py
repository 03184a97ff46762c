"""Calibration maps a raw score to the accuracy seen at that score in tuning."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lab.calibrate import fit
from stages.calibrate import Calibration


def test_a_well_populated_bin_takes_its_observed_accuracy() -> None:
    samples = [("pass", 0.75, True)] * 95 + [("pass", 0.75, False)] * 5
    cal = fit(samples)
    assert abs(cal.apply("pass", 0.72) - (95 + 5 * 0.75) / 105) < 1e-3
    # an empty bin keeps the raw score
    assert cal.apply("pass", 0.93) == 0.93
    assert cal.apply("missing", 0.4) == 0.4
    assert cal.apply("pass", None) is None


def test_unreadable_on_clean_documents_gets_low_confidence() -> None:
    cal = fit([("unreadable", 0.6, False)] * 40 + [("unreadable", 0.6, True)] * 10)
    assert cal.apply("unreadable", 0.6) < 0.3


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["pass", "mismatch", "unreadable"]),
            st.floats(0.0, 1.0),
            st.booleans(),
        ),
        max_size=60,
    ),
    st.floats(0.0, 1.0),
)
def test_calibrated_values_are_probabilities_and_survive_json(samples, raw) -> None:  # type: ignore[no-untyped-def]
    cal = fit(samples, "test")
    again = Calibration.from_json(cal.to_json())
    for status in ("pass", "mismatch", "unreadable"):
        value = cal.apply(status, raw)
        assert value is not None and 0.0 <= value <= 1.0
        assert abs(again.apply(status, raw) - value) < 1e-3
