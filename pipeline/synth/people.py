"""Synthetic applicants: names, ID numbers, schools, hospitals and the dates that tie them together.

Everything here is drawn from a `random.Random` passed in by the caller, so a seed reproduces
the same people. The tables are small, real-looking and deliberately varied (compound, rare and
minority names; several region codes, including retired ones) because those are the cases the
checker gets wrong in practice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from stages.idnumber import check_char

# --------------------------------------------------------------------------------------------
# Names

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾"
    "丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱"
    "汤尹黎易常武乔贺赖龚文"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "皇甫", "慕容", "东方", "尉迟")
RARE_SURNAMES = ("谯", "昝", "禚", "亓", "郗", "仉")
MALE_CHARS = "伟强磊军洋勇杰涛明超浩宇鹏飞博文斌俊凯晨阳鑫宁志建华子轩然睿泽思远航天一嘉铭昊辰峰"
FEMALE_CHARS = "芳娜敏静丽艳娟霞婷雪琳晶颖倩欣悦怡佳瑶雨萱梦诗琪璐晓慧洁蕾薇楠雯婧"
RARE_GIVEN = "彧喆昇赟翀禕堃淼犇垚旻珺玥玙祎燚龑頔暐韡霈琤璟瑄昶"
#: Characters outside GBK that the registration form cannot type (it shows "?"); all of them
#: render in Noto CJK, so the documents print the real character.
UNTYPABLE = "䶮𫖯𬭚𬘡𬇙𬱖"
#: Replacement characters for name mismatches: common, and structurally unlike each other,
#: so a changed name is a real difference and not an OCR look-alike.
SWAP_CHARS = "国建军平红丽强伟芳敏静磊洋勇艳杰涛明超秀霞刚英春海成东"

UYGHUR_FEMALE = ("阿依古丽", "迪丽努尔", "古丽米拉", "热依拉", "帕提古丽", "米娜瓦尔", "努尔古丽")
UYGHUR_MALE = ("买买提", "艾力", "努尔艾力", "阿卜杜拉", "艾尔肯", "吐尔逊", "阿迪力")
UYGHUR_FATHER = (
    "买买提",
    "艾合买提",
    "吐尔逊",
    "阿不都拉",
    "艾尼瓦尔",
    "吐尔洪",
    "艾买尔",
    "司马义",
    "热合曼",
)
MINORITY_ETHNICITIES = ("回族", "满族", "蒙古族", "朝鲜族", "土家族")


# --------------------------------------------------------------------------------------------
# Places: (code, address prefix, 签发机关); mostly Tianjin, including codes retired in 2015-2016
# (宁河县, 静海县, 蓟县) that real cards still carry.


@dataclass(frozen=True, slots=True)
class County:
    code: str
    prefix: str
    issuer: str
    rural: bool = False


COUNTIES: tuple[County, ...] = (
    County("120101", "天津市和平区", "天津市公安局和平分局"),
    County("120102", "天津市河东区", "天津市公安局河东分局"),
    County("120103", "天津市河西区", "天津市公安局河西分局"),
    County("120104", "天津市南开区", "天津市公安局南开分局"),
    County("120105", "天津市河北区", "天津市公安局河北分局"),
    County("120106", "天津市红桥区", "天津市公安局红桥分局"),
    County("120110", "天津市东丽区", "天津市公安局东丽分局"),
    County("120111", "天津市西青区", "天津市公安局西青分局"),
    County("120112", "天津市津南区", "天津市公安局津南分局"),
    County("120113", "天津市北辰区", "天津市公安局北辰分局"),
    County("120114", "天津市武清区", "天津市公安局武清分局", True),
    County("120115", "天津市宝坻区", "天津市公安局宝坻分局", True),
    County("120116", "天津市滨海新区", "天津市公安局滨海分局"),
    County("120117", "天津市宁河区", "天津市公安局宁河分局", True),
    County("120118", "天津市静海区", "天津市公安局静海分局", True),
    County("120119", "天津市蓟州区", "天津市公安局蓟州分局", True),
    County("120221", "天津市宁河区", "天津市公安局宁河分局", True),
    County("120223", "天津市静海区", "天津市公安局静海分局", True),
    County("120225", "天津市蓟州区", "天津市公安局蓟州分局", True),
    County("130102", "河北省石家庄市长安区", "石家庄市公安局长安分局"),
    County("130203", "河北省唐山市路北区", "唐山市公安局路北分局"),
    County("131002", "河北省廊坊市安次区", "廊坊市公安局安次分局"),
    County("130982", "河北省任丘市", "任丘市公安局", True),
    County("110105", "北京市朝阳区", "北京市公安局朝阳分局"),
    County("110108", "北京市海淀区", "北京市公安局海淀分局"),
    County("370102", "山东省济南市历下区", "济南市公安局历下分局"),
    County("371402", "山东省德州市德城区", "德州市公安局德城分局"),
    County("140105", "山西省太原市小店区", "太原市公安局小店分局"),
    County("150102", "内蒙古自治区呼和浩特市新城区", "呼和浩特市公安局新城区分局"),
    County("410105", "河南省郑州市金水区", "郑州市公安局金水分局"),
)
XINJIANG_COUNTIES: tuple[County, ...] = (
    County("650102", "新疆乌鲁木齐市天山区", "乌鲁木齐市公安局天山区分局"),
    County("652801", "新疆库尔勒市", "库尔勒市公安局"),
    County("653101", "新疆喀什市", "喀什市公安局"),
)
STREETS = (
    "南京路",
    "营口道",
    "成都道",
    "卫津路",
    "友谊路",
    "黑牛城道",
    "复康路",
    "红旗路",
    "中山路",
    "大沽南路",
    "解放南路",
    "津塘路",
    "鞍山西道",
    "建设路",
    "人民路",
    "胜利路",
    "光明道",
    "和平路",
)
COMPOUNDS = (
    "学湖里",
    "万德庄",
    "体院北",
    "丽苑",
    "王顶堤",
    "华苑",
    "梅江",
    "长江里",
    "春华里",
    "龙潭里",
)
TOWNS = ("下营镇", "杨村镇", "大口屯镇", "芦台镇", "独流镇", "王庆坨镇", "大良镇", "团泊镇")
VILLAGES = ("前进村", "东坨村", "西营村", "李庄村", "刘家庄村", "大王庄村", "北辛庄村")


# --------------------------------------------------------------------------------------------
# Schools (name, 5-digit national code, categories it teaches)


@dataclass(frozen=True, slots=True)
class School:
    name: str
    code: str
    categories: tuple[str, ...]


SCHOOLS: tuple[School, ...] = (
    School("天津医科大学", "10062", ("临床", "口腔")),
    School("南开大学", "10055", ("临床",)),
    School("天津中医药大学", "10063", ("中医",)),
    School("河北医科大学", "10089", ("临床", "口腔", "中医")),
    School("首都医科大学", "10025", ("临床", "口腔", "中医")),
    School("华北理工大学", "10081", ("临床",)),
    School("承德医学院", "10093", ("临床", "中医")),
    School("河北北方学院", "10092", ("临床",)),
    School("山东大学", "10422", ("临床", "口腔")),
    School("滨州医学院", "10440", ("临床", "口腔", "中医")),
    School("潍坊医学院", "10438", ("临床", "口腔")),
    School("山西医科大学", "10114", ("临床", "口腔")),
    School("内蒙古医科大学", "10132", ("临床", "中医")),
    School("中国医科大学", "10159", ("临床", "口腔")),
    School("锦州医科大学", "10160", ("临床", "口腔")),
    School("新疆医科大学", "10760", ("临床", "中医")),
    School("北京中医药大学", "10026", ("中医",)),
    School("河北中医药大学", "14432", ("中医",)),
    School("山东中医药大学", "10441", ("中医",)),
    School("郑州大学", "10459", ("临床", "口腔")),
)
MAJORS: dict[str, tuple[str, ...]] = {
    "临床": (
        "临床医学",
        "临床医学",
        "临床医学",
        "临床医学",
        "麻醉学",
        "医学影像学",
        "儿科学",
        "精神医学",
    ),
    "中医": ("中医学", "中医学", "针灸推拿学", "中医骨伤科学"),
    "口腔": ("口腔医学",),
}
#: A different major a diploma could show by mistake (same faculty, so not absurd).
OTHER_MAJOR: dict[str, tuple[str, ...]] = {
    "临床": ("预防医学", "医学检验技术", "护理学", "康复治疗学"),
    "中医": ("中药学", "中西医临床医学"),
    "口腔": ("口腔医学技术",),
}
EXAM_CODES = {"临床": "110", "口腔": "210", "中医": "410"}


# --------------------------------------------------------------------------------------------
# Hospitals (机构名称, district, 6-digit region code, address, categories, city-level issuer)


@dataclass(frozen=True, slots=True)
class Hospital:
    name: str
    district: str
    region_code: str
    address: str
    categories: tuple[str, ...]
    city_level: bool = False
    class_code: str = "A100"

    @property
    def issuer(self) -> str:
        if self.city_level:
            return "天津市卫生健康委员会"
        return f"天津市{self.district}卫生健康委员会"


HOSPITALS: tuple[Hospital, ...] = (
    Hospital("天津医科大学总医院", "和平区", "120101", "天津市和平区鞍山道154号", ("临床",), True),
    Hospital("天津市第一中心医院", "西青区", "120111", "天津市西青区昌凌路24号", ("临床",), True),
    Hospital("天津市第三中心医院", "河东区", "120102", "天津市河东区津塘路83号", ("临床",), True),
    Hospital("天津市第四中心医院", "河北区", "120105", "天津市河北区中山路3号", ("临床",), True),
    Hospital(
        "天津市第五中心医院",
        "滨海新区",
        "120116",
        "天津市滨海新区浙江路41号",
        ("临床",),
        True,
    ),
    Hospital("天津市人民医院", "红桥区", "120106", "天津市红桥区芥园道190号", ("临床",), True),
    Hospital("天津市南开医院", "南开区", "120104", "天津市南开区长江道6号", ("临床", "中医"), True),
    Hospital("天津市天津医院", "河西区", "120103", "天津市河西区解放南路406号", ("临床",), True),
    Hospital("天津医科大学第二医院", "河西区", "120103", "天津市河西区平江道23号", ("临床",), True),
    Hospital(
        "天津市胸科医院",
        "津南区",
        "120112",
        "天津市津南区台儿庄南路261号",
        ("临床",),
        True,
        "A511",
    ),
    Hospital(
        "天津市儿童医院",
        "北辰区",
        "120113",
        "天津市北辰区龙岩道238号",
        ("临床",),
        True,
        "A514",
    ),
    Hospital(
        "天津市和平区妇产科医院",
        "和平区",
        "120101",
        "天津市和平区保定道28号",
        ("临床",),
        False,
        "A513",
    ),
    Hospital("天津市北辰医院", "北辰区", "120113", "天津市北辰区北医道7号", ("临床",)),
    Hospital(
        "天津市武清区人民医院",
        "武清区",
        "120114",
        "天津市武清区杨村街光明道1号",
        ("临床", "中医"),
    ),
    Hospital("天津市宝坻区人民医院", "宝坻区", "120115", "天津市宝坻区广川路8号", ("临床",)),
    Hospital("天津市蓟州区人民医院", "蓟州区", "120119", "天津市蓟州区渔阳南路18号", ("临床",)),
    Hospital("天津市静海区医院", "静海区", "120118", "天津市静海区胜利南路14号", ("临床",)),
    Hospital("天津市西青医院", "西青区", "120111", "天津市西青区杨柳青镇柳口路403号", ("临床",)),
    Hospital("天津市东丽医院", "东丽区", "120110", "天津市东丽区跃进路2号", ("临床",)),
    Hospital("天津市第二人民医院", "南开区", "120104", "天津市南开区睦南道75号", ("临床",), True),
    Hospital(
        "天津中医药大学第一附属医院",
        "西青区",
        "120111",
        "天津市西青区昌凌路88号",
        ("中医", "临床"),
        True,
        "A210",
    ),
    Hospital(
        "天津中医药大学第二附属医院",
        "河北区",
        "120105",
        "天津市河北区增产道69号",
        ("中医",),
        True,
        "A210",
    ),
    Hospital(
        "天津市中医药研究院附属医院",
        "红桥区",
        "120106",
        "天津市红桥区北马路354号",
        ("中医",),
        True,
        "A210",
    ),
    Hospital(
        "天津市和平区中医医院",
        "和平区",
        "120101",
        "天津市和平区西安道90号",
        ("中医",),
        False,
        "A210",
    ),
    Hospital(
        "天津市口腔医院",
        "和平区",
        "120101",
        "天津市和平区大沽北路75号",
        ("口腔",),
        True,
        "A512",
    ),
    Hospital(
        "天津医科大学口腔医院",
        "和平区",
        "120101",
        "天津市和平区气象台路12号",
        ("口腔",),
        True,
        "A512",
    ),
)
SUBJECTS_GENERAL = (
    "预防保健科",
    "内科",
    "外科",
    "妇产科",
    "儿科",
    "眼科",
    "耳鼻咽喉科",
    "皮肤科",
    "精神科",
    "急诊医学科",
    "康复医学科",
    "麻醉科",
    "医学检验科",
    "病理科",
    "医学影像科",
)
DEPARTMENTS = {
    "临床": ("内科", "外科", "儿科", "急诊医学科", "妇产科", "麻醉科", "神经内科", "心血管内科"),
    "中医": ("中医科", "针灸科", "中医内科"),
    "口腔": ("口腔科", "口腔内科", "口腔颌面外科"),
}
SITES = ("和平区", "河西区", "南开区", "河东区", "河北区", "红桥区", "滨海新区")


# --------------------------------------------------------------------------------------------
# Dates


def add_years(d: date, years: int) -> date:
    """Same day `years` later (29 Feb → 28 Feb), as card and licence validity is written."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, m, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def age_at(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


