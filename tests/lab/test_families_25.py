"""The twenty-fifth layout family per material (lab/synth/families_25.py), held out until
the twenty-third report (seed 20261162) and looked at since: what is
particular to each (the shared checks, every compared value printed for two people, the title
and the seals, are test_family_layouts') and that the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber

from lab.synth import families, families_25
from lab.synth import render as rnd
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_25.HELD_OUT]


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
        assert fam.render.__module__ == families_25.__name__
        assert (material, name) in families.LOOKED_AT


def test_the_transfer_probation_boxes_its_grade_under_iso_dates() -> None:
    doc = doc_for("probation_cert", "transfer", result="不合格")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    grade, row = _run(out, "不合格"), _run(out, "转正考核等次")
    assert abs(grade.y - row.y) < 10 and grade.x > row.x
    assert out.box_of("不同意转正。") is not None
    for key in ("period_start", "period_end"):
        assert _run(out, f[key]).y < row.y
    assert _run(out, f["date"]).y > row.y


def test_the_circular_practice_period_lists_the_person_in_one_row() -> None:
    doc = doc_for("practice_period_cert", "circular", result="不合格")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    grade, head = _run(out, "不合格"), _run(out, "考核结果")
    assert grade.y > head.y and abs(grade.x - head.x) < 2
    assert _run(out, f["id_number"]).y == grade.y == _run(out, f["name"]).y
    assert next(r for r in out.texts if r.text.startswith("医务证〔")).y < 300
    assert out.box_of(fmt_date(f["date"], "hanzi")) is not None


def test_the_pairs_pledge_and_the_shaded_licence() -> None:
    doc = doc_for("pledge", "pairs")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["school"]).y == _run(out, f["major"]).y
    assert _run(out, f["id_number"]).y < _run(out, f["school"]).y
    signed = [r for r in out.texts if r.text == f["name"]]
    assert signed[-1].y > 1200 and signed[-1].size >= 50
    doc = doc_for("licence", "shaded", seed=8)
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.box_of(f"{f['valid_from']} 至 {f['valid_until']}") is not None
    caption = _run(out, "诊疗科目")
    subjects = f["subjects"].split("；")
    assert _run(out, subjects[0]).y == caption.y == _run(out, subjects[1]).y
    for subject in subjects:
        assert _run(out, subject).y >= caption.y


def test_the_ruledlines_certificate_and_the_leaderdots_qualification() -> None:
    doc = doc_for("mentorship_cert", "ruledlines")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["cert_number"]).y > _run(out, f["id_number"]).y
    assert out.box_of(f["issue_date"]) is not None
    assert out.box_of("公民身份号码") is not None
    doc = doc_for("assistant_qualification", "leaderdots")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    for key in ("qualification_number", "id_number", "qualification"):
        run = _run(out, f[key])
        assert abs(run.x + rnd.font(run.kind, run.size).getlength(run.text) - 1110) < 2
    assert _run(out, f["qual_category"]).y < _run(out, f["qualification"]).y
    assert out.box_of(fmt_date(f["birth_date"], "dot")) is not None


def test_the_dotreg_practice_and_the_landscape_diploma() -> None:
    doc = doc_for("assistant_practice", "dotreg")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, fmt_date(f["registration_date"], "dot")).y > _run(out, "批准日期").y - 1
    assert out.box_of(f"证书编码：{f['practice_number']}") is not None
    assert _run(out, f["practice_level"]).y == _run(out, f["practice_category"]).y
    doc = doc_for("diploma", "landscape")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.image.size == (1754, 1240)
    assert _run(out, f"证书编号：{f['diploma_number']}").y > 1000
    assert out.box_of(f["major"]) is not None and out.box_of(f["years"] + "年制") is not None
    assert _run(out, f"校长：{f['principal']}").x > 400


def test_the_photonum_degree_numbers_under_its_photo() -> None:
    doc = doc_for("degree", "photonum")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    num = _run(out, f["degree_number"])
    assert num.x > 800 and 550 < num.y < 700
    assert out.box_of(f"{f['degree_level']}学位。") is not None
    assert out.box_of(fmt_date(f["issue_date"], "pad")) is not None
    a = np.asarray(out.image)[..., :3].astype(int)
    w = a.shape[1]
    assert _red(a[:, : w // 2]) < 100 and _red(a[:, w // 2 :]) > 500


def test_the_colon_record_and_the_kindfirst_print() -> None:
    doc = doc_for("diploma_record", "colon")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    label = _run(out, "毕业时间：")
    end = label.x + rnd.font(label.kind, label.size).getlength(label.text)
    assert abs(end - 480) < 2
    assert _run(out, fmt_date(f["graduation_date"], "dot")).y == label.y
    assert out.box_of(fmt_date(f["valid_until"], "dot")) is not None
    doc = doc_for("social_insurance", "kindfirst", seed=8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    out = rnd.render(doc, random.Random(1))
    rows = families_25.kindfirst_rows(doc.fields)
    assert len(rows) == len(doc.fields["payments"].split(";"))
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), key=[r[0] for r in rows].index)
    assert rows[0][3] == "欠缴" and out.box_of("欠缴") is not None
    assert rows[0][1].endswith("月") and out.box_of(rows[0][1]) is not None
    assert _run(out, "险种").x < _run(out, "缴费月份").x


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
        assert build is not None and build.__module__ == families_25.__name__
        data = build(doc.fields)
        assert data.startswith(b"%PDF-") and len(data) < 200_000
        assert build(dict(doc.fields)) == data
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1
            text = pdf.pages[0].extract_text() or ""
        for key in keys:
            assert doc.fields[key] in text, (material, key)
