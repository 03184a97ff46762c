"""Load the rule files (national baseline + the window's region overlay) into `models.Rules`.

Rules that differ by region and year live in TOML files a non-programmer can edit; this
module validates them on load and names the file and key in every error.
"""

from __future__ import annotations

import tomllib
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
}


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


def build_rules(data: dict[str, Any], where: str, region: str = "") -> Rules:
    upload = data.get("upload", {})
    form = data.get("form", {})
    review = data.get("review", {})
    requirements = []
    for i, cat in enumerate(data.get("category", [])):
        at = f"{where}: category #{i + 1}"
        name = cat.get("name")
        if not isinstance(name, str) or not name:
            raise RulesError(f"{at}: needs a `name`")
        when = cat.get("when", {})
        if not isinstance(when, dict):
            raise RulesError(f"{at} ({name}): `when` must be a table of form key = [values]")
        conds = []
        for key, values in when.items():
            if key not in FORM_KEYS:
                raise RulesError(
                    f"{at} ({name}): unknown form key {key!r}; use {sorted(FORM_KEYS)}"
                )
            if not isinstance(values, list) or not values:
                raise RulesError(f"{at} ({name}): `{key}` needs a non-empty list of values")
            conds.append((key, tuple(str(v) for v in values)))
        requirements.append(
            Requirement(name=name, when=tuple(conds), slots=_slots(cat.get("slots"), f"{at}"))
        )
    min_age = _positive_int(form, "min_age", f"{where} [form]")
    max_age = _positive_int(form, "max_age", f"{where} [form]")
    if min_age >= max_age:
        raise RulesError(f"{where} [form]: min_age ({min_age}) must be below max_age ({max_age})")
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
        min_age=min_age,
        max_age=max_age,
        probation_min_months=_positive_int(review, "probation_min_months", f"{where} [review]"),
        sources=tuple(str(s) for s in data.get("_files", [])),
    )


def load_rules(region: str = "", rules_dir: Path = RULES_DIR) -> Rules:
    """National baseline, overlaid with the region's file when there is one."""
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
    return build_rules(data, where, region)
