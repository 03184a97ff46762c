"""The fourth, held-out layout family per material (lab/synth/families_more.py): each renders
for generated people and prints every value its material's checks compare, the PDFs build,
and a held-out window draws only held-out families (generated only, never run)."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from datetime import date

import numpy as np
import pdfplumber

from lab.synth import families, families_5, families_more
from lab.synth import render as rnd
from lab.synth.families_work import fmt_date
from lab.synth.people import make_person
from lab.synth.window import clean_docs

REF = date(2026, 1, 31)
OPENS = date(2026, 1, 5)
OURS = [(t[0], t[1]) for t in families_more.HELD_OUT]
#: the fourth and the fifth families (families_5 shares this module's checks of them)
BOTH = OURS + [(t[0], t[1]) for t in families_5.HELD_OUT]
#: a category whose documents include the material (the rest: asst_zhongzhuan)
WHO = {
    "degree": "yjs_graduated",
    "mentorship_cert": "mentorship",
    "pledge": "yjs_current",
    "probation_cert": "yjs_current",
}
Forms = Callable[[dict[str, str]], tuple[str, ...]]


def _one(key: str) -> Forms:
    return lambda f: (f[key],)


def _date(key: str) -> Forms:
    styles = ("cn", "pad", "dot", "hanzi")
    return lambda f: (*(fmt_date(f[key], s) for s in styles), f[key], families_5.slash(f[key]))


def _month(f: dict[str, str]) -> tuple[str, ...]:
    d = rnd.iso(f["graduation"] + "-01")
    return (f"{d.year}年{d.month}月",)


#: what each material's checks compare (stages/materials/<slot>.py `fields=`), as the strings
#: a layout may print for each: one of them must be printed whole
COMPARED: dict[str, dict[str, Forms]] = {
    "diploma": {
        "name": _one("name"),
        "diploma_number": _one("diploma_number"),
        "school": _one("school"),
        "major": _one("major"),
        "graduation": _month,
    },
    "degree": {
        "name": _one("name"),
        "school": _one("school"),
        "education_level": lambda f: (f"{f['degree_level']}学位",),
    },
    "diploma_record": {
        "name": _one("name"),
        "id_number": _one("id_number"),
        "school": _one("school"),
        "graduation": _date("graduation_date"),
        "diploma_number": _one("diploma_number"),
        "education_level": _one("record_level"),
        "verification_code": _one("verification_code"),
        "validity": _date("valid_until"),
    },
    "mentorship_cert": {"name": _one("name"), "id_number": _one("id_number")},
    "pledge": {"name": _one("name"), "id_number": _one("id_number"), "school": _one("school")},
    "probation_cert": {k: _one(k) for k in ("name", "id_number", "work_unit", "result")}
    | {"start": _date("period_start"), "end": _date("period_end")},
    "practice_period_cert": {k: _one(k) for k in ("name", "id_number", "work_unit", "result")},
    "licence": {
        "title": lambda f: ("医疗机构执业许可证",),
        "work_unit": _one("work_unit"),
        "valid_from": _date("valid_from"),
        "valid_until": _date("valid_until"),
    },
    "social_insurance": {k: _one(k) for k in ("name", "id_number", "work_unit")},
    "assistant_qualification": {
        k: _one(k)
        for k in ("name", "id_number", "qualification_number", "qualification", "qual_category")
    },
    "assistant_practice": {
        **{k: _one(k) for k in ("name", "id_number", "practice_number", "work_unit")},
        "registration_date": _date("registration_date"),
    },
}


def doc_for(material: str, family: str, seed: int = 3, **over: str) -> rnd.Doc:
    rng = random.Random(seed)
    variant = WHO.get(material, "asst_zhongzhuan")
    person = make_person(rng, REF, variant=variant, region="天津市")  # type: ignore[arg-type]
    doc = clean_docs(person, REF, rng, OPENS)[material]
    return rnd.Doc(doc.doc_type, {**doc.fields, **over, "family": family}, doc.look, doc.extra)


def test_ledger_prints_every_payment_row() -> None:
    doc = doc_for("social_insurance", "ledger")
    doc.fields["payments"] = doc.fields["payments"].replace("已缴", "欠缴", 1)
    out = rnd.render(doc, random.Random(1))
    rows = families_more.ledger_rows(doc.fields)
    assert len(rows) == len(doc.fields["payments"].split(";"))
    assert rows[0][3] == "欠缴" and {r[3] for r in rows[1:]} <= {"已实缴", "欠缴"}
    for row in rows:
        assert all(out.box_of(cell) is not None for cell in row), row


def test_seals_and_signature_the_rules_check_are_drawn() -> None:
    """Probation and practice-period proofs carry the unit's red seal; the pledge a
    handwritten signature (dark blue ink where no text is)."""
    for material, family in BOTH:
        a = np.asarray(rnd.render(doc_for(material, family), random.Random(2)).image)
        a = a[..., :3].astype(int)
        if material in ("probation_cert", "practice_period_cert"):
            red = ((a[..., 0] > 150) & (a[..., 1] < 110) & (a[..., 2] < 110)).sum()
            assert red > 2000, (material, family)
        elif material == "pledge":
            ink = ((a[..., 2] > a[..., 0] + 25) & (a[..., 2] > 60) & (a[..., 0] < 60)).sum()
            assert ink > 300, family


def test_record_pdf_has_a_text_layer() -> None:
    doc = doc_for("diploma_record", "grid")
    build = families.pdf_builder("diploma_record", "grid")
    assert build is not None
    data = build(doc.fields)
    assert data.startswith(b"%PDF-") and len(data) < 200_000 and build(doc.fields) == data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = pdf.pages[0].extract_text()
    for key in ("name", "id_number", "school", "diploma_number", "verification_code"):
        assert doc.fields[key] in text, key
    assert fmt_date(doc.fields["valid_until"], "dot") in text
    assert fmt_date(doc.fields["graduation_date"], "dot") in text


def test_social_insurance_pdf_is_a_scan_without_text_layer() -> None:
    doc = doc_for("social_insurance", "ledger")
    build = families.pdf_builder("social_insurance", "ledger")
    assert build is not None
    data = build(doc.fields)
    assert data.startswith(b"%PDF-") and len(data) < 200_000 and build(dict(doc.fields)) == data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        assert page.width > page.height  # landscape
        assert not (page.extract_text() or "").strip()
        assert len(page.images) == 1
