"""Synthetic applicants: names, ID numbers, schools, hospitals and the dates that tie them together.

Everything here is drawn from a `random.Random` passed in by the caller, so a seed reproduces
the same people. The tables are small, real-looking and deliberately varied (compound, rare and
minority names; several region codes, including retired ones) because those are the cases the
checker gets wrong in practice.
"""

from __future__ import annotations

import itertools
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
BEIJING_COUNTIES: tuple[County, ...] = (
    County("110101", "北京市东城区", "北京市公安局东城分局"),
    County("110102", "北京市西城区", "北京市公安局西城分局"),
    County("110105", "北京市朝阳区", "北京市公安局朝阳分局"),
    County("110106", "北京市丰台区", "北京市公安局丰台分局"),
    County("110108", "北京市海淀区", "北京市公安局海淀分局"),
    County("110111", "北京市房山区", "北京市公安局房山分局", True),
    County("110114", "北京市昌平区", "北京市公安局昌平分局"),
    County("110228", "北京市密云县", "北京市公安局密云分局", True),
)
LIAONING_COUNTIES: tuple[County, ...] = (
    County("210102", "辽宁省沈阳市和平区", "沈阳市公安局和平分局"),
    County("210103", "辽宁省沈阳市沈河区", "沈阳市公安局沈河分局"),
    County("210105", "辽宁省沈阳市皇姑区", "沈阳市公安局皇姑分局"),
    County("210203", "辽宁省大连市西岗区", "大连市公安局西岗分局"),
    County("210211", "辽宁省大连市甘井子区", "大连市公安局甘井子分局"),
    County("210302", "辽宁省鞍山市铁东区", "鞍山市公安局铁东分局"),
    County("210702", "辽宁省锦州市古塔区", "锦州市公安局古塔分局"),
    County("211302", "辽宁省朝阳市双塔区", "朝阳市公安局双塔分局"),
    County("210381", "辽宁省海城市", "海城市公安局", True),
)
#: The region's own counties (most applicants live where they sit the exam).
REGION_COUNTIES: dict[str, tuple[County, ...]] = {
    "天津市": COUNTIES[:19],
    "北京市": BEIJING_COUNTIES,
    "辽宁省": LIAONING_COUNTIES,
}
#: Province code (资格证书编码 digits 5-6) and the 中医药 authority of each region.
PROVINCE_CODE = {"天津市": "12", "北京市": "11", "辽宁省": "21"}
TCM_AUTHORITY = {
    "天津市": "天津市中医药管理局",
    "北京市": "北京市中医管理局",
    "辽宁省": "辽宁省中医药管理局",
}
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
    levels: tuple[str, ...] = ("本科", "研究生")
    province: str = ""


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
    School("中国医科大学", "10159", ("临床", "口腔"), province="辽宁省"),
    School("锦州医科大学", "10160", ("临床", "口腔"), province="辽宁省"),
    School("大连医科大学", "10161", ("临床", "口腔"), province="辽宁省"),
    School("辽宁中医药大学", "10162", ("中医",), province="辽宁省"),
    School("新疆医科大学", "10760", ("临床", "中医")),
    School("北京中医药大学", "10026", ("中医",)),
    School("河北中医药大学", "14432", ("中医",)),
    School("山东中医药大学", "10441", ("中医",)),
    School("郑州大学", "10459", ("临床", "口腔")),
    School("天津医学高等专科学校", "12528", ("临床", "口腔"), ("专科",), "天津市"),
    School("沧州医学高等专科学校", "13409", ("临床", "中医"), ("专科",)),
    School("承德护理职业学院", "14180", ("临床",), ("专科",)),
    School("辽宁医药职业学院", "14013", ("临床", "中医"), ("专科",), "辽宁省"),
    School("北京卫生职业学院", "14361", ("临床", "口腔"), ("专科",), "北京市"),
    School("天津市卫生学校", "31201", ("临床", "中医"), ("中专",), "天津市"),
    School("河北省邢台卫生学校", "31302", ("临床",), ("中专",)),
    School("沈阳市中医药学校", "32101", ("中医", "临床"), ("中专",), "辽宁省"),
    School("北京市实验职业学校", "31101", ("临床",), ("中专",), "北京市"),
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
MAJORS_VOCATIONAL: dict[str, tuple[str, ...]] = {
    "临床": ("临床医学", "临床医学", "农村医学"),
    "中医": ("中医学", "针灸推拿"),
    "口腔": ("口腔医学",),
}
#: A different major a diploma could show by mistake (same faculty, so not absurd).
OTHER_MAJOR: dict[str, tuple[str, ...]] = {
    "临床": ("预防医学", "医学检验技术", "护理学", "康复治疗学"),
    "中医": ("中药学", "中西医临床医学"),
    "口腔": ("口腔医学技术",),
}
EXAM_CODES = {"临床": "110", "口腔": "210", "中医": "410"}
ASSISTANT_EXAM_CODES = {"临床": "120", "口腔": "220", "中医": "420", "乡村全科": "130"}
#: 资格证书编码 category digits (ValidX table in shared/reference/domain-facts.md A3).
QUAL_CATEGORY = {"临床": "10", "口腔": "20", "公共卫生": "30", "中医": "41"}
PRACTICE_SCOPES = {
    "临床": ("内科专业", "外科专业", "妇产科专业", "儿科专业", "全科医学专业", "急救医学专业"),
    "口腔": ("口腔专业",),
    "中医": ("中医专业", "中西医结合专业"),
}
MENTOR_MAJORS = ("中医内科", "中医外科", "针灸", "推拿", "中医妇科", "中医儿科")


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
    city: str = "天津市"
    region: str = "天津市"
    rural: bool = False  # 乡镇卫生院 / 村卫生室 (where 乡村全科 applicants train)

    @property
    def issuer(self) -> str:
        if self.city_level:
            return f"{self.city}卫生健康委员会"
        return f"{self.city}{self.district}卫生健康委员会"


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
OTHER_HOSPITALS: tuple[Hospital, ...] = (
    Hospital(
        "首都医科大学附属北京朝阳医院",
        "朝阳区",
        "110105",
        "北京市朝阳区工人体育场南路8号",
        ("临床",),
        True,
        city="北京市",
        region="北京市",
    ),
    Hospital(
        "北京大学第一医院",
        "西城区",
        "110102",
        "北京市西城区西什库大街8号",
        ("临床",),
        True,
        city="北京市",
        region="北京市",
    ),
    Hospital(
        "北京市海淀医院",
        "海淀区",
        "110108",
        "北京市海淀区中关村大街29号",
        ("临床",),
        city="北京市",
        region="北京市",
    ),
    Hospital(
        "北京中医医院",
        "东城区",
        "110101",
        "北京市东城区美术馆后街23号",
        ("中医", "临床"),
        True,
        "A210",
        city="北京市",
        region="北京市",
    ),
    Hospital(
        "北京口腔医院",
        "丰台区",
        "110106",
        "北京市丰台区方庄南路9号院",
        ("口腔",),
        True,
        "A512",
        city="北京市",
        region="北京市",
    ),
    Hospital(
        "北京市房山区良乡医院",
        "房山区",
        "110111",
        "北京市房山区良乡镇拱辰大街45号",
        ("临床",),
        city="北京市",
        region="北京市",
    ),
    Hospital(
        "中国医科大学附属第一医院",
        "和平区",
        "210102",
        "辽宁省沈阳市和平区南京北街155号",
        ("临床",),
        True,
        city="沈阳市",
        region="辽宁省",
    ),
    Hospital(
        "中国医科大学附属盛京医院",
        "和平区",
        "210102",
        "辽宁省沈阳市和平区三好街36号",
        ("临床",),
        True,
        city="沈阳市",
        region="辽宁省",
    ),
    Hospital(
        "大连医科大学附属第一医院",
        "西岗区",
        "210203",
        "辽宁省大连市西岗区中山路222号",
        ("临床",),
        True,
        city="大连市",
        region="辽宁省",
    ),
    Hospital(
        "锦州医科大学附属第一医院",
        "古塔区",
        "210702",
        "辽宁省锦州市古塔区人民街五段2号",
        ("临床",),
        True,
        city="锦州市",
        region="辽宁省",
    ),
    Hospital(
        "辽宁中医药大学附属医院",
        "皇姑区",
        "210105",
        "辽宁省沈阳市皇姑区北陵大街33号",
        ("中医", "临床"),
        True,
        "A210",
        city="沈阳市",
        region="辽宁省",
    ),
    Hospital(
        "中国医科大学附属口腔医院",
        "和平区",
        "210102",
        "辽宁省沈阳市和平区南京北街117号",
        ("口腔",),
        True,
        "A512",
        city="沈阳市",
        region="辽宁省",
    ),
)
#: 乡镇卫生院 (乡村全科 applicants' 试用机构), by region.
RURAL_HOSPITALS: tuple[Hospital, ...] = (
    Hospital(
        "天津市蓟州区下营镇卫生院",
        "蓟州区",
        "120119",
        "天津市蓟州区下营镇下营村",
        ("临床",),
        class_code="C220",
        rural=True,
    ),
    Hospital(
        "天津市武清区大良镇卫生院",
        "武清区",
        "120114",
        "天津市武清区大良镇大良村",
        ("临床",),
        class_code="C220",
        rural=True,
    ),
    Hospital(
        "天津市宝坻区大口屯镇卫生院",
        "宝坻区",
        "120115",
        "天津市宝坻区大口屯镇津围公路",
        ("临床",),
        class_code="C210",
        rural=True,
    ),
    Hospital(
        "天津市静海区团泊镇卫生院",
        "静海区",
        "120118",
        "天津市静海区团泊镇团泊村",
        ("临床",),
        class_code="C220",
        rural=True,
    ),
    Hospital(
        "北京市密云区溪翁庄镇卫生院",
        "密云区",
        "110118",
        "北京市密云区溪翁庄镇溪翁庄村",
        ("临床",),
        class_code="C220",
        city="北京市",
        region="北京市",
        rural=True,
    ),
    Hospital(
        "北京市房山区青龙湖镇卫生院",
        "房山区",
        "110111",
        "北京市房山区青龙湖镇坨里村",
        ("临床",),
        class_code="C220",
        city="北京市",
        region="北京市",
        rural=True,
    ),
    Hospital(
        "海城市腾鳌镇中心卫生院",
        "海城市",
        "210381",
        "辽宁省海城市腾鳌镇腾鳌街",
        ("临床",),
        class_code="C210",
        city="鞍山市",
        region="辽宁省",
        rural=True,
    ),
    Hospital(
        "沈阳市辽中区茨榆坨街道卫生院",
        "辽中区",
        "210115",
        "辽宁省沈阳市辽中区茨榆坨街道",
        ("临床",),
        class_code="C220",
        city="沈阳市",
        region="辽宁省",
        rural=True,
    ),
)


