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
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

import cv2
import numpy as np
from PIL import Image

from lab.synth.people import (
    COUNTIES,
    HOSPITALS,
    OTHER_MAJOR,
    SCHOOLS,
    Variant,
    add_months,
    add_years,
    id15,
    id_number,
    lookalike_id,
    lookalike_name,
    swap_char,
    wrong_check,
)
from lab.synth.render import RED, Doc, TextRun

if TYPE_CHECKING:
    from lab.synth.window import Plan

DOC_SLOTS = ("id_front", "id_back", "diploma", "probation_cert", "licence")
ALL_SLOTS = ("id_front", "id_back", "photo", "diploma", "probation_cert", "licence")
#: Slots whose upload is a picture of a document (not the registration photo): where a file
#: fault or a reused image may sit.
IMAGE_DOC_SLOTS = (
    "id_front",
    "id_back",
    "id_handheld",
    "diploma",
    "degree",
    "diploma_record",
    "probation_cert",
    "licence",
    "assistant_qualification",
    "assistant_practice",
    "practice_period_cert",
    "mentorship_cert",
    "pledge",
    "social_insurance",
)


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
    "licence_no_subject": {"subject": ("口腔", "中医")},
    "id_name_lookalike": {"lookalike": True},
    "diploma_name_lookalike": {"lookalike": True},
    "probation_name_lookalike": {"lookalike": True},
    "id_number_lookalike": {"lookalike": True},
}

#: Slots an applicant must upload for a fault kind to be possible (its category must have
#: them); kinds not listed need nothing beyond id_front/id_back/photo.
NEEDS: dict[str, tuple[str, ...]] = {
    "file_truncated": (),
    "doc_wrong_type": (),
    "diploma_name_mismatch": ("diploma",),
    "diploma_number_mismatch": ("diploma",),
    "diploma_school_mismatch": ("diploma",),
    "diploma_major_mismatch": ("diploma",),
    "diploma_graduation_mismatch": ("diploma",),
    "diploma_level_mismatch": ("diploma",),
    "licence_unit_mismatch": ("licence",),
    "licence_expired": ("licence",),
    "licence_no_subject": ("licence",),
    "probation_name_mismatch": ("probation_cert",),
    "probation_id_mismatch": ("probation_cert",),
    "probation_unit_mismatch": ("probation_cert",),
    "probation_short": ("probation_cert",),
    "probation_failed": ("probation_cert",),
    "handheld_id_mismatch": ("id_handheld",),
    "handheld_illegible": ("id_handheld",),
    "degree_name_mismatch": ("degree",),
    "degree_level_mismatch": ("degree",),
    "record_number_mismatch": ("diploma_record",),
    "record_expired": ("diploma_record",),
    "record_code_invalid": ("diploma_record",),
    "record_name_mismatch": ("diploma_record",),
    "aq_number_mismatch": ("assistant_qualification",),
    "aq_tail_not_applicant": ("assistant_qualification",),
    "ap_number_mismatch": ("assistant_practice",),
    "ap_unit_mismatch": ("assistant_practice",),
    "ap_registered_late": ("assistant_practice",),
    "ppc_failed": ("practice_period_cert",),
    "ppc_name_mismatch": ("practice_period_cert",),
    "mentorship_id_mismatch": ("mentorship_cert",),
    "pledge_name_mismatch": ("pledge",),
    "si_unit_mismatch": ("social_insurance",),
    "si_month_unpaid": ("social_insurance",),
    "diploma_name_lookalike": ("diploma",),
    "probation_name_lookalike": ("probation_cert",),
    "id_number_lookalike": ("probation_cert",),
    "signature_missing": ("pledge",),
}
#: Slots whose document must carry its unit's seal (pipeline/rules/national.toml `[marks]`).
SEALED_SLOTS = ("probation_cert", "practice_period_cert")


