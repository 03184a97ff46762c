"""The seventh layout family per material (lab/synth/families_7.py), held out until the report
of seed 20261144 and looked at since: what is particular to each (the shared checks are
test_family_layouts'), the PDFs build, and tuned windows draw them."""

from __future__ import annotations

import io
import random

import pdfplumber
import pytest

from lab.synth import families, families_7
from lab.synth import render as rnd
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_7.HELD_OUT]


def test_the_other_person_is_printed_beside_the_applicant() -> None:
    """The teacher (mentorship) and the tutor (probation) are other people: their name and
    ID are printed, differ from the applicant's, and are the same on every rendering."""
    for material, family, salt in (("mentorship_cert", "mentor", "mentor"),
                                   ("probation_cert", "tutor", "tutor")):  # fmt: skip
        doc = doc_for(material, family)
        name, number = families_7.other_person(salt, doc.fields["id_number"])
        assert (name, number) == families_7.other_person(salt, doc.fields["id_number"])
        assert number != doc.fields["id_number"] and len(number) == 18
        out = rnd.render(doc, random.Random(4))
        t_name, t_id = families_7.other_person(
            salt, doc.fields["id_number"], (18, 35) if salt == "mentor" else (10, 25)
        )
        assert out.box_of(t_id) is not None and out.box_of(t_name) is not None
        assert t_name != doc.fields["name"] and t_id != doc.fields["id_number"]


def test_change_page_prints_the_old_and_the_current_unit() -> None:
    doc = doc_for("assistant_practice", "change")
    old = families_7.previous_unit(doc.fields)
    assert old != doc.fields["work_unit"]
    out = rnd.render(doc, random.Random(1))
    assert out.box_of(old) is not None and out.box_of(doc.fields["work_unit"]) is not None
    assert out.box_of("现执业地点") is not None
    assert families_7.change_date(doc.fields) > doc.fields["registration_date"]


def test_annual_rows_follow_the_period_and_its_result() -> None:
    doc = doc_for("practice_period_cert", "annual")
    rows = families_7.annual_rows(doc.fields)
    start, end = doc.fields["period_start"][:4], doc.fields["period_end"][:4]
    assert rows[0][0] == f"{start}年度" and len(rows) == max(1, int(end) - int(start))
    assert {r for _, r in rows} <= {"合格", "优秀"}
    failed = families_7.annual_rows({**doc.fields, "result": "不合格"})
    assert failed[-1][1] == "不合格"
    out = rnd.render(doc, random.Random(1))
    assert all(out.box_of(year) is not None for year, _ in rows)


def test_cards_show_every_payment_and_the_summary() -> None:
    doc = doc_for("social_insurance", "cards", 8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    months = families_7.si_card_months(doc.fields)
    assert sum(len(r) for _, r in months) == len(doc.fields["payments"].split(";"))
    assert months[0][1][0][2] == "欠费"
    summary = families_7.si_card_summary(doc.fields)
    assert summary == f"共{len(months)}个月，全部险种已缴费{len(months) - 1}个月。"
    out = rnd.render(doc, random.Random(1))
    assert out.box_of(summary) is not None
    for month, _ in months:
        assert out.box_of(month) is not None


def test_licence_checks_a_hospital_every_three_years_a_smaller_one_yearly() -> None:
    doc = doc_for("licence", "checks", valid_from="2019-05-01", valid_until="2024-04-30")
    assert doc.fields["work_unit"].endswith("医院")
    assert families_7.check_years(doc.fields) == [2022]
    small = {**doc.fields, "work_unit": "天津市东丽区华明街社区卫生服务中心"}
    assert families_7.check_years(small) == [2020, 2021, 2022, 2023]
    doc.fields.update(small)
    out = rnd.render(doc, random.Random(1))
    for year in families_7.check_years(small):
        assert out.box_of(f"{year}年度") is not None


@pytest.mark.parametrize(
    ("material", "keys"),
    [
        ("diploma_record", ("name", "id_number", "school", "diploma_number",
                            "verification_code", "title", "record_level")),
        ("social_insurance", ("name", "id_number", "work_unit", "agency")),
    ],
)  # fmt: skip
def test_pdf_has_a_text_layer(material: str, keys: tuple[str, ...]) -> None:
    doc = doc_for(material, dict(OURS)[material])
    build = families.pdf_builder(material, dict(OURS)[material])
    assert build is not None and build.__module__ == families_7.__name__
    data = build(doc.fields)
    assert data.startswith(b"%PDF-") and len(data) < 200_000 and build(dict(doc.fields)) == data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text()
    for key in keys:
        assert doc.fields[key] in text, key