def region_hospitals(region: str, category: str, *, rural: bool = False) -> list[Hospital]:
    """Hospitals of `region` (天津市 when unknown) treating `category`."""
    pool = RURAL_HOSPITALS if rural else HOSPITALS + OTHER_HOSPITALS
    local = [h for h in pool if h.region == region] or [h for h in pool if h.region == "天津市"]
    return [h for h in local if category in h.categories] or local


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
    """How the drawn portrait looks; shared by the ID card, the diploma, the photo and the
    hand-held ID photo. Varied enough that two people's photos are clearly different images."""

    skin: tuple[int, int, int]
    hair: tuple[int, int, int]
    clothes: tuple[int, int, int]
    long_hair: bool
    face_w: float
    collar: bool
    hair_style: str = "short"  # short | crop | side | long | bob | bun | curly
    face_h: float = 1.0  # face height factor
    head: float = 1.0  # head size in the frame
    head_dx: float = 0.0  # head offset, fraction of the frame width
    head_dy: float = 0.0  # head offset, fraction of the frame height
    shoulder: float = 1.0  # shoulder width factor
    collar_style: str = "v"  # none | v | shirt | tie | round
    shirt: tuple[int, int, int] = (238, 238, 240)
    glasses: str = ""  # "" | round | rect
    frame_color: tuple[int, int, int] = (40, 40, 45)
    bg: tuple[int, int, int] = (255, 255, 255)  # registration-photo background tone
    bg_grad: float = 0.0  # faint vertical gradient of the background (-1..1)
    eye_gap: float = 0.42
    brow: float = 0.0  # brow thickness (0: none)


