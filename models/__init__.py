"""The shared vocabulary of certcheck.

Every record is a frozen, slotted dataclass: cheap to pickle across Dask worker processes,
hashable, and carrying paths and hashes rather than pixels. Stages take and return these;
only `pipeline/` turns them into files.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .checks import Variant

Status = Literal["pass", "mismatch", "unreadable", "missing", "invalid", "expired"]
STATUSES: tuple[Status, ...] = ("pass", "mismatch", "unreadable", "missing", "invalid", "expired")

#: Slots of CONTRACT.md section 2, in the order reports list them.
SLOTS: tuple[str, ...] = (
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
    "social_insurance",
    "mentorship_cert",
    "pledge",
    "other",
)

#: What each status and verdict is called in reviewer-facing text.
STATUS_LABELS: dict[str, str] = {
    "pass": "通过",
    "mismatch": "不一致",
    "unreadable": "无法识别",
    "missing": "缺少材料",
    "invalid": "无效",
    "expired": "已过期",
}
VERDICT_LABELS: dict[str, str] = {"review": "需人工审核", "clear": "自动通过"}

#: 证件类型 of CONTRACT §2 as the registration system names them (seed 002: 军官证、士兵证 …).
ID_TYPE_LABELS: dict[str, str] = {
    "resident_id": "居民身份证",
    "passport": "护照",
    "hk_macao_pass": "港澳居民来往内地通行证",
    "taiwan_pass": "台湾居民来往大陆通行证",
    "military": "军人身份证件（军官证/士兵证等）",
}

SLOT_LABELS: dict[str, str] = {
    "id_front": "身份证人像面",
    "id_back": "身份证国徽面",
    "id_handheld": "本人手持身份证",
    "photo": "报名照片",
    "diploma": "毕业证书",
    "degree": "学位证书",
    "diploma_record": "学历证书电子注册备案表",
    "probation_cert": "试用期考核证明",
    "licence": "医疗机构执业许可证副本",
    "assistant_qualification": "执业助理医师资格证书",
    "assistant_practice": "执业助理医师执业证书",
    "practice_period_cert": "执业期考核证明",
    "social_insurance": "社保缴费证明",
    "mentorship_cert": "师承/确有专长证书",
    "pledge": "应届毕业生报考承诺书",
    "other": "其他材料",
    "form": "报名信息",
    "window": "跨考生核对",
}


#: What each `Finding.field` is called in reviewer-facing text.
FIELD_LABELS: dict[str, str] = {
    "line": "报名信息行",
    "presence": "是否上传",
    "file": "文件",
    "doc_type": "材料类型",
    "orientation": "方向",
    "quality": "清晰度",
    "name": "姓名",
    "id_number": "证件号码",
    "gender": "性别",
    "birth_date": "出生日期",
    "validity": "有效期",
    "diploma_number": "证书编号",
    "school": "毕业学校",
    "major": "专业",
    "graduation": "毕业时间",
    "education_level": "学历层次",
    "work_unit": "工作单位/机构名称",
    "period": "试用时间",
    "result": "考核结果",
    "qualification_number": "资格证书编码",
    "practice_number": "执业证书编码",
    "qualification": "资格级别",
    "category": "资格类别",
    "registration": "执业注册时间",
    "verification_code": "在线验证码",
    "subjects": "诊疗科目",
    "image": "图片",
    "eligibility": "报考资格",
    "ethnicity": "民族",
    "seal": "公章",
    "signature": "签字",
}


@dataclass(frozen=True, slots=True)
class WindowInfo:
    """What `window.toml` says, plus where the window lives."""

    root: str
    name: str = ""
    region: str = ""
    opens: date | None = None
    closes: date | None = None
    run_date: date | None = None

    @property
    def reference_date(self) -> date:
        """Validity checks use the window's closing date, else the run date (CONTRACT §2)."""
        return self.closes or self.run_date or date.today()

    @property
    def exam_year(self) -> int:
        """The exam this window registers for: the year registration closes (or opens)."""
        return (self.closes or self.opens or self.run_date or date.today()).year


@dataclass(frozen=True, slots=True)
class Exam:
    code: str = ""
    category: str = ""
    level: str = ""


