"""The twentieth layout family per material (lab/synth/families_20.py), held out until the
eighteenth report (seed 20261157) and looked at since: what is
particular to each (the shared checks, every compared value printed for two people, the title
and the seals, are test_family_layouts') and that the PDFs build."""

from __future__ import annotations

import io
import random

import pdfplumber

from lab.synth import families, families_20
from lab.synth import render as rnd
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_20.HELD_OUT]


def _run(out: rnd.Rendered, text: str) -> rnd.TextRun:
    return next(r for r in out.texts if r.text == text)


def test_the_opinions_probation_heads_its_values_and_pads_the_period() -> None:
    doc = doc_for("probation_cert", "opinions")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, "公民身份号码").y < _run(out, f["id_number"]).y
    assert _run(out, f["id_number"]).y == _run(out, f["result"]).y
    span = f"{fmt_date(f['period_start'], 'pad')}至{fmt_date(f['period_end'], 'pad')}"
    assert out.box_of(span) is not None and out.box_of("单位意见：") is not None


def test_the_list_row_practice_period_prints_one_row() -> None:
    doc = doc_for("practice_period_cert", "listrow")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["name"]).y == _run(out, f["id_number"]).y == _run(out, f["result"]).y
    assert _run(out, "序号").y < _run(out, f["name"]).y


def test_the_ming_pledge_numbers_its_promises_and_dates_by_hand() -> None:
    doc = doc_for("pledge", "ming")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert any(r.text.startswith("三、") for r in out.texts)
    d = rnd.iso(f["date"])
    dated = _run(out, f"{d.year}年{d.month}月{d.day}日")
    assert dated.kind == "kai" and dated.y > _run(out, f["id_number"]).y


def test_the_kai_licence_runs_its_subjects_on() -> None:
    doc = doc_for("licence", "kaiwrap", seed=8)
    out = rnd.render(doc, random.Random(1))
    subjects = doc.fields["subjects"].split("；")
    assert len(subjects) > 3
    assert _run(out, subjects[0] + "、").y == _run(out, subjects[1] + "、").y
    assert _run(out, subjects[-1]).y >= _run(out, subjects[0] + "、").y
    assert out.box_of(f"{doc.fields['valid_from']}至{doc.fields['valid_until']}") is not None


def test_the_stamped_number_certificate() -> None:
    doc = doc_for("mentorship_cert", "stampedno")
    out = rnd.render(doc, random.Random(1))
    num = _run(out, doc.fields["cert_number"])
    assert num.kind == "mono" and num.y < 200


def test_the_hanzi_qualification_and_the_right_aligned_practice() -> None:
    doc = doc_for("assistant_qualification", "hanzi")
    out = rnd.render(doc, random.Random(1))
    assert out.box_of(fmt_date(doc.fields["issue_date"], "hanzi")) is not None
    doc = doc_for("assistant_practice", "heiright")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["name"]).x == _run(out, f["practice_number"]).x
    assert out.box_of(fmt_date(f["registration_date"], "pad")) is not None


def test_the_ming_diploma_and_the_own_line_degree() -> None:
    doc = doc_for("diploma", "ming")
    out = rnd.render(doc, random.Random(1))
    assert out.box_of(fmt_date(doc.fields["birth_date"], "hanzi")) is not None
    doc = doc_for("degree", "ownline")
    out = rnd.render(doc, random.Random(1))
    line = next(r for r in out.texts if r.text.endswith(f"{doc.fields['degree_level']}学位"))
    assert line.size >= 48


def test_the_headed_record_puts_labels_above_values() -> None:
    doc = doc_for("diploma_record", "headed")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, "证件号码").y < _run(out, f["id_number"]).y
    assert _run(out, f["enrol_date"]).y == _run(out, f["graduation_date"]).y


def test_the_grouped_print_keeps_every_month_and_arrears() -> None:
    doc = doc_for("social_insurance", "grouped", seed=8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    out = rnd.render(doc, random.Random(1))
    groups = families_20.grouped_rows(doc.fields)
    assert sum(len(r) for _, r in groups) == len(doc.fields["payments"].split(";"))
    assert groups[0][1][0][2] == "欠缴" and out.box_of("欠缴") is not None
    assert groups[0][1][0][0].endswith("月")


def test_pdfs_build() -> None:
    """The 备案表 and the 社保 print come born-digital with a text layer; both under 200 KB and
    the same for the same fields."""
    for material, keys in (
        ("diploma_record", ("name", "id_number", "school", "diploma_number", "verification_code")),
        ("social_insurance", ("name", "id_number", "work_unit")),
    ):
        family = dict(OURS)[material]
        doc = doc_for(material, family)
        build = families.pdf_builder(material, family)
        assert build is not None and build.__module__ == families_20.__name__
        data = build(doc.fields)
        assert data.startswith(b"%PDF-") and len(data) < 200_000
        assert build(dict(doc.fields)) == data
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1
            text = pdf.pages[0].extract_text() or ""
        for key in keys:
            assert doc.fields[key] in text, (material, key)
