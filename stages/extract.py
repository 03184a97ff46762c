"""Field extraction: from recognised rows to named values, one parser per material.

Parsers anchor on printed labels ("姓名", "公民身份号码", "证书编号", …) rather than on pixel
positions, so they survive layout differences between issuers; OCR drops the spaces between
label and value and sometimes reads 别 as 別, which the label patterns allow for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from models import Reading

from .dates import find_dates, parse_period
from .read import Row, clean

ID_RE = re.compile(r"(?<![0-9])([1-9][0-9]{16}[0-9Xx])(?![0-9])")
DIPLOMA_NO_RE = re.compile(r"(?<![0-9])([0-9]{17,18})(?![0-9])")
DATE_CN = r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"


@dataclass(frozen=True, slots=True)
class Joined:
    """The text of several rows concatenated, remembering which row each character came from."""

    text: str
    owners: tuple[int, ...]
    rows: tuple[Row, ...]

    @classmethod
    def of(cls, rows: Sequence[Row]) -> Joined:
        parts, owners = [], []
        for i, row in enumerate(rows):
            t = clean(row.text)
            parts.append(t)
            owners.extend([i] * len(t))
        return cls("".join(parts), tuple(owners), tuple(rows))

    def reading(
        self, field: str, m: re.Match[str], group: int = 1, value: str | None = None
    ) -> Reading:
        start, end = m.span(group)
        idx = sorted(set(self.owners[start:end])) or [self.owners[start - 1]]
        rows = [self.rows[i] for i in idx]
        boxes = [r.box for r in rows]
        box = (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        return Reading(
            field=field,
            value=m.group(group) if value is None else value,
            confidence=min(r.confidence for r in rows),
            engine=rows[0].lines[0].engine,
            box=box,
            source="".join(r.text for r in rows),
        )


def _row_value(rows: Sequence[Row], field: str, label: str, value: str) -> Reading | None:
    """The first row matching `label` followed by `value` (a regex with one group)."""
    pattern = re.compile(label + r"[:：]?" + value)
    for row in rows:
        joined = Joined.of([row])
        m = pattern.search(joined.text)
        if m:
            return joined.reading(field, m)
    return None


def _lines(rows: Sequence[Row]) -> list[Row]:
    """Each recognised line as its own row: numbers are searched line by line so that a
    neighbour on the same visual row (an issue date beside 证书编号) cannot extend them."""
    return [Row((line,)) for row in rows for line in row.lines]


def _number(
    rows: Sequence[Row], field: str, label: str, pattern: re.Pattern[str], upper: bool = False
) -> Reading | None:
    """A number after its label on the same line, else the first line holding such a number
    (the label may sit in its own box or be misread)."""
    lines = _lines(rows)
    for only_labelled in (True, False):
        for i, row in enumerate(lines):
            joined = Joined.of([row])
            lab = re.search(label, joined.text)
            if only_labelled and not lab:
                continue
            m = pattern.search(joined.text, lab.end() if lab else 0)
            if m is None and lab and i + 1 < len(lines):  # value in the next box
                nxt = Joined.of([lines[i + 1]])
                m2 = pattern.search(nxt.text)
                if m2:
                    return nxt.reading(field, m2, value=m2.group(1).upper() if upper else None)
            if m:
                return joined.reading(field, m, value=m.group(1).upper() if upper else None)
    return None


def _iso(d: object) -> str:
    return d.isoformat() if hasattr(d, "isoformat") else ""


def _label_line_value(rows: Sequence[Row], field: str, label: str, value: str) -> Reading | None:
    """The value in the label's own text line, else in the next line of the same row: the rest
    of the row can hold unrelated marks (the portrait beside the name on an ID card)."""
    pattern = re.compile(label + r"[:：]?" + value)
    bare = re.compile(label + r"[:：]?$")
    for row in rows:
        for i, line in enumerate(row.lines):
            one = Joined.of([Row((line,))])
            m = pattern.search(one.text)
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
    if name:
        out["name"] = name
    gender = _row_value(rows, "gender", r"性[别別]", r"[^男女\d]{0,2}([男女])")
    if gender:
        out["gender"] = gender
    ethnic = _row_value(rows, "ethnicity", r"民族", r"([^\s\d]{1,8})")
    if ethnic:
        out["ethnicity"] = ethnic
    birth = _row_value(rows, "birth_date", r"出生", DATE_CN)
    if birth:
        dates = find_dates(birth.value)
        if dates:
            out["birth_date"] = replace(birth, value=_iso(dates[0]))
    number = _number(rows, "id_number", r"(?:公民)?身份号码", ID_RE, upper=True)
    if number:
        out["id_number"] = number
    return out


def extract_id_back(rows: Sequence[Row]) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    period = _row_value(rows, "validity", r"有效期限", r"(.+)")
    if period is None:  # the label can be misread; any row holding a date range will do
        for row in rows:
            start, end, open_ended = parse_period(clean(row.text))
            if start and (end or open_ended):
                period = Reading(
                    "validity",
                    clean(row.text),
                    row.confidence,
                    row.lines[0].engine,
                    box=row.box,
                    source=row.text,
                )
                break
    if period:
        start, end, open_ended = parse_period(period.value)
        value = "长期" if open_ended else _iso(end) if end else ""
        if value:
            out["validity"] = replace(period, value=value)
    return out


def extract_diploma(rows: Sequence[Row]) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    joined = Joined.of(rows)
    t = joined.text
    m = re.search(r"学生[:：]?(.+?)[,，]性[别別]", t)
    if m:
        out["name"] = joined.reading("name", m)
    m = re.search(r"性[别別][:：]?([男女])", t)
    if m:
        out["gender"] = joined.reading("gender", m)
    m = re.search(r"(\d{4}年\d{1,2}月\d{1,2}日)生", t)
    if m:
        dates = find_dates(m.group(1))
        if dates:
            out["birth_date"] = joined.reading("birth_date", m, value=_iso(dates[0]))
    m = re.search(r"于(\d{4})年(\d{1,2})月(?:\d{1,2}日)?[至到\-—](\d{4})年(\d{1,2})月", t)
    if m:
        grad = f"{int(m.group(3)):04d}-{int(m.group(4)):02d}"
        out["graduation"] = joined.reading("graduation", m, group=3, value=grad)
    m = re.search(r"在本校(.+?)专业", t)
    if m:
        out["major"] = joined.reading("major", m)
    number = _number(rows, "diploma_number", r"证书编号|编号", DIPLOMA_NO_RE)
    if number:
        out["diploma_number"] = number
    for line in _lines(rows):
        one = Joined.of([line])
        m = re.fullmatch(r"([^\d，,。:()]{2,24}(?:大学|学院|学校))", one.text)
        if m and one.text != "普通高等学校" and "长" not in one.text[:4]:
            out["school"] = one.reading("school", m)
            break
    return out


def extract_licence(rows: Sequence[Row]) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    name = _row_value(rows, "work_unit", r"机构名称", r"(.+)")
    if name:
        out["work_unit"] = name
    period = _row_value(rows, "validity", r"有效期限?", r"(.+)")
    if period:
        _start, end, open_ended = parse_period(period.value)
        if end or open_ended:
            out["validity"] = replace(period, value="长期" if open_ended else _iso(end))
    return out


def extract_probation(rows: Sequence[Row]) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    name = _row_value(rows, "name", r"姓名", r"(.+?)(?:性[别別]|$)")
    if name:
        out["name"] = name
    gender = _row_value(rows, "gender", r"性[别別]", r"[^男女\d]{0,2}([男女])")
    if gender:
        out["gender"] = gender
    number = _number(rows, "id_number", r"身份证号(?:码)?", ID_RE, upper=True)
    if number:
        out["id_number"] = number
    unit = _row_value(rows, "work_unit", r"试用机构", r"(.+)")
    if unit:
        out["work_unit"] = unit
    period = _row_value(rows, "period", r"试用时间", r"(.+)")
    if period:
        start, end, _open = parse_period(period.value)
        if start and end:
            out["period"] = replace(period, value=f"{_iso(start)}/{_iso(end)}")
    result = _row_value(rows, "result", r"考核结果", r"(.+)")
    if result:
        out["result"] = result
    return out


EXTRACTORS: dict[str, Callable[[Sequence[Row]], dict[str, Reading]]] = {
    "id_front": extract_id_front,
    "id_back": extract_id_back,
    "diploma": extract_diploma,
    "licence": extract_licence,
    "probation_cert": extract_probation,
}


#: Labels whose value is one or two characters: the detector sometimes misses such a value,
#: and the reader then looks right of the label (`stages.read.fill_lone_labels`).
SHORT_VALUE_LABELS: dict[str, tuple[str, ...]] = {
    "id_front": ("性别", "性別", "民族"),
    "probation_cert": ("性别", "性別"),
}

#: Labels of rows no check reads, per material: the reader skips the rest of such a row.
SKIP_LABELS: dict[str, tuple[str, ...]] = {
    "id_front": ("住址",),
    "id_back": ("签发机关",),
    "diploma": ("校(院)长", "校长", "院长"),
    "licence": (
        "地址",
        "法定代表人",
        "主要负责人",
        "诊疗科目",
        "登记号",
        "发证机关",
        "发证日期",
        "所有制形式",
        "服务对象",
        "服务方式",
        "床位",
        "注册资金",
    ),
    "probation_cert": ("试用科室", "考核意见", "负责人", "单位(公章)"),
}


def extract(slot: str, rows: Sequence[Row]) -> dict[str, Reading]:
    """Readings for the material expected in `slot` (empty for slots without a parser)."""
    fn = EXTRACTORS.get(slot)
    return fn(rows) if fn else {}
