"""A hostile upload window (CONTRACT §2) and what a clear answer to each of its tricks is.

Issue 16's corpus: every kind of hostile input lives in its own applicant (a plausible form
drawn like the generator's), so one bad file can only spoil its own row, and each kind comes
with a machine-readable expectation (`Kind`) that `lab.reliability` scores a run against.
Files are small and built in memory (a few MB in all, seconds to write); what cannot be
shipped in a folder (symlinks, FIFOs) is created when the corpus is written. Symlink targets
and the traversal ids point into `DIR/sentinel`, beside the window: anything the run opens or
writes there is outside WINDOW and OUT.

Expectations (`Kind.expect`):

- `flag`: a non-`pass` finding whose `file` is the hostile file (for a folder link, the link
  or a path under it), and not the generic "处理出错" processing error.
- `read`: read like any upload: an `orientation` finding names the file, no processing error
  and no `missing` finding for its slot.
- `handled`: `flag` or `read` (an odd but decodable file: reading it or saying why not are
  both clear answers).
- `ignored`: a junk file: no finding names it, and the real upload beside it is read.
- `line`: a `form`/`line` finding for the applicant line (its id, `line-N` or `第N行`).
- `missing`: a `missing` finding for the slot (a form line without uploads).
- `csv`: the id's row in applicants.csv does not start a formula (`= + - @`, tab, CR).
- `row`: the applicant has its row, or its line is reported (no crash, nothing dropped).
- `stray`: a file that belongs to no applicant: a finding names it, or the run's
  `audit/run.json` lists it among `stray_files` (the operator's record).

A `file` ending in `/` (the GBK-named upload, whose name each tool spells its own way) is
matched by any finding on a file in that folder.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw

from lab.synth.people import make_person
from lab.synth.window import clean_form, window_toml

REGION = "天津市"
OPENS, CLOSES = date(2026, 1, 5), date(2026, 1, 31)
ID_BASE = 2026169900000
WINDOW, SENTINEL, EXPECTATIONS = "window", "sentinel", "hostile.json"
EXPECTS = ("flag", "read", "handled", "ignored", "line", "missing", "csv", "row", "stray")


@dataclass(frozen=True, slots=True)
class Kind:
    """One hostile kind: where it is and what a clear answer to it looks like."""

    name: str
    group: str  # image | pdf | name | link | junk | depth | form
    expect: str  # one of EXPECTS
    applicant_id: str | None  # the form's id (None where the line has none)
    slot: str | None = None
    path: str | None = None  # the hostile file (or link), relative to WINDOW
    companion: str | None = None  # the real upload beside a junk file
    line: int | None = None  # its line in applicants.jsonl
    note: str = ""
    rows: int = 1  # the rows it adds to applicants.csv


@dataclass
class Corpus:
    """Everything to write: applicants.jsonl lines, files, links, FIFOs, and the kinds."""

    lines: list[bytes] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # bytes paths allowed via latin-1
    raw_names: dict[str, bytes] = field(default_factory=dict)  # path key -> on-disk bytes
    links: dict[str, str] = field(default_factory=dict)  # window path -> target (relative)
    fifos: list[str] = field(default_factory=list)
    sentinel: dict[str, bytes] = field(default_factory=dict)
    kinds: list[Kind] = field(default_factory=list)
    rows: int = 0  # applicants.csv rows a correct run writes
    plain_ids: list[str] = field(default_factory=list)  # ids that must appear as they are
    next_index: int = 0

    # -- building ----------------------------------------------------------------------

    def drop(self, kind: Kind) -> None:
        """Leave `kind` out: its line blank, its files, links and FIFOs gone."""
        self.kinds.remove(kind)
        self.rows -= kind.rows
        if kind.line is not None:
            self.lines[kind.line - 1] = b""
        folder = f"uploads/{kind.applicant_id}" if kind.applicant_id else None
        if kind.applicant_id in self.plain_ids and not any(
            k.applicant_id == kind.applicant_id for k in self.kinds
        ):
            self.plain_ids.remove(kind.applicant_id)

        def mine(p: str) -> bool:
            if folder and kind.group != "form" and (p == folder or p.startswith(folder + "/")):
                return True
            return p == kind.path

        for table in (self.files, self.links, self.raw_names):
            for p in [p for p in table if mine(p)]:
                del table[p]  # type: ignore[attr-defined]
        self.fifos = [p for p in self.fifos if not mine(p)]

    def new_id(self) -> str:
        self.next_index += 1
        return str(ID_BASE + self.next_index)

    def form(self, aid: str) -> dict[str, Any]:
        """A plausible 报名信息 line (the generator's person and form, seeded by the id)."""
        person = make_person(random.Random(f"certcheck-hostile/{aid}"), CLOSES, region=REGION)
        return clean_form(aid, person, REGION)

    def add_line(self, raw: bytes, *, row: bool = True) -> int:
        self.lines.append(raw)
        if row:
            self.rows += 1
        return len(self.lines)

    def add_form(self, aid: str, **changes: Any) -> int:
        form = self.form(aid)
        form.update(changes)
        return self.add_line(json.dumps(form, ensure_ascii=False).encode())

    def upload(self, name: str, group: str, expect: str, slot: str, filename: str,
               data: bytes, note: str) -> Kind:  # fmt: skip
        """An applicant with one hostile file in `slot`."""
        aid = self.new_id()
        line = self.add_form(aid)
        self.plain_ids.append(aid)
        path = f"uploads/{aid}/{slot}/{filename}"
        self.files[path] = data
        kind = Kind(name, group, expect, aid, slot, path, line=line, note=note)
        self.kinds.append(kind)
        return kind


# -- pictures ----------------------------------------------------------------------------


def picture(seed: str, size: tuple[int, int] = (640, 400)) -> Image.Image:
    """A simple card-like picture, different for every seed (so no two kinds look alike
    to the cross-applicant same-image check)."""
    rng = random.Random(seed)
    img = Image.new("RGB", size, (rng.randint(200, 250), rng.randint(200, 250), 235))
    draw = ImageDraw.Draw(img)
    w, h = size
    for _ in range(12):
        x0, y0 = rng.randint(0, w - 20), rng.randint(0, h - 20)
        x1, y1 = x0 + rng.randint(10, w // 3), y0 + rng.randint(5, h // 4)
        colour = (rng.randint(0, 160), rng.randint(0, 160), rng.randint(0, 160))
        draw.rectangle((x0, y0, x1, y1), outline=colour, width=rng.randint(1, 4))
    for i in range(5):
        draw.text((40, 40 + 60 * i), f"CERT {rng.randint(10**8, 10**9)}", fill=(20, 20, 20))
    return img


def encode(img: Image.Image, fmt: str, **kw: Any) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def jpeg(seed: str, **kw: Any) -> bytes:
    return encode(picture(seed), "JPEG", quality=80, **kw)


def png(seed: str) -> bytes:
    return encode(picture(seed), "PNG")


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def raw_png(width: int, height: int, depth: int, colour: int, idat: bytes) -> bytes:
    """A PNG from its parts (to lie about dimensions or ship a bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def png_bomb(side: int = 13000) -> bytes:
    """A 1-bit side×side PNG, all white: ~side² pixels from a few dozen KB."""
    row = b"\x00" + b"\xff" * ((side + 7) // 8)
    comp = zlib.compressobj(9)
    body = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    return raw_png(side, side, 1, 0, body)


def insert_segment(jpg: bytes, marker: int, payload: bytes) -> bytes:
    """`jpg` with one more APPn segment right after SOI."""
    seg = bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload
    return jpg[:2] + seg + jpg[2:]


def exif_orientation(value: int) -> bytes:
    """An Exif APP1 payload with one Orientation tag of `value` (little-endian TIFF)."""
    ifd = struct.pack("<H", 1) + struct.pack("<HHIHH", 0x0112, 3, 1, value, 0) + b"\0\0\0\0"
    return b"Exif\0\0" + b"II*\0" + struct.pack("<I", 8) + ifd


def exif_bomb() -> bytes:
    """An Exif payload whose IFD chain and Exif-IFD pointer loop back to themselves, with
    thousands of entries pointing at one far offset: the classic parser traps."""
    n = 5000
    entries = [struct.pack("<HHII", 0x8769, 4, 1, 8)]  # ExifIFD -> IFD0 itself
    entries += [struct.pack("<HHII", 0x9000 + i % 200, 7, 0x7FFFFFF0, 8) for i in range(n - 1)]
    ifd = struct.pack("<H", n) + b"".join(entries) + struct.pack("<I", 8)  # next IFD -> itself
    return b"Exif\0\0" + b"II*\0" + struct.pack("<I", 8) + ifd


def gif_animated(seed: str) -> bytes:
    frames = [picture(f"{seed}/{i}", (320, 200)).convert("P") for i in range(3)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    return buf.getvalue()


def apng(seed: str) -> bytes:
    frames = [picture(f"{seed}/{i}") for i in range(3)]
    buf = io.BytesIO()
    frames[0].save(buf, "PNG", save_all=True, append_images=frames[1:], duration=200)
    return buf.getvalue()


def png16(seed: str) -> bytes:
    pixels = np.asarray(picture(seed), dtype=np.uint16) * 257
    ok, data = cv2.imencode(".png", pixels[:, :, ::-1].copy())
    assert ok
    return bytes(data)


def zip_bytes(names: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in names.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()


# -- PDFs --------------------------------------------------------------------------------


def pdf(objects: list[bytes], *, root: int = 1, trailer: bytes = b"", xref: bool = True) -> bytes:
    """A PDF from its objects (numbered from 1), with a correct xref unless `xref` is off
    (then every offset is wrong)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % ((off if xref else off * 7 + 13) % 10**10)
    out += b"trailer\n<< /Size %d /Root %d 0 R " % (len(objects) + 1, root) + trailer + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


TEXT = b"BT /F1 18 Tf 72 700 Td (Jiaoyubu xueli zhengshu dianzi zhuce beianbiao) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_page(page_extra: bytes = b"", catalog_extra: bytes = b"", content: bytes = TEXT,
             compress: bool = False, media: bytes = b"[0 0 595 842]",
             more: tuple[bytes, ...] = ()) -> bytes:  # fmt: skip
    """A one-page text PDF; `more` objects are numbered from 6."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox " + media
            + b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R " + page_extra + b">>",
            stream(content, compress=compress),
            FONT,
            *more,
        ]
    )  # fmt: skip


def pdf_pages(n: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(n))
    pages = [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>"
    ] * n
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
            stream(TEXT),
            FONT,
            *pages,
        ]
    )


def pdf_encrypted() -> bytes:
    """fpdf2's RC4 encryption with a user password (deterministic: fixed dates and id)."""
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    doc = FPDF()
    doc.set_creation_date(datetime(2026, 1, 2, tzinfo=UTC))
    doc.add_page()
    doc.set_font("helvetica", size=18)
    doc.cell(text="Xueli zhengshu dianzi zhuce beianbiao")
    doc.set_encryption(
        owner_password="owner-2026",
        user_password="user-2026",
        encryption_method=EncryptionMethod.RC4,
    )
    return bytes(doc.output())


def pdf_xref_loop() -> bytes:
    """A one-page PDF whose trailer's /Prev is its own xref: a reader that follows /Prev
    without remembering where it has been never stops."""
    data = pdf_page()
    start = int(data.rsplit(b"startxref\n", 1)[1].split()[0])
    return data.replace(b"trailer\n<<", b"trailer\n<< /Prev %d" % start, 1)


def pdf_image_bomb(side: int = 20000) -> bytes:
    """A page showing one 1-bit side×side image: tiny on disk, huge when rendered."""
    row = b"\xff" * ((side + 7) // 8)
    comp = zlib.compressobj(9)
    data = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    image = (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 1 /Length %d /Filter /FlateDecode >>\nstream\n"
        % (side, side, len(data)) + data + b"\nendstream"
    )  # fmt: skip
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
            image,
        ]
    )