@dataclass(frozen=True, slots=True)
class Variant:
    """An applicant category as the generator plans it (docs/materials.md's table)."""

    key: str
    label: str  # the category as docs/materials.md names it
    level: str  # education.level on the form
    exam_level: str
    duty: str
    weight: float
    assistant: bool = False
    rural: bool = False
    current: bool = False  # graduates in the exam year (pledge)
    long: bool = False  # 长学制


VARIANTS: dict[str, Variant] = {
    v.key: v
    for v in (
        Variant("bk_probation", "本科及以上学历报考执业医师", "本科", "执业医师", "试用期", 40),
        Variant("yjs_graduated", "研究生已毕业报考执业医师", "研究生", "执业医师", "试用期", 6),
        Variant(
            "yjs_current",
            "研究生毕业当年报考执业医师",
            "研究生",
            "执业医师",
            "当年毕业研究生",
            5,
            current=True,
        ),
        Variant(
            "yjs_long",
            "长学制在学期间报考执业医师",
            "研究生",
            "执业医师",
            "当年毕业研究生",
            5,
            current=True,
            long=True,
        ),
        Variant(
            "asst_zhuanke",
            "大专/中专学历已取得执业助理医师报考执业医师",
            "专科",
            "执业医师",
            "在职",
            6,
            assistant=True,
        ),
        Variant(
            "asst_zhongzhuan",
            "大专/中专学历已取得执业助理医师报考执业医师",
            "中专",
            "执业医师",
            "在职",
            5,
            assistant=True,
        ),
        Variant(
            "asst_benke",
            "本科及以上已取得执业助理医师报考执业医师",
            "本科",
            "执业医师",
            "在职",
            5,
            assistant=True,
        ),
        Variant(
            "zhuanke_assistant",
            "大专/中专学历报考执业助理医师",
            "专科",
            "执业助理医师",
            "试用期",
            6,
        ),
        Variant(
            "zhongzhuan_assistant",
            "大专/中专学历报考执业助理医师",
            "中专",
            "执业助理医师",
            "试用期",
            5,
        ),
        Variant(
            "mentorship", "确有专长执业助理医师", "师承或确有专长", "执业助理医师", "试用期", 6
        ),
        Variant("rural", "乡村全科执业助理医师", "专科", "执业助理医师", "试用期", 5, rural=True),
        Variant(
            "yingjie",
            "本科及以上学历报考执业医师（应届）",
            "本科",
            "执业医师",
            "试用期",
            6,
            current=True,
        ),
    )
}


