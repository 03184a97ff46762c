"""Names with characters the form could not type (`?`) or the recogniser ranks low.

The form stands `?` for a character its input method lacks (seed 002), and the recogniser
reads a rare character as its commoner look-alike (亓 as 元). Both are decided by the print's
shape (stages.glyphs), per document (`untypable_name`, `rare_name`) and across the
applicant's documents (`untypable_agreed`, `UnknownNames.rescore` for
crosscheck.unknown_characters_agree). Anything uncertain is left as read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from models import ApplicantForm, Finding, Provenance, Reading, checks

from . import crosscheck, glyphs, names, read, textnorm
from .looks import Look


def renamed(reading: Reading, value: str) -> Reading:
    """The reading with characters the glyph comparison named (its provenance says so)."""
    if value == reading.value:
        return reading
    return reading.with_provenance(
        Provenance.GLYPH, value=value, source=reading.source.replace(reading.value, value, 1)
    )


def has_unknown(form: ApplicantForm) -> bool:
    """The form's name holds a `?` (a character it could not type)."""
    return any(q in form.name for q in names.UNTYPABLE)


@dataclass
class UnknownNames:
    """One applicant's names read against a form's `?`, kept until all documents are read:
    each document's check context and look (`unknown_names`, by file) and, for a name passed
    with a typable character at the `?`, its look and reading (`rescorable`, by file)."""

    charset: frozenset[str] | None
    unknown_names: dict[str, tuple[crosscheck.Context, Look]] = field(default_factory=dict)
    rescorable: dict[str, tuple[Look, Reading]] = field(default_factory=dict)

    def keep(
        self,
        ctx: crosscheck.Context,
        look: Look,
        findings: list[Finding],
        readings: dict[str, Reading],
    ) -> None:
        """Remember what the cross-document steps will need of one document."""
        if has_unknown(ctx.form) and "name" in readings:
            self.unknown_names[ctx.file] = (ctx, look)
        for f in findings:
            if f.variant is checks.Variant.UNKNOWN_TYPABLE:
                self.rescorable[ctx.file] = (look, readings[f.field])

    def rescore(self, f: Finding, alternative: str) -> float | None:
        """log P(alternative) − log P(what was read) on the crop a name passed at a `?` was
        read from (crosscheck.Rescore). An untypable alternative the recogniser never learnt
        is judged by the print's shape where it can be cut out: 0 (not ruled out) or −inf."""
        held = self.rescorable.get(f.file or "")
        if held is None:
            return None
        look, reading = held
        odd = [
            i for i, (a, b) in enumerate(zip(reading.value, alternative, strict=False)) if a != b
        ]
        charset = self.charset or frozenset()
        if len(alternative) == len(reading.value) and len(odd) == 1:
            (i,) = odd
            mask = look.glyph(reading, i) if alternative[i] in glyphs.untypable(charset) else None
            out = (
                glyphs.ruled_out(mask, reading.value[i], alternative[i])
                if mask is not None
                else None
            )
            if out is not None:
                return -math.inf if out else 0.0
        looks = look.support(reading, alternative)
        return max(g for g, _alt in looks) if looks else None


def untypable_name(
    form: ApplicantForm, reading: Reading, look: Look, charset: frozenset[str] | None
) -> Reading:
    """The name with each character read where the form has `?` replaced by the
    untypable character its print clearly looks like (stages.glyphs), when the recogniser
    read a look-alike there: the reviewer and the region (which completes such names) see
    the character itself. Anything uncertain is left as read."""
    if charset is None or not any(q in form.name for q in names.UNTYPABLE):
        return reading
    wanted = names.normalise_name(form.name)
    value = reading.value
    if read.clean(value) != value or len(value) != len(wanted):
        return reading
    candidates = glyphs.untypable(charset)
    chars = list(value)
    for i, ch in enumerate(wanted):
        if ch not in names.UNTYPABLE or value[i] in candidates:
            continue
        mask = look.glyph(reading, i)
        match = glyphs.best_untypable(mask, value[i], candidates) if mask is not None else None
        if match is not None and match.decisive:
            chars[i] = match.char
    return renamed(reading, "".join(chars))


def rare_name(form: ApplicantForm, reading: Reading, look: Look) -> Reading:
    """The name with a commoner look-alike read where the form has a rare character (GB
    2312 level 2 or beyond, no commoner than the one read) replaced by the form's
    character, when the print clearly looks like it (glyphs.looks_like): the recogniser
    ranks rare characters low, so it reads 亓 as 元 with confidence."""
    if any(q in form.name for q in names.UNTYPABLE):
        return reading
    wanted = names.normalise_name(form.name).replace(names.MIDDLE_DOT, "")
    value = reading.value
    if read.clean(value) != value or len(value) != len(wanted):
        return reading
    chars = list(value)
    for i, (want, got) in enumerate(zip(wanted, value, strict=True)):
        if (
            want == textnorm.fold_variants(got)
            or not names.is_cjk_ideograph(want)
            or not names.is_cjk_ideograph(got)
            or names.rarity(want) < max(1, names.rarity(got))
        ):
            continue
        mask = look.glyph(reading, i)
        if mask is not None and glyphs.looks_like(mask, got, want):
            chars[i] = want
    return renamed(reading, "".join(chars))


def untypable_agreed(
    form: ApplicantForm,
    held: UnknownNames,
    findings: list[Finding],
    readings: list[tuple[str, Reading]],
) -> tuple[list[Finding], list[tuple[str, Reading]]]:
    """Findings and readings with a look-alike read at a form's `?` replaced by the
    untypable character another of the applicant's documents shows there (its text layer,
    or a print untypable_name matched), where this print looks more like that character
    than like the look-alike. One candidate proposed by another document needs only the
    lead; picking one out of hundreds needed the similarity floor too."""
    charset = held.charset
    if charset is None or not held.unknown_names:
        return findings, readings
    candidates = glyphs.untypable(charset)
    wanted = names.normalise_name(form.name)
    shown: dict[int, set[str]] = {}
    for _path, r in readings:
        if r.field == "name" and len(r.value) == len(wanted):
            for i, ch in enumerate(wanted):
                if ch in names.UNTYPABLE and r.value[i] in candidates:
                    shown.setdefault(i, set()).add(r.value[i])
    if not shown:
        return findings, readings
    changed: dict[str, Finding] = {}
    out = []
    for path, r in readings:
        kept = held.unknown_names.get(path)
        if kept is None or r.field != "name" or len(r.value) != len(wanted):
            out.append((path, r))
            continue
        ctx, look = kept
        chars = list(r.value)
        for i, options in sorted(shown.items()):
            if r.value[i] in candidates:
                continue
            mask = look.glyph(r, i)
            sims = (
                glyphs.similarities(mask, [r.value[i], *sorted(options)])
                if mask is not None
                else {}
            )
            best = max(options, key=lambda c: sims.get(c, -1.0))
            if r.value[i] in sims and sims.get(best, -1.0) - sims[r.value[i]] >= glyphs.MIN_LEAD:
                chars[i] = best
        named = renamed(r, "".join(chars))
        out.append((path, named))
        if named is not r:
            changed[path] = crosscheck.compare(
                ctx, "name", form.name, named, crosscheck.same_name, look
            )
    findings = [
        changed[f.file] if f.file in changed and f.field == "name" and f.slot != "form" else f
        for f in findings
    ]
    return findings, out
