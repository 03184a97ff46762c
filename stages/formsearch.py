"""Form-aware verification (issue 15): does the page print the form's value?

Parsing a page into labelled fields fails on layouts its patterns never saw: a label worded
another way (试用单位 for 试用机构), a value inside running text ("兹证明张三同志……在天津市
第一中心医院试用"), a table whose cells the reader joined in another order. The form already
says what each field should be, so the first question is whether the page supports that value
where a document prints such a value; parsing decides only what else is printed.

A value is supported when its text (typography folded as for every comparison) is found in
the page's text read in order, line breaks removed, and it stands alone there: not part of a
longer number, and not part of a longer name (the characters beside it are punctuation, a
label, or a word that joins a value to the sentence around it). "天津市第一中心医院分院" does
not support "天津市第一中心医院". What is found fills only a field the parser did not find: a
field parsed to another value is still decided by the comparison (a mismatch is not talked
away by the form's value printed somewhere else on the page).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from models import ApplicantForm, Reading

from .crosscheck import CLEAR_MISMATCH_FLOOR
from .extract import Joined
from .names import UNTYPABLE
from .read import CJK_CHAR, CJK_RANGE, Row
from .textnorm import comparable, edit_distance

#: Where each searched field's value is on the form.
FORM_VALUES: Mapping[str, Callable[[ApplicantForm], str]] = {
    "name": lambda f: f.name,
    "id_number": lambda f: f.id_number,
    "work_unit": lambda f: f.work_unit,
    "school": lambda f: f.education.school,
    "major": lambda f: f.education.major,
    "diploma_number": lambda f: f.education.diploma_number,
    "qualification_number": lambda f: f.assistant.qualification_number if f.assistant else "",
    "practice_number": lambda f: f.assistant.practice_number if f.assistant else "",
}

#: Fields compared as numbers: a match must not sit inside a longer number.
NUMBERS = frozenset({"id_number", "diploma_number", "qualification_number", "practice_number"})

#: Shortest value worth searching for (comparable characters): a one-character value says
#: nothing; two-character names and majors (药学) are common and are searched with their
#: boundaries.
MIN_LENGTH = {"name": 2, "major": 2}
DEFAULT_MIN_LENGTH = 4

#: Words a value may follow: the ends of labels ("试用单位", "姓名") …
LABEL_ENDS = (
    "姓名", "名字", "单位", "机构", "名称", "学校", "院校", "校名", "专业", "号码", "证号",
    "编号", "持证人", "参保人", "申请人", "考生",
)  # fmt: skip
#: … and the words of official letters that introduce a person or a place ("兹证明", "在").
BEFORE = LABEL_ENDS + (
    "学生", "证明", "兹有", "本人", "人员", "本校", "本院", "在", "于", "系", "为", "是", "到",
    "经", "由", "号",
)  # fmt: skip

#: Words a value may be followed by: the starts of labels and the words that go on with the
#: sentence ("同志", "试用", "专业").
AFTER = (
    "同志", "同学", "先生", "女士", "试用", "工作", "执业", "学习", "就读", "从事", "任职",
    "参加", "专业", "于", "自", "从", "至", "在", "的", "已", "经", "考核", "性别", "性別",
    "身份", "公民", "证件", "出生", "民族", "男", "女", "学历", "学制", "学位", "毕业", "入学",
    "证书", "编号", "期间", "科室", "时间", "期限", "地址", "法定", "负责", "登记", "有效",
    "诊疗", "发证", "缴费", "参保", "险种", "序号", "打印", "单位", "盖章", "特此", "类别",
    "结果", "意见", "等级", "校长", "院长", "本科", "专科", "研究生", "注册",
    "姓名", "名字", "所在", "联系", "电话", "住址", "籍贯", "职务", "职称", "为",
)  # fmt: skip

_DIGITISH = re.compile(r"[0-9A-Za-z]")
#: How far past a value a speck between the halves of the word after it is looked through.
SPECK_SPAN = 4
#: A date in Chinese numerals starting right after a value (二〇一六年…) is not part of it.
_CN_DATE = re.compile(r"[〇零一二三四五六七八九]{4}年")


def form_value(form: ApplicantForm, field: str) -> str:
    """The form's value for a searched field ("" when the form has none)."""
    get = FORM_VALUES.get(field)
    return get(form) if get else ""