@dataclass(slots=True)
class Assistant:
    """The 执业助理医师 an applicant already is (资格证书, 执业证书, 执业期)."""

    qualification_date: date
    qualification_number: str
    practice_number: str
    registration: date
    category: str  # 临床 | 口腔 | 中医
    scope: str  # 执业范围
    period_end: date


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
    variant: Variant = field(default_factory=lambda: VARIANTS["bk_probation"])
    region: str = "天津市"
    study_mode: str = "五年制"
    record_level: str = "本科"  # 层次 on the diploma / 备案表
    years: int = 5  # 学制
    degree: str = ""  # 学士 | 硕士 | 博士 ("" when no degree is uploaded)
    degree_number: str = ""
    # The 本科 diploma a 长学制 student already holds (enrol, graduation, number).
    assistant: Assistant | None = None
    mentor_title: str = ""
    mentor_major: str = ""
    mentor_number: str = ""
    mentor_issuer: str = ""
    mentor_issue: date | None = None
    verification_code: str = ""
    record_update: date | None = None
    record_valid: date | None = None

    @property
    def gender(self) -> str:
        return "男" if self.male else "女"

    @property
    def exam_category(self) -> str:
        return "乡村全科" if self.variant.rural else self.category

    @property
    def exam_code(self) -> str:
        if self.variant.exam_level == "执业助理医师":
            return ASSISTANT_EXAM_CODES[self.exam_category]
        return EXAM_CODES[self.category]


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


CLOTHES = (
    (30, 35, 50),
    (20, 20, 25),
    (45, 50, 60),
    (60, 30, 35),
    (235, 235, 238),
    (170, 195, 225),
    (120, 125, 130),
    (150, 40, 45),
    (40, 90, 70),
    (200, 180, 150),
    (90, 60, 110),
    (225, 200, 120),
)
HAIR_STYLES_MALE = ("short", "crop", "side", "curly")
HAIR_STYLES_FEMALE = ("long", "bob", "bun", "long", "side", "curly")


