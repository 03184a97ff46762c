"""The tenth layout family per material (lab/synth/families_10.py), held out: what is particular
to each (the shared checks, every compared value printed for two people, are
test_family_layouts'), the PDFs build, and a held-out window draws only held-out families
(generated only, never run)."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import numpy as np
import pdfplumber
import pytest

from lab.synth import families, families_10
from lab.synth import render as rnd
from lab.synth.families_work import SHORT
from lab.synth.window import generate_window
from tests.lab.test_families_more import COMPARED, doc_for

OURS = [(t[0], t[1]) for t in families_10.HELD_OUT]


def _red(a: np.ndarray) -> int:
    return int(((a[..., 0] > 150) & (a[..., 1] < 110) & (a[..., 2] < 110)).sum())


def test_one_held_out_family_per_material_named_apart_from_the_earlier_ones() -> None:
    assert sorted(m for m, _ in OURS) == sorted(COMPARED)
    for material, name in OURS:
        fam = families.FAMILIES[material][name]
        assert fam.held_out and fam.note and (material, name) not in families.LOOKED_AT
        assert fam.render is not None and fam.render.__module__ == families_10.__name__
        assert name in families.choices(material, "held-out")
        assert name not in families.choices(material, "tuned")


@pytest.mark.parametrize(("material", "family"), OURS)
def test_every_compared_value_is_printed_for_two_people(material: str, family: str) -> None:
    for seed in (3, 8):
        doc = doc_for(material, family, seed)
        out = rnd.render(doc, random.Random(seed))
        assert out.doc_type == material
        for field, forms in COMPARED[material].items():
            assert any(out.box_of(s) for s in forms(doc.fields)), (field, forms(doc.fields))


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


def test_a_held_out_window_draws_only_held_out_families(tmp_path: Path) -> None:
    truth = generate_window(tmp_path / "w", 5, 20, fault_rate=0.0, families="held-out")
    seen = 0
    for line in truth.read_text(encoding="utf-8").splitlines():
        for u in json.loads(line)["uploads"]:
            material = u.get("doc_type")
            fam = (u.get("fields") or {}).get("family")
            if material in families.NATIONAL or not fam:
                continue
            assert families.FAMILIES[material][fam].held_out, (material, fam)
            seen += (material, fam) in OURS
    assert seen > 0
