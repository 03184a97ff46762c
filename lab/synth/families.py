"""Layout families: the same material as different issuers print it (issue 15).

A family is one issuer's layout of a material: its field order, label wording, running text
or table, fonts, seals. Each material registers its families here; a document's family is a
field of its `Doc` (`fields["family"]`), drawn per person from a generator of its own so that
adding a family leaves every other draw of a window as it was.

Families are either *tuned* (the readers in `stages/` may be developed and tuned against
them) or *held out* (written before any reader change that could have seen them and never
used while tuning: the evaluation reports on them as "families we did not tune on"). A
window is generated from one selection: `all`, `tuned` or `held-out`. A material printed to
one national design (ID cards, the photo) has a single family, `national`, in every
selection.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lab.synth.render import Doc, Rendered

Renderer = Callable[["Doc", random.Random], "Rendered"]
#: builds a born-digital PDF of the document from its fields
PdfBuilder = Callable[[dict[str, str]], bytes]

SELECTIONS = ("all", "tuned", "held-out")


@dataclass(frozen=True)
class Family:
    """One issuer's layout of a material."""

    doc_type: str
    name: str
    #: draws the document; None: the material's built-in renderer (render.RENDERERS)
    render: Renderer | None
    held_out: bool
    #: who prints it this way and how it differs (for the report and the README)
    note: str = ""
    #: its born-digital PDF (for materials uploaded as PDF); None: the material's default
    pdf: PdfBuilder | None = None


FAMILIES: dict[str, dict[str, Family]] = {}

