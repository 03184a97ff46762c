"""Form-aware verification with the real recogniser: the crop, not the first reading, decides."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from models import ApplicantForm, Reading, Rules
from models.checks import Variant
from stages import crosscheck, materials, textnorm  # noqa: F401 (materials registers the check ids)
from stages.looks import SecondLook

FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    from stages.ocr.rapid import RapidEngine

    return RapidEngine()


def page(text: str) -> np.ndarray:
    img = Image.new("RGB", (480, 90), "white")
    ImageDraw.Draw(img).text((20, 15), text, font=ImageFont.truetype(FONT, 44), fill="black")
    return np.asarray(img)[:, :, ::-1].copy()


def decide(engine: object, printed: str, read_as: str, form_name: str) -> crosscheck.Finding:
    image = page("姓名" + printed)
    reading = Reading(
        "name", read_as, 0.97, "ppocr", box=(15, 10, 470, 80), source="姓名" + read_as
    )
    form = ApplicantForm("1", name=form_name)
    ctx = crosscheck.Context(form, "id_front", "f", date(2026, 1, 31), Rules())
    look = SecondLook(engine, "id_front", image)
    return crosscheck.compare(ctx, "name", form_name, reading, crosscheck.same_name, look)


def test_a_look_alike_printed_on_the_document_is_a_mismatch(engine: object) -> None:
    f = decide(engine, "张玮", "张玮", "张伟")
    assert f.status == "mismatch" and f.variant is Variant.VERIFIED


def test_a_misread_of_the_forms_value_passes(engine: object) -> None:
    # the crop shows 张伟; a (simulated) first reading said 张玮
    f = decide(engine, "张伟", "张玮", "张伟")
    assert f.status == "pass"


def test_rare_character_read_as_a_common_one_is_never_a_mismatch(engine: object) -> None:
    f = decide(engine, "欧阳晓彧", "欧阳晓或", "欧阳晓彧")
    assert f.status in ("pass", "unreadable")


def cut_line(text: str, kept: str, width: int) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """`text` printed on a line, and a reading's box that ends after its start `kept` (where a
    seal broke the line for the detector)."""
    img = Image.new("RGB", (width, 90), "white")
    font = ImageFont.truetype(FONT, 44)
    draw = ImageDraw.Draw(img)
    draw.text((20, 15), text, font=font, fill="black")
    cut = int(draw.textlength(kept, font=font)) + 20
    return np.asarray(img)[:, :, ::-1].copy(), (15, 10, cut, 80)


def unit_decision(engine: object, printed: str, form_unit: str) -> crosscheck.Finding:
    """The line was cut after 天津市第 (where a seal broke it): the reading's box ends there."""
    image, box = cut_line("机构名称" + printed, "机构名称天津市第", 900)
    reading = Reading("work_unit", "天津市第", 0.99, "ppocr", box=box, source="机构名称天津市第")
    form = ApplicantForm("1", name="张伟", work_unit=form_unit)
    ctx = crosscheck.Context(form, "licence", "f", date(2026, 1, 31), Rules())
    look = SecondLook(engine, "licence", image)
    return crosscheck.compare(ctx, "work_unit", form_unit, reading, textnorm.same_institution, look)


def test_a_line_cut_short_is_judged_on_the_crop_the_forms_value_would_fill(engine: object) -> None:
    whole = unit_decision(engine, "天津市第一中心医院", "天津市第一中心医院")
    assert whole.status == "pass" and whole.observed == "天津市第一中心医院"
    # what the rest of the line shows still counts: another hospital is no pass
    assert unit_decision(engine, "天津市第三医院", "天津市第一中心医院").status != "pass"


def lettered_decision(engine: object, tail_colour: str) -> crosscheck.Finding:
    """姓名徐霞晓, then 卫生 in `tail_colour` right after it (a seal's lettering when red),
    read into the name: 徐霞晓卫生."""
    img = Image.new("RGB", (560, 90), "white")
    font = ImageFont.truetype(FONT, 44)
    draw = ImageDraw.Draw(img)
    draw.text((20, 15), "姓名徐霞晓", font=font, fill="black")
    x = 20 + int(draw.textlength("姓名徐霞晓", font=font)) + 12
    draw.text((x, 15), "卫生", font=font, fill=tail_colour)
    draw.ellipse((x - 30, -60, x + 150, 120), outline=tail_colour, width=4)
    image = np.asarray(img)[:, :, ::-1].copy()
    reading = Reading(
        "name", "徐霞晓卫生", 0.88, "ppocr", box=(15, 10, x + 100, 80), source="姓名徐霞晓卫生"
    )
    form = ApplicantForm("1", name="徐霞晓")
    ctx = crosscheck.Context(form, "assistant_qualification", "f", date(2026, 1, 31), Rules())
    look = SecondLook(engine, "assistant_qualification", image)
    return crosscheck.compare(ctx, "name", "徐霞晓", reading, crosscheck.same_name, look)


def test_seal_lettering_read_into_a_name_is_judged_off_the_crop(engine: object) -> None:
    sealed = lettered_decision(engine, "#702020")
    assert sealed.status == "pass"
    # the crop cut at the print reads the name alone: that is what the finding shows
    assert sealed.observed == "徐霞晓" and "复核识别为“徐霞晓”" in sealed.message
    # the same characters printed in black are part of what the document says
    assert lettered_decision(engine, "black").status != "pass"


def test_a_minority_name_printed_without_its_dot_is_supported(engine: object) -> None:
    """米娜瓦尔司马义 printed without the `·` the form has; the detector's box (a seal broke the
    line) ended after 米娜."""
    image, box = cut_line("姓名米娜瓦尔司马义", "姓名米娜", 700)
    reading = Reading("name", "米娜", 0.99, "ppocr", box=box, source="姓名米娜")
    form = ApplicantForm("1", name="米娜瓦尔·司马义")
    ctx = crosscheck.Context(form, "assistant_qualification", "f", date(2026, 1, 31), Rules())
    look = SecondLook(engine, "assistant_qualification", image)
    f = crosscheck.compare(ctx, "name", form.name, reading, crosscheck.same_name, look)
    assert f.status == "pass"
    # another name's tail after the same first two characters is no pass
    form = ApplicantForm("1", name="米娜古丽·艾力")
    f = crosscheck.compare(ctx, "name", form.name, reading, crosscheck.same_name, look)
    assert f.status != "pass"


def test_a_question_mark_needs_a_character_on_the_crop(engine: object) -> None:
    """钟? read as 钟: passes where a character stands after 钟 (here 锌, any will do), not
    where nothing does."""

    def judge(printed: str) -> str:
        image, box = cut_line("姓名" + printed, "姓名钟", 480)
        reading = Reading("name", "钟", 0.99, "ppocr", box=box, source="姓名钟")
        form = ApplicantForm("1", name="钟?")
        ctx = crosscheck.Context(form, "probation_cert", "f", date(2026, 1, 31), Rules())
        look = SecondLook(engine, "probation_cert", image)
        return crosscheck.compare(ctx, "name", "钟?", reading, crosscheck.same_name, look).status

    assert judge("钟锌") == "pass"
    assert judge("钟") != "pass"
