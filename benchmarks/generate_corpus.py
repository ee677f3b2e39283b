"""A deterministic synthetic corpus of Vietnam Post news articles, with the gold of every fact.

    python benchmarks/generate_corpus.py --articles 1000 --seed 7 --out /tmp/synthetic
    vnpost-kg evaluate --corpus /tmp/synthetic/corpus --gold /tmp/synthetic/gold

writes DIR/corpus/<id>.txt (articles in the genre of corpus/*.txt: title line, date line, hotline
banner, captions, "TIN LIÊN QUAN" blocks, "Chia sẻ", bylines) and DIR/gold/<id>.yaml in the format
of docs/gold-format.md. Every sentence is built by a function that records, at the same time, the
facts the sentence states, so that the gold is complete for what the text says: a sentence never
names a Vietnam Post unit, a person with a title, an award, a figure, a service, a partner, a
legal document or an event without the gold saying so. Page furniture (banners, related headlines,
captions) names only units that are annotated anyway, or is furniture that is never a fact.

The fact kinds written: units, memberships, awards, observations, services, partnerships,
documents, events and authors. The output depends only on the seed (random.Random(seed) and
random.Random(str) per province; no global random state, no hash order).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.text import slugify

DATA = Path(__file__).resolve().parent.parent / "kg" / "data"
ADMIN_CSV = DATA / "admin_units_2025-03.csv"
NAMES_YAML = DATA / "names.yaml"

# Family names that are also place names or common words next to titles are left out, so that a
# generated person name never reads as something else ("Hà Tĩnh", "Kim Động").
_AMBIGUOUS_SURNAMES = {"Hà", "Giang", "Kim", "Mai", "Châu", "Lâm", "Cao", "Thái", "Ninh", "La", "Quan", "Từ",
                       "Đồng", "Tô", "Tôn", "Chu", "Lạc", "Âu", "Thạch", "Hàn", "Lò", "Thân", "Tiêu", "Viên",
                       "Phí", "Khúc", "Cù", "Lã", "Diệp", "Hầu", "Bế", "Doãn", "Tăng", "Khổng", "Lục",
                       "Mạc", "Ôn", "Vi", "Quách", "Hứa", "Nghiêm", "Tống", "Đàm", "Kiều", "Lưu", "Lương"}
_MIDDLE = {"ông": ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Ngọc", "Xuân", "Công", "Duy", "Mạnh", "Tiến"],
           "bà": ["Thị", "Thị Thu", "Thị Thanh", "Thị Ngọc", "Thị Minh", "Thị Hồng", "Thị Kim", "Thị Lan"]}
_GIVEN = {"ông": ["Hùng", "Dũng", "Tuấn", "Cường", "Thắng", "Hải", "Khoa", "Phong", "Trung", "Tâm", "Hòa",
                  "Toàn", "Quyết", "Hiếu", "Nghĩa", "Thành", "Khánh", "Đạt", "Huy", "Tùng"],
          "bà": ["Lan", "Hương", "Hạnh", "Nga", "Xuân", "Vân", "Thủy", "Hằng", "Yến", "Linh", "Anh", "Nhung",
                 "Thảo", "Trang", "Huyền", "Oanh", "Dung", "Phượng"]}
_PEN_NAMES = ["Minh Phương", "Hoàng Vy", "Ngọc Thúy", "Anh Dũng", "Thu Trang", "Đức Lam", "Khánh Linh",
              "Hải Yến", "Quang Huy", "Bảo Ngọc", "Thanh Tâm", "Việt Hà"]

CORPORATION = "org/tong-cong-ty-buu-dien-viet-nam"
_CORPORATION_NAMES = ["Tổng công ty Bưu điện Việt Nam", "Tổng Công ty Bưu điện Việt Nam", "Vietnam Post",
                      "Bưu điện Việt Nam"]

# (concept, phrase after "dịch vụ") — each phrase names exactly one service of kg/data/services.yaml.
SERVICES = [
    ("ems", "chuyển phát nhanh EMS"), ("cod", "phát hàng thu tiền (COD)"),
    ("postal-finance", "tài chính bưu chính"), ("postal-savings", "tiết kiệm bưu điện"),
    ("money-transfer", "chuyển tiền"), ("pti-insurance", "bảo hiểm PTI"),
    ("pension-payment", "chi trả lương hưu"), ("social-allowance-payment", "chi trả bảo trợ xã hội"),
    ("health-insurance-collection", "thu hộ bảo hiểm y tế"),
    ("social-insurance-collection", "bảo hiểm xã hội tự nguyện"),
    ("public-administrative-services", "hành chính công"), ("media-distribution", "phát hành báo chí"),
    ("retail", "bán lẻ"), ("electricity-bill-collection", "thu tiền điện"),
    ("water-bill-collection", "thu tiền nước"), ("driving-licence-renewal", "cấp đổi giấy phép lái xe"),
    ("delivery", "bưu chính chuyển phát"), ("banking-services", "ngân hàng bưu điện"),
]
_SERVICE_PHRASE = dict(SERVICES)

# Provincial partners: (name before the province, service the cooperation is about).
PARTNERS = [
    ("Sở Công Thương", "postmart"), ("Hội Nông dân", "postmart"), ("Hội Liên hiệp Phụ nữ", "postmart"),
    ("Bảo hiểm xã hội", "pension-payment"), ("Bảo hiểm xã hội", "social-insurance-collection"),
    ("Sở Lao động - Thương binh và Xã hội", "social-allowance-payment"),
    ("Sở Giao thông vận tải", "driving-licence-renewal"),
    ("Trung tâm Phục vụ hành chính công", "public-administrative-services"),
    ("Công ty Điện lực", "electricity-bill-collection"),
]
_PURPOSE = {
    "postmart": "đưa nông sản, sản phẩm OCOP của địa phương lên sàn Postmart",
    "pension-payment": "chi trả lương hưu cho người hưởng trên địa bàn",
    "social-insurance-collection": "phát triển người tham gia bảo hiểm xã hội tự nguyện",
    "social-allowance-payment": "chi trả bảo trợ xã hội tới tận thôn, bản",
    "driving-licence-renewal": "cấp đổi giấy phép lái xe cho người dân",
    "public-administrative-services": "tiếp nhận hồ sơ và trả kết quả giải quyết thủ tục hành chính",
    "electricity-bill-collection": "thu tiền điện tại các điểm giao dịch",
}

# (award concept, written name, conferrer kind) — conferrer kinds: mic, president, committee, pm, corp.
AWARDS = [
    ("emulation-flag", "Cờ thi đua", "mic"), ("emulation-flag", "Cờ thi đua", "committee"),
    ("certificate-of-merit", "Bằng khen", "committee"), ("certificate-of-merit", "Bằng khen", "mic"),
    ("certificate-of-merit", "Bằng khen", "pm"),
    ("labour-order-first-class", "Huân chương Lao động hạng Nhất", "president"),
    ("labour-order-second-class", "Huân chương Lao động hạng Nhì", "president"),
    ("labour-order-third-class", "Huân chương Lao động hạng Ba", "president"),
    ("certificate-of-commendation", "Giấy khen", "corp"),
]
_CONFERRERS = {
    "mic": (["Bộ Thông tin và Truyền thông", "Bộ TT&TT"], "org/bo-thong-tin-va-truyen-thong"),
    "president": (["Chủ tịch nước"], "org/chu-tich-nuoc"),
    "pm": (["Thủ tướng Chính phủ"], "org/thu-tuong-chinh-phu"),
    "corp": (["Tổng công ty Bưu điện Việt Nam"], CORPORATION),
}

_NEUTRAL = [
    "đơn vị sẽ tiếp tục đổi mới phong cách phục vụ, nâng cao năng lực cạnh tranh",
    "tập thể người lao động đã nỗ lực vượt qua nhiều khó khăn, hoàn thành tốt nhiệm vụ được giao",
    "thời gian tới đơn vị tập trung nâng cao chất lượng mạng lưới và chăm sóc khách hàng",
    "chuyển đổi số là nhiệm vụ trọng tâm trong giai đoạn mới",
    "đơn vị luôn coi trọng việc đào tạo, bồi dưỡng đội ngũ giao dịch viên",
]
_SLOGANS = ["Vượt khó để phát triển", "Đổi mới để phát triển", "Lấy thi đua làm động lực phát triển",
            "Vững bước trên chặng đường mới", "Giữ trọn niềm tin của khách hàng",
            "Phát huy truyền thống, hoàn thành xuất sắc nhiệm vụ"]
_WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]


# --- reference data ---------------------------------------------------------------------------------


@dataclass
class District:
    code: str
    kind: str  # huyện, quận, thị xã
    name: str
    communes: list[str]


@dataclass
class Province:
    code: str
    name: str  # "Long An", "Hà Nội"
    city: bool
    districts: list[District]

    @property
    def word(self) -> str:
        return "thành phố" if self.city else "tỉnh"

    @property
    def place(self) -> str:
        return f"{self.word} {self.name}"

    @property
    def post(self) -> str:
        return f"Bưu điện {self.place}"

    @property
    def post_slug(self) -> str:
        return "org/" + slugify(self.post)

    @property
    def committee_slug(self) -> str:
        return "org/" + slugify(f"Ủy ban nhân dân {self.place}")

    def district_slug(self, district: District) -> str:
        return "org/" + slugify(f"Bưu điện {district.kind} {district.name} {self.name}")

    def commune_slug(self, district: District, commune: str) -> str:
        return "org/" + slugify(f"điểm Bưu điện Văn hóa xã {commune} {district.name} {self.name}")


def load_provinces() -> list[Province]:
    """The 63 pre-2025 provinces with their rural districts, urban districts and towns and their communes."""
    provinces: dict[str, Province] = {}
    districts: dict[tuple[str, str], District] = {}
    with ADMIN_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["province_code"]
            if code not in provinces:
                city = row["province_type"] == "Thành phố Trung ương"
                name = row["province"].removeprefix("Thành phố ").removeprefix("Tỉnh ")
                provinces[code] = Province(code, name, city, [])
            province = provinces[code]
            kind = row["district_type"]
            if kind not in {"Huyện", "Quận", "Thị xã"}:
                continue  # a district-level "thành phố" could read as a provincial post
            key = (code, row["district_code"])
            if key not in districts:
                name = row["district"][len(kind) + 1:]
                if name == province.name or any(ch.isdigit() for ch in name):
                    continue
                districts[key] = District(row["district_code"], kind.lower(), name, [])
                province.districts.append(districts[key])
            if row["commune_type"] == "Xã":
                commune = row["commune"].removeprefix("Xã ")
                if not any(ch.isdigit() for ch in commune):
                    districts[key].communes.append(commune)
    return [provinces[code] for code in sorted(provinces)]


def load_surnames() -> list[str]:
    names = yaml.safe_load(NAMES_YAML.read_text(encoding="utf-8"))["surnames"]
    return [name for name in names if name not in _AMBIGUOUS_SURNAMES]


# --- people -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    pronoun: str  # ông / bà

    @property
    def slug(self) -> str:
        return "person/" + slugify(self.name)


class People:
    """One seeded person per (role, organization key): the same leader in every article."""

    def __init__(self, seed: int, surnames: list[str]):
        self.seed = seed
        self.surnames = surnames
        self.cache: dict[str, Person] = {}

    def get(self, key: str) -> Person:
        if key not in self.cache:
            rng = random.Random(f"{self.seed}/person/{key}")
            pronoun = rng.choice(["ông", "ông", "bà"])
            name = f"{rng.choice(self.surnames)} {rng.choice(_MIDDLE[pronoun])} {rng.choice(_GIVEN[pronoun])}"
            self.cache[key] = Person(name, pronoun)
        return self.cache[key]


# --- numbers ----------------------------------------------------------------------------------------


def _group(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def money(value: int, rng: random.Random) -> str:
    """A VND amount written the way the articles write it; value is a multiple of 1 million."""
    millions = value // 1_000_000
    billions, rest = divmod(millions, 1000)
    forms = []
    if rest == 0 and billions:
        forms.append(f"{billions} tỷ đồng")
    if billions and rest % 100 == 0 and rest:
        forms.append(f"{billions},{rest // 100} tỷ đồng")
    if billions and rest % 10 == 0 and rest % 100:
        forms.append(f"{billions},{rest // 10:02d} tỷ đồng")
    if billions and rest % 100:
        forms.append(f"{billions} tỷ {rest} triệu đồng")
    if millions < 100_000:
        forms.append(f"{_group(millions)} triệu đồng")
    return rng.choice(forms)


def decimal_text(value: float) -> str:
    return f"{value:g}".replace(".", ",")


# --- the article under construction -----------------------------------------------------------------


@dataclass
class Gold:
    article: str
    units: dict = field(default_factory=dict)
    memberships: dict = field(default_factory=dict)
    awards: dict = field(default_factory=dict)
    observations: dict = field(default_factory=dict)
    services: dict = field(default_factory=dict)
    partnerships: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)
    authors: dict = field(default_factory=dict)

    def add(self, kind: str, key: tuple, fields: dict | str) -> None:
        getattr(self, kind).setdefault(key, fields)


class Writer:
    """Renders names and sentences for one article, recording in the gold what each one states."""

    def __init__(self, rng: random.Random, gold: Gold, province: Province, people: People):
        self.rng = rng
        self.gold = gold
        self.p = province
        self.people = people

    # names ---------------------------------------------------------------------------------------
    def post(self, bare_ok: bool = True) -> str:
        self.unit(self.p.post_slug)
        forms = [self.p.post, self.p.post]
        if bare_ok:
            forms.append(f"Bưu điện {self.p.word}")
        return self.rng.choice(forms)

    def unit(self, slug: str) -> str:
        self.gold.add("units", (slug,), slug)
        return slug

    def corporation(self) -> str:
        self.unit(CORPORATION)
        return self.rng.choice(_CORPORATION_NAMES)

    def committee(self) -> str:
        return self.rng.choice([f"UBND {self.p.place}", f"Ủy ban nhân dân {self.p.place}"])

    def district(self) -> District | None:
        return self.rng.choice(self.p.districts) if self.p.districts else None

    def district_post(self, district: District) -> str:
        self.unit(self.p.district_slug(district))
        return f"Bưu điện {district.kind} {district.name}"

    def member(self, person: Person, role: str, org: str) -> None:
        self.gold.add("memberships", (person.slug, role, org), {"person": person.slug, "role": role, "org": org})

    def service(self, unit: str, concept: str) -> None:
        self.gold.add("services", (unit, concept), {"unit": unit, "service": concept})

    def observe(self, unit: str, indicator: str, period: str, value, measure: str, qualifier: str) -> None:
        self.gold.add("observations", (unit, indicator, period, str(value)),
                      {"unit": unit, "indicator": indicator, "period": period, "value": value,
                       "measure": measure, "qualifier": qualifier})

    # people with titles --------------------------------------------------------------------------
    def director_clause(self) -> str:
        person = self.people.get(f"director/{self.p.code}")
        self.member(person, "director", self.p.post_slug)
        post = self.post()
        neutral = self.rng.choice(_NEUTRAL)
        shape = self.rng.randrange(4)
        if shape == 0:
            return f"Theo {person.pronoun} {person.name}, Giám đốc {post}, {neutral}."
        if shape == 1:
            return f"Giám đốc {post} {person.name} cho biết, {neutral}."
        if shape == 2:
            return f"{person.pronoun.capitalize()} {person.name} - Giám đốc {post} khẳng định: {neutral}."
        return f"Nói về kết quả này, {person.pronoun} {person.name}, Giám đốc {post} nhấn mạnh {neutral}."

    def deputy_director_clause(self) -> str:
        person = self.people.get(f"deputy-director/{self.p.code}")
        self.member(person, "deputy-director", self.p.post_slug)
        post = self.post(bare_ok=False)
        neutral = self.rng.choice(_NEUTRAL)
        if self.rng.random() < 0.5:
            return f"Theo {person.pronoun} {person.name}, Phó Giám đốc {post}, {neutral}."
        return f"Phó Giám đốc {post} {person.name} cho rằng {neutral}."

    def vice_chairman(self) -> str:
        person = self.people.get(f"vice-chairman/{self.p.code}")
        self.member(person, "vice-chairman", self.p.committee_slug)
        return f"{person.pronoun} {person.name}, Phó Chủ tịch {self.committee()}"

    def deputy_general_director(self) -> str:
        person = self.people.get(f"deputy-general-director/{self.rng.randrange(3)}")
        self.member(person, "deputy-general-director", CORPORATION)
        return f"{person.pronoun} {person.name}, Phó Tổng giám đốc {self.corporation()}"

    # figures -------------------------------------------------------------------------------------
    def revenue(self, year: int) -> str:
        value = random.Random(f"{self.people.seed}/revenue/{self.p.code}/{year}").randrange(800, 6000) * 100_000_000
        qualifier, verb = self.rng.choice([("exact", "đạt"), ("over", "đạt trên"), ("over", "đạt hơn"),
                                           ("about", "ước đạt"), ("nearly", "đạt gần")])
        amount = money(value, self.rng)
        self.observe(self.p.post_slug, "revenue", str(year), value, "vnd", qualifier)
        shape = self.rng.randrange(4)
        if shape == 0:
            return f"Năm {year}, tổng doanh thu của {self.post()} {verb} {amount}."
        if shape == 1:
            return f"Doanh thu năm {year} của {self.post()} {verb} {amount}."
        if shape == 2:
            return f"Trong năm {year}, {self.post()} đã {verb} tổng doanh thu {amount}."
        return f"Khép lại năm {year}, tổng doanh thu của {self.post()} {verb} {amount}."

    def revenue_target(self, year: int) -> str:
        value = random.Random(f"{self.people.seed}/target/{self.p.code}/{year}").randrange(900, 7000) * 100_000_000
        amount = money(value, self.rng)
        self.observe(self.p.post_slug, "revenue", str(year), value, "vnd", "target")
        shape = self.rng.randrange(3)
        if shape == 0:
            return f"Năm {year}, {self.post()} phấn đấu đạt tổng doanh thu {amount}."
        if shape == 1:
            return f"Bước sang năm {year}, {self.post()} đặt mục tiêu doanh thu {amount}."
        return f"Mục tiêu năm {year} của {self.post()} là đạt tổng doanh thu {amount}."

    def budget(self, year: int) -> str:
        value = self.rng.randrange(800, 9000) * 1_000_000
        amount = money(value, self.rng)
        self.observe(self.p.post_slug, "state-budget-payment", str(year), value, "vnd", "exact")
        if self.rng.random() < 0.5:
            return f"Năm {year}, {self.post()} đã nộp ngân sách nhà nước {amount}."
        return f"Trong năm {year}, đơn vị nộp ngân sách nhà nước {amount}."

    def income(self, year: int) -> str:
        value = self.rng.randrange(55, 160) * 100_000
        self.observe(self.p.post_slug, "average-income", str(year), value, "vnd-per-person-per-month", "exact")
        text = decimal_text(value / 1_000_000)
        return (f"Thu nhập bình quân người lao động của {self.post()} năm {year} đạt {text} "
                f"triệu đồng/người/tháng.")

    # awards --------------------------------------------------------------------------------------
    def award(self, year: int, district: District | None) -> str:
        concept, name, kind = self.rng.choice(AWARDS)
        if kind == "committee":
            conferrer_text, conferrer = self.committee(), self.p.committee_slug
        else:
            names, conferrer = _CONFERRERS[kind]
            conferrer_text = self.rng.choice(names)
            if conferrer == CORPORATION:
                self.unit(CORPORATION)
        if district is not None and kind in {"committee", "corp"}:
            recipient_text, recipient = self.district_post(district), self.p.district_slug(district)
        else:
            recipient_text, recipient = self.post(), self.p.post_slug
        self.gold.add("awards", (recipient, concept, conferrer, year),
                      {"recipient": recipient, "award": concept, "conferrer": conferrer, "year": year})
        shape = self.rng.randrange(4)
        if shape == 0:
            return f"Năm {year}, {recipient_text} vinh dự được {conferrer_text} tặng {name}."
        if shape == 1:
            return f"{recipient_text} đã nhận {name} của {conferrer_text} năm {year}."
        if shape == 2:
            return f"Ghi nhận những kết quả trên, {recipient_text} được {conferrer_text} tặng {name} năm {year}."
        return f"Năm {year}, với những thành tích xuất sắc, {recipient_text} được {conferrer_text} trao tặng {name}."

    # services ------------------------------------------------------------------------------------
    def services(self, district: District | None) -> str:
        chosen = self.rng.sample(SERVICES, self.rng.randint(1, 3))
        phrases = [phrase for _, phrase in chosen]
        listed = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " và " + phrases[-1]
        shape = self.rng.randrange(5)
        if shape == 4 and district is not None and district.communes:
            commune = self.rng.choice(district.communes)
            unit = self.unit(self.p.commune_slug(district, commune))  # "(district)" names a place
            for concept, _ in chosen:
                self.service(unit, concept)
            return (f"Tại điểm Bưu điện - Văn hóa xã {commune} ({district.name}), người dân có thể sử dụng "
                    f"dịch vụ {listed}.")
        if shape == 3 and district is not None:
            unit = self.p.district_slug(district)
            name = self.district_post(district)
            for concept, _ in chosen:
                self.service(unit, concept)
            return f"Dịch vụ {listed} được {name} triển khai tới người dân trên địa bàn."
        for concept, _ in chosen:
            self.service(self.p.post_slug, concept)
        if shape == 0:
            return f"{self.post()} đã triển khai dịch vụ {listed} tới các huyện trong {self.p.word}."
        if shape == 1:
            return f"Bên cạnh đó, {self.post()} tiếp tục cung cấp dịch vụ {listed}."
        return f"Dịch vụ {listed} được {self.post()} mở rộng tới tận thôn, bản."

    def postmart(self) -> str:
        self.service(self.p.post_slug, "postmart")
        households = self.rng.randrange(50, 900)
        return (f"{self.post()} còn hỗ trợ các hộ sản xuất nông nghiệp đưa nông sản lên sàn thương mại điện tử "
                f"Postmart.") if households % 2 else f"{self.post()} tích cực đưa sản phẩm OCOP lên sàn Postmart."

    # partnerships --------------------------------------------------------------------------------
    def partnership(self, month: int, year: int) -> str:
        body, concept = self.rng.choice(PARTNERS)
        partner = "org/" + slugify(f"{body} {self.p.place}")
        if body == "Công ty Điện lực":
            partner = "org/" + slugify(f"Công ty Điện lực {self.p.name}")
            partner_text = f"Công ty Điện lực {self.p.name}"
        elif body in {"Sở Công Thương", "Hội Nông dân"} and self.rng.random() < 0.4:
            partner_text = body  # the article's province is meant
        else:
            partner_text = f"{body} {self.p.place}"
        post = self.post()
        self.gold.add("partnerships", (self.p.post_slug, partner),
                      {"unit": self.p.post_slug, "partner": partner, "service": concept})
        self.service(self.p.post_slug, concept)
        purpose = _PURPOSE[concept]
        shape = self.rng.randrange(4)
        if shape == 0:
            return f"{post} đã ký kết thỏa thuận hợp tác với {partner_text} về việc {purpose}."
        if shape == 1:
            return f"Tháng {month}/{year}, {post} và {partner_text} ký thỏa thuận hợp tác để {purpose}."
        if shape == 2:
            return f"{post} phối hợp với {partner_text} {purpose}."
        return f"Năm {year}, {post} tiếp tục hợp tác với {partner_text} nhằm {purpose}."

    # documents -----------------------------------------------------------------------------------
    def document(self, year: int) -> str:
        day, month = self.rng.randint(1, 28), self.rng.randint(1, 12)
        kind, word, code, issuer_text, issuer = self.rng.choice([
            ("decision", "Quyết định", "QĐ-UBND", self.committee(), self.p.committee_slug),
            ("plan", "Kế hoạch", "KH-UBND", self.committee(), self.p.committee_slug),
            ("directive", "Chỉ thị", "CT-UBND", self.committee(), self.p.committee_slug),
            ("resolution", "Nghị quyết", "NQ-HĐND", f"Hội đồng nhân dân {self.p.place}",
             "org/" + slugify(f"Hội đồng nhân dân {self.p.place}")),
        ])
        number = f"{self.rng.randint(10, 4999)}/{code}"
        self.gold.add("documents", (number, issuer),
                      {"number": number, "kind": kind, "issuer": issuer,
                       "date": dt.date(year, month, day).isoformat(), "cited_by": self.p.post_slug})
        concept = self.rng.choice(["public-administrative-services", "postmart", "social-allowance-payment"])
        self.service(self.p.post_slug, concept)
        return (f"Thực hiện {word} số {number} ngày {day}/{month}/{year} của {issuer_text} về việc đẩy mạnh "
                f"chuyển đổi số trên địa bàn, {self.post()} đã triển khai {_PURPOSE[concept]}.")

    # events --------------------------------------------------------------------------------------
    def conference(self, date: dt.date) -> list[str]:
        post = self.post(bare_ok=False)
        when = self.rng.choice([f"Ngày {date.day:02d}/{date.month:02d}/{date.year}",
                                f"Sáng {date.day}/{date.month}/{date.year}",
                                f"Chiều ngày {date.day}/{date.month:02d}/{date.year}"])
        self.gold.add("events", ("conference", date.isoformat(), self.p.post_slug),
                      {"kind": "conference", "date": date.isoformat(), "organizer": self.p.post_slug,
                       "participants": []})
        first = (f"{when}, {post} tổ chức Hội nghị tổng kết công tác năm {date.year - 1}, "
                 f"triển khai kế hoạch năm {date.year}.")
        guests = [self.vice_chairman(), self.deputy_general_director()]
        participants = [self.people.get(f"vice-chairman/{self.p.code}").slug]
        participants.append(next(k[0] for k, v in self.gold.memberships.items()
                                 if k[1] == "deputy-general-director"))
        self.gold.events[("conference", date.isoformat(), self.p.post_slug)]["participants"] = participants
        return [first, f"Dự hội nghị có {guests[0]} và {guests[1]}."]


# --- one article ------------------------------------------------------------------------------------


def _date_line(date: dt.date, rng: random.Random) -> str:
    shape = rng.randrange(5)
    hour, minute, second = rng.randint(6, 21), rng.randint(0, 59), rng.randint(0, 59)
    if shape == 0:
        return f"{hour:02d}:{minute:02d}:{second:02d} | {date.day}/{date.month}/{date.year}"
    if shape == 1:
        return f"Cập nhật: {date.day:02d}/{date.month:02d}/{date.year} - {hour:02d}:{minute:02d}"
    if shape == 2:
        return f"{_WEEKDAYS[date.weekday()]}, {date.day:02d}/{date.month:02d}/{date.year}"
    if shape == 3:
        return f"Ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"
    return f"{date.day:02d}/{date.month:02d}/{date.year} {hour:02d}:{minute:02d} GMT+7"


def write_article(index: int, province: Province, others: list[Province], rng: random.Random,
                  people: People) -> tuple[str, str, Gold]:
    article_id = f"s{index:06d}_{slugify(province.name)}"
    gold = Gold(article_id)
    w = Writer(rng, gold, province, people)
    year = rng.randint(2016, 2023)  # the year the figures are about; the article is from early next year
    date = dt.date(year + 1, 1, rng.randint(5, 20))
    district = w.district()
    has_event = rng.random() < 0.5

    blocks: list[str] = []
    if rng.random() < 0.4:
        blocks.append("Đường dây nóng hỗ trợ   1900 54 54 81")
    if has_event:
        blocks.append(f"{w.post(bare_ok=False)} tổng kết công tác năm {year}")
    else:
        blocks.append(f"{w.post(bare_ok=False)}: {rng.choice(_SLOGANS)}")
    blocks.append(_date_line(date, rng))

    if has_event:
        event_date = date - dt.timedelta(days=rng.randint(1, 4))
        blocks.append(" ".join(w.conference(event_date)))
    else:
        blocks.append(f"Là đơn vị thành viên của {w.corporation()}, những năm qua {w.post()} đã không ngừng "
                      f"đổi mới, hoàn thành tốt nhiệm vụ được giao.")

    figures = [w.revenue(year)]
    if rng.random() < 0.6:
        figures.append(w.budget(year))
    if rng.random() < 0.6:
        figures.append(w.income(year))
    rng.shuffle(figures)
    lead = w.director_clause() if rng.random() < 0.7 else w.deputy_director_clause()
    blocks.append(" ".join([lead, *figures]))

    if rng.random() < 0.5:
        blocks.append(f"Lãnh đạo {w.post(bare_ok=False)} trao đổi với khách hàng tại quầy giao dịch")  # caption

    services = [w.services(district) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.4:
        services.append(w.postmart())
    if rng.random() < 0.6:
        services.append(w.partnership(rng.randint(1, 12), year))
    if rng.random() < 0.4:
        services.append(w.document(year))
    blocks.append(" ".join(services))

    awards = [w.award(year - rng.randint(0, 1), district if rng.random() < 0.3 else None)
              for _ in range(rng.randint(0, 2))]
    closing = [w.revenue_target(year + 1)] if rng.random() < 0.7 else []
    if awards or closing:
        blocks.append(" ".join(awards + closing))

    byline = rng.randrange(4)
    author = rng.choice(_PEN_NAMES)
    if byline == 0:
        blocks.append(f"Bài, ảnh: {author}")
    elif byline == 1:
        blocks.append(author.upper())
    elif byline == 2:
        blocks.append(author)
    else:
        author = None
        blocks.append(f"Nguồn: Báo {province.name}")
    if author:
        gold.add("authors", ("person/" + slugify(author),), "person/" + slugify(author))
    if rng.random() < 0.5:
        blocks.append("Chia sẻ:  Facebook  Zalo  Twitter")
    if rng.random() < 0.5:
        related = rng.sample(others, 2)
        headlines = [f"Bưu điện {o.place} triển khai kế hoạch kinh doanh năm {year + 1}" for o in related]
        blocks.append("TIN LIÊN QUAN\n" + "\n".join(headlines))
    if rng.random() < 0.3:
        blocks.append("Tìm kiếm theo ngày")
    return article_id, "\n\n".join(blocks) + "\n", gold


# --- the gold file ----------------------------------------------------------------------------------


def _scalar(value) -> str:
    if isinstance(value, bool) or value is None:
        raise TypeError(value)
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    text = str(value)
    if text[:1].isdigit() or any(ch in text for ch in ",:{}[]#&*!|>'\"%@`"):
        return '"' + text + '"'
    return text


def gold_yaml(gold: Gold) -> str:
    lines = [f"article: {gold.article}"]
    for kind in ("units", "memberships", "awards", "observations", "services", "partnerships", "documents",
                 "events", "authors"):
        facts = list(getattr(gold, kind).values())
        if not facts:
            lines.append(f"{kind}: []")
            continue
        lines.append(f"{kind}:")
        for fact in facts:
            if isinstance(fact, str):
                lines.append(f"  - {fact}")
            else:
                inner = ", ".join(f"{k}: {_scalar(v)}" for k, v in fact.items() if v is not None)
                lines.append(f"  - {{{inner}}}")
    return "\n".join(lines) + "\n"


# --- the corpus -------------------------------------------------------------------------------------


def generate(n: int, seed: int, out_dir: Path | str) -> dict[str, int]:
    """Write n articles and their gold under out_dir/corpus and out_dir/gold; return counts per kind."""
    out = Path(out_dir)
    corpus_dir, gold_dir = out / "corpus", out / "gold"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    provinces = load_provinces()
    people = People(seed, load_surnames())
    rng = random.Random(seed)
    counts = {"articles": 0, "units": 0, "memberships": 0, "awards": 0, "observations": 0, "services": 0,
              "partnerships": 0, "documents": 0, "events": 0, "authors": 0}
    order: list[Province] = []
    for index in range(n):
        if not order:  # every province once per round, in a seeded order
            order = provinces[:]
            rng.shuffle(order)
        province = order.pop()
        others = [p for p in provinces if p is not province]
        article_id, text, gold = write_article(index, province, others, rng, people)
        (corpus_dir / f"{article_id}.txt").write_text(text, encoding="utf-8")
        (gold_dir / f"{article_id}.yaml").write_text(gold_yaml(gold), encoding="utf-8")
        counts["articles"] += 1
        for kind in counts.keys() - {"articles"}:
            counts[kind] += len(getattr(gold, kind))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="how many articles to write")
    parser.add_argument("--seed", type=int, default=0, help="the seed; the same seed gives the same files")
    parser.add_argument("--out", type=Path, required=True, help="folder to write corpus/ and gold/ into")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    started = time.perf_counter()
    counts = generate(args.articles, args.seed, args.out)
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{kind} {count}" for kind, count in counts.items())
    print(f"wrote {args.out}/corpus and {args.out}/gold in {elapsed:.1f} s: {summary}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
