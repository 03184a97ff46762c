"""The twenty-second layout family per material (lab/synth/families_22.py), held out until
the twentieth report (seed 20261159) and looked at since: what is
particular to each (the shared checks, every compared value printed for two people, the title
and the seals, are test_family_layouts') and that the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber

from lab.synth import families, families_22
from lab.synth import render as rnd
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_22.HELD_OUT]


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
        assert fam.render.__module__ == families_22.__name__
        assert (material, name) in families.LOOKED_AT


def test_the_docket_probation_runs_its_particulars_under_a_docket_number() -> None:
    doc = doc_for("probation_cert", "docket")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["work_unit"]).y < _run(out, "试用期考核证明").y
    assert out.box_of("〕") is not None and out.box_of("抄送：本人人事档案") is not None
    assert out.box_of(f"考核结果为：{f['result']}") is not None
    assert out.box_of(fmt_date(f["date"], "hanzi")) is not None


def test_the_headrow_practice_period_puts_labels_over_values() -> None:
    doc = doc_for("practice_period_cert", "headrow")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    for label, value in (("身份证件号码", f["id_number"]), ("执业单位", f["work_unit"])):
        a, b = _run(out, label), _run(out, value)
        assert a.x == b.x and a.y < b.y < a.y + 100
    span = f"{fmt_date(f['period_start'], 'pad')}—{fmt_date(f['period_end'], 'pad')}"
    assert out.box_of(span) is not None


def test_the_signblock_pledge_signs_its_particulars_at_the_foot() -> None:
    doc = doc_for("pledge", "signblock")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    promise = next(r for r in out.texts if r.text.startswith("三、"))
    signed = _run(out, f["name"])
    assert signed.y > promise.y and signed.kind in ("kai", "serif")
    assert _run(out, f["id_number"]).y > signed.y
    d = rnd.iso(f["date"])
    assert _run(out, f"{d.year}年{d.month}月{d.day}日").kind == "kai"


def test_the_validband_licence_bands_its_validity_at_the_foot() -> None:
    doc = doc_for("licence", "validband", seed=8)
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    valid = f"有效期限：自{fmt_date(f['valid_from'], 'pad')}至{fmt_date(f['valid_until'], 'pad')}"
    band = _run(out, valid)
    assert band.y > 1400
    assert all(_run(out, s).y < band.y for s in f["subjects"].split("；"))
    assert out.box_of(f["registration_number"]) is not None


def test_the_cosigned_certificate_is_sealed_twice() -> None:
    doc = doc_for("mentorship_cert", "cosigned")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assessor = families_22._assessor(f["issuer"])
    assert assessor != f["issuer"] and out.box_of(assessor) is not None
    assert _run(out, assessor).y == _run(out, f["issuer"]).y
    a = np.asarray(out.image)[..., :3].astype(int)
    w = a.shape[1]
    assert _red(a[:, : w // 2]) > 500 and _red(a[:, w // 2 :]) > 500


def test_the_caption_qualification_and_the_approval_practice() -> None:
    doc = doc_for("assistant_qualification", "caption")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, "证书编码").y > _run(out, f["qualification_number"]).y
    assert _run(out, "证书编码").kind == "serif"
    doc = doc_for("assistant_practice", "approval")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.box_of(f["work_unit"]) is not None and out.box_of("注册执业") is not None
    assert out.box_of(fmt_date(f["registration_date"], "hanzi")) is not None
    assert _run(out, f["practice_number"]).kind == "kai"


def test_the_seam_diploma_and_the_photofoot_degree() -> None:
    doc = doc_for("diploma", "seam")
    out = rnd.render(doc, random.Random(1))
    a = np.asarray(out.image)[..., :3].astype(int)
    assert _red(a[:, :130]) > 800  # half the 骑缝章 on the left edge
    assert _run(out, f"证书编号：{doc.fields['diploma_number']}").y < 200
    doc = doc_for("degree", "photofoot")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["degree_number"]).y > 1300
    assert out.box_of(f"{f['degree_level']}学位。") is not None
    assert out.box_of(fmt_date(f["issue_date"], "hanzi")) is not None


def test_the_qrfoot_record_pairs_its_rows() -> None:
    doc = doc_for("diploma_record", "qrfoot")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["name"]).y == _run(out, f["gender"]).y
    code = _run(out, f"在线验证码：{f['verification_code']}")
    assert code.y > 1300 and code.x > 300
    assert out.box_of(fmt_date(f["valid_until"], "dot")) is not None


def test_the_checkcode_print_keeps_every_payment_and_arrears() -> None:
    doc = doc_for("social_insurance", "checkcode", seed=8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    out = rnd.render(doc, random.Random(1))
    rows = families_22.checkcode_rows(doc.fields)
    assert len(rows) == len(doc.fields["payments"].split(";"))
    assert rows[0][3] == "欠缴" and out.box_of("欠缴") is not None
    assert rows[0][0].endswith("月") and "年" in rows[0][0]
    serial, code = families_22.checkcode(doc.fields)
    assert families_22.checkcode(dict(doc.fields)) == (serial, code)
    assert out.box_of(serial) is not None and out.box_of(code) is not None


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
        assert build is not None and build.__module__ == families_22.__name__
        data = build(doc.fields)
        assert data.startswith(b"%PDF-") and len(data) < 200_000
        assert build(dict(doc.fields)) == data
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1
            text = pdf.pages[0].extract_text() or ""
        for key in keys:
            assert doc.fields[key] in text, (material, key)
