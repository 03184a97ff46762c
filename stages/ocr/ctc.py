"""How well a line crop supports a given text: the CTC forward probability.

The recogniser's best path answers "what does this say?"; the form asks a sharper question,
"could this say 张伟?". The probability of a string under the CTC output sums over every
alignment of it, so comparing log P(form's value) with log P(what was read) on the same crop
says whether the crop really shows something else (a large gap) or only was read as something
else (a small one) — the difference between a mismatch and a misread.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

#: Emission floor: log(0) would make one impossible frame veto a whole alignment.
FLOOR = 1e-9


def log_prob(probs: np.ndarray, text: str, index: Mapping[str, int], blank: int = 0) -> float:
    """log P(text | frames) for a (T, C) matrix of per-frame class probabilities.

    A character missing from the recogniser's dictionary matches any non-blank class in each
    of its frames: the engine cannot say it, so the crop is scored only on there being *a*
    character there (an upper bound on the best single character's probability).
    """
    p = np.clip(np.asarray(probs, dtype=np.float64), FLOOR, 1.0)
    frames = p.shape[0]
    if not text:
        return float(np.log(p[:, blank]).sum())
    any_char = np.log(np.clip(1.0 - p[:, blank], FLOOR, 1.0))
    cols = []
    labels: list[int | None] = []
    for ch in text:
        i = index.get(ch)
        labels.append(i)
        cols.append(any_char if i is None else np.log(p[:, i]))
    # extended sequence: blank, c1, blank, c2, ..., blank
    ext_em = [np.log(p[:, blank])]
    ext_lab: list[int | None] = [blank]
    for col, lab in zip(cols, labels, strict=True):
        ext_em += [col, np.log(p[:, blank])]
        ext_lab += [lab, blank]
    em = np.stack(ext_em, axis=1)  # (T, S)
    s_len = em.shape[1]
    # a skip from s-2 to s is allowed onto a character that differs from the one two back
    skip = np.zeros(s_len, dtype=bool)
    for s in range(2, s_len):
        lab, prev = ext_lab[s], ext_lab[s - 2]
        skip[s] = s % 2 == 1 and (lab is None or prev is None or lab != prev)
    alpha = np.full(s_len, -np.inf)
    alpha[0] = em[0, 0]
    alpha[1] = em[0, 1]
    for t in range(1, frames):
        stay = alpha
        step = np.concatenate(([-np.inf], alpha[:-1]))
        jump = np.where(skip, np.concatenate(([-np.inf, -np.inf], alpha[:-2])), -np.inf)
        alpha = np.logaddexp(np.logaddexp(stay, step), jump) + em[t]
    return float(np.logaddexp(alpha[-1], alpha[-2]))


def best_path(probs: np.ndarray, chars: Sequence[str], blank: int = 0) -> str:
    """Greedy decoding (what the recogniser itself returns), for tests and evidence."""
    out, prev = [], blank
    for i in np.asarray(probs).argmax(axis=1):
        if i != blank and i != prev:
            out.append(chars[i])
        prev = i
    return "".join(out)
