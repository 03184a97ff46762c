"""Load the rule files (national baseline + the window's region overlay) into `models.Rules`.

Rules that differ by region and year live in TOML files a non-programmer can edit, so every
table has a schema (pydantic, unknown keys forbidden): a misspelled key is an error naming
the file, the key's path and the keys allowed there, never a rule silently not applied. The
known 考区 are data too (`regions` in national.toml): a window naming another region stops
with an error instead of quietly running on the national rules only.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PositiveInt,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from models import SLOTS, Requirement, Rules
from models.errors import CertcheckError, ExitCode

RULES_DIR = Path(__file__).with_name("rules")
KINDS = {"jpeg", "png", "pdf", "gif", "bmp", "webp", "tiff"}
FORM_KEYS = {
    "education.level",
    "education.study_mode",
    "exam.level",
    "exam.category",
    "exam.code",
    "duty_status",
    "id_type",
    "has_assistant",
    "graduates_in_exam_year",
    "long_programme",
}
LEVELS = {"研究生", "本科", "专科", "中专", "师承或确有专长"}
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class RulesError(CertcheckError, ValueError):
    """A rule file is missing or wrong, or the window's region is unknown; the message names
    the file and the key."""

    exit_code = ExitCode.rules


# -- value checks: a ValueError here becomes "<file>: <key path>: <message>" ----------------


def _slot_list(value: list[str]) -> list[str]:
    unknown = [s for s in value if s not in SLOTS]
    if unknown:
        raise ValueError(f"unknown slot(s) {unknown}; known slots: {', '.join(SLOTS)}")
    return value


def _kind_list(value: list[str]) -> list[str]:
    if not value or not set(value) <= KINDS:
        raise ValueError(f"must be a non-empty list of {sorted(KINDS)}, got {value!r}")
    return value


def _form_key(key: str) -> str:
    if key not in FORM_KEYS:
        raise ValueError(f"unknown form key; allowed here: {', '.join(sorted(FORM_KEYS))}")
    return key


def _form_value(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"must be a word or a number, got {value!r}")
    return str(value)


def _exam_year(key: str) -> str:
    if not key.isdigit() or not 1990 <= int(key) <= 2100:
        raise ValueError("the key must be an exam year such as 2026")
    return key


def _level(key: str) -> str:
    if key not in LEVELS:
        raise ValueError(f"unknown education level {key!r}; use {sorted(LEVELS)}")
    return key


def _iso_date(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ValueError(f"must be a date written YYYY-MM-DD, got {value!r}")


def _unique(value: list[str]) -> list[str]:
    repeated = sorted({v for v in value if value.count(v) > 1})
    if repeated:
        raise ValueError(f"listed more than once: {', '.join(repeated)}")
    return value


Word = Annotated[str, Field(min_length=1)]
Slots = Annotated[list[str], AfterValidator(_slot_list)]
Kinds = Annotated[list[str], AfterValidator(_kind_list)]
When = dict[
    Annotated[str, AfterValidator(_form_key)],
    Annotated[list[Annotated[Any, AfterValidator(_form_value)]], Field(min_length=1)],
]
Cutoffs = Annotated[
    dict[Annotated[str, AfterValidator(_level)], Annotated[Any, AfterValidator(_iso_date)]],
    Field(min_length=1),
]


# -- the schema: one model per table ----------------------------------------------------------


class _Table(BaseModel):
    """A TOML table whose keys are exactly its fields."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _known_keys(cls, data: Any) -> Any:
        # before pydantic's own extra check, so the error can list the keys allowed here
        if isinstance(data, dict):
            unknown = [str(k) for k in data if k not in cls.model_fields]
            if unknown:
                raise PydanticCustomError(
                    "unknown_key",
                    "unknown key",
                    {"keys": unknown, "allowed": ", ".join(cls.model_fields)},
                )
        return data


class UploadTable(_Table):
    max_kb: PositiveInt | None = None
    photo_max_kb: PositiveInt | None = None
    image_kinds: Kinds | None = None
    photo_kinds: Kinds | None = None
    pdf_slots: Slots | None = None
    flag_rotation: bool | None = None
    handheld_min_digit_px: PositiveInt | None = None


class FormTable(_Table):
    min_age: PositiveInt | None = None
    max_age: PositiveInt | None = None


class ReviewTable(_Table):
    probation_min_months: PositiveInt | None = None


class RequiredTable(_Table):
    always: Slots | None = None


class SocialInsuranceTable(_Table):
    months_before_opens: PositiveInt | None = None


class LicenceTable(_Table):
    clinic_record_categories: list[Word] | None = None


class GraduateTable(_Table):
    local_schools: list[Word] | None = None


class OcrTable(_Table):
    agreement_fields: list[Word] | None = None


class MarksYearTable(_Table):
    """`[marks.year.2027]`: the marks an exam year asks for, where they differ."""

    seal: Slots | None = None
    signature: Slots | None = None


