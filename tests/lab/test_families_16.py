"""The sixteenth layout family per material (lab/synth/families_16.py), held out until the
fourteenth report (seed 20261153) and looked at since: what is particular to each (the shared
checks, every compared value printed for two people, the title and the seals, are
test_family_layouts') and that the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber
import pytest

from lab.synth import families, families_16
from lab.synth import render as rnd
from lab.synth.families_5 import slash
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_16.HELD_OUT]


def _run(out: rnd.Rendered, text: str) -> rnd.TextRun:
    return next(r for r in out.texts if r.text == text)


def test_the_printout_follows_the_systems_order_and_has_a_page_footer() -> None:
    doc = doc_for("probation_cert", "printout")
    out = rnd.render(doc, random.Random(1))
    labels = [label for label, _ in families_16.probation_rows(doc.fields)]
    assert labels[0] == "所在单位" and labels.index("名　　字") > labels.index("所在科室")
    unit, name = _run(out, doc.fields["work_unit"]), _run(out, doc.fields["name"])
    assert unit.y < name.y
    footer = _run(out, "第1页 共1页")
    assert footer.y > out.image.height - 150
    assert out.box_of(families_16.PRINT_TIME) is not None


def test_the_register_puts_small_grey_labels_above_values_in_landscape() -> None:
    doc = doc_for("practice_period_cert", "register")
    out = rnd.render(doc, random.Random(1))
    assert out.image.width > out.image.height
    assert out.box_of("执业期考核证明") is not None
    pairs = (("身份证号码", "id_number"), ("执业地点", "work_unit"), ("考核结论", "result"))
    for label, key in pairs:
        lab, value = _run(out, label), _run(out, doc.fields[key])
        assert abs(lab.x - value.x) < 2 and 0 < value.y - lab.y < 80, label
        assert lab.size < value.size


def test_the_sans_pledge_is_dated_by_hand_with_hyphens() -> None:
    doc = doc_for("pledge", "sansbox")
    out = rnd.render(doc, random.Random(1))
    date = _run(out, rnd.iso(doc.fields["date"]).isoformat())
    assert date.kind == "kai"
    a = np.asarray(out.image)[..., :3].astype(int)
    x, y = int(date.x), int(date.y)
    patch = a[y - 40 : y + 5, x : x + 200]
    assert ((patch[..., 2] > patch[..., 0] + 25) & (patch[..., 0] < 60)).sum() > 50  # blue-black


def test_the_slash_grid_licence_numbers_its_subjects_in_one_merged_cell() -> None:
    doc = doc_for("licence", "slashgrid")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.box_of(f"{slash(f['valid_from'])}至{slash(f['valid_until'])}") is not None
    first = f["subjects"].split("；")[0]
    assert _run(out, f"1. {first}").y > _run(out, f["registration_number"]).y
    assert _run(out, "（副本）").y < _run(out, "登记号").y


def test_the_hei_grid_mentorship_prints_its_number_in_red_above_the_title() -> None:
    doc = doc_for("mentorship_cert", "higrid")
    out = rnd.render(doc, random.Random(1))
    num = _run(out, f"编号：{doc.fields['cert_number']}")
    assert num.y < _run(out, doc.fields["title"]).y and num.kind == "hei"
    assert _run(out, "证件号码").y < _run(out, doc.fields["major"]).y + 2


@pytest.mark.parametrize(
    ("material", "first"),
    [("assistant_qualification", "姓　　名"), ("assistant_practice", "证书编码")],
)
def test_the_serif_certificates_print_labels_without_colons(material: str, first: str) -> None:
    doc = doc_for(material, "serif")
    out = rnd.render(doc, random.Random(1))
    assert not any(r.text.endswith("：") for r in out.texts)
    label = _run(out, first)
    assert label.kind == "serif" and label.x < 200


def test_the_hei_diploma_runs_its_particulars_in_one_sentence_in_a_grey_frame() -> None:
    doc = doc_for("diploma", "heitext")
    out = rnd.render(doc, random.Random(1))
    assert _run(out, doc.fields["diploma_number"]).y < _run(out, "毕业证书").y
    a = np.asarray(out.image)[..., :3].astype(int)
    assert (abs(a[60, 300] - 230) < 12).all()  # the 底纹 frame, not the white page


def test_the_dotted_degree_prints_a_dotted_birth_date_and_its_number_at_the_foot() -> None:
    doc = doc_for("degree", "dotted", 8)
    out = rnd.render(doc, random.Random(1))
    born = rnd.iso(doc.fields["birth_date"])
    assert out.box_of(f"{born:%Y.%m.%d}生") is not None
    assert _run(out, f"证书编号：{doc.fields['degree_number']}").y > out.image.height - 200


def test_pdfs_build() -> None:
    """The 备案表 comes born-digital with a text layer; the 社保 print as a landscape scan
    without one; both under 200 KB and the same for the same fields."""
    for material, keys in (
        ("diploma_record", ("name", "id_number", "school", "diploma_number", "verification_code")),
        ("social_insurance", ()),
    ):
        family = dict(OURS)[material]
        doc = doc_for(material, family)
        build = families.pdf_builder(material, family)
        assert build is not None and build.__module__ == families_16.__name__
        data = build(doc.fields)
        assert data.startswith(b"%PDF-") and len(data) < 200_000
        assert build(dict(doc.fields)) == data
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1
            page = pdf.pages[0]
            text = page.extract_text() or ""
            if not keys:
                assert not text.strip() and page.images and page.width > page.height
        for key in keys:
            assert doc.fields[key] in text, (material, key)
        if keys:
            assert fmt_date(doc.fields["graduation_date"], "hanzi") in text


def test_the_landscape_statement_marks_an_unpaid_month_per_insurance() -> None:
    doc = doc_for("social_insurance", "landscape")
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    out = rnd.render(doc, random.Random(1))
    kinds, rows = families_16.month_status_rows(doc.fields)
    assert rows[0][2] == "欠缴" and out.box_of("欠缴") is not None
    assert len(rows) == len({p.split("|")[0] for p in doc.fields["payments"].split(";")})
    assert out.image.width > out.image.height and all(out.box_of(k) for k in kinds)
