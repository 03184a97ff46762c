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
from .textnorm import fold_variants

ID_RE = re.compile(r"(?<![0-9])([1-9][0-9]{16}[0-9Xx])(?![0-9])")
DIPLOMA_NO_RE = re.compile(r"(?<![0-9])([0-9]{17,18})(?![0-9])")
DATE_CN = r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"


@dataclass(frozen=True, slots=True)
class Joined:
    """The text of several rows concatenated, remembering which row (and which recognised
    line of it) each character came from."""

    text: str
    owners: tuple[int, ...]
    rows: tuple[Row, ...]
    lines: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, rows: Sequence[Row]) -> Joined:
        parts, owners, lines = [], [], []
        for i, row in enumerate(rows):
            for j, line in enumerate(row.lines):
                t = clean(line.text)
                parts.append(t)
                owners.extend([i] * len(t))
                lines.extend([(i, j)] * len(t))
        return cls("".join(parts), tuple(owners), tuple(rows), tuple(lines))

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
        # confidence of the lines the value was read from, not of marks beside it on the row
        touched = set(self.lines[start:end]) or {self.lines[start - 1]}
        return Reading(
            field=field,
            value=m.group(group) if value is None else value,
            confidence=min(self.rows[i].lines[j].confidence for i, j in touched),
            engine=rows[0].lines[0].engine,
            box=box,
            source="".join(r.text for r in rows),
        )


def _row_value(rows: Sequence[Row], field: str, label: str, value: str) -> Reading | None:
    """The first row matching `label` followed by `value` (a regex with one group)."""
    pattern = re.compile(label + r"[:：]?(?![:：])" + value)  # the colon is not the value
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


def _union(rows: Sequence[Row]) -> tuple[int, int, int, int]:
    """The box around several rows (a value wrapped over lines, a table's month rows)."""
    return (
        min(r.box[0] for r in rows),
        min(r.box[1] for r in rows),
        max(r.box[2] for r in rows),
        max(r.box[3] for r in rows),
    )


def _iso(d: object) -> str:
    return d.isoformat() if hasattr(d, "isoformat") else ""


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
    gender = _row_value(rows, "gender", r"性[别別]", r"[^男女\d]{0,2}([男女])")
    if gender:
        out["gender"] = gender
    ethnic = _row_value(rows, "ethnicity", r"民族", r"([^\s\d]{1,8})")
    if ethnic:
        out["ethnicity"] = ethnic
    birth = _row_value(rows, "birth_date", r"出生", DATE_CN)
    if birth is None:  # the date can sit a little off its label's row (a tilted card)
        birth = _row_value(rows, "birth_date", "", DATE_CN)
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


#: Words a diploma prints that end like a school's name but name a kind of school.
GENERIC_SCHOOLS = frozenset(
    {"普通高等学校", "中等职业学校", "中等专业学校", "高等学校", "职业学校"}
)


def extract_diploma(rows: Sequence[Row]) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    joined = Joined.of(rows)
    t = joined.text
    # the name ends at the comma the diploma prints after it; up to two characters between
    # that comma and 性别 are a seal's lettering (尉迟敏诗,业性别: 职业学院 round the ring)
    m = re.search(r"学生[:：]?([^,，]+?)(?:[,，][^,，]{0,2})?性[别別]", t)
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
    # the study period, wherever its row starts (the portrait beside it can add marks)
    m = re.search(r"(\d{4})年(\d{1,2})月(?:\d{1,2}日)?[至到\-—]?(\d{4})年(\d{1,2})月", t)
    if m:
        grad = f"{int(m.group(3)):04d}-{int(m.group(4)):02d}"
        out["graduation"] = joined.reading("graduation", m, group=3, value=grad)
    m = re.search(r"在本校(.+?)专业", t)
    if m:
        out["major"] = joined.reading("major", m)
    number = _number(rows, "diploma_number", r"证书编号|编号", DIPLOMA_NO_RE)
    if number:
        out["diploma_number"] = number
    _put(out, _school_line(rows))
    return out


