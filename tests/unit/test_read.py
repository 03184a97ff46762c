"""The reader skips rows no check reads, and only those."""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
import pytest

from models import TextLine
from stages import materials, read
from stages.ocr.base import Recognition
from stages.read import group_rows, recognise_lines

# (x0, y0, x1, y1, text): a licence-like layout; 诊疗科目 continues on an indented line
LAYOUT = [
    (20, 10, 140, 40, "机构名称"),
    (160, 10, 500, 40, "天津市第一中心医院"),
    (20, 60, 100, 90, "地址"),
    (160, 60, 520, 90, "天津市南开区复康路24号"),
    (20, 110, 140, 140, "诊疗科目"),
    (160, 110, 560, 140, "内科；外科；妇产科；"),
    (160, 150, 560, 180, "儿科；中医科；"),
    (20, 200, 140, 230, "有效期限"),
    (160, 200, 560, 230, "自2022年01月01日至2027年12月31日"),
]


class Scripted:
    name = "scripted"

    def __init__(self, layout: Sequence[tuple[int, int, int, int, str]] = LAYOUT) -> None:
        self.layout = layout
        self.asked: list[str] = []

    def crop(self, image: np.ndarray, quad: np.ndarray) -> np.ndarray:
        index = next(
            i
            for i, b in enumerate(self.layout)
            if b[0] == int(quad[0][0]) and b[1] == int(quad[0][1])
        )
        return np.zeros((1, index + 1, 3), np.uint8)

    def recognise(self, crops: Sequence[np.ndarray]) -> list[Recognition]:
        texts = [self.layout[c.shape[1] - 1][4] for c in crops]
        self.asked.extend(texts)
        return [Recognition(t, 0.99) for t in texts]


def _quads(layout: Sequence[tuple[int, int, int, int, str]] = LAYOUT) -> list[np.ndarray]:
    return [
        np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
        for x0, y0, x1, y1, _ in layout
    ]


def _table(header: str) -> list[tuple[int, int, int, int, str]]:
    """A social-insurance table photographed a little askew: each row sits 12 px further
    right; the last row's amount and status were detected as one box."""
    rows = [
        (20, 10, 120, 40, "姓名：张三"),
        (20, 60, 120, 90, "缴费年月"),
        (160, 60, 220, 90, header),
        (420, 60, 520, 90, "缴费基数"),
        (560, 60, 660, 90, "缴费状态"),
    ]
    for k, (kind, state) in enumerate((("城镇职工基本养老保险", "已缴"), ("失业保险", "欠缴"))):
        dx, y = 12 * (k + 1), 100 + 40 * k
        rows += [
            (20 + dx, y, 110 + dx, y + 30, f"20250{k + 1}"),
            (160 + dx, y, 400 + dx, y + 30, kind),
            (420 + dx, y, 510 + dx, y + 30, "5900.00"),
            (560 + dx, y, 620 + dx, y + 30, state),
        ]
    rows += [
        (56, 180, 146, 210, "202503"),
        (196, 180, 300, 210, "失业保险"),
        (456, 180, 660, 210, "5900.00 已缴"),
        (20, 230, 600, 260, "打印日期：2025年12月18日"),
    ]
    return rows


def _read_table(
    layout: Sequence[tuple[int, int, int, int, str]], height: int = 300
) -> tuple[list[TextLine], Scripted]:
    """The layout read with the social-insurance columns no check reads left unread."""
    engine = Scripted(layout)
    image = np.zeros((height, 700, 3), np.uint8)
    return recognise_lines(image, _quads(layout), engine, (), ("险种", "缴费基数")), engine


def test_a_table_column_no_check_reads_is_left_unread_below_its_header() -> None:
    layout = _table("险种")
    lines, engine = _read_table(layout)
    rows = [r.text for r in group_rows(lines)]
    assert rows == [
        "姓名：张三",
        "缴费年月险种缴费基数缴费状态",
        "202501已缴",
        "202502欠缴",
        "202503" + "5900.00 已缴",  # merged with the kept status: read
        "打印日期：2025年12月18日",
    ]
    assert not {"城镇职工基本养老保险", "失业保险"} & set(engine.asked)


def test_a_header_read_wrongly_only_means_its_column_is_read() -> None:
    layout = _table("阶种")
    lines, engine = _read_table(layout)
    texts = [t.text for t in lines]
    assert "城镇职工基本养老保险" in texts and "失业保险" in texts
    assert "5900.00" not in texts  # 缴费基数 was read right: that column is still left


def test_skipped_rows_and_their_continuations_are_not_recognised() -> None:
    engine = Scripted()
    lines = recognise_lines(
        np.zeros((300, 600, 3), np.uint8), _quads(), engine, ("地址", "诊疗科目")
    )
    rows = [r.text for r in group_rows(lines)]
    assert rows == [
        "机构名称天津市第一中心医院",
        "地址",
        "诊疗科目",
        "有效期限自2022年01月01日至2027年12月31日",
    ]
    assert "儿科；中医科；" not in engine.asked


def test_the_next_label_standing_in_on_a_slanted_card_is_not_a_continuation() -> None:
    """An ID card photographed at a slant: each label stands further right; 公民身份号码 stands
    in past 住址 by more than a line's height but a line's gap further down."""
    card = [
        (74, 429, 159, 481, "住址"),
        (202, 429, 711, 479, "北京市密云县大沽南路龙潭里22号"),
        (212, 474, 416, 527, "楼1门1004号"),
        (128, 619, 319, 667, "公民身份号码"),
        (371, 609, 829, 663, "110228200108056559"),
    ]
    engine = Scripted(card)
    lines = recognise_lines(np.zeros((700, 900, 3), np.uint8), _quads(card), engine, ("住址",))
    assert [ln.text for ln in lines] == ["住址", "公民身份号码", "110228200108056559"]
    assert "楼1门1004号" not in engine.asked