#: Families once held out whose report has been run and looked at (seeds 20261139,
#: 20261140, 20261142 and 20261143): the readers may be tuned on them since, so they count
#: as tuned. A report needs new held-out families after each one.
LOOKED_AT = frozenset(
    {
        ("diploma", "proof"),
        ("degree", "booklet"),
        ("diploma_record", "scan"),
        ("mentorship_cert", "letter"),
        ("pledge", "statement"),
        ("probation_cert", "letter"),
        ("practice_period_cert", "letter"),
        ("licence", "booklet"),
        ("social_insurance", "span"),
        ("assistant_qualification", "booklet"),
        ("assistant_practice", "booklet"),
        # the fourth families (families_more.py), reported on with seed 20261140
        ("diploma", "form"),
        ("degree", "modern"),
        ("diploma_record", "grid"),
        ("mentorship_cert", "list"),
        ("pledge", "block"),
        ("probation_cert", "landscape"),
        ("practice_period_cert", "form"),
        ("licence", "original"),
        ("social_insurance", "ledger"),
        ("assistant_qualification", "ledger"),
        ("assistant_practice", "kai"),
        # the fifth families (families_5.py), reported on with seed 20261142
        ("diploma", "bilingual"),
        ("degree", "hei"),
        ("diploma_record", "web"),
        ("mentorship_cert", "columns"),
        ("pledge", "grid"),
        ("probation_cert", "sheet"),
        ("practice_period_cert", "memo"),
        ("licence", "grid"),
        ("social_insurance", "grid"),
        ("assistant_qualification", "electronic"),
        ("assistant_practice", "grid"),
        # the sixth families (families_6.py), reported on with seed 20261143
        ("diploma", "fillin"),
        ("degree", "conferral"),
        ("diploma_record", "print"),
        ("mentorship_cert", "stack"),
        ("pledge", "fillin"),
        ("probation_cert", "notice"),
        ("practice_period_cert", "photocopy"),
        ("licence", "twocol"),
        ("social_insurance", "province"),
        ("assistant_qualification", "stack"),
        ("assistant_practice", "qr"),
        # the seventh families (families_7.py), reported on with seed 20261144
        ("diploma", "mode"),
        ("degree", "english"),
        ("diploma_record", "sections"),
        ("mentorship_cert", "mentor"),
        ("pledge", "thumb"),
        ("probation_cert", "tutor"),
        ("practice_period_cert", "annual"),
        ("licence", "checks"),
        ("social_insurance", "cards"),
        ("assistant_qualification", "band"),
        ("assistant_practice", "change"),
        # the eighth families (families_8.py), reported on with seed 20261145
        ("diploma", "photo"),
        ("degree", "band"),
        ("diploma_record", "english"),
        ("mentorship_cert", "panels"),
        ("pledge", "handwritten"),
        ("probation_cert", "appraisal"),
        ("practice_period_cert", "system"),
        ("licence", "frame"),
        ("social_insurance", "unit"),
        ("assistant_qualification", "certified"),
        ("assistant_practice", "filing"),
        # the ninth families (families_9.py), reported on with seed 20261146
        ("diploma", "duplicate"),
        ("degree", "screenshot"),
        ("diploma_record", "watermark"),
        ("mentorship_cert", "register"),
        ("pledge", "photo"),
        ("probation_cert", "letterhead"),
        ("practice_period_cert", "handfilled"),
        ("licence", "sealedcopy"),
        ("social_insurance", "rights"),
        ("assistant_qualification", "spread"),
        ("assistant_practice", "photo"),
        # the tenth families (families_10.py), reported on with seed 20261147
        ("diploma", "nameseal"),
        ("degree", "barcode"),
        ("diploma_record", "photos"),
        ("mentorship_cert", "sideband"),
        ("pledge", "landscape"),
        ("probation_cert", "electronic"),
        ("practice_period_cert", "pad"),
        ("licence", "query"),
        ("social_insurance", "words"),
        ("assistant_qualification", "darkgrid"),
        ("assistant_practice", "query"),
        # the eleventh families (families_11.py), reported on with seed 20261148
        ("diploma", "sentence"),
        ("degree", "pattern"),
        ("diploma_record", "leaders"),
        ("mentorship_cert", "masternote"),
        ("pledge", "boxes"),
        ("probation_cert", "grid"),
        ("practice_period_cert", "roster"),
        ("licence", "decision"),
        ("social_insurance", "halves"),
        ("assistant_qualification", "bilingual"),
        ("assistant_practice", "inked"),
        # the twelfth families (families_12.py), reported on with seed 20261149
        ("diploma", "ruledgrid"),
        ("degree", "labellist"),
        ("diploma_record", "fourcol"),
        ("mentorship_cert", "greenframe"),
        ("pledge", "typed"),
        ("probation_cert", "kailetter"),
        ("practice_period_cert", "boxed"),
        ("licence", "twolist"),
        ("social_insurance", "statement"),
        ("assistant_qualification", "kaiframe"),
        ("assistant_practice", "greyband"),
        # the thirteenth families (families_13.py), reported on with seed 20261150
        ("diploma", "stapledcopy"),
        ("degree", "ruledground"),
        ("diploma_record", "mobile"),
        ("mentorship_cert", "watermark"),
        ("pledge", "letterhead"),
        ("probation_cert", "twocol"),
        ("practice_period_cert", "darkhead"),
        ("licence", "kaicopy"),
        ("social_insurance", "summary"),
        ("assistant_qualification", "flatbed"),
        ("assistant_practice", "leaders"),
        # the fourteenth families (families_14.py), reported on with seed 20261151
        ("diploma", "graduate"),
        ("degree", "footstrip"),
        ("diploma_record", "stacks"),
        ("mentorship_cert", "twosides"),
        ("pledge", "system"),
        ("probation_cert", "stack"),
        ("practice_period_cert", "twoseals"),
        ("licence", "changes"),
        ("social_insurance", "voucher"),
        ("assistant_qualification", "screenshot"),
        ("assistant_practice", "redhead"),
        # the fifteenth families (families_15.py), reported on with seed 20261152
        ("diploma", "crest"),
        ("degree", "statute"),
        ("diploma_record", "greyprint"),
        ("mentorship_cert", "logoband"),
        ("pledge", "receipt"),
        ("probation_cert", "bilingual"),
        ("practice_period_cert", "slip"),
        ("licence", "hanzi"),
        ("social_insurance", "months"),
        ("assistant_qualification", "landscape"),
        ("assistant_practice", "guilloche"),
        # the sixteenth families (families_16.py), reported on with seed 20261153
        ("diploma", "heitext"),
        ("degree", "dotted"),
        ("diploma_record", "hanzi"),
        ("mentorship_cert", "higrid"),
        ("pledge", "sansbox"),
        ("probation_cert", "printout"),
        ("practice_period_cert", "register"),
        ("licence", "slashgrid"),
        ("social_insurance", "landscape"),
        ("assistant_qualification", "serif"),
        ("assistant_practice", "serif"),
        # the seventeenth families (families_17.py), reported on with seed 20261154
        ("diploma", "kaiwide"),
        ("degree", "mingwide"),
        ("diploma_record", "zebra"),
        ("mentorship_cert", "kaitext"),
        ("pledge", "addressed"),
        ("probation_cert", "counterfoil"),
        ("practice_period_cert", "fourcol"),
        ("licence", "landscape"),
        ("social_insurance", "kinds"),
        ("assistant_qualification", "redframe"),
        ("assistant_practice", "mingtable"),
        # the eighteenth families (families_18.py), reported on with seed 20261155
        ("diploma", "redno"),
        ("degree", "centred"),
        ("diploma_record", "axis"),
        ("mentorship_cert", "landscape"),
        ("pledge", "clauses"),
        ("probation_cert", "underlined"),
        ("practice_period_cert", "landscape"),
        ("licence", "numbered"),
        ("social_insurance", "columns"),
        ("assistant_qualification", "heilist"),
        ("assistant_practice", "landscape"),
        # the nineteenth families (families_19.py), reported on with seed 20261156
        ("diploma", "hanzidate"),
        ("degree", "kai"),
        ("diploma_record", "ruledcells"),
        ("mentorship_cert", "sentence"),
        ("pledge", "heitext"),
        ("probation_cert", "mingrule"),
        ("practice_period_cert", "ruledform"),
        ("licence", "heiruled"),
        ("social_insurance", "dash"),
        ("assistant_qualification", "mingtable"),
        ("assistant_practice", "sans"),
        # the twentieth families (families_20.py), reported on with seed 20261157
        ("diploma", "ming"),
        ("degree", "ownline"),
        ("diploma_record", "headed"),
        ("mentorship_cert", "stampedno"),
        ("pledge", "ming"),
        ("probation_cert", "opinions"),
        ("practice_period_cert", "listrow"),
        ("licence", "kaiwrap"),
        ("social_insurance", "grouped"),
        ("assistant_qualification", "hanzi"),
        ("assistant_practice", "heiright"),
        # the twenty-first families (families_21.py), reported on with seed 20261158
        ("diploma", "photoright"),
        ("degree", "foottable"),
        ("diploma_record", "sidebar"),
        ("mentorship_cert", "embossed"),
        ("pledge", "notes"),
        ("probation_cert", "signatories"),
        ("practice_period_cert", "kaicentre"),
        ("licence", "sidebox"),
        ("social_insurance", "shares"),
        ("assistant_qualification", "footcode"),
        ("assistant_practice", "stampdate"),
        # the twenty-second families (families_22.py), reported on with seed 20261159
        ("diploma", "seam"),
        ("degree", "photofoot"),
        ("diploma_record", "qrfoot"),
        ("mentorship_cert", "cosigned"),
        ("pledge", "signblock"),
        ("probation_cert", "docket"),
        ("practice_period_cert", "headrow"),
        ("licence", "validband"),
        ("social_insurance", "checkcode"),
        ("assistant_qualification", "caption"),
        ("assistant_practice", "approval"),
        # the twenty-third families (families_23.py), reported on with seed 20261160
        ("diploma", "signed"),
        ("degree", "boardseal"),
        ("diploma_record", "isodates"),
        ("mentorship_cert", "leftseal"),
        ("pledge", "headstrip"),
        ("probation_cert", "resultbox"),
        ("practice_period_cert", "underscored"),
        ("licence", "runon"),
        ("social_insurance", "securityno"),
        ("assistant_qualification", "vrule"),
        ("assistant_practice", "isodate"),
        # the twenty-fourth families (families_24.py), reported on with seed 20261161
        ("diploma", "kaiterm"),
        ("degree", "topno"),
        ("diploma_record", "triple"),
        ("mentorship_cert", "holder"),
        ("pledge", "kaiprose"),
        ("probation_cert", "confirm"),
        ("practice_period_cert", "verdicts"),
        ("licence", "subjectbox"),
        ("social_insurance", "belong"),
        ("assistant_qualification", "midline"),
        ("assistant_practice", "hanzireg"),
        # the twenty-fifth families (families_25.py), reported on with seed 20261162
        ("diploma", "landscape"),
        ("degree", "photonum"),
        ("diploma_record", "colon"),
        ("mentorship_cert", "ruledlines"),
        ("pledge", "pairs"),
        ("probation_cert", "transfer"),
        ("practice_period_cert", "circular"),
        ("licence", "shaded"),
        ("social_insurance", "kindfirst"),
        ("assistant_qualification", "leaderdots"),
        ("assistant_practice", "dotreg"),
        # the twenty-sixth families (families_26.py), reported on with seed 20261163
        ("diploma", "topright"),
        ("degree", "mingside"),
        ("diploma_record", "codebox"),
        ("mentorship_cert", "centrelines"),
        ("pledge", "tablefoot"),
        ("probation_cert", "hanzispan"),
        ("practice_period_cert", "twoblocks"),
        ("licence", "captions"),
        ("social_insurance", "yearheads"),
        ("assistant_qualification", "sidebyside"),
        ("assistant_practice", "slashdate"),
    }
)

