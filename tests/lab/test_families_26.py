"""The twenty-sixth layout family per material (lab/synth/families_26.py), held out until
the twenty-fourth report (seed 20261163) and looked at since: what is
particular to each (the shared checks, every compared value printed for two people, the title
and the seals, are test_family_layouts') and that the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber

from lab.synth import families, families_26
from lab.synth import render as rnd
from lab.synth.families_5 import slash
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_26.HELD_OUT]


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
        assert fam.render.__module__ == families_26.__name__
        assert (material, name) in families.LOOKED_AT


def test_the_hanzispan_probation_and_the_twoblocks_practice_period() -> None:
    doc = doc_for("probation_cert", "hanzispan", result="不合格")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    start = _run(out, fmt_date(f["period_start"], "hanzi"))
    end = _run(out, fmt_date(f["period_end"], "hanzi"))
    assert start.y < end.y < _run(out, "不合格").y
    assert out.box_of("不予转正。") is not None
    assert out.box_of(fmt_date(f["date"], "pad")) is not None
    doc = doc_for("practice_period_cert", "twoblocks", result="不合格")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, "被考核人信息").y < _run(out, f["id_number"]).y < _run(out, "考核信息").y
    assert _run(out, "考核信息").y < _run(out, "不合格").y
    assert out.box_of(f"{f['period_start']} 至 {f['period_end']}") is not None


def test_the_tablefoot_pledge_signs_in_its_table() -> None:
    doc = doc_for("pledge", "tablefoot")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    promise = next(r for r in out.texts if r.text.startswith("本人已认真阅读"))
    assert promise.y < _run(out, f["id_number"]).y
    assert _run(out, f["name"]).y == _run(out, f["id_number"]).y
    signed = [r for r in out.texts if r.text == f["name"]]
    assert signed[-1].y > _run(out, "本人签名").y - 20 and signed[-1].size >= 50


def test_the_captions_licence_and_the_centrelines_certificate() -> None:
    doc = doc_for("licence", "captions", seed=8)
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    caption = _run(out, "机构名称")
    unit = _run(out, f["work_unit"])
    assert unit.y > caption.y and unit.x > caption.x
    valid = f"自{fmt_date(f['valid_from'], 'pad')}至{fmt_date(f['valid_until'], 'pad')}"
    assert out.box_of(valid) is not None
    subjects = f["subjects"].split("；")
    ys = [_run(out, s).y for s in subjects]
    assert ys == sorted(ys) and len(set(ys)) == len(ys) > 1
    doc = doc_for("mentorship_cert", "centrelines")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    run = _run(out, f"公民身份号码：{f['id_number']}")
    width = rnd.font(run.kind, run.size).getlength(run.text)
    assert abs(run.x + width / 2 - 620) < 2
    assert out.box_of(fmt_date(f["issue_date"], "hanzi")) is not None


def test_the_sidebyside_qualification_and_the_slashdate_practice() -> None:
    doc = doc_for("assistant_qualification", "sidebyside")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["name"]).y == _run(out, f["gender"]).y
    assert _run(out, f["qualification"]).y > _run(out, f["id_number"]).y
    assert _run(out, f["qual_category"]).x > 500
    doc = doc_for("assistant_practice", "slashdate")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, slash(f["registration_date"])).y > _run(out, "注册日期：").y - 1
    num = _run(out, f"证书编码：{f['practice_number']}")
    assert num.y > 1600 and num.x > 400


def test_the_topright_diploma_and_the_mingside_degree() -> None:
    doc = doc_for("diploma", "topright")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    num = _run(out, f"证书编号：{f['diploma_number']}")
    assert num.y < _run(out, "毕业证书").y and num.x > 500
    assert out.box_of(f"{f['graduation'][:4]}年") is not None
    doc = doc_for("degree", "mingside")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    first = next(r for r in out.texts if f["name"] in r.text)
    assert first.x > 380 and first.y < 600
    assert _run(out, f"证书编号：{f['degree_number']}").y > 1500
    assert out.box_of(fmt_date(f["issue_date"], "hanzi")) is not None


def test_the_codebox_record_and_the_yearheads_print() -> None:
    doc = doc_for("diploma_record", "codebox")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    code = _run(out, f["verification_code"])
    assert code.x > 600 and code.y < _run(out, "姓名：").y
    assert out.box_of(slash(f["graduation_date"])) is not None
    doc = doc_for("social_insurance", "yearheads", seed=8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    out = rnd.render(doc, random.Random(1))
    rows = families_26.yearheads_rows(doc.fields)
    assert len(rows[0]) == 1 and rows[0][0].endswith("年度")
    assert sum(len(r) == 4 for r in rows) == len(doc.fields["payments"].split(";"))
    assert out.box_of("欠缴") is not None and out.box_of(rows[0][0]) is not None
    assert _red(np.asarray(out.image)[..., :3].astype(int)) > 500


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
        assert build is not None and build.__module__ == families_26.__name__
        data = build(doc.fields)
        assert data.startswith(b"%PDF-") and len(data) < 200_000
        assert build(dict(doc.fields)) == data
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1
            text = pdf.pages[0].extract_text() or ""
        for key in keys:
            assert doc.fields[key] in text, (material, key)