def test_the_next_cell_of_a_ruled_table_is_no_continuation() -> None:
    """登记号 | its number, then under a light grey rule the first line of 诊疗科目's cell
    (its label centred lower down): read, though it starts where the skipped value did."""
    table = [
        (20, 10, 120, 40, "登记号"),
        (160, 10, 500, 40, "41445424812010611A2102"),
        (160, 62, 560, 92, "预防保健科、内科、中医科、"),
        (20, 80, 140, 110, "诊疗科目"),
        (160, 100, 560, 130, "耳鼻咽喉科、皮肤科、"),
    ]
    page = np.full((160, 600, 3), 244, np.uint8)
    lines = recognise_lines(page, _quads(table), Scripted(table), ("登记号",))
    assert "预防保健科、内科、中医科、" not in [ln.text for ln in lines]  # no rule: continues
    page[50:52, 10:590] = 220  # the table's light grey rule between the cells
    lines = recognise_lines(page, _quads(table), Scripted(table), ("登记号",))
    assert "预防保健科、内科、中医科、" in [ln.text for ln in lines]


def test_without_skip_labels_everything_is_read() -> None:
    engine = Scripted()
    lines = recognise_lines(np.zeros((300, 600, 3), np.uint8), _quads(), engine)
    assert len(lines) == len(LAYOUT)


class Answers:
    name = "answers"

    def recognise(self, crops: Sequence[np.ndarray]) -> list[Recognition]:
        return [Recognition("女", 0.9) for _ in crops]


def test_a_missed_one_character_value_is_read_right_of_its_label() -> None:
    from models import TextLine
    from stages.read import fill_lone_labels

    image = np.zeros((300, 800, 3), np.uint8)
    lone = [
        TextLine("性别", 0.99, (20, 100, 100, 140), "x"),
        TextLine("民族汉", 0.99, (400, 100, 520, 140), "x"),
    ]
    rows = [r.text for r in group_rows(fill_lone_labels(image, lone, ("性别",), Answers()))]
    assert rows == ["性别女民族汉"]
    present = [
        TextLine("性别", 0.99, (20, 100, 100, 140), "x"),
        TextLine("男", 0.99, (190, 100, 220, 140), "x"),
    ]
    assert fill_lone_labels(image, present, ("性别",), Answers()) == present


def test_a_label_spaced_into_two_boxes_is_read_beside_too() -> None:
    """姓 | 名 (a form spacing its labels out), the name beside under a seal unfound: the
    pair is the label and the strip right of its second box is read."""
    from models import TextLine
    from stages.read import fill_lone_labels

    image = np.zeros((300, 800, 3), np.uint8)
    spaced = [
        TextLine("姓", 0.99, (20, 100, 50, 140), "x"),
        TextLine("名", 0.99, (90, 100, 120, 140), "x"),
    ]
    out = fill_lone_labels(image, spaced, ("姓名",), Answers())
    assert len(out) == 3 and out[2].box[0] == 120
    far = [spaced[0], TextLine("名", 0.99, (300, 100, 330, 140), "x")]
    assert fill_lone_labels(image, far, ("姓名",), Answers()) == far


def test_an_empty_cells_unsure_guess_beside_a_label_is_not_its_value() -> None:
    """A form printing its values under the labels (姓名 | 性别 | 科室 over 贾瑶 | 女 | 儿科):
    the empty strip right of 姓名 read 最 at 0.04 hid the name below."""
    from models import TextLine
    from stages.read import fill_lone_labels

    image = np.zeros((300, 1400, 3), np.uint8)
    lone = [TextLine("姓名", 0.99, (20, 100, 100, 140), "x")]

    class _Guess(_Stretched):
        def recognise(self, crops: Sequence[np.ndarray]) -> list[Recognition]:
            return [Recognition(self.text, 0.04) for _ in crops]

    assert fill_lone_labels(image, lone, ("姓名",), _Guess("最")) == lone
    # a value read surely, or a longer one, is still added
    (row,) = group_rows(fill_lone_labels(image, lone, ("姓名",), _Stretched("贾瑶")))
    assert row.text == "姓名贾瑶"
    (row,) = group_rows(fill_lone_labels(image, lone, ("姓名",), _Guess("皇甫彗怡")))
    assert row.text == "姓名皇甫彗怡"


def test_a_strip_reading_the_value_printed_under_the_label_adds_nothing() -> None:
    """姓名 over 古丽米拉·艾买尔, the two rows close: the strip right of the label catches
    the top of the name under it and reads 米拉·艾买尔, a line the detector already found."""
    from models import TextLine
    from stages.read import fill_lone_labels

    image = np.zeros((300, 1400, 3), np.uint8)
    label = TextLine("姓名", 0.99, (20, 100, 100, 140), "x")
    under = TextLine("古丽米拉·艾买尔", 0.99, (30, 128, 330, 170), "x")
    assert fill_lone_labels(image, [label, under], ("姓名",), _Stretched("米拉·艾买尔")) == [
        label,
        under,
    ]
    # a value the detector missed beside the label is still added
    (row, _) = group_rows(fill_lone_labels(image, [label, under], ("姓名",), _Stretched("王芳")))
    assert row.text == "姓名王芳"


def test_a_lone_label_with_its_colon_is_still_a_lone_label() -> None:
    from models import TextLine
    from stages.read import fill_lone_labels

    image = np.zeros((300, 1400, 3), np.uint8)
    lone = [TextLine("单位名称：", 0.99, (20, 100, 160, 140), "x")]
    engine = _Stretched("天津市南开医院")
    (row,) = group_rows(fill_lone_labels(image, lone, ("姓名", "单位名称"), engine))
    assert row.text == "单位名称：天津市南开医院"


def test_a_period_under_a_seals_star_is_read_right_of_its_label() -> None:
    from models import TextLine
    from stages.read import fill_lone_labels

    image = np.zeros((300, 1400, 3), np.uint8)
    lone = [TextLine("试用时间", 0.99, (20, 100, 140, 140), "x")]
    engine = _Stretched("2024年07月01日至2025年07月31日")
    labels = materials.MATERIALS["probation_cert"].short_value_labels
    (row,) = group_rows(fill_lone_labels(image, lone, labels, engine))
    assert row.text == "试用时间2024年07月01日至2025年07月31日"
    # the look reaches as far as a date range runs (25 characters at 40 px)
    assert engine.widths[0] >= 22 * 40 - 5
    # an ID number the detector missed beside a seal's ring, the same way
    lone = [TextLine("身份证号", 0.99, (20, 100, 140, 140), "x")]
    engine = _Stretched("120118199601247445")
    (row,) = group_rows(fill_lone_labels(image, lone, labels, engine))
    assert materials.extract("probation_cert", [row])["id_number"].value == "120118199601247445"
    assert engine.widths[0] >= 22 * 40 - 5


