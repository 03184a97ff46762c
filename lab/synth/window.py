"""Writing a synthetic upload window (CONTRACT §2) and its ground truth beside it.

Per applicant: pick a category (docs/materials.md), draw a consistent person, plan the form
and every document the category needs, ask the project's rules which slots it must upload,
let at most one fault (one its category can carry) change the plan, then render, capture (or
write as a PDF) and write each upload. Every random choice comes from generators seeded by
(seed, region, applicant index), so a seed reproduces every byte and one applicant's draws do
not shift the next one's.

Hard cases (`hard=`): a share of applicants, drawn from a generator of its own, upload every
document picture under 1-3 hard capture conditions (`capture.HARD_CONDITIONS`) and have a
rare-character name about 30% of the time; all their hard draws come from separate
generators, so a window with `hard=0` is byte for byte what it was before hard cases existed.
The look-alike faults (`faults.LOOKALIKE_KINDS`) are handed out only in windows with hard cases.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image

from lab.synth import capture as cap
from lab.synth import families as fam
from lab.synth import faults as flt
from lab.synth.people import VARIANTS, Person, add_months, make_person
from lab.synth.render import Doc, render, render_photo, stamp_over, stamp_targets

SLOT_ORDER = (
    "id_front",
    "id_back",
    "id_handheld",
    "photo",
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
BASE_SLOTS = ("id_front", "id_back", "photo", "diploma", "probation_cert", "licence")
#: Share of uploads that are PDFs with a text layer, where the rules allow PDFs.
PDF_SHARE = {"diploma_record": 0.7, "social_insurance": 0.4}
HANDHELD_LEGIBLE = 1.0  # the rule (003): 证件内容应清晰可辨; an illegible card is a fault
REGIONS = ("天津市", "北京市", "辽宁省")
INSURANCES = ("城镇职工基本养老保险", "城镇职工基本医疗保险", "失业保险")
OPENS = date(2026, 1, 5)
CLOSES = date(2026, 1, 31)
PNG_SHARE = 0.15
EXIF_TURN_SHARE = 0.10
#: Hard applicants whose name is forced to rare characters (with the ~12% that draw one
#: anyway, about 30% of hard applicants have a rare-character name).
HARD_RARE_SHARE = 0.2
#: How many hard conditions a hard upload gets: 1, 2 or 3, by these weights.
HARD_COUNT_WEIGHTS = (45, 35, 20)
PHONES = (
    ("HUAWEI", "ELS-AN00"),
    ("HUAWEI", "NOH-AL00"),
    ("Xiaomi", "M2012K11AC"),
    ("Apple", "iPhone 13"),
    ("Apple", "iPhone 14 Pro"),
    ("OPPO", "PEEM00"),
    ("vivo", "V2199A"),
)
NAMED = {
    "id_front": ("身份证正面", "身份证人像面", "sfz1"),
    "id_back": ("身份证反面", "身份证国徽面", "sfz2"),
    "diploma": ("毕业证", "毕业证书", "byz"),
    "probation_cert": ("试用期考核证明", "考核证明", "试用期证明"),
    "licence": ("执业许可证副本", "医疗机构执业许可证", "许可证"),
    "id_handheld": ("手持身份证", "本人手持身份证", "scsfz"),
    "degree": ("学位证", "学位证书", "xwz"),
    "diploma_record": ("学历备案表", "学信网备案表", "学历证书电子注册备案表"),
    "assistant_qualification": ("资格证", "医师资格证书", "助理资格证"),
    "assistant_practice": ("执业证", "医师执业证书", "助理执业证"),
    "practice_period_cert": ("执业期考核证明", "考核证明"),
    "mentorship_cert": ("出师证", "师承证书", "专长证书"),
    "pledge": ("承诺书", "报考承诺书"),
    "social_insurance": ("社保证明", "社保缴费证明", "社保"),
}


@dataclass(slots=True)
class Plan:
    """One applicant before drawing: the true person, the form as typed, and the document
    printed in each slot. Faults edit this; `window` realises it."""

    index: int
    applicant_id: str
    person: Person
    form: dict[str, Any]
    docs: dict[str, Doc]
    ref: date
    fault: flt.Fault | None = None
    file_fault: tuple[str, str] | None = None  # (slot, empty|truncated|gif|bmp|text|oversize)
    missing: str | None = None
    malformed: bool = False
    photo_mode: str = "ok"  # ok | large | png
    slots: tuple[str, ...] = BASE_SLOTS  # what the applicant uploads (the rules' required set)
    region: str = "天津市"
    # ("other", slot, applicant_id, index) | ("self", source slot, target slot, "")
    reuse: tuple[str, str, str, Any] | None = None
    # Earlier applicants' clean uploads by slot: (applicant_id, index, id_back issuer).
    earlier: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)
    hard: bool = False  # document pictures captured under hard conditions
    capture_fault: tuple[str, str] | None = None  # (slot, capture.QUALITY_FAULTS kind)


#: The social-insurance layout families and each one's status words (render.si_payments).
SI_FAMILIES = {
    "table": (("已缴", "欠缴"),),
    "serial": (("已实缴", "欠费"), ("已缴费", "未缴"), ("正常缴费", "欠缴")),
}


def _si_family(p: Person, selection: str = "tuned") -> dict[str, str]:
    """A layout family for the person's proof and its status words, drawn from generators of
    their own so that adding families leaves every other draw of the window as it was."""
    family = fam.draw("social_insurance", p.id_number, selection) or "table"
    sub = random.Random(f"si-family-{p.id_number}")
    paid, unpaid = sub.choice(SI_FAMILIES.get(family, (("已缴", "欠缴"),)))
    return {"family": family, "paid": paid, "unpaid": unpaid}


def _assign_families(docs: dict[str, Doc], p: Person, selection: str) -> None:
    """Give every document without one a layout family (lab.synth.families)."""
    for doc_type, doc in docs.items():
        if "family" not in doc.fields:
            name = fam.draw(doc_type, p.id_number, selection)
            if name:
                doc.fields["family"] = name


def clean_docs(
    p: Person,
    ref: date,
    rng: random.Random,
    opens: date | None = None,
    selection: str = "tuned",
) -> dict[str, Doc]:
    """Every document of the applicant's category exactly as a clean applicant's would print
    them (the rules decide which of them are uploaded), each in a layout family drawn from
    `selection` (lab.synth.families)."""
    opens = opens or ref - (CLOSES - OPENS)
    signed = min(p.probation_end + timedelta(days=rng.randint(1, 25)), ref - timedelta(days=3))
    v = p.variant
    dip_grad = p.graduation
    if v.long:  # the 本科 diploma a long-programme student holds, five years in
        dip_grad = date(p.enrol.year + 5, 6, 30)
    dip_level = {"研究生": p.record_level}.get(v.level, v.level or "本科")
    if v.long:
        dip_level = "本科"
    id_fields = {
        "name": p.name,
        "gender": p.gender,
        "ethnicity": p.ethnicity.removesuffix("族"),
        "birth_date": p.birth.isoformat(),
        "address": p.address,
        "id_number": p.id_number,
    }
    docs = {
        "id_front": Doc("id_front", dict(id_fields), p.look),
        "id_back": Doc(
            "id_back",
            {
                "issuer": p.county.issuer,
                "validity_start": p.id_issue.isoformat(),
                "validity_end": p.id_end.isoformat() if p.id_end else "长期",
            },
        ),
        "diploma": Doc(
            "diploma",
            {
                "name": p.name,
                "gender": p.gender,
                "birth_date": p.birth.isoformat(),
                "enrol": f"{p.enrol:%Y-%m}",
                "graduation": f"{dip_grad:%Y-%m}",
                "school": p.school.name,
                "major": p.major,
                "education_level": dip_level,
                "years": "五" if v.long else p.study_mode.removesuffix("年制"),
                "diploma_number": p.diploma_number,
                "principal": p.principal,
                "issue_date": dip_grad.isoformat(),
            },
            p.look,
            {
                "date_style": "cn" if rng.random() < 0.5 else "arabic",
                "heading": "中等职业学校" if v.level == "中专" else "普通高等学校",
            },
        ),
        "probation_cert": Doc(
            "probation_cert",
            {
                "name": p.name,
                "gender": p.gender,
                "id_number": p.id_number,
                "work_unit": p.hospital.name,
                "period_start": p.probation_start.isoformat(),
                "period_end": p.probation_end.isoformat(),
                "department": p.department,
                "result": "合格",
                "date": signed.isoformat(),
            },
        ),
        "licence": Doc(
            "licence",
            {
                "work_unit": p.hospital.name,
                "address": p.hospital.address,
                "legal_rep": p.legal_rep,
                "head": p.head,
                "registration_number": p.licence_number,
                "valid_from": p.licence_from.isoformat(),
                "valid_until": p.licence_to.isoformat(),
                "subjects": "；".join(p.subjects),
                "issuer": p.hospital.issuer,
                "issue_date": p.licence_issue.isoformat(),
            },
        ),
    }
    # --- the other materials (drawn after the first five, so their draws stay put)
    docs["id_handheld"] = Doc(
        "id_handheld",
        dict(id_fields),
        p.look,
        {"legible": "1" if rng.random() < HANDHELD_LEGIBLE else "0"},
    )
    docs["degree"] = Doc(
        "degree",
        {
            "name": p.name,
            "gender": p.gender,
            "birth_date": p.birth.isoformat(),
            "school": p.school.name,
            "major": p.major,
            "degree_level": p.degree or "学士",
            "degree_number": p.degree_number,
            "issue_date": p.graduation.isoformat(),
            "chair": p.principal if rng.random() < 0.7 else p.head,
        },
        p.look,
    )
    zhongzhuan = v.level == "中专"
    docs["diploma_record"] = Doc(
        "diploma_record",
        {
            "title": "学历认证报告"
            if zhongzhuan and rng.random() < 0.5
            else "教育部学历证书电子注册备案表",
            "update_date": (p.record_update or ref).isoformat(),
            "name": p.name,
            "gender": p.gender,
            "id_number": p.id_number,
            "birth_date": p.birth.isoformat(),
            "enrol_date": p.enrol.isoformat(),
            "graduation_date": dip_grad.isoformat(),
            "graduation": f"{dip_grad:%Y-%m}",
            "school": p.school.name,
            "major": p.major,
            "years": str(p.years),
            "record_level": p.record_level,
            "record_category": "中等职业教育" if zhongzhuan else "普通高等教育",
            "principal": p.principal,
            "diploma_number": p.diploma_number,
            "verification_code": p.verification_code,
            "valid_until": (p.record_valid or ref).isoformat(),
        },
        p.look,
    )
    a = p.assistant
    if a is not None:
        docs["assistant_qualification"] = Doc(
            "assistant_qualification",
            {
                "name": p.name,
                "gender": p.gender,
                "birth_date": p.birth.isoformat(),
                "id_number": p.id_number,
                "qualification": "执业助理医师",
                "qual_category": a.category,
                "qualification_number": a.qualification_number,
                "issue_date": a.qualification_date.isoformat(),
            },
            p.look,
        )
        docs["assistant_practice"] = Doc(
            "assistant_practice",
            {
                "name": p.name,
                "gender": p.gender,
                "birth_date": p.birth.isoformat(),
                "id_number": p.id_number,
                "practice_level": "执业助理医师",
                "practice_category": a.category,
                "scope": a.scope,
                "work_unit": p.hospital.name,
                "practice_number": a.practice_number,
                "registration_date": a.registration.isoformat(),
                "issuer": p.hospital.issuer,
            },
            p.look,
            {
                "unit_label": rng.choice(("执业地点", "执业地点", "主要执业机构")),
                "date_label": rng.choice(("发证日期", "发证日期", "注册日期")),
            },
        )
        docs["practice_period_cert"] = Doc(
            "practice_period_cert",
            {
                "name": p.name,
                "gender": p.gender,
                "id_number": p.id_number,
                "work_unit": p.hospital.name,
                "period_start": a.registration.isoformat(),
                "period_end": a.period_end.isoformat(),
                "practice_category": a.category,
                "result": "合格",
                "date": min(a.period_end + timedelta(days=rng.randint(1, 10)), ref).isoformat(),
            },
        )
    if p.mentor_issue is not None:
        docs["mentorship_cert"] = Doc(
            "mentorship_cert",
            {
                "title": p.mentor_title,
                "name": p.name,
                "gender": p.gender,
                "id_number": p.id_number,
                "major": p.mentor_major,
                "cert_number": p.mentor_number,
                "issuer": p.mentor_issuer,
                "issue_date": p.mentor_issue.isoformat(),
            },
            p.look,
        )
    docs["pledge"] = Doc(
        "pledge",
        {
            "name": p.name,
            "id_number": p.id_number,
            "school": p.school.name,
            "major": p.major,
            "expected_graduation": f"{p.graduation:%Y-%m}",
            "date": (
                opens + timedelta(days=rng.randint(0, max(0, (ref - opens).days - 2)))
            ).isoformat(),
        },
    )
    required = [f"{add_months(opens.replace(day=1), -k):%Y%m}" for k in (3, 2, 1)]
    extra = rng.randint(2, 5)
    months = [f"{add_months(opens.replace(day=1), -k):%Y%m}" for k in range(3 + extra, 0, -1)]
    base = f"{rng.randrange(4500, 12000, 100)}.00"
    kinds = INSURANCES if rng.random() < 0.7 else INSURANCES[:2]
    city = p.hospital.city if p.hospital.city.endswith("市") else p.region
    docs["social_insurance"] = Doc(
        "social_insurance",
        {
            "title": (
                f"{p.region}社会保险个人缴费证明"
                if p.region == "天津市" and rng.random() < 0.8
                else "社会保险个人参保缴费证明"
            ),
            "name": p.name,
            "id_number": p.id_number,
            "work_unit": p.hospital.name,
            "payments": ";".join(f"{m}|{k}|{base}|已缴" for m in months for k in kinds),
            **_si_family(p, selection),
            "print_date": (opens - timedelta(days=rng.randint(1, 20))).isoformat(),
            "agency": f"{city}社会保险基金管理中心",
        },
        None,
        {"required": ",".join(required)},
    )
    _assign_families(docs, p, selection)
    return docs


def clean_form(aid: str, p: Person, region: str) -> dict[str, Any]:
    """The 报名信息 line as a careful applicant types it."""
    v = p.variant
    mentor = v.level == "师承或确有专长"
    no_diploma = v.duty == "当年毕业研究生" or mentor
    form: dict[str, Any] = {
        "applicant_id": aid,
        "name": p.form_name,
        "id_type": "resident_id",
        "id_number": p.id_number,
        "gender": p.gender,
        "birth_date": p.birth.isoformat(),
        "ethnicity": p.ethnicity,
        "exam": {"code": p.exam_code, "category": p.exam_category, "level": v.exam_level},
        "education": {
            "level": v.level,
            "school": "" if mentor else p.school.name,
            "major": p.mentor_major if mentor else p.major,
            "graduation": (
                f"{p.mentor_issue:%Y-%m}" if mentor and p.mentor_issue else f"{p.graduation:%Y-%m}"
            ),
            "diploma_number": "" if no_diploma else p.diploma_number,
            "study_mode": "" if mentor else p.study_mode,
        },
        "work_unit": p.hospital.name,
        "duty_status": v.duty,
    }
    a = p.assistant
    if a is not None:
        form["assistant"] = {
            "qualification_date": f"{a.qualification_date:%Y-%m}",
            "qualification_number": a.qualification_number,
            "practice_number": a.practice_number,
            "registration_date": f"{a.registration:%Y-%m}",
        }
    form.update(region=region, site=p.site, phone=p.phone, email=p.email, address=p.address)
    return form


@lru_cache(maxsize=16)
def _rules(region: str, exam_year: int, opens: date) -> Any:
    from pipeline.rules import load_rules

    try:
        return load_rules(region, exam_year=exam_year, opens=opens)
    except TypeError:  # a loader without the window's year and opening date
        return load_rules(region)


def slots_for(
    form: dict[str, Any], region: str, *, exam_year: int = CLOSES.year, opens: date = OPENS
) -> tuple[str, ...]:
    """The slots the project's rules require of this form in `region` (in upload order),
    for the window of `exam_year` opening on `opens`."""
    from stages.ingest import parse_applicant_line
    from stages.upload_rules import required_slots

    record = parse_applicant_line(json.dumps(form, ensure_ascii=False), 1)
    rules = _rules(region, exam_year, opens)
    required = set(required_slots(record, rules))  # type: ignore[arg-type]
    return tuple(s for s in SLOT_ORDER if s in required)


def category_for(
    form: dict[str, Any],
    region: str,
    fallback: str,
    *,
    exam_year: int = CLOSES.year,
    opens: date = OPENS,
) -> str:
    """The category name as the rules call it (`fallback`, the generator's own, when no
    category of the rules matches)."""
    from stages.ingest import parse_applicant_line
    from stages.upload_rules import requirement_for

    record = parse_applicant_line(json.dumps(form, ensure_ascii=False), 1)
    req = requirement_for(record, _rules(region, exam_year, opens))  # type: ignore[arg-type]
    return req.name if req is not None else fallback


@lru_cache(maxsize=64)
def variant_slots(variant: str, region: str, ref: date, opens: date) -> tuple[str, ...]:
    """The slots a typical applicant of `variant` uploads in `region` (for fault planning)."""
    person = make_person(random.Random(0), ref, variant=variant, region=region)
    form = clean_form("0", person, region)
    return slots_for(form, region, exam_year=ref.year, opens=opens)


def allocate_variants(n: int, rng: random.Random) -> list[str]:
    """Categories for n applicants: counts by the weights (largest remainder, so every
    category with a share shows up), in a shuffled order."""
    keys = list(VARIANTS)
    total = sum(v.weight for v in VARIANTS.values())
    quotas = [n * VARIANTS[k].weight / total for k in keys]
    counts = [int(q) for q in quotas]
    order = sorted(range(len(keys)), key=lambda i: quotas[i] - counts[i], reverse=True)
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    out = [k for k, c in zip(keys, counts, strict=True) for _ in range(c)]
    rng.shuffle(out)
    return out


def plan_applicant(
    index: int,
    applicant_id: str,
    seed: int,
    ref: date,
    region: str,
    kind: str | None,
    variant: str = "bk_probation",
    opens: date | None = None,
    earlier: dict[str, list[tuple[str, int, str]]] | None = None,
    hard: bool = False,
    families: str = "tuned",
) -> tuple[Plan, random.Random]:
    """Draw the person and apply fault `kind` (None: clean). Returns the plan and the
    applicant's generator, positioned for drawing. `hard`: a hard-case applicant (a rare
    name more often; `write_applicant` captures its pictures under hard conditions)."""
    rng = random.Random(f"certcheck-synth/{seed}/{region}/{index}")
    hints: dict[str, object] = dict(flt.PERSON_HINTS.get(kind or "", {}))
    if hard and random.Random(f"certcheck-synth/{seed}/{region}/{index}/hard").random() < (
        HARD_RARE_SHARE
    ):
        hints["kind"] = "rare"
    person = make_person(rng, ref, variant=variant, region=region, **hints)  # type: ignore[arg-type]
    form = clean_form(applicant_id, person, region)
    plan = Plan(
        index,
        applicant_id,
        person,
        form,
        clean_docs(person, ref, rng, opens, families),
        ref,
        slots=slots_for(form, region, exam_year=ref.year, opens=opens or ref - (CLOSES - OPENS)),
        region=region,
        earlier=earlier or {},
        hard=hard,
    )
    if kind and not flt.feasible(kind, person.variant, plan.slots, index):
        kind = None
    if kind == "same_image_other_applicant" and not (
        plan.earlier.get("photo") or plan.earlier.get("id_back")
    ):
        kind = None
    if kind:
        plan.fault = flt.FAULTS[kind](plan, rng)
    return plan, rng


# --------------------------------------------------------------------------------------------
# File names


def _when(rng: random.Random, ref: date) -> datetime:
    """When the file was made: during the window, or up to 40 days before it opened."""
    opens = ref - (CLOSES - OPENS)
    day = (
        opens - timedelta(days=rng.randint(0, 40))
        if rng.random() < 0.4
        else (opens + timedelta(days=rng.randint(0, (ref - opens).days - 1)))
    )
    return datetime(
        day.year, day.month, day.day, rng.randint(7, 23), rng.randint(0, 59), rng.randint(0, 59)
    )


def file_name(rng: random.Random, slot: str, fmt: str, style: str, when: datetime) -> str:
    if fmt == "png":
        return rng.choice(
            (
                "扫描件.png",
                f"扫描件{rng.randint(1, 9)}.png",
                f"Scan_{when:%Y%m%d_%H%M%S}.png",
                f"{rng.choice(NAMED.get(slot, ('材料',)))}.png",
            )
        )
    if style == "camera":
        return f"IMG_{when:%Y%m%d_%H%M%S}.jpg"
    if style == "wechat":
        return f"微信图片_{when:%Y%m%d%H%M%S}.jpg"
    if style == "mmexport":
        # Epoch milliseconds of a Beijing-time moment, independent of the machine's zone.
        ms = int((when - datetime(1970, 1, 1, 8)).total_seconds()) * 1000 + rng.randint(0, 999)
        return f"mmexport{ms}.jpg"
    if style == "camscanner":
        return f"CamScanner_{when:%m-%d-%Y_%H.%M}.jpg"
    return f"{rng.choice(NAMED.get(slot, ('材料',)))}.jpg"


def photo_name(rng: random.Random, p: Person, when: datetime, ext: str) -> str:
    return rng.choice(
        (
            f"照片.{ext}",
            f"报名照片.{ext}",
            f"{p.id_number}.{ext}",
            f"IMG_{when:%Y%m%d_%H%M%S}.{ext}",
            f"{p.name}.{ext}",
        )
    )


# --------------------------------------------------------------------------------------------
# Realising a plan


@dataclass(slots=True)
class Written:
    """One written upload kept for later applicants (reused-image faults)."""

    image: Image.Image  # as a viewer shows it
    data: bytes
    entry: dict[str, Any]


def reencode(
    image: Image.Image, rng: random.Random, *, photo: bool, resize: bool = True
) -> tuple[bytes, Image.Image]:
    """The same picture saved again: maybe resized to 80-95% and cropped by up to 4% per
    side, then a JPEG at another quality (the photo under 40 KB, documents under 200 KB)."""
    img = image.convert("RGB")
    if resize and rng.random() < 0.8:
        w, h = img.size
        box = (
            round(w * rng.uniform(0, 0.04)),
            round(h * rng.uniform(0, 0.04)),
            w - round(w * rng.uniform(0, 0.04)),
            h - round(h * rng.uniform(0, 0.04)),
        )
        img = img.crop(box)
        f = rng.uniform(0.8, 0.95)
        arr = cv2.resize(
            np.asarray(img),
            (round(img.width * f), round(img.height * f)),
            interpolation=cv2.INTER_AREA,
        )
        img = Image.fromarray(arr)
    limit = cap.PHOTO_MAX_BYTES if photo else cap.MAX_BYTES
    q = rng.randint(55, 80)
    while True:
        data = cap.jpeg(img, q)
        if len(data) <= limit or q <= 25:
            return data, img
        q -= 8


def write_applicant(
    plan: Plan,
    rng: random.Random,
    seed: int,
    root: Path,
    earlier: dict[tuple[int, str], Written] | None = None,
) -> list[dict]:
    """Render, capture and write every upload of one applicant; return the truth entries.

    `earlier` holds the window's written uploads by (index, slot); this applicant's are added."""
    nrng = np.random.default_rng([seed, plan.index, 7])
    hrng = random.Random(f"certcheck-synth/{seed}/{plan.region}/{plan.index}/hard-capture")
    p = plan.person
    store = earlier if earlier is not None else {}
    entries: list[dict] = []
    for slot in SLOT_ORDER:
        if slot not in plan.slots or slot == plan.missing:
            continue
        file_fault = plan.file_fault[1] if plan.file_fault and plan.file_fault[0] == slot else None
        when = _when(rng, plan.ref)
        entry: dict[str, Any] = {
            "slot": slot,
            "rotation": 0,
            "skew": 0.0,
            "exif_orientation": 1,
            "hard": [],
        }
        reuse = plan.reuse
        kind = ""
        if reuse and reuse[0] == "other" and reuse[1] == slot:
            source = store[(int(reuse[3]), slot)]
            data, image = reencode(source.image, rng, photo=slot == "photo")
            fmt = "jpeg"
            name = (
                photo_name(rng, p, when, "jpg")
                if slot == "photo"
                else file_name(rng, slot, fmt, "wechat", when)
            )
            entry.update(
                {
                    k: source.entry[k]
                    for k in ("doc_type", "rotation", "skew", "fields", "background", "hard")
                    if k in source.entry
                }
            )
            entry.update(width=image.width, height=image.height)
            entry["reused_from"] = {"applicant_id": reuse[2], "slot": slot}
        elif reuse and reuse[0] == "self" and reuse[2] == slot:
            source = store[(plan.index, reuse[1])]
            if rng.random() < 0.5:
                data, image = source.data, source.image
            else:
                data, image = reencode(source.image, rng, photo=False, resize=False)
            fmt = "png" if data[:4] == b"\x89PNG" else "jpeg"
            name = file_name(rng, slot, fmt, "named", when)
            entry.update(
                {
                    k: source.entry[k]
                    for k in (
                        "doc_type",
                        "rotation",
                        "skew",
                        "exif_orientation",
                        "fields",
                        "width",
                        "height",
                        "background",
                        "glyph_px",
                        "hard",
                        "hard_detail",
                    )
                    if k in source.entry
                }
            )
            if data is not source.data:
                entry.update(exif_orientation=1, width=image.width, height=image.height)
            entry["reused_from"] = {"applicant_id": plan.applicant_id, "slot": reuse[1]}
        elif slot == "photo":
            img = render_photo(p.look, rng)
            mode = plan.photo_mode
            data, fmt = cap.encode_photo(img, rng, nrng, mode)
            name = photo_name(rng, p, when, "png" if fmt == "png" else "jpg")
            entry.update(doc_type="photo", fields={}, width=img.width, height=img.height)
            image = img
        else:
            doc = plan.docs[slot]
            pdf_share = PDF_SHARE.get(slot, 0.0) if doc.doc_type == slot else 0.0
            qfault = (
                plan.capture_fault[1]
                if plan.capture_fault and plan.capture_fault[0] == slot
                else None
            )
            as_pdf = pdf_share > 0 and rng.random() < pdf_share and not file_fault and not qfault
            self_source = bool(reuse and reuse[0] == "self" and reuse[1] == slot)
            if as_pdf and not self_source:
                from lab.synth import pdfdoc

                build = fam.pdf_builder(doc.doc_type, doc.fields.get("family")) or (
                    pdfdoc.record_pdf if slot == "diploma_record" else pdfdoc.social_insurance_pdf
                )
                data = build(doc.fields)
                name = _pdf_name(rng, slot, when)
                entry.update(doc_type=doc.doc_type, fields=dict(doc.fields), pages=1)
                kind = "pdf"
                image = Image.new("RGB", (8, 8), (255, 255, 255))
                fmt = "pdf"
            else:
                forced_jpeg = file_fault in ("truncated", "oversize")
                fmt = "jpeg" if forced_jpeg or rng.random() >= PNG_SHARE else "png"
                hard_upload = plan.hard and file_fault is None
                if slot == "id_handheld" or hard_upload or qfault:
                    fmt = "jpeg"  # a phone photo (of a person, or under hard conditions)
                style = rng.choices(
                    ("camera", "wechat", "mmexport", "named", "camscanner"),
                    weights=(35, 22, 15, 18, 10),
                )[0]
                exif_turn = fmt == "jpeg" and rng.random() < EXIF_TURN_SHARE
                if exif_turn or slot == "id_handheld":
                    style = "camera"
                camera = None
                if style == "camera" and fmt == "jpeg":
                    make, model = rng.choice(PHONES)
                    camera = (make, model, f"{when:%Y:%m:%d %H:%M:%S}")
                rendered = render(doc, rng)
                conds: list[str] = []
                detail: dict[str, Any] = {}
                if hard_upload:
                    conds, detail = _harden(doc, rendered, slot, hrng)
                flt.unmark(doc, rendered.image, rendered.texts)
                shot = cap.capture(
                    rendered,
                    rng,
                    nrng,
                    fmt=fmt,
                    exif_turn=exif_turn,
                    camera=camera,
                    oversize=file_fault == "oversize",
                    framing="photo" if slot == "id_handheld" else None,
                    hard=conds,
                    hrng=hrng,
                    fault=qfault,
                    frng=random.Random(f"certcheck-synth/{seed}/{plan.index}/{slot}/fault"),
                )
                data = shot.data
                name = file_name(rng, slot, fmt, style, when)
                image = shot.image
                entry.update(
                    doc_type=doc.doc_type,
                    rotation=shot.rotation,
                    skew=shot.skew,
                    exif_orientation=shot.exif_orientation,
                    fields=dict(doc.fields),
                    width=shot.width,
                    height=shot.height,
                    background=shot.background,
                    glyph_px=round(shot.scale * rendered.min_glyph, 1),
                    hard=conds,
                )
                if conds:
                    entry["hard_detail"] = {**detail, **shot.hard}
                if qfault:
                    entry["capture_fault"] = shot.hard.get("fault", {"kind": qfault})
                if slot == "id_handheld":
                    entry["card_legible"] = doc.extra.get("legible") == "1"
                    entry["card_glyph_px"] = round(shot.scale * rendered.card_glyph, 1)
        kind = kind or ("png" if fmt == "png" else "jpeg")
        clean_upload = file_fault is None and "reused_from" not in entry
        if clean_upload:
            store[(plan.index, slot)] = Written(image, data, dict(entry))
        if file_fault == "empty":
            data, kind = b"", "empty"
            entry["doc_type"] = None
        elif file_fault == "truncated":
            data, kind = flt.truncate(data), "jpeg_truncated"
            entry["doc_type"] = None
        elif file_fault in ("gif", "bmp", "text"):
            data, kind = flt.wrong_type_bytes(file_fault, image), file_fault
            if not name.endswith(".jpg"):
                name = name.rsplit(".", 1)[0] + ".jpg"
            if file_fault == "text":
                entry["doc_type"] = None
            else:  # GIF/BMP hold the displayed pixels, smaller, with no EXIF
                with Image.open(io.BytesIO(data)) as converted:
                    entry.update(exif_orientation=1, width=converted.width, height=converted.height)
        folder = _folder(plan, slot, entry, file_fault)
        if folder != slot:  # the truth keeps the material's slot, and says where it went
            entry["folder"] = folder
        path = root / "uploads" / plan.applicant_id / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        entry = {
            "file": path.relative_to(root).as_posix(),
            **entry,
            "kind": kind,
            "bytes": len(data),
        }
        entries.append(entry)
    return entries


#: The share of social-insurance proofs uploaded under 其他材料, as seed 004 tells 天津
#: applicants to do ("将电子版上传到报名系统中其他选项中").
SI_IN_OTHER = 0.3


def _folder(plan: Plan, slot: str, entry: dict[str, Any], file_fault: str | None) -> str:
    """The slot folder an upload goes in: its own, or 其他 for some clean 社保 proofs (drawn
    from the applicant's own generator, so the window's other draws stay as they were)."""
    clean = file_fault is None and "reused_from" not in entry and entry.get("doc_type") == slot
    drawn = random.Random(f"si-other-{plan.applicant_id}").random()
    return "other" if slot == "social_insurance" and clean and drawn < SI_IN_OTHER else slot


def _harden(
    doc: Doc, rendered: Any, slot: str, hrng: random.Random
) -> tuple[list[str], dict[str, Any]]:
    """Pick 1-3 hard conditions for one picture (those that fit the slot) and apply the
    renderer's one (a seal over a field) to `rendered`; the capture applies the rest.
    Returns the conditions in `HARD_CONDITIONS` order and the stamp's details."""
    options = ["lowres", "glare", "shadow", "jpeg_heavy", "turn_skew"]
    if slot == "id_handheld":
        options.remove("lowres")  # the held card must stay legible (the rule asks for it)
    targets = stamp_targets(doc, rendered)
    if targets:
        options.append("stamp")
    count = hrng.choices((1, 2, 3), weights=HARD_COUNT_WEIGHTS)[0]
    conds = sorted(hrng.sample(options, count), key=cap.HARD_CONDITIONS.index)
    detail: dict[str, Any] = {}
    if "stamp" in conds:
        target = hrng.choice(targets)
        detail["stamp"] = {"field": target, **stamp_over(doc, rendered, target, hrng)}
    return conds, detail