# --------------------------------------------------------------------------------------------
# Numbers


def id_number(rng: random.Random, county: str, birth: date, male: bool) -> str:
    """An 18-character resident ID number; the sequence's last digit carries the sex."""
    seq = rng.randrange(0, 100) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
    body = f"{county}{birth:%Y%m%d}{seq:03d}"
    return body + check_char(body)


def id15(id18: str) -> str:
    """The legacy 15-digit form of an 18-digit number born in the 1900s (no check char)."""
    return id18[:6] + id18[8:17]


def wrong_check(id18: str) -> str:
    """The same number with a check char that fails MOD 11-2."""
    right = id18[-1]
    choices = [c for c in "0123456789X" if c != right]
    return id18[:-1] + choices[sum(map(ord, id18)) % len(choices)]


def org_code(rng: random.Random) -> str:
    """A 9-character GB 11714 organisation code with a valid check char."""
    if rng.random() < 0.25:
        body = "PDY" + "".join(rng.choice("0123456789") for _ in range(5))
    else:
        body = str(rng.choice((4, 5, 7))) + "".join(rng.choice("0123456789") for _ in range(7))
    return body + org_check(body)


def org_check(body8: str) -> str:
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c, 36) * w for c, w in zip(body8, weights, strict=True))
    c9 = 11 - total % 11
    return {10: "X", 11: "0"}.get(c9, str(c9))