def make_look(rng: random.Random, male: bool) -> Look:
    t = rng.random()  # light to darker skin, along one natural axis
    skin = (round(242 - 34 * t), round(212 - 48 * t), round(186 - 60 * t))
    hair = rng.choice(((25, 22, 20), (40, 32, 28), (55, 42, 35), (70, 52, 40), (90, 85, 80)))
    clothes = rng.choice(CLOTHES)
    style = rng.choice(HAIR_STYLES_MALE if male else HAIR_STYLES_FEMALE)
    collar_style = rng.choice(
        ("none", "v", "shirt", "tie", "round") if male else ("none", "v", "shirt", "round")
    )
    shirt = rng.choice(((238, 238, 240), (250, 250, 250), (200, 220, 240), (230, 225, 210)))
    tone = rng.randint(236, 255)
    tint = rng.choice(((0, 0, 0), (-6, -3, 3), (-10, -4, 6), (2, 0, -6)))
    bg = tuple(max(0, min(255, tone + t)) for t in tint)
    return Look(
        skin,
        hair,
        clothes,
        style in ("long", "bob"),
        rng.uniform(0.82, 1.18),
        collar_style != "none",
        hair_style=style,
        face_h=rng.uniform(0.88, 1.12),
        head=rng.uniform(0.82, 1.18),
        head_dx=rng.uniform(-0.07, 0.07),
        head_dy=rng.uniform(-0.06, 0.06),
        shoulder=rng.uniform(0.8, 1.2),
        collar_style=collar_style,
        shirt=shirt,
        glasses=rng.choice(("", "", "round", "rect")),
        frame_color=rng.choice(((30, 30, 35), (90, 60, 40), (150, 150, 155))),
        bg=(bg[0], bg[1], bg[2]),
        bg_grad=rng.uniform(-1, 1),
        eye_gap=rng.uniform(0.34, 0.48),
        brow=rng.choice((0.0, 0.5, 1.0)),
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


#: Age at graduation by level (years), and the least gap to the exam year for a graduate
#: who still needs a year of probation.
GRAD_AGE = {"本科": 22, "研究生": 25, "专科": 20, "中专": 18}


def verification_code(rng: random.Random) -> str:
    """A 16-character 学信网 在线验证码 (upper-case letters and digits)."""
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(16))


def qualification_number(year: int, region: str, category: str, id_no: str) -> str:
    """27 characters: year, province, level 2 (执业助理医师), category, the holder's ID."""
    return f"{year}{PROVINCE_CODE.get(region, '12')}2{QUAL_CATEGORY[category]}{id_no}"


