"""Decode and PDF budgets (stages.limits): hostile files made here are refused with a finding
that says why, before the expensive step; ordinary formats still decode to the right page."""

from __future__ import annotations

import io
from datetime import date

import numpy as np
import pytest
from PIL import Image

from models import Upload
from pipeline.rules import load_rules
from stages import limits, normalise, recipe
from stages.normalise import ImageDecodeError, load_image
from stages.pdfpages import PdfDecodeError, read_pdf
from stages.rarenames import UnknownNames
from tests import budget_files as files
from tests.fakes import FakeEngine


def _upload(kind: str, slot: str = "other") -> Upload:
    return Upload("2026120000017", slot, f"uploads/2026120000017/{slot}/f.{kind}", 1, "x", kind)


def _finding(exc: Exception, kind: str = "png") -> dict[str, object]:
    return recipe.processing_error("2026120000017", _upload(kind), exc).to_json()


def _encode(im: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **kw)
    return buf.getvalue()


# -- images ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [files.png_header_only(13000, 13000), files.png_bilevel(13000, 13000)],
    ids=["header-only", "real-1-bit"],
)
def test_an_image_over_the_pixel_budget_is_refused_from_its_header(data: bytes) -> None:
    with pytest.raises(limits.OverBudget) as caught:
        load_image(data)
    finding = _finding(caught.value)
    assert finding["check"] == "file.budget" and finding["status"] == "invalid"
    assert finding["message"] == "图片像素过大（13000×13000），超出处理上限，请缩小后重新上传。"


def test_pillows_own_bomb_refusal_is_the_same_budget_finding() -> None:
    with pytest.raises(limits.OverBudget) as caught:
        load_image(files.png_header_only(20000, 20000))  # over Pillow's 179 MP: raised on open
    finding = _finding(caught.value)
    assert finding["check"] == "file.budget" and "超出处理上限" in str(finding["message"])


def test_a_large_jpeg_is_judged_by_its_reduced_decode() -> None:
    data = _encode(Image.new("RGB", (7400, 7000), "white"), "JPEG", quality=50)  # 51.8 MP
    image, _ = load_image(data)
    assert max(image.shape[:2]) < 7400


@pytest.mark.parametrize("data", [b"", files.png_header_only(100, 100)[:40], b"GIF89a junk"])
def test_empty_and_truncated_files_keep_the_plain_decode_error(data: bytes) -> None:
    with pytest.raises(ImageDecodeError) as caught:
        load_image(data)
    assert not isinstance(caught.value, limits.Refused)
    assert "文件损坏或不是有效图片" in str(_finding(caught.value)["message"])


def _colour_card() -> Image.Image:
    arr = np.full((120, 200, 3), 255, np.uint8)
    arr[20:60, 20:100] = (200, 30, 30)  # a red block (RGB)
    return Image.fromarray(arr, "RGB")


def _red_block_is_red(image: np.ndarray) -> bool:
    b, g, r = (int(v) for v in image[40, 60])
    return r > 150 and g < 90 and b < 90 and image[100, 150].min() > 200


@pytest.mark.parametrize(
    "make",
    [
        lambda im: _encode(im.convert("CMYK"), "JPEG", quality=95),
        lambda im: _encode(im, "JPEG", quality=95, progressive=True),
        lambda im: _encode(im.convert("RGBA"), "PNG"),
        lambda im: _encode(im.convert("P"), "PNG"),
        lambda im: _encode(im, "GIF", save_all=True, append_images=[Image.new("RGB", im.size)]),
        lambda im: _encode(im, "PNG", save_all=True, append_images=[Image.new("RGB", im.size)]),
    ],
    ids=["cmyk-jpeg", "progressive-jpeg", "rgba-png", "palette-png", "animated-gif", "apng"],
)
def test_colour_formats_decode_to_the_same_bgr_page(make) -> None:  # type: ignore[no-untyped-def]
    image, tag = load_image(make(_colour_card()))
    assert image.shape == (120, 200, 3) and image.dtype == np.uint8 and tag == 1
    assert _red_block_is_red(image)  # BGR order, CMYK converted, first frame of an animation