def _pdf_name(rng: random.Random, slot: str, when: datetime) -> str:
    if slot == "diploma_record":
        return rng.choice(
            (
                "教育部学历证书电子注册备案表.pdf",
                f"学信网备案表_{when:%Y%m%d}.pdf",
                f"xueli_{when:%Y%m%d%H%M}.pdf",
            )
        )
    return rng.choice(("社保缴费证明.pdf", f"参保证明_{when:%Y%m%d}.pdf", "个人缴费明细.pdf"))


def form_line(plan: Plan, rng: random.Random) -> str:
    """The applicant's applicants.jsonl line; cut off mid-object for the malformed fault."""
    line = json.dumps(plan.form, ensure_ascii=False)
    if plan.malformed:
        line = line[: int(len(line) * rng.uniform(0.4, 0.8))]
    return line


def window_toml(region: str, opens: date, closes: date) -> str:
    name = f"{closes.year}年医师资格考试网上报名（{region.removesuffix('市')}考区）"
    return (
        f'window = "{name}"\nregion = "{region}"\n'
        f"opens = {opens.isoformat()}\ncloses = {closes.isoformat()}\n"
    )


def generate_window(
    out: Path,
    applicants: int,
    seed: int,
    *,
    fault_rate: float = 0.5,
    region: str = "天津市",
    closes: str | None = None,
    progress: Callable[[int], None] | None = None,
    prefer: Sequence[str] = (),
    hard: float = 0.0,
    families: str = "tuned",
) -> Path:
    """Write a window at `out` and its ground truth at `out.with_name(out.name +
    '.truth.jsonl')`; return the truth path. `prefer`: fault kinds to hand out first.

    `hard`: the share of applicants (round(n × hard) of them, drawn from the seed apart
    from the faults) whose document pictures are captured under hard conditions; the truth
    marks them (`"hard": true`) and each upload (`"hard": [conditions]`, `"hard_detail"`).
    With `hard` > 0 the look-alike faults join the kinds handed out. `families`: the layout
    families its documents are drawn from (`all`, `tuned`, `held-out`: lab.synth.families)."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} already contains files")
    ref = date.fromisoformat(closes) if closes else CLOSES
    opens = OPENS if ref == CLOSES else ref - (CLOSES - OPENS)
    out.mkdir(parents=True, exist_ok=True)
    (out / "window.toml").write_text(window_toml(region, opens, ref), encoding="utf-8")

    rng = random.Random(f"certcheck-synth/{seed}/{region}")
    variants = allocate_variants(applicants, rng)
    slots = {v: variant_slots(v, region, ref, opens) for v in set(variants)}

    def fits(i: int, kind: str) -> bool:
        v = variants[i]
        return flt.feasible(kind, VARIANTS[v], slots[v], i)

    pool = flt.FAULT_KINDS if hard > 0 else flt.BASE_KINDS
    kinds = flt.assign(applicants, fault_rate, rng, fits, prefer, kinds=pool)
    hard_count = min(applicants, round(applicants * max(0.0, hard)))
    hard_set = set(
        random.Random(f"certcheck-synth/{seed}/{region}/hard").sample(range(applicants), hard_count)
    )
    number = rng.randint(1, 400)
    lines: list[str] = []
    truths: list[dict[str, Any]] = []
    written: dict[tuple[int, str], Written] = {}
    earlier: dict[str, list[tuple[str, int, str]]] = {"id_back": [], "photo": []}
    for i in range(applicants):
        number += rng.randint(1, 60)
        aid = f"{ref.year}12{number:07d}"
        plan, arng = plan_applicant(
            i,
            aid,
            seed,
            ref,
            region,
            kinds[i],
            variants[i],
            opens,
            earlier,
            i in hard_set,
            families,
        )
        lines.append(form_line(plan, arng))
        uploads = write_applicant(plan, arng, seed, out, written)
        p = plan.person
        truth: dict[str, Any] = {
            "applicant_id": aid,
            "clean": plan.fault is None,
            "hard": plan.hard,
            "fault": plan.fault.to_json() if plan.fault else None,
            "expect": [list(e) for e in plan.fault.expect] if plan.fault else [],
            "form_name": plan.form["name"],
            "name": p.name,
            "rare_name": p.rare,
            "category": category_for(
                plan.form, region, p.variant.label, exam_year=ref.year, opens=opens
            ),
            "variant": p.variant.key,
            "exam_category": p.category,
            "region": region,
            "slots": list(plan.slots),
            "uploads": uploads,
        }
        truths.append(truth)
        if plan.reuse and plan.reuse[0] == "other":
            # The earlier applicant's file now also sits with this one: the window check
            # flags both, so the earlier applicant's truth says so.
            source = truths[int(plan.reuse[3])]
            source.setdefault("window_expect", []).append(
                {"applicant_id": aid, "slot": plan.reuse[1], "expect": [["window", "image"]]}
            )
        for slot in ("id_back", "photo"):
            if (i, slot) in written:
                earlier[slot].append((aid, i, p.county.issuer))
        if progress:
            progress(i + 1)
    (out / "applicants.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    truth_path = out.with_name(out.name + ".truth.jsonl")
    truth_path.write_text(
        "\n".join(json.dumps(t, ensure_ascii=False) for t in truths) + "\n", encoding="utf-8"
    )
    return truth_path


def generate_windows(
    out_dir: Path,
    applicants: int,
    seed: int,
    regions: Sequence[str] = REGIONS,
    *,
    fault_rate: float = 0.5,
    closes: str | None = None,
    hard: float = 0.0,
    families: str = "tuned",
) -> list[Path]:
    """One window per region under `out_dir` (`window_<n>_<region>`), the applicants split
    between them as evenly as possible; returns the truth paths, one per window. `hard`:
    each window's share of hard-case applicants (`generate_window`)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    base, rest = divmod(applicants, len(regions))
    paths = []
    # The windows share one cycle of fault kinds: each hands out first what the earlier
    # ones did not, so the evaluation sees as many kinds as it has faulty applicants.
    unused = list(flt.FAULT_KINDS if hard > 0 else flt.BASE_KINDS)
    random.Random(f"certcheck-synth/{seed}/windows").shuffle(unused)
    for k, region in enumerate(regions):
        n = base + (1 if k < rest else 0)
        if n == 0:
            continue
        window = out_dir / f"window_{k + 1}_{region}"
        truth = generate_window(
            window,
            n,
            seed,
            fault_rate=fault_rate,
            region=region,
            closes=closes,
            prefer=unused,
            hard=hard,
            families=families,
        )
        paths.append(truth)
        for line in truth.read_text(encoding="utf-8").splitlines():
            fault = json.loads(line)["fault"]
            if fault and fault["kind"] in unused:
                unused.remove(fault["kind"])
    return paths
