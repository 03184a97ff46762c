"""Hostile uploads for the budget tests, made in the test (no binary fixtures): PNGs whose
header claims a huge image, hand-written PDFs (encrypted, scripted, many pages, a huge
content stream)."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims `width`×`height` 8-bit RGB pixels but holds almost no data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def png_bilevel(width: int, height: int) -> bytes:
    """A real, complete 1-bit PNG of `width`×`height` white pixels (13000² is ~200 KB)."""
    buf = io.BytesIO()
    Image.new("1", (width, height), 1).save(buf, "PNG", optimize=False)
    return buf.getvalue()


def pdf(
    contents: list[bytes],
    *,
    catalog_extra: str = "",
    page_extra: str = "",
    compress: bool = True,
    image: tuple[int, int] | None = None,
) -> bytes:
    """A minimal valid PDF, one A4 page per content stream (Helvetica as /F1), with a
    correct cross-reference table. `catalog_extra`/`page_extra`: raw dictionary entries;
    `image`: a white 1-bit image XObject of that many pixels, /Im0 on every page."""
    objects: list[bytes] = []
    n = len(contents)
    xobject = f"/XObject << /Im0 {4 + 2 * n} 0 R >>" if image is not None else ""
    # 1 catalog, 2 pages, 3 font, then page i at 4 + 2i and its content at 5 + 2i
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objects.append(f"<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>".encode())
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, content in enumerate(contents):
        objects.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 3 0 R >> {xobject} >> /Contents {5 + 2 * i} 0 R "
                f"{page_extra} >>"
            ).encode()
        )
        body = zlib.compress(content) if compress else content
        head = f"<< /Length {len(body)}{' /Filter /FlateDecode' if compress else ''} >>"
        objects.append(head.encode() + b"\nstream\n" + body + b"\nendstream")
    if image is not None:
        w, h = image
        body = zlib.compress(b"\xff" * ((w + 7) // 8 * h), 9)
        head = (
            f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray "
            f"/BitsPerComponent 1 /Filter /FlateDecode /Length {len(body)} >>"
        )
        objects.append(head.encode() + b"\nstream\n" + body + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode())
    out.write(f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def text_page(text: str = "Hello certcheck") -> bytes:
    return f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()


def operator_bomb(megabytes: float = 6.0) -> bytes:
    """A page content of `megabytes` MB of text operators (compresses to a few KB)."""
    op = b"BT /F1 1 Tf 10 10 Td (A) Tj ET\n"
    return op * int(megabytes * 1_000_000 / len(op))


def scripted_pdf() -> bytes:
    """A PDF that runs JavaScript when opened."""
    return pdf(
        [text_page()], catalog_extra="/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"
    )


def encrypted_pdf(user_password: str = "secret") -> bytes:
    """A PDF that needs a password to open (fpdf2's RC4/AES encryption)."""
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", size=24)
    doc.cell(text="Hello certcheck")
    doc.set_encryption(owner_password="owner", user_password=user_password)
    return bytes(doc.output())
