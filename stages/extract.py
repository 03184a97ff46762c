"""Field extraction: from recognised rows to named values, one parser per material.

Parsers anchor on printed labels ("姓名", "公民身份号码", "证书编号", …) rather than on pixel
positions, so they survive layout differences between issuers; OCR drops the spaces between
label and value and sometimes reads 别 as 別, which the label patterns allow for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from models import Reading, TextLine

from . import dates, idnumber
from .dates import find_dates
from .read import Row, clean
from .textnorm import fold_variants

ID_RE = re.compile(r"(?<![0-9])([1-9][0-9]{16}[0-9Xx])(?![0-9])")


#: Look-alikes the recogniser reads in labels' words, folded for the patterns only (values
#: are taken as read): 曰 for 日 (注册曰期), a character no label or date word uses.
_LABEL_LOOKALIKES = str.maketrans({"曰": "日"})


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    """`fold_variants` of one line (pages are searched line by line, many times over), with
    the look-alikes of label words folded."""
    return fold_variants(text).translate(_LABEL_LOOKALIKES)


@dataclass(frozen=True, slots=True)
class Joined:
    """The text of several rows concatenated, remembering which row (and which recognised
    line of it) each character came from."""

    #: what patterns search: the read text with traditional character forms folded to
    #: simplified where that keeps each line's length (the recogniser reads 考核意见 as
    #: 考核意見 in some typefaces), so that every label and keyword pattern matches either
    text: str
    owners: tuple[int, ...]
    rows: tuple[Row, ...]
    lines: tuple[tuple[int, int], ...] = ()
    #: the text as read, character for character beside `text`: values are taken from it
    #: (a name is never reported in another form than it was read)
    raw: str = ""

    @classmethod
    def of(cls, rows: Sequence[Row]) -> Joined:
        parts, raws, owners, lines = [], [], [], []
        for i, row in enumerate(rows):
            for j, line in enumerate(row.lines):
                t = clean(line.text)
                folded = _folded(t)
                raws.append(t)
                parts.append(folded if len(folded) == len(t) else t)
                owners.extend([i] * len(t))
                lines.extend([(i, j)] * len(t))
        return cls("".join(parts), tuple(owners), tuple(rows), tuple(lines), "".join(raws))

    def value(self, start: int, end: int) -> str:
        """Characters `start`..`end` as read."""
        return (self.raw or self.text)[start:end]

    def reading(
        self, field: str, m: re.Match[str], group: int = 1, value: str | None = None
    ) -> Reading:
        start, end = m.span(group)
        return self.span_reading(
            field, start, end, self.value(start, end) if value is None else value
        )

    def span_reading(self, field: str, start: int, end: int, value: str) -> Reading:
        """The reading of characters `start`..`end` of the joined text, valued `value`."""
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
            value=value,
            confidence=min(self.rows[i].lines[j].confidence for i, j in touched),
            engine=rows[0].lines[0].engine,
            box=box,
            source="".join(r.text for r in rows),
        )


def line_reading(field: str, line: TextLine, value: str) -> Reading:
    """The reading of one recognised line as a whole, valued `value` (its text cleaned)."""
    return Joined.of([Row((line,))]).span_reading(field, 0, len(value), value)


def row_value(rows: Sequence[Row], field: str, label: str, value: str) -> Reading | None:
    """The first row matching `label` followed by `value` (a regex with one group)."""
    pattern = re.compile(label + r"[:：]?(?![:：])" + value)  # the colon is not the value
    for r, row in enumerate(rows):
        joined = Joined.of([row])
        m = pattern.search(joined.text)
        if m:
            found = joined.reading(field, m)
            if m.lastindex and _beneath_other_label(rows, r, joined, m, _heads(label)):
                return _under_label(rows, field, label, HEADS, r".+") or found
            return found
    return None


#: Labels that head a column of a form's grid whatever the material (a value standing
#: under one of them is that label's, not the value of a label to its left).
HEADS = (
    r"性\s*[别別]", r"民\s*族", r"科\s*室", r"出生(?:日期|年月)?", r"年\s*龄", r"职\s*[务称]",
    r"学\s*历", r"专\s*业", r"部\s*门", r"岗\s*位", r"籍\s*贯", r"证件号码", r"身份证号码?",
)  # fmt: skip


def _heads(label: str, stops: Sequence[str] = ()) -> list[re.Pattern[str]]:
    """The other labels a value may stand under (`stops` and HEADS but `label`), each
    matching a whole line (colons allowed)."""
    return [re.compile(f"(?:{s})[:：]*") for s in dict.fromkeys((*stops, *HEADS)) if s != label]


def single_lines(rows: Sequence[Row]) -> list[Row]:
    """Each recognised line as its own row: numbers are searched line by line so that a
    neighbour on the same visual row (an issue date beside 证书编号) cannot extend them."""
    return [Row((line,)) for row in rows for line in row.lines]


def number_field(
    rows: Sequence[Row],
    field: str,
    label: str,
    pattern: re.Pattern[str],
    upper: bool = False,
    unlabelled: Callable[[str], bool] | None = None,
) -> Reading | None:
    """A number after its label on the same line, else the first line holding such a number
    (the label may sit in its own box or be misread) that `unlabelled` accepts, where given
    (a certificate prints other numbers of the same shape: its own 证书编号)."""
    lines = single_lines(rows)
    for only_labelled in (True, False):
        for i, row in enumerate(lines):
            joined = Joined.of([row])
            lab = re.search(label, joined.text)
            if only_labelled and not lab:
                continue
            m = pattern.search(joined.text, lab.end() if lab else 0)
            if m and not lab and unlabelled is not None and not unlabelled(m.group(1).upper()):
                continue
            if m is None and lab and i + 1 < len(lines):  # value in the next box
                nxt = Joined.of([lines[i + 1]])
                m2 = pattern.search(nxt.text)
                if m2:
                    return nxt.reading(field, m2, value=m2.group(1).upper() if upper else None)
            if m:
                return joined.reading(field, m, value=m.group(1).upper() if upper else None)
    return None


def union_box(rows: Sequence[Row]) -> tuple[int, int, int, int]:
    """The box around several rows (a value wrapped over lines, a table's month rows)."""
    return (
        min(r.box[0] for r in rows),
        min(r.box[1] for r in rows),
        max(r.box[2] for r in rows),
        max(r.box[3] for r in rows),
    )


def iso_date(d: object) -> str:
    return d.isoformat() if hasattr(d, "isoformat") else ""


#: Words a diploma prints that end like a school's name but name a kind of school.
GENERIC_SCHOOLS = frozenset(
    {"普通高等学校", "中等职业学校", "中等专业学校", "高等学校", "职业学校"}
)


_SCHOOL_LABELLED = re.compile(
    r"(?:校名|学校名称|院校名称|毕业院校|毕业学校)[:：]*([^\d，,。:：()]{2,24}(?:大学|学院|学校))"
)


def school_line(rows: Sequence[Row]) -> Reading | None:
    """The school under its label, or else the first line that is nothing but a school's name
    (the issuer under the text), not
    counting a piece of another such line: the seal beside the issuer's name repeats it
    round its ring, and a piece of the ring (医科大学) can read as a line of its own, or lend
    the line a character of its own (华北理工大学学)."""
    found = []
    for line in single_lines(rows):
        one = Joined.of([line])
        m = _SCHOOL_LABELLED.fullmatch(one.text)
        if m:  # the issuer under its label (校名：, 毕业院校：): that is the school
            return one.reading("school", m)
        m = re.fullmatch(r"([^\d，,。:()]{2,24}(?:大学|学院|学校))[^\d，,。:()]?", one.text)
        generic = fold_variants(one.text) in GENERIC_SCHOOLS  # 中等職業学校 is read too
        if m and not generic and "长" not in one.text[:4]:
            found.append(one.reading("school", m))
    for r in found:
        if not any(r.value != o.value and r.value in o.value for o in found):
            return r
    return None


#: A label after 原 / 变更前 names the value before a change (原执业地点 on a 变更注册 record,
#: beside 现执业地点): never the value the form holds.
CURRENT = r"(?<!原)(?<!变更前)"


def labelled(
    rows: Sequence[Row],
    field: str,
    label: str,
    stops: Sequence[str],
    value: str = r".+?",
    junk: str = "",
) -> Reading | None:
    """The value after `label` on its row, up to the next of the document's other labels: a
    table row can hold two label/value pairs ("姓名 张三 性别 男"). `junk` may stand between
    the value and the next label, left out of the value (a seal's lettering read as "7").
    A label's colons are never its value, however many the recogniser read (单位名称：：)."""
    stop = "|".join(f"(?:{s})" for s in stops if s != label)
    pattern = re.compile(
        # the value may not begin with the next label (an empty field under a seal)
        f"{CURRENT}(?:{label})[:：]*(?![:：]|{stop})({value}){junk}(?=(?:{stop})|$)"
        if stop
        else f"{CURRENT}(?:{label})[:：]*(?![:：])({value}){junk}$"
    )
    longer = [re.compile(s) for s in stops if s != label]
    for r, row in enumerate(rows):
        joined = Joined.of([row])
        m = pattern.search(joined.text)
        while m is not None and (
            _inside_longer_label(
                joined.text, m.start(), _label_re(label).match(joined.text, m.start()), longer
            )
            or _rest_of_label(label, joined.text[m.start() : m.end(1)])
            or _in_brackets(joined.text, m.start())
        ):
            # 姓名 inside 校(院)长姓名: another person's name, not the holder's
            m = pattern.search(joined.text, m.start() + 1)
        if m and m.group(1) and not sub_label(m.group(1)):
            found = joined.reading(field, m)
            if _beneath_other_label(rows, r, joined, m, _heads(label, stops)):
                # a form printing each label over its value (姓名 over 古丽米拉·艾买尔,
                # 性别 over 女): a slant grouped the label with the next columns' values
                return _under_label(rows, field, label, stops, value) or found
            if _far_from_label(rows[r], joined, m) and _SENTENCE.search(m.group(1)):
                # a panel's label over its value, the row run on into another panel's
                # running text far to the right (姓名 | 予参加医师资格考试。…): the value
                # under it, if one stands there that is no label (a grid's value far along
                # its label's row is no sentence)
                return _under_label(rows, field, label, (*stops, *HEADS), value) or found
            return found
    return _beside_block(rows, field, label, stops, value) or _under_label(
        rows, field, label, stops, value
    )


def _in_brackets(text: str, at: int) -> bool:
    """Position `at` lies inside an open bracket: a remark (由执业机构填写), not a label."""
    before = text[:at]
    opened = sum(before.count(c) for c in "(（[【")
    closed = sum(before.count(c) for c in ")）]】")
    return opened > closed


def _rest_of_label(label: str, found: str) -> bool:
    """The label and its value read together are the label itself: a shorter alternative
    of the label matched and the rest of the longer one was taken for the value (有效期 | 至
    of 有效期至)."""
    return _label_re(label).fullmatch(found.replace(":", "").replace("：", "")) is not None


@lru_cache(maxsize=256)
def _label_re(label: str) -> re.Pattern[str]:
    return re.compile(f"(?:{label})")


def _inside_longer_label(
    text: str, at: int, label: re.Match[str] | None, longer: Sequence[re.Pattern[str]]
) -> bool:
    """The label found at `at` (`label`: its match) is the end of a longer label of the
    document starting before it (姓名 of 校(院)长姓名); a longer label that also reads as the
    bare label alone ((验证)?有效期至 of 有效期至) is its own variant, not another's."""
    bare = label.group(0).rstrip(":：") if label is not None else ""
    return any(
        m.start() < at < m.end()
        for o in longer
        if not (bare and o.fullmatch(bare))
        for m in o.finditer(text, 0, min(len(text), at + 12))
    )


def _beside_block(
    rows: Sequence[Row], field: str, label: str, stops: Sequence[str], value: str
) -> Reading | None:
    """The value beside a label block that the rows split: a bilingual label (学校名称 over
    its sub-label Institution) with its value set halfway down the block, so that the value
    shares a row with neither. The value is the nearest line right of the label, grouped in
    another row, whose middle lies within the block's height; not another label."""
    ending = re.compile(f"{CURRENT}(?:{label})[:：]*$")  # a line ending with the label
    whole = re.compile(value)
    other = tuple(re.compile(s) for s in stops if s != label)
    for r, row in enumerate(rows):
        for line in row.lines:
            text = clean(line.text)
            head = ending.search(text)
            if head is None or _inside_longer_label(text, head.start(), head, other):
                continue
            x0, y0, x1, y1 = line.box
            bottom = y1
            for below in rows[r + 1 : r + 3]:  # the value's row may come between
                for sub in below.lines:
                    if abs(sub.box[0] - x0) <= (y1 - y0) and sub_label(clean(sub.text)):
                        bottom = max(bottom, sub.box[3])
            if bottom == y1:
                continue  # no sub-label under it: a label row over a value row is _under_label's
            beside = [
                c
                for other_row in rows[max(0, r - 1) : r + 3]
                if other_row is not row
                for c in other_row.lines
                if c.box[0] > x1 and y1 < (c.box[1] + c.box[3]) / 2 < bottom
            ]
            for cand in sorted(beside, key=lambda c: c.box[0]):
                got = clean(cand.text)
                if not got or sub_label(got):
                    continue
                if any(o.match(got) for o in other) or not whole.fullmatch(got):
                    break
                return line_reading(field, cand, got)
    return None


#: How far above a value (in its line heights) another label may stand over it.
OVER_ROWS = 2
#: A value starting this many line heights right of its label's end may be another
#: panel's text on the same row (GAP_COLUMN of stages.read).
FAR_VALUE = 4


#: Sentence punctuation: a value far along a label's row holding it is running text.
_SENTENCE = re.compile(r"[。，；,;]")


def _far_from_label(row: Row, joined: Joined, m: re.Match[str]) -> bool:
    """The value after a label starts on a line of its own far right of the label's line."""
    label_line, value_line = joined.lines[m.start()], joined.lines[m.start(1)]
    if label_line == value_line:
        return False
    lab, val = row.lines[label_line[1]].box, row.lines[value_line[1]].box
    return val[0] - lab[2] > FAR_VALUE * max(1, lab[3] - lab[1])


def _beneath_other_label(
    rows: Sequence[Row], r: int, joined: Joined, m: re.Match[str], others: Sequence[re.Pattern[str]]
) -> bool:
    """The value found after `label` on row `r` starts with a line of its own that stands
    under another of the document's labels (the nearest row above it is a row of labels,
    one of them over the value's middle): that line is the other label's value."""
    first = joined.lines[m.start(1)]
    if first == joined.lines[m.start()]:
        return False  # label and value read as one line: the value is the label's
    box = rows[r].lines[first[1]].box
    height = max(1, box[3] - box[1])
    middle = (box[0] + box[2]) / 2
    for above in reversed(rows[max(0, r - OVER_ROWS) : r]):  # the nearest row first
        over = [
            line
            for line in above.lines
            if min(line.box[2], box[2]) > max(line.box[0], box[0])
            and line.box[3] <= box[1] + height // 2
            and box[1] - line.box[3] <= OVER_ROWS * height
        ]
        if not over:
            continue
        # the row straight above decides: a row of labels only (a form's header row, not
        # an ID card's 性别 男 民族 汉) with one of them over the value's middle
        labels_only = all(
            any(o.fullmatch(clean(line.text)) for o in others) or sub_label(clean(line.text))
            for line in above.lines
        )
        return labels_only and any(
            line.box[0] - height <= middle <= line.box[2] + height for line in over
        )
    return False


_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z.'/ ]*[:：]?")


def sub_label(text: str) -> bool:
    """An English sub-label printed after or under a Chinese one (姓名 Name, 证件号码 ID No.,
    资格类别 Category): Latin words with a lower-case letter and nothing else. It is part of
    the label, never the value; a number of capitals and digits (PDY6458621201) is a value."""
    text = text.strip()
    return bool(_LATIN_RUN.fullmatch(text)) and any(c.islower() for c in text)


#: How many rows under a label its value's cell is looked for (the first line in the
#: label's column is the value, if it is one).
UNDER_ROWS = 3


def _under_label(
    rows: Sequence[Row], field: str, label: str, stops: Sequence[str], value: str
) -> Reading | None:
    """The value in the cell under a label that stands alone in its cell (a form's label
    row over its value row: 证件号码 | 学制 over 120101… | 3年): the first line of the next
    row starting within the label's width of where the label starts, whole, not another
    label."""
    alone = re.compile(f"(?:{label})[:：]*")
    whole = re.compile(value)
    other = tuple(re.compile(s) for s in stops if s != label)
    for r, row in enumerate(rows[:-1]):
        for line in row.lines:
            head = alone.match(clean(line.text))
            if head is None or not (
                head.end() == len(clean(line.text)) or sub_label(clean(line.text)[head.end() :])
            ):
                continue
            x0, _y0, x1, _y1 = line.box
            width = max(1, x1 - x0)
            over = _captioned(rows, r, line, other, whole)
            # the first line in the label's column on the rows below (a tall merged cell
            # may hold its value a row or two down): the value, if it is one
            for below in rows[r + 1 : r + 1 + UNDER_ROWS]:
                column = [c for c in below.lines if abs(c.box[0] - x0) <= width and clean(c.text)]
                if not column:
                    continue
                cand = column[0]
                text = clean(cand.text)
                if sub_label(text):
                    continue  # the label's English sub-label (单位名称 over Employer)
                if any(o.match(text) for o in other) or not whole.fullmatch(text):
                    break
                if over is not None and over[1] < CAPTION_CLOSER * (cand.box[1] - line.box[3]):
                    break  # the label is a caption under its value (below: the next one's)
                return line_reading(field, cand, text)
            if over is not None:
                return line_reading(field, over[0], clean(over[0].text))
    return None


#: A label is a caption under the value just above it only where that value stands this
#: much closer to it than the line below does (a grid of label bands over value rows sets
#: the previous row's values about as close above a label as its own value below it).
CAPTION_CLOSER = 0.5


def _captioned(
    rows: Sequence[Row],
    r: int,
    label: TextLine,
    other: Sequence[re.Pattern[str]],
    whole: re.Pattern[str],
) -> tuple[TextLine, int] | None:
    """The value a label is the caption of, and the gap between them: the line just above
    the label, over its middle, closer to it than half a line's height (a certificate
    printing each value over a rule with its grey caption beneath: 郗浩 over 姓名). The
    caller takes it where the line under the label stands farther off (that is the next
    row's value, over its own caption)."""
    x0, y0, x1, y1 = label.box
    middle, tall = (x0 + x1) / 2, max(1, y1 - y0)
    for above in reversed(rows[max(0, r - 1) : r + 1]):
        for cand in above.lines:
            cx0, cy0, cx1, cy1 = cand.box
            text = clean(cand.text)
            if cand is label or not text or cy1 > y1 or not cx0 <= middle <= cx1:
                continue
            gap = y0 - cy1
            if gap > tall / 2 or any(o.match(text) for o in other) or not whole.fullmatch(text):
                continue
            return cand, gap
    return None


def date_reading(reading: Reading | None, month_only: bool = False) -> Reading | None:
    """The reading's first date as ISO (YYYY-MM when `month_only`)."""
    if reading is None:
        return None
    found = find_dates(reading.value) or _glued_date(reading.value)
    if found:
        iso = iso_date(found[0])
        return replace(reading, value=iso[:7] if month_only else iso)
    ym = dates.find_year_month(reading.value) if month_only else None
    if ym is not None:
        return replace(reading, value=f"{ym[0]:04d}-{ym[1]:02d}")
    return None


#: a date in digits followed by 1-3 stray digits on its row (2021.04.23 | 20: a seal's
#: lettering or a mark beside it read as digits, joined to the day)
_GLUED = re.compile(r"(\d{4}[./-]\d{1,2}[./-]\d{1,2})\d{1,3}(?![0-9])")


def _glued_date(value: str) -> list[date]:
    """The date a value ends in when stray digits were read right after its day."""
    m = _GLUED.search(value)
    return find_dates(m.group(1)) if m else []


def put_reading(out: dict[str, Reading], reading: Reading | None) -> None:
    if reading is not None:
        out[reading.field] = reading


#: Labels that can share a name's row on any issuer's form, whatever the material's own
#: label table says: a name never runs on into them (慕容 | 联系电话).
#: Every wording of the ID number's label issuers print (公民身份号码 on the card itself).
ID_LABEL_RE = r"(?:公民|居民)?身份(?:证件?)?号码?|证件号码?"
#: What ends a name besides the document's own labels: the labels a name stands beside or
#: over on any form (the ID number's too: 证件号码 under a name's empty cell is no name).
NAME_STOPS = (
    r"联系电话", r"联系方式", r"手机号码?", r"电\s*话", r"性\s*别", r"民\s*族", r"出生",
    ID_LABEL_RE,
)  # fmt: skip


def person_fields(rows: Sequence[Row], labels: Sequence[str], id_label: str) -> dict[str, Reading]:
    """Name and ID number, the two things every certificate prints about its holder."""
    out: dict[str, Reading] = {}
    put_reading(out, labelled_name(rows, labels))
    label = f"{id_label}|{ID_LABEL_RE}"  # any issuer's wording of the ID number's label
    put_reading(out, number_field(rows, "id_number", label, ID_RE, True, _checks_out))
    return out


def _checks_out(number: str) -> bool:
    """An ID number found without its label counts only where its check digit holds: an
    18-digit certificate number (a 备案表's 证书编号) is no ID number."""
    return idnumber.check_char(number[:17]) == number[17]


#: The holder's name's labels: 姓名, and 名字 on some issuers' forms (名字 | 咎倩雪).
NAME_LABEL = r"姓\s*名|名\s*字"


def labelled_name(rows: Sequence[Row], labels: Sequence[str]) -> Reading | None:
    """The holder's name after or under its 姓名 label, up to the next of `labels`."""
    # a name holds no Latin letters or digits: a short run of them after it is a seal's
    # lettering or a speck, not part of the name
    stops = (*labels, *NAME_STOPS)
    # (a minority name's middle dot may be read as a dash: 吐尔逊-吐尔洪, names.normalise_name)
    value = r"(?:[^\x00-\x7f]|(?<=[^\x00-\x7f])-(?=[^\x00-\x7f])){1,20}?"
    return labelled(rows, "name", NAME_LABEL, stops, value, r"[0-9A-Za-z]{0,2}")


#: The ID number's labels of the certificates (its value can sit under a seal's ring).
ID_LABELS = ("身份证号", "身份证号码")


#: How assessment proofs label the grade (考核结果 in the national form, 考核意见/等级/结论/情况
#: elsewhere) and the grades they print: a pass grade, a fail grade, or one a person judges.
RESULT_LABELS = (
    r"考核(?:结果|意见|等级|等次|结论|情况|成绩)|鉴定意见"
    # running text: 经考核，结果为合格 / 经考核，其成绩为优秀
    r"|考核[，,]\s*(?:其|该同志)?(?:结果|成绩|结论|等级)"
)
GRADES = r"不合格|不称职|基本合格|基本称职|合格|优秀|良好|称职"
#: A ticked box before a grade (考核结论：☑合格 □不合格): the grade ticked is the result; an
#: open box's grade is one of the choices printed, never the result.
TICKS = "☑✓√✔▣■"
#: (a colon after the label may be read 、: 鉴定意见、合格)
_RESULT = re.compile(
    f"(?:{RESULT_LABELS}|考核)(?:为|是)?[:：、]*(?:[{TICKS}]\\s*)?({GRADES})"
    f"|(?:{RESULT_LABELS})[:：、]*(?:[□☐]\\s*(?:{GRADES})\\s*)+[{TICKS}]\\s*({GRADES})"
)

#: Two dates joined as a period (2024年7月1日至2025年6月30日, 2024.07.01-2025.06.30); a
#: dash the recogniser read as 一 joins them only before a year in digits.
_PERIOD = re.compile(
    r"(\d{4}\s*[年./\-]\s*\d{1,2}\s*(?:[月./\-]\s*\d{1,2}\s*日?|月)?)\s*"
    r"(?:(?:至|到|起至)[:：]?|—|-|~|－|一(?=\s*\d{4}))\s*(\d{4}\s*[年./\-]\s*\d{1,2}\s*(?:[月./\-]\s*\d{1,2}\s*日?|月)?)"
)


def assessment_result(rows: Sequence[Row]) -> Reading | None:
    """The grade of an assessment proof, under any of its labels or in running text
    ("……试用，考核合格。")."""
    joined = Joined.of(rows)
    m = _RESULT.search(joined.text)
    if m is None:
        return None
    return joined.reading("result", m, group=1 if m.group(1) else 2)


def service_period(rows: Sequence[Row], field: str = "period") -> Reading | None:
    """The first period printed on the page (two dates joined by 至/到/-), wherever it is:
    the one the proof is about, however its label is worded."""
    joined = Joined.of(rows)
    m = _PERIOD.search(joined.text)
    if m:
        return joined.span_reading(field, m.start(1), m.end(2), joined.value(m.start(1), m.end(2)))
    # dates in Chinese numerals (自二〇二一年四月三十日至二〇二五年…), as the date parser reads
    spans = list(dates.date_spans(joined.text))
    for (s0, e0), (s1, e1) in zip(spans, spans[1:], strict=False):
        if _JOINER.fullmatch(joined.text[e0:s1]):
            return joined.span_reading(field, s0, e1, joined.value(s0, e1))
    return _period_in_table(rows, field)


#: A start and an end label on one row (试用期起 | 试用期止, 开始时间 … 结束时间).
_START_END = re.compile(r"(?:起|开始|自).{0,24}?(?:止|结束|终)")


def _period_in_table(rows: Sequence[Row], field: str) -> Reading | None:
    """A period printed as a table: a row of start and end labels, its two dates on that
    row after each label or on the row under them."""
    for r, row in enumerate(rows):
        if not _START_END.search(clean(row.text)):
            continue
        for cand in (row, *rows[r + 1 : r + 2]):
            # each line on its own: the row's cells joined would glue one date to the next
            found = [
                clean(ln.text)[s:e]
                for ln in cand.lines
                for s, e in dates.date_spans(clean(ln.text))
            ]
            if len(found) >= 2:
                one = Joined.of([cand])
                return one.span_reading(field, 0, len(one.text), f"{found[0]}至{found[1]}")
    return None


#: what joins two dates in Chinese numerals (一 is a numeral there, never a dash)
#: (至 may be printed as a label of its own: 试用期自：… | 至：…)
_JOINER = re.compile(r"\s*(?:(?:至|到|起至)[:：]?|-|~|—|－)\s*")