@dataclass(frozen=True, slots=True)
class Education:
    level: str = ""
    school: str = ""
    major: str = ""
    graduation: str = ""  # YYYY-MM as typed on the form
    diploma_number: str = ""
    study_mode: str = ""


@dataclass(frozen=True, slots=True)
class Assistant:
    qualification_date: str = ""
    qualification_number: str = ""
    practice_number: str = ""
    registration_date: str = ""


@dataclass(frozen=True, slots=True)
class ApplicantForm:
    """One line of applicants.jsonl (报名信息), with values kept exactly as typed.

    Fields the applicant left out are empty strings; `raw` keeps the whole object (unknown
    keys included) as sorted JSON so nothing the applicant typed is lost.
    """

    applicant_id: str
    name: str = ""
    id_type: str = ""
    id_number: str = ""
    gender: str = ""
    birth_date: str = ""
    ethnicity: str = ""
    exam: Exam = field(default_factory=Exam)
    education: Education = field(default_factory=Education)
    work_unit: str = ""
    duty_status: str = ""
    assistant: Assistant | None = None
    region: str = ""
    site: str = ""
    line_no: int = 0
    raw: str = "{}"


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file, identified by content hash; `path` is relative to the window."""

    applicant_id: str
    slot: str
    path: str
    size: int
    sha256: str
    kind: str  # sniffed from magic bytes: jpeg, png, pdf, gif, bmp, webp, tiff, empty, unknown


@dataclass(frozen=True, slots=True)
class Page:
    """A normalised page image written by the pipeline (upright, deskewed, cropped, scaled).

    `rotation` is the clockwise angle the content was turned away from upright as an
    EXIF-honouring viewer shows the file (CONTRACT §3); `skew` the small residual angle in
    degrees (counter-clockwise positive) that was removed.
    """

    upload_path: str
    page_no: int
    image_path: str
    width: int
    height: int
    rotation: int
    skew: float
    rotation_confidence: float
    document_found: bool
    exif_orientation: int = 1


@dataclass(frozen=True, slots=True)
class TextLine:
    """One recognised line of text; `box` is (x0, y0, x1, y1) in normalised-page pixels."""

    text: str
    confidence: float
    box: tuple[int, int, int, int]
    engine: str


class Provenance(StrEnum):
    """How a reading's value came to differ from what the recogniser first read."""

    #: characters at a form's `?` (or a rare character) named by comparing the print's shape
    GLYPH = "glyph"
    #: the value a closer look read where that look passed the field (a re-cut crop)
    LOOK = "look"


@dataclass(frozen=True, slots=True)
class Reading:
    """A field value read off a document, with where it was read and how sure we are."""

    field: str
    value: str
    confidence: float
    engine: str
    page_image: str = ""
    box: tuple[int, int, int, int] | None = None
    source: str = ""  # the text line the value came from
    #: how many pixels tall the value's print stands in the upload itself (not the normalised
    #: page), where a legibility rule asks; None: not measured
    text_px: float | None = None
    #: what changed the value after the engine read it; () as the engine read it
    provenance: tuple[Provenance, ...] = ()

    def with_provenance(self, step: Provenance, **changes: Any) -> Reading:
        """The reading changed by `step` (recorded once)."""
        steps = self.provenance if step in self.provenance else (*self.provenance, step)
        return replace(self, provenance=steps, **changes)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Reading:
        box = d.get("box")
        return cls(
            **{
                **d,
                "box": tuple(box) if box else None,
                "provenance": tuple(Provenance(p) for p in d.get("provenance", ())),
            }
        )


