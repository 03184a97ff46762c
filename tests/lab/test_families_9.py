"""The ninth layout family per material (lab/synth/families_9.py), held out until the report of
seed 20261146 and looked at since: what is particular to each (the shared checks, every
compared value printed for two people, and that tuned windows draw them, are
test_family_layouts'), and the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber

from lab.synth import families, families_9
from lab.synth import render as rnd
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_9.HELD_OUT]


def test_duplicate_diploma_names_the_lost_certificate_and_a_later_date() -> None:
    doc = doc_for("diploma", "duplicate")
    out = rnd.render(doc, random.Random(1))
    assert out.box_of("毕业证明书") is not None and out.box_of("毕业证书") is not None
    issued = families_9.reissued_on(doc.fields)
    assert issued > doc.fields["issue_date"] and issued < "2026-01-01"
    assert out.box_of(rnd.cn_date(rnd.iso(issued))) is not None


def test_rights_record_lists_each_insurance_with_its_owed_months() -> None:
    doc = doc_for("social_insurance", "rights", 8)
    first = doc.fields["payments"].split(";")[0].split("|")
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    rows = families_9.rights_rows(doc.fields)
    kinds = {p.split("|")[1] for p in doc.fields["payments"].split(";")}
    assert {r[0] for r in rows} == kinds
    owed = [r for r in rows if r[0] == first[1]][0]
    assert owed[3] == first[0] and all(r[3] == "—" for r in rows if r[0] != first[1])
    out = rnd.render(doc, random.Random(1))
    for row in rows:
        assert all(out.box_of(c) is not None for c in row), row


def test_sealed_licence_copy_is_grey_but_for_the_units_seal_and_note() -> None:
    out = rnd.render(doc_for("licence", "sealedcopy"), random.Random(1))
    a = np.asarray(out.image).astype(int)
    note = out.box_of("此件仅供医师资格考试报名使用")
    assert note is not None
    copied, over = a[: int(note[1]) - 80], a[int(note[1]) - 80 :]
    red = lambda x: ((x[..., 0] > 150) & (x[..., 1] < 110) & (x[..., 2] < 110)).sum()  # noqa: E731
    assert red(copied) < 50 and red(over) > 1200


def test_spread_shows_the_fold_between_its_two_pages() -> None:
    out = rnd.render(doc_for("assistant_qualification", "spread"), random.Random(1))
    g = np.asarray(out.image.convert("L")).astype(float)
    w = g.shape[1]
    assert g[200:1000, w // 2 - 3 : w // 2 + 3].mean() < g[200:1000, w // 2 + 60 :].mean() - 60
    assert out.box_of("医师资格证书")[0] > w / 2  # type: ignore[index]


def test_degree_screenshot_has_a_phone_status_bar_and_nav_bar() -> None:
    out = rnd.render(doc_for("degree", "screenshot"), random.Random(1))
    assert out.box_of("学位证书查询结果") is not None
    clock = [r for r in out.texts if ":" in r.text and len(r.text) <= 5]
    assert clock and clock[0].y < 200


def test_pdfs_build() -> None:
    """The record and the 社保 record download as PDFs with a text layer, under 200 KB."""
    for material, keys in (
        ("diploma_record", ("name", "id_number", "school", "diploma_number",
                            "verification_code", "record_level", "title")),
        ("social_insurance", ("name", "id_number", "work_unit", "agency")),
    ):  # fmt: skip
        doc = doc_for(material, dict(OURS)[material])
        build = families.pdf_builder(material, dict(OURS)[material])
        assert build is not None and build.__module__ == families_9.__name__
        data = build(doc.fields)
        assert data.startswith(b"%PDF-") and len(data) < 200_000
        assert build(dict(doc.fields)) == data
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1
            text = pdf.pages[0].extract_text()
        for key in keys:
            assert doc.fields[key] in text, (material, key)