def licence_number(rng: random.Random, hospital: Hospital) -> str:
    """A 22-character 登记号: org code + region + economic type + WS 218 class + management."""
    econ = rng.choice(("11", "11", "12", "17"))
    return org_code(rng) + hospital.region_code + econ + hospital.class_code + rng.choice("12")


def diploma_number(school_code: str, year: int, level: str, serial: int) -> str:
    """18 digits: school code, 办学类型 1, graduation year, level (05 本科, 06 专科), serial."""
    return f"{school_code}1{year:04d}{level}{serial:06d}"


# --------------------------------------------------------------------------------------------
# People


@dataclass(frozen=True, slots=True)
class Look:
    """How the drawn portrait looks; shared by the ID card, the diploma and the photo."""

    skin: tuple[int, int, int]
    hair: tuple[int, int, int]
    clothes: tuple[int, int, int]
    long_hair: bool
    face_w: float
    collar: bool


@dataclass(slots=True)
class Person:
    """One applicant's true data (what the documents print when nothing is wrong)."""

    name: str
    form_name: str
    male: bool
    birth: date
    ethnicity: str
    county: County
    id_number: str
    address: str
    id_issue: date
    id_end: date | None  # None: 长期
    category: str
    school: School
    major: str
    enrol: date
    graduation: date
    diploma_number: str
    diploma_issue: date
    principal: str
    hospital: Hospital
    legal_rep: str
    head: str
    licence_number: str
    licence_from: date
    licence_to: date
    licence_issue: date
    subjects: tuple[str, ...]
    probation_start: date
    probation_end: date
    department: str
    phone: str
    email: str
    site: str
    look: Look
    rare: bool = False
    untypable: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def gender(self) -> str:
        return "男" if self.male else "女"


