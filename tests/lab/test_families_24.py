"""The twenty-fourth layout family per material (lab/synth/families_24.py), held out until
the twenty-second report (seed 20261161) and looked at since: what is
particular to each (the shared checks, every compared value printed for two people, the title
and the seals, are test_family_layouts') and that the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber

from lab.synth import families, families_24
from lab.synth import render as rnd
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_24.HELD_OUT]


def _run(out: rnd.Rendered, text: str) -> rnd.TextRun:
    return next(r for r in out.texts if r.text == text)


def _red(a: np.ndarray) -> int:
    return int(((a[..., 0] > 150) & (a[..., 1] < 110) & (a[..., 2] < 110)).sum())


def test_every_family_is_new_and_looked_at_since_its_report() -> None:
    assert sorted(m for m, _ in OURS) == sorted({m for m, _ in OURS})
    assert len(OURS) == 11
    for material, name in OURS:
        fam = families.FAMILIES[material][name]
        assert fam.render is not None and fam.note
        assert fam.render.__module__ == families_24.__name__
        assert (material, name) in families.LOOKED_AT


def test_the_confirm_probation_runs_on_to_its_grade() -> None:
    doc = doc_for("probation_cert", "confirm", result="不合格")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.box_of("不合格") is not None and out.box_of("暂不予转正") is not None
    for key in ("period_start", "period_end"):
        assert out.box_of(fmt_date(f[key], "cn")) is not None
    assert out.box_of(f"公民身份号码{f['id_number']}") is not None


def test_the_verdicts_practice_period_puts_its_grade_in_the_unit_box() -> None:
    doc = doc_for("practice_period_cert", "verdicts", result="不合格")
    out = rnd.render(doc, random.Random(1))
    grade, unit_box = _run(out, "不合格"), _run(out, "单位意见")
    assert grade.y > _run(out, "科室意见").y and grade.kind == "serif_bold"
    assert abs(grade.y - unit_box.y) < 200
    assert out.box_of(doc.fields["id_number"]) is not None


def test_the_kaiprose_pledge_and_the_subjectbox_licence() -> None:
    doc = doc_for("pledge", "kaiprose")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.box_of(f"身份证号码：{f['id_number']}") is not None
    signed = [r for r in out.texts if r.text == f["name"]]
    assert signed[-1].y > 1100 and signed[-1].size >= 50
    doc = doc_for("licence", "subjectbox", seed=8)
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    caption = _run(out, "诊疗科目")
    for subject in f["subjects"].split("；"):
        assert _run(out, subject).y > caption.y
    valid = f"自{fmt_date(f['valid_from'], 'pad')}起至{fmt_date(f['valid_until'], 'pad')}止"
    assert out.box_of(valid) is not None


def test_the_holder_certificate_and_the_midline_qualification() -> None:
    doc = doc_for("mentorship_cert", "holder")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.box_of("持 证 人：") is not None
    assert _run(out, f"证书编号：{f['cert_number']}").y < 200
    assert out.box_of(fmt_date(f["issue_date"], "hanzi")) is not None
    a = np.asarray(out.image)[..., :3].astype(int)
    assert _red(a[1100:, 400:840]) > 500
    doc = doc_for("assistant_qualification", "midline")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    run = next(r for r in out.texts if f["qualification_number"] in r.text)
    width = rnd.font(run.kind, run.size).getlength(run.text)
    assert abs(run.x + width / 2 - 620) < 4


def test_the_hanzireg_practice_and_the_kaiterm_diploma() -> None:
    doc = doc_for("assistant_practice", "hanzireg")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.box_of(fmt_date(f["registration_date"], "hanzi")) is not None
    assert _run(out, f["practice_number"]).y < _run(out, f["work_unit"]).y
    doc = doc_for("diploma", "kaiterm")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f"证书编号：{f['diploma_number']}").y < _run(out, "毕业证书").y
    assert out.box_of(f"在本校{f['major']}专业") is not None


def test_the_topno_degree_is_sealed_once_on_the_right() -> None:
    doc = doc_for("degree", "topno")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f"证书编号：{f['degree_number']}").y < 200
    assert out.box_of(f"{f['degree_level']}学位。") is not None
    assert out.box_of(fmt_date(f["issue_date"], "hanzi")) is not None
    a = np.asarray(out.image)[..., :3].astype(int)
    w = a.shape[1]
    assert _red(a[:, : w // 2]) < 100 and _red(a[:, w // 2 :]) > 500


def test_the_triple_record_and_the_belong_print() -> None:
    doc = doc_for("diploma_record", "triple")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, fmt_date(f["graduation_date"], "cn")).y > _run(out, "毕（结）业日期").y
    assert out.box_of(fmt_date(f["valid_until"], "cn")) is not None
    assert _run(out, f["school"]).y == _run(out, f["major"]).y
    doc = doc_for("social_insurance", "belong", seed=8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    out = rnd.render(doc, random.Random(1))
    rows = families_24.belong_rows(doc.fields)
    assert len(rows) == len(doc.fields["payments"].split(";"))
    assert rows[0][3] == "欠缴" and out.box_of("欠缴") is not None
    assert rows[0][0].endswith("月") and out.box_of(rows[0][0]) is not None
    assert _run(out, doc.fields["id_number"]).y > _run(out, "身份证件号码").y


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
        assert build is not None and build.__module__ == families_24.__name__
        data = build(doc.fields)
        assert data.startswith(b"%PDF-") and len(data) < 200_000
        assert build(dict(doc.fields)) == data
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1
            text = pdf.pages[0].extract_text() or ""
        for key in keys:
            assert doc.fields[key] in text, (material, key)
