"""The eighth layout family per material (lab/synth/families_8.py), held out until the report
of seed 20261145 and looked at since: what is particular to each (the shared checks, every
compared value printed for two people, and that tuned windows draw them, are
test_family_layouts'), and the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber
import pytest

from lab.synth import families, families_8
from lab.synth import render as rnd
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_8.HELD_OUT]


@pytest.mark.parametrize(("material", "family"), [("diploma", "photo"), ("licence", "frame")])
def test_photographed_pages_show_what_lies_around_them(material: str, family: str) -> None:
    """A phone photo shows the desk or the frame around the page (dark corners) and light
    falling unevenly on the page itself."""
    out = rnd.render(doc_for(material, family), random.Random(5))
    g = np.asarray(out.image.convert("L")).astype(float)
    h, w = g.shape
    assert max(g[:20, :20].mean(), g[-20:, -20:].mean()) < 130
    top, bottom, left, right = slice(130, 180), slice(h - 330, h - 280), slice(200, 260), \
        slice(w - 260, w - 200)  # fmt: skip
    page = [g[y, x].mean() for y in (top, bottom) for x in (left, right)]
    assert min(page) > 150 and max(page) - min(page) > 12, page


def test_filing_page_names_another_institution_beside_the_main_one() -> None:
    doc = doc_for("assistant_practice", "filing")
    other = families_8.filing_unit(doc.fields)
    assert other != doc.fields["work_unit"] and other == families_8.filing_unit(doc.fields)
    out = rnd.render(doc, random.Random(1))
    main, filed = out.box_of(doc.fields["work_unit"]), out.box_of(other)
    assert main is not None and filed is not None and filed[1] > main[1]
    assert out.box_of("主要执业机构") is not None and out.box_of("备案机构") is not None


def test_unit_statement_prints_every_month_with_the_unit() -> None:
    doc = doc_for("social_insurance", "unit", 8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    kinds, rows = families_8.unit_rows(doc.fields)
    months = {p.split("|")[0] for p in doc.fields["payments"].split(";")}
    assert [r[0] for r in rows] == sorted(months) and len(kinds) * 2 + 2 == len(rows[0])
    assert rows[0][3] == "未缴费" and {r[1] for r in rows} == {doc.fields["work_unit"]}
    out = rnd.render(doc, random.Random(1))
    runs = [r.text for r in out.texts]
    for row in rows:
        assert row[0] in runs and runs.count(doc.fields["work_unit"]) == len(rows)
    assert out.box_of("社会保障号码") is not None


def test_handwritten_pledge_and_certified_copy() -> None:
    """The pledge is written out (no printed Song or Sans on it); the photocopy is grey but
    for the certifying note written over it in blue."""
    out = rnd.render(doc_for("pledge", "handwritten"), random.Random(1))
    assert {r.kind for r in out.texts} <= {"kai", "serif"}
    assert out.box_of("承诺人") is not None
    out = rnd.render(doc_for("assistant_qualification", "certified"), random.Random(1))
    a = np.asarray(out.image).astype(int)
    note = out.box_of("此复印件与原件一致")
    assert note is not None
    copied, written = a[: int(note[1]) - 20], a[int(note[1]) :]
    red = (copied[..., 0] > 150) & (copied[..., 1] < 110) & (copied[..., 2] < 110)
    assert red.sum() < 50  # the seal copied grey
    blue = (written[..., 2] > written[..., 0] + 60).sum()
    assert blue > 1000  # the note in blue ink


def test_record_pdf_has_a_text_layer_with_english_labels() -> None:
    doc = doc_for("diploma_record", "english")
    build = families.pdf_builder("diploma_record", "english")
    assert build is not None and build.__module__ == families_8.__name__
    data = build(doc.fields)
    assert data.startswith(b"%PDF-") and len(data) < 200_000 and build(dict(doc.fields)) == data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text()
    for key in ("name", "id_number", "school", "diploma_number", "verification_code", "title",
                "record_level", "graduation_date", "valid_until"):  # fmt: skip
        assert doc.fields[key] in text, key
    assert "ID No." in text


def test_social_insurance_pdf_is_a_scan_under_200_kb() -> None:
    doc = doc_for("social_insurance", "unit")
    build = families.pdf_builder("social_insurance", "unit")
    assert build is not None and build.__module__ == families_8.__name__
    data = build(doc.fields)
    assert data.startswith(b"%PDF-") and len(data) < 200_000 and build(dict(doc.fields)) == data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1 and pdf.pages[0].width > pdf.pages[0].height
        assert not (pdf.pages[0].extract_text() or "").strip()
        assert len(pdf.pages[0].images) == 1


def test_degree_band_names_the_degree_of_its_discipline() -> None:
    """Every medical major's degree is 医学…学位 (儿科学 holds no 医), nursing's 理学…学位."""
    for major, field in (("儿科学", "医学"), ("临床医学", "医学"), ("护理学", "理学")):
        doc = doc_for("degree", "band", major=major)
        out = rnd.render(doc, random.Random(1))
        assert out.box_of(f"授予{field}{doc.fields['degree_level']}学位") is not None, major
