"""Capture faults (issue 15, quality gates) and missing seals or signatures in the generator."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import cv2
import numpy as np
import pytest

from lab.synth import capture as cap
from lab.synth import families
from lab.synth import faults as flt
from lab.synth.render import Doc, render
from tests.lab.test_synth_hard import _plan

pytestmark = pytest.mark.lab


@pytest.fixture(scope="module")
def probation() -> tuple[Doc, Any]:
    doc = _plan("seal_missing").docs["probation_cert"]
    return doc, render(doc, random.Random(4))


def _shoot(rendered: Any, fault: str | None) -> cap.Shot:
    return cap.capture(
        rendered,
        random.Random(11),
        np.random.default_rng(11),
        fault=fault,
        frng=random.Random(13),
    )


def _red_share(img: Any) -> float:
    a = np.asarray(img).astype(np.int16)
    return float(((a[..., 0] - np.maximum(a[..., 1], a[..., 2])) > 40).mean())


def test_capture_without_a_fault_is_what_it_was(probation: tuple[Doc, Any]) -> None:
    plain = cap.capture(probation[1], random.Random(11), np.random.default_rng(11))
    assert _shoot(probation[1], None).data == plain.data


@pytest.mark.parametrize("fault", cap.QUALITY_FAULTS)
def test_each_capture_fault_changes_the_capture_and_says_so(
    fault: str, probation: tuple[Doc, Any]
) -> None:
    rendered = probation[1]
    plain, shot = _shoot(rendered, None), _shoot(rendered, fault)
    assert shot.data != plain.data
    assert shot.hard["fault"]["kind"] == fault  # type: ignore[index]
    if fault == "small":
        assert shot.scale * rendered.min_glyph <= cap.FAULT_GLYPH_PX[1] + 0.5
    if fault == "cut":
        assert shot.width * shot.height < plain.width * plain.height
    if fault == "glare":  # a saturated core where print was
        grey = np.asarray(shot.image.convert("L"))
        cx, cy = shot.hard["fault"]["center"]  # type: ignore[index]
        assert grey[cy - 6 : cy + 6, cx - 6 : cx + 6].min() >= 245
        before = np.asarray(plain.image.convert("L"))
        assert before[cy - 20 : cy + 20, cx - 20 : cx + 20].min() < 120
    if fault == "blur":
        sigma = shot.hard["fault"]["sigma_px"]  # type: ignore[index]
        assert sigma >= cap.FAULT_BLUR[0] * rendered.min_glyph * shot.scale - 0.01


def test_seal_missing_takes_the_seal_off_and_keeps_the_print(probation: tuple[Doc, Any]) -> None:
    doc, rendered = probation
    assert _red_share(rendered.image) > 0.002
    bare = replace(doc, extra={**doc.extra, "seal": "0"})
    out = render(bare, random.Random(4))
    flt.unmark(bare, out.image, out.texts)
    assert _red_share(out.image) < 0.0002
    grey = np.asarray(out.image.convert("L"))
    assert (grey < 80).sum() > 0.8 * (np.asarray(rendered.image.convert("L")) < 80).sum()


@pytest.mark.parametrize("name", ["", "阿依古丽·热合曼"])
@pytest.mark.parametrize("family", sorted(families.FAMILIES["pledge"]))
def test_signature_missing_blanks_the_pledge_signature(family: str, name: str) -> None:
    """Whatever the family's signing label (签字, 签名, 承诺人：): report 20261143 counted a
    fault the `statement` pledge never showed, its signature beside 承诺人： left in place;
    report 20261144 one the `thumb` pledge never showed, its strokes over the thumbprint
    left in place; report 20261151 one the `system` pledge never showed, a long name signed
    after a gap left standing past the blanked stretch."""
    doc = _plan("signature_missing").docs["pledge"]
    doc = replace(doc, fields={**doc.fields, "family": family, **({"name": name} if name else {})})
    signed = render(doc, random.Random(5))
    bare = replace(doc, extra={**doc.extra, "signature": "0"})
    out = render(bare, random.Random(5))
    flt.unmark(bare, out.image, out.texts)
    run = next(r for r in signed.texts if flt.SIGN_LABEL.search(r.text))
    box = run.box(run.text)
    assert box is not None
    x1, y0, y1 = round(box[2]), round(box[1]), round(box[3])
    h = y1 - y0

    def ink(img: Any) -> int:
        """Blue-black pen strokes; over a red thumbprint (`thumb`), dark strokes among red."""
        a = np.asarray(img).astype(np.int16)[y0 - 2 * h : y1 + h, x1 : x1 + 20 * h]
        red = (a[..., 0] - np.maximum(a[..., 1], a[..., 2])) > 30
        near_red = cv2.dilate(red.astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
        pen = (a[..., 2] - a[..., 0] >= 6) & (a.max(axis=2) < 200)
        return int((pen | (near_red & (a.max(axis=2) < 150))).sum())

    assert ink(signed.image) > 100 and ink(out.image) == 0


@pytest.mark.parametrize(
    ("kind", "slot", "field"),
    [
        ("capture_blurred", None, "quality"),
        ("capture_glare", None, "quality"),
        ("capture_cut_off", None, "quality"),
        ("capture_too_small", None, "quality"),
        ("seal_missing", "probation_cert", "seal"),
    ],
)
def test_fault_plans_name_what_catches_them(kind: str, slot: str | None, field: str) -> None:
    plan = _plan(kind)
    f = flt.FAULTS[kind](plan, random.Random(2))
    assert f.kind == kind and f.expect == ((f.slot, field),)
    if slot:
        assert f.slot == slot and plan.docs[slot].extra["seal"] == "0"
    else:
        assert plan.capture_fault == (f.slot, flt.CAPTURE_FAULTS[kind])
        assert f.slot in flt.DOC_SLOTS