def _comparable_text(joined: Joined) -> tuple[str, list[int]]:
    """The joined text in comparable form, with each character's index in the joined text."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(joined.text):
        for c in comparable(ch):
            chars.append(c)
            where.append(i)
    return "".join(chars), where


def _ends_word(text: str, end: int) -> bool:
    """What follows position `end` does not continue a name: nothing, not a CJK character,
    or a word that goes on with the sentence."""
    after = text[end : end + 1]
    return not after or not CJK_CHAR.match(after) or text[end:].startswith(AFTER)


def _alone(
    field: str,
    text: str,
    start: int,
    end: int,
    cell: tuple[bool, bool],
    follows: Sequence[str] = (),
) -> bool:
    """The match is a whole value, not a piece of a longer number or name. `cell`: whether
    it starts and ends a recognised line (a table cell, or the value after a label);
    `follows`: the form's other values, one of which may follow (or precede) it whole in
    running text ("系天津医科大学临床医学专业……": the school, then the major)."""
    before, after = text[start - 1 : start], text[end : end + 1]
    if field in NUMBERS:
        return not _DIGITISH.match(before) and not _DIGITISH.match(after)
    opens = not before or not CJK_CHAR.match(before) or cell[0] or text[:start].endswith(LABEL_ENDS)
    # …or another of the form's values ends just before it ("在锦州医科大学口腔医学专业……":
    # the school, then the major)
    before_ok = (
        opens
        or text[:start].endswith(BEFORE)
        or any(f and text[:start].endswith(f) for f in follows)
    )
    # a value that opens its line (or follows a colon or its label) and ends it fills its
    # cell: what the next line holds is another cell's or the next row's
    after_ok = (
        not after
        or not CJK_CHAR.match(after)
        or text[end:].startswith(AFTER)
        # a speck read as a digit or letter between a word's halves at a line break (临床医学专
        # | 8 | 业: a mark beside the line's end joined into the row) is no part of the word
        or _DIGITISH.sub("", text[end : end + SPECK_SPAN]).startswith(AFTER)
        or _CN_DATE.match(text, end) is not None
        or (opens and cell[1])
        or any(f and text.startswith(f, end) and _ends_word(text, end + len(f)) for f in follows)
    )
    return before_ok and after_ok


def supported(
    rows: Sequence[Row], field: str, expected: str, follows: Sequence[str] = ()
) -> Reading | None:
    """A reading of the form's value `expected` where the page prints it alone; None when
    the page's text does not hold it (or holds it only inside a longer value). `follows`:
    the form's other values (comparable), which may follow it (see `_alone`)."""
    want = comparable(expected)
    if len(want) < MIN_LENGTH.get(field, DEFAULT_MIN_LENGTH):
        return None
    joined = Joined.of(rows)
    text, where = _comparable_text(joined)
    # a "?" on the form stands for one character it could not type (names.same_name)
    value = "".join(CJK_RANGE if c in UNTYPABLE else re.escape(c) for c in want)
    for m in re.finditer(f"(?=({value}))", text):  # overlapping: each place it could start
        at, end = m.start(1), m.end(1)
        start_j, end_j = where[at], where[end - 1] + 1
        lines = joined.lines
        cell = (
            start_j == 0 or lines[start_j - 1] != lines[start_j],
            end_j >= len(lines) or lines[end_j] != lines[end_j - 1],
        )
        if _alone(field, text, at, end, cell, follows):
            found = joined.span_reading(field, start_j, end_j, joined.value(start_j, end_j))
            return found
    return None


def complete(
    fields: Sequence[str], form: ApplicantForm, rows: Sequence[Row], found: Mapping[str, Reading]
) -> dict[str, Reading]:
    """`found` with every searched field the parser missed (or ran on past, or cut short,
    or took something that is no such value: text naming no institution, a one-character
    name — 性 of a 性别 read short; or read too unsure to be a mismatch: a glimpse of the
    value's tops in the empty strip beside its label, 热日 at 0.35 over 迪丽努尔·热合曼)
    filled where the page supports the form's value."""
    out = dict(found)
    others = {f: comparable(form_value(form, f)) for f in FORM_VALUES if f not in NUMBERS}
    for field in fields:
        if field not in FORM_VALUES:
            continue
        expected = form_value(form, field)
        parsed = out.get(field)
        if not expected or (
            parsed is not None
            and parsed.confidence >= CLEAR_MISMATCH_FLOOR
            and not _runs_on(parsed.value, expected)
            and not _cut_short(parsed.value, expected)
            and not _no_institution(field, parsed.value, expected)
            and not (field == "name" and len(comparable(parsed.value)) < 2)
        ):
            continue
        follows = [v for f, v in others.items() if f != field and len(v) >= 2]
        reading = supported(rows, field, expected, follows)
        if reading is None and field in INSTITUTIONS:
            reading = near_institution(rows, field, expected)
        if reading is None and field in NUMBERS:
            reading = near_number(rows, field, expected)
        if reading is None and field in FRAMED:
            lead, after, word = FRAMED[field]
            reading = framed(rows, field, lead, others.get(after, ""), word)
        if reading is not None:
            out[field] = reading
    return out


#: An institution's name at least this long (comparable characters) may be offered as read
#: with one character wrong, missing or extra (`near_institution`).
NEAR_MIN_LENGTH = 5