class MarksTable(MarksYearTable):
    """`[marks]`: materials that must carry a seal (公章) or be signed (签字)."""

    year: dict[Annotated[str, AfterValidator(_exam_year)], MarksYearTable] | None = None


class CategoryTable(_Table):
    """`[[category]]`: the first whose `when` holds gives the applicant's materials."""

    name: Word
    when: When = {}
    slots: Slots


class AdditionTable(CategoryTable):
    """`[[addition]]`: every one whose `when` holds adds its slots."""

    except_categories: list[Word] = []


class RuleTables(_Table):
    """What national.toml and a region file may both hold; a region file overrides keys."""

    name: Word | None = None
    source: str | None = None
    upload: UploadTable | None = None
    form: FormTable | None = None
    review: ReviewTable | None = None
    required: RequiredTable | None = None
    registration_cutoff: dict[Annotated[str, AfterValidator(_exam_year)], Cutoffs] | None = None
    licence_subjects: dict[str, Annotated[list[Word], Field(min_length=1)]] | None = None
    licence: LicenceTable | None = None
    graduate: GraduateTable | None = None
    ocr: OcrTable | None = None
    social_insurance: SocialInsuranceTable | None = None
    marks: MarksTable | None = None
    category: list[CategoryTable] | None = None
    addition: list[AdditionTable] | None = None


class RuleSet(RuleTables):
    """The national baseline merged with a region file: what `build_rules` turns into Rules."""

    regions: Annotated[list[Word], AfterValidator(_unique)] | None = None


class NationalFile(RuleSet):
    """national.toml: also the list of known 考区 (`regions`)."""

    regions: Annotated[list[Word], Field(min_length=1), AfterValidator(_unique)]


class RegionFile(RuleTables):
    """A region overlay: `name` is the region as window.toml writes it."""

    name: Word


# -- errors -------------------------------------------------------------------------------------


def _path(loc: tuple[Any, ...], data: Any) -> str:
    """A key path as the file's author reads it: `category #3 (name).when."education.level"`."""
    out: list[str] = []
    node = data
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            name = node.get("name") if isinstance(node, dict) else None
            label = f"#{part + 1}" + (f" ({name})" if isinstance(name, str) and name else "")
            out[-1:] = [f"{out[-1]} {label}" if out else label]
            continue
        key = str(part)
        node = node.get(part) if isinstance(node, dict) else None
        out.append(key if key.replace("_", "").isalnum() else f'"{key}"')
    return ".".join(out)


def _describe(exc: ValidationError, data: Any, where: str) -> str:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        ctx = err.get("ctx") or {}
        if err["type"] == "unknown_key":
            for key in ctx["keys"]:
                problems.append(
                    f"{_path((*loc, key), data)}: unknown key; allowed here: {ctx['allowed']}"
                )
            continue
        if err["type"] == "missing":
            message = "missing (required)"
        elif err["type"] == "value_error":
            message = str(ctx.get("error", err["msg"]))
        else:
            message = f"{err['msg']}, got {err['input']!r}"[:300]
        problems.append(f"{_path(loc, data) or '(top level)'}: {message}")
    shown = "; ".join(problems[:5])
    more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
    return f"{where}: {shown}{more}"


