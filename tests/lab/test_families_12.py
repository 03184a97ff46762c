"""The twelfth layout family per material (lab/synth/families_12.py), held out until the
report of seed 20261149 and looked at since: what is particular to each (the shared checks,
every compared value printed for two people, the title and the seals, and that tuned windows
draw them, are test_family_layouts'), and that the PDFs build."""

from __future__ import annotations

import io
import random

import pdfplumber

from lab.synth import families, families_12
from lab.synth import render as rnd
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_12.HELD_OUT]


def test_record_grid_prints_the_dates_in_iso_form() -> None:
    doc = doc_for("diploma_record", "fourcol")
    out = rnd.render(doc, random.Random(1))
    for key in ("graduation_date", "enrol_date", "birth_date", "valid_until"):
        assert out.box_of(doc.fields[key]) is not None, key
    assert out.box_of("普通全日制") is not None


def test_statement_lists_every_payment_row_and_counts_the_months_paid() -> None:
    doc = doc_for("social_insurance", "statement", 8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    rows = families_12.statement_rows(doc.fields)
    assert len(rows) == len(doc.fields["payments"].split(";"))
    assert [r[4] for r in rows].count("未缴费") == 1
    out = rnd.render(doc, random.Random(1))
    assert sum(1 for r in out.texts if r.text == "未缴费") == 1
    months = len({r[1] for r in rows if r[4] == "已缴费"})
    assert out.box_of(f"本期共缴费{months}个月") is not None


def test_probation_letter_wraps_the_values_whole_in_its_running_text() -> None:
    doc = doc_for("probation_cert", "kailetter")
    out = rnd.render(doc, random.Random(1))
    for key in ("name", "id_number", "period_start", "period_end", "work_unit"):
        assert out.box_of(doc.fields[key]) is not None, key
    assert out.box_of("第1页 共1页") is not None


def test_practice_period_conclusion_stands_in_a_box_of_its_own() -> None:
    doc = doc_for("practice_period_cert", "boxed")
    out = rnd.render(doc, random.Random(1))
    alone = [r for r in out.texts if r.text == doc.fields["result"]]
    assert len(alone) == 1 and alone[0].size >= 48


def test_pdfs_build() -> None:
    """The 备案表 downloads as a PDF with a text layer; the 社保 statement is a scan without
    one; both under 200 KB and the same for the same fields."""
    for material, keys in (
        ("diploma_record", ("name", "id_number", "school", "verification_code", "diploma_number")),
        ("social_insurance", ()),
    ):
        family = dict(OURS)[material]
        doc = doc_for(material, family)
        build = families.pdf_builder(material, family)
        assert build is not None and build.__module__ == families_12.__name__
        data = build(doc.fields)
        assert data.startswith(b"%PDF-") and len(data) < 200_000
        assert build(dict(doc.fields)) == data
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1
            text = pdf.pages[0].extract_text() or ""
            if not keys:
                assert not text.strip() and pdf.pages[0].images
        for key in keys:
            assert doc.fields[key] in text, (material, key)