def make_person(
    rng: random.Random,
    ref: date,
    *,
    age: tuple[int, int] = (22, 40),
    expired_id: bool = False,
    kind: str = "",
    variant: str = "bk_probation",
    region: str = "天津市",
    subject: tuple[str, ...] = (),
    lookalike: bool = False,
) -> Person:
    """Draw one consistent applicant whose age on `ref` is within `age`.

    `kind` forces a name kind ("rare", "minority", "untypable") so tests and faults can ask
    for one; otherwise the mix is ~15% rare characters, ~5% minority, ~3% untypable.
    `variant` is the applicant category (`VARIANTS`), `region` the 考区 (counties, hospitals
    and schools lean local), `subject` restricts the exam category (临床/中医/口腔).
    `lookalike`: a Han name with a character that has a look-alike (`LOOKALIKE`) and an ID
    number that `lookalike_id` can change (for the look-alike faults).
    """
    v = VARIANTS[variant]
    r = rng.random()
    kind = kind or (
        "untypable" if r < 0.03 else "minority" if r < 0.08 else "rare" if r < 0.20 else "plain"
    )
    if lookalike and kind in ("minority", "untypable"):
        kind = "plain"
    male = rng.random() < 0.45
    level = v.level if v.level != "师承或确有专长" else ""
    # Ages that fit the category's timeline (unless a fault asks for a band of its own).
    if age == (22, 40):
        if v.current:
            age = (24, 26) if v.level == "研究生" else (22, 24)
        elif v.assistant:
            age = {"中专": (28, 45), "专科": (26, 42), "本科": (28, 42)}[v.level]
        elif v.level == "研究生":
            age = (27, 40)
        elif v.level in ("专科", "中专"):
            age = (20, 36)
        elif v.level == "师承或确有专长":
            age = (26, 50)
    # Age skewed young: most applicants sit the exam within a few years of graduating.
    lo, hi = age
    years = lo + min(int(rng.expovariate(1 / 4.0)), hi - lo)
    birth = add_years(ref, -years - 1) + timedelta(days=rng.randint(1, 364))
    while age_at(birth, ref) != years:
        birth += timedelta(days=1 if age_at(birth, ref) > years else -1)

    ethnicity = "汉族"
    local = REGION_COUNTIES.get(region, COUNTIES[:19])
    others = [c for c in COUNTIES if c not in local]
    if kind == "minority":
        given = rng.choice(UYGHUR_MALE if male else UYGHUR_FEMALE)
        name = f"{given}·{rng.choice([f for f in UYGHUR_FATHER if f != given])}"
        ethnicity = "维吾尔族"
        county = rng.choice(XINJIANG_COUNTIES)
    else:
        name = han_name(rng, male, rare=kind == "rare")
        if lookalike:
            name = with_lookalike(rng, name, male, kind == "rare")
        if rng.random() < 0.06:
            ethnicity = rng.choice(MINORITY_ETHNICITIES)
        county = rng.choice(local) if rng.random() < 0.75 else rng.choice(others)
    form_name = name
    if kind == "untypable":
        pos = len(name) - 1 if len(name) > 2 else rng.randrange(1, len(name))
        char = rng.choice(UNTYPABLE)
        name = name[:pos] + char + name[pos + 1 :]
        form_name = name[:pos] + "?" + name[pos + 1 :]

    number = id_number(rng, county.code, birth, male)
    for _ in range(20 if lookalike else 0):
        try:
            lookalike_id(random.Random(0), number)
            break
        except ValueError:
            number = id_number(rng, county.code, birth, male)
    issue, end = id_validity(rng, birth, ref, expired=expired_id)

    if v.level == "师承或确有专长":
        category = "中医"
    elif v.rural:
        category = "临床"
    else:
        category = rng.choices(("临床", "中医", "口腔"), weights=(80, 12, 8))[0]
    if subject and category not in subject:
        category = rng.choice(subject)
    school_level = v.level if v.level in ("专科", "中专") else "本科"
    if v.level == "研究生" and not v.long:
        school_level = "研究生"
    schools = [s for s in SCHOOLS if category in s.categories and school_level in s.levels]
    if v.current and region == "辽宁省":  # 辽宁 accepts 当年毕业研究生 only from its schools
        schools = [s for s in schools if s.province == "辽宁省"] or schools
    if not schools:  # no school of this level teaches the category: take one that does
        schools = [
            s
            for s in SCHOOLS
            if school_level in s.levels and set(s.categories) & set(subject or s.categories)
        ]
        category = next(
            c
            for c in ("中医", "口腔", "临床")
            if c in schools[0].categories and (not subject or c in subject)
        )
        schools = [s for s in schools if category in s.categories]
    school = rng.choice(schools)
    vocational = v.level in ("专科", "中专")
    major = rng.choice((MAJORS_VOCATIONAL if vocational else MAJORS)[category])
    if v.long or v.rural:
        major = "临床医学" if category == "临床" else major

    # Education timeline.
    study = {"本科": 5, "研究生": 3, "专科": 3, "中专": 3}.get(level, 5)
    if v.long:
        study = rng.choice((8, 7))
    if v.current:
        grad_year = ref.year
    else:
        grad_age = GRAD_AGE.get(level, 22)
        latest = ref.year - 2
        if v.assistant:
            latest = {"中专": ref.year - 10, "专科": ref.year - 5, "本科": ref.year - 5}[v.level]
        grad_year = min(birth.year + grad_age + rng.choice((0, 0, 1, 1, 2)), latest)
    graduation = date(grad_year, rng.choice((6, 6, 6, 7)), 30 if rng.random() < 0.6 else 20)
    if graduation.month == 7:
        graduation = graduation.replace(day=1)
    enrol = date(grad_year - study, 9, 1)
    serial = rng.randint(1, 9000)
    doctor = v.level == "研究生" and not v.current and rng.random() < 0.15
    level_code = {"研究生": "01" if doctor else "02", "专科": "06", "中专": "07"}.get(level, "05")
    record_level = {"研究生": "博士研究生" if doctor else "硕士研究生"}.get(level, level or "本科")
    dnum_year, dnum_level = grad_year, level_code
    if v.long:  # the 本科 diploma of the long programme, five years in
        dnum_year, dnum_level = enrol.year + 5, "05"
    dnum = diploma_number(school.code, dnum_year, dnum_level, serial)
    degree = ""
    if v.key == "yjs_graduated":
        degree = "博士" if doctor else "硕士"
    degree_number = f"{school.code}{rng.randint(1, 4)}{grad_year}{rng.randint(0, 999999):06d}"

    rural = v.rural
    hospital = rng.choice(region_hospitals(region, category, rural=rural))
    subjects = list(SUBJECTS_GENERAL[: rng.randint(8, len(SUBJECTS_GENERAL))])
    if rural:
        subjects = ["全科医疗科", "内科", "预防保健科", "中医科", "医学检验科"][: rng.randint(3, 5)]
    if "中医" in hospital.categories:
        subjects.insert(2, "中医科")
    if "口腔" in hospital.categories:
        subjects = ["口腔科", "医学检验科", "医学影像科", "麻醉科"]
    elif rng.random() < 0.5 and not rural:
        subjects.insert(7, "口腔科")
    if category == "中医" and "中医科" not in subjects:
        subjects.insert(2, "中医科")
    if category == "口腔" and "口腔科" not in subjects:
        subjects.insert(1, "口腔科")
    subjects = list(dict.fromkeys(subjects))

    # Probation: twelve months (sometimes a little more), after graduating, ended before ref.
    latest_start = add_months(ref, -13)
    earliest = max(add_months(graduation.replace(day=1), 1), add_months(ref, -40))
    if earliest > latest_start:  # 应届: the probation year fell in the last year of study
        earliest = add_months(ref, -20)
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

    assistant = None
    if v.assistant:
        cutoff = {
            "专科": date(ref.year - 2, 8, 22),
            "中专": date(ref.year - 5, 8, 22),
            "本科": date(ref.year - 1, 8, 22),
        }[v.level]
        qual = date(grad_year + 1 + rng.choice((0, 0, 1)), rng.randint(9, 12), rng.randint(1, 28))
        reg = qual + timedelta(days=rng.randint(30, 240))
        if reg > cutoff:
            reg = cutoff - timedelta(days=rng.randint(10, 300))
        if qual >= reg:
            qual = reg - timedelta(days=rng.randint(30, 150))
        prov = PROVINCE_CODE.get(region, "12")
        cat_digit = {"临床": "1", "口腔": "2", "中医": "4"}[category]
        pnum = f"2{cat_digit}{prov}{reg.year}{rng.randint(0, 9_999_999):07d}"
        assistant = Assistant(
            qualification_date=qual,
            qualification_number=qualification_number(qual.year, region, category, number),
            practice_number=pnum,
            registration=reg,
            category=category,
            scope=rng.choice(PRACTICE_SCOPES[category]),
            period_end=ref - timedelta(days=rng.randint(15, 60)),
        )

    mentor_issue = None
    mentor_title = mentor_major = mentor_number = ""
    if v.level == "师承或确有专长":
        mentor_issue = date(ref.year - rng.randint(2, 8), rng.randint(1, 12), rng.randint(1, 28))
        mentor_title = rng.choice(("传统医学师承出师证书", "传统医学医术确有专长证书"))
        mentor_major = rng.choice(MENTOR_MAJORS)
        mentor_number = (
            f"{PROVINCE_CODE.get(region, '12')}{mentor_issue.year}"
            f"{'SC' if '师承' in mentor_title else 'ZC'}{rng.randint(1, 9999):04d}"
        )
    record_update = ref - timedelta(days=rng.randint(10, 200))
    record_valid = ref + timedelta(days=rng.randint(30, 360))

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
        site=hospital.district
        if hospital.district in SITES or region != "天津市"
        else rng.choice(SITES),
        look=make_look(rng, male),
        rare=kind == "rare",
        untypable=kind == "untypable",
        variant=v,
        region=region,
        study_mode=f"{CN_YEARS[study]}年制",
        record_level=record_level,
        years=study,
        degree=degree,
        degree_number=degree_number,
        assistant=assistant,
        mentor_title=mentor_title,
        mentor_major=mentor_major,
        mentor_number=mentor_number,
        mentor_issuer=TCM_AUTHORITY.get(region, "天津市中医药管理局"),
        mentor_issue=mentor_issue,
        verification_code=verification_code(rng),
        record_update=record_update,
        record_valid=record_valid,
    )


