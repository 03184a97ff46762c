"""The twenty-third layout family per material (lab/synth/families_23.py), held out until
the twenty-first report (seed 20261160) and looked at since: what is
particular to each (the shared checks, every compared value printed for two people, the title
and the seals, are test_family_layouts') and that the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber

from lab.synth import families, families_23
from lab.synth import render as rnd
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_23.HELD_OUT]


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
        assert fam.render.__module__ == families_23.__name__
        assert (material, name) in families.LOOKED_AT


def test_the_resultbox_probation_boxes_its_grade_on_the_right() -> None:
    doc = doc_for("probation_cert", "resultbox", result="不合格")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    grade, name = _run(out, "不合格"), _run(out, f["name"])
    assert grade.x > 900 and grade.x > name.x
    span = f"{fmt_date(f['period_start'], 'pad')}至{fmt_date(f['period_end'], 'pad')}"
    assert out.box_of(span) is not None and out.box_of("公民身份号码：") is not None


def test_the_underscored_practice_period_types_values_in_blanks() -> None:
    doc = doc_for("practice_period_cert", "underscored")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["name"]).y == _run(out, "兹证明").y
    assert _run(out, f["result"]).y == _run(out, "考核结果为").y
    assert _run(out, f["id_number"]).y > _run(out, f["name"]).y


def test_the_headstrip_pledge_and_the_runon_licence() -> None:
    doc = doc_for("pledge", "headstrip")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["id_number"]).y < 500 and _run(out, "证件号").kind == "ming"
    signed = [r for r in out.texts if r.text == f["name"]]
    assert signed[-1].y > 1000 and signed[-1].size >= 50
    doc = doc_for("licence", "runon", seed=8)
    out = rnd.render(doc, random.Random(1))
    rows = [r for r in out.texts if "；" in r.text]
    assert rows and all(r.kind == "ming" or r.kind == "serif" for r in rows)
    assert len({r.y for r in rows}) >= 2  # one paragraph over several lines


def test_the_leftseal_certificate_and_the_vrule_qualification() -> None:
    doc = doc_for("mentorship_cert", "leftseal")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    issuer = _run(out, f["issuer"])
    assert issuer.x < 200 and issuer.y > 1200
    assert _run(out, f["issue_date"]).x == issuer.x
    a = np.asarray(out.image)[..., :3].astype(int)
    assert _red(a[1100:, :620]) > 500 and _red(a[1100:, 620:]) < 100
    doc = doc_for("assistant_qualification", "vrule")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    label, value = _run(out, "管理号码"), _run(out, f["qualification_number"])
    assert label.y == value.y and label.x < 560 < value.x
    assert out.box_of(fmt_date(f["issue_date"], "hanzi")) is not None


def test_the_isodate_practice_and_the_signed_diploma() -> None:
    doc = doc_for("assistant_practice", "isodate")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["registration_date"]).y > _run(out, f["practice_number"]).y
    assert out.box_of("主要执业机构：") is not None
    doc = doc_for("diploma", "signed")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f"证书编号：{f['diploma_number']}").y > 1500
    assert out.box_of(f"在我校{f['major']}专业学习") is not None


def test_the_boardseal_degree_is_sealed_twice() -> None:
    doc = doc_for("degree", "boardseal")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["degree_number"]).y < 700
    assert out.box_of(f"{f['degree_level']}学位。") is not None
    assert out.box_of(fmt_date(f["issue_date"], "dot")) is not None
    a = np.asarray(out.image)[..., :3].astype(int)
    w = a.shape[1]
    assert _red(a[:, : w // 2]) > 500 and _red(a[:, w // 2 :]) > 500


def test_the_isodates_record_and_the_securityno_print() -> None:
    doc = doc_for("diploma_record", "isodates")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["graduation_date"]).y > _run(out, "毕业日期").y
    assert out.box_of(f["valid_until"]) is not None
    doc = doc_for("social_insurance", "securityno", seed=8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    out = rnd.render(doc, random.Random(1))
    rows = families_23.securityno_rows(doc.fields)
    assert len(rows) == len(doc.fields["payments"].split(";"))
    assert rows[0][3] == "欠缴" and out.box_of("欠缴") is not None
    assert rows[0][0][4] == "-" and out.box_of(rows[0][0]) is not None
    assert out.box_of("社会保障号码：") is not None


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
        assert build is not None and build.__module__ == families_23.__name__
        data = build(doc.fields)
        assert data.startswith(b"%PDF-") and len(data) < 200_000
        assert build(dict(doc.fields)) == data
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1
            text = pdf.pages[0].extract_text() or ""
        for key in keys:
            assert doc.fields[key] in text, (material, key)