def _validate(model: type[M], data: dict[str, Any], where: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RulesError(_describe(exc, data, where)) from exc


def _load(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RulesError(f"rule file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{path}: not valid TOML: {exc}") from exc


def region_files(rules_dir: Path | None = None) -> dict[str, Path]:
    """Region name (as `window.toml` writes it) → overlay file."""
    out = {}
    for path in sorted((rules_dir or RULES_DIR).glob("*.toml")):
        if path.name == "national.toml":
            continue
        name = _load(path).get("name")
        if not isinstance(name, str) or not name:
            raise RulesError(f"{path}: needs a `name` (the region as window.toml writes it)")
        out[name] = path
    return out


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value)
        elif key == "category" and isinstance(value, list):
            # region categories come first so they win over the national ones
            merged[key] = [*value, *base.get(key, [])]
        elif key == "addition" and isinstance(value, list):
            merged[key] = [*base.get(key, []), *value]
        else:
            merged[key] = value
    return merged


def _requirement(cat: CategoryTable) -> Requirement:
    return Requirement(
        name=cat.name,
        when=tuple((key, tuple(values)) for key, values in cat.when.items()),
        slots=tuple(cat.slots),
        except_categories=tuple(getattr(cat, "except_categories", ())),
    )


def _need(value: T | None, key: str, where: str) -> T:
    """Keys a region may override but the baseline must give."""
    if value is None:
        raise RulesError(f"{where}: `{key}` is missing (national.toml must give it)")
    return value


def insurance_months(opens: date | None, before: int) -> tuple[str, ...]:
    """The `before` calendar months just before the month `opens` falls in (YYYY-MM)."""
    if opens is None or before <= 0:
        return ()
    out = []
    y, m = opens.year, opens.month
    for _ in range(before):
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        out.append(f"{y:04d}-{m:02d}")
    return tuple(reversed(out))


def build_rules(
    data: dict[str, Any],
    where: str,
    region: str = "",
    *,
    exam_year: int = 0,
    opens: date | None = None,
    sources: tuple[str, ...] = (),
) -> Rules:
    """The rules in force, from national.toml merged with the region's file (`data`)."""
    rs = _validate(RuleSet, data, where)
    upload = rs.upload or UploadTable()
    form = rs.form or FormTable()
    review = rs.review or ReviewTable()
    requirements = tuple(_requirement(cat) for cat in rs.category or ())
    names = {r.name for r in requirements}
    for i, add in enumerate(rs.addition or ()):
        unknown = [c for c in add.except_categories if c not in names]
        if unknown:
            raise RulesError(
                f"{where}: addition #{i + 1} ({add.name}): `except_categories` names unknown "
                f"categories {unknown}; known: {sorted(names)}"
            )
    min_age = _need(form.min_age, "form.min_age", where)
    max_age = _need(form.max_age, "form.max_age", where)
    if min_age >= max_age:
        raise RulesError(f"{where} [form]: min_age ({min_age}) must be below max_age ({max_age})")
    insurance = rs.social_insurance or SocialInsuranceTable()
    marks = rs.marks or MarksTable()
    marks_year = (marks.year or {}).get(str(exam_year), MarksYearTable())
    cutoffs = (rs.registration_cutoff or {}).get(str(exam_year), {})
    return Rules(
        region=region,
        max_bytes=_need(upload.max_kb, "upload.max_kb", where) * 1024,
        photo_max_bytes=_need(upload.photo_max_kb, "upload.photo_max_kb", where) * 1024,
        image_kinds=tuple(_need(upload.image_kinds, "upload.image_kinds", where)),
        photo_kinds=tuple(_need(upload.photo_kinds, "upload.photo_kinds", where)),
        pdf_slots=tuple(upload.pdf_slots or ()),
        always_required=tuple(_need((rs.required or RequiredTable()).always, "required", where)),
        requirements=requirements,
        flag_rotation=bool(upload.flag_rotation),
        handheld_min_digit_px=upload.handheld_min_digit_px or 0,
        min_age=min_age,
        max_age=max_age,
        probation_min_months=_need(
            review.probation_min_months, "review.probation_min_months", where
        ),
        sources=sources,
        additions=tuple(_requirement(add) for add in rs.addition or ()),
        exam_year=exam_year,
        registration_cutoffs=tuple(cutoffs.items()),
        insurance_months=insurance_months(opens, insurance.months_before_opens or 0),
        licence_subjects=tuple(
            (category, tuple(subjects))
            for category, subjects in (rs.licence_subjects or {}).items()
        ),
        clinic_record_categories=tuple(
            (rs.licence or LicenceTable()).clinic_record_categories or ()
        ),
        local_graduate_schools=tuple((rs.graduate or GraduateTable()).local_schools or ()),
        agreement_fields=tuple((rs.ocr or OcrTable()).agreement_fields or ()),
        seal_slots=tuple(marks_year.seal if marks_year.seal is not None else marks.seal or ()),
        signature_slots=tuple(
            marks_year.signature if marks_year.signature is not None else marks.signature or ()
        ),
    )


def load_rules(
    region: str = "",
    rules_dir: Path | None = None,
    *,
    exam_year: int = 0,
    opens: date | None = None,
) -> Rules:
    """National baseline, overlaid with the region's file when there is one. `region` must be
    one of national.toml's `regions` (or empty: national rules only). `exam_year` picks the
    year-keyed cut-offs; `opens` (the window's opening date) dates the social-insurance
    months."""
    rules_dir = rules_dir or RULES_DIR
    national_path = rules_dir / "national.toml"
    data = _load(national_path)
    national = _validate(NationalFile, data, national_path.name)
    files = [national_path.name]
    where = national_path.name
    if region:
        overlays = region_files(rules_dir)
        for name, path in overlays.items():
            if name not in national.regions:
                raise RulesError(
                    f"{path.name}: name {name!r} is not one of the regions in national.toml"
                )
        if region not in national.regions:
            like = [r for r in national.regions if r.startswith(region) or region.startswith(r)]
            hint = f" Did you mean {' or '.join(map(repr, like))}?" if like else ""
            raise RulesError(
                f"unknown region {region!r} (window.toml `region`): not a 考区 of "
                f"national.toml.{hint} Known: {', '.join(national.regions)}"
            )
        overlay = overlays.get(region)
        if overlay is not None:
            over = _load(overlay)
            _validate(RegionFile, over, overlay.name)
            data = _merge(data, over)
            files.append(overlay.name)
            where = f"{national_path.name} + {overlay.name}"
    return build_rules(data, where, region, exam_year=exam_year, opens=opens, sources=tuple(files))
