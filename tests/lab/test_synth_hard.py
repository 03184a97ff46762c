"""Hard cases of the synthetic windows: hard capture conditions, look-alike faults, rare names."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from lab.synth import capture as cap
from lab.synth import faults as flt
from lab.synth import generate_window
from lab.synth.people import (
    DIGIT_LOOKALIKE,
    LOOKALIKE,
    RARE_GIVEN,
    RARE_SURNAMES,
    VARIANTS,
    make_person,
)
from lab.synth.render import Doc, render, stamp_over, stamp_targets
from lab.synth.window import Plan, clean_docs, clean_form, plan_applicant, slots_for
from stages.idnumber import is_valid

REF = date(2026, 1, 31)
OPENS = date(2026, 1, 5)


def _plan(kind: str, seed: int = 3) -> Plan:
    """A clean plan whose applicant can carry `kind` (a 本科 试用期 applicant in 天津)."""
    rng = random.Random(seed)
    person = make_person(rng, REF, variant="bk_probation", **flt.PERSON_HINTS.get(kind, {}))  # type: ignore[arg-type]
    form = clean_form("2026120000001", person, "天津市")
    return Plan(
        1,
        "2026120000001",
        person,
        form,
        clean_docs(person, REF, rng),
        REF,
        slots=slots_for(form, "天津市"),
    )


# --------------------------------------------------------------------------------------------
# Capture conditions


@pytest.fixture(scope="module")
def probation() -> tuple[Doc, Any]:
    doc = _plan("probation_name_mismatch").docs["probation_cert"]
    return doc, render(doc, random.Random(4))


def _shoot(rendered: Any, hard: tuple[str, ...]) -> cap.Shot:
    return cap.capture(
        rendered,
        random.Random(11),
        np.random.default_rng(11),
        hard=hard,
        hrng=random.Random(12),
    )


@pytest.fixture(scope="module")
def plain_shot(probation: tuple[Doc, Any]) -> cap.Shot:
    return _shoot(probation[1], ())


@pytest.mark.parametrize("cond", [c for c in cap.HARD_CONDITIONS if c != "stamp"])
def test_each_capture_condition_changes_the_capture_and_says_so(
    cond: str, probation: tuple[Doc, Any], plain_shot: cap.Shot
) -> None:
    doc, rendered = probation
    shot = _shoot(rendered, (cond,))
    assert shot.data != plain_shot.data
    assert cond in shot.hard and not plain_shot.hard
    glyph = shot.scale * rendered.min_glyph
    if cond == "lowres":
        assert 13.5 <= glyph <= 18.5
        assert shot.hard["lowres"]["glyph_px"] == pytest.approx(glyph, abs=0.1)  # type: ignore[index]
        assert glyph < plain_shot.scale * rendered.min_glyph
    else:
        assert glyph >= 18  # only lowres shrinks the text
    if cond == "jpeg_heavy":
        quality = shot.hard["jpeg_heavy"]["quality"]  # type: ignore[index]
        assert 25 <= quality <= 45
        assert len(shot.data) < len(plain_shot.data)
    if cond == "turn_skew":
        assert shot.rotation in (90, 180, 270) and 3 <= abs(shot.skew) <= 8
    if cond in ("glare", "shadow"):
        # same frame, same draws: only the light differs, brighter or darker
        a = np.asarray(shot.image, np.float32).mean()
        b = np.asarray(plain_shot.image, np.float32).mean()
        assert (a > b) if cond == "glare" else (a < b - 2)


def test_plain_capture_is_what_it_was_without_the_hard_arguments(
    probation: tuple[Doc, Any], plain_shot: cap.Shot
) -> None:
    again = cap.capture(probation[1], random.Random(11), np.random.default_rng(11))
    assert again.data == plain_shot.data


@pytest.mark.parametrize("target", ["name", "work_unit"])
def test_stamp_over_a_field_reddens_it_and_keeps_its_text_dark(
    probation: tuple[Doc, Any], target: str
) -> None:
    doc = probation[0]
    rendered = render(doc, random.Random(4))
    assert target in stamp_targets(doc, rendered)
    box = rendered.box_of(doc.fields[target])
    assert box is not None
    x0, y0, x1, y1 = (round(v) for v in box)
    before = np.asarray(rendered.image.crop((x0, y0, x1, y1)), np.int16)
    where = stamp_over(doc, rendered, target, random.Random(2))
    after = np.asarray(rendered.image.crop((x0, y0, x1, y1)), np.int16)
    assert where["radius"] > 100
    red = (after[..., 0] - after[..., 1] > 60) & (before[..., 0] - before[..., 1] < 20)
    assert red.mean() > 0.02  # part of the field is under the seal
    ink = before.max(axis=2) < 90
    assert ink.any() and (after.max(axis=2)[ink] < 130).mean() > 0.95  # text stays dark


# --------------------------------------------------------------------------------------------
# Windows


@pytest.fixture(scope="module")
def hard_window(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("hard") / "win"
    truth = generate_window(out, 3, 31, fault_rate=0.0, hard=0.67)
    return out, [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def test_hard_applicants_and_uploads_are_marked(hard_window: tuple[Path, list[dict]]) -> None:
    out, truth = hard_window
    assert [t["hard"] for t in truth].count(True) == 2
    for t in truth:
        for u in t["uploads"]:
            conds = u["hard"]
            pictured = u["kind"] == "jpeg" and u["slot"] != "photo" and "reused_from" not in u
            if not t["hard"] or not pictured:
                assert conds == [] and "hard_detail" not in u
                continue
            assert 1 <= len(conds) <= 3 and set(conds) <= set(cap.HARD_CONDITIONS)
            assert conds == sorted(conds, key=cap.HARD_CONDITIONS.index)
            assert set(u["hard_detail"]) == set(conds)
            if "lowres" in conds:
                assert 13.5 <= u["glyph_px"] <= 18.5
            if "turn_skew" in conds:
                assert u["rotation"] in (90, 180, 270) and 3 <= abs(u["skew"]) <= 8
            if "stamp" in conds:
                assert u["hard_detail"]["stamp"]["field"] in u["fields"]
            with Image.open(out / u["file"]) as img:
                assert img.format == "JPEG"


def test_hard_window_is_reproducible(hard_window: tuple[Path, list[dict]], tmp_path: Path) -> None:
    out, truth = hard_window
    again = generate_window(tmp_path / "win", 3, 31, fault_rate=0.0, hard=0.67)
    assert _digest(tmp_path / "win") == _digest(out)
    assert [json.loads(line) for line in again.read_text(encoding="utf-8").splitlines()] == truth


def test_no_hard_share_no_hard_entries(tmp_path: Path) -> None:
    truth = generate_window(tmp_path / "w", 2, 31, fault_rate=1.0)
    for line in truth.read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        assert t["hard"] is False
        assert t["fault"] is None or t["fault"]["kind"] not in flt.LOOKALIKE_KINDS
        assert all(u["hard"] == [] and "hard_detail" not in u for u in t["uploads"])


def test_hard_applicants_are_chosen_apart_from_faults() -> None:
    """The same applicants are hard whatever the fault rate, and vice versa."""
    kinds = []
    for hard in (0.0, 0.5):
        rng = random.Random("certcheck-synth/5/天津市")
        kinds.append(
            flt.assign(40, 0.5, rng, None, (), kinds=flt.FAULT_KINDS if hard else flt.BASE_KINDS)
        )
    assert [k is None for k in kinds[0]] == [k is None for k in kinds[1]]
    assert not set(flt.LOOKALIKE_KINDS) & set(kinds[0])


def test_rare_names_for_about_a_third_of_hard_applicants() -> None:
    rare = set(RARE_SURNAMES) | set(RARE_GIVEN)
    hits = 0
    n = 60
    for i in range(n):
        plan, _ = plan_applicant(
            i, f"20261200000{i:02d}", 8, REF, "天津市", None, opens=OPENS, hard=True
        )
        hits += any(c in rare for c in plan.person.name)
    assert 0.18 <= hits / n <= 0.45


# --------------------------------------------------------------------------------------------
# Look-alike faults


@pytest.mark.parametrize(
    ("kind", "slot"),
    [
        ("id_name_lookalike", "id_front"),
        ("diploma_name_lookalike", "diploma"),
        ("probation_name_lookalike", "probation_cert"),
    ],
)
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_name_lookalike_differs_by_one_table_character(kind: str, slot: str, seed: int) -> None:
    plan = _plan(kind, seed)
    form_name = plan.form["name"]
    fault = flt.FAULTS[kind](plan, random.Random(seed))
    assert fault.expect == ((slot, "name"),)
    printed = plan.docs[slot].fields["name"]
    assert len(printed) == len(form_name)
    diff = [(a, b) for a, b in zip(form_name, printed, strict=True) if a != b]
    assert len(diff) == 1
    a, b = diff[0]
    assert b in LOOKALIKE[a] and a in LOOKALIKE[b]
    # the other documents still print the form's name
    assert all(
        d.fields.get("name", form_name) == form_name for s, d in plan.docs.items() if s != slot
    )


@pytest.mark.parametrize("seed", range(1, 9))
def test_id_number_lookalike_passes_the_checksum(seed: int) -> None:
    plan = _plan("id_number_lookalike", seed)
    form_id = plan.form["id_number"]
    fault = flt.FAULTS["id_number_lookalike"](plan, random.Random(seed))
    assert fault.expect == (("probation_cert", "id_number"),)
    printed = plan.docs["probation_cert"].fields["id_number"]
    assert is_valid(printed, REF) and printed != form_id
    assert printed[6:14] == form_id[6:14]  # the birth date is never touched
    diff = [(a, b) for a, b in zip(form_id, printed, strict=True) if a != b]
    assert 2 <= len(diff) <= 4
    assert all(b in DIGIT_LOOKALIKE[a] for a, b in diff)


def test_confusion_table_is_symmetric_and_large() -> None:
    pairs = {tuple(sorted((a, b))) for a, bs in LOOKALIKE.items() for b in bs}
    assert len(pairs) >= 40
    assert all(a in LOOKALIKE[b] for a, bs in LOOKALIKE.items() for b in bs)
    assert all(a in DIGIT_LOOKALIKE[b] for a, bs in DIGIT_LOOKALIKE.items() for b in bs)


def test_lookalike_kinds_need_what_they_change() -> None:
    v = VARIANTS["bk_probation"]
    few = ("id_front", "id_back", "photo", "pledge")
    assert flt.feasible("id_name_lookalike", v, few, 1)
    for kind in ("diploma_name_lookalike", "probation_name_lookalike", "id_number_lookalike"):
        assert not flt.feasible(kind, v, few, 1)