CN_YEARS = {3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八"}


def make_email(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.randint(10**7, 10**10)}@qq.com"
    user = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 8)))
    return f"{user}{rng.randint(1, 999)}@{rng.choice(('163.com', '126.com', 'sina.com'))}"


# --------------------------------------------------------------------------------------------
# Look-alikes: characters and digits a reader (person or OCR) easily takes for one another

#: Groups of visually similar characters (same phonetic part, one stroke or radical apart);
#: every two members of a group are a pair, both ways. Mostly characters of the name pools.
LOOKALIKE_GROUPS: tuple[str, ...] = (
    "伟玮",
    "晶静睛",
    "静净",
    "明朋",
    "王玉主",
    "洁浩",
    "浩皓",
    "杨扬",
    "娟涓绢",
    "丽莉",
    "芳方",
    "红虹",
    "军车",
    "刚岗钢",
    "玲铃伶",
    "婷停亭",
    "斌赋",
    "彬杉",
    "凯恺铠",
    "琳淋",
    "颖频",
    "晓哓",
    "磊垒",
    "洋详",
    "勇甬",
    "涛祷",
    "宇字",
    "博傅搏",
    "俊骏浚",
    "阳阴",
    "建健键",
    "华毕",
    "然燃",
    "泽择",
    "思恩",
    "远运",
    "航舫",
    "天夭",
    "嘉喜",
    "昊吴",
    "峰锋蜂",
    "娜哪",
    "雪雷",
    "蕾雷",
    "怡恰",
    "佳住",
    "瑶遥谣",
    "萱宣",
    "琪淇棋",
    "璐路",
    "慧彗",
    "薇微",
    "楠喃",
    "婧靖",
    "李季",
    "陈阵",
    "徐除",
    "梁粱",
    "于干",
    "白自",
    "田由甲",
    "史吏",
    "余佘",
    "叶吐",
    "侯候",
    "崔催",
    "悦锐说",
    "霞暇瑕",
    "诗侍持",
    "子孑予",
)