# -- the kinds ---------------------------------------------------------------------------

FileMaker = Callable[[str], bytes]


def _image_kinds() -> list[tuple[str, str, str, FileMaker, str]]:
    """(kind, expect, file name, bytes from a seed, what it is) for slot id_front."""
    cut = lambda data, share: data[: int(len(data) * share)]  # noqa: E731
    return [
        ("zero_byte", "flag", "IMG_0001.jpg", lambda s: b"", "an empty file"),
        ("truncated_jpeg", "flag", "IMG_0001.jpg", lambda s: cut(jpeg(s), 0.4), "JPEG cut at 40%"),
        ("truncated_png", "flag", "IMG_0001.png", lambda s: cut(png(s), 0.4), "PNG cut at 40%"),
        (
            "jpeg_header_only",
            "flag",
            "IMG_0001.jpg",
            lambda s: (
                b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
            ),
            "SOI, APP0, EOI: no picture",
        ),
        ("png_named_jpg", "handled", "IMG_0001.jpg", png, "a PNG named .jpg"),
        ("jpeg_no_extension", "handled", "IMG_0001", jpeg, "a JPEG without extension"),
        ("pdf_named_png", "flag", "IMG_0001.png", lambda s: pdf_page(), "a PDF named .png"),
        (
            "text_named_jpg",
            "flag",
            "IMG_0001.jpg",
            lambda s: "这不是图片\n".encode() * 20,
            "UTF-8 text named .jpg",
        ),
        (
            "html_named_jpg",
            "flag",
            "IMG_0001.jpg",
            lambda s: b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            "HTML named .jpg",
        ),
        (
            "zip_named_png",
            "flag",
            "IMG_0001.png",
            lambda s: zip_bytes({"a.jpg": jpeg(s)}),
            "a ZIP archive named .png",
        ),
        (
            "exe_named_jpg",
            "flag",
            "IMG_0001.jpg",
            lambda s: b"MZ\x90\x00" + b"\x00" * 60 + b"PE\x00\x00" + b"\x00" * 400,
            "Windows executable bytes named .jpg",
        ),
        (
            "elf_named_jpg",
            "flag",
            "IMG_0001.jpg",
            lambda s: b"\x7fELF\x02\x01\x01" + b"\0" * 300,
            "ELF executable bytes named .jpg",
        ),
        (
            "bmp_named_jpg",
            "flag",
            "IMG_0001.jpg",
            lambda s: encode(picture(s), "BMP"),
            "a BMP named .jpg (not an accepted format)",
        ),
        (
            "webp",
            "flag",
            "IMG_0001.webp",
            lambda s: encode(picture(s), "WEBP", quality=60),
            "WEBP (not an accepted format)",
        ),
        (
            "tiff",
            "flag",
            "IMG_0001.tif",
            lambda s: encode(picture(s), "TIFF"),
            "TIFF (not an accepted format)",
        ),
        (
            "heic_looking",
            "flag",
            "IMG_0001.heic",
            lambda s: b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\0" * 200,
            "HEIC header, no decodable picture",
        ),
        (
            "png_bomb",
            "flag",
            "IMG_0001.png",
            lambda s: png_bomb(13000),
            "decompression bomb: 13000x13000 1-bit PNG",
        ),
        (
            "png_huge_header",
            "flag",
            "IMG_0001.png",
            lambda s: raw_png(60000, 60000, 8, 2, zlib.compress(b"\x00" * 1000)),
            "IHDR says 60000x60000 RGB, the data is 1 KB",
        ),
        (
            "one_pixel",
            "flag",
            "IMG_0001.jpg",
            lambda s: encode(Image.new("RGB", (1, 1)), "JPEG"),
            "a 1x1 picture",
        ),
        (
            "extreme_aspect",
            "flag",
            "IMG_0001.png",
            lambda s: encode(Image.new("L", (20000, 10), 255), "PNG"),
            "20000x10 pixels",
        ),
        (
            "cmyk_jpeg",
            "read",
            "IMG_0001.jpg",
            lambda s: encode(picture(s).convert("CMYK"), "JPEG"),
            "CMYK JPEG",
        ),
        ("png_16bit", "read", "IMG_0001.png", png16, "16-bit RGB PNG"),
        (
            "png_alpha",
            "read",
            "IMG_0001.png",
            lambda s: encode(picture(s).convert("RGBA"), "PNG"),
            "PNG with an alpha channel",
        ),
        (
            "png_palette",
            "read",
            "IMG_0001.png",
            lambda s: encode(picture(s).convert("P", palette=Image.Palette.ADAPTIVE), "PNG"),
            "palette PNG",
        ),
        (
            "grey_jpeg",
            "read",
            "IMG_0001.jpg",
            lambda s: encode(picture(s).convert("L"), "JPEG"),
            "greyscale JPEG",
        ),
        ("animated_gif", "flag", "IMG_0001.gif", gif_animated, "animated GIF"),
        ("apng", "handled", "IMG_0001.png", apng, "animated PNG (APNG)"),
        (
            "progressive_jpeg",
            "read",
            "IMG_0001.jpg",
            lambda s: jpeg(s, progressive=True),
            "progressive JPEG",
        ),
        (
            "exif_bogus_orientation",
            "read",
            "IMG_0001.jpg",
            lambda s: insert_segment(jpeg(s), 0xE1, exif_orientation(9)),
            "EXIF orientation 9",
        ),
        (
            "exif_bomb",
            "handled",
            "IMG_0001.jpg",
            lambda s: insert_segment(jpeg(s), 0xE1, exif_bomb()),
            "EXIF with 5000 entries and a self-referencing IFD chain",
        ),
        (
            "icc_corrupt",
            "handled",
            "IMG_0001.jpg",
            lambda s: insert_segment(jpeg(s), 0xE2, b"ICC_PROFILE\0\x01\x01" + b"\xde\xad" * 300),
            "a corrupt ICC profile",
        ),
        (
            "polyglot_jpeg_zip",
            "handled",
            "IMG_0001.jpg",
            lambda s: jpeg(s) + zip_bytes({"evil.html": b"<script>alert(1)</script>"}),
            "a JPEG with a ZIP archive appended",
        ),
        (
            "polyglot_html_pdf",
            "flag",
            "IMG_0001.jpg",
            lambda s: b"<html><!--\n" + pdf_page() + b"--></html>",
            "HTML that is also a PDF",
        ),
        (
            "jpeg_garbage_tail",
            "handled",
            "IMG_0001.jpg",
            lambda s: jpeg(s) + bytes(random.Random(s).randbytes(60_000)),
            "a JPEG followed by 60 KB of noise",
        ),
    ]


