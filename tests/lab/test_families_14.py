"""The fourteenth layout family per material (lab/synth/families_14.py), held out until the
twelfth report (seed 20261151) and looked at since: what is particular to each (the shared
checks, every compared value printed for two people, the title and the seals, are
test_family_layouts') and that the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber

from lab.synth import families, families_14
from lab.synth import render as rnd
from lab.synth.families_6 import BLUE_BLACK
from lab.synth.families_7 import DARK_RED
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_14.HELD_OUT]


def _red(a: np.ndarray) -> int:
    return int(((a[..., 0] > 150) & (a[..., 1] < 110) & (a[..., 2] < 110)).sum())


def _under(out: rnd.Rendered, label: str, value: str) -> bool:
    """`value` printed below `label`, starting at the same x (a value under its label)."""
    lab = next(r for r in out.texts if r.text == label)
    return any(r.text == value and abs(r.x - lab.x) < 2 and 0 < r.y - lab.y < 80 for r in out.texts)


def test_the_graduate_diploma_is_signed_by_hand_not_printed() -> None:
    doc = doc_for("diploma", "graduate", education_level="研究生")
    out = rnd.render(doc, random.Random(1))
    assert out.box_of("研究生毕业证书") is not None
    assert out.box_of(doc.fields["principal"]) is None  # the president signs, no printed name
    assert out.box_of(fmt_date(doc.fields["issue_date"], "pad")) is not None
    a = np.asarray(out.image)[..., :3].astype(int)
    assert ((a[..., 2] > a[..., 0] + 25) & (a[..., 0] < 60)).sum() > 150  # the signature's ink


def test_the_degree_strip_holds_unit_number_and_date() -> None:
    doc = doc_for("degree", "footstrip", 8)
    out = rnd.render(doc, random.Random(1))
    values = (doc.fields["school"], doc.fields["degree_number"],
              fmt_date(doc.fields["issue_date"], "pad"))  # fmt: skip
    for label, value in zip(families_14.STRIP_LABELS, values, strict=True):
        lab = next(r for r in out.texts if r.text == label)
        assert any(r.text == value and abs(r.y - lab.y) < 6 for r in out.texts), label


def test_the_record_stacks_every_value_under_its_label() -> None:
    doc = doc_for("diploma_record", "stacks")
    out = rnd.render(doc, random.Random(1))
    left, right = families_14.record_stacks(doc.fields)
    for label, value in (*left, *right):
        assert _under(out, label, value), label


def test_the_mentorship_card_is_copied_front_above_back_in_grey() -> None:
    doc = doc_for("mentorship_cert", "twosides")
    out = rnd.render(doc, random.Random(1))
    a = np.asarray(out.image.convert("L"))
    assert np.percentile(a, 99) < 245  # a copier's grey
    h = out.image.height
    name = next(r for r in out.texts if r.text == doc.fields["name"])
    major = next(r for r in out.texts if r.text == doc.fields["major"])
    assert name.y < h / 2 < major.y


def test_the_system_pledge_is_signed_beside_its_label_and_has_a_footer() -> None:
    doc = doc_for("pledge", "system")
    out = rnd.render(doc, random.Random(1))
    sign = next(r for r in out.texts if r.text == "考生签字：")
    assert any(r.text == doc.fields["name"] and abs(r.y - sign.y) < 10 for r in out.texts)
    assert out.box_of("第1页 共1页") is not None and out.box_of("打印时间") is not None
    a = np.asarray(out.image)[..., :3].astype(int)
    assert (np.abs(a - np.array(BLUE_BLACK)).sum(axis=2) < 40).sum() > 300


def test_the_probation_stack_prints_each_value_under_its_label() -> None:
    doc = doc_for("probation_cert", "stack")
    out = rnd.render(doc, random.Random(1))
    f = doc.fields
    period = f"{fmt_date(f['period_start'], 'pad')}至{fmt_date(f['period_end'], 'pad')}"
    for label, value in (("姓名", f["name"]), ("公民身份号码", f["id_number"]),
                         ("试用单位", f["work_unit"]), ("试用期限", period),
                         ("考核等级", f["result"])):  # fmt: skip
        assert _under(out, label, value), label


def test_the_practice_period_form_is_sealed_by_unit_and_authority() -> None:
    assert families_14.authority_of("天津市东丽医院") == "天津市卫生健康委员会"
    doc = doc_for("practice_period_cert", "twoseals")
    out = rnd.render(doc, random.Random(1))
    authority = families_14.authority_of(doc.fields["work_unit"])
    assert out.box_of(authority) is not None
    a = np.asarray(out.image)[..., :3].astype(int)
    for opinion in ("单位意见：", "卫生健康行政部门意见："):
        top = next(r for r in out.texts if r.text == opinion).y
        assert _red(a[int(top) - 50 : int(top) + 280]) > 400, opinion  # its own seal


def test_the_licence_records_its_change_of_head() -> None:
    doc = doc_for("licence", "changes")
    out = rnd.render(doc, random.Random(1))
    ((when, item, old, new),) = families_14.licence_changes_rows(doc.fields)
    assert new == doc.fields["head"] and old != new and item == "主要负责人"
    for cell in (*families_14.CHANGE_HEAD, when, old):
        assert out.box_of(cell) is not None, cell


def test_the_licence_puts_many_subjects_in_more_columns_on_the_page() -> None:
    many = "；".join(f"{k}科" for k in "内外妇儿眼口皮肤精神康复预防急诊麻醉病理检验放射")
    doc = doc_for("licence", "changes", subjects=many)
    out = rnd.render(doc, random.Random(1))
    xs = {round(r.x) for r in out.texts if r.text.endswith("科") and len(r.text) == 2}
    assert len(xs) >= 3
    assert all(0 < r.y < out.image.height for r in out.texts)


def test_the_voucher_lists_every_payment_and_totals_the_months() -> None:
    doc = doc_for("social_insurance", "voucher", 8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    rows = families_14.voucher_rows(doc.fields)
    assert len(rows) == len(doc.fields["payments"].split(";"))
    assert [r[5] for r in rows].count("应缴未缴") == 1 and rows[0][3] == rows[0][4] == "0.00"
    months = len({r[0] for r in rows})
    total = families_14.voucher_total(doc.fields)
    assert total == f"缴费月数合计：{months - 1}个月，欠缴1个月"
    out = rnd.render(doc, random.Random(1))
    assert out.box_of(total) is not None
    assert sum(1 for r in out.texts if r.text == "应缴未缴") == 1


def test_the_qualification_screenshot_has_no_seal_and_an_iso_date() -> None:
    doc = doc_for("assistant_qualification", "screenshot")
    out = rnd.render(doc, random.Random(1))
    assert out.box_of(doc.fields["issue_date"]) is not None
    assert out.box_of("电子证照") is not None
    assert _red(np.asarray(out.image)[..., :3].astype(int)) < 200


def test_the_practice_title_is_white_on_a_dark_red_band() -> None:
    out = rnd.render(doc_for("assistant_practice", "redhead"), random.Random(1))
    a = np.asarray(out.image)[..., :3].astype(int)
    band = a[100:240, 20:200]
    assert (np.abs(band - np.array(DARK_RED)).sum(axis=2) < 30).mean() > 0.9
    title = next(r for r in out.texts if r.text == "医师执业证书")
    assert 90 < title.y < 250


def test_pdfs_build() -> None:
    """The 备案表 comes as a born-digital PDF with a text layer; the 缴费凭证 as a landscape
    scan without one; both under 200 KB and the same for the same fields."""
    for material, keys in (
        ("diploma_record", ("name", "id_number", "school", "diploma_number", "verification_code")),
        ("social_insurance", ()),
    ):
        family = dict(OURS)[material]
        doc = doc_for(material, family)
        build = families.pdf_builder(material, family)
        assert build is not None and build.__module__ == families_14.__name__
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
            assert fmt_date(doc.fields["valid_until"], "pad") in text