class _Stretched:
    """Reads whatever it is shown as `text`, and records the crops' widths."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.widths: list[int] = []

    def recognise(self, crops: Sequence[np.ndarray]) -> list[Recognition]:
        self.widths += [c.shape[1] for c in crops]
        return [Recognition(self.text, 0.97) for _ in crops]


def test_a_number_one_digit_short_is_re_read_stretched() -> None:
    from models import TextLine
    from stages.read import restretch_numbers

    image = np.full((100, 600, 3), 255, np.uint8)
    short = TextLine("社会保障号码：12011199501116400", 0.99, (10, 10, 500, 40), "fake")
    other = TextLine("姓名：傅琳", 0.99, (10, 50, 200, 80), "fake")
    engine = _Stretched("社会保障号：120111199501116400")
    out = restretch_numbers(image, [short, other], engine)
    assert out[0].text == "社会保障号码:120111199501116400"  # the first read's label kept
    assert out[1] is other
    assert engine.widths and engine.widths[0] > 1.5 * (500 - 10)
    # a re-read that does not give a full number changes nothing; nor is a full one re-read
    assert restretch_numbers(image, [short], _Stretched("12011199501116"))[0] is short
    full = TextLine("公民身份号码120111199501116400", 0.99, (10, 10, 500, 40), "fake")
    never = _Stretched("x")
    assert restretch_numbers(image, [full], never)[0] is full and not never.widths


def test_a_qualification_number_one_digit_short_is_re_read_stretched() -> None:
    from models import TextLine
    from stages.read import restretch_numbers

    image = np.full((100, 800, 3), 255, np.uint8)
    short = TextLine("资格证书编码 20161122011010199203067044", 0.96, (10, 10, 700, 40), "fake")
    fixed = restretch_numbers(image, [short], _Stretched("资格证书编码201611220110101199203067044"))
    assert fixed[0].text == "资格证书编码201611220110101199203067044"
    # a re-read of another length than the short run falls short of is not taken
    assert restretch_numbers(image, [short], _Stretched("110101199203067044"))[0] is short
    # a line that also holds a number of a printed length is left as it is
    both = TextLine("110101199203067044 20161122011010199203067044", 0.9, (0, 0, 700, 30), "f")
    never = _Stretched("x")
    assert restretch_numbers(image, [both], never)[0] is both and not never.widths


def test_a_sealed_name_line_is_read_again_without_the_seal() -> None:
    from models import TextLine
    from stages.read import reread_sealed_names

    image = np.full((120, 600, 3), 255, np.uint8)
    cv2.circle(image, (150, 30), 40, (40, 40, 220), 4)  # a red seal's ring over the name row
    cv2.circle(image, (150, 90), 40, (40, 40, 220), 4)  # and over a row that holds no name
    name = TextLine("姓名姜泽风", 0.63, (10, 10, 300, 50), "fake")
    other = TextLine("单位（公章）", 0.70, (10, 70, 300, 110), "fake")
    engine = _Stretched("姓名姜泽")
    out = reread_sealed_names(image, [name, other], engine)
    assert out[0].text == "姓名姜泽" and out[0].confidence == 0.97
    assert out[1] is other and len(engine.widths) == 1  # only the name's row was read again
    # a less confident re-read is not taken; a line without seal ink is not read again
    sure = TextLine("姓名姜泽", 0.99, (10, 10, 300, 50), "fake")
    assert reread_sealed_names(image, [sure], _Stretched("姓名姜泽"))[0] is sure
    # … but where the two reads disagree the sure washed read is the print's (the seal's
    # red read through adds strokes: 吐尔逊 read 吐尔通医), no surer than itself
    kept = reread_sealed_names(image, [sure], _Stretched("姓名姜"))[0]
    assert kept.text == "姓名姜" and kept.confidence == 0.97
    # an unsure washed read that disagrees leaves the line only as sure as it: the seal's
    # own lettering read as the name (专科学 over 禚阳宇) is no mismatch
    unsure = _Stretched("姓名姜")
    unsure.recognise = lambda crops: [Recognition("姓名姜", 0.6) for _ in crops]  # type: ignore[method-assign]
    kept = reread_sealed_names(image, [sure], unsure)[0]
    assert kept.text == "姓名姜泽" and kept.confidence == 0.6
    clean_page = np.full((120, 600, 3), 255, np.uint8)
    never = _Stretched("x")
    assert reread_sealed_names(clean_page, [name], never)[0] is name and not never.widths


def test_two_pieces_of_a_line_split_by_a_seal_are_read_as_one() -> None:
    from models import TextLine
    from stages.read import reread_near_seals

    image = np.full((120, 700, 3), 255, np.uint8)
    cv2.circle(image, (200, 40), 45, (40, 40, 220), 5)  # the seal over the row's middle
    label = TextLine("试用机构", 1.0, (10, 20, 110, 60), "fake")
    left = TextLine("天津", 1.0, (120, 20, 170, 60), "fake")
    right = TextLine("民医院", 1.0, (250, 20, 330, 60), "fake")
    engine = _Stretched("天津市武清区人民医院")
    out = reread_near_seals(image, [label, left, right], engine)
    assert [t.text for t in out] == ["试用机构", "天津市武清区人民医院"]
    assert out[1].box == (120, 20, 330, 60)
    # a joined read no longer than the pieces, or with no seal between them, changes nothing
    same = reread_near_seals(image, [label, left, right], _Stretched("天津民医"))
    assert [t.text for t in same] == ["试用机构", "天津", "民医院"]
    clean_page = np.full((120, 700, 3), 255, np.uint8)
    never = _Stretched("x")
    assert reread_near_seals(clean_page, [label, left, right], never) == [label, left, right]
    assert not never.widths


def test_levelled_turns_grey_seal_ink_white_and_keeps_print() -> None:
    from stages.read import levelled, print_end, without_seal

    crop = np.full((40, 300, 3), 245, np.uint8)
    crop[10:30, 20:120] = (30, 30, 30)  # print
    crop[10:30, 150:250] = (60, 60, 150)  # compressed seal ink: its red channel mid-grey
    plain = without_seal(crop)
    assert plain is not None and plain[20, 200, 0] == 150  # washing alone leaves it grey
    out = levelled(plain)
    assert out[20, 200, 0] == 255 and out[20, 60, 0] == 0
    assert print_end(crop) == 119  # the print ends where the black does, not the seal
    assert print_end(np.full((40, 300, 3), 245, np.uint8)) is None


def test_table_columns_are_followed_down_a_page_that_drifts_and_narrows() -> None:
    # a perspective photo: each row 4% narrower and 8 px further left than the one above,
    # so that by the last row the status column sits nearer the header's 缴费基数
    header = [(20, 60, 120, 90, "缴费年月"), (160, 60, 220, 90, "险种")]
    header += [(420, 60, 520, 90, "缴费基数"), (560, 60, 660, 90, "缴费状态")]
    layout = [(20, 10, 120, 40, "姓名：张三"), *header]
    for k in range(1, 9):
        scale, dx, y = 1 - 0.04 * k, 20 - 8 * k, 60 + 40 * k
        for x0, x1, text in ((20, 110, f"20250{k}"), (160, 400, "失业保险")) + (
            (420, 510, f"59{k}0.00"),
            (560, 620, "已缴"),
        ):
            layout.append((round(x0 * scale) + dx, y, round(x1 * scale) + dx, y + 30, text))
    lines, engine = _read_table(layout, height=500)
    rows = [r.text for r in group_rows(lines)]
    assert rows[2:] == [f"20250{k}已缴" for k in range(1, 9)]
    assert "失业保险" not in engine.asked


def test_a_column_the_header_row_lost_is_read() -> None:
    # a bent page: 缴费状态 sank into the first data row's group, and the second data row's
    # group lost its amount to the row below
    layout = [
        (20, 10, 120, 40, "姓名：张三"),
        (20, 60, 120, 90, "缴费年月"),
        (160, 60, 220, 90, "险种"),
        (420, 62, 520, 92, "缴费基数"),
        (20, 100, 110, 130, "202501"),
        (160, 100, 400, 130, "失业保险"),
        (420, 100, 510, 130, "5900.00"),
        (560, 100, 660, 130, "缴费状态"),
        (20, 140, 110, 170, "202502"),
        (160, 140, 400, 170, "失业保险"),
        (560, 140, 620, 170, "已缴"),
        (20, 180, 110, 210, "202503"),
        (160, 180, 400, 210, "失业保险"),
        (420, 180, 510, 210, "5900.00"),
        (560, 180, 620, 210, "已缴"),
    ]
    lines, engine = _read_table(layout)
    rows = [r.text for r in group_rows(lines)]
    assert rows[2:] == ["202501缴费状态", "202502已缴", "202503已缴"]
    assert "失业保险" not in engine.asked


def test_ink_height_measures_the_print_not_the_box() -> None:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 40)
    img = Image.new("L", (420, 90), 255)
    ImageDraw.Draw(img).text((10, 10), "130102200104270341", font=font, fill=0)
    top, bottom = ImageDraw.Draw(img).textbbox((10, 10), "130102200104270341", font=font)[1::2]
    crop = np.asarray(img)
    from stages.read import ink_height

    # a padded crop (90 px) around digits about 29 px tall
    assert abs((ink_height(crop) or 0) - (bottom - top)) <= 2
    assert ink_height(np.full((40, 200), 200, np.uint8)) is None  # nothing printed


def test_a_box_far_right_of_a_skipped_label_is_another_column_and_is_read() -> None:
    """A licence booklet opened flat: the left page's 登记号 shares its row with the right
    page's 诊疗科目, which must still be read."""
    page = [
        (40, 300, 140, 330, "登记号"),
        (150, 300, 420, 330, "PDY6458621201"),
        (900, 296, 1000, 330, "诊疗科目"),
        (1020, 296, 1300, 330, "口腔科、医学检验科"),
        (1020, 340, 1300, 372, "医学影像科"),
    ]
    engine = Scripted(page)
    lines = recognise_lines(np.zeros((500, 1400, 3), np.uint8), _quads(page), engine, ("登记号",))
    texts = [ln.text for ln in lines]
    assert "诊疗科目" in texts and "口腔科、医学检验科" in texts and "医学影像科" in texts
    assert "PDY6458621201" not in engine.asked


