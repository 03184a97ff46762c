"""The id_handheld material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from models import Finding, Reading, checks
from models.checks import Variant

from ..crosscheck import (
    Context,
    compare,
    material_finding,
    same_id,
)
from ..extract import (
    ID_RE,
    number_field,
    put_reading,
)
from ..looks import Look
from ..read import Row
from . import Material


def extract_handheld(rows: Sequence[Row]) -> dict[str, Reading]:
    """Only the number: the card is small in a hand-held photo, and the number is what
    ties it to the form."""
    out: dict[str, Reading] = {}
    put_reading(out, number_field(rows, "id_number", r"(?:公民)?身份号码", ID_RE, upper=True))
    return out


def check_handheld(ctx: Context, r: Mapping[str, Reading], look: Look | None) -> Iterator[Finding]:
    reading = r.get("id_number")
    if reading is None:
        yield material_finding(
            ctx,
            "id_number",
            "unreadable",
            ctx.form.id_number,
            None,
            None,
            "手持身份证照片中的证件号码无法辨认，请人工核对人像与证件是否一致。",
        )
        return
    least = ctx.rules.handheld_min_digit_px
    if least and reading.text_px is not None and reading.text_px < least:
        # read or not, a card this small breaks the upload rule (003: 证件内容应清晰可辨):
        # a person could not check it by eye, so neither may we pass it
        yield material_finding(
            ctx,
            "id_number",
            "unreadable",
            ctx.form.id_number,
            reading.value,
            reading.confidence * 0.5,
            f"手持身份证照片中的证件过小：号码字高约{reading.text_px:.0f}像素（应不小于{least}像素），"
            "证件内容不能清晰辨认，不符合上传要求，请人工核对。",
            Variant.TOO_SMALL,
        )
        return
    yield compare(ctx, "id_number", ctx.form.id_number, reading, same_id, look)


MATERIAL = Material(
    sealed=False,
    slot="id_handheld",
    extract=extract_handheld,
    check=check_handheld,
    fields=("id_number",),
    shows="id_front",
    variants=(checks.Variant.TOO_SMALL,),
    detect_side=1152,
)