def _school_line(rows: Sequence[Row]) -> Reading | None:
    """The first line that is nothing but a school's name (the issuer under the text), not
    counting a piece of another such line: the seal beside the issuer's name repeats it
    round its ring, and a piece of the ring (医科大学) can read as a line of its own, or lend
    the line a character of its own (华北理工大学学)."""
    found = []
    for line in _lines(rows):
        one = Joined.of([line])
        m = re.fullmatch(r"([^\d，,。:()]{2,24}(?:大学|学院|学校))[^\d，,。:()]?", one.text)
        generic = fold_variants(one.text) in GENERIC_SCHOOLS  # 中等職業学校 is read too
        if m and not generic and "长" not in one.text[:4]:
            found.append(one.reading("school", m))
    for r in found:
        if not any(r.value != o.value and r.value in o.value for o in found):
            return r
    return None


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
    _put(out, _subjects(rows))
    for row in rows:
        joined = Joined.of([row])
        m = re.search(r"(中医诊所备案证)", joined.text)
        if m:
            out["clinic_record"] = joined.reading("clinic_record", m)
            break
    return out


LICENCE_LABELS = (
    "机构名称",
    "地址",
    "法定代表人",
    "主要负责人",
    "登记号",
    "有效期限",
    "发证机关",
    "发证日期",
    "所有制形式",
    "服务对象",
    "服务方式",
    "床位",
    "注册资金",
    "校验",
)


def _subjects(rows: Sequence[Row]) -> Reading | None:
    """诊疗科目: the labelled row and the wrapped rows under it, up to the next label."""
    for i, row in enumerate(rows):
        text = Joined.of([row]).text
        at = text.find("诊疗科目")
        if at < 0:
            continue
        parts, used = [text[at + 4 :].lstrip(":：")], [row]
        for nxt in rows[i + 1 : i + 6]:
            t = Joined.of([nxt]).text
            if any(t.startswith(label) for label in LICENCE_LABELS):
                break
            parts.append(t)
            used.append(nxt)
        value = "".join(parts)
        if not value:
            return None
        box = _union(used)
        return Reading(
            "subjects",
            value,
            min(r.confidence for r in used),
            row.lines[0].engine,
            box=box,
            source=" / ".join(r.text for r in used),
        )
    return None


def extract_probation(rows: Sequence[Row]) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    name = _row_value(rows, "name", r"姓名", r"(?!性[别別])(.+?)(?:性[别別]|$)")
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


def _labelled(
    rows: Sequence[Row],
    field: str,
    label: str,
    stops: Sequence[str],
    value: str = r".+?",
    junk: str = "",
) -> Reading | None:
    """The value after `label` on its row, up to the next of the document's other labels: a
    table row can hold two label/value pairs ("姓名 张三 性别 男"). `junk` may stand between
    the value and the next label, left out of the value (a seal's lettering read as "7")."""
    stop = "|".join(f"(?:{s})" for s in stops if s != label)
    pattern = re.compile(
        # the value may not begin with the next label (an empty field under a seal)
        f"(?:{label})[:：]?(?![:：]|{stop})({value}){junk}(?=(?:{stop})|$)"
        if stop
        else f"(?:{label})[:：]?(?![:：])({value}){junk}$"
    )
    for row in rows:
        joined = Joined.of([row])
        m = pattern.search(joined.text)
        if m and m.group(1):
            return joined.reading(field, m)
    return None


def _date_value(reading: Reading | None, month_only: bool = False) -> Reading | None:
    """The reading's first date as ISO (YYYY-MM when `month_only`)."""
    if reading is None:
        return None
    dates = find_dates(reading.value)
    if dates:
        iso = _iso(dates[0])
        return replace(reading, value=iso[:7] if month_only else iso)
    m = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月", reading.value)
    if m and month_only:
        return replace(reading, value=f"{int(m.group(1)):04d}-{int(m.group(2)):02d}")
    return None