def _pdf_kinds() -> list[tuple[str, str, FileMaker, str]]:
    """(kind, expect, bytes, what it is) for a PDF in slot diploma_record."""
    nested = b"[" * 50_000 + b"]" * 50_000
    bomb_ops = b"BT /F1 1 Tf 0 0 Td (x) Tj ET\n" * 210_000  # ~6 MB of operators
    return [
        ("pdf_empty", "flag", lambda s: b"", "a zero-byte PDF"),
        ("pdf_header_only", "flag", lambda s: b"%PDF-1.7\n", "only the %PDF header"),
        ("pdf_truncated", "flag", lambda s: pdf_page()[:300], "a PDF cut short"),
        ("pdf_encrypted", "flag", lambda s: pdf_encrypted(), "password-protected (RC4)"),
        ("pdf_1000_pages", "flag", lambda s: pdf_pages(1000), "1000 pages"),
        (
            "pdf_text_bomb",
            "flag",
            lambda s: pdf_page(content=bomb_ops, compress=True),
            "6 MB of text operators in a compressed content stream",
        ),
        (
            "pdf_javascript",
            "flag",
            lambda s: pdf_page(
                catalog_extra=b"/OpenAction 6 0 R ",
                more=(b"<< /Type /Action /S /JavaScript /JS (app.alert\\('x'\\);) >>",),
            ),
            "/OpenAction running JavaScript",
        ),
        (
            "pdf_launch",
            "flag",
            lambda s: pdf_page(
                catalog_extra=b"/OpenAction 6 0 R ",
                more=(b"<< /Type /Action /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) >> >>",),
            ),
            "/OpenAction /Launch of cmd.exe",
        ),
        (
            "pdf_no_pages",
            "flag",
            lambda s: pdf(
                [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
            ),
            "a page tree with no pages",
        ),
        (
            "pdf_poster",
            "handled",
            lambda s: pdf_page(media=b"[0 0 14400 14400]"),
            "a 200x200 inch page",
        ),
        (
            "pdf_rotate45",
            "handled",
            lambda s: pdf_page(page_extra=b"/Rotate 45 "),
            "/Rotate 45 (not a multiple of 90)",
        ),
        (
            "pdf_bad_xref",
            "handled",
            lambda s: pdf(
                [
                    b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
                    b"<< /F1 5 0 R >> >> /Contents 4 0 R >>",
                    stream(TEXT),
                    FONT,
                ],
                xref=False,
            ),
            "every xref offset wrong",
        ),
        (
            "pdf_xref_loop",
            "handled",
            lambda s: pdf_xref_loop(),
            "the trailer's /Prev points at its own xref",
        ),
        (
            "pdf_page_tree_loop",
            "handled",
            lambda s: pdf(
                [
                    b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                    b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
                ]
            ),
            "a page tree whose /Kids contain themselves",
        ),
        (
            "pdf_nested_bomb",
            "handled",
            lambda s: pdf_page(page_extra=b"/Junk 6 0 R ", more=(nested,)),
            "an object of 50000 nested arrays",
        ),
        (
            "pdf_image_bomb",
            "handled",
            lambda s: pdf_image_bomb(20000),
            "a page showing a 20000x20000 1-bit image",
        ),
    ]


NAMES = [
    ("name_dotdot", "..IMG_0001.jpg", "a legitimate name starting with '..'"),
    ("name_hidden", ".hidden.jpg", "a name starting with '.' (not a known junk file)"),
    ("name_spaces", "IMG 0001 (1).jpg", "spaces and brackets"),
    ("name_cjk", "身份证人像面.jpg", "a Chinese name"),
    ("name_emoji", "😀身份证.jpg", "an emoji in the name"),
    ("name_250_bytes", "身" * 82 + ".jpg", "a 250-byte name"),
    ("name_newline", "IMG\n0001.jpg", "a newline in the name"),
    ("name_backslash", "..\\..\\IMG_0001.jpg", "backslashes (a Windows path) in the name"),
    ("name_upper_ext", "IMG_0001.JPG", "an upper-case extension"),
    ("name_leading_dash", "-rf IMG_0001.jpg", "a name starting with '-'"),
    ("name_quote_semicolon", "a'b\";$(id).jpg", "quotes, ';' and '$(' in the name"),
    ("name_html", "<img src=x onerror=alert(1)>.jpg", "HTML in the name (the report)"),
]

JUNK = [
    ("junk_ds_store", ".DS_Store", b"\x00\x00\x00\x01Bud1" + b"\x00" * 200),
    ("junk_thumbs_db", "Thumbs.db", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500),
    ("junk_desktop_ini", "desktop.ini", b"[.ShellClassInfo]\r\nIconResource=x\r\n"),
    ("junk_appledouble", "._IMG_0001.jpg", b"\x00\x05\x16\x07\x00\x02\x00\x00" + b"\0" * 80),
]


def _form_tricks(c: Corpus) -> None:
    """applicants.jsonl lines that are wrong as lines (ids, JSON, encodings)."""

    def kind(name: str, expect: str, aid: str | None, line: int, note: str) -> None:
        c.kinds.append(Kind(name, "form", expect, aid, line=line, note=note))

    def dumps(aid: Any, **changes: Any) -> bytes:
        form = c.form(aid if isinstance(aid, str) and aid.isdigit() else c.new_id())
        form["applicant_id"] = aid
        form.update(changes)
        return json.dumps(form, ensure_ascii=False).encode()

    for name, aid, note in [
        ("id_traversal", f"/../../{SENTINEL}/x", "an id that climbs out of OUT/parts"),
        ("id_dotdot", f"../../{SENTINEL}/y", "a relative id that climbs out of OUT/parts"),
        ("id_nul", "2026169\x0012345", "a NUL in the id"),
        ("id_slash", "2026169/12345", "a '/' in the id"),
        ("id_dot", "..", "the id '..'"),
        ("id_newline", "2026169\n12345", "a newline in the id"),
        ("id_spaces", "   ", "an id of spaces only"),
        ("id_300_chars", "2" * 300, "a 300-character id (longer than a file name may be)"),
    ]:
        # an id that can still be a folder name may be kept as data; one that cannot is a
        # bad id, reported on its line
        expect = "row" if name in ("id_300_chars", "id_dot", "id_newline") else "line"
        kind(name, expect, aid, c.add_line(dumps(aid)), note)
    for name, aid in [
        ("csv_equals", '=HYPERLINK("evil.example","2026")'),
        ("csv_plus", "+1+1"),
        ("csv_minus", "-2+3"),
        ("csv_at", "@SUM(1+1)"),
        ("csv_tab", "\t=1+1"),
    ]:
        kind(name, "csv", aid, c.add_line(dumps(aid)), "a formula in the id (CSV injection)")
    first = c.kinds[0].applicant_id or ""
    line = c.add_line(dumps(first), row=False)
    c.kinds.append(
        Kind(
            "id_duplicate",
            "form",
            "line",
            first,
            line=line,
            rows=0,
            note="the id of an earlier line again",
        )
    )
    kind("line_not_object", "line", None, c.add_line(b"[1, 2, 3]"), "a JSON array, not an object")
    kind(
        "line_not_json",
        "line",
        None,
        c.add_line("{applicant_id: 2026, name: '张三'".encode()),
        "not JSON",
    )
    kind("line_json_string", "line", None, c.add_line(b'"2026169912345"'), "a bare JSON string")
    aid = c.new_id()
    gbk = dumps(aid, name="@NAME@").replace(b"@NAME@", "张三".encode("gbk"))
    kind("line_gbk", "line", aid, c.add_line(gbk), "a line in GBK: invalid UTF-8")
    aid = c.new_id()
    huge = b'{"applicant_id": "%s", "name": "' % aid.encode() + b"x" * (1 << 20)
    kind("line_1mb_unterminated", "line", aid, c.add_line(huge), "a 1 MB line, never closed")
    aid = c.new_id()
    kind(
        "line_1mb_field",
        "row",
        aid,
        c.add_line(dumps(aid, address="天" * 350_000)),
        "a valid line with a 1 MB address",
    )
    c.plain_ids.append(aid)
    aid = c.new_id()
    deep = b'{"applicant_id": "%s", "exam": ' % aid.encode() + b"[" * 100_000 + b"]" * 100_000
    kind("line_deep_json", "line", aid, c.add_line(deep + b"}"), "100000 nested arrays")
    form = c.form(c.new_id())
    del form["applicant_id"]
    kind(
        "id_missing",
        "line",
        None,
        c.add_line(json.dumps(form, ensure_ascii=False).encode()),
        "a form without applicant_id",
    )
    kind("id_number_type", "line", None, c.add_line(dumps(True)), "applicant_id true (a bool)")
    aid = c.new_id()
    c.kinds.append(
        Kind(
            "form_without_uploads",
            "form",
            "missing",
            aid,
            "id_front",
            line=c.add_line(dumps(aid)),
            note="a form line, no upload folder",
        )
    )
    c.plain_ids.append(aid)
    c.add_line(b"", row=False)
    c.add_line(b"   \t ", row=False)  # blank lines: no row, no finding


def build(skip: frozenset[str] = frozenset()) -> Corpus:
    """The whole corpus in memory (deterministic: every draw is seeded by the kind), less
    the kinds in `skip` (their lines are left blank, so the others keep their numbers)."""
    c = _build()
    unknown = skip - {k.name for k in c.kinds}
    if unknown:
        raise ValueError(f"unknown kind(s): {', '.join(sorted(unknown))}")
    for kind in [k for k in c.kinds if k.name in skip]:
        c.drop(kind)
    return c


def _build() -> Corpus:
    c = Corpus()
    for name, expect, filename, make, note in _image_kinds():
        c.upload(name, "image", expect, "id_front", filename, make(name), note)
    for name, expect, make, note in _pdf_kinds():
        c.upload(name, "pdf", expect, "diploma_record", "备案表.pdf", make(name), note)
    for name, filename, note in NAMES:
        c.upload(name, "name", "read", "id_front", filename, jpeg(name), note)
    raw = c.upload(
        "name_gbk_bytes",
        "name",
        "handled",
        "id_front",
        "GBK",
        jpeg("gbk"),
        "a GBK-encoded (invalid UTF-8) file name, as a Windows ZIP leaves it",
    )
    c.raw_names[raw.path or ""] = (
        f"uploads/{raw.applicant_id}/id_front/".encode() + "身份证.jpg".encode("gbk")
    )
    c.kinds[-1] = replace(raw, path=f"uploads/{raw.applicant_id}/id_front/")
    _links(c)
    for name, filename, data in JUNK:
        aid = c.new_id()
        line = c.add_form(aid)
        c.plain_ids.append(aid)
        real = f"uploads/{aid}/id_front/IMG_0001.jpg"
        c.files[real] = jpeg(name)
        path = f"uploads/{aid}/id_front/{filename}"
        c.files[path] = data
        c.kinds.append(Kind(name, "junk", "ignored", aid, "id_front", path, real, line,
                            f"{filename} beside a real upload"))  # fmt: skip
    _depth(c)
    _form_tricks(c)
    return c


def _links(c: Corpus) -> None:
    """Symlinks (file and folder) and a FIFO: created when the corpus is written."""
    c.sentinel["outside.jpg"] = jpeg("outside")
    c.sentinel["slotdir/IMG_0001.jpg"] = jpeg("slotdir")
    c.sentinel["applicantdir/id_front/IMG_0001.jpg"] = jpeg("applicantdir")
    for name, target, note in [
        ("link_etc_passwd", "/etc/passwd", "a file symlink to /etc/passwd"),
        ("link_proc_environ", "/proc/self/environ", "a file symlink to /proc/self/environ"),
        ("link_outside_image", f"{SENTINEL}/outside.jpg", "a file symlink to an image outside"),
        ("link_dangling", f"{SENTINEL}/nowhere.jpg", "a symlink to nothing"),
        ("link_loop", "", "a symlink to itself"),
    ]:
        kind = c.upload(name, "link", "flag", "id_front", "IMG_0001.jpg", b"", note)
        path = kind.path or ""
        del c.files[path]
        c.links[path] = target or os.path.basename(path)
    kind = c.upload("link_slot_folder", "link", "flag", "id_front", "", b"", "")
    del c.files[kind.path or ""]
    slot = f"uploads/{kind.applicant_id}/id_front"
    c.links[slot] = f"{SENTINEL}/slotdir"
    c.kinds[-1] = Kind("link_slot_folder", "link", "flag", kind.applicant_id, "id_front", slot,
                       line=kind.line, note="the slot folder is a symlink outside")  # fmt: skip
    aid = c.new_id()
    line = c.add_form(aid)
    c.plain_ids.append(aid)
    c.links[f"uploads/{aid}"] = f"{SENTINEL}/applicantdir"
    c.kinds.append(Kind("link_applicant_folder", "link", "flag", aid, None, f"uploads/{aid}",
                        line=line, note="the applicant folder is a symlink outside"))  # fmt: skip
    kind = c.upload("fifo_upload", "link", "flag", "id_front", "IMG_0001.jpg", b"", "a FIFO")
    del c.files[kind.path or ""]
    c.fifos.append(kind.path or "")


def _depth(c: Corpus) -> None:
    """Files at the wrong depth, a folder without a form line, an unknown slot."""
    for name, rel, note in [
        ("depth_no_slot", "IMG_0001.jpg", "a file directly in the applicant folder"),
        ("depth_too_deep", "id_front/scans/IMG_0001.jpg", "a file one folder too deep"),
        ("slot_unknown", "passport_scan/IMG_0001.jpg", "a slot name the contract does not know"),
    ]:
        aid = c.new_id()
        line = c.add_form(aid)
        c.plain_ids.append(aid)
        path = f"uploads/{aid}/{rel}"
        c.files[path] = jpeg(name)
        expect = "handled" if name == "slot_unknown" else "flag"
        c.kinds.append(Kind(name, "depth", expect, aid, rel.split("/")[0], path, line=line,
                            note=note))  # fmt: skip
    c.files["uploads/IMG_0001.jpg"] = jpeg("depth_top")
    c.kinds.append(Kind("depth_top_level", "depth", "stray", None, None, "uploads/IMG_0001.jpg",
                        note="a file directly in uploads/", rows=0))  # fmt: skip
    aid = c.new_id()
    c.files[f"uploads/{aid}/id_front/IMG_0001.jpg"] = jpeg("orphan")
    c.rows += 1
    c.plain_ids.append(aid)
    c.kinds.append(Kind("folder_without_form", "form", "line", aid, "id_front",
                        f"uploads/{aid}/id_front/IMG_0001.jpg",
                        note="an upload folder with no form line"))  # fmt: skip


# -- writing -----------------------------------------------------------------------------


def write_corpus(work: Path, skip: frozenset[str] = frozenset()) -> Path:
    """Write `work/window`, `work/sentinel` and `work/hostile.json` (the expectations), less
    the kinds in `skip`; returns the window. Refuses a `work` whose window or sentinel
    already exists."""
    c = build(skip)
    work = Path(work)
    window, sentinel = work / WINDOW, work / SENTINEL
    for folder in (window, sentinel):
        if os.path.lexists(folder):
            raise FileExistsError(f"{folder} already exists")
    window.mkdir(parents=True)
    toml = window_toml(REGION, OPENS, CLOSES)
    (window / "window.toml").write_text(toml, encoding="utf-8")
    (window / "applicants.jsonl").write_bytes(b"\n".join(c.lines) + b"\n")
    for rel, data in sorted(c.sentinel.items()):
        _write(sentinel / rel, data)
    for rel, data in sorted(c.files.items()):
        raw = c.raw_names.get(rel)
        path = os.fsencode(window) + b"/" + raw if raw else os.fsencode(window / rel)
        _write(Path(os.fsdecode(path)), data)
    for rel in c.fifos:
        (window / rel).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(window / rel)
    for rel, target in sorted(c.links.items()):
        link = window / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        if target.startswith(SENTINEL + "/"):  # relative, so the corpus is the same anywhere
            target = os.path.relpath(work / target, link.parent)
        os.symlink(target, link)
    meta = {
        "window": WINDOW,
        "sentinel": SENTINEL,
        "rows": c.rows,
        "plain_ids": c.plain_ids,
        "lines": len(c.lines),
        "kinds": [asdict(k) for k in c.kinds],
        "skipped": sorted(skip),
    }
    (work / EXPECTATIONS).write_text(
        json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return window


@dataclass(frozen=True, slots=True)
class Probe:
    """A window-level trick that cannot share the corpus's window: run on its own, it must
    end (no hang) with one of the exit codes `rc`."""

    name: str
    window: str  # relative to `work`
    out: str
    rc: tuple[int, ...]
    note: str


PROBES = "probes"


def write_probes(work: Path) -> list[Probe]:
    """Small windows of one applicant (no uploads) under `work/probes`, each with one
    window-level trick (issue 16: a FIFO window.toml hangs the run, implausible reference
    dates are accepted, OUT inside WINDOW becomes applicants)."""
    base = Path(work) / PROBES
    if os.path.lexists(base):
        raise FileExistsError(f"{base} already exists")
    line = json.dumps(Corpus().form(str(ID_BASE + 9999)), ensure_ascii=False) + "\n"
    toml = window_toml(REGION, OPENS, CLOSES)
    probes = [
        Probe("fifo_window_toml", "fifo_window_toml", "fifo_window_toml.out", (3,),
              "window.toml is a FIFO (nobody writes to it)"),
        Probe("fifo_applicants", "fifo_applicants", "fifo_applicants.out", (3,),
              "applicants.jsonl is a FIFO"),
        Probe("closes_0001", "closes_0001", "closes_0001.out", (3,), "closes = 0001-01-01"),
        Probe("closes_9999", "closes_9999", "closes_9999.out", (3,), "closes = 9999-12-31"),
        Probe("out_inside_window", "out_inside_window", "out_inside_window/uploads/out", (2,),
              "OUT under WINDOW/uploads"),
        Probe("window_inside_out", "window_inside_out.out/window", "window_inside_out.out",
              (2,), "WINDOW inside OUT"),
    ]  # fmt: skip
    for probe in probes:
        window = base / probe.window
        window.mkdir(parents=True)
        if probe.name.startswith("closes_"):
            year = probe.name.removeprefix("closes_")
            text = toml.replace(f"closes = {CLOSES.isoformat()}", f"closes = {year}-12-31")
            text = text.replace("0001-12-31", "0001-01-01")
            # no `opens`: the date alone must be judged implausible, not its order
            text = "".join(t for t in text.splitlines(True) if not t.startswith("opens"))
            (window / "window.toml").write_text(text, encoding="utf-8")
        elif probe.name == "fifo_window_toml":
            os.mkfifo(window / "window.toml")
        else:
            (window / "window.toml").write_text(toml, encoding="utf-8")
        if probe.name == "fifo_applicants":
            os.mkfifo(window / "applicants.jsonl")
        else:
            (window / "applicants.jsonl").write_text(line, encoding="utf-8")
    return probes


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def manifest(root: Path) -> dict[str, str]:
    """Every entry under `root` (not following links): file → sha256, link → target,
    FIFO → 'fifo', folder → 'dir'; names as bytes (hex) so odd names compare too."""
    entries: dict[str, str] = {}
    base = os.fsencode(root)
    for dirpath, dirnames, filenames in os.walk(base):
        for name in sorted(dirnames + filenames):
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, base).hex()
            if os.path.islink(full):
                entries[rel] = "link:" + os.fsdecode(os.readlink(full))
            elif os.path.isdir(full):
                entries[rel] = "dir"
            elif os.path.isfile(full):
                entries[rel] = hashlib.sha256(Path(os.fsdecode(full)).read_bytes()).hexdigest()
            else:
                entries[rel] = "special"
    return entries


def load_expectations(work: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((Path(work) / EXPECTATIONS).read_text(encoding="utf-8"))
    return data
