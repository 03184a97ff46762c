"""The sixth layout family per material (lab/synth/families_6.py), held out until the report
of seed 20261143 and looked at since: each renders for generated people and prints every
value its material's checks compare (the table of what is compared is test_families_more's),
the PDFs build, and tuned windows draw them."""

from __future__ import annotations

import io
import random

import pdfplumber

from lab.synth import families, families_6
from lab.synth import render as rnd
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_6.HELD_OUT]


def test_province_statement_rows_and_summary() -> None:
    doc = doc_for("social_insurance", "province", 8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    rows = families_6.province_rows(doc.fields)
    assert len(rows) == len(doc.fields["payments"].split(";"))
    assert rows[0][3:] == ["0.00", "0.00", "未到账"]
    assert {r[5] for r in rows[1:]} == {"已到账"}
    out = rnd.render(doc, random.Random(1))
    for row in rows:
        assert all(out.box_of(cell) is not None for cell in row), row
    summary = families_6.province_summary(doc.fields)
    assert "养老保险实缴4个月" in summary and out.box_of(summary) is not None


def test_record_pdf_has_a_text_layer() -> None:
    doc = doc_for("diploma_record", "print")
    build = families.pdf_builder("diploma_record", "print")
    assert build is not None
    data = build(doc.fields)
    assert data.startswith(b"%PDF-") and len(data) < 200_000 and build(dict(doc.fields)) == data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text()
    for key in ("name", "id_number", "school", "diploma_number", "verification_code", "title"):
        assert doc.fields[key] in text, key
    assert "第1页 共1页" in text


def test_social_insurance_pdf_is_a_photocopy_scan_without_text_layer() -> None:
    doc = doc_for("social_insurance", "province")
    build = families.pdf_builder("social_insurance", "province")
    assert build is not None
    data = build(doc.fields)
    assert data.startswith(b"%PDF-") and len(data) < 200_000 and build(dict(doc.fields)) == data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        assert page.height > page.width
        assert not (page.extract_text() or "").strip()
        assert len(page.images) == 1