def test_a_box_where_the_row_above_began_a_column_is_that_columns_and_is_read() -> None:
    """A 正本 in two columns: 诊疗科目： heads the right one, its running list's first line on
    地址's row, three line heights past the address (the twelfth report's `hanzi` licence)."""
    page = [
        (80, 210, 350, 260, "机构名称：北京中医医院"),
        (685, 210, 800, 260, "诊疗科目："),
        (80, 270, 510, 320, "地址：北京市东城区美术馆后街23号"),
        (680, 265, 1180, 315, "预防保健科；内科；中医科；外科；"),
        (80, 330, 300, 380, "主要负责人：金洋泽"),
        (680, 325, 1180, 375, "妇产科；儿科；眼科"),
    ]
    engine = Scripted(page)
    lines = recognise_lines(np.zeros((500, 1300, 3), np.uint8), _quads(page), engine, ("地址",))
    texts = [ln.text for ln in lines]
    assert "预防保健科；内科；中医科；外科；" in texts and "妇产科；儿科；眼科" in texts
    assert "地址：北京市东城区美术馆后街23号" in texts  # the label's line itself is read


class _UnderSealEngine:
    """Finds one line across the middle of whatever it is shown; reads it as `text`."""

    name = "fake"

    def __init__(self, text: str, confidence: float = 0.95) -> None:
        self.text, self.confidence, self.shown = text, confidence, 0

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        self.shown += 1
        h, w = image.shape[:2]
        y = h // 2
        return [np.array([[w * 0.1, y - 12], [w * 0.9, y - 12], [w * 0.9, y + 12],
                          [w * 0.1, y + 12]], dtype=np.float32)]  # fmt: skip

    def crop(self, image: np.ndarray, quad: np.ndarray) -> np.ndarray:
        return np.zeros((24, 100, 3), np.uint8)

    def recognise(self, crops: list[np.ndarray]) -> list[Recognition]:
        return [Recognition(self.text, self.confidence) for _ in crops]


def _sealed_page(seal: bool) -> np.ndarray:
    import cv2

    img = np.full((600, 800, 3), 255, np.uint8)
    if seal:
        cv2.circle(img, (500, 400), 75, (40, 40, 220), 6)  # a red ring, 6 line heights
    return img


