"""Writing a synthetic upload window (CONTRACT §2) and its ground truth beside it.

Per applicant: draw a consistent person, plan the form and the six documents, let at most one
fault change the plan, then render, capture and write each upload. Every random choice comes
from generators seeded by (seed, applicant index), so a seed reproduces every byte and one
applicant's draws do not shift the next one's.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from pipeline.synth import capture as cap
from pipeline.synth import faults as flt
from pipeline.synth.people import Person, make_person
from pipeline.synth.render import Doc, render, render_photo

SLOT_ORDER = ("id_front", "id_back", "photo", "diploma", "probation_cert", "licence")
OPENS = date(2026, 1, 5)
CLOSES = date(2026, 1, 31)
PNG_SHARE = 0.15
EXIF_TURN_SHARE = 0.10
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


def clean_docs(p: Person, ref: date, rng: random.Random) -> dict[str, Doc]:
    """The five documents exactly as a clean applicant's would print them."""
    signed = min(p.probation_end + timedelta(days=rng.randint(1, 25)), ref - timedelta(days=3))
    return {
        "id_front": Doc(
            "id_front",
            {
                "name": p.name,
                "gender": p.gender,
                "ethnicity": p.ethnicity.removesuffix("族"),
                "birth_date": p.birth.isoformat(),
                "address": p.address,
                "id_number": p.id_number,
            },
            p.look,
        ),
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
                "graduation": f"{p.graduation:%Y-%m}",
                "school": p.school.name,
                "major": p.major,
                "education_level": "本科",
                "years": "五",
                "diploma_number": p.diploma_number,
                "principal": p.principal,
                "issue_date": p.diploma_issue.isoformat(),
            },
            p.look,
            {"date_style": "cn" if rng.random() < 0.5 else "arabic"},
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


def clean_form(aid: str, p: Person, region: str) -> dict[str, Any]:
    """The 报名信息 line as a careful applicant types it."""
    return {
        "applicant_id": aid,
        "name": p.form_name,
        "id_type": "resident_id",
        "id_number": p.id_number,
        "gender": p.gender,
        "birth_date": p.birth.isoformat(),
        "ethnicity": p.ethnicity,
        "exam": {
            "code": {"临床": "110", "口腔": "210", "中医": "410"}[p.category],
            "category": p.category,
            "level": "执业医师",
        },
        "education": {
            "level": "本科",
            "school": p.school.name,
            "major": p.major,
            "graduation": f"{p.graduation:%Y-%m}",
            "diploma_number": p.diploma_number,
            "study_mode": "全日制",
        },
        "work_unit": p.hospital.name,
        "duty_status": "试用期",
        "region": region,
        "site": p.site,
        "phone": p.phone,
        "email": p.email,
        "address": p.address,
    }


def plan_applicant(
    index: int, applicant_id: str, seed: int, ref: date, region: str, kind: str | None
) -> tuple[Plan, random.Random]:
    """Draw the person and apply fault `kind` (None: clean). Returns the plan and the
    applicant's generator, positioned for drawing."""
    rng = random.Random(f"certcheck-synth/{seed}/{index}")
    hints = flt.PERSON_HINTS.get(kind or "", {})
    person = make_person(rng, ref, **hints)  # type: ignore[arg-type]
    plan = Plan(
        index,
        applicant_id,
        person,
        clean_form(applicant_id, person, region),
        clean_docs(person, ref, rng),
        ref,
    )
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


def write_applicant(plan: Plan, rng: random.Random, seed: int, root: Path) -> list[dict]:
    """Render, capture and write every upload of one applicant; return the truth entries."""
    nrng = np.random.default_rng([seed, plan.index, 7])
    p = plan.person
    entries: list[dict] = []
    for slot in SLOT_ORDER:
        if slot == plan.missing:
            continue
        file_fault = plan.file_fault[1] if plan.file_fault and plan.file_fault[0] == slot else None
        when = _when(rng, plan.ref)
        entry: dict[str, Any] = {"slot": slot, "rotation": 0, "skew": 0.0, "exif_orientation": 1}
        if slot == "photo":
            img = render_photo(p.look, rng)
            mode = plan.photo_mode
            data, fmt = cap.encode_photo(img, rng, nrng, mode)
            name = photo_name(rng, p, when, "png" if fmt == "png" else "jpg")
            entry.update(doc_type="photo", fields={}, width=img.width, height=img.height)
            image = img
        else:
            doc = plan.docs[slot]
            forced_jpeg = file_fault in ("truncated", "oversize")
            fmt = "jpeg" if forced_jpeg or rng.random() >= PNG_SHARE else "png"
            style = rng.choices(
                ("camera", "wechat", "mmexport", "named", "camscanner"),
                weights=(35, 22, 15, 18, 10),
            )[0]
            exif_turn = fmt == "jpeg" and rng.random() < EXIF_TURN_SHARE
            if exif_turn:
                style = "camera"
            camera = None
            if style == "camera" and fmt == "jpeg":
                make, model = rng.choice(PHONES)
                camera = (make, model, f"{when:%Y:%m:%d %H:%M:%S}")
            rendered = render(doc, rng)
            shot = cap.capture(
                rendered,
                rng,
                nrng,
                fmt=fmt,
                exif_turn=exif_turn,
                camera=camera,
                oversize=file_fault == "oversize",
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
            )
        kind = "png" if fmt == "png" else "jpeg"
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
        path = root / "uploads" / plan.applicant_id / slot / name
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
) -> Path:
    """Write a window at `out` and its ground truth at `out.with_name(out.name +
    '.truth.jsonl')`; return the truth path."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} already contains files")
    ref = date.fromisoformat(closes) if closes else CLOSES
    opens = OPENS if ref == CLOSES else ref - (CLOSES - OPENS)
    out.mkdir(parents=True, exist_ok=True)
    (out / "window.toml").write_text(window_toml(region, opens, ref), encoding="utf-8")

    rng = random.Random(f"certcheck-synth/{seed}")
    kinds = flt.assign(applicants, fault_rate, rng)
    number = rng.randint(1, 400)
    lines: list[str] = []
    truths: list[str] = []
    for i in range(applicants):
        number += rng.randint(1, 60)
        aid = f"{ref.year}12{number:07d}"
        plan, arng = plan_applicant(i, aid, seed, ref, region, kinds[i])
        lines.append(form_line(plan, arng))
        uploads = write_applicant(plan, arng, seed, out)
        truth = {
            "applicant_id": aid,
            "clean": plan.fault is None,
            "fault": plan.fault.to_json() if plan.fault else None,
            "expect": [list(e) for e in plan.fault.expect] if plan.fault else [],
            "form_name": plan.form["name"],
            "name": plan.person.name,
            "category": plan.person.category,
            "uploads": uploads,
        }
        truths.append(json.dumps(truth, ensure_ascii=False))
        if progress:
            progress(i + 1)
    (out / "applicants.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    truth_path = out.with_name(out.name + ".truth.jsonl")
    truth_path.write_text("\n".join(truths) + "\n", encoding="utf-8")
    return truth_path