def feasible(kind: str, variant: Variant, slots: tuple[str, ...], index: int) -> bool:
    """Whether an applicant of `variant` uploading `slots` (at `index` in the window) can
    carry fault `kind`: the slots it changes are uploaded and the category fits."""
    if not set(NEEDS.get(kind, ())) <= set(slots):
        return False
    if kind == "diploma_level_mismatch":
        return variant.level == "本科" and not variant.long
    if kind == "diploma_number_mismatch":
        # the form leaves the number empty for long-programme students and 师承 (002)
        return not variant.long and not variant.current
    if kind == "diploma_graduation_mismatch":
        # a long-programme student's diploma is the earlier 本科 one: its date is not the
        # form's graduation (the degree still to come), so nothing compares them
        return not variant.long
    if kind == "licence_no_subject":
        return not variant.rural
    if kind == "ap_registered_late":
        return variant.level in ("专科", "中专")
    if kind == "same_image_other_applicant":
        return index >= 1
    if kind == "seal_missing":
        return bool(set(slots) & set(SEALED_SLOTS))
    if kind in ("file_truncated", "file_wrong_type", "file_too_large", "doc_wrong_type"):
        return bool(set(slots) & set(DOC_SLOTS))
    return True


def fault(name: str) -> Callable[[FaultFn], FaultFn]:
    def register(fn: FaultFn) -> FaultFn:
        FAULTS[name] = fn
        return fn

    return register


def _f(kind: str, slot: str, detail: str, *expect: tuple[str, str]) -> Fault:
    return Fault(kind, slot, detail, tuple(expect))


# --------------------------------------------------------------------------------------------
# File faults (applied by window when the file is written)


def _doc_slots(plan: Plan) -> list[str]:
    return [s for s in DOC_SLOTS if s in plan.slots]


@fault("file_empty")
def _file_empty(plan: Plan, rng: random.Random) -> Fault:
    slot = rng.choice([s for s in ALL_SLOTS if s in plan.slots])
    plan.file_fault = (slot, "empty")
    return _f("file_empty", slot, "zero-byte file", (slot, "file"))


@fault("file_truncated")
def _file_truncated(plan: Plan, rng: random.Random) -> Fault:
    slot = rng.choice(_doc_slots(plan))
    plan.file_fault = (slot, "truncated")
    return _f("file_truncated", slot, "JPEG cut at 60% of its bytes", (slot, "file"))


@fault("file_wrong_type")
def _file_wrong_type(plan: Plan, rng: random.Random) -> Fault:
    slot = rng.choice(_doc_slots(plan))
    kind = rng.choice(("gif", "gif", "bmp", "text"))
    plan.file_fault = (slot, kind)
    return _f("file_wrong_type", slot, f"{kind} content under a .jpg name", (slot, "file"))


@fault("file_too_large")
def _file_too_large(plan: Plan, rng: random.Random) -> Fault:
    slot = rng.choice(_doc_slots(plan))
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
    slot = rng.choice([s for s in ALL_SLOTS if s in plan.slots])
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
    pairs = [(a, b) for a, b in WRONG_DOC if a in plan.slots and b in plan.slots]
    slot, other = rng.choice(pairs or [("id_back", "id_front")])
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


@fault("licence_no_subject")
def _lic_subject(plan: Plan, rng: random.Random) -> Fault:
    needed = {"口腔": "口腔科", "中医": "中医科"}.get(plan.person.category, "内科")
    doc = plan.docs["licence"]
    subjects = [s for s in doc.fields["subjects"].split("；") if s != needed]
    plan.docs["licence"] = replace(doc, fields={**doc.fields, "subjects": "；".join(subjects)})
    return _f(
        "licence_no_subject",
        "licence",
        f"诊疗科目 lacks {needed} ({plan.person.category} applicant)",
        ("licence", "subjects"),
    )


# --------------------------------------------------------------------------------------------
# Faults on the materials of the other applicant categories


def _digits_changed(rng: random.Random, value: str, positions: range, count: int = 3) -> str:
    chars = list(value)
    for pos in rng.sample(list(positions), count):
        chars[pos] = rng.choice([d for d in "0123456789" if d != chars[pos]])
    return "".join(chars)


@fault("handheld_id_mismatch")
def _handheld_id(plan: Plan, rng: random.Random) -> Fault:
    doc = plan.docs["id_handheld"]
    plan.docs["id_handheld"] = replace(doc, extra={**doc.extra, "legible": "1"})
    return _mismatch(
        plan, "id_handheld", "id_number", _other_number(plan, rng, False), "handheld_id_mismatch"
    )


@fault("handheld_illegible")
def _handheld_illegible(plan: Plan, rng: random.Random) -> Fault:
    # 003: 人像与证件内容应清晰可辨 — a card too small to read breaks the upload rule
    doc = plan.docs["id_handheld"]
    plan.docs["id_handheld"] = replace(doc, extra={**doc.extra, "legible": "0"})
    return _f(
        "handheld_illegible",
        "id_handheld",
        "the held card is too small to read",
        ("id_handheld", "id_number"),
    )


