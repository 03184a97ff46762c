"""Upload rules: file type by content (magic bytes), size limits, required slots.

A file that breaks a rule but decodes is still read: the breach is one finding, the checks of
its content others (CONTRACT §2).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from models import SLOT_LABELS, ApplicantForm, Finding, Requirement, Rules, Upload, checks

KIND_LABELS = {
    "jpeg": "JPG",
    "png": "PNG",
    "pdf": "PDF",
    "gif": "GIF",
    "bmp": "BMP",
    "webp": "WEBP",
    "tiff": "TIFF",
    "heic": "HEIC",
    "empty": "空文件",
    "unknown": "无法识别的格式",
}


def sniff(head: bytes) -> str:
    """The file type from its first bytes; the extension is not trusted."""
    if not head:
        return "empty"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:2] == b"BM":
        return "bmp"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        return "heic"
    return "unknown"


def _kb(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} 字节"


def allowed_kinds(slot: str, rules: Rules) -> tuple[str, ...]:
    if slot == "photo":
        return rules.photo_kinds
    if slot in rules.pdf_slots:
        return (*rules.image_kinds, "pdf")
    return rules.image_kinds


for _id in ("file.empty", "file.type", "file.size", "file.rules"):
    checks.register(_id)


def check_upload(upload: Upload, rules: Rules) -> Iterator[Finding]:
    """One `file` finding per upload: pass, or invalid with the first rule it breaks."""
    label = SLOT_LABELS.get(upload.slot, upload.slot)
    kinds = allowed_kinds(upload.slot, rules)
    limit = rules.photo_max_bytes if upload.slot == "photo" else rules.max_bytes
    expected = f"{'/'.join(KIND_LABELS[k] for k in kinds)}，不超过 {_kb(limit)}"
    observed = f"{KIND_LABELS.get(upload.kind, upload.kind)}，{_kb(upload.size)}"

    def finding(status: str, check: str, message: str) -> Finding:
        return checks.finding(
            checks.get(check),
            applicant_id=upload.applicant_id,
            slot=upload.slot,
            file=upload.path,
            field="file",
            status=status,  # type: ignore[arg-type]
            expected=expected,
            observed=observed,
            confidence=1.0,
            message=message,
        )

    if upload.kind == "empty":
        yield finding(
            "invalid", "file.empty", f"{label}文件为空（0 字节），无法查看，请考生重新上传。"
        )
    elif upload.kind not in kinds:
        yield finding(
            "invalid",
            "file.type",
            f"{label}文件实际格式为{KIND_LABELS.get(upload.kind, upload.kind)}，"
            f"不符合上传要求（仅接受 {'/'.join(KIND_LABELS[k] for k in kinds)}）。",
        )
    elif upload.size > limit:
        yield finding(
            "invalid",
            "file.size",
            f"{label}文件大小为 {_kb(upload.size)}，超过上传限制 {_kb(limit)}。",
        )
    else:
        yield finding("pass", "file.rules", f"{label}文件格式与大小符合上传要求。")


LONG_PROGRAMMES = ("七年", "八年", "长学制", "5+3", "九年")


def _form_value(form: ApplicantForm, key: str, rules: Rules) -> str:
    if key == "has_assistant":
        a = form.assistant
        held = a is not None and bool(a.qualification_number or a.practice_number)
        return "yes" if held else "no"
    if key == "graduates_in_exam_year":
        year = form.education.graduation[:4]
        return "yes" if rules.exam_year and year == str(rules.exam_year) else "no"
    if key == "long_programme":
        mode = form.education.study_mode
        return "yes" if any(p in mode for p in LONG_PROGRAMMES) else "no"
    value: object = form
    for part in key.split("."):
        value = getattr(value, part, "")
    return str(value or "")


def _holds(form: ApplicantForm, req: Requirement, rules: Rules) -> bool:
    return all(_form_value(form, key, rules) in values for key, values in req.when)


def requirement_for(form: ApplicantForm, rules: Rules) -> Requirement | None:
    """The first applicant category whose conditions the form meets."""
    for req in rules.requirements:
        if _holds(form, req, rules):
            return req
    return None


def additions_for(form: ApplicantForm, rules: Rules) -> tuple[Requirement, ...]:
    """Every addition (pledge for 应届, region extras…) that applies to this applicant."""
    req = requirement_for(form, rules)
    category = req.name if req else ""
    return tuple(
        add
        for add in rules.additions
        if category not in add.except_categories and _holds(form, add, rules)
    )


def required_slots(form: ApplicantForm, rules: Rules) -> tuple[str, ...]:
    req = requirement_for(form, rules)
    extra = req.slots if req else ()
    added = [slot for add in additions_for(form, rules) for slot in add.slots]
    return tuple(dict.fromkeys((*rules.always_required, *extra, *added)))


def check_presence(
    form: ApplicantForm, uploads: Iterable[Upload], rules: Rules
) -> Iterator[Finding]:
    """One `presence` finding per required slot."""
    present = {u.slot for u in uploads}
    req = requirement_for(form, rules)
    why = {slot: req.name if req else "基本要求" for slot in required_slots(form, rules)}
    for add in reversed(additions_for(form, rules)):
        for slot in add.slots:
            if req is None or slot not in req.slots:
                why[slot] = add.name
    for slot in rules.always_required:
        why[slot] = "基本要求"
    for slot, category in why.items():
        label = SLOT_LABELS.get(slot, slot)
        ok = slot in present
        yield checks.finding(
            checks.PRESENCE,
            applicant_id=form.applicant_id,
            slot=slot,
            file=None,
            field="presence",
            status="pass" if ok else "missing",
            expected=f"需上传（{category}）",
            observed="已上传" if ok else "未上传",
            confidence=1.0,
            message=f"已上传{label}。" if ok else f"缺少必需材料：{label}（{category}）。",
        )


def found_elsewhere(findings: Iterable[Finding], found: Mapping[str, Upload]) -> list[Finding]:
    """The presence findings again, where a required material missing from its slot was
    found in another upload (`found`: material slot → that upload; an upload in
    其他材料, or one in the wrong slot): it counts as uploaded, and the finding says where
    (seed 004 tells 天津 applicants to put the 社保 proof under 其他)."""
    out = []
    for f in findings:
        upload = found.get(f.slot)
        if f.check == checks.PRESENCE.id and f.status == "missing" and upload:
            label = SLOT_LABELS.get(f.slot, f.slot)
            where, path = SLOT_LABELS.get(upload.slot, upload.slot), upload.path
            f = checks.finding(
                checks.PRESENCE,
                applicant_id=f.applicant_id,
                slot=f.slot,
                file=path,
                field="presence",
                status="pass",
                expected=f.expected,
                observed=f"上传在“{where}”栏",
                confidence=1.0,
                message=f"{label}未上传到其栏目，但在“{where}”栏中找到（{path}），已计为已上传。",
            )
        out.append(f)
    return out


#: The check ids `check_upload` yields.
FILE_RULE_CHECKS = frozenset({"file.empty", "file.type", "file.size", "file.rules"})


def rules_as_read(
    findings: Iterable[Finding], uploads: Iterable[Upload], read_as: Mapping[str, str], rules: Rules
) -> list[Finding]:
    """An upload in 其他材料 that was read as a material (`read_as`: its path → the
    material's slot) is held to that material's upload rules: a 社保 proof put under 其他 as
    seed 004 asks may be the PDF its own slot allows."""
    by_path = {u.path: u for u in uploads}
    out: list[Finding] = []
    for f in findings:
        material = read_as.get(f.file or "")
        if material and f.check in FILE_RULE_CHECKS and f.file in by_path:
            upload = by_path[f.file]
            out.extend(check_upload(replace(upload, slot=material), rules))
        else:
            out.append(f)
    return out


def unexpected_slots(uploads: Iterable[Upload], known: Mapping[str, str]) -> set[str]:
    return {u.slot for u in uploads if u.slot not in known}
