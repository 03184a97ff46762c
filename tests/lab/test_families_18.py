"""The eighteenth layout family per material (lab/synth/families_18.py), held out until the
sixteenth report (seed 20261155) and looked at since: what is
particular to each (the shared checks, every compared value printed for two people, the title
and the seals, are test_family_layouts') and that the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber
import pytest

from lab.synth import families, families_18
from lab.synth import render as rnd
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_18.HELD_OUT]


def _run(out: rnd.Rendered, text: str) -> rnd.TextRun:
    return next(r for r in out.texts if r.text == text)


def test_the_underlined_probation_types_each_value_on_its_own_blank() -> None:
    doc = doc_for("probation_cert", "underlined")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    span = f"{fmt_date(f['period_start'], 'pad')}至{fmt_date(f['period_end'], 'pad')}"
    ys = [_run(out, v).y for v in (f["name"], f["id_number"], f["work_unit"], span, f["result"])]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    assert out.box_of(fmt_date(f["date"], "dot")) is not None


def test_the_landscape_practice_period_pairs_its_columns() -> None:
    doc = doc_for("practice_period_cert", "landscape")
    out = rnd.render(doc, random.Random(1))
    assert out.image.width > out.image.height
    assert _run(out, "姓　　名：").y == _run(out, "执业类别：").y
    assert _run(out, "身份证号码：").y == _run(out, "考核结果：").y


def test_the_clauses_pledge_tables_the_particulars_and_signs_by_hand() -> None:
    doc = doc_for("pledge", "clauses")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, "毕业院校").y == _run(out, "专业").y
    assert _run(out, f["id_number"]).y < out.box_of("一、")[1] < out.box_of("三、")[1]  # type: ignore[index]
    signed = [r for r in out.texts if r.text == f["name"]][-1]
    assert signed.kind == "kai"
    a = np.asarray(out.image)[..., :3].astype(int)
    patch = a[int(signed.y) - 45 : int(signed.y) + 5, int(signed.x) : int(signed.x) + 150]
    assert ((patch[..., 2] > patch[..., 0] + 25) & (patch[..., 0] < 60)).sum() > 50  # blue-black


def test_the_numbered_licence_numbers_every_subject() -> None:
    doc = doc_for("licence", "numbered", seed=8)
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    subjects = f["subjects"].split("；")
    assert len(subjects) > 9
    for i, subject in enumerate(subjects):
        assert out.box_of(f"{i + 1}. {subject}") is not None
    assert out.box_of(f"{fmt_date(f['valid_from'], 'dot')}至") is not None


@pytest.mark.parametrize(
    ("material", "family"), [("mentorship_cert", "landscape"), ("assistant_practice", "landscape")]
)
def test_the_landscape_certificates_list_the_person_left_of_the_photo(
    material: str, family: str
) -> None:
    doc = doc_for(material, family)
    out = rnd.render(doc, random.Random(1))
    assert out.image.width > out.image.height
    assert _run(out, doc.fields["id_number"]).x < out.image.width / 2


def test_the_hei_list_qualification_dates_the_birth_with_dots() -> None:
    doc = doc_for("assistant_qualification", "heilist")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    born = _run(out, fmt_date(f["birth_date"], "dot"))
    assert born.kind == "hei" and born.y < _run(out, f["id_number"]).y


def test_the_red_number_diploma_stamps_its_number_in_red() -> None:
    doc = doc_for("diploma", "redno")
    out = rnd.render(doc, random.Random(1))
    num = _run(out, doc.fields["diploma_number"])
    assert num.y < out.box_of("毕业证书")[1]  # type: ignore[index]
    a = np.asarray(out.image)[..., :3].astype(int)
    patch = a[int(num.y) - 30 : int(num.y), int(num.x) : int(num.x) + 300]
    assert ((patch[..., 0] > 150) & (patch[..., 1] < 110)).sum() > 200


def test_the_centred_degree_puts_the_photo_above_the_title() -> None:
    doc = doc_for("degree", "centred")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.image.width < out.image.height
    assert out.box_of(f"{fmt_date(f['birth_date'], 'cn')}生") is not None
    assert _run(out, f["degree_number"]).y > out.image.height - 200


def test_the_axis_record_right_aligns_its_labels() -> None:
    doc = doc_for("diploma_record", "axis")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    ends = {
        round(r.x + rnd.font(r.kind, r.size).getlength(r.text))
        for r in out.texts
        if r.text in ("姓名：", "证件号码：", "学校名称：", "证书编号：")
    }
    assert len(ends) == 1
    assert _run(out, f"在线验证码：{f['verification_code']}").y < _run(out, f["name"]).y


def test_the_column_print_splits_its_months_in_two() -> None:
    doc = doc_for("social_insurance", "columns", seed=8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    out = rnd.render(doc, random.Random(1))
    rows = families_18.column_rows(doc.fields)
    assert len(rows) == len(doc.fields["payments"].split(";"))
    assert rows[0][2] == "欠缴" and out.box_of("欠缴") is not None
    heads = [r for r in out.texts if r.text == "缴费年月"]
    assert len(heads) == 2 and heads[0].y == heads[1].y and heads[0].x < heads[1].x


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
        assert build is not None and build.__module__ == families_18.__name__
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
