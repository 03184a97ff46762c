"""The education materials' other issuers' layouts (lab/synth/families_edu.py): each family
renders for a generated person and prints every value its material's checks compare."""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from lab.synth import families, families_edu
from lab.synth import render as rnd
from lab.synth.people import make_person
from lab.synth.window import clean_docs, generate_window

REF = date(2026, 1, 31)
OPENS = date(2026, 1, 5)
MATERIALS = ("diploma", "degree", "diploma_record", "mentorship_cert", "pledge")
#: a category whose documents include the material
WHO = {
    "diploma": "asst_zhongzhuan",
    "degree": "yjs_graduated",
    "diploma_record": "asst_zhongzhuan",
    "mentorship_cert": "mentorship",
    "pledge": "yjs_current",
}


def _grad(f: dict[str, str]) -> tuple[str, ...]:
    g = rnd.iso(f["graduation"] + "-01")
    return (f"{g.year}年{g.month}月", families_edu.cn_month(f["graduation"]))


def _record_dates(key: str) -> Callable[[dict[str, str]], tuple[str, ...]]:
    def forms(f: dict[str, str]) -> tuple[str, ...]:
        d = rnd.iso(f[key])
        return (rnd._ymd_pad(f[key]), rnd._ymd(f[key]), f"{d:%Y.%m.%d}", rnd.cn_date(d))

    return forms


def _one(key: str) -> Callable[[dict[str, str]], tuple[str, ...]]:
    return lambda f: (f[key],)


#: what the material's checks compare (stages/materials/<slot>.py `fields=`), as the
#: strings a layout may print for each: any one of them must be printed
COMPARED: dict[str, dict[str, Callable[[dict[str, str]], tuple[str, ...]]]] = {
    "diploma": {
        "name": _one("name"),
        "diploma_number": _one("diploma_number"),
        "school": _one("school"),
        "major": _one("major"),
        "graduation": _grad,
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
        "graduation": _record_dates("graduation_date"),
        "diploma_number": lambda f: (f["diploma_number"], rnd.group4(f["diploma_number"])),
        "education_level": _one("record_level"),
        "verification_code": _one("verification_code"),
        "validity": _record_dates("valid_until"),
    },
    "mentorship_cert": {"name": _one("name"), "id_number": _one("id_number")},
    "pledge": {"name": _one("name"), "id_number": _one("id_number"), "school": _one("school")},
}


def mine() -> list[tuple[str, str]]:
    """(material, family) of every family this module registers."""
    return sorted(
        (doc_type, name)
        for doc_type, table in families.FAMILIES.items()
        for name, fam in table.items()
        if fam.render is not None and fam.render.__module__ == families_edu.__name__
    )


def doc_for(material: str, family: str, seed: int = 3, **over: str) -> rnd.Doc:
    rng = random.Random(seed)
    person = make_person(rng, REF, variant=WHO[material], region="天津市")  # type: ignore[arg-type]
    doc = clean_docs(person, REF, rng, OPENS)[material]
    return rnd.Doc(doc.doc_type, {**doc.fields, **over, "family": family}, doc.look, doc.extra)


def test_every_material_has_a_tuned_and_a_once_held_out_new_family() -> None:
    """The held-out family of each material was reported on (seed 20261139) and looked at:
    it counts as tuned since (families.LOOKED_AT)."""
    got = mine()
    for material in MATERIALS:
        ours = [n for m, n in got if m == material]
        assert len(ours) == 2 and not any(families.FAMILIES[material][n].held_out for n in ours)
        assert sum((material, n) in families.LOOKED_AT for n in ours) == 1, material


@pytest.mark.parametrize(("material", "family"), mine())
@pytest.mark.parametrize("seed", [3, 8])
def test_family_prints_every_compared_value(material: str, family: str, seed: int) -> None:
    doc = doc_for(material, family, seed)
    out = rnd.render(doc, random.Random(seed))
    assert out.doc_type == material and out.min_glyph >= 20
    assert out.image.size in ((1240, 1754), (1754, 1240))
    for field, forms in COMPARED[material].items():
        printed = [s for s in forms(doc.fields) if out.box_of(s) is not None]
        assert printed, (material, family, field, forms(doc.fields))


