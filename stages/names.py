"""Applicant names (姓名): what the form may contain, and whether a reading matches it.

A name is never corrected. The form system lets an applicant type "?" for a character it
cannot input, and minority names join their parts with a middle dot, typed in many variants.
"""

from __future__ import annotations

import re
import unicodedata

MIDDLE_DOT = "\u00b7"
# · • ・ ‧ ･ plus ∙ ⋅ that input methods also produce; NFKC already folds U+0387 to U+00B7.
_DOT_VARIANTS = "\u00b7\u2022\u30fb\u2027\uff65\u2219\u22c5\u0387"
_DOTS = str.maketrans({c: MIDDLE_DOT for c in _DOT_VARIANTS})
_WHITESPACE = re.compile(r"\s+")
UNTYPABLE = ("?", "？")

# CJK Unified Ideographs, Extensions A–I, compatibility ideographs (BMP and supplement), and
# 〇 (U+3007, an ideograph by Unicode's own property, used in some names).
_CJK_RANGES = (
    (0x4E00, 0x9FFF),
    (0x3400, 0x4DBF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F),
    (0x2B820, 0x2CEAF),
    (0x2CEB0, 0x2EBEF),
    (0x2EBF0, 0x2EE5F),
    (0x30000, 0x3134F),
    (0x31350, 0x323AF),
    (0xF900, 0xFAFF),
    (0x2F800, 0x2FA1F),
    (0x3007, 0x3007),
)


def is_cjk_ideograph(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


def rarity(ch: str) -> int:
    """0: GB 2312 level 1 (the 3,755 common characters), 1: level 2 (or another GB 2312
    symbol), 2: outside GB 2312."""
    try:
        code = ch.encode("gb2312")
    except UnicodeEncodeError:
        return 2
    return 0 if len(code) == 2 and code[0] < 0xD8 else 1


#: A dash between two CJK characters of a name is the middle dot read as a dash (吐尔逊-吐尔洪):
#: no Chinese name holds a dash. (一, a character of its own, is never taken for one.)
#: One CJK character (the unified ideographs and their extensions), as a pattern (shared by
#: stages.read and stages.formsearch).
CJK_RANGE = r"[\u3400-\u9fff\U00020000-\U0003134f]"
_DASH_AS_DOT = re.compile(f"(?<={CJK_RANGE})[-‐‑‒–—―−﹣－](?={CJK_RANGE})")


def normalise_name(s: str) -> str:
    """For comparison only: NFKC, no whitespace, every middle-dot variant as U+00B7 (a dash
    between two CJK characters included)."""
    t = _WHITESPACE.sub("", unicodedata.normalize("NFKC", s)).translate(_DOTS)
    return _DASH_AS_DOT.sub(MIDDLE_DOT, t)


def _describe(chars: list[str]) -> list[str]:
    """Group the disallowed characters so a reviewer reads "字母「Zhang」", not five items."""
    letters, digits, others = "", "", []
    spaces = False
    for ch in chars:
        folded = unicodedata.normalize("NFKC", ch)
        if ch.isspace():
            spaces = True
        elif len(folded) == 1 and folded.isascii() and folded.isalpha():
            letters += ch
        elif len(folded) == 1 and folded.isascii() and folded.isdigit():
            digits += ch
        elif (desc := f"字符「{ch}」（U+{ord(ch):04X}）") not in others:
            others.append(desc)
    out = [f"字母「{letters}」"] if letters else []
    out += [f"数字「{digits}」"] if digits else []
    out += ["空格"] if spaces else []
    return out + others


def name_problems(form_name: str) -> list[str]:
    """What is wrong with a name as typed on the form, one Chinese phrase each; [] when fine.

    Judged on the name as typed (only surrounding whitespace and dot variants forgiven), so
    a compatibility ideograph is accepted but a Kangxi radical or a full-width letter is not.
    """
    name = form_name.strip().translate(_DOTS)
    if not name:
        return ["姓名为空"]
    problems: list[str] = []
    bad: list[str] = []
    for ch in name:
        if not (is_cjk_ideograph(ch) or ch == MIDDLE_DOT or ch in UNTYPABLE):
            bad.append(ch)
    if bad:
        problems.append("姓名含有" + "、".join(_describe(bad)))
    if name.startswith(MIDDLE_DOT):
        problems.append("姓名以间隔号开头")
    if name.endswith(MIDDLE_DOT) and len(name) > 1:
        problems.append("姓名以间隔号结尾")
    if MIDDLE_DOT * 2 in name:
        problems.append("姓名中有连续的间隔号")
    if not any(is_cjk_ideograph(ch) for ch in name):
        problems.append("姓名中没有汉字")
    return problems


def name_matches(form_name: str, read_name: str) -> bool:
    """Exact match after `normalise_name`, where each "?" on the form stands for one character.

    A "?" in the reading matches nothing (an unreadable character is not a match), and a "?"
    on the form does not stand for a middle dot, which the form system can type.
    """
    f, r = normalise_name(form_name), normalise_name(read_name)
    if not f or len(f) != len(r):
        return False
    return all(
        rc != "?" and (fc == rc or (fc == "?" and rc != MIDDLE_DOT))
        for fc, rc in zip(f, r, strict=True)
    )
