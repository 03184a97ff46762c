"""PDF uploads with a text layer: the 学历 备案表 and the social-insurance statement as the
issuing sites let people download them.

fpdf2 embeds a subset of Noto Sans CJK (a CID-keyed CFF font) and describes its glyph codes
with an embedded CMap named `Adobe-Identity-UCS`. pdfminer (pdfplumber) only knows CMaps by
name, finds none by that name and then extracts no text at all; the codes fpdf2 writes are
their own ToUnicode keys, so naming the encoding `Identity-H` (same byte length, so the xref
stays valid) makes the text layer extractable while renderers keep using the embedded CMap.
"""

from __future__ import annotations

import dataclasses
import os
import string
import sys
import tempfile
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from fontTools import subset
from fontTools.ttLib import TTFont
from fpdf import FPDF

from lab.synth import people
from lab.synth import render as render_mod
from lab.synth.render import (
    FONT_DIR,
    RECORD_TITLE,
    _ymd_pad,
    record_rows,
    si_family,
    si_header,
    si_payments,
    si_person_lines,
)

FIXED_DATE = datetime(2025, 1, 1, tzinfo=UTC)
_OLD_CMAP = b"/CMapName /Adobe-Identity-UCS\n"
_NEW_CMAP = b"/CMapName /Identity-H".ljust(len(_OLD_CMAP) - 1) + b"\n"


RECORD_FOOT = "学信网 https://www.chsi.com.cn  本表仅用于证明学历证书电子注册信息"
FULL_FONT = FONT_DIR + "NotoSansCJK-Regular.ttc"


def _strings(value: Any, out: set[str], depth: int = 0) -> None:
    if depth > 4:
        return
    if isinstance(value, str):
        out.update(value)
    elif isinstance(value, tuple | list | set | frozenset):
        for v in value:
            _strings(v, out, depth + 1)
    elif isinstance(value, dict):
        for k, v in value.items():
            _strings(k, out, depth + 1)
            _strings(v, out, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _strings(getattr(value, f.name), out, depth + 1)


@lru_cache(maxsize=1)
def _subset_font() -> tuple[str, frozenset[str]]:
    """Noto Sans CJK cut down to every character the generator's tables and templates can
    print (a few thousand glyphs), written once per process: fpdf2 parses the full
    collection in ~0.5 s per document, the subset in a few milliseconds."""
    chars: set[str] = set(string.printable)
    for module in (people, render_mod, sys.modules[__name__]):
        for value in vars(module).values():
            _strings(value, chars)
    chars.update(_TEMPLATE_CHARS)
    chars.add("\u3000")  # the ideographic space some templates align with
    font = TTFont(FULL_FONT, fontNumber=2, lazy=True)
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.layout_features = []
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(ord(c) for c in chars))
    sub.subset(font)
    fd, path = tempfile.mkstemp(prefix="certcheck-synth-", suffix=".otf")
    with os.fdopen(fd, "wb") as fh:
        font.save(fh)
    covered = frozenset(chr(c) for c in font.getBestCmap())
    return path, covered


_TEMPLATE_CHARS = (
    "教育部学历证书电子注册备案表学历认证报告更新日期姓名性别证件号码出生入学毕结业学校名称专业学制"
    "层次类别形式普通全日制高等教育中职校院长编在线验证码报告有效期至学信网本表仅用于明息社会保险个人"
    "缴费证明参保障单位年月险种基数状态已欠城镇职工基本养老医疗失工伤生育打印业务专用章天津市北京辽宁省"
    "资金管理中心男女学习形式毕(结)业校(院)长姓名研究生博士硕士：（）()0123456789.，。"
)


def _font_for(texts: list[str]) -> str:
    path, covered = _subset_font()
    if all(c in covered or c.isspace() for t in texts for c in t):
        return path
    return FULL_FONT


def _new_pdf(title: str, when: datetime, texts: list[str]) -> FPDF:
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_compression(True)
    pdf.set_creation_date(when)
    pdf.set_title(title)
    pdf.set_producer("certcheck-synth")
    pdf.set_creator("certcheck-synth")
    font = _font_for([title, *texts])
    if font == FULL_FONT:
        pdf.add_font("noto", "", font, collection_font_number=2)
    else:
        pdf.add_font("noto", "", font)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    return pdf


def _finish(pdf: FPDF) -> bytes:
    data = bytes(pdf.output())
    return data.replace(_OLD_CMAP, _NEW_CMAP)


