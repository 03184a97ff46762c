"""Which calibration a run uses, and applying it to field decisions.

Workers keep the raw scores in their parts (so a refitted calibration never invalidates
finished work); the orchestrator maps field decisions' confidence through the calibration
when it writes the outputs. `CERTCHECK_CALIBRATION=none` turns it off (fitting needs the raw
scores), a path selects another file.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from models import ApplicantResult, Finding
from models.errors import CertcheckError, ExitCode
from stages.calibrate import Calibration
from stages.materials import MATERIALS

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")


class CalibrationError(CertcheckError, ValueError):
    """The calibration file is missing or unreadable (only when one was asked for)."""

    exit_code = ExitCode.rules


def calibration_file() -> Path | None:
    """The calibration file a run uses (for the audit record), None when turned off."""
    choice = os.environ.get("CERTCHECK_CALIBRATION", "")
    if choice.lower() == "none":
        return None
    return Path(choice) if choice else CALIBRATION_FILE


def load_calibration() -> Calibration | None:
    choice = os.environ.get("CERTCHECK_CALIBRATION", "")
    path = calibration_file()
    if path is None:
        return None
    if not path.exists():
        if choice:
            raise CalibrationError(f"calibration file not found: {path}")
        return None
    try:
        return Calibration.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        raise CalibrationError(f"{path}: not a calibration file: {exc}") from exc


def is_field_decision(f: Finding) -> bool:
    """A three-outcome comparison of something read off a material (not a file or form rule)."""
    return f.slot in MATERIALS and f.check.startswith(f.slot + ".")


def calibrate(result: ApplicantResult, cal: Calibration | None) -> ApplicantResult:
    if cal is None:
        return result
    findings = tuple(
        replace(f, confidence=cal.apply(f.status, f.confidence)) if is_field_decision(f) else f
        for f in result.findings
    )
    return replace(result, findings=findings)