def _put(out: dict[str, Reading], reading: Reading | None) -> None:
    if reading is not None:
        out[reading.field] = reading


def _person(rows: Sequence[Row], labels: Sequence[str], id_label: str) -> dict[str, Reading]:
    """Name and ID number, the two things every certificate prints about its holder."""
    out: dict[str, Reading] = {}
    # a name holds no Latin letters or digits: a short run of them after it is a seal's
    # lettering or a speck, not part of the name
    _put(
        out,
        _labelled(rows, "name", r"姓\s*名", labels, r"[^\x00-\x7f]{1,20}?", r"[0-9A-Za-z]{0,2}"),
    )
    _put(out, _number(rows, "id_number", id_label, ID_RE, upper=True))
    return out


DEGREE_RE = re.compile(r"(学士|硕士|博士)学位")


def extract_degree(rows: Sequence[Row]) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    for line in _lines(rows):
        one = Joined.of([line])
        # "陆娜霞，女" can end a detected line, the birth date on the next
        m = re.match(r"([^\d，,。:：()]{2,20}?)[,，][男女](?:[,，]|$)", one.text)
        if m and "name" not in out:
            out["name"] = one.reading("name", m)
    joined = Joined.of(rows)
    m = re.search(r"在([^，,。]{2,30}?(?:大学|学院|学校))", joined.text)
    if m:
        out["school"] = joined.reading("school", m)
    else:  # the name in the text under a seal: the issuer's line under it
        _put(out, _school_line(rows))
    m = re.search(r"授予[^，,。]{0,6}?(学士|硕士|博士)学位", joined.text) or DEGREE_RE.search(
        joined.text
    )
    if m:
        out["education_level"] = joined.reading("education_level", m)
    return out


RECORD_LABELS = (
    r"姓名",
    r"性[别別]",
    r"证件号码",
    r"出生日期",
    r"入学日期",
    r"毕\(结\)业日期",
    r"学校名称",
    r"专业",
    r"学制",
    r"层次",
    r"学历类别",
    r"学习形式",
    r"毕\(结\)业(?!日期)",
    r"证书编号",
    r"校\(院\)长姓名",
    r"在线验证码",
    r"更新日期",
)


def extract_record(rows: Sequence[Row]) -> dict[str, Reading]:
    out = _person(rows, RECORD_LABELS, r"证件号码|身份证号")
    _put(out, _labelled(rows, "school", r"学校名称", RECORD_LABELS))
    _put(out, _labelled(rows, "education_level", r"层次", RECORD_LABELS))
    _put(out, _date_value(_labelled(rows, "graduation", r"毕\(结\)业日期", RECORD_LABELS), True))
    number = _labelled(rows, "diploma_number", r"证书编号", RECORD_LABELS, r"[0-9]{17,18}")
    _put(out, number)
    _put(out, _labelled(rows, "verification_code", r"在线验证码", RECORD_LABELS, r"[0-9A-Za-z]+"))
    _put(out, _date_value(_labelled(rows, "validity", r"有效期至", RECORD_LABELS)))
    return out


QUALIFICATION_RE = re.compile(r"(?<![0-9])([0-9]{26}[0-9Xx]|[0-9]{23}[0-9Xx])(?![0-9Xx])")
AQ_LABELS = (
    r"姓名",
    r"性[别別]",
    r"出生日期",
    r"身份证件号码",
    r"资格级别",
    r"资格类别",
    r"资格证书编码",
    r"签发日期",
    r"专业",
)


def extract_qualification(rows: Sequence[Row]) -> dict[str, Reading]:
    out = _person(rows, AQ_LABELS, r"身份证件号码|身份证号")
    _put(
        out, _number(rows, "qualification_number", r"资格证书编码|证书编码", QUALIFICATION_RE, True)
    )
    _put(out, _labelled(rows, "qualification", r"资格级别", AQ_LABELS))
    _put(out, _labelled(rows, "category", r"资格类别", AQ_LABELS))
    return out


