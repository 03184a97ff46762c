"""Names: what the form may hold, "?" wildcards, middle-dot variants; never corrected."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stages.names import MIDDLE_DOT, name_matches, name_problems, normalise_name
from stages.textnorm import normalise, same_institution, similarity

# Common ideographs plus a few from Extension B and the compatibility block.
ideographs = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
)
names = st.text(alphabet=ideographs, min_size=1, max_size=6)


@pytest.mark.parametrize(
    "name",
    [
        "欧阳晓彧",
        "王?",
        "王？明",
        "阿依古丽·买买提",
        "阿依古丽•买买提",
        "阿依古丽・买买提",
        "阿依古丽‧买买提",
        "阿依古丽･买买提",
        "𠀾明",  # Extension B
        "\u9fa5\u3400",  # end of URO, start of Extension A
        "李\uf900",  # compatibility ideograph, kept as typed
        " 张三 ",  # surrounding spaces are the form system's, not the applicant's
    ],
)
def test_allowed_names(name: str) -> None:
    assert name_problems(name) == []


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("", "为空"),
        ("   ", "为空"),
        ("Zhang三", "字母「Zhang」"),
        ("张三2", "数字「2」"),
        ("张 三", "空格"),
        ("·张三", "开头"),
        ("张三·", "结尾"),
        ("张··三", "连续"),
        ("张三.", "字符「.」"),
        ("⾦三", "U+2FA6"),  # Kangxi radical pasted instead of the ideograph
        ("??", "没有汉字"),
        ("ＡＢ", "字母"),
    ],
)
def test_name_problems(name: str, fragment: str) -> None:
    problems = name_problems(name)
    assert problems
    assert any(fragment in p for p in problems), problems


def test_normalise_name_unifies_dots_and_width() -> None:
    for dot in "·•・‧･":
        assert normalise_name(f" 阿依古丽 {dot}买买提 ") == f"阿依古丽{MIDDLE_DOT}买买提"
    assert normalise_name("王？") == "王?"


def test_a_dash_between_a_names_characters_is_its_middle_dot() -> None:
    """吐尔逊·吐尔洪 on a 社保 print read 吐尔逊-吐尔洪: the dot read as a dash."""
    for dash in "-－—":
        assert normalise_name(f"吐尔逊{dash}吐尔洪") == f"吐尔逊{MIDDLE_DOT}吐尔洪"
    assert name_matches("吐尔逊·吐尔洪", "吐尔逊-吐尔洪")
    assert normalise_name("王一") == "王一"  # 一 is a character, never a dash
    assert normalise_name("A-1") == "A-1"  # only between CJK characters


@given(names, st.data())
def test_question_mark_matches_exactly_one_character(name: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(name) - 1))
    form = name[:pos] + data.draw(st.sampled_from(["?", "？"])) + name[pos + 1 :]
    assert name_matches(form, name)
    other = data.draw(ideographs)
    assert name_matches(form, name[:pos] + other + name[pos + 1 :])
    # one character fewer or more never matches
    assert not name_matches(form, name[:pos] + name[pos + 1 :])
    assert not name_matches(form, name[:pos] + other + other + name[pos + 1 :])


@given(names, names)
def test_names_match_only_when_equal(a: str, b: str) -> None:
    assert name_matches(a, b) == (a == b)


def test_name_matches_edge_cases() -> None:
    assert name_matches("阿依古丽·买买提", "阿依古丽•买买提")
    assert name_matches("张 三", "张三")
    assert not name_matches("张三", "张三丰")
    assert not name_matches("", "")
    assert not name_matches("张?", "张?")  # an unreadable reading is not a match
    assert not name_matches("阿依古丽?买买提", "阿依古丽·买买提")
    assert not name_matches("张三", "张叁")  # never corrected, never fuzzy


def test_textnorm_normalise() -> None:
    assert normalise("天津市 第一中心医院（分院）") == "天津市第一中心医院(分院)"
    assert normalise("ＡＢＣ１２３") == "ABC123"
    assert normalise("〔2020〕—【1】") == "(2020)-(1)"
    assert normalise("a\u200bb") == "ab"


def test_same_institution_is_exact_after_normalising() -> None:
    assert same_institution("天津市第一中心医院（东院）", "天津市第一中心医院 (东院)")
    assert same_institution("天津市第一中心医院【东院】", "天津市第一中心医院(东院)")
    assert not same_institution("天津市第一中心医院", "天津市第一中心医院东院")
    assert not same_institution("天津市第一中心医院", "天津市第二中心医院")
    assert not same_institution("", " ")


def test_similarity() -> None:
    assert similarity("天津市第一中心医院", "天津市 第一中心医院") == 1.0
    assert similarity("", "") == 1.0
    assert similarity("abc", "") == 0.0
    assert similarity("天津市第一中心医院", "天津市第二中心医院") == pytest.approx(8 / 9)


@given(st.text(max_size=12), st.text(max_size=12))
def test_similarity_bounds_and_symmetry(a: str, b: str) -> None:
    s = similarity(a, b)
    assert 0.0 <= s <= 1.0
    assert s == similarity(b, a)
    assert (s == 1.0) == (normalise(a) == normalise(b))
