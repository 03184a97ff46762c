"""Load the rule files (national baseline + the window's region overlay) into `models.Rules`.

Rules that differ by region and year live in TOML files a non-programmer can edit; this
module validates them on load and names the file and key in every error.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from models import SLOTS, Requirement, Rules

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


class RulesError(ValueError):
    """A rule file is missing or wrong; the message names the file and the key."""


def _load(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RulesError(f"rule file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{path}: not valid TOML: {exc}") from exc


def region_files(rules_dir: Path = RULES_DIR) -> dict[str, Path]:
    """Region name (as `window.toml` writes it) → overlay file."""
    out = {}
    for path in sorted(rules_dir.glob("*.toml")):
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


def _positive_int(data: dict[str, Any], key: str, where: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise RulesError(f"{where}: `{key}` must be a positive whole number, got {value!r}")
    return value


def _kinds(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not set(value) <= KINDS:
        raise RulesError(
            f"{where}: `{key}` must be a non-empty list of {sorted(KINDS)}, got {value!r}"
        )
    return tuple(value)


def _slots(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise RulesError(f"{where}: must be a list of slot names, got {value!r}")
    unknown = [s for s in value if s not in SLOTS]
    if unknown:
        raise RulesError(f"{where}: unknown slot(s) {unknown}; known slots: {', '.join(SLOTS)}")
    return tuple(value)


def _requirement(cat: Any, at: str, categories: set[str] | None = None) -> Requirement:
    if not isinstance(cat, dict):
        raise RulesError(f"{at}: must be a table with `name`, `when` and `slots`")
    name = cat.get("name")
    if not isinstance(name, str) or not name:
        raise RulesError(f"{at}: needs a `name`")
    when = cat.get("when", {})
    if not isinstance(when, dict):
        raise RulesError(f"{at} ({name}): `when` must be a table of form key = [values]")
    conds = []
    for key, values in when.items():
        if key not in FORM_KEYS:
            raise RulesError(f"{at} ({name}): unknown form key {key!r}; use {sorted(FORM_KEYS)}")
        if not isinstance(values, list) or not values:
            raise RulesError(f"{at} ({name}): `{key}` needs a non-empty list of values")
        conds.append((key, tuple(str(v) for v in values)))
    excepted = cat.get("except_categories", [])
    if not isinstance(excepted, list) or not all(isinstance(c, str) for c in excepted):
        raise RulesError(f"{at} ({name}): `except_categories` must be a list of category names")
    if categories is not None:
        unknown = [c for c in excepted if c not in categories]
        if unknown:
            raise RulesError(
                f"{at} ({name}): `except_categories` names unknown categories {unknown}; "
                f"known: {sorted(categories)}"
            )
    return Requirement(
        name=name,
        when=tuple(conds),
        slots=_slots(cat.get("slots"), f"{at} ({name}) slots"),
        except_categories=tuple(excepted),
    )


def _iso_date(value: Any, at: str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise RulesError(f"{at}: must be a date written YYYY-MM-DD, got {value!r}")


def _cutoffs(data: dict[str, Any], where: str, exam_year: int) -> tuple[tuple[str, str], ...]:
    table = data.get("registration_cutoff", {})
    if not isinstance(table, dict):
        raise RulesError(f"{where} [registration_cutoff]: must be tables keyed by exam year")
    out: dict[int, tuple[tuple[str, str], ...]] = {}
    for year, levels in table.items():
        at = f"{where} [registration_cutoff.{year}]"
        if not str(year).isdigit() or not 1990 <= int(year) <= 2100:
            raise RulesError(f"{at}: the key must be an exam year such as 2026")
        if not isinstance(levels, dict) or not levels:
            raise RulesError(f"{at}: needs education level = date lines, e.g. 专科 = 2024-08-22")
        for level in levels:
            if level not in LEVELS:
                raise RulesError(f"{at}: unknown education level {level!r}; use {sorted(LEVELS)}")
        out[int(year)] = tuple(
            (level, _iso_date(value, f"{at} {level}")) for level, value in levels.items()
        )
    return out.get(exam_year, ())


def _subjects(data: dict[str, Any], where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    table = data.get("licence_subjects", {})
    if not isinstance(table, dict):
        raise RulesError(f"{where} [licence_subjects]: must be exam category = [subjects]")
    out = []
    for category, subjects in table.items():
        if (
            not isinstance(subjects, list)
            or not subjects
            or not all(isinstance(x, str) and x for x in subjects)
        ):
            raise RulesError(
                f"{where} [licence_subjects] {category}: needs a non-empty list of 诊疗科目"
            )
        out.append((str(category), tuple(subjects)))
    return tuple(out)


def _strings(table: dict[str, Any], key: str, at: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
        raise RulesError(f"{at}: `{key}` must be a list of words, got {value!r}")
    return tuple(value)


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
) -> Rules:
    upload = data.get("upload", {})
    form = data.get("form", {})
    review = data.get("review", {})
    categories = data.get("category", [])
    if not isinstance(categories, list):
        raise RulesError(f"{where}: `category` must be a list of [[category]] tables")
    requirements = [
        _requirement(cat, f"{where}: category #{i + 1}") for i, cat in enumerate(categories)
    ]
    names = {r.name for r in requirements}
    additions = data.get("addition", [])
    if not isinstance(additions, list):
        raise RulesError(f"{where}: `addition` must be a list of [[addition]] tables")
    extra = [
        _requirement(add, f"{where}: addition #{i + 1}", names) for i, add in enumerate(additions)
    ]
    min_age = _positive_int(form, "min_age", f"{where} [form]")
    max_age = _positive_int(form, "max_age", f"{where} [form]")
    if min_age >= max_age:
        raise RulesError(f"{where} [form]: min_age ({min_age}) must be below max_age ({max_age})")
    insurance = data.get("social_insurance", {})
    before = 0
    if insurance:
        before = _positive_int(insurance, "months_before_opens", f"{where} [social_insurance]")
    licence = data.get("licence", {})
    graduate = data.get("graduate", {})
    return Rules(
        region=region,
        max_bytes=_positive_int(upload, "max_kb", f"{where} [upload]") * 1024,
        photo_max_bytes=_positive_int(upload, "photo_max_kb", f"{where} [upload]") * 1024,
        image_kinds=_kinds(upload, "image_kinds", f"{where} [upload]"),
        photo_kinds=_kinds(upload, "photo_kinds", f"{where} [upload]"),
        pdf_slots=_slots(upload.get("pdf_slots", []), f"{where} [upload] pdf_slots"),
        always_required=_slots(data.get("required", {}).get("always"), f"{where} [required]"),
        requirements=tuple(requirements),
        flag_rotation=bool(upload.get("flag_rotation", False)),
        handheld_min_digit_px=(
            _positive_int(upload, "handheld_min_digit_px", f"{where} [upload]")
            if "handheld_min_digit_px" in upload
            else 0
        ),
        min_age=min_age,
        max_age=max_age,
        probation_min_months=_positive_int(review, "probation_min_months", f"{where} [review]"),
        sources=tuple(str(s) for s in data.get("_files", [])),
        additions=tuple(extra),
        exam_year=exam_year,
        registration_cutoffs=_cutoffs(data, where, exam_year),
        insurance_months=insurance_months(opens, before),
        licence_subjects=_subjects(data, where),
        clinic_record_categories=_strings(
            licence, "clinic_record_categories", f"{where} [licence]"
        ),
        local_graduate_schools=_strings(graduate, "local_schools", f"{where} [graduate]"),
        agreement_fields=_strings(data.get("ocr", {}), "agreement_fields", f"{where} [ocr]"),
    )


def load_rules(
    region: str = "",
    rules_dir: Path = RULES_DIR,
    *,
    exam_year: int = 0,
    opens: date | None = None,
) -> Rules:
    """National baseline, overlaid with the region's file when there is one. `exam_year`
    picks the year-keyed cut-offs; `opens` (the window's opening date) dates the
    social-insurance months."""
    national = rules_dir / "national.toml"
    data = _load(national)
    files = [national.name]
    where = national.name
    if region:
        overlay = region_files(rules_dir).get(region)
        if overlay is not None:
            data = _merge(data, _load(overlay))
            files.append(overlay.name)
            where = f"{national.name} + {overlay.name}"
    data["_files"] = files
    return build_rules(data, where, region, exam_year=exam_year, opens=opens)
