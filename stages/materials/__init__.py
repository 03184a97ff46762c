"""One module per material: what it prints, which labels the reader treats specially, its
extractor and its checks, registered in one table (`MATERIALS`). A new material is one file
here plus its name in `_MODULES`.

Each module defines ``MATERIAL = Material(...)``; registering it also registers the check ids
``<slot>.<field>`` of every field its checks report (models.checks), with the comparison
variants.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from models import Finding, Reading, checks

from ..crosscheck import Context
from ..looks import Look
from ..read import Row

Extractor = Callable[[Sequence[Row]], dict[str, Reading]]
Checker = Callable[[Context, Mapping[str, Reading], Look | None], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class Material:
    """Everything certcheck knows of one material (a slot of CONTRACT §2)."""

    slot: str
    extract: Extractor
    check: Checker
    #: the fields its checks report (each a registered check id `<slot>.<field>`)
    fields: tuple[str, ...]
    #: fields every copy prints: one not found on a scan → the page is detected again closer
    printed: tuple[str, ...] = ()
    #: prints its holder's name and ID number
    personal: bool = False
    #: keyword evidence (regular expressions) that identify it (stages.classify)
    markers: tuple[str, ...] = ()
    #: a marker that alone identifies it
    heading: str = ""
    #: the material whose markers it shows (a card held in the hand shows the card's)
    shows: str = ""
    #: labels whose short value the detector sometimes misses (stages.read.fill_lone_labels)
    short_value_labels: tuple[str, ...] = ()
    #: labels of rows no check reads: the reader skips the rest of such a row
    skip_labels: tuple[str, ...] = ()
    #: table columns no check reads, by header label
    skip_columns: tuple[str, ...] = ()
    #: the long side, in pixels, its page is searched for text at (None: the default)
    detect_side: int | None = None
    #: extra variants its checks may end in besides the comparison's
    variants: tuple[checks.Variant, ...] = ()
    #: an issuer's seal may lie over its print (stages.read.read_under_seals); an ID card's
    #: red is the national emblem, never over text
    sealed: bool = True


#: The material modules. Their order is the classifier's: a page that scores equally for
#: two materials is taken for the first.
_MODULES = (
    "id_front",
    "id_back",
    "diploma",
    "licence",
    "probation_cert",
    "id_handheld",
    "degree",
    "diploma_record",
    "assistant_qualification",
    "assistant_practice",
    "practice_period_cert",
    "mentorship_cert",
    "pledge",
    "social_insurance",
)


def _load() -> dict[str, Material]:
    table: dict[str, Material] = {}
    for name in _MODULES:
        material: Material = importlib.import_module(f"{__name__}.{name}").MATERIAL
        variants = checks.COMPARISON | set(material.variants)
        for field in material.fields:
            checks.register(f"{material.slot}.{field}", variants)
        table[material.slot] = material
    return table


MATERIALS: Mapping[str, Material] = _load()


def get(slot: str) -> Material | None:
    """The material a slot holds; None for slots nothing is read off (photo, other)."""
    return MATERIALS.get(slot)


def extract(slot: str, rows: Sequence[Row]) -> dict[str, Reading]:
    """Readings for the material expected in `slot` (empty for slots without an extractor)."""
    material = MATERIALS.get(slot)
    return material.extract(rows) if material else {}


def crosscheck(
    ctx: Context, readings: Mapping[str, Reading], look: Look | None = None
) -> Iterator[Finding]:
    """The material's checks of what was read against the form."""
    material = MATERIALS.get(ctx.slot)
    if material is not None:
        yield from material.check(ctx, readings, look)