@dataclass(frozen=True, slots=True)
class Finding:
    """One check that ran, passes included: one line of findings.jsonl (CONTRACT §3).

    `check` names the registered rule that produced it (models.checks; stable across
    releases, for audit) and `variant` which of its outcomes decided; `evidence` is the path,
    relative to OUT, of the crop or page a reviewer should look at. Build findings with
    `models.checks.finding`, never directly.
    """

    applicant_id: str
    slot: str
    file: str | None
    field: str
    status: Status
    expected: str | None
    observed: str | None
    confidence: float | None
    message: str
    check: str = ""
    evidence: str | None = None
    variant: Variant | None = None

    @property
    def needs_review(self) -> bool:
        return self.status != "pass"

    @property
    def rule_id(self) -> str:
        """The check and the variant that decided, as one id (``id_front.name.verified``)."""
        return f"{self.check}.{self.variant}" if self.variant else self.check

    def to_json(self) -> dict[str, Any]:
        # every field is a plain value: asdict's recursive deep copy cost more than the rest
        # of writing findings.jsonl (issue 19: 72,000 findings, 8 s of the main process)
        return {name: getattr(self, name) for name in _FINDING_FIELDS}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Finding:
        from .checks import Variant

        variant = d.get("variant")
        return cls(**{**d, "variant": Variant(variant) if variant else None})


_FINDING_FIELDS = tuple(Finding.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class ApplicantResult:
    """Everything one applicant's task returns to the orchestrator."""

    applicant_id: str
    findings: tuple[Finding, ...]
    pages: tuple[Page, ...] = ()
    readings: tuple[tuple[str, Reading], ...] = ()  # (upload path, reading)
    seconds: float = 0.0
    #: (slot, upload path, stages.imagehash fingerprint) for the cross-applicant image check
    fingerprints: tuple[tuple[str, str, str], ...] = ()

    @property
    def verdict(self) -> str:
        return "review" if any(f.needs_review for f in self.findings) else "clear"


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's decision on a finding, for the audit trail."""

    applicant_id: str
    slot: str
    field: str
    decision: Literal["accept", "reject", "request_resubmission"]
    reviewer: str
    decided_at: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Requirement:
    """One applicant category and the slots it must upload.

    `when` is a tuple of (form key, accepted values); keys are dotted form paths such as
    `education.level` or `exam.level`, and `has_assistant` ("yes"/"no"). The first
    requirement whose conditions all hold applies.
    """

    name: str
    when: tuple[tuple[str, tuple[str, ...]], ...]
    slots: tuple[str, ...]
    #: For an addition (`Rules.additions`): categories it does not apply to.
    except_categories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rules:
    """Upload and review rules in force for one window (national baseline + region overlay)."""

    region: str = ""
    max_bytes: int = 200 * 1024
    photo_max_bytes: int = 40 * 1024
    image_kinds: tuple[str, ...] = ("jpeg", "png")
    photo_kinds: tuple[str, ...] = ("jpeg",)
    pdf_slots: tuple[str, ...] = ("diploma_record", "social_insurance")
    always_required: tuple[str, ...] = ("id_front", "id_back", "photo")
    requirements: tuple[Requirement, ...] = ()
    flag_rotation: bool = False
    min_age: int = 18
    max_age: int = 75
    probation_min_months: int = 12
    sources: tuple[str, ...] = ()  # rule files these came from, for the audit trail
    #: Slots added on top of the category's: every addition whose `when` holds applies.
    additions: tuple[Requirement, ...] = ()
    #: The exam this window registers for (the year of `closes`); 0 when unknown.
    exam_year: int = 0
    #: (education level, latest registration date ISO) for assistants applying for 执业医师.
    registration_cutoffs: tuple[tuple[str, str], ...] = ()
    #: Social-insurance months (YYYY-MM) that must be listed and paid; empty: no month rule.
    insurance_months: tuple[str, ...] = ()
    #: (exam category, 诊疗科目 any one of which the licence must list).
    licence_subjects: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Exam categories for which a 中医诊所备案证 stands in for the licence.
    clinic_record_categories: tuple[str, ...] = ()
    #: When set, 当年毕业研究生 must come from a school whose name holds one of these.
    local_graduate_schools: tuple[str, ...] = ()
    #: Fields a second engine (Tesseract) re-reads when the first reading disagrees with the form.
    agreement_fields: tuple[str, ...] = ()
    #: The ID number on the card in a hand-held photo must print at least this many pixels
    #: tall in the upload (003: 证件内容应清晰可辨); 0: no such rule.
    handheld_min_digit_px: int = 0
    #: Slots whose material must carry a red seal (公章), and those that must be signed
    #: (签字), for this region and exam year (issue 15; seed 003: 缺一不可).
    seal_slots: tuple[str, ...] = ()
    signature_slots: tuple[str, ...] = ()