def test_grey_and_16_bit_pngs_keep_their_contrast() -> None:
    grey = np.full((120, 200), 250, np.uint8)
    grey[20:60, 20:100] = 10
    for data in (
        _encode(Image.fromarray(grey), "PNG"),
        _encode(Image.fromarray(grey.astype(np.uint16) * 257), "PNG"),
    ):
        image, _ = load_image(data)
        assert image.shape == (120, 200, 3)
        assert image[40, 60].max() < 30 and image[100, 150].min() > 230


def test_an_exif_rotated_jpeg_is_shown_as_a_viewer_shows_it() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # turned 90° clockwise for display
    image, tag = load_image(_encode(_colour_card(), "JPEG", quality=95, exif=exif.tobytes()))
    assert tag == 6 and image.shape == (200, 120, 3)


def test_large_images_are_converted_in_bands_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(7)
    rgba = rng.integers(0, 256, (300, 400, 4), dtype=np.uint8)
    whole = normalise._flatten_alpha(rgba.astype(np.float32))
    monkeypatch.setattr(normalise, "BAND_PIXELS", 10_000)
    assert np.array_equal(normalise._flatten_alpha_banded(rgba), whole)
    wide = (rng.integers(0, 4096, (300, 400))).astype(np.uint16)
    assert np.array_equal(
        normalise._to_uint8(wide, "I;16"),
        np.clip(wide.astype(np.float64) * (255.0 / 4095), 0, 255).astype(np.uint8),
    )


# -- PDFs --------------------------------------------------------------------------------------


def test_an_encrypted_pdf_says_it_needs_a_password() -> None:
    with pytest.raises(limits.PdfEncrypted) as caught:
        read_pdf(files.encrypted_pdf(), 3)
    finding = _finding(caught.value, "pdf")
    assert finding["check"] == "pdf.encrypted" and finding["status"] == "invalid"
    assert finding["message"] == "PDF 文件设置了密码，无法打开，请上传未加密的文件。"


@pytest.mark.parametrize(
    "data",
    [
        files.scripted_pdf(),
        files.pdf([files.text_page()], page_extra="/AA << /O << /S /Launch /F (calc.exe) >> >>"),
        files.pdf(
            [files.text_page()],
            catalog_extra="/OpenAction << /S /GoTo /D [4 0 R /Fit] "
            "/Next << /S /JavaScript /JS (x) >> >>",
        ),
    ],
    ids=["open-action-js", "page-launch", "chained-js"],
)
def test_a_pdf_that_runs_something_by_itself_is_refused(data: bytes) -> None:
    with pytest.raises(limits.PdfScripted) as caught:
        read_pdf(data, 3)
    finding = _finding(caught.value, "pdf")
    assert finding["check"] == "pdf.script" and finding["status"] == "invalid"
    assert "脚本或自动动作" in str(finding["message"])


def test_an_open_action_that_only_shows_page_one_is_fine() -> None:
    read_pdf(files.pdf([files.text_page()], catalog_extra="/OpenAction [4 0 R /Fit]"), 3)


def test_a_pdf_over_the_page_budget_is_refused_unread() -> None:
    with pytest.raises(limits.OverBudget) as caught:
        read_pdf(files.pdf([files.text_page(str(i)) for i in range(60)]), 3)
    finding = _finding(caught.value, "pdf")
    assert finding["check"] == "file.budget" and finding["status"] == "invalid"
    assert "共 60 页，上限 50 页" in str(finding["message"])