PRACTICE_RE = re.compile(r"(?<![0-9])([0-9]{15})(?![0-9])")
AP_LABELS = (
    r"姓名",
    r"性[别別]",
    r"出生日期",
    r"身份证号",
    r"医师级别",
    r"执业类别",
    r"执业范围",
    r"执业地点",
    r"主要执业机构",
    r"执业证书编码",
    r"发证日期",
    r"注册日期",
)


def extract_practice(rows: Sequence[Row]) -> dict[str, Reading]:
    out = _person(rows, AP_LABELS, r"身份证号")
    _put(out, _number(rows, "practice_number", r"执业证书编码|证书编码", PRACTICE_RE))
    _put(out, _labelled(rows, "work_unit", r"执业地点|主要执业机构", AP_LABELS))
    _put(out, _date_value(_labelled(rows, "registration", r"发证日期|注册日期", AP_LABELS)))
    return out


PPC_LABELS = (
    r"姓名",
    r"性[别別]",
    r"身份证号",
    r"执业机构",
    r"执业时间",
    r"执业类别",
    r"考核结果",
    r"考核意见",
)


def extract_practice_period(rows: Sequence[Row]) -> dict[str, Reading]:
    out = _person(rows, PPC_LABELS, r"身份证号(?:码)?")
    _put(out, _labelled(rows, "work_unit", r"执业机构", PPC_LABELS))
    _put(out, _labelled(rows, "result", r"考核结果", PPC_LABELS))
    return out


MENTOR_LABELS = (r"姓名", r"性[别別]", r"身份证号", r"专业", r"证书编号", r"发证机关", r"发证日期")


def extract_mentorship(rows: Sequence[Row]) -> dict[str, Reading]:
    return _person(rows, MENTOR_LABELS, r"身份证号(?:码)?")


PLEDGE_LABELS = (r"姓名", r"身份证号", r"毕业学校", r"专业", r"预计毕业时间", r"承诺人")


def extract_pledge(rows: Sequence[Row]) -> dict[str, Reading]:
    out = _person(rows, PLEDGE_LABELS, r"身份证号(?:码)?")
    _put(out, _labelled(rows, "school", r"毕业学校", PLEDGE_LABELS))
    return out


SI_LABELS = (r"姓名", r"社会保障号码", r"身份证号", r"单位名称", r"缴费年月", r"险种")
MONTH_ROW_RE = re.compile(r"(20\d{2})[-年./]?(0[1-9]|1[0-2])(?!\d)")


def extract_insurance(rows: Sequence[Row]) -> dict[str, Reading]:
    out = _person(rows, SI_LABELS, r"社会保障号码|身份证号")
    _put(out, _labelled(rows, "work_unit", r"单位名称", SI_LABELS))
    months: dict[str, str] = {}
    used: list[Row] = []
    for row in rows:
        text = Joined.of([row]).text
        m = MONTH_ROW_RE.match(text)
        if not m:
            continue
        key = f"{m.group(1)}-{m.group(2)}"
        state = "欠缴" if "欠缴" in text or "未缴" in text else "已缴" if "已缴" in text else "?"
        if months.get(key) != "已缴":  # one paid insurance row makes the month paid
            months[key] = state
        used.append(row)
    if used:
        value = ";".join(f"{k}:{v}" for k, v in sorted(months.items()))
        box = _union(used)
        out["period"] = Reading(
            "period",
            value,
            min(r.confidence for r in used),
            used[0].lines[0].engine,
            box=box,
            source=" / ".join(r.text for r in used),
        )
    return out


def extract_handheld(rows: Sequence[Row]) -> dict[str, Reading]:
    """Only the number: the card is small in a hand-held photo, and the number is what
    ties it to the form."""
    out: dict[str, Reading] = {}
    _put(out, _number(rows, "id_number", r"(?:公民)?身份号码", ID_RE, upper=True))
    return out


