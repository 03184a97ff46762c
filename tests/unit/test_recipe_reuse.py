"""Issue 19: work the recipe did once is not done again for the same page (the second look
after normalisation's own closer look; a PDF's text layer, never OCRed)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from models import Upload
from pipeline.rules import load_rules
from stages import pdfpages, recipe
from stages.normalise import DET_SIDE, RETRY_DET_SIDE, Normalised
from stages.rarenames import UnknownNames
from tests import budget_files as files
from tests.fakes import FakeEngine

pytestmark = pytest.mark.unit

AID = "2026120000017"


def _job(slot: str, kind: str) -> recipe.UploadJob:
    return recipe.UploadJob(
        applicant_id=AID,
        form=None,
        rules=load_rules("天津市"),
        reference_date=date(2026, 1, 31),
        upload=Upload(AID, slot, f"uploads/{AID}/{slot}/f.{kind}", 1, "x", kind),
        index=0,
        pages_dir="pages/x",
        evidence_dir="evidence/x",
    )


def _page(det_side: int, read_for: str = "licence") -> recipe._Page:
    image = np.full((400, 600, 3), 250, np.uint8)
    norm = Normalised(image, 0, 1.0, 0.0, False, 1, (), scale=1.0, det_side=det_side)
    return recipe._Page(
        0, image, 1.0, "pages/x/licence_0.jpg", [], False, image, 1, norm, read_for=read_for
    )


def test_a_page_normalised_at_the_closer_side_is_not_normalised_and_read_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Normalisation already looked closer (no line at the first side): the second look
    would repeat that very normalisation and read, so it keeps the first read."""
    calls: list[int] = []

    def normalise(*_args: object, det_side: int = DET_SIDE, **_kw: object) -> Normalised:
        calls.append(det_side)
        return _page(det_side).norm  # type: ignore[return-value]

    monkeypatch.setattr(recipe, "normalise", normalise)
    engine = FakeEngine([])
    job = _job("licence", "jpg")
    out = recipe.UploadOutcome()
    assert recipe._look_again(job, out, _page(RETRY_DET_SIDE), {}, engine, lambda rows: {}) == {}
    assert calls == []
    # at the first side the closer look is still taken
    recipe._look_again(job, out, _page(DET_SIDE), {}, engine, lambda rows: {})
    assert calls == [RETRY_DET_SIDE]
    # an upload in 其他材料 was read as `other`: as its material it is read again
    recipe._look_again(job, out, _page(RETRY_DET_SIDE, "other"), {}, engine, lambda rows: {})
    assert calls == [RETRY_DET_SIDE, RETRY_DET_SIDE]


class _NoOcr(FakeEngine):
    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        raise AssertionError("a page read from its text layer is never detected")

    def recognise(self, crops):  # type: ignore[no-untyped-def]
        raise AssertionError("a page read from its text layer is never recognised")

    def upside_down(self, crops):  # type: ignore[no-untyped-def]
        raise AssertionError("a page read from its text layer is never turned")


def test_a_pdf_page_with_a_text_layer_is_parsed_once_and_never_ocred(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[int] = []
    real = pdfpages._open
    monkeypatch.setattr(pdfpages, "_open", lambda data: opened.append(1) or real(data))
    data = files.pdf([files.text_page("Medical practitioner licence 110101199001011234")])
    engine = _NoOcr(["x"])
    out = recipe.read_upload(
        _job("licence", "pdf"), data, recipe.Engines(engine), UnknownNames(engine.charset)
    )
    assert opened == [1]
    assert [p.document_found for p in out.pages] == [True]  # the layer's page, as rendered
    assert out.images  # its rendered image is kept for the reviewer