def han_name(rng: random.Random, male: bool, *, rare: bool = False) -> str:
    """A Han name: common, compound or (when `rare`) rare-character surname and given name."""
    pool = MALE_CHARS if male else FEMALE_CHARS
    r = rng.random()
    if rare and r < 0.3:
        surname = rng.choice(RARE_SURNAMES)
    elif r < 0.08 or (rare and r < 0.45):
        surname = rng.choice(COMPOUND_SURNAMES)
    else:
        surname = rng.choice(SURNAMES)
    n = 1 if rng.random() < 0.3 else 2
    given = [rng.choice(pool) for _ in range(n)]
    if rare and surname not in RARE_SURNAMES:
        given[rng.randrange(n)] = rng.choice(RARE_GIVEN)
    return surname + "".join(given)


def plain_name(rng: random.Random) -> str:
    """A name for people on the documents other than the applicant (校长, 法定代表人)."""
    return han_name(rng, rng.random() < 0.6)


def swap_char(rng: random.Random, name: str) -> str:
    """The name with one character replaced by a clearly different one (never `·`)."""
    positions = [i for i, c in enumerate(name) if c != "·"]
    # Prefer the given name: changing the surname alone reads as a different family.
    pos = positions[-1] if rng.random() < 0.7 else rng.choice(positions[1:] or positions)
    new = rng.choice([c for c in SWAP_CHARS if c not in name])
    return name[:pos] + new + name[pos + 1 :]