def test_a_line_under_a_seal_the_detector_missed_is_read_and_added() -> None:
    from stages.read import read_under_seals

    lines = [TextLine("负责人签字：", 0.99, (100, 250, 260, 275), "fake")]
    engine = _UnderSealEngine("天津市东丽医院")
    out = read_under_seals(_sealed_page(True), lines, engine)
    assert [ln.text for ln in out] == ["负责人签字：", "天津市东丽医院"]
    # no seal: nothing looked at again; an unsure read under it is not added
    engine = _UnderSealEngine("天津市东丽医院")
    assert read_under_seals(_sealed_page(False), lines, engine) == lines and engine.shown == 0
    unsure = _UnderSealEngine("天津市东丽医院", confidence=0.5)
    assert read_under_seals(_sealed_page(True), lines, unsure) == lines


def test_a_line_under_a_seal_already_read_is_not_added_twice() -> None:
    from stages.read import read_under_seals

    under = TextLine("天津市东丽医院", 0.97, (300, 385, 700, 415), "fake")
    out = read_under_seals(_sealed_page(True), [under], _UnderSealEngine("天津市东丽医院"))
    assert [ln.text for ln in out] == ["天津市东丽医院"]  # re-read washed, not duplicated


def test_overlapping_boxes_reading_the_same_ink_twice_are_joined_once() -> None:
    from stages.read import join_overlapping

    pieces = [
        TextLine("辽宁", 0.9, (287, 824, 351, 864), "fake"),
        TextLine("医药职业", 0.9, (340, 817, 447, 869), "fake"),
        TextLine("职业学院", 0.9, (420, 820, 526, 868), "fake"),
    ]
    assert [ln.text for ln in join_overlapping(pieces)] == ["辽宁", "医药职业学院"]
    apart = [pieces[1], TextLine("职业学院", 0.9, (460, 820, 566, 868), "fake")]
    assert len(join_overlapping(apart)) == 2  # boxes apart: two prints, both kept


def test_a_line_a_seal_cut_short_is_read_whole_with_the_red_washed_out() -> None:
    from stages.read import read_under_seals

    short = TextLine("12022120010", 0.97, (330, 388, 480, 412), "fake")
    out = read_under_seals(_sealed_page(True), [short], _UnderSealEngine("12022120010620720X"))
    assert [ln.text for ln in out] == ["12022120010620720X"]
    other = read_under_seals(_sealed_page(True), [short], _UnderSealEngine("天津市静海区医院"))
    assert [ln.text for ln in other] == ["12022120010"]  # not a continuation of it


def test_a_line_whose_start_lies_under_a_seal_is_read_whole_leftwards() -> None:
    """二〇一八年七月三日 with the seal over 二〇一: the detector read only 八年七月三日."""
    from stages.read import read_under_seals

    short = TextLine("八年七月三日", 0.97, (480, 388, 690, 412), "fake")
    out = read_under_seals(_sealed_page(True), [short], _UnderSealEngine("二〇一八年七月三日"))
    assert [ln.text for ln in out] == ["二〇一八年七月三日"]
    assert out[0].box[0] < 480  # the box now holds the characters under the seal
    other = read_under_seals(_sealed_page(True), [short], _UnderSealEngine("天津市静海区医院"))
    assert [ln.text for ln in other] == ["八年七月三日"]  # not the same line


def test_a_line_a_seal_split_in_pieces_is_read_whole_once() -> None:
    """二〇一六年十二月二十六日 with the seal over 二〇一 and 月: read 六年十二 | 二十六日."""
    from stages.read import read_under_seals

    pieces = [
        TextLine("六年十二", 0.97, (440, 388, 540, 412), "fake"),
        TextLine("二十六日", 0.97, (570, 388, 670, 412), "fake"),
    ]
    whole = _UnderSealEngine("二〇一六年十二月二十六日")
    out = read_under_seals(_sealed_page(True), pieces, whole)
    assert [ln.text for ln in out] == ["二〇一六年十二月二十六日"]
    scrambled = _UnderSealEngine("二十六日六年十二月")  # not the pieces in order
    assert len(read_under_seals(_sealed_page(True), pieces, scrambled)) == 2


def test_a_line_a_seal_split_with_its_middle_misread_is_read_whole() -> None:
    """天津市静海区团泊镇卫生院 under a seal: read 天津 | 花 (0.07, the seal's ink) | 镇卫生院;
    the pieces span the whole line, so the washed read extends none of them."""
    from stages.read import read_under_seals

    pieces = [
        TextLine("天津", 0.99, (400, 388, 450, 412), "fake"),
        TextLine("花", 0.07, (470, 388, 500, 412), "fake"),
        TextLine("镇卫生院", 0.99, (540, 388, 640, 412), "fake"),
    ]

    class _WholeOnly(_UnderSealEngine):
        """Reads only a crop as wide as the whole line; a piece's own crop, re-read
        washed, reads nothing surer than before."""

        def recognise(self, crops: list[np.ndarray]) -> list[Recognition]:
            return [
                Recognition(self.text if c.shape[1] >= 200 else "", self.confidence) for c in crops
            ]

    whole = _WholeOnly("天津市静海区团泊镇卫生院")
    out = read_under_seals(_sealed_page(True), pieces, whole)
    assert [ln.text for ln in out] == ["天津市静海区团泊镇卫生院"]
    other = _WholeOnly("镇卫生院天津市")  # the sure pieces out of order: kept as read
    assert [ln.text for ln in read_under_seals(_sealed_page(True), pieces, other)] == [
        "天津",
        "花",
        "镇卫生院",
    ]


def test_a_column_past_a_wide_gap_on_a_skipped_labels_row_is_read() -> None:
    """The booklet's right page a wide margin (9 line heights) beside the left page's
    发证机关, nearer than FAR_COLUMN: its 有效期限 row is still read."""
    page = [
        (44, 486, 171, 534, "发证机关:"),
        (612, 486, 718, 530, "有效期限"),
        (743, 488, 1072, 528, "自2023年8月1日至2028年7月31日"),
        (44, 540, 171, 588, "地址"),
        (200, 540, 420, 588, "天津市西青区昌凌路88号"),
    ]
    engine = Scripted(page)
    skip = ("发证机关", "地址")
    lines = recognise_lines(np.zeros((700, 1200, 3), np.uint8), _quads(page), engine, skip)
    texts = [ln.text for ln in lines]
    assert "有效期限" in texts and "自2023年8月1日至2028年7月31日" in texts
    assert "天津市西青区昌凌路88号" not in engine.asked  # a value beside its label: skipped


