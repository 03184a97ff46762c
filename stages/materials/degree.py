"""The degree material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from models import Finding, Reading

from .. import textnorm
from ..crosscheck import (
    Context,
    compare,
    judged,
    not_found,
    person_checks,
)
from ..extract import (
    Joined,
    put_reading,
    school_line,
    single_lines,
)
from ..looks import Look
from ..read import Row
from . import Material

DEGREE_RE = re.compile(r"(学士|硕士|博士)学位")


def extract_degree(rows: Sequence[Row]) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    for line in single_lines(rows):
        one = Joined.of([line])
        # "陆娜霞，女" can end a detected line, the birth date on the next; 学生 before the
        # name is the sentence's word for the holder (学生禚璐蕾，女，…), not the name's
        m = re.match(r"(?:学生[:：]?)?([^\d，,。:：()]{2,20}?)[,，][男女](?:[,，]|$)", one.text)
        if m and "name" not in out:
            out["name"] = one.reading("name", m)
    joined = Joined.of(rows)
    m = re.search(r"在([^，,。]{2,30}?(?:大学|学院|学校))", joined.text)
    if m:
        out["school"] = joined.reading("school", m)
    else:  # the name in the text under a seal: the issuer's line under it
        put_reading(out, school_line(rows))
    m = re.search(r"授予[^，,。]{0,6}?(学士|硕士|博士)学位", joined.text) or DEGREE_RE.search(
        joined.text
    )
    if m:
        out["education_level"] = joined.reading("education_level", m)
    return out


DEGREE_LEVEL = {"学士": "本科", "硕士": "研究生", "博士": "研究生"}


def check_degree(ctx: Context, r: Mapping[str, Reading], look: Look | None) -> Iterator[Finding]:
    e = ctx.form.education
    yield from person_checks(ctx, r, look, id_too=False)
    yield compare(ctx, "school", e.school, r.get("school"), textnorm.same_institution, look)
    level = r.get("education_level")
    if level is None:
        yield not_found(ctx, "education_level", e.level)
    else:
        word = level.value[:2]
        yield judged(
            ctx,
            "education_level",
            level,
            DEGREE_LEVEL.get(word) == e.level or not e.level,
            e.level,
            f"{word}学位与报名学历“{e.level}”相符。",
            f"学位证书为{word}学位，与报名表填写的学历“{e.level}”不符。",
        )


MATERIAL = Material(
    slot="degree",
    extract=extract_degree,
    check=check_degree,
    fields=("name", "school", "education_level"),
    printed=("school",),
    markers=("学位证书", "授予", "学位评定委员会", "学位条例", "(学士|硕士|博士)学位"),
    heading="学位证书",
)