#: Materials printed to one national design: a single family in every selection.
NATIONAL = ("id_front", "id_back", "id_handheld", "photo")


def register(
    doc_type: str,
    name: str,
    render: Renderer | None,
    *,
    held_out: bool,
    note: str = "",
    pdf: PdfBuilder | None = None,
) -> None:
    """Add a family; a second one of the same name for the same material is a bug."""
    table = FAMILIES.setdefault(doc_type, {})
    if name in table:
        raise ValueError(f"family {doc_type}/{name} registered twice")
    if held_out and (doc_type, name) in LOOKED_AT:
        held_out = False
        note = f"{note} (held out until a report was run on it; tuned since)"
    table[name] = Family(doc_type, name, render, held_out, note, pdf)


def choices(doc_type: str, selection: str) -> list[str]:
    """The families of `doc_type` a window of `selection` draws from (sorted)."""
    if selection not in SELECTIONS:
        raise ValueError(f"unknown family selection {selection!r}; one of {SELECTIONS}")
    table = FAMILIES.get(doc_type, {})
    if selection == "all":
        names = list(table)
    else:
        want = selection == "held-out"
        names = [n for n, f in table.items() if f.held_out == want]
    if not names:  # a material with no family of that kind keeps its built-in layout
        names = [n for n, f in table.items() if not f.held_out] or list(table)
    return sorted(names)


