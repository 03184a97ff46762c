"""The eleventh layout family per material (lab/synth/families_11.py), held out until the
report of seed 20261148 and looked at since: what is particular to each (the shared checks,
every compared value printed for two people, the title and the seals, and that tuned windows
draw them, are test_family_layouts'), and that the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber

from lab.synth import families, families_11
from lab.synth import render as rnd
from lab.synth.families_work import fmt_date
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_11.HELD_OUT]


def test_pledge_writes_the_id_number_into_eighteen_boxes() -> None:
    doc = doc_for("pledge", "boxes")
    out = rnd.render(doc, random.Random(1))
    runs = [r for r in out.texts if r.text == doc.fields["id_number"]]
    assert len(runs) == 1 and runs[0].spacing > 0 and runs[0].kind == "kai"


def test_degree_stands_on_a_line_of_its_own() -> None:
    doc = doc_for("degree", "pattern")
    out = rnd.render(doc, random.Random(1))
    field = "理学" if "护理" in doc.fields["major"] else "医学"
    alone = [r for r in out.texts if r.text == f"{field}{doc.fields['degree_level']}学位"]
    assert len(alone) == 1
    sentence = [r for r in out.texts if r.text.endswith("授予")]
    assert sentence and sentence[0].y < alone[0].y


def test_record_values_end_at_one_right_edge_after_dotted_leaders() -> None:
    doc = doc_for("diploma_record", "leaders")
    out = rnd.render(doc, random.Random(1))
    rows = families_11.record_rows(doc.fields)
    ends = set()
    for _label, value in rows:
        box = out.box_of(value)
        assert box is not None, value
        ends.add(round(box[2]))
    assert max(ends) - min(ends) <= 2


def test_halves_list_every_payment_row_and_mark_unpaid_months() -> None:
    doc = doc_for("social_insurance", "halves", 8)
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    rows = families_11.halves_rows(doc.fields)
    assert len(rows) == len(doc.fields["payments"].split(";"))
    assert [r[3] for r in rows].count("未缴") == 1
    out = rnd.render(doc, random.Random(1))
    assert sum(1 for r in out.texts if r.text == "未缴") == 1
    assert sum(1 for r in out.texts if r.text == "年月") == 2  # the header, once per half


def test_roster_prints_the_period_over_two_lines_in_its_cell() -> None:
    doc = doc_for("practice_period_cert", "roster")
    out = rnd.render(doc, random.Random(1))
    start = out.box_of(fmt_date(doc.fields["period_start"], "cn") + "至")
    end = out.box_of(fmt_date(doc.fields["period_end"], "cn"))
    assert start is not None and end is not None and end[1] > start[3]
    assert out.box_of("（以下空白）") is not None


def test_pdfs_build() -> None:
    """The 备案表 downloads as a PDF with a text layer; the 社保 list is a scan without one;
    both under 200 KB and the same for the same fields."""
    for material, keys in (
        ("diploma_record", ("name", "id_number", "school", "verification_code", "diploma_number")),
        ("social_insurance", ()),
    ):
        family = dict(OURS)[material]
        doc = doc_for(material, family)
        build = families.pdf_builder(material, family)
        assert build is not None and build.__module__ == families_11.__name__
        data = build(doc.fields)
        assert data.startswith(b"%PDF-") and len(data) < 200_000
        assert build(dict(doc.fields)) == data
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1
            text = pdf.pages[0].extract_text() or ""
            if not keys:
                assert not text.strip() and pdf.pages[0].images
        for key in keys:
            assert doc.fields[key] in text, (material, key)


def test_grid_gives_a_long_name_room_instead_of_printing_it_under_the_next_cell() -> None:
    # a nine-character minority name ran under the shaded 性别 label cell (a tuning window:
    # 努尔古丽·艾尼瓦 read, 尔 hidden): no shaded cell inside the name's box
    name = "努尔古丽·艾尼瓦尔"
    out = rnd.render(doc_for("probation_cert", "grid", 3, name=name), random.Random(3))
    box = out.box_of(name)
    assert box is not None and out.box_of("性别") is not None
    x0, y0, x1, y1 = (round(v) for v in box)
    inside = np.asarray(out.image.convert("RGB"))[y0:y1, x0:x1].reshape(-1, 3)
    shade = np.array(families_11.SHADE)
    shaded = (np.abs(inside.astype(int) - shade).max(axis=1) <= 2).mean()
    assert shaded < 0.05  # glyph edges pass through the shade's grey; a shaded cell fills it