def make_look(rng: random.Random, male: bool) -> Look:
    skin = rng.choice(((236, 201, 170), (226, 186, 152), (214, 170, 135), (240, 210, 185)))
    hair = rng.choice(((25, 22, 20), (40, 32, 28), (55, 42, 35)))
    clothes = rng.choice(((30, 35, 50), (20, 20, 25), (45, 50, 60), (60, 30, 35)))
    return Look(
        skin,
        hair,
        clothes,
        (not male) and rng.random() < 0.7,
        rng.uniform(0.9, 1.1),
        rng.random() < 0.6,
    )


def make_address(rng: random.Random, county: County) -> str:
    if county.rural and rng.random() < 0.6:
        return f"{county.prefix}{rng.choice(TOWNS)}{rng.choice(VILLAGES)}{rng.randint(1, 300)}号"
    if rng.random() < 0.5:
        return (
            f"{county.prefix}{rng.choice(STREETS)}{rng.choice(COMPOUNDS)}{rng.randint(1, 40)}号楼"
            f"{rng.randint(1, 6)}门{rng.randint(1, 18)}0{rng.randint(1, 4)}号"
        )
    return f"{county.prefix}{rng.choice(STREETS)}{rng.randint(1, 400)}号"


def id_validity(
    rng: random.Random, birth: date, ref: date, *, expired: bool = False
) -> tuple[date, date | None]:
    """Issue date and end (None = 长期) following the 5/10/20-year/long-term rule by age at issue.

    Clean cards are valid on `ref`; `expired` cards ended 1-400 days before it.
    """

    def span(issue: date) -> int | None:
        a = age_at(birth, issue)
        return 5 if a < 16 else 10 if a <= 25 else 20 if a <= 45 else None

    for _ in range(400):
        if expired:
            end = ref - timedelta(days=rng.randint(1, 400))
            for years in (10, 20, 5):
                issue = add_years(end, -years)
                if issue > birth and span(issue) == years:
                    return issue, end
            continue
        issue = ref - timedelta(days=rng.randint(40, 20 * 365))
        if age_at(birth, issue) < 16 and age_at(birth, ref) >= 17:
            continue
        if issue <= birth + timedelta(days=365 * 15):
            continue
        valid_years = span(issue)
        if valid_years is None:
            return issue, None
        end = add_years(issue, valid_years)
        if end > ref + timedelta(days=30):
            return issue, end
    # Ages with no rule-consistent expired card: a ten-year card that just ran out.
    end = ref - timedelta(days=rng.randint(1, 400))
    return add_years(end, -10), end