def _rare_char() -> str:
    """A character Noto has and none of the issuers' typefaces (Kai, Ming, Hei) has."""
    noto = families_edu._cmap("serif") & families_edu._cmap("sans")
    for c in range(0x3400, 0x2A6DF):
        if c in noto and all(c not in families_edu._cmap(k) for k in families_edu.FALLBACK):
            return chr(c)
    raise AssertionError("no such character")


@pytest.mark.parametrize(("material", "family"), mine())
def test_rare_and_minority_names_are_printed_exactly(material: str, family: str) -> None:
    """A name the issuer's typeface lacks a glyph for falls back to Noto, never altered."""
    for name in ("谯婉嵘", "阿依古丽·买买提", "禚赟" + _rare_char()):
        doc = doc_for(material, family, name=name)
        out = rnd.render(doc, random.Random(1))
        runs = [r for r in out.texts if name in r.text]
        assert runs, (material, family, name)
        for run in runs:  # every glyph of the name exists in the face it was drawn in
            assert all(ord(c) in families_edu._cmap(run.kind) for c in name), run


def test_face_falls_back_when_a_glyph_is_missing() -> None:
    assert families_edu.face("kai", "刘悦静") == "kai"
    assert families_edu.face("kai", "刘" + _rare_char()) == "serif"
    assert families_edu.face("hei", "刘" + _rare_char()) == "sans"


def test_tuned_record_pdf_has_a_text_layer() -> None:
    doc = doc_for("diploma_record", "list")
    build = families.pdf_builder("diploma_record", "list")
    assert build is not None
    data = build(doc.fields)
    assert data.startswith(b"%PDF-") and len(data) < 200_000 and build(doc.fields) == data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = pdf.pages[0].extract_text()
    for key in ("name", "id_number", "school", "diploma_number", "verification_code"):
        assert doc.fields[key] in text, key
    assert "在线验证报告有效期至" in text and "层次" in text


def test_held_out_record_pdf_is_a_scan_without_text_layer() -> None:
    doc = doc_for("diploma_record", "scan")
    build = families.pdf_builder("diploma_record", "scan")
    assert build is not None
    data = build(doc.fields)
    assert data.startswith(b"%PDF-") and len(data) < 200_000 and build(doc.fields) == data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        assert not (page.extract_text() or "").strip()
        assert len(page.images) == 1


def _drawn(selection: str) -> dict[str, set[str]]:
    """The families clean documents of several people draw for my materials."""
    seen: dict[str, set[str]] = {m: set() for m in MATERIALS}
    for seed in range(12):
        for material in MATERIALS:
            rng = random.Random(seed)
            person = make_person(rng, REF, variant=WHO[material], region="天津市")  # type: ignore[arg-type]
            doc = clean_docs(person, REF, rng, OPENS, selection)[material]
            seen[material].add(doc.fields["family"])
    return seen


def test_tuned_selection_draws_only_tuned_families() -> None:
    for material, names in _drawn("tuned").items():
        assert names and all(not families.FAMILIES[material][n].held_out for n in names)
        assert names - {"classic"}, material  # the new family is drawn too


def test_window_of_tuned_families_holds_no_held_out_layout(tmp_path: Path) -> None:
    truth = generate_window(tmp_path / "w", 3, 5, fault_rate=0.0, families="tuned")
    for line in truth.read_text(encoding="utf-8").splitlines():
        for u in json.loads(line)["uploads"]:
            if u.get("doc_type") in MATERIALS:
                name = u["fields"]["family"]
                assert not families.FAMILIES[u["doc_type"]][name].held_out


def test_held_out_selection_draws_only_what_the_selection_names() -> None:
    for material, names in _drawn("held-out").items():
        assert names and set(names) <= set(families.choices(material, "held-out")), material


def test_window_of_held_out_families_holds_only_that_selection(tmp_path: Path) -> None:
    """Generated only (the pipeline is never run on held-out layouts while developing)."""
    truth = generate_window(tmp_path / "w", 3, 5, fault_rate=0.0, families="held-out")
    seen = 0
    for line in truth.read_text(encoding="utf-8").splitlines():
        for u in json.loads(line)["uploads"]:
            if u.get("doc_type") in MATERIALS:
                allowed = families.choices(u["doc_type"], "held-out")
                assert u["fields"]["family"] in allowed
                seen += 1
    assert seen > 0