@fault("degree_name_mismatch")
def _degree_name(plan: Plan, rng: random.Random) -> Fault:
    return _mismatch(
        plan, "degree", "name", swap_char(rng, plan.person.name), "degree_name_mismatch"
    )


@fault("degree_level_mismatch")
def _degree_level(plan: Plan, rng: random.Random) -> Fault:
    level = plan.form["education"]["level"]
    printed = "学士" if level == "研究生" else "硕士"
    _mismatch(plan, "degree", "degree_level", printed, "degree_level_mismatch")
    return _f(
        "degree_level_mismatch",
        "degree",
        f"{printed}学位证书 for a {level} form",
        ("degree", "education_level"),
    )


@fault("record_number_mismatch")
def _record_number(plan: Plan, rng: random.Random) -> Fault:
    num = plan.docs["diploma_record"].fields["diploma_number"]
    new = _digits_changed(rng, num, range(len(num) - 6, len(num)), rng.choice((2, 3)))
    return _mismatch(plan, "diploma_record", "diploma_number", new, "record_number_mismatch")


@fault("record_expired")
def _record_expired(plan: Plan, rng: random.Random) -> Fault:
    end = plan.ref - timedelta(days=rng.randint(3, 200))
    doc = plan.docs["diploma_record"]
    update = min(date.fromisoformat(doc.fields["update_date"]), end - timedelta(days=30))
    plan.docs["diploma_record"] = replace(
        doc,
        fields={**doc.fields, "valid_until": end.isoformat(), "update_date": update.isoformat()},
    )
    return _f(
        "record_expired",
        "diploma_record",
        f"在线验证报告 valid until {end}, before {plan.ref}",
        ("diploma_record", "validity"),
    )


@fault("record_code_invalid")
def _record_code(plan: Plan, rng: random.Random) -> Fault:
    code = plan.docs["diploma_record"].fields["verification_code"]
    bad = code[:15] if rng.random() < 0.5 else code.lower().replace("2", "a").replace("3", "b")
    if not any(c.islower() for c in bad) and len(bad) == 16:
        bad = code[:15]
    return _mismatch(plan, "diploma_record", "verification_code", bad, "record_code_invalid")


@fault("record_name_mismatch")
def _record_name(plan: Plan, rng: random.Random) -> Fault:
    return _mismatch(
        plan, "diploma_record", "name", swap_char(rng, plan.person.name), "record_name_mismatch"
    )


@fault("aq_number_mismatch")
def _aq_number(plan: Plan, rng: random.Random) -> Fault:
    num = plan.docs["assistant_qualification"].fields["qualification_number"]
    province = rng.choice([c for c in ("11", "12", "13", "21", "37") if c != num[4:6]])
    new = num[:4] + province + num[6:]
    return _mismatch(
        plan, "assistant_qualification", "qualification_number", new, "aq_number_mismatch"
    )


@fault("aq_tail_not_applicant")
def _aq_tail(plan: Plan, rng: random.Random) -> Fault:
    doc = plan.docs["assistant_qualification"]
    num = doc.fields["qualification_number"]
    other = _other_number(plan, rng, False)
    new = num[:9] + other
    plan.docs["assistant_qualification"] = replace(
        doc, fields={**doc.fields, "qualification_number": new}
    )
    plan.form["assistant"]["qualification_number"] = new
    return _f(
        "aq_tail_not_applicant",
        "assistant_qualification",
        f"资格证书编码 {new} ends in another ID number (form and certificate)",
        ("assistant_qualification", "qualification_number"),
        ("form", "qualification_number"),
    )


@fault("ap_number_mismatch")
def _ap_number(plan: Plan, rng: random.Random) -> Fault:
    num = plan.docs["assistant_practice"].fields["practice_number"]
    new = _digits_changed(rng, num, range(8, 15))
    return _mismatch(plan, "assistant_practice", "practice_number", new, "ap_number_mismatch")


@fault("ap_unit_mismatch")
def _ap_unit(plan: Plan, rng: random.Random) -> Fault:
    unit = _other_unit(plan.person.hospital.name, rng)
    return _mismatch(plan, "assistant_practice", "work_unit", unit, "ap_unit_mismatch")


def registration_cutoff(level: str, exam_year: int) -> date | None:
    """The last 注册 date for an assistant of `level` to sit the `exam_year` exam."""
    years = {"专科": 2, "中专": 5}.get(level)
    return date(exam_year - years, 8, 22) if years else None