def _seal(pdf: FPDF, x: float, y: float, r: float, text: str, bottom: str = "") -> None:
    """A red round seal drawn in vectors (ring, star-like dot, unit name across)."""
    pdf.set_draw_color(200, 30, 35)
    pdf.set_text_color(200, 30, 35)
    pdf.set_line_width(0.8)
    pdf.circle(x=x, y=y, radius=r)
    pdf.set_font("noto", size=7)
    width = pdf.get_string_width(text)
    if width > 2 * r - 4:
        pdf.set_font("noto", size=7 * (2 * r - 4) / width)
    pdf.text(x - pdf.get_string_width(text) / 2, y - 2, text)
    if bottom:
        pdf.set_font("noto", size=6)
        pdf.text(x - pdf.get_string_width(bottom) / 2, y + r * 0.55, bottom)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)


def record_pdf(fields: dict[str, str]) -> bytes:
    """教育部学历证书电子注册备案表 (or 学历认证报告) with a text layer."""
    title = fields.get("title", RECORD_TITLE)
    rows = record_rows(fields)
    texts = [
        *fields.values(),
        *(t for row in rows for t in row),
        RECORD_FOOT,
        "更新日期：在线验证码报告有效期至",
    ]
    pdf = _new_pdf(title, FIXED_DATE, texts)
    pdf.set_font("noto", size=18)
    pdf.set_text_color(30, 80, 150)
    pdf.set_xy(10, 22)
    pdf.cell(190, 10, title, align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("noto", size=9)
    pdf.set_xy(120, 36)
    pdf.cell(80, 6, f"更新日期：{_ymd_pad(fields['update_date'])}", align="R")
    widths = (30, 60, 32, 58)
    y = 48
    pdf.set_draw_color(140, 150, 170)
    for la, va, lb, vb in rows:
        pdf.set_xy(10, y)
        pdf.set_font("noto", size=10)
        cells: list[tuple[str, int]] = [(la, widths[0]), (va, widths[1])]
        if lb:
            cells += [(lb, widths[2]), (vb, widths[3])]
        else:
            cells[1] = (va, sum(widths[1:]))
        for text, wd in cells:
            pdf.cell(wd, 11, text, border=1)
        y += 11
    pdf.set_xy(10, y + 10)
    pdf.set_font("noto", size=11)
    pdf.cell(120, 8, f"在线验证码 {fields['verification_code']}")
    pdf.set_xy(10, y + 20)
    pdf.set_font("noto", size=10)
    pdf.cell(120, 8, f"在线验证报告有效期至 {_ymd_pad(fields['valid_until'])}")
    pdf.set_font("noto", size=8)
    pdf.set_text_color(110, 110, 120)
    pdf.set_xy(10, 280)
    pdf.cell(190, 6, RECORD_FOOT)
    return _finish(pdf)


def social_insurance_pdf(fields: dict[str, str]) -> bytes:
    """社会保险个人缴费证明 with a text layer: header rows and the payment table."""
    rows = [si_header(fields), *si_payments(fields)]
    person = si_person_lines(fields)
    texts = [
        *fields.values(),
        *(t for row in rows for t in row),
        *(t for pair in person for t in pair),
        "打印日期：业务专用章",
    ]
    pdf = _new_pdf(fields["title"], FIXED_DATE, texts)
    pdf.set_font("noto", size=16)
    pdf.set_xy(10, 18)
    pdf.cell(190, 10, fields["title"], align="C")
    pdf.set_font("noto", size=10)
    for k, (left, right) in enumerate(person):
        pdf.set_xy(12, 34 + 8 * k)
        pdf.cell(70 if right else 180, 7, left)
        if right:
            pdf.cell(110, 7, right)
    widths: tuple[int, ...] = (35, 75, 35, 35)
    if si_family(fields) == "serial":
        widths = (12, 70, 32, 32, 34)
    y = 54
    for i, cells in enumerate(rows):
        pdf.set_xy(12, y)
        pdf.set_font("noto", size=10 if i else 10.5)
        for text, wd in zip(cells, widths, strict=True):
            pdf.cell(wd, 8, text, border=1, align="C")
        y += 8
    pdf.set_xy(12, y + 8)
    pdf.set_font("noto", size=10)
    pdf.cell(100, 7, f"打印日期：{_ymd_pad(fields['print_date'])}")
    _seal(pdf, 160, y + 26, 17, fields["agency"], "业务专用章")
    return _finish(pdf)
