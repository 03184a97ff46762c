"""The nineteenth layout family per material (lab/synth/families_19.py), held out until the
seventeenth report (seed 20261156) and looked at since: what is
particular to each (the shared checks, every compared value printed for two people, the title
and the seals, are test_family_layouts') and that the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber

from lab.synth import families, families_19
from lab.synth import render as rnd
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_19.HELD_OUT]


def _run(out: rnd.Rendered, text: str) -> rnd.TextRun:
    return next(r for r in out.texts if r.text == text)


def test_the_ming_probation_rules_its_rows_and_dates_in_nian_yue_ri() -> None:
    doc = doc_for("probation_cert", "mingrule")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    span = f"{fmt_date(f['period_start'], 'cn')}至{fmt_date(f['period_end'], 'cn')}"
    assert _run(out, span).y < _run(out, f["result"]).y
    assert _run(out, "公民身份号码").kind == "ming"


def test_the_ruled_practice_period_prints_the_period_as_stored() -> None:
    doc = doc_for("practice_period_cert", "ruledform")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.box_of(f"{f['period_start']}至{f['period_end']}") is not None
    assert out.box_of(f["date"]) is not None


def test_the_hei_text_pledge_runs_the_particulars_and_signs_by_hand() -> None:
    doc = doc_for("pledge", "heitext")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    signed = [r for r in out.texts if r.text == f["name"]][-1]
    assert signed.kind == "kai" and signed.y > out.box_of(f["id_number"])[1]  # type: ignore[index]
    a = np.asarray(out.image)[..., :3].astype(int)
    patch = a[int(signed.y) - 45 : int(signed.y) + 5, int(signed.x) : int(signed.x) + 150]
    assert ((patch[..., 2] > patch[..., 0] + 25) & (patch[..., 0] < 60)).sum() > 50


def test_the_hei_ruled_licence_lists_its_subjects_two_to_a_row() -> None:
    doc = doc_for("licence", "heiruled", seed=8)
    out = rnd.render(doc, random.Random(1))
    subjects = doc.fields["subjects"].split("；")
    assert len(subjects) > 3
    assert _run(out, subjects[0]).y == _run(out, subjects[1]).y < _run(out, subjects[2]).y


def test_the_sentence_certificate_prints_its_particulars_in_running_text() -> None:
    doc = doc_for("mentorship_cert", "sentence")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.box_of(f["id_number"]) is not None and out.box_of(f["cert_number"]) is not None
    assert out.image.width < out.image.height


def test_the_ming_table_qualification_and_the_sans_practice() -> None:
    doc = doc_for("assistant_qualification", "mingtable")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["qual_category"]).y == _run(out, f["qualification"]).y
    doc = doc_for("assistant_practice", "sans")
    out = rnd.render(doc, random.Random(1))
    reg = _run(out, fmt_date(doc.fields["registration_date"], "dot"))
    assert reg.kind in ("sans", "serif") and reg.y > _run(out, doc.fields["id_number"]).y


def test_the_hanzi_date_diploma_and_the_kai_degree() -> None:
    doc = doc_for("diploma", "hanzidate")
    out = rnd.render(doc, random.Random(1))
    assert out.box_of(fmt_date(doc.fields["issue_date"], "hanzi")) is not None
    assert _run(out, doc.fields["diploma_number"]).y > out.image.height - 200
    doc = doc_for("degree", "kai")
    out = rnd.render(doc, random.Random(1))
    assert _run(out, doc.fields["degree_number"]).y < 200
    assert any(r.kind == "kai" and r.size >= 28 for r in out.texts)


def test_the_ruled_record_pairs_its_dates_on_one_row() -> None:
    doc = doc_for("diploma_record", "ruledcells")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["enrol_date"]).y == _run(out, f["graduation_date"]).y
    assert _run(out, f"在线验证码：{f['verification_code']}").y > _run(out, f["name"]).y


def test_the_dash_print_dashes_its_months_and_keeps_arrears() -> None:
    doc = doc_for("social_insurance", "dash", seed=8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    out = rnd.render(doc, random.Random(1))
    rows = families_19.dash_rows(doc.fields)
    assert len(rows) == len(doc.fields["payments"].split(";"))
    assert rows[0][0][4] == "-" and rows[0][2] == "欠缴" and out.box_of("欠缴") is not None
    assert _run(out, "姓名：").y == _run(out, "证件号码：").y


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
        assert build is not None and build.__module__ == families_19.__name__
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
