"""models.paths.safe_name: an applicant id (or slot) is data, never a path (issue 16)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from models.paths import safe_name

#: Any str: slashes, NUL, dots, CJK, lone surrogates (hypothesis draws category Cs too).
ANY_TEXT = st.text(st.characters(), max_size=200) | st.sampled_from(
    ["", ".", "..", "/", "\x00", "a/../b", "张三", "\ud800", "CON", "nul.txt", "x" * 10_000]
)


def _safe(name: str) -> None:
    assert "/" not in name and "\x00" not in name and "\\" not in name
    assert name not in ("", ".", "..")
    assert len(name.encode("utf-8")) <= 100
    assert name.isascii() and name.isprintable()


def test_todays_ids_keep_their_names() -> None:
    for plain in ("2026120000017", "line-4", "a.b_c-d", "x" * 64):
        assert safe_name(plain) == plain


def test_odd_ids_are_encoded() -> None:
    for odd in ("../../etc/passwd", "/../../../../tmp/x", "a b", "张三", ".hidden", "-x", "x."):
        name = safe_name(odd)
        _safe(name)
        assert name.startswith("_") and name != odd
    assert safe_name("../../etc/passwd").startswith("_etc_passwd-")  # still readable
    assert safe_name("x" * 65) != "x" * 65
    assert safe_name("CON") != "CON" and safe_name("con") != "con"  # Windows device names


@given(ANY_TEXT)
@example("x" * 10_000)
@example("\ud800\udc00")
def test_any_text_is_a_safe_name(text: str) -> None:
    _safe(safe_name(text))
    assert safe_name(text) == safe_name(text)


@given(ANY_TEXT, ANY_TEXT)
@example("A1", "a1")
@example("\ud83d\ude00", "😀")
@example("a/b", "a_b")
@example("a b", "a_b")
def test_distinct_ids_get_distinct_names_case_insensitively(a: str, b: str) -> None:
    if a != b:
        assert safe_name(a).casefold() != safe_name(b).casefold()
