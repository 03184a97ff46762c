"""The fifth layout family per material (lab/synth/families_5.py; held out until the report of
seed 20261142): each renders for generated people and prints every value its material's
checks compare (the table of what is compared is test_families_more's), the PDFs build."""

from __future__ import annotations

import io
import random

import pdfplumber
import pytest

from lab.synth import families, families_5
from lab.synth import render as rnd
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_5.HELD_OUT]


#: the title the pipeline classifies by, printed whole
TITLES = {
    "probation_cert": "试用期考核证明",
    "practice_period_cert": "执业期考核证明",
    "licence": "医疗机构执业许可证",
    "assistant_qualification": "医师资格证书",
    "assistant_practice": "医师执业证书",
    "pledge": "承诺书",
    "diploma": "毕业证书",
    "degree": "学位证书",
}


def test_grid_marks_every_payment_month() -> None:
    doc = doc_for("social_insurance", "grid")
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    first = doc.fields["payments"].split(";")[0].split("|")
    grid = families_5.grid_years(doc.fields)
    assert grid[first[1]][int(first[0][:4])][int(first[0][4:])] == "×"
    marks = [m for years in grid.values() for months in years.values() for m in months.values()]
    assert len(marks) == len(doc.fields["payments"].split(";"))
    assert marks.count("×") == 1
    out = rnd.render(doc, random.Random(1))
    for kind in grid:
        assert out.box_of(kind) is not None, kind
    crosses = [r for r in out.texts if r.text == "×"]
    assert len(crosses) == 1


@pytest.mark.parametrize("material", ["diploma_record", "social_insurance"])
def test_pdfs_have_a_text_layer(material: str) -> None:
    doc = doc_for(material, "web" if material == "diploma_record" else "grid")
    build = families.pdf_builder(material, doc.fields["family"])
    assert build is not None
    data = build(doc.fields)
    assert data.startswith(b"%PDF-") and len(data) < 200_000 and build(dict(doc.fields)) == data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text()
    keys = ("name", "id_number", "work_unit")
    if material == "diploma_record":
        keys = ("name", "id_number", "school", "diploma_number", "verification_code",
                "valid_until", "graduation_date")  # fmt: skip
    for key in keys:
        assert doc.fields[key] in text, key
    if material == "social_insurance":
        assert "√" in text and doc.fields["agency"] in text
