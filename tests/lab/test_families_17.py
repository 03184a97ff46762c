"""The seventeenth layout family per material (lab/synth/families_17.py), held out until the
fifteenth report (seed 20261154) and looked at since: what is
particular to each (the shared checks, every compared value printed for two people, the title
and the seals, are test_family_layouts') and that the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber
import pytest

from lab.synth import families, families_17
from lab.synth import render as rnd
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_17.HELD_OUT]


def _run(out: rnd.Rendered, text: str) -> rnd.TextRun:
    return next(r for r in out.texts if r.text == text)


def test_the_counterfoil_repeats_its_number_above_and_below_the_tear_line() -> None:
    doc = doc_for("probation_cert", "counterfoil")
    out = rnd.render(doc, random.Random(1))
    num = families_17.counterfoil_number(doc.fields)
    runs = [r for r in out.texts if r.text == num]
    tear = _run(out, "骑缝").y
    assert len(runs) == 2 and runs[0].y < tear < runs[1].y
    assert _run(out, "存　根").y < tear < out.box_of("试用期考核证明")[1]  # type: ignore[index]


def test_the_four_column_table_pairs_name_and_gender_on_one_row() -> None:
    doc = doc_for("practice_period_cert", "fourcol")
    out = rnd.render(doc, random.Random(1))
    assert _run(out, "姓名").y == _run(out, "性别").y
    assert _run(out, "执业类别").y == _run(out, "考核结论").y
    assert _run(out, "身份证件号码").y < _run(out, doc.fields["work_unit"]).y


def test_the_addressed_pledge_is_dated_by_hand_with_dots() -> None:
    doc = doc_for("pledge", "addressed")
    out = rnd.render(doc, random.Random(1))
    assert out.box_of("考点办公室") is not None
    date = _run(out, fmt_date(doc.fields["date"], "dot"))
    assert date.kind == "kai"
    a = np.asarray(out.image)[..., :3].astype(int)
    x, y = int(date.x), int(date.y)
    patch = a[y - 40 : y + 5, x : x + 200]
    assert ((patch[..., 2] > patch[..., 0] + 25) & (patch[..., 0] < 60)).sum() > 50  # blue-black


def test_the_landscape_licence_wraps_its_subjects_and_dates_in_chinese_numerals() -> None:
    doc = doc_for("licence", "landscape")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.image.width > out.image.height
    assert out.box_of(f"自{fmt_date(f['valid_from'], 'cn')}至") is not None
    assert out.box_of(fmt_date(f["issue_date"], "hanzi")) is not None
    assert out.box_of("；".join(f["subjects"].split("；")[:2])) is not None


def test_the_kai_mentorship_runs_its_particulars_in_one_sentence() -> None:
    doc = doc_for("mentorship_cert", "kaitext")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.box_of(f"{f['name']}，性别{f['gender']}") is not None
    assert _run(out, f["cert_number"]).y < _run(out, "证书编号").y


def test_the_red_frame_qualification_draws_its_title_and_frame_in_red() -> None:
    doc = doc_for("assistant_qualification", "redframe")
    out = rnd.render(doc, random.Random(1))
    a = np.asarray(out.image)[..., :3].astype(int)
    assert a[58, 600, 0] > 150 and a[58, 600, 1] < 80  # the outer frame
    assert _run(out, "姓名").y == _run(out, "性别").y


def test_the_ming_table_puts_the_number_and_iso_registration_date_first() -> None:
    doc = doc_for("assistant_practice", "mingtable")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    number, reg = _run(out, f["practice_number"]), _run(out, f["registration_date"])
    assert number.y == reg.y < _run(out, f["name"]).y


@pytest.mark.parametrize(("material", "family"), [("diploma", "kaiwide"), ("degree", "mingwide")])
def test_the_wide_certificates_are_landscape_with_a_chinese_numeral_birth_date(
    material: str, family: str
) -> None:
    doc = doc_for(material, family)
    out = rnd.render(doc, random.Random(1))
    assert out.image.width > out.image.height
    assert out.box_of(f"{fmt_date(doc.fields['birth_date'], 'hanzi')}生") is not None


def test_pdfs_build() -> None:
    """The 备案表 comes born-digital with a text layer; the 社保 print as a portrait scan
    without one; both under 200 KB and the same for the same fields."""
    for material, keys in (
        ("diploma_record", ("name", "id_number", "school", "diploma_number", "verification_code")),
        ("social_insurance", ()),
    ):
        family = dict(OURS)[material]
        doc = doc_for(material, family)
        build = families.pdf_builder(material, family)
        assert build is not None and build.__module__ == families_17.__name__
        data = build(doc.fields)
        assert data.startswith(b"%PDF-") and len(data) < 200_000
        assert build(dict(doc.fields)) == data
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1
            page = pdf.pages[0]
            text = page.extract_text() or ""
            if not keys:
                assert not text.strip() and page.images and page.width < page.height
        for key in keys:
            assert doc.fields[key] in text, (material, key)
        if keys:
            assert doc.fields["graduation_date"] in text


def test_the_zebra_record_lists_the_school_before_the_person() -> None:
    doc = doc_for("diploma_record", "zebra")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["school"]).y < _run(out, f["name"]).y
    assert out.box_of(f"有效期至：{f['valid_until']}") is not None


def test_the_insurance_blocks_mark_an_unpaid_month() -> None:
    doc = doc_for("social_insurance", "kinds")
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    out = rnd.render(doc, random.Random(1))
    blocks = families_17.kind_blocks(doc.fields)
    assert sum(len(rows) for _, rows in blocks) == len(doc.fields["payments"].split(";"))
    assert blocks[0][1][0][2] == "欠缴" and out.box_of("欠缴") is not None
    assert all(out.box_of(f"险种：{kind}") for kind, _ in blocks)