@fault("ap_registered_late")
def _ap_late(plan: Plan, rng: random.Random) -> Fault:
    cutoff = registration_cutoff(plan.form["education"]["level"], plan.ref.year)
    assert cutoff is not None
    latest = plan.ref - timedelta(days=90)
    reg = cutoff + timedelta(days=rng.randint(20, max(21, (latest - cutoff).days)))
    doc = plan.docs["assistant_practice"]
    plan.docs["assistant_practice"] = replace(
        doc, fields={**doc.fields, "registration_date": reg.isoformat()}
    )
    plan.form["assistant"]["registration_date"] = f"{reg:%Y-%m}"
    return _f(
        "ap_registered_late",
        "assistant_practice",
        f"registered {reg}, after the cut-off {cutoff}",
        ("assistant_practice", "registration"),
        ("form", "registration"),
    )


@fault("ppc_failed")
def _ppc_failed(plan: Plan, rng: random.Random) -> Fault:
    return _mismatch(plan, "practice_period_cert", "result", "不合格", "ppc_failed")


@fault("ppc_name_mismatch")
def _ppc_name(plan: Plan, rng: random.Random) -> Fault:
    return _mismatch(
        plan, "practice_period_cert", "name", swap_char(rng, plan.person.name), "ppc_name_mismatch"
    )


@fault("mentorship_id_mismatch")
def _mentor_id(plan: Plan, rng: random.Random) -> Fault:
    return _mismatch(
        plan,
        "mentorship_cert",
        "id_number",
        _other_number(plan, rng, True),
        "mentorship_id_mismatch",
    )


@fault("pledge_name_mismatch")
def _pledge_name(plan: Plan, rng: random.Random) -> Fault:
    return _mismatch(
        plan, "pledge", "name", swap_char(rng, plan.person.name), "pledge_name_mismatch"
    )


@fault("si_unit_mismatch")
def _si_unit(plan: Plan, rng: random.Random) -> Fault:
    unit = _other_unit(plan.person.hospital.name, rng)
    return _mismatch(plan, "social_insurance", "work_unit", unit, "si_unit_mismatch")


@fault("si_month_unpaid")
def _si_unpaid(plan: Plan, rng: random.Random) -> Fault:
    doc = plan.docs["social_insurance"]
    month = rng.choice(doc.extra["required"].split(","))
    rows = [r.split("|") for r in doc.fields["payments"].split(";")]
    absent = rng.random() < 0.5
    if absent:
        rows = [r for r in rows if r[0] != month]
    else:
        rows = [[*r[:3], "欠缴"] if r[0] == month else r for r in rows]
    payments = ";".join("|".join(r) for r in rows)
    plan.docs["social_insurance"] = replace(doc, fields={**doc.fields, "payments": payments})
    return _f(
        "si_month_unpaid",
        "social_insurance",
        f"required month {month} {'absent' if absent else '欠缴'}",
        ("social_insurance", "period"),
    )


@fault("same_image_other_applicant")
def _same_other(plan: Plan, rng: random.Random) -> Fault:
    """This applicant's id_back or photo is an earlier applicant's file, re-encoded (and
    maybe resized and cropped). `plan.earlier` lists earlier clean uploads by slot."""
    p = plan.person
    same_issuer = [e for e in plan.earlier.get("id_back", []) if e[2] == p.county.issuer]
    photos = plan.earlier.get("photo", [])
    if same_issuer and (rng.random() < 0.5 or not photos):
        slot, source = "id_back", rng.choice(same_issuer)
    else:
        slot, source = "photo", rng.choice(photos or plan.earlier.get("id_back", []))
        if not photos:
            slot = "id_back"
    plan.reuse = ("other", slot, source[0], source[1])
    return _f(
        "same_image_other_applicant",
        slot,
        f"{slot} is the file of applicant {source[0]}, re-encoded",
        ("window", "image"),
    )


@fault("same_image_two_slots")
def _same_two(plan: Plan, rng: random.Random) -> Fault:
    """One of this applicant's document images uploaded again in a later slot."""
    order = [s for s in IMAGE_DOC_SLOTS if s in plan.slots]
    sources = [s for s in order[:-1] if s not in ("diploma_record", "social_insurance")]
    src = rng.choice(sources)
    dst = rng.choice(order[order.index(src) + 1 :])
    plan.reuse = ("self", src, dst, "")
    plan.docs[dst] = plan.docs[src]
    return _f(
        "same_image_two_slots",
        dst,
        f"the {src} image uploaded again as {dst}",
        ("window", "image"),
        (dst, "doc_type"),
    )