def make_person(
    rng: random.Random,
    ref: date,
    *,
    age: tuple[int, int] = (22, 40),
    expired_id: bool = False,
    kind: str = "",
) -> Person:
    """Draw one consistent applicant whose age on `ref` is within `age`.

    `kind` forces a name kind ("rare", "minority", "untypable") so tests and faults can ask
    for one; otherwise the mix is ~15% rare characters, ~5% minority, ~3% untypable.
    """
    r = rng.random()
    kind = kind or (
        "untypable" if r < 0.03 else "minority" if r < 0.08 else "rare" if r < 0.20 else "plain"
    )
    male = rng.random() < 0.45
    # Age skewed young: most applicants sit the exam within a few years of graduating.
    lo, hi = age
    years = lo + min(int(rng.expovariate(1 / 4.0)), hi - lo)
    birth = add_years(ref, -years - 1) + timedelta(days=rng.randint(1, 364))
    while age_at(birth, ref) != years:
        birth += timedelta(days=1 if age_at(birth, ref) > years else -1)

    ethnicity = "汉族"
    if kind == "minority":
        given = rng.choice(UYGHUR_MALE if male else UYGHUR_FEMALE)
        name = f"{given}·{rng.choice([f for f in UYGHUR_FATHER if f != given])}"
        ethnicity = "维吾尔族"
        county = rng.choice(XINJIANG_COUNTIES)
    else:
        name = han_name(rng, male, rare=kind == "rare")
        if rng.random() < 0.06:
            ethnicity = rng.choice(MINORITY_ETHNICITIES)
        county = rng.choice(COUNTIES[:19]) if rng.random() < 0.75 else rng.choice(COUNTIES[19:])
    form_name = name
    if kind == "untypable":
        pos = len(name) - 1 if len(name) > 2 else rng.randrange(1, len(name))
        char = rng.choice(UNTYPABLE)
        name = name[:pos] + char + name[pos + 1 :]
        form_name = name[:pos] + "?" + name[pos + 1 :]

    number = id_number(rng, county.code, birth, male)
    issue, end = id_validity(rng, birth, ref, expired=expired_id)

    category = rng.choices(("临床", "中医", "口腔"), weights=(80, 12, 8))[0]
    school = rng.choice([s for s in SCHOOLS if category in s.categories])
    major = rng.choice(MAJORS[category])
    grad_year = min(birth.year + 22 + rng.choice((0, 0, 1, 1, 2)), ref.year - 2)
    graduation = date(grad_year, rng.choice((6, 6, 6, 7)), 30 if rng.random() < 0.6 else 20)
    if graduation.month == 7:
        graduation = graduation.replace(day=1)
    enrol = date(grad_year - 5, 9, 1)
    serial = rng.randint(1, 9000)
    dnum = diploma_number(school.code, grad_year, "05", serial)

    hospital = rng.choice([h for h in HOSPITALS if category in h.categories])
    subjects = list(SUBJECTS_GENERAL[: rng.randint(8, len(SUBJECTS_GENERAL))])
    if "中医" in hospital.categories:
        subjects.insert(2, "中医科")
    if "口腔" in hospital.categories:
        subjects = ["口腔科", "医学检验科", "医学影像科", "麻醉科"]
    elif rng.random() < 0.5:
        subjects.insert(7, "口腔科")
    if category == "中医" and "中医科" not in subjects:
        subjects.insert(2, "中医科")

    # Probation: twelve months (sometimes a little more), after graduating, ended before ref.
    latest_start = add_months(ref, -13)
    earliest = max(add_months(graduation.replace(day=1), 1), add_months(ref, -40))
    span_days = max((latest_start - earliest).days, 0)
    start = (earliest + timedelta(days=rng.randint(0, span_days))).replace(day=1)
    if rng.random() < 0.6 and earliest <= start.replace(month=7) <= latest_start:
        start = start.replace(month=7)
    months = 12 if rng.random() < 0.8 else rng.randint(13, 14)
    end_p = add_months(start, months) - timedelta(days=1)
    if end_p >= ref:
        end_p = add_months(start, 12) - timedelta(days=1)

    # The licence (five years) covers the whole probation and is still valid on ref.
    lic_lo = add_years(ref, -5) + timedelta(days=60)
    lic_days = rng.randint(0, max((start - lic_lo).days, 0))
    lic_from = (lic_lo + timedelta(days=lic_days)).replace(day=1)
    lic_to = add_years(lic_from, 5) - timedelta(days=1)
    lic_issue = lic_from - timedelta(days=rng.randint(0, 20))

    return Person(
        name=name,
        form_name=form_name,
        male=male,
        birth=birth,
        ethnicity=ethnicity,
        county=county,
        id_number=number,
        address=make_address(rng, county),
        id_issue=issue,
        id_end=end,
        category=category,
        school=school,
        major=major,
        enrol=enrol,
        graduation=graduation,
        diploma_number=dnum,
        diploma_issue=graduation,
        principal=plain_name(rng),
        hospital=hospital,
        legal_rep=plain_name(rng),
        head=plain_name(rng),
        licence_number=licence_number(rng, hospital),
        licence_from=lic_from,
        licence_to=lic_to,
        licence_issue=lic_issue,
        subjects=tuple(subjects),
        probation_start=start,
        probation_end=end_p,
        department=rng.choice(DEPARTMENTS[category]),
        phone=rng.choice(("13", "15", "18", "17", "19"))
        + "".join(rng.choice("0123456789") for _ in range(9)),
        email=make_email(rng),
        site=hospital.district if hospital.district in SITES else rng.choice(SITES),
        look=make_look(rng, male),
        rare=kind == "rare",
        untypable=kind == "untypable",
    )


def make_email(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.randint(10**7, 10**10)}@qq.com"
    user = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 8)))
    return f"{user}{rng.randint(1, 999)}@{rng.choice(('163.com', '126.com', 'sina.com'))}"