def test_a_right_page_row_under_a_skipped_label_is_no_continuation_of_it() -> None:
    """登记号 (its value in the same box) on the left page; the right page's 诊疗科目 rows
    start 12 line heights to the right, nearer than FAR_COLUMN: read, not skipped."""
    page = [
        (55, 300, 560, 348, "登记号：PDY20586712011411A1002"),
        (612, 350, 718, 398, "诊疗科目"),
        (743, 350, 1051, 398, "预防保健科、内科、中医科、"),
        (743, 400, 1051, 448, "外科、妇产科、儿科、"),
    ]
    engine = Scripted(page)
    lines = recognise_lines(np.zeros((600, 1200, 3), np.uint8), _quads(page), engine, ("登记号",))
    texts = [ln.text for ln in lines]
    assert "预防保健科、内科、中医科、" in texts and "外科、妇产科、儿科、" in texts


def test_a_header_cell_merged_from_a_skipped_and_a_kept_column_is_read() -> None:
    """个人缴纳 单位缴纳 到账状态 read as one header cell: the status under it is wanted."""
    from stages.read import _header_columns

    skip = ("险种", "缴费基数", "个人缴纳", "单位缴纳")
    header = [
        TextLine("费款所属期", 0.99, (0, 0, 100, 20), "fake"),
        TextLine("险种", 0.99, (150, 0, 200, 20), "fake"),
        TextLine("缴费基数", 0.99, (250, 0, 330, 20), "fake"),
        TextLine("个人缴纳 单位缴纳 到账状态", 0.99, (380, 0, 640, 20), "fake"),
    ]
    assert [c[1] for c in _header_columns(header, skip)] == [False, True, True, False]
    only = [*header[:3], TextLine("个人缴纳 单位缴纳", 0.99, (380, 0, 560, 20), "fake")]
    assert [c[1] for c in _header_columns(only, skip)] == [False, True, True, True]


def test_the_cell_after_a_skipped_labels_value_is_read() -> None:
    """登记号 | its number | 有效期限 | 自2022年3月1日 on one row: the number is skipped, the
    next cell (three line heights past it) is read."""
    page = [
        (68, 551, 156, 600, "登记号"),
        (232, 555, 531, 596, "57158104812011411C2201"),
        (680, 544, 788, 582, "有效期限"),
        (809, 540, 1005, 585, "自2022年3月1日"),
    ]
    engine = Scripted(page)
    lines = recognise_lines(np.zeros((700, 1100, 3), np.uint8), _quads(page), engine, ("登记号",))
    assert [ln.text for ln in lines] == ["登记号", "有效期限", "自2022年3月1日"]
    assert "57158104812011411C2201" not in engine.asked


class _Marks:
    """Reads each crop by where its middle lies on a synthetic page: a √ in the cells whose
    centres are listed, nothing elsewhere."""

    name = "fake"

    def __init__(self, image: np.ndarray) -> None:
        self.image, self.crops = image, 0

    def recognise(self, crops: Sequence[np.ndarray]) -> list[Recognition]:
        self.crops += len(crops)
        return [Recognition("√" if c.mean() < 250 else "", 0.9) for c in crops]


def test_grid_marks_the_detector_missed_are_read_from_their_cells() -> None:
    """A 社保 year × month grid: the detector read month numbers 2-6, 9, 10, 12 and two of the
    row's √ (one as 7); each unread cell is recognised from its own crop."""
    from stages.materials.social_insurance import grid_months
    from stages.read import read_grid_marks

    image = np.full((300, 900, 3), 255, np.uint8)
    x = {m: 100 + 50 * m for m in range(1, 13)}
    for m in range(6, 13):  # √ printed in June-December
        image[210:230, x[m] - 5 : x[m] + 5] = 0
    header = [TextLine(str(m), 0.99, (x[m] - 8, 150, x[m] + 8, 180), "fake")
              for m in (2, 3, 4, 5, 6, 9, 10, 12)]  # fmt: skip
    row = [
        TextLine("2025", 0.99, (40, 200, 100, 240), "fake"),
        TextLine("√", 0.9, (x[6] - 8, 205, x[6] + 8, 235), "fake"),
        TextLine("7", 0.9, (x[8] - 8, 205, x[8] + 8, 235), "fake"),  # a √ misread
    ]
    lines = [TextLine("年度", 0.99, (40, 150, 100, 180), "fake"), *header, *row]
    before, _ = grid_months(group_rows(lines))
    assert before["2025-08"] == "?" and before["2025-12"] == "?"
    engine = _Marks(image)
    months, _ = grid_months(group_rows(read_grid_marks(image, lines, engine)))
    assert [months[f"2025-{m:02d}"] for m in range(1, 13)] == ["?"] * 5 + ["已缴"] * 7
    assert engine.crops == 11  # every month cell but the one whose √ was read
    # a page without a month header: nothing looked at
    plain = [TextLine("2025", 0.99, (40, 200, 100, 240), "fake")]
    engine = _Marks(image)
    assert read_grid_marks(image, plain, engine) == plain and engine.crops == 0