EXTRACTORS: dict[str, Callable[[Sequence[Row]], dict[str, Reading]]] = {
    "id_front": extract_id_front,
    "id_back": extract_id_back,
    "diploma": extract_diploma,
    "licence": extract_licence,
    "probation_cert": extract_probation,
    "id_handheld": extract_handheld,
    "degree": extract_degree,
    "diploma_record": extract_record,
    "assistant_qualification": extract_qualification,
    "assistant_practice": extract_practice,
    "practice_period_cert": extract_practice_period,
    "mentorship_cert": extract_mentorship,
    "pledge": extract_pledge,
    "social_insurance": extract_insurance,
}


#: Materials that print their holder's name and ID number.
PERSONAL = frozenset(
    {
        "probation_cert",
        "diploma_record",
        "assistant_qualification",
        "assistant_practice",
        "practice_period_cert",
        "mentorship_cert",
        "pledge",
        "social_insurance",
    }
)

#: The ID number's labels of the certificates (its value can sit under a seal's ring).
ID_LABELS = ("身份证号", "身份证号码")
#: Labels whose value the detector sometimes misses (one or two characters; an institution's
#: name under a seal): the reader then looks right of the label (`stages.read.fill_lone_labels`).
SHORT_VALUE_LABELS: dict[str, tuple[str, ...]] = {
    "id_front": ("性别", "性別", "民族"),
    "probation_cert": ("性别", "性別", "姓名", "试用机构", "试用时间", *ID_LABELS),
    "practice_period_cert": ("性别", "性別", "姓名", "执业机构", *ID_LABELS),
    "assistant_qualification": ("性别", "性別", "姓名", "身份证件号码", *ID_LABELS),
    "assistant_practice": ("性别", "性別", "姓名", "主要执业机构", "执业地点", *ID_LABELS),
    "mentorship_cert": ("性别", "性別", "姓名", *ID_LABELS),
    "pledge": ("姓名", *ID_LABELS),
    "social_insurance": ("姓名", "单位名称"),
    "diploma_record": ("姓名",),
    "licence": ("机构名称",),
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
    "practice_period_cert": ("执业时间", "执业类别", "考核意见", "负责人", "单位(公章)"),
}

#: Fields every copy of a material prints: when one is not found on a scanned page, the
#: page is detected again at twice the scale (small print in a corner, a certificate number
#: below the detector's reach at 576 px) and read again; the read that found more is kept.
PRINTED: dict[str, tuple[str, ...]] = {
    "id_front": ("name", "id_number", "gender", "birth_date"),
    "id_back": ("validity",),
    "diploma": ("name", "diploma_number", "school"),
    "degree": ("school",),
    "licence": ("work_unit", "validity"),
    "probation_cert": ("name", "id_number", "work_unit"),
    "assistant_qualification": ("name", "qualification_number"),
    "assistant_practice": ("name", "practice_number", "work_unit"),
    "practice_period_cert": ("name", "work_unit"),
    "mentorship_cert": ("name",),
    "pledge": ("name",),
    "social_insurance": ("name", "work_unit", "period"),
}

#: Slots whose print is small in the frame (a card held in a photo of its holder): the text
#: detector looks at these at this many pixels on the long side instead of the default 576,
#: where a card's number prints 8-11 px glyphs and is sometimes missed.
DETECT_SIDE: dict[str, int] = {"id_handheld": 1152}

#: Table columns no check reads, by header label: below such a header their cells are left
#: unread (a social-insurance record is mostly these; the checks read only 缴费年月 and
#: 缴费状态). A header read wrongly only means the column is read.
SKIP_COLUMNS: dict[str, tuple[str, ...]] = {
    "social_insurance": (
        "险种",
        "缴费基数",
        "缴费金额",
        "单位缴费",
        "个人缴费",
        "单位缴纳",
        "个人缴纳",
    ),
}


def extract(slot: str, rows: Sequence[Row]) -> dict[str, Reading]:
    """Readings for the material expected in `slot` (empty for slots without a parser)."""
    fn = EXTRACTORS.get(slot)
    return fn(rows) if fn else {}
