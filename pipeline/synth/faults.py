"""Seeded faults: one kind per faulty applicant, each with the findings that count as catching it.

A fault changes the applicant's plan before anything is drawn (form values, what a document
prints, which document sits in a slot) or marks a slot for a file-level fault that `window`
applies when writing (empty, truncated, wrong type, oversize, missing). `expect` lists the
(slot, field) pairs of which any one finding counts as a catch; evaluation relies on it, so
each fault changes exactly one thing a checker can see.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PIL import Image

from pipeline.synth.people import (
    COUNTIES,
    HOSPITALS,
    OTHER_MAJOR,
    SCHOOLS,
    add_months,
    add_years,
    id15,
    id_number,
    swap_char,
    wrong_check,
)

if TYPE_CHECKING:
    from pipeline.synth.window import Plan

DOC_SLOTS = ("id_front", "id_back", "diploma", "probation_cert", "licence")
ALL_SLOTS = ("id_front", "id_back", "photo", "diploma", "probation_cert", "licence")


@dataclass(frozen=True, slots=True)
class Fault:
    kind: str
    slot: str
    detail: str
    expect: tuple[tuple[str, str], ...]

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "slot": self.slot, "detail": self.detail}


FaultFn = Callable[["Plan", random.Random], Fault]
FAULTS: dict[str, FaultFn] = {}

#: Keyword arguments for `make_person` that a fault needs (an age band, an expired card).
PERSON_HINTS: dict[str, dict[str, object]] = {
    "form_underage": {"age": (16, 17)},
    "form_id_15digit": {"age": (28, 40)},  # legacy numbers exist only for people born in 19xx
    "id_expired": {"age": (27, 35), "expired_id": True},
}


def fault(name: str) -> Callable[[FaultFn], FaultFn]:
    def register(fn: FaultFn) -> FaultFn:
        FAULTS[name] = fn
        return fn

    return register


def _f(kind: str, slot: str, detail: str, *expect: tuple[str, str]) -> Fault:
    return Fault(kind, slot, detail, tuple(expect))


# --------------------------------------------------------------------------------------------
# File faults (applied by window when the file is written)


@fault("file_empty")
def _file_empty(plan: Plan, rng: random.Random) -> Fault:
    slot = rng.choice(ALL_SLOTS)
    plan.file_fault = (slot, "empty")
    return _f("file_empty", slot, "zero-byte file", (slot, "file"))


@fault("file_truncated")
def _file_truncated(plan: Plan, rng: random.Random) -> Fault:
    slot = rng.choice(DOC_SLOTS)
    plan.file_fault = (slot, "truncated")
    return _f("file_truncated", slot, "JPEG cut at 60% of its bytes", (slot, "file"))


@fault("file_wrong_type")
def _file_wrong_type(plan: Plan, rng: random.Random) -> Fault:
    slot = rng.choice(DOC_SLOTS)
    kind = rng.choice(("gif", "gif", "bmp", "text"))
    plan.file_fault = (slot, kind)
    return _f("file_wrong_type", slot, f"{kind} content under a .jpg name", (slot, "file"))


@fault("file_too_large")
def _file_too_large(plan: Plan, rng: random.Random) -> Fault:
    slot = rng.choice(DOC_SLOTS)
    plan.file_fault = (slot, "oversize")
    return _f("file_too_large", slot, "JPEG over 200 KB (220-600 KB)", (slot, "file"))


@fault("photo_too_large")
def _photo_too_large(plan: Plan, rng: random.Random) -> Fault:
    plan.photo_mode = "large"
    return _f("photo_too_large", "photo", "photo JPEG over 40 KB (45-90 KB)", ("photo", "file"))


@fault("photo_not_jpeg")
def _photo_not_jpeg(plan: Plan, rng: random.Random) -> Fault:
    plan.photo_mode = "png"
    return _f("photo_not_jpeg", "photo", "photo uploaded as PNG", ("photo", "file"))


@fault("missing_slot")
def _missing_slot(plan: Plan, rng: random.Random) -> Fault:
    slot = rng.choice(ALL_SLOTS)
    plan.missing = slot
    return _f("missing_slot", slot, f"no {slot} upload", (slot, "presence"))


# --------------------------------------------------------------------------------------------
# Form faults


@fault("form_malformed_line")
def _form_malformed(plan: Plan, rng: random.Random) -> Fault:
    plan.malformed = True
    return _f("form_malformed_line", "form", "JSON line cut off mid-object", ("form", "line"))


@fault("form_id_checksum")
def _form_checksum(plan: Plan, rng: random.Random) -> Fault:
    bad = wrong_check(plan.person.id_number)
    plan.form["id_number"] = bad
    return _f(
        "form_id_checksum",
        "form",
        f"check char {bad[-1]} instead of {plan.person.id_number[-1]}",
        ("form", "id_number"),
    )


@fault("form_id_birth")
def _form_birth(plan: Plan, rng: random.Random) -> Fault:
    birth = plan.person.birth
    shifted = (
        birth + timedelta(days=rng.choice((-1, 1)))
        if rng.random() < 0.5
        else add_months(birth, rng.choice((-1, 1)))
    )
    plan.form["birth_date"] = shifted.isoformat()
    return _f(
        "form_id_birth",
        "form",
        f"form {shifted}, number {birth}",
        ("form", "birth_date"),
        ("form", "id_number"),
    )


@fault("form_id_gender")
def _form_gender(plan: Plan, rng: random.Random) -> Fault:
    plan.form["gender"] = "女" if plan.person.male else "男"
    return _f(
        "form_id_gender",
        "form",
        f"form {plan.form['gender']}, number {plan.person.gender}",
        ("form", "gender"),
    )


@fault("form_underage")
def _form_underage(plan: Plan, rng: random.Random) -> Fault:
    return _f(
        "form_underage",
        "form",
        f"born {plan.person.birth}, under 18 on {plan.ref}",
        ("form", "birth_date"),
        ("form", "id_number"),
    )


@fault("form_id_15digit")
def _form_15(plan: Plan, rng: random.Random) -> Fault:
    plan.form["id_number"] = id15(plan.person.id_number)
    return _f(
        "form_id_15digit", "form", "legacy 15-digit number on the form", ("form", "id_number")
    )


@fault("form_bad_name")
def _form_bad_name(plan: Plan, rng: random.Random) -> Fault:
    """A digit or Latin letter typed into the name: 张3丰, or 卢鹏1 for a two-character name."""
    name = plan.form["name"]
    junk = rng.choice("0123456789ABEOXZ")
    positions = [i for i in range(1, len(name) - 1) if name[i] not in "·?"]
    if positions:
        pos = rng.choice(positions)
        bad = name[:pos] + junk + name[pos + 1 :]
    else:
        bad = name + junk
    plan.form["name"] = bad
    return _f("form_bad_name", "form", f"form name {bad}", ("form", "name"))


# --------------------------------------------------------------------------------------------
# Document faults


WRONG_DOC = (
    ("id_front", "diploma"),
    ("licence", "id_front"),
    ("probation_cert", "licence"),
    ("diploma", "probation_cert"),
    ("id_back", "id_front"),
    ("licence", "diploma"),
)


@fault("doc_wrong_type")
def _doc_wrong_type(plan: Plan, rng: random.Random) -> Fault:
    slot, other = rng.choice(WRONG_DOC)
    plan.docs[slot] = plan.docs[other]
    return _f("doc_wrong_type", slot, f"{other} uploaded as {slot}", (slot, "doc_type"))


def _mismatch(plan: Plan, slot: str, field: str, value: str, kind: str) -> Fault:
    old = plan.docs[slot].fields[field]
    doc = plan.docs[slot]
    plan.docs[slot] = replace(doc, fields={**doc.fields, field: value})
    return _f(kind, slot, f"{field}: printed {value}, true {old}", (slot, field))


def _other_number(plan: Plan, rng: random.Random, same_birth: bool) -> str:
    p = plan.person
    while True:
        county = rng.choice(COUNTIES).code if not same_birth else p.county.code
        n = id_number(rng, county, p.birth, p.male)
        if n != p.id_number:
            return n


@fault("id_name_mismatch")
def _id_name(plan: Plan, rng: random.Random) -> Fault:
    name = swap_char(rng, plan.person.name)
    return _mismatch(plan, "id_front", "name", name, "id_name_mismatch")


@fault("id_number_mismatch")
def _id_number(plan: Plan, rng: random.Random) -> Fault:
    return _mismatch(
        plan, "id_front", "id_number", _other_number(plan, rng, False), "id_number_mismatch"
    )


@fault("id_expired")
def _id_expired(plan: Plan, rng: random.Random) -> Fault:
    end = plan.docs["id_back"].fields["validity_end"]
    return _f(
        "id_expired", "id_back", f"card ended {end}, before {plan.ref}", ("id_back", "validity")
    )


@fault("diploma_name_mismatch")
def _dip_name(plan: Plan, rng: random.Random) -> Fault:
    return _mismatch(
        plan, "diploma", "name", swap_char(rng, plan.person.name), "diploma_name_mismatch"
    )


@fault("diploma_number_mismatch")
def _dip_number(plan: Plan, rng: random.Random) -> Fault:
    num = list(plan.person.diploma_number)
    for pos in rng.sample(range(12, 18), rng.choice((2, 3))):
        num[pos] = rng.choice([d for d in "0123456789" if d != num[pos]])
    return _mismatch(plan, "diploma", "diploma_number", "".join(num), "diploma_number_mismatch")


@fault("diploma_school_mismatch")
def _dip_school(plan: Plan, rng: random.Random) -> Fault:
    p = plan.person
    other = rng.choice([s for s in SCHOOLS if s != p.school and p.category in s.categories])
    return _mismatch(plan, "diploma", "school", other.name, "diploma_school_mismatch")


@fault("diploma_major_mismatch")
def _dip_major(plan: Plan, rng: random.Random) -> Fault:
    major = rng.choice(OTHER_MAJOR[plan.person.category])
    return _mismatch(plan, "diploma", "major", major, "diploma_major_mismatch")


@fault("diploma_graduation_mismatch")
def _dip_graduation(plan: Plan, rng: random.Random) -> Fault:
    doc = plan.docs["diploma"]
    delta = rng.choice((-1, 1, 1, 2))
    f = dict(doc.fields)
    old = f["graduation"]
    year = int(old[:4]) + delta
    f["graduation"] = f"{year}{old[4:]}"
    f["enrol"] = f"{int(f['enrol'][:4]) + delta}{f['enrol'][4:]}"
    f["issue_date"] = add_years(date.fromisoformat(f["issue_date"]), delta).isoformat()
    plan.docs["diploma"] = replace(doc, fields=f)
    return _f(
        "diploma_graduation_mismatch",
        "diploma",
        f"graduation: printed {f['graduation']}, form {old}",
        ("diploma", "graduation"),
    )


@fault("diploma_level_mismatch")
def _dip_level(plan: Plan, rng: random.Random) -> Fault:
    doc = plan.docs["diploma"]
    num = plan.person.diploma_number
    num = num[:10] + "06" + num[12:]
    plan.form["education"]["diploma_number"] = num
    f = dict(doc.fields, diploma_number=num, education_level="专科", years="三")
    f["enrol"] = f"{int(f['graduation'][:4]) - 3}-09"
    plan.docs["diploma"] = replace(doc, fields=f)
    return _f(
        "diploma_level_mismatch",
        "diploma",
        f"专科 diploma {num}, form says 本科",
        ("diploma", "education_level"),
        ("form", "diploma_number"),
    )


def _other_unit(name: str, rng: random.Random) -> str:
    for a, b in (
        ("第一", "第二"),
        ("第二", "第三"),
        ("第三", "第一"),
        ("第四", "第五"),
        ("第五", "第四"),
    ):
        if a in name:
            return name.replace(a, b, 1)
    if rng.random() < 0.5 and name.endswith("医院"):
        return name + "分院"
    for a, b in (("和平区", "河西区"), ("总医院", "总医院滨海医院"), ("医科大学", "医学院")):
        if a in name:
            return name.replace(a, b, 1)
    return name + "分院"


@fault("licence_unit_mismatch")
def _lic_unit(plan: Plan, rng: random.Random) -> Fault:
    unit = _other_unit(plan.person.hospital.name, rng)
    return _mismatch(plan, "licence", "work_unit", unit, "licence_unit_mismatch")


@fault("licence_expired")
def _lic_expired(plan: Plan, rng: random.Random) -> Fault:
    doc = plan.docs["licence"]
    end = plan.ref - timedelta(days=rng.randint(20, 700))
    start = add_years(end + timedelta(days=1), -5)
    f = dict(
        doc.fields,
        valid_from=start.isoformat(),
        valid_until=end.isoformat(),
        issue_date=(start - timedelta(days=rng.randint(0, 20))).isoformat(),
    )
    plan.docs["licence"] = replace(doc, fields=f)
    return _f(
        "licence_expired",
        "licence",
        f"licence ended {end}, before {plan.ref}",
        ("licence", "validity"),
    )


@fault("probation_name_mismatch")
def _prob_name(plan: Plan, rng: random.Random) -> Fault:
    return _mismatch(
        plan, "probation_cert", "name", swap_char(rng, plan.person.name), "probation_name_mismatch"
    )


@fault("probation_id_mismatch")
def _prob_id(plan: Plan, rng: random.Random) -> Fault:
    return _mismatch(
        plan, "probation_cert", "id_number", _other_number(plan, rng, True), "probation_id_mismatch"
    )


@fault("probation_unit_mismatch")
def _prob_unit(plan: Plan, rng: random.Random) -> Fault:
    p = plan.person
    other = rng.choice(
        [h for h in HOSPITALS if h != p.hospital and p.category in h.categories]
        or [h for h in HOSPITALS if h != p.hospital]
    )
    return _mismatch(plan, "probation_cert", "work_unit", other.name, "probation_unit_mismatch")


@fault("probation_short")
def _prob_short(plan: Plan, rng: random.Random) -> Fault:
    doc = plan.docs["probation_cert"]
    start = date.fromisoformat(doc.fields["period_start"])
    months = rng.randint(6, 10)
    end = add_months(start, months) - timedelta(days=1)
    signed = min(end + timedelta(days=rng.randint(1, 20)), plan.ref)
    plan.docs["probation_cert"] = replace(
        doc, fields=dict(doc.fields, period_end=end.isoformat(), date=signed.isoformat())
    )
    return _f(
        "probation_short",
        "probation_cert",
        f"{months} months ({start} to {end})",
        ("probation_cert", "period"),
    )


@fault("probation_failed")
def _prob_failed(plan: Plan, rng: random.Random) -> Fault:
    return _mismatch(plan, "probation_cert", "result", "不合格", "probation_failed")


FAULT_KINDS: tuple[str, ...] = tuple(FAULTS)


def assign(n: int, fault_rate: float, rng: random.Random) -> list[str | None]:
    """Which applicant gets which fault: round(n × rate) of them, kinds cycled through
    shuffled copies of the list so every kind appears once n ≥ 2 × kinds at rate 0.5."""
    count = min(n, round(n * fault_rate))
    chosen = sorted(rng.sample(range(n), count))
    kinds: list[str] = []
    while len(kinds) < count:
        batch = list(FAULT_KINDS)
        rng.shuffle(batch)
        kinds += batch
    out: list[str | None] = [None] * n
    for i, kind in zip(chosen, kinds, strict=False):
        out[i] = kind
    return out


# --------------------------------------------------------------------------------------------
# Broken file contents


def truncate(data: bytes) -> bytes:
    return data[: int(len(data) * 0.6)]


def wrong_type_bytes(kind: str, img: Image.Image) -> bytes:
    """GIF or BMP pixels (or a short text) for a file that claims to be a JPEG."""
    if kind == "text":
        return "上传失败，请重新选择文件。\nupload failed\n".encode()
    small = img.copy()
    small.thumbnail((720, 720) if kind == "bmp" else (1200, 1200))
    buf = io.BytesIO()
    pal = small.convert("P", palette=Image.Palette.ADAPTIVE, colors=64)
    pal.save(buf, "GIF" if kind == "gif" else "BMP")
    return buf.getvalue()
