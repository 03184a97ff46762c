"""The CTC forward probability against brute force over every alignment."""

from __future__ import annotations

import itertools
import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from stages.ocr.ctc import best_path, log_prob

CHARS = ["-", "a", "b", "c"]  # index 0 is the blank
INDEX = {c: i for i, c in enumerate(CHARS) if i}


def collapse(path: tuple[int, ...]) -> str:
    out, prev = [], 0
    for i in path:
        if i and i != prev:
            out.append(CHARS[i])
        prev = i
    return "".join(out)


def brute(p: np.ndarray, text: str) -> float:
    total = 0.0
    for path in itertools.product(range(len(CHARS)), repeat=p.shape[0]):
        if collapse(path) == text:
            total += math.prod(p[t, k] for t, k in enumerate(path))
    return total


@st.composite
def frames(draw: st.DrawFn) -> np.ndarray:
    t = draw(st.integers(1, 5))
    raw = draw(
        st.lists(
            st.lists(st.floats(0.05, 1.0), min_size=len(CHARS), max_size=len(CHARS)),
            min_size=t,
            max_size=t,
        )
    )
    m = np.array(raw)
    return m / m.sum(axis=1, keepdims=True)


@given(frames(), st.text(alphabet="abc", max_size=3))
def test_forward_equals_the_sum_over_alignments(p: np.ndarray, text: str) -> None:
    expected = brute(p, text)
    got = log_prob(p, text, INDEX)
    if expected == 0.0:
        assert got < math.log(1e-6)
    else:
        assert math.isclose(got, math.log(expected), rel_tol=1e-6, abs_tol=1e-9)


@given(frames())
def test_probabilities_of_all_short_strings_sum_to_at_most_one(p: np.ndarray) -> None:
    texts = {collapse(path) for path in itertools.product(range(4), repeat=p.shape[0])}
    assert sum(math.exp(log_prob(p, s, INDEX)) for s in texts) <= 1.0 + 1e-6


@given(frames())
def test_unknown_character_is_scored_at_least_as_well_as_any_known_one(p: np.ndarray) -> None:
    # "?" is not in the dictionary: it may be any character (an upper bound on the best one)
    wild = math.exp(log_prob(p, "?", INDEX))
    assert wild >= sum(brute(p, c) for c in "abc") - 1e-9
    assert wild <= 1.0 + 1e-9


def test_best_path_collapses_repeats_and_blanks() -> None:
    p = np.eye(4)[[1, 1, 0, 1, 2, 2]]
    assert best_path(p, CHARS) == "aab"