def near_institution(rows: Sequence[Row], field: str, expected: str) -> Reading | None:
    """A line (or the part after its label's colon) that reads the form's institution with
    one character wrong, missing or extra (a seal's stroke across it: 河北医料大学), as read:
    not a match, but the place the page prints the name, so that the crop is scored for the
    form's value against what was read (stages.crosscheck) instead of nothing being found."""
    want = comparable(expected)
    if len(want) < NEAR_MIN_LENGTH:
        return None
    for row in rows:
        for line in row.lines:
            value = re.split("[:：]", line.text)[-1].strip()
            got = comparable(value)
            if len(got) >= NEAR_MIN_LENGTH and got != want and edit_distance(got, want) == 1:
                return Reading(
                    field, value, line.confidence, line.engine, box=line.box, source=line.text
                )
    return None


#: A field running text prints between another of the form's values and a word: 在<school>
#: <major>专业学习 (the diploma's wording where 本校 would stand).
FRAMED = {"major": ("在", "school", "专业")}
#: The most characters such a value holds.
FRAMED_MAX = 12


def framed(rows: Sequence[Row], field: str, lead: str, after: str, word: str) -> Reading | None:
    """What the page prints between `lead` and the form's value `after` (found whole, or
    with one character misread) and `word` (在 新疆医科大学 … 专业), as read: the place the
    value stands in the sentence, even where a character of it was misread (监床医学 for
    临床医学, the line read in traditional forms), so that the crop is scored for the form's
    value (stages.crosscheck) instead of nothing being found. A real other value printed
    there is read as what it is."""
    if len(after) < DEFAULT_MIN_LENGTH:
        return None
    joined = Joined.of(rows)
    text, where = _comparable_text(joined)
    lead, word = re.escape(comparable(lead)), re.escape(comparable(word))
    # the form's value as printed, or read with one character wrong (南开关学 for 南开大学)
    one_off = "|".join(
        re.escape(after[:i]) + CJK_RANGE + re.escape(after[i + 1 :]) for i in range(len(after))
    )
    pattern = f"{lead}(?:{one_off})({CJK_RANGE}{{2,{FRAMED_MAX}}}?){word}"
    m = re.search(pattern, text)
    if m is None:
        return None
    start_j, end_j = where[m.start(1)], where[m.end(1) - 1] + 1
    return joined.span_reading(field, start_j, end_j, joined.value(start_j, end_j))


_DIGIT_RUN = re.compile(r"(?<![0-9A-Za-z])[0-9][0-9Xx]*(?![0-9A-Za-z])")


def near_number(rows: Sequence[Row], field: str, expected: str) -> Reading | None:
    """A run of digits that reads the form's number with one digit wrong, missing or extra
    (1201198199912016169 for 120118199912016169: a digit read twice), as read: the place the
    page prints the number, so that the crop is scored for the form's number instead of
    nothing being found. Such a read is not well formed or not the form's, so it is never a
    pass by itself; a real other number is a mismatch only where the crop says so."""
    want = comparable(expected).upper()
    if len(want) < DEFAULT_MIN_LENGTH:
        return None
    for row in rows:
        for line in row.lines:
            for m in _DIGIT_RUN.finditer(line.text):
                got = m.group(0).upper()
                if got != want and abs(len(got) - len(want)) <= 1 and edit_distance(got, want) == 1:
                    return Reading(
                        field, m.group(0), line.confidence, line.engine, box=line.box,
                        source=line.text,
                    )  # fmt: skip
    return None


def _runs_on(parsed: str, expected: str) -> bool:
    """The parsed value holds the form's value and more: the parser may have run on into a
    neighbouring cell (a second column beside the label's row). The form's value then counts
    only where the page prints it whole (`supported`): "…医院分院" on one line stays a
    mismatch."""
    p, e = comparable(parsed), comparable(expected)
    return p != e and e in p


#: Fields whose value names an institution (a hospital, a school).
INSTITUTIONS = frozenset({"work_unit", "school"})
#: The last character of an institution's name: 医院, 卫生院, 中心, 诊所, 门诊部, 卫生室,
#: 研究所, 卫生服务站, 公司, 卫生健康委员会, 大学, 学校, 卫生局, 办事处, 药厂, 纪念馆, 集团…
INSTITUTION_ENDS = frozenset("院心所部室站司会学校局处厂馆团")


def _no_institution(field: str, parsed: str, expected: str) -> bool:
    """The parser took for an institution text that names none (a table's column names
    under 参保单位, the remark 填写 under a title) while the form's value does: the form's
    value then counts where the page prints it alone (`supported`). Another hospital or
    school read is an institution and stays compared as read."""
    if field not in INSTITUTIONS:
        return False
    p, e = comparable(parsed), comparable(expected)
    return bool(e) and e[-1] in INSTITUTION_ENDS and (not p or p[-1] not in INSTITUTION_ENDS)


def _cut_short(parsed: str, expected: str) -> bool:
    """The parsed value is a piece of the form's value: the parser took one of the line
    pieces a seal or a gap split the value into (首 | 都医科大学). The form's value then
    counts only where the page prints it whole (`supported`)."""
    p, e = comparable(parsed), comparable(expected)
    return bool(p) and p != e and p in e
