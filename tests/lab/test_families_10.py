"""The tenth layout family per material (lab/synth/families_10.py), held out until the report
of seed 20261147 and looked at since: what is particular to each (the shared checks, every
compared value printed for two people, and that tuned windows draw them, are
test_family_layouts'), and the PDFs build."""

from __future__ import annotations

import io
import random

import numpy as np
import pdfplumber

from lab.synth import families, families_10
from lab.synth import render as rnd
from lab.synth.families_work import SHORT
from tests.lab.test_families_more import doc_for

OURS = [(t[0], t[1]) for t in families_10.HELD_OUT]


def _red(a: np.ndarray) -> int:
    return int(((a[..., 0] > 150) & (a[..., 1] < 110) & (a[..., 2] < 110)).sum())


def test_diploma_prints_its_red_serial_and_the_principals_name_seal() -> None:
    doc = doc_for("diploma", "nameseal")
    out = rnd.render(doc, random.Random(1))
    serial = out.box_of(f"No.{doc.fields['diploma_number']}")
    principal = out.box_of(doc.fields["principal"])
    assert serial is not None and principal is not None
    a = np.asarray(out.image)[..., :3].astype(int)
    x1, y0 = int(principal[2]), int(principal[1])
    beside = a[y0 - 60 : y0 + 60, x1 : x1 + 160]  # the square seal right of the name
    assert _red(beside) > 2000


def test_pad_carries_its_number_on_both_sides_of_the_cut() -> None:
    out = rnd.render(doc_for("practice_period_cert", "pad"), random.Random(1))
    numbers = [r for r in out.texts if r.text.startswith("第") and r.text.endswith("号")]
    assert len({r.text for r in numbers}) == 1 and len(numbers) == 2
    assert out.box_of("（存根）") is not None and out.box_of("骑缝") is not None


def test_probation_period_is_in_chinese_numerals_with_a_qr_to_verify() -> None:
    doc = doc_for("probation_cert", "electronic")
    out = rnd.render(doc, random.Random(1))
    start = rnd.cn_date(rnd.iso(doc.fields["period_start"]))
    assert out.box_of(start) is not None and out.box_of("扫码验证真伪") is not None


def test_words_proof_counts_paid_and_owed_months_per_insurance() -> None:
    doc = doc_for("social_insurance", "words", 8)
    first = doc.fields["payments"].split(";")[0].split("|")
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    lines = families_10.si_sentences(doc.fields)
    kinds = {p.split("|")[1] for p in doc.fields["payments"].split(";")}
    assert len(lines) == len(kinds)
    owed = [s for s in lines if "欠缴1个月" in s]
    assert len(owed) == 1 and owed[0].startswith(SHORT.get(first[1], first[1]))
    out = rnd.render(doc, random.Random(1))
    assert all(out.box_of(s) is not None for s in lines)


def test_pdfs_build() -> None:
    """The 社保 proof downloads as a PDF with a text layer; the record is a scan without
    one; both under 200 KB and the same for the same fields."""
    for material, keys in (
        ("social_insurance", ("name", "id_number", "work_unit", "agency")),
        ("diploma_record", ()),
    ):
        family = dict(OURS)[material]
        doc = doc_for(material, family)
        build = families.pdf_builder(material, family)
        assert build is not None and build.__module__ == families_10.__name__
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
