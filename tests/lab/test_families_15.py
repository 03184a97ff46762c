"""The fifteenth layout family per material (lab/synth/families_15.py), held out until the
thirteenth report (seed 20261152) and looked at since: what is particular to each (the shared
checks, every compared value printed for two people, the title and the seals, are
test_family_layouts') and that the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber

from lab.synth import families, families_15
from lab.synth import render as rnd
from lab.synth.families_6 import BLUE_BLACK
from lab.synth.families_7 import NAVY
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_15.HELD_OUT]


def _red(a: np.ndarray) -> int:
    return int(((a[..., 0] > 150) & (a[..., 1] < 110) & (a[..., 2] < 110)).sum())


def _run(out: rnd.Rendered, text: str) -> rnd.TextRun:
    return next(r for r in out.texts if r.text == text)


def test_the_crest_diploma_dates_its_issue_in_chinese_numerals() -> None:
    doc = doc_for("diploma", "crest")
    out = rnd.render(doc, random.Random(1))
    assert out.image.width > out.image.height
    assert out.box_of(fmt_date(doc.fields["issue_date"], "hanzi")) is not None
    g = rnd.iso(doc.fields["graduation"] + "-01")
    assert out.box_of(f"{g.year}年{g.month}月") is not None


def test_the_statute_degree_cites_the_regulations_and_is_signed_by_hand() -> None:
    doc = doc_for("degree", "statute", 8)
    out = rnd.render(doc, random.Random(1))
    assert out.box_of("《中华人民共和国学位条例》") is not None
    assert out.box_of(f"{doc.fields['degree_level']}学位证书") is not None
    assert out.image.width > out.image.height and out.box_of("学生" + doc.fields["name"])
    assert _run(out, "证书编号").x < 300  # the number under the photo on the left
    a = np.asarray(out.image)[..., :3].astype(int)
    assert ((a[..., 2] > a[..., 0] + 25) & (a[..., 0] < 60)).sum() > 150  # the signatures


def test_the_grey_record_has_no_colour_and_starts_with_the_number() -> None:
    doc = doc_for("diploma_record", "greyprint")
    out = rnd.render(doc, random.Random(1))
    a = np.asarray(out.image)[..., :3].astype(int)
    assert (a.max(axis=2) - a.min(axis=2)).max() == 0  # a black-and-white print
    labels = [label for label, _ in families_15.record_grid_rows(doc.fields)]
    assert labels[0] == "证书编号" and labels.index("学校名称") < labels.index("姓名")
    number, name = _run(out, doc.fields["diploma_number"]), _run(out, doc.fields["name"])
    assert number.y < name.y


def test_the_mentorship_number_is_red_under_the_band() -> None:
    doc = doc_for("mentorship_cert", "logoband")
    out = rnd.render(doc, random.Random(1))
    run = _run(out, f"No. {doc.fields['cert_number']}")
    assert 190 < run.y < _run(out, doc.fields["name"]).y


def test_the_pledge_receipt_repeats_name_and_id_under_the_cut_and_is_signed_twice() -> None:
    doc = doc_for("pledge", "receipt")
    out = rnd.render(doc, random.Random(1))
    cut = _run(out, "（沿此线剪下）").y
    below = [r for r in out.texts if r.y > cut]
    for value in (doc.fields["name"], doc.fields["id_number"]):
        assert any(r.text == value for r in below), value
    signed = [r for r in out.texts if r.text == doc.fields["name"] and r.kind == "kai"]
    assert len(signed) == 2 and signed[0].y < cut < signed[1].y
    a = np.asarray(out.image)[..., :3].astype(int)
    assert (np.abs(a - np.array(BLUE_BLACK)).sum(axis=2) < 40).sum() > 300


def test_the_bilingual_probation_prints_english_sub_labels_and_iso_period() -> None:
    doc = doc_for("probation_cert", "bilingual")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    assert out.box_of(f"{f['period_start']}至{f['period_end']}") is not None
    for en in ("Name", "ID No.", "Employer", "Probation Period", "Result"):
        assert out.box_of(en) is not None, en
    band = np.asarray(out.image)[..., :3].astype(int)[70:170, 300:1000]
    assert (np.abs(band - np.array(NAVY)).sum(axis=2) < 30).mean() > 0.5


def test_the_slip_right_aligns_its_labels_and_boxes_the_result() -> None:
    doc = doc_for("practice_period_cert", "slip", result="不合格")
    out = rnd.render(doc, random.Random(1))
    ends = []
    for label in ("医师姓名：", "身份证件号：", "所在单位：", "考核周期："):
        run = _run(out, label)
        ends.append(run.x + rnd.font(run.kind, run.size).getlength(label))
    assert max(ends) - min(ends) < 2
    assert _run(out, "不合格").size >= 48


def test_the_hanzi_licence_prints_its_period_in_chinese_numerals() -> None:
    doc = doc_for("licence", "hanzi")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    period = f"自{fmt_date(f['valid_from'], 'hanzi')}至{fmt_date(f['valid_until'], 'hanzi')}"
    assert out.box_of(period) is not None
    for style in ("cn", "pad", "dot"):  # in Chinese numerals only
        assert out.box_of(fmt_date(f["valid_from"], style)) is None, style


def test_the_month_list_marks_a_month_owed_and_counts_the_months() -> None:
    doc = doc_for("social_insurance", "months", 8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    rows = families_15.months_rows(doc.fields)
    months = {p.split("|")[0] for p in doc.fields["payments"].split(";")}
    assert len(rows) == len(months)
    assert [r[-1] for r in rows].count("欠费") == 1 and "0.00" in rows[0]
    out = rnd.render(doc, random.Random(1))
    assert out.box_of(f"共{len(rows)}个月，足额到账{len(rows) - 1}个月") is not None
    assert sum(1 for r in out.texts if r.text == "欠费") == 1


def test_the_landscape_qualification_right_aligns_its_labels() -> None:
    out = rnd.render(doc_for("assistant_qualification", "landscape"), random.Random(1))
    assert out.image.width > out.image.height
    ends = []
    for label in ("姓　　名：", "身份证件号码：", "证书编码："):
        run = _run(out, label)
        ends.append(run.x + rnd.font(run.kind, run.size).getlength(label))
    assert max(ends) - min(ends) < 2


def test_the_guilloche_practice_page_has_a_green_ground_and_values_under_labels() -> None:
    doc = doc_for("assistant_practice", "guilloche")
    out = rnd.render(doc, random.Random(1))
    a = np.asarray(out.image)[..., :3].astype(int)
    assert ((a[..., 1] > a[..., 0] + 8) & (a[..., 1] > 180)).sum() > 20_000  # the 底纹
    for label, key in (("身份证号", "id_number"), ("执业地点", "work_unit")):
        lab, value = _run(out, label), _run(out, doc.fields[key])
        assert abs(lab.x - value.x) < 2 and 0 < value.y - lab.y < 80, label


def test_pdfs_build() -> None:
    """The 备案表 comes as a grey scan without a text layer; the 缴费明细 as a born-digital PDF
    with one; both under 200 KB and the same for the same fields."""
    for material, keys in (
        ("diploma_record", ()),
        ("social_insurance", ("name", "id_number", "work_unit")),
    ):
        family = dict(OURS)[material]
        doc = doc_for(material, family)
        build = families.pdf_builder(material, family)
        assert build is not None and build.__module__ == families_15.__name__
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
            first = families_15.months_rows(doc.fields)[0]
            assert first[0] in text and first[-1] in text