def draw(doc_type: str, key: str, selection: str) -> str | None:
    """The family of one person's `doc_type`, from a generator seeded by `key` alone;
    None when the material has no registered family."""
    names = choices(doc_type, selection)
    if not names:
        return None
    return random.Random(f"family/{doc_type}/{key}").choice(names)


def renderer(doc_type: str, name: str | None) -> Renderer | None:
    """The registered renderer of a family; None: use the material's built-in one."""
    if not name:
        return None
    fam = FAMILIES.get(doc_type, {}).get(name)
    return fam.render if fam else None


def pdf_builder(doc_type: str, name: str | None) -> PdfBuilder | None:
    """The registered PDF builder of a family; None: the material's default one."""
    fam = FAMILIES.get(doc_type, {}).get(name or "")
    return fam.pdf if fam else None


def summary() -> list[tuple[str, str, bool, str]]:
    """(material, family, held out, note) for every registered family, sorted."""
    return sorted(
        (f.doc_type, f.name, f.held_out, f.note) for t in FAMILIES.values() for f in t.values()
    )


def _builtin() -> None:
    """The layouts the generator drew before families existed: tuned by construction."""
    from lab.synth.render import DOC_TYPES

    for doc_type in DOC_TYPES:
        if doc_type == "social_insurance":
            continue
        name = "national" if doc_type in NATIONAL else "classic"
        register(doc_type, name, None, held_out=False, note="the generator's first layout")
    register(
        "social_insurance",
        "table",
        None,
        held_out=False,
        note="人社局 print-out: person lines, then a 年月/险种/基数/状态 table",
    )
    register(
        "social_insurance",
        "serial",
        None,
        held_out=False,
        note="another system: 序号 first, insurance types as columns, its own status words",
    )
    # other issuers' layouts of the education materials (imported here, after the
    # built-in families, so the import cannot cycle back into a half-built table)
    from lab.synth.families_edu import register_all as register_edu

    register_edu()
    # Other issuers of the work materials (imported here, after `register` exists, so the
    # module's own import of this one finds it defined).
    from lab.synth.families_work import register_all as register_work

    register_work()
    # the fourth and later issuers' layouts (looked at once reported on): each round's
    # HELD_OUT table, registered as held out (`register` counts a looked-at one as tuned)
    for module in rounds():
        for doc_type, name, draw, pdf, note in module.HELD_OUT:
            register(doc_type, name, draw, held_out=True, note=note, pdf=pdf)


#: The modules of the fourth and later rounds of layout families, in order: a new round is
#: added here (and nowhere else in the lab; the tests read this list).
ROUNDS = (
    "families_more",
    "families_5",
    "families_6",
    "families_7",
    "families_8",
    "families_9",
    "families_10",
    "families_11",
    "families_12",
    "families_13",
    "families_14",
    "families_15",
    "families_16",
    "families_17",
    "families_18",
    "families_19",
    "families_20",
    "families_21",
    "families_22",
    "families_23",
    "families_24",
    "families_25",
    "families_26",
)


def rounds() -> list[ModuleType]:
    """The round modules of `ROUNDS`, imported (late: they import this module)."""
    return [importlib.import_module(f"lab.synth.{name}") for name in ROUNDS]


_builtin()


def without_held_out(selection: str) -> list[str]:
    """The materials a `held-out` selection must draw tuned layouts for, having no held-out
    family left (every one was reported on and looked at): such a report is no held-out
    report for them."""
    if selection != "held-out":
        return []
    return sorted(
        m
        for m, table in FAMILIES.items()
        if m not in NATIONAL and not any(f.held_out for f in table.values())
    )
