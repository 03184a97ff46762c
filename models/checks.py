"""Named checks: every check id a finding can carry, its variants, and the one way to build a
finding.

A finding's identity used to be a string built ad hoc (``f"{slot}.{field}"`` plus a suffix)
and parsed back where it mattered. Here a check is registered once (`register`), a finding
names it and, for the three-outcome comparisons, a `Variant` saying which rule decided; no
caller builds or parses check strings. Ids are stable across releases: the audit trail and
the exports quote them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from . import Finding, Status


class Variant(StrEnum):
    """Which rule of a comparison decided (stages.verify.compare), for the reviewer and audit."""

    NO_FORM_VALUE = "no_form_value"  # the form left the field empty: nothing compared
    UNKNOWN_CHARACTER = "unknown_character"  # a `?` read as an uncertain look-alike
    UNKNOWN_TYPABLE = "unknown_typable"  # a `?` read confidently as a typable character
    UNKNOWN_DISAGREES = "unknown_disagrees"  # …that the applicant's other documents do not show
    RARE_CHARACTER = "rare_character"  # a form character the recogniser cannot output
    VERIFIED = "verified"  # the crop scored for the form's value against the reading
    PARTIAL = "partial"  # a piece of the form's value was read
    ENGINES = "engines"  # the second engine decided
    SECOND_LOOK = "second_look"  # a re-read of the enlarged crop decided
    UNSTABLE = "unstable"  # two reads disagree with each other
    TOO_SMALL = "too_small"  # read or not, the print is below the legibility rule


#: The variants any comparison of a form value with a reading may end in.
COMPARISON: frozenset[Variant] = frozenset(Variant) - {Variant.TOO_SMALL}


@dataclass(frozen=True, slots=True)
class Check:
    """One registered check: a stable id and the variants its findings may carry."""

    id: str
    variants: frozenset[Variant] = frozenset()


_REGISTRY: dict[str, Check] = {}

#: Every registered check by id (read-only view).
REGISTRY: Mapping[str, Check] = MappingProxyType(_REGISTRY)


def register(check_id: str, variants: Iterable[Variant] = ()) -> Check:
    """Register a check id (idempotent for the same variants); a clash is a programming error."""
    check = Check(check_id, frozenset(variants))
    known = _REGISTRY.setdefault(check_id, check)
    if known != check:
        raise ValueError(f"check {check_id!r} registered twice with different variants")
    return known


def get(check_id: str) -> Check:
    """The registered check; KeyError for an id nobody registered (a programming error)."""
    return _REGISTRY[check_id]


def finding(
    check: Check,
    *,
    applicant_id: str,
    slot: str,
    file: str | None,
    field: str,
    status: Status,
    expected: str | None,
    observed: str | None,
    confidence: float | None,
    message: str,
    variant: Variant | None = None,
) -> Finding:
    """The one finding constructor: the check must be registered and allow the variant."""
    if _REGISTRY.get(check.id) != check:
        raise KeyError(f"check {check.id!r} is not registered")
    if variant is not None and variant not in check.variants:
        raise ValueError(f"check {check.id!r} has no variant {variant!r}")
    return Finding(
        applicant_id=applicant_id,
        slot=slot,
        file=file,
        field=field,
        status=status,
        expected=expected,
        observed=observed,
        confidence=None if confidence is None else round(float(confidence), 4),
        message=message,
        check=check.id,
        variant=variant,
    )


# -- checks that belong to no material (materials register theirs in stages.materials) ------

ORIENTATION = register("orientation")
DOC_TYPE = register("doc_type")
PROCESSING_ERROR = register("processing.error")
PRESENCE = register("presence.required")
PHOTO_SHAPE = register("photo.shape")
PHOTO_BACKGROUND = register("photo.background")
FORM_LINE_PARSE = register("form.line.parse")
FORM_LINE_MISSING = register("form.line.missing")
FORM_LINE_DUPLICATE = register("form.line.duplicate")
WINDOW_SAME_IMAGE = register("window.same_image")
WINDOW_DUPLICATE = {
    field: register(f"window.duplicate_{field}") for field in ("id_number", "diploma_number")
}

# -- issue 16: inputs (ids and file names are data; nothing outside the window is read)
FORM_LINE_ID = register("form.line.applicant_id")  # an id that cannot name a folder
FILE_SYMLINK = register("file.symlink")  # a link under uploads/: never followed
FILE_SPECIAL = register("file.special")  # a FIFO, socket or device under uploads/: never opened
FILE_NAME = register("file.name")  # a name that is not UTF-8: cannot be reported as it is
FILE_PLACE = register("file.place")  # a file in an applicant's folder but not in a slot's

# -- issue 16: budgets
#: an upload over a processing budget (decoded pixels, PDF pages or content, time, memory)
FILE_BUDGET = register("file.budget")
#: a PDF that needs a password to open
PDF_ENCRYPTED = register("pdf.encrypted")
#: a PDF that carries JavaScript or actions run on opening (Launch, JavaScript)
PDF_SCRIPT = register("pdf.script")
#: a PDF with more pages than are read: which pages were checked
PDF_PAGES = register("pdf.pages")
#: an image too small or too elongated to show a document (1×1, 20000×10)
FILE_DIMENSIONS = register("file.dimensions")
#: our system lost the worker processing the applicant, with no upload to blame (not cached)
WORKER_LOST = register("processing.worker_lost")

# -- issue 16: outputs (our own failures are never the applicant's)

#: An upload the system failed on (an engine timed out or crashed): not the applicant's fault,
#: and never kept, so the next run checks the applicant again.
PROCESSING_SYSTEM = register("processing.system_error")

# -- issue 15: quality gates, seals and signatures
#: every quality gate passed on a page (one pass finding per page)
QUALITY = register("quality")
#: one check per gate that can fail (stages.quality): blurred, glare over print, cut off at an
#: edge, print too small to read
QUALITY_GATES = {
    gate: register(f"quality.{gate}") for gate in ("blur", "glare", "cut_off", "too_small")
}
#: a seal (公章) / a signature (签字) where the region's rules require one, by slot
#: (stages.seals; which materials need one is rules data: `[marks]` in pipeline/rules/)
MARK_SLOTS = (
    "id_front", "id_back", "diploma", "degree", "diploma_record", "probation_cert", "licence",
    "assistant_qualification", "assistant_practice", "practice_period_cert", "social_insurance",
    "mentorship_cert", "pledge",
)  # fmt: skip
SEAL = {slot: register(f"{slot}.seal") for slot in MARK_SLOTS}
SIGNATURE = {slot: register(f"{slot}.signature") for slot in MARK_SLOTS}