def test_a_line_whose_first_character_a_seal_hid_is_read_whole_past_the_patch() -> None:
    """段芳霞，女，1996年… with a seal over 段: the detector read 芳霞，女，… from just right of
    the seal's middle; the washed box starts one character earlier (less than the boxes'
    margins tell apart) and the line runs on past the patch looked at round the seal."""
    from stages.read import read_under_seals

    old = TextLine("芳霞，女，1996年1月17日生。在", 0.98, (470, 388, 798, 412), "fake")

    class _Early(_UnderSealEngine):
        def detect(self, image: np.ndarray) -> list[np.ndarray]:
            self.shown += 1
            h, w = image.shape[:2]
            x0 = w // 2 - 70  # about one character left of the line's start in page px
            return [np.array([[x0, h // 2 - 12], [w - 1, h // 2 - 12], [w - 1, h // 2 + 12],
                              [x0, h // 2 + 12]], dtype=np.float32)]  # fmt: skip

        def recognise(self, crops: list[np.ndarray]) -> list[Recognition]:
            # only the crop from the washed start to the line's end reads the whole line
            return [
                Recognition(self.text if c.shape[1] > 798 - 470 else "", self.confidence)
                for c in crops
            ]

    out = read_under_seals(_sealed_page(True), [old], _Early("段芳霞，女，1996年1月17日生。在"))
    assert [ln.text for ln in out] == ["段芳霞，女，1996年1月17日生。在"]
    assert out[0].box[2] == 798  # the line's end kept, beyond the patch
    # the line's box starting a little left of the seal's (河 of 河北省…: the ring is round)
    # is a line starting under it too
    early = TextLine("北省邢台卫生学校", 0.98, (412, 388, 798, 412), "fake")

    class _Earlier(_Early):
        def detect(self, image: np.ndarray) -> list[np.ndarray]:
            (quad,) = super().detect(image)
            return [quad - np.array([30, 0], np.float32)]  # starts at 400 on the page

    out = read_under_seals(_sealed_page(True), [early], _Earlier("河北省邢台卫生学校"))
    assert [ln.text for ln in out] == ["河北省邢台卫生学校"]


def test_a_seals_own_lettering_is_dropped_and_print_under_it_kept() -> None:
    """辽宁医药职业学院 round the ring, read 国药职业学院 and taken for the school: red ink
    inside the seal is the seal's lettering; the black date under the seal is print."""
    from stages.read import drop_seal_lettering

    page = _sealed_page(True)
    cv2.putText(page, "ABCDE", (440, 370), 0, 0.8, (40, 40, 220), 2)  # red, in the seal
    cv2.putText(page, "2020", (460, 430), 0, 0.8, (20, 20, 20), 2)  # black, in the seal
    lettering = TextLine("国药职业学院", 0.95, (436, 348, 545, 378), "fake")
    date = TextLine("2020年6月30日", 0.99, (456, 408, 530, 438), "fake")
    outside = TextLine("层次：专科", 0.99, (40, 100, 200, 130), "fake")
    out = drop_seal_lettering(page, [outside, lettering, date])
    assert out == [outside, date]
    # no seal on the page: nothing dropped
    plain = _sealed_page(False)
    cv2.putText(plain, "ABCDE", (440, 370), 0, 0.8, (40, 40, 220), 2)
    assert drop_seal_lettering(plain, [outside, lettering, date]) == [outside, lettering, date]


def test_a_seal_over_the_end_of_a_long_running_text_line_is_washed_from_its_name() -> None:
    """学生买买提·吐尔逊，性别男，1999年… with a seal over 逊: a small share of the line's crop
    is red (1.7%), yet the washed read is what the print says."""
    from models import TextLine
    from stages.read import _red_share, reread_sealed_names

    image = np.full((120, 1400, 3), 255, np.uint8)
    cv2.circle(image, (420, 30), 60, (40, 40, 220), 3)  # the ring's arc over the line's middle
    line = TextLine("学生买买提·吐尔通医性别男，1999年5月12日生，", 0.98, (10, 10, 1390, 50), "x")
    assert 0.005 < _red_share(image[10:50, 10:1390]) < 0.02
    out = reread_sealed_names(
        image, [line], _Stretched("学生买买提·吐尔逊性别男，1999年5月12日生，")
    )
    assert out[0].text.startswith("学生买买提·吐尔逊")


def test_pieces_sharing_a_character_or_merely_split_are_read_whole() -> None:
    """北京 | 京市实验職業学校 (two reads of one 京, the reading in traditional forms) and
    沧州医学高等 | 专科学校 (split by the ring, nothing hidden): the washed line is the line."""
    from stages.read import _continues

    assert _continues("北京市实验职业学校", ["北京", "京市实验職業学校"])
    assert _continues("沧州医学高等专科学校", ["沧州医学高等", "专科学校"])
    assert not _continues("专科学校沧州医学高等", ["沧州医学高等", "专科学校"])
    assert not _continues("沧州医学高等", ["沧州医学高等"])  # nothing more than before


def test_a_line_cut_after_a_year_reads_the_month_right_of_it() -> None:
    """于2026年 | (glare over 6月毕业): the strip right of a line ending in a year is read
    and kept when it starts with a month; anything else there adds nothing."""
    from models import TextLine
    from stages.read import read_cut_dates

    image = np.zeros((300, 1400, 3), np.uint8)
    cut = [TextLine("规定的全部课程，成绩合格，于2026年", 0.97, (66, 100, 508, 150), "x")]
    (row,) = group_rows(read_cut_dates(image, cut, _Stretched("6月毕业，")))
    assert row.text == "规定的全部课程，成绩合格，于2026年6月毕业，"
    assert read_cut_dates(image, cut, _Stretched("学院")) == cut
    whole = [TextLine("于2026年6月毕业", 0.97, (66, 100, 508, 150), "x")]
    assert read_cut_dates(image, whole, _Stretched("6月毕业")) == whole


def test_a_date_cut_inside_its_day_is_read_again_wider() -> None:
    """…至2025-06-3 at a line's end, its month padded (2025-06-30在 printed): the line read
    again over a wider crop gives the day whole; a re-read that does not, a day printed
    with one digit in an unpadded date, or a line with a neighbour right of it, change
    nothing."""
    from models import TextLine
    from stages.read import read_cut_days

    image = np.full((300, 1400, 3), 240, np.uint8)
    cut = [TextLine("110105199901226503自2024-07-01至2025-06-3", 0.99, (149, 100, 886, 135), "x")]
    engine = _Stretched("110105199901226503自2024-07-01至2025-06-30在")
    (row,) = group_rows(read_cut_days(image, cut, engine))
    assert row.text == "110105199901226503自2024-07-01至2025-06-30在"
    assert row.lines[0].box[2] > 886
    assert read_cut_days(image, cut, _Stretched("110105199901226503自2024-07-01至2025-06-3")) == cut
    unpadded = [TextLine("自2024-7-1至2025-6-3", 0.99, (149, 100, 500, 135), "x")]
    assert read_cut_days(image, unpadded, engine) == unpadded
    beside = [*cut, TextLine("在", 0.99, (890, 100, 925, 135), "x")]
    assert read_cut_days(image, beside, engine) == beside


def test_a_date_a_seal_split_is_read_whole_from_its_label_on() -> None:
    """注册日期 | (二 〇 lost as specks under a seal) 一九年二月 | 八日: the strip from the
    label's end to the date's last piece is read as one line when it gives a whole date;
    a date printed whole, or a strip reading no date, changes nothing."""
    from models import TextLine
    from stages.read import read_split_dates

    image = np.full((200, 900, 3), 240, np.uint8)
    label = TextLine("注册日期", 0.99, (70, 100, 190, 140), "x")
    split = [label, TextLine("一九年二月", 0.99, (585, 95, 780, 140), "x"),
             TextLine("八日", 0.65, (795, 98, 843, 138), "x")]  # fmt: skip
    engine = _Stretched("二〇一九年二月八日")
    (row,) = group_rows(read_split_dates(image, split, engine))
    assert row.text == "注册日期二〇一九年二月八日"
    from stages.crosscheck import CLEAR_MISMATCH_FLOOR

    assert row.lines[1].confidence < CLEAR_MISMATCH_FLOOR  # confirms, never contradicts
    assert 585 - 4 * 45 <= row.lines[1].box[0] < 585 and engine.widths[0] > 843 - 585
    assert read_split_dates(image, split, _Stretched("一九年二月八日")) == split
    # a whole read that reads a piece otherwise (一九 as 二九 under the seal) is not taken
    assert read_split_dates(image, split, _Stretched("二〇二九年二月八日")) == split
    whole = [label, TextLine("二〇一九年二月八日", 0.99, (450, 95, 843, 140), "x")]
    assert read_split_dates(image, whole, _Stretched("x")) == whole


def test_a_glimpse_of_the_line_below_read_partly_as_guesses_is_not_a_value() -> None:
    """机构名称： alone, its value on the line under it reaching into the strip right of the
    label: the strip reads the tops of that line (十学第二医院), which is no value beside it."""
    from models import TextLine
    from stages.read import fill_lone_labels

    image = np.zeros((300, 900, 3), np.uint8)
    label = TextLine("机构名称：", 0.99, (40, 100, 160, 130), "x")
    below = TextLine("天津医科大学第二医院", 0.99, (40, 128, 340, 160), "x")
    lines = [label, below]
    assert fill_lone_labels(image, lines, ("机构名称",), _Stretched("十学第二医院")) == lines
    # another read there is kept, but as a guess (the line below reaches into the strip):
    # too unsure to be a mismatch, the form's value printed below decides
    other = fill_lone_labels(image, lines, ("机构名称",), _Stretched("大常第]医院"))
    assert len(other) == 3 and other[2].confidence <= read.GUESS_CONFIDENCE
    alone = fill_lone_labels(image, [label], ("机构名称",), _Stretched("天津市口腔医院"))
    assert len(alone) == 2 and alone[1].confidence == 0.97  # a value beside, nothing below


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("医师姓名……………………田瑶", "医师姓名：田瑶"),  # leaders stand for a colon
        ("医师姓名·····潘超", "医师姓名：潘超"),
        ("姓名：……潘超", "姓名：潘超"),  # beside a colon, nothing
        ("医师姓名.", "医师姓名"),  # a leader's last dot at a line's end
        (".中国医科大学附属第一医院", "中国医科大学附属第一医院"),
        ("..212120084243119", "212120084243119"),
        ("………二〇〇八年十一月二十四日", "二〇〇八年十一月二十四日"),
        ("艾力·吐尔洪", "艾力·吐尔洪"),  # a minority name's middle dot stays
        ("努尔古丽·", "努尔古丽·"),  # …also where the detector split the name
        ("2025.06.30", "2025.06.30"),
        ("ID No.", "ID No."),
    ],
)
def test_dotted_leaders_are_taken_out_of_a_line(text: str, stripped: str) -> None:
    assert read.strip_leaders(text) == stripped


def test_a_line_of_leaders_alone_is_dropped() -> None:
    lines = [
        TextLine("……………", 0.9, (0, 0, 90, 10), "x"),
        TextLine("性别…男", 0.9, (0, 20, 90, 30), "x"),
    ]
    assert [ln.text for ln in read.without_leaders(lines)] == ["性别：男"]


def test_a_background_patterns_text_is_dropped_and_grey_labels_stay() -> None:
    # a certificate on a 底纹 of its title's words: the pattern's text stands 10 grey levels
    # off its paper, the grey labels 60, the values 120 and more
    image = np.full((300, 600), 235, np.uint8)
    boxes = {
        "姓名": (10, 10, 90, 40),
        "张三": (110, 10, 200, 40),
        "医师执业证书": (220, 10, 400, 40),
        "性别": (10, 60, 90, 90),
        "男": (110, 60, 140, 90),
    }
    ink = {"姓名": 175, "张三": 40, "医师执业证书": 225, "性别": 175, "男": 40}
    for text, (x0, y0, x1, y1) in boxes.items():
        image[y0 + 8 : y1 - 8, x0 + 4 : x1 - 4 : 3] = ink[text]
    lines = [TextLine(t, 0.9, b, "x") for t, b in boxes.items()]
    assert [ln.text for ln in read.drop_faint(image, lines)] == ["姓名", "张三", "性别", "男"]


def test_a_line_read_through_a_seal_takes_the_washed_read_when_sure() -> None:
    """北京大学第一医院 under a seal read 北京大学第健医院 at 0.999 (健 of the seal's lettering):
    the washed read, sure and as long, is the print's, even less sure than the first."""
    from stages.read import _reread_washed

    page = _sealed_page(True)
    line = TextLine("北京大学第健医院", 0.999, (330, 388, 600, 412), "fake")
    seal = [(425, 325, 576, 476)]
    out = _reread_washed(page, [line], seal, _UnderSealEngine("北京大学第一医院", 0.93))
    assert [ln.text for ln in out] == ["北京大学第一医院"]
    unsure = _reread_washed(page, [line], seal, _UnderSealEngine("北京大学第一医院", 0.6))
    assert [ln.text for ln in unsure] == ["北京大学第健医院"]
    # red print washed out with the seal leaves a shorter read: kept as first read
    shorter = _reread_washed(page, [line], seal, _UnderSealEngine("北京大学", 0.95))
    assert [ln.text for ln in shorter] == ["北京大学第健医院"]