# --------------------------------------------------------------------------------------------
# Look-alike faults (hard cases): the printed value differs from the form by a character or
# digits a reader easily takes for the form's — a real difference the checker must not wave
# through as an OCR confusion.


def _name_lookalike(plan: Plan, rng: random.Random, slot: str, kind: str) -> Fault:
    name = plan.docs[slot].fields["name"]
    printed = lookalike_name(rng, name)
    fault = _mismatch(plan, slot, "name", printed, kind)
    changed = next(i for i, (a, b) in enumerate(zip(name, printed, strict=True)) if a != b)
    detail = f"name: printed {printed}, true {name} ({printed[changed]} for {name[changed]})"
    return replace(fault, detail=detail)


@fault("id_name_lookalike")
def _id_name_lookalike(plan: Plan, rng: random.Random) -> Fault:
    return _name_lookalike(plan, rng, "id_front", "id_name_lookalike")


@fault("diploma_name_lookalike")
def _dip_name_lookalike(plan: Plan, rng: random.Random) -> Fault:
    return _name_lookalike(plan, rng, "diploma", "diploma_name_lookalike")


@fault("probation_name_lookalike")
def _prob_name_lookalike(plan: Plan, rng: random.Random) -> Fault:
    return _name_lookalike(plan, rng, "probation_cert", "probation_name_lookalike")


@fault("id_number_lookalike")
def _id_number_lookalike(plan: Plan, rng: random.Random) -> Fault:
    """Two digits of the printed number turned into look-alikes so that the check
    character still holds: a valid number, just not the applicant's."""
    number = plan.docs["probation_cert"].fields["id_number"]
    return _mismatch(
        plan, "probation_cert", "id_number", lookalike_id(rng, number), "id_number_lookalike"
    )


# --------------------------------------------------------------------------------------------
# Capture faults (issue 15: quality gates) and missing seals or signatures (rules data)

#: The capture fault kinds and what `capture.capture` does for each.
CAPTURE_FAULTS = {
    "capture_blurred": "blur",
    "capture_glare": "glare",
    "capture_cut_off": "cut",
    "capture_too_small": "small",
}
CAPTURE_DETAIL = {
    "blur": "out of focus: Gaussian spread 22-32% of the body text's height",
    "glare": "a lamp's glare washes the print out (saturated core over several characters)",
    "cut": "the frame cuts through a printed string on the page's left or top side",
    "small": "the page small in the frame: body text 6-8 px tall",
}


def _capture_fault(kind: str) -> FaultFn:
    def make(plan: Plan, rng: random.Random) -> Fault:
        slot = rng.choice(_doc_slots(plan))
        what = CAPTURE_FAULTS[kind]
        plan.capture_fault = (slot, what)
        return _f(kind, slot, CAPTURE_DETAIL[what], (slot, "quality"))

    return make


for _kind in CAPTURE_FAULTS:
    fault(_kind)(_capture_fault(_kind))


@fault("seal_missing")
def _seal_missing(plan: Plan, rng: random.Random) -> Fault:
    """003: the unit's seal is required (缺一不可): the proof printed and signed, not sealed."""
    slot = rng.choice([s for s in SEALED_SLOTS if s in plan.slots])
    doc = plan.docs[slot]
    plan.docs[slot] = replace(doc, extra={**doc.extra, "seal": "0"})
    return _f("seal_missing", slot, "no seal on the proof", (slot, "seal"))


@fault("signature_missing")
def _signature_missing(plan: Plan, rng: random.Random) -> Fault:
    """003: the applicant's own signature on the pledge is required (缺一不可)."""
    doc = plan.docs["pledge"]
    plan.docs["pledge"] = replace(doc, extra={**doc.extra, "signature": "0"})
    return _f("signature_missing", "pledge", "the pledge is not signed", ("pledge", "signature"))


#: The label a pledge's signature stands beside: 签字/签名, or 承诺人 alone (承诺人：).
SIGN_LABEL = re.compile(r"签字|签名|^\s*承诺人\s*[:：]?\s*$")


