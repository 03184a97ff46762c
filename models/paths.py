"""File names made from data: an applicant id (or a slot folder's name) is never a path.

Parts, pages, evidence crops and report pages are named after the applicant. An id is data
from the form or a folder name, so it may hold `/`, `..`, NUL, CJK or 10 000 characters; it
must neither escape its folder nor collide with another id's name, on a case-insensitive
file system too. `safe_name` is the one encoding every writer uses.
"""

from __future__ import annotations

import hashlib
import re

#: The longest applicant id the form may carry (stages.ingest refuses longer ones).
MAX_ID_LENGTH = 64
#: Kept as it is: lower-case ASCII letters, digits, `_`, `-`, `.`, starting with a letter or
#: digit, not ending in `.`. Upper case is encoded, so `A1` and `a1` never share a file on a
#: case-insensitive file system (real ids are digits: today's names stay).
_PLAIN = re.compile(r"[0-9a-z](?:[0-9a-z_.-]{0,62}[0-9a-z_-])?")
_UNSAFE = re.compile(r"[^0-9A-Za-z_.-]+")
#: Names Windows reserves for devices (a share mounted there could not hold them).
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{d}{i}" for d in ("com", "lpt") for i in range(1, 10)}
)
_STEM = 40  # readable part of an encoded name
_DIGEST = 20  # hex digits of sha256: 80 bits, no collision can be crafted


def safe_name(text: str) -> str:
    """A file name for `text`, without suffix: `text` itself when it is plainly safe, else
    `_<readable ASCII stem>-<hash>`. Plain names never start with `_`, so the two kinds never
    meet; an encoded name is at most 62 bytes."""
    if _PLAIN.fullmatch(text) and text.split(".", 1)[0] not in _RESERVED:
        return text
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST]
    stem = _UNSAFE.sub("_", text).strip("._-")[:_STEM].rstrip("._-")
    return f"_{stem}-{digest}" if stem else f"_{digest}"


#: Hex digits of the shard folder a per-applicant file sits in (issue 19): 256 folders, so
#: 800,000 applicants make about 3,000 entries a folder, never 800,000 in one.
SHARD_DIGITS = 2


def shard(name: str) -> str:
    """The shard folder of a safe name (`safe_name`): the first hex digits of its sha256,
    spread evenly whatever the ids look like (sequential ids share prefixes, not hashes)."""
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:SHARD_DIGITS]


def sharded(name: str) -> str:
    """`<shard>/<name>`: where a per-applicant file or folder named `name` is kept in OUT."""
    return f"{shard(name)}/{name}"