@pytest.mark.parametrize("megabytes", [6.0, 20.0])
def test_a_page_too_complex_to_parse_is_refused_before_pdfplumber(megabytes: float) -> None:
    data = files.pdf([files.operator_bomb(megabytes)])
    assert len(data) < 100_000
    with pytest.raises(limits.TooComplex) as caught:
        read_pdf(data, 3)
    finding = _finding(caught.value, "pdf")
    assert finding["check"] == "file.budget" and finding["status"] == "unreadable"
    assert "第 1 页内容过于复杂" in str(finding["message"])


def test_a_broken_pdf_keeps_the_plain_decode_error() -> None:
    with pytest.raises(PdfDecodeError) as caught:
        read_pdf(b"%PDF-1.4\n% nothing else", 3)
    assert not isinstance(caught.value, limits.Refused)


def _job(slot: str) -> recipe.UploadJob:
    return recipe.UploadJob(
        applicant_id="2026120000017",
        form=None,
        rules=load_rules("天津市"),
        reference_date=date(2026, 1, 31),
        upload=_upload("pdf", slot),
        index=0,
        pages_dir="pages/x",
        evidence_dir="evidence/x",
    )


@pytest.mark.parametrize(
    ("slot", "status"), [("other", "pass"), ("social_insurance", "unreadable")]
)
def test_a_pdf_longer_than_what_is_read_says_which_pages_were_checked(
    slot: str, status: str
) -> None:
    data = files.pdf([files.text_page(f"Page {i} of a long statement") for i in range(5)])
    engine = FakeEngine(["x"])
    out = recipe.read_upload(_job(slot), data, recipe.Engines(engine), UnknownNames(engine.charset))
    assert len(out.pages) == recipe.MAX_PDF_PAGES
    (note,) = [f for f in out.findings if f.check == "pdf.pages"]
    assert note.status == status and "共 5 页" in note.message and "前 3 页" in note.message


def test_a_pdf_within_the_pages_read_has_no_page_note() -> None:
    engine = FakeEngine(["x"])
    data = files.pdf([files.text_page("Page one of a short statement")])
    out = recipe.read_upload(
        _job("other"), data, recipe.Engines(engine), UnknownNames(engine.charset)
    )
    assert [f for f in out.findings if f.check == "pdf.pages"] == []


def test_a_page_whose_image_is_over_the_pixel_budget_is_refused_before_rendering() -> None:
    draw = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    read_pdf(files.pdf([draw], image=(2000, 2000)), 3)  # 4 MP: rendered
    with pytest.raises(limits.TooComplex) as caught:
        read_pdf(files.pdf([draw], image=(9000, 9000)), 3)
    assert "内嵌图片 9000×9000 像素" in str(_finding(caught.value, "pdf")["message"])


def test_a_pdf_with_only_an_owner_password_opens_as_in_any_viewer() -> None:
    pages = read_pdf(files.encrypted_pdf(user_password=""), 3)
    assert pages.total_pages == 1 and len(pages.images) == 1


def test_a_pdf_without_pages_is_not_taken_for_an_encrypted_one_after_one() -> None:
    """pdfium's last error outlives the file that set it: it must not decide."""
    with pytest.raises(limits.PdfEncrypted):
        read_pdf(files.encrypted_pdf(), 3)
    with pytest.raises(PdfDecodeError) as caught:
        read_pdf(files.pdf([]), 3)  # a page tree without pages
    assert not isinstance(caught.value, limits.Refused)


@pytest.mark.parametrize("size", [(1, 1), (20000, 10), (3000, 100)])
def test_an_image_that_cannot_show_a_document_is_refused(size: tuple[int, int]) -> None:
    with pytest.raises(limits.BadShape) as caught:
        load_image(_encode(Image.new("L", size, 255), "PNG"))
    finding = _finding(caught.value)
    assert finding["check"] == "file.dimensions" and finding["status"] == "invalid"
    assert f"{size[0]}×{size[1]} 像素" in str(finding["message"])


def test_a_long_phone_screenshot_is_still_an_image() -> None:
    image, _ = load_image(_encode(Image.new("L", (1080, 9000), 255), "PNG"))
    assert image.shape == (9000, 1080, 3)
