"""The twenty-first layout family per material (lab/synth/families_21.py), held out until the
nineteenth report (seed 20261158) and looked at since: what is
particular to each (the shared checks, every compared value printed for two people, the title
and the seals, are test_family_layouts') and that the PDFs build."""

from __future__ import annotations

import io
import random

import pdfplumber

from lab.synth import families, families_21
from lab.synth import render as rnd
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_21.HELD_OUT]


def _run(out: rnd.Rendered, text: str) -> rnd.TextRun:
    return next(r for r in out.texts if r.text == text)


def test_the_signatories_probation_dots_its_period_and_boxes_the_result() -> None:
    doc = doc_for("probation_cert", "signatories")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    span = f"{fmt_date(f['period_start'], 'dot')}—{fmt_date(f['period_end'], 'dot')}"
    assert out.box_of(span) is not None
    assert _run(out, f["result"]).kind == "serif_bold"
    for who in ("科室负责人", "人事科负责人", "分管院长"):
        assert out.box_of(f"{who}（签字）：") is not None


def test_the_centred_kai_practice_period() -> None:
    doc = doc_for("practice_period_cert", "kaicentre")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["id_number"]).kind == "kai"
    assert out.box_of(fmt_date(f["date"], "hanzi")) is not None
    name, label = _run(out, f["name"]), _run(out, "姓名：")
    w = out.image.size[0]
    right = name.x + rnd.font(name.kind, name.size).getlength(name.text)
    assert abs((label.x + right) / 2 - w / 2) < 3


def test_the_notes_pledge_pairs_its_cells_and_dates_by_hand() -> None:
    doc = doc_for("pledge", "notes")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["name"]).y == _run(out, "预计毕业").y
    d = rnd.iso(f["date"])
    dated = _run(out, f"{d.year}.{d.month}.{d.day}")
    assert dated.kind == "kai" and out.box_of("注意事项：") is not None


def test_the_sidebox_licence_prints_a_subject_a_line() -> None:
    doc = doc_for("licence", "sidebox", seed=8)
    out = rnd.render(doc, random.Random(1))
    subjects = doc.fields["subjects"].split("；")
    ys = [_run(out, s).y for s in subjects]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    assert len({_run(out, s).x for s in subjects}) == 1
    assert _run(out, "登记号").y < _run(out, doc.fields["registration_number"]).y


def test_the_embossed_certificate_tables_its_particulars() -> None:
    doc = doc_for("mentorship_cert", "embossed")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, "身份证号").y == _run(out, f["id_number"]).y
    assert out.box_of(f["cert_number"]) is not None


def test_the_foot_code_qualification_and_the_stamped_date_practice() -> None:
    doc = doc_for("assistant_qualification", "footcode")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["qualification_number"]).y > _run(out, f["id_number"]).y + 400
    doc = doc_for("assistant_practice", "stampdate")
    out = rnd.render(doc, random.Random(1))
    assert _run(out, doc.fields["registration_date"]).kind == "mono"


def test_the_photo_right_diploma_and_the_foot_table_degree() -> None:
    doc = doc_for("diploma", "photoright")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, f["diploma_number"]).y > 1000
    doc = doc_for("degree", "foottable")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert _run(out, "证书编号").y < _run(out, f["degree_number"]).y
    assert out.box_of(f"{f['degree_level']}学位。") is not None
    assert out.box_of(fmt_date(f["issue_date"], "pad")) is not None


def test_the_sidebar_record_dates_in_years_months_days() -> None:
    doc = doc_for("diploma_record", "sidebar")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.box_of(fmt_date(f["graduation_date"], "cn")) is not None
    assert out.box_of(fmt_date(f["valid_until"], "cn")) is not None
    assert out.image.getpixel((20, 900))[2] < 110  # the sidebar


def test_the_shares_print_keeps_every_payment_and_arrears() -> None:
    doc = doc_for("social_insurance", "shares", seed=8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    out = rnd.render(doc, random.Random(1))
    rows = families_21.shares_rows(doc.fields)
    assert len(rows) == len(doc.fields["payments"].split(";"))
    assert rows[0][5] == "欠缴" and out.box_of("欠缴") is not None
    assert rows[0][0][4] == "-"
    assert float(rows[0][3]) >= float(rows[0][4]) > 0


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
        assert build is not None and build.__module__ == families_21.__name__
        data = build(doc.fields)
        assert data.startswith(b"%PDF-") and len(data) < 200_000
        assert build(dict(doc.fields)) == data
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1
            text = pdf.pages[0].extract_text() or ""
        for key in keys:
            assert doc.fields[key] in text, (material, key)