def unmark(doc: Doc, image: Image.Image, texts: Sequence[TextRun]) -> None:
    """Take a rendered document's seal (`doc.extra["seal"] == "0"`) or its signature
    (`doc.extra["signature"] == "0"`) off again, in place: seal red is turned back into the
    paper or print under it; the signature's blue-black strokes right of its label become
    paper. Done on the rendered page so that the renderers stay as they are."""
    if doc.extra.get("seal") != "0" and doc.extra.get("signature") != "0":
        return
    arr = np.asarray(image).copy()
    if doc.extra.get("seal") == "0":
        f = arr.astype(np.float32) + 0.5
        red = f[..., 0] - np.maximum(f[..., 1], f[..., 2]) > 8
        # seal ink (render.RED) multiplies what lies under it: x · (1 - a + a · RED / 255);
        # green over red gives the ink's share a, and then the grey that lay under it
        loss = 1 - np.asarray(RED, np.float32) / 255.0
        g = f[red][:, 1] / f[red][:, 0]
        a = np.clip((1 - g) / (loss[1] - loss[0] * g), 0.0, 1.0)
        under = f[red][:, 0] / (1 - loss[0] * a)
        arr[red] = np.clip(under, 0, 255).astype(np.uint8)[:, None]
    if doc.extra.get("signature") == "0":
        for run in texts:
            if not SIGN_LABEL.search(run.text):
                continue
            box = run.box(run.text)
            if box is None:
                continue
            x0, y0, x1, y1 = (round(v) for v in box)
            hgt = y1 - y0
            area = arr[
                max(0, y0 - 2 * hgt) : y1 + hgt, max(0, x1 - hgt) : min(arr.shape[1], x1 + 20 * hgt)
            ]  # a long name signed after a gap reaches 15 line heights past the label
            a = area.astype(np.int16)
            # blue-black pen on paper; over a red thumbprint (签名并按手印) the pen is dark
            # among the print's red (printed black text beside the label stays)
            red = ((a[..., 0] - np.maximum(a[..., 1], a[..., 2])) > 30).astype(np.uint8)
            on_red = cv2.dilate(red, np.ones((9, 9), np.uint8)) > 0
            stroke = ((a[..., 2] - a[..., 0] >= 6) & (a.max(axis=2) < 240)) | (
                on_red & (a.max(axis=2) < 150)
            )
            if stroke.any():
                # filled from what lies round each stroke: paper, or the thumbprint's red
                mask = cv2.dilate(stroke.astype(np.uint8), np.ones((3, 3), np.uint8))
                area[...] = cv2.inpaint(np.ascontiguousarray(area), mask, 3, cv2.INPAINT_TELEA)
    image.paste(Image.fromarray(arr))


FAULT_KINDS: tuple[str, ...] = tuple(FAULTS)
#: The look-alike kinds join the cycle of fault kinds only in windows with hard cases
#: (`generate_window(hard=...)`), so windows without them stay as they were.
LOOKALIKE_KINDS: tuple[str, ...] = (
    "id_name_lookalike",
    "diploma_name_lookalike",
    "probation_name_lookalike",
    "id_number_lookalike",
)
BASE_KINDS: tuple[str, ...] = tuple(k for k in FAULT_KINDS if k not in LOOKALIKE_KINDS)


def assign(
    n: int,
    fault_rate: float,
    rng: random.Random,
    ok: Callable[[int, str], bool] | None = None,
    first: Sequence[str] = (),
    kinds: Sequence[str] | None = None,
) -> list[str | None]:
    """Which applicant gets which fault: round(n × rate) of them, kinds cycled through
    shuffled copies of the list so every kind appears once n ≥ 2 × kinds at rate 0.5.

    `ok(i, kind)` says whether applicant i's category can carry `kind` (it uploads the slots
    the fault changes); each applicant takes the first pending kind it can carry, kinds no
    chosen applicant can carry are left out. `first`: kinds to place before the cycle starts
    (those another window of the same evaluation has not used yet). `kinds`: the kinds to
    cycle through (default all)."""
    count = min(n, round(n * fault_rate))
    chosen = sorted(rng.sample(range(n), count))
    fits = ok or (lambda i, k: True)
    usable = [k for k in (kinds or FAULT_KINDS) if any(fits(i, k) for i in chosen)]
    pending: list[str] = [k for k in first if k in usable]
    out: list[str | None] = [None] * n
    for i in chosen:
        for _ in range(3):
            pick = next((k for k in pending if fits(i, k)), None)
            if pick is not None:
                pending.remove(pick)
                out[i] = pick
                break
            batch = list(usable)
            rng.shuffle(batch)
            pending += batch
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
