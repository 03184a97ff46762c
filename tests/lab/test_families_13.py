"""The thirteenth layout family per material (lab/synth/families_13.py), held out until the
report of seed 20261150 and looked at since: what is particular to each (the shared checks,
every compared value printed for two people, the title and the seals, and that tuned windows
draw them, are test_family_layouts'), and that the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber

from lab.synth import families, families_13
from lab.synth import render as rnd
from lab.synth.families_6 import BLUE_BLACK
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_13.HELD_OUT]


def test_the_diploma_is_a_grey_photocopy_worded_as_one_sentence() -> None:
    doc = doc_for("diploma", "stapledcopy")
    out = rnd.render(doc, random.Random(1))
    a = np.asarray(out.image.convert("L"))
    assert np.percentile(a, 99) < 245  # no paper white left: a copier's grey
    g = rnd.iso(doc.fields["graduation"] + "-01")
    assert out.box_of(f"{g.year}年{g.month}月") is not None
    assert any(r.text.startswith(f"学生{doc.fields['name']}，") for r in out.texts)
    month = fmt_date(doc.fields["graduation"] + "-01", "hanzi").split("月")[0] + "月"
    assert any(r.text == month for r in out.texts)


def test_the_degree_confers_in_its_sentence_and_dates_in_chinese_numerals() -> None:
    doc = doc_for("degree", "ruledground", 8)
    out = rnd.render(doc, random.Random(1))
    level = f"{doc.fields['degree_level']}学位"
    assert any(level in r.text and "授予" in r.text for r in out.texts)
    assert out.box_of(fmt_date(doc.fields["issue_date"], "hanzi")) is not None


def test_the_mobile_view_right_aligns_every_value_to_one_edge() -> None:
    doc = doc_for("diploma_record", "mobile")
    out = rnd.render(doc, random.Random(1))
    ends = set()
    for _, value in families_13.record_cards(doc.fields):
        run = next(r for r in out.texts if r.text == value)
        ends.add(round(run.x + rnd.font(run.kind, run.size).getlength(value)))
    assert len(ends) == 1


def test_the_licence_names_its_legal_representative_and_dates_in_chinese_numerals() -> None:
    doc = doc_for("licence", "kaicopy")
    out = rnd.render(doc, random.Random(1))
    assert out.box_of(doc.fields["legal_rep"]) is not None
    assert out.box_of(f"自{fmt_date(doc.fields['valid_from'], 'hanzi')}") is not None
    assert out.box_of(f"至{fmt_date(doc.fields['valid_until'], 'hanzi')}") is not None
    assert any("、" in r.text for r in out.texts)


def test_the_summary_counts_paid_and_owed_months_per_insurance() -> None:
    doc = doc_for("social_insurance", "summary", 8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    rows = families_13.insurance_rows(doc.fields)
    months = len(doc.fields["payments"].split(";"))
    assert sum(int(r[3]) + int(r[4]) for r in rows) == months
    assert sum(int(r[4]) for r in rows) == 1
    out = rnd.render(doc, random.Random(1))
    assert sum(1 for r in out.texts if r.text == "参保缴费") == len(rows)


def test_the_pledge_is_signed_with_the_name_in_blue_black() -> None:
    doc = doc_for("pledge", "letterhead")
    out = rnd.render(doc, random.Random(1))
    sign = next(r for r in out.texts if r.text == "承诺人签名：")
    assert any(r.text == doc.fields["name"] and abs(r.y - sign.y) < 10 for r in out.texts)
    a = np.asarray(out.image)[..., :3].astype(int)
    near = (np.abs(a - np.array(BLUE_BLACK)).sum(axis=2) < 40).sum()
    assert near > 300


def test_the_qualification_page_sits_on_the_scanner_lid() -> None:
    out = rnd.render(doc_for("assistant_qualification", "flatbed"), random.Random(1))
    a = np.asarray(out.image)[..., :3]
    corner = a[-200:, -200:]
    assert 180 < corner.mean() < 210 and corner.std() < 4


def test_the_practice_page_dates_its_registration_in_chinese_numerals() -> None:
    doc = doc_for("assistant_practice", "leaders")
    out = rnd.render(doc, random.Random(1))
    assert out.box_of(fmt_date(doc.fields["registration_date"], "hanzi")) is not None


def test_pdfs_build() -> None:
    """The 备案表 screenshot comes as a scan without text layer; the 参保证明 as a born-digital
    PDF with one; both under 200 KB and the same for the same fields."""
    for material, keys in (
        ("diploma_record", ()),
        ("social_insurance", ("name", "id_number", "work_unit", "agency")),
    ):
        family = dict(OURS)[material]
        doc = doc_for(material, family)
        build = families.pdf_builder(material, family)
        assert build is not None and build.__module__ == families_13.__name__
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
