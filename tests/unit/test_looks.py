"""The second look's scoring helpers (stages.looks), without an engine."""

from __future__ import annotations

from stages.looks import _in_reads_forms


def test_the_forms_value_is_scored_in_the_forms_the_reading_uses() -> None:
    """临床医学 printed, read 監床醫學 (traditional forms, 臨 misread as 監): the form's value
    is scored as 臨床醫學 too — the reading's 床/醫/學 where they fold to the form's, the
    traditional form elsewhere (s2t alone would say 牀)."""
    assert _in_reads_forms("临床医学", "監床醫學") == "臨床醫學"
    assert _in_reads_forms("临床医学", "临床医学") == "临床医学"
    assert _in_reads_forms("临床医学", "临床") == "臨牀醫學"  # lengths differ: all traditional
