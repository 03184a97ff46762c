"""The id_front material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from models import Finding, Reading

from .. import idnumber
from ..crosscheck import (
    Context,
    compare,
    same_id,
    same_name,
    same_text,
)
from ..dates import find_dates, parse_date
from ..extract import (
    ID_RE,
    Joined,
    iso_date,
    number_field,
    row_value,
)
from ..looks import Look
from ..read import Row
from . import Material

DATE_CN = r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"


def _label_line_value(
    rows: Sequence[Row], field: str, label: str, value: str, bare_only: bool = False
) -> Reading | None:
    """The value in the label's own text line, else in the next line of the same row: the rest
    of the row can hold unrelated marks (the portrait beside the name on an ID card).
    `bare_only`: only a line that is nothing but the label counts (a clipped label)."""
    pattern = re.compile(label + r"[:：]?(?![:：])" + value)  # the colon is not the value
    bare = re.compile(label + r"[:：]?$")
    for row in rows:
        for i, line in enumerate(row.lines):
            one = Joined.of([Row((line,))])
            m = None if bare_only else pattern.search(one.text)
            if m:
                return one.reading(field, m)
            if bare.search(one.text) and i + 1 < len(row.lines):
                nxt = Joined.of([Row((row.lines[i + 1],))])
                m = re.match(value, nxt.text)
                if m:
                    return nxt.reading(field, m)
    return None


NAME_VALUE = r"([^\x00-\x7f]{1,20}?)(?=[0-9A-Za-z]|$)"


def extract_id_front(rows: Sequence[Row]) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    name = _label_line_value(rows, "name", r"姓\s*名", NAME_VALUE)
    # the label's box can lose a character at the card's edge ("名" alone before the name)
    name = name or _label_line_value(rows, "name", r"^[姓名]", NAME_VALUE, bare_only=True)
    if name:
        out["name"] = name
    gender = row_value(rows, "gender", r"性[别別]", r"[^男女\d]{0,2}([男女])")
    if gender:
        out["gender"] = gender
    ethnic = row_value(rows, "ethnicity", r"民族", r"([^\s\d]{1,8})")
    if ethnic:
        out["ethnicity"] = ethnic
    birth = row_value(rows, "birth_date", r"出生", DATE_CN)
    if birth is None:  # the date can sit a little off its label's row (a tilted card)
        birth = row_value(rows, "birth_date", "", DATE_CN)
    if birth:
        dates = find_dates(birth.value)
        if dates:
            out["birth_date"] = replace(birth, value=iso_date(dates[0]))
    number = number_field(rows, "id_number", r"(?:公民)?身份号码", ID_RE, upper=True)
    if number:
        out["id_number"] = number
    return out


def check_id_front(ctx: Context, r: Mapping[str, Reading], look: Look | None) -> Iterator[Finding]:
    f = ctx.form
    yield compare(ctx, "name", f.name, r.get("name"), same_name, look)
    yield compare(ctx, "id_number", f.id_number, r.get("id_number"), same_id, look)
    yield compare(ctx, "gender", f.gender, r.get("gender"), same_text, look)
    yield compare(
        ctx,
        "birth_date",
        f.birth_date,
        r.get("birth_date"),
        lambda a, b: parse_date(a) == parse_date(b) is not None,
        look,
    )


MATERIAL = Material(
    sealed=False,
    slot="id_front",
    extract=extract_id_front,
    check=check_id_front,
    fields=("name", "id_number", "gender", "birth_date"),
    printed=("name", "id_number", "gender", "birth_date"),
    # the number counts only where its check digit holds (idnumber.ID_SHAPED): diplomas print
    # 18-digit certificate numbers too
    markers=("公民身份号码", "姓名", "性[别別]", "民族", "出生", "住址", idnumber.ID_SHAPED),
    # 公民身份号码 alone is no heading: certificates and letters print it as a label; the
    # card prints it beside 民族 and 住址
    heading=r"民族.{0,40}住址|住址.{0,40}民族",
    short_value_labels=("性别", "性別", "民族"),
    skip_labels=("住址",),
)