def _lookalike_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for group in LOOKALIKE_GROUPS:
        for a in group:
            for b in group:
                if a != b and b not in table.setdefault(a, []):
                    table[a].append(b)
    return {a: tuple(bs) for a, bs in table.items()}


#: Character → the characters it is easily misread as (symmetric).
LOOKALIKE: dict[str, tuple[str, ...]] = _lookalike_table()
#: Digits a reader confuses (symmetric): 8↔3/6/9/0, 1↔7, 0↔6, 5↔6.
DIGIT_LOOKALIKE: dict[str, str] = {
    "8": "3690",
    "3": "8",
    "6": "805",
    "9": "8",
    "0": "68",
    "1": "7",
    "7": "1",
    "5": "6",
}


def lookalike_positions(name: str) -> list[int]:
    """Positions of `name` whose character has a look-alike, given name first."""
    given = [i for i in range(1, len(name)) if name[i] in LOOKALIKE]
    return given + ([0] if name and name[0] in LOOKALIKE else [])


def lookalike_name(rng: random.Random, name: str) -> str:
    """`name` with one character replaced by a look-alike (the given name when it can be)."""
    positions = lookalike_positions(name)
    if not positions:
        raise ValueError(f"no character of {name} has a look-alike")
    given = [i for i in positions if i > 0]
    pos = rng.choice(given) if given and rng.random() < 0.8 else rng.choice(positions)
    return name[:pos] + rng.choice(LOOKALIKE[name[pos]]) + name[pos + 1 :]


def with_lookalike(rng: random.Random, name: str, male: bool, rare: bool) -> str:
    """`name`, or a re-drawn Han name, that has a character with a look-alike."""
    for _ in range(60):
        if lookalike_positions(name):
            return name
        name = han_name(rng, male, rare=rare)
    pool = [c for c in (MALE_CHARS if male else FEMALE_CHARS) if c in LOOKALIKE]
    return name[:-1] + rng.choice(pool)


def lookalike_id(rng: random.Random, number: str) -> str:
    """An 18-character ID number that still passes GB 11643 but differs from `number` in two
    (rarely three) places, each digit turned into a look-alike (8→3, 1→7, …). Prefers the
    sequence code and check character (positions 15-18), keeping the sex digit's parity;
    then the region code; the birth date is never touched."""
    check = number[17]

    def search(positions: list[int], count: int) -> list[str]:
        found = []
        for combo in itertools.combinations(positions, count):
            options = [DIGIT_LOOKALIKE.get(number[pos], "") for pos in combo]
            for digits in itertools.product(*options):
                chars = list(number)
                for pos, digit in zip(combo, digits, strict=True):
                    chars[pos] = digit
                cand = "".join(chars)
                if check_char(cand[:17]) == cand[17]:
                    found.append(cand)
        return found

    tail = [14, 15, 16] + ([17] if check != "X" else [])
    for positions, count in ((tail, 2), ([0, 1, 2, 3, 4, 5, *tail], 2), (tail, 3)):
        found = search(positions, count)
        keep = [c for c in found if int(c[16]) % 2 == int(number[16]) % 2]
        if keep or found:
            return rng.choice(keep or found)
    for count in (3, 4):
        found = search([0, 1, 2, 3, 4, 5, *tail], count)
        if found:
            return rng.choice(found)
    raise ValueError(f"no look-alike change of {number} keeps its check character")
