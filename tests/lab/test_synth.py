"""The synthetic window generator: contract layout, determinism, upload rules, every fault."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import random
import tomllib
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageOps

from lab.synth import FAULT_KINDS, generate_window
from lab.synth import faults as flt
from lab.synth.people import (
    VARIANTS,
    add_years,
    age_at,
    id15,
    make_person,
    org_check,
    wrong_check,
)
from lab.synth.window import (
    SLOT_ORDER,
    Plan,
    clean_docs,
    clean_form,
    form_line,
    slots_for,
    variant_slots,
)
from stages.idnumber import check_char

SLOTS = set(SLOT_ORDER)
REF = date(2026, 1, 31)
N = 4
SEED = 20260123


@pytest.fixture(scope="module")
def window(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[dict]]:
    out = tmp_path_factory.mktemp("synth") / "win"
    truth_path = generate_window(out, N, SEED)
    truth = [json.loads(line) for line in truth_path.read_text(encoding="utf-8").splitlines()]
    return out, truth_path, truth


def digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_contract_layout(window: tuple[Path, Path, list[dict]]) -> None:
    out, truth_path, truth = window
    meta = tomllib.loads((out / "window.toml").read_text(encoding="utf-8"))
    assert meta["region"] == "天津市"
    assert meta["opens"] == date(2026, 1, 5) and meta["closes"] == REF
    assert isinstance(meta["window"], str) and meta["window"]
    lines = (out / "applicants.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == N == len(truth)
    ids = [t["applicant_id"] for t in truth]
    assert len(set(ids)) == N and all(len(i) == 13 and i.isdigit() for i in ids)
    assert {p.name for p in (out / "uploads").iterdir()} <= set(ids)
    for t in truth:
        for u in t["uploads"]:
            path = out / u["file"]
            assert path.is_file()
            parts = Path(u["file"]).parts
            # a 社保 proof may sit under 其他 (seed 004): the truth says so in `folder`
            folder = u.get("folder", u["slot"])
            assert folder == u["slot"] or (folder, u["slot"]) == ("other", "social_insurance")
            assert parts[:3] == ("uploads", t["applicant_id"], folder) and len(parts) == 4
            assert u["slot"] in SLOTS
            assert path.suffix in (".jpg", ".jpeg", ".png", ".pdf")
            assert u["rotation"] in (0, 90, 180, 270)
            assert abs(u["skew"]) <= 5
    # The ground truth sits beside the window, never inside it.
    assert truth_path == out.with_name(out.name + ".truth.jsonl")
    assert not any(p.name.endswith(".truth.jsonl") for p in out.rglob("*"))


def test_form_lines_parse(window: tuple[Path, Path, list[dict]]) -> None:
    out, _, truth = window
    lines = (out / "applicants.jsonl").read_text(encoding="utf-8").splitlines()
    for line, t in zip(lines, truth, strict=True):
        malformed = (t["fault"] or {}).get("kind") == "form_malformed_line"
        if malformed:
            with pytest.raises(json.JSONDecodeError):
                json.loads(line)
            continue
        form = json.loads(line)
        v = VARIANTS[t["variant"]]
        assert form["applicant_id"] == t["applicant_id"]
        assert form["name"] == t["form_name"]
        assert form["id_type"] == "resident_id" and form["duty_status"] == v.duty
        assert form["education"]["level"] == v.level
        assert form["exam"]["level"] == v.exam_level
        assert "\\u" not in line  # ensure_ascii=False


def test_malformed_line_is_cut() -> None:
    plan = _plan("form_malformed_line")
    flt.FAULTS["form_malformed_line"](plan, random.Random(1))
    line = form_line(plan, random.Random(1))
    with pytest.raises(json.JSONDecodeError):
        json.loads(line)
    assert line.startswith('{"applicant_id": "2026120000001"')


def test_clean_uploads_within_rules(window: tuple[Path, Path, list[dict]]) -> None:
    out, _, truth = window
    for t in truth:
        faulty_slot = t["fault"]["slot"] if t["fault"] else None
        slots = {u["slot"] for u in t["uploads"]}
        if not t["fault"] or t["fault"]["kind"] != "missing_slot":
            assert slots == set(t["slots"])
        for u in t["uploads"]:
            if u["slot"] == faulty_slot or u["kind"] == "pdf" or "reused_from" in u:
                continue
            data = (out / u["file"]).read_bytes()
            img = Image.open(io.BytesIO(data))
            if u["slot"] == "photo":
                assert img.format == "JPEG" and img.size == (390, 567)
                assert len(data) <= 40_000
                continue
            assert len(data) <= 200_000
            assert img.format == ("PNG" if u["file"].endswith(".png") else "JPEG")
            assert 1000 <= max(img.size) <= 1600
            assert img.getexif().get(0x0112, 1) == u["exif_orientation"]
            assert img.size == (u["width"], u["height"])  # stored pixels
            # EXIF 6 and 8 turn the stored pixels a quarter for the viewer.
            shown = ImageOps.exif_transpose(img)
            quarter = u["exif_orientation"] in (6, 8)
            assert shown.size == (img.size[::-1] if quarter else img.size)


def test_deterministic(window: tuple[Path, Path, list[dict]], tmp_path: Path) -> None:
    out, truth_path, _ = window
    again = tmp_path / "win"
    truth2 = generate_window(again, N, SEED)
    assert digest(again) == digest(out)
    assert truth2.read_bytes() == truth_path.read_bytes()


def test_refuses_non_empty(tmp_path: Path) -> None:
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "x.txt").write_text("x")
    with pytest.raises(FileExistsError):
        generate_window(tmp_path / "w", 1, 1)


def _plan(kind: str | None, seed: int = 3) -> Plan:
    """A clean plan of an applicant whose category (and region) can carry `kind`."""
    for region in ("天津市", "辽宁省", "北京市"):
        for key, v in VARIANTS.items():
            slots = variant_slots(key, region, REF, date(2026, 1, 5))
            if kind and not flt.feasible(kind, v, slots, 1):
                continue
            rng = random.Random(seed)
            hints = flt.PERSON_HINTS.get(kind or "", {})
            person = make_person(rng, REF, variant=key, region=region, **hints)  # type: ignore[arg-type]
            aid = "2026120000001"
            form = clean_form(aid, person, region)
            return Plan(
                1,
                aid,
                person,
                form,
                clean_docs(person, REF, rng),
                REF,
                slots=slots_for(form, region),
                region=region,
                earlier={"photo": [("2026120000000", 0, "")], "id_back": []},
            )
    pytest.skip(f"no category of the current rules can carry {kind}")


@pytest.mark.parametrize("kind", FAULT_KINDS)
def test_every_fault_kind_changes_something(kind: str) -> None:
    plan = _plan(kind)
    form = copy.deepcopy(plan.form)
    docs = {s: (d.doc_type, dict(d.fields), dict(d.extra)) for s, d in plan.docs.items()}
    fault = flt.FAULTS[kind](plan, random.Random(5))
    assert fault.kind == kind and fault.expect
    for slot, field in fault.expect:
        assert slot in SLOTS | {"form", "window"} and field
    changed = (
        plan.form != form
        or {s: (d.doc_type, d.fields, d.extra) for s, d in plan.docs.items()} != docs
        or plan.file_fault is not None
        or plan.missing is not None
        or plan.malformed
        or plan.photo_mode != "ok"
        or plan.reuse is not None
        or plan.capture_fault is not None
    )
    if kind == "form_underage":
        assert age_at(plan.person.birth, REF) in (16, 17)
    elif kind == "id_expired":
        end = date.fromisoformat(plan.docs["id_back"].fields["validity_end"])
        assert 1 <= (REF - end).days <= 400
    else:
        assert changed, kind


def test_fault_assignment_covers_every_kind() -> None:
    kinds = flt.assign(2 * len(FAULT_KINDS), 0.5, random.Random(9))
    assert {k for k in kinds if k} == set(FAULT_KINDS)
    # Category-aware: a kind only goes where `ok` allows it, kinds nobody can carry drop out.
    odd = flt.assign(40, 1.0, random.Random(2), lambda i, k: (i % 2 == 1) == k.startswith("si_"))
    assert all(k is None or (i % 2 == 1) == k.startswith("si_") for i, k in enumerate(odd))
    assert sum(k is not None for k in flt.assign(10, 0.5, random.Random(1))) == 5
    assert not any(flt.assign(10, 0.0, random.Random(1)))


def test_broken_file_contents() -> None:
    img = Image.new("RGB", (300, 200), (240, 240, 240))
    assert flt.truncate(b"x" * 100) == b"x" * 60
    assert flt.wrong_type_bytes("gif", img)[:4] == b"GIF8"
    assert flt.wrong_type_bytes("bmp", img)[:2] == b"BM"
    assert not flt.wrong_type_bytes("text", img).startswith(b"\xff\xd8")


def test_people_numbers() -> None:
    rng = random.Random(4)
    for _ in range(200):
        p = make_person(rng, REF)
        n = p.id_number
        assert len(n) == 18 and check_char(n[:17]) == n[17]
        assert n[6:14] == f"{p.birth:%Y%m%d}" and (int(n[16]) % 2 == 1) == p.male
        assert 22 <= age_at(p.birth, REF) <= 40
        assert p.id_end is None or p.id_end > REF
        assert p.probation_end < REF and p.licence_to > REF
        assert (p.probation_end - p.probation_start).days >= 364
        d = p.diploma_number
        assert len(d) == 18 and d[:5] == p.school.code and d[5] == "1"
        assert d[6:10] == str(p.graduation.year) and d[10:12] == "05"
        lic = p.licence_number
        assert len(lic) == 22 and org_check(lic[:8]) == lic[8]
        assert p.name.replace("?", "") and "?" not in p.name
        if p.form_name != p.name:
            assert "?" in p.form_name
    assert wrong_check(n) != n and len(id15(n)) == 15
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert org_check("60003734") == "1"
