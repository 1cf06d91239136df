r"""Length of a reply in the unit a platform counts, the same way the browser counts it.

Every platform limit in the playbooks says what it counts (see :data:`UNITS`):

``characters``
    Unicode code points, as Python's ``len()`` and JavaScript's ``Array.from(text).length``.
``graphemes``
    user-perceived characters (extended grapheme clusters of UAX #29): ``👍🏽`` or ``s`` + U+0326
    is one. Bluesky limits posts to 300 of them. Counted with the ``regex`` module's ``\X``, which
    agrees with the browser's ``Intl.Segmenter`` on ``tests/fixtures/counting/cases.yaml``.
``utf8-bytes``
    the size of the UTF-8 encoding (Google Business Profile review replies: 4,096 bytes).
``x-weighted``
    X's weighted length: a faithful port of ``parseTweet()`` from the official twitter-text 3.1.0
    with its configuration v3 (every URL counts 23, CJK and emoji count 2, Latin, Cyrillic and
    general punctuation count 1; the limit is 280).

``docs/assets/replybook-count.js`` is the browser twin of this module (its x-weighted counter is the
npm package itself, vendored); ``tests/unit/test_counting.py`` runs the same cases through both.
Text is counted as given: only ``x-weighted`` normalises it (to NFC), because twitter-text does.

How the x-weighted port stays faithful: twitter-text runs JavaScript regular expressions on UTF-16
code units, case-insensitively for URLs. This module runs the same expressions, built from the same
pieces, on a string of UTF-16 code units (astral characters become two surrogate code points), and
replaces the ``i`` flag by matching a copy of the text in which every unit is replaced by its
ECMAScript canonical case (``Canonicalize`` of ECMA-262, non-Unicode mode) against classes and
literals folded the same way. The top-level domain lists and the emoji expression are copied from
twitter-text 3.1.0 and twemoji-parser 11.0.2 (the version twitter-text 3.1.0 resolves to); a test
compares them with the installed npm packages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final, Literal

import regex

Unit = Literal["characters", "graphemes", "utf8-bytes", "x-weighted"]

#: The units a channel limit can be counted in, in the order they are documented.
UNITS: Final[tuple[Unit, ...]] = ("characters", "graphemes", "utf8-bytes", "x-weighted")

_EXPLANATIONS: Final[dict[str, str]] = {
    "characters": "characters (Unicode code points)",
    "graphemes": "user-perceived characters (grapheme clusters)",
    "utf8-bytes": "bytes of UTF-8",
    "x-weighted": "X weighted characters (a link counts 23, CJK and emoji count 2)",
}


@lru_cache(maxsize=65536)
def length(text: str, unit: str) -> int:
    """The length of ``text`` counted in ``unit`` (one of :data:`UNITS`).

    Results are remembered: every rebuild counts the same replies again.

    >>> length("Ne pare rău 👍🏽", "characters"), length("Ne pare rău 👍🏽", "graphemes")
    (14, 13)
    >>> length("Статус: https://example.com/ru/orders/12345?lang=ru", "x-weighted")
    31

    Raises:
        ValueError: ``unit`` is not one of :data:`UNITS`.
    """
    _check_unit(unit)
    if unit == "characters":
        return len(text)
    if unit == "graphemes":
        return sum(1 for _ in _GRAPHEME.finditer(text))
    if unit == "utf8-bytes":
        # "surrogatepass" counts a lone surrogate as 3 bytes, as replybook-count.js does (and as the
        # U+FFFD a TextEncoder writes for it); only broken input has one, and it must not crash a build.
        return len(text.encode("utf-8", "surrogatepass"))
    return twitter_weighted_length(text)


def explain_unit(unit: str) -> str:
    """A short English phrase naming what ``unit`` counts, for messages ("312 bytes of UTF-8").

    Raises:
        ValueError: ``unit`` is not one of :data:`UNITS`.
    """
    _check_unit(unit)
    return _EXPLANATIONS[unit]


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise ValueError(f"unknown length unit {unit!r}; valid units are: {', '.join(UNITS)}")


_GRAPHEME: Final = regex.compile(r"\X")


# ---------------------------------------------------------------------------------------------------
# x-weighted: twitter-text 3.1.0 parseTweet(), ported
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TwitterTextConfig:
    """One of twitter-text's length configurations (``config/v*.json`` upstream).

    Attributes:
        max_weighted_tweet_length: the limit, in weighted characters.
        scale: weights are divided by this.
        default_weight: the weight of a code point outside ``ranges`` and of an emoji.
        transformed_url_length: what every URL counts, whatever its length (t.co wraps it).
        ranges: ``(start, end, weight)`` for code point ranges (inclusive) with another weight.
        emoji_parsing_enabled: an emoji sequence counts ``default_weight`` once.
    """

    max_weighted_tweet_length: int
    scale: int
    default_weight: int
    transformed_url_length: int
    ranges: tuple[tuple[int, int, int], ...]
    emoji_parsing_enabled: bool


_V2_RANGES: Final = ((0, 4351, 100), (8192, 8205, 100), (8208, 8223, 100), (8242, 8247, 100))

#: twitter-text's ``config/v2.json`` (no emoji parsing); kept to run the upstream v2 conformance cases.
TWITTER_TEXT_V2: Final = TwitterTextConfig(280, 100, 200, 23, _V2_RANGES, emoji_parsing_enabled=False)
#: twitter-text's ``config/v3.json``, its default and what X counts with.
TWITTER_TEXT_V3: Final = TwitterTextConfig(280, 100, 200, 23, _V2_RANGES, emoji_parsing_enabled=True)


def twitter_weighted_length(text: str, config: TwitterTextConfig = TWITTER_TEXT_V3) -> int:
    """``parseTweet(text, config).weightedLength`` of twitter-text 3.1.0.

    The text is normalised to NFC; each URL counts ``transformed_url_length``; with emoji parsing,
    each emoji sequence counts ``default_weight`` once; every other code point counts its weight
    from ``ranges`` (``default_weight`` outside them); the sum is divided by ``scale``.
    """
    units = _utf16(unicodedata.normalize("NFC", text))
    urls = {start: url for url, start, _ in _extract_urls(units)}
    emojis = (
        {m.start(): m.end() - m.start() for m in _emoji_pattern().finditer(units)}
        if config.emoji_parsing_enabled
        else {}
    )
    weighted = 0
    index = 0
    while index < len(units):
        if index in urls:
            weighted += config.transformed_url_length * config.scale
            index += len(urls[index]) - 1
        elif index in emojis:
            weighted += config.default_weight
            index += emojis[index] - 1
        else:
            if _is_surrogate_pair(units, index):
                index += 1  # as upstream: the weight of an astral character is its low surrogate's
            weighted += _character_weight(ord(units[index]), config)
        index += 1
    # every weight of v2/v3 is a multiple of the scale; upstream divides exactly too
    return weighted // config.scale


def _character_weight(unit: int, config: TwitterTextConfig) -> int:
    for start, end, weight in config.ranges:
        if start <= unit <= end:
            return weight
    return config.default_weight


def _is_surrogate_pair(units: str, index: int) -> bool:
    return index < len(units) - 1 and "\ud800" <= units[index] <= "\udbff" and "\udc00" <= units[index + 1] <= "\udfff"


_ASTRAL: Final = re.compile("[\U00010000-\U0010ffff]")


def _utf16(text: str) -> str:
    """``text`` as UTF-16 code units, one ``str`` item each (what a JavaScript string is)."""

    def pair(match: re.Match[str]) -> str:
        offset = ord(match.group()) - 0x10000
        return chr(0xD800 + (offset >> 10)) + chr(0xDC00 + (offset & 0x3FF))

    return _ASTRAL.sub(pair, text)


def _from_utf16(units: str) -> str:
    """Code units back to code points (surrogate pairs joined, lone surrogates kept)."""
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


# --- case-insensitive JavaScript regular expressions, without the i flag ------------------------------


def _js_canonicalize(unit: str) -> str:
    """ECMA-262 ``Canonicalize(ch)`` for a non-Unicode, ignoreCase regular expression."""
    upper = unit.upper()
    if len(upper) != 1 or (ord(unit) >= 128 and ord(upper) < 128):
        return unit
    return upper


@cache
def _canonical_table() -> dict[int, str]:
    """A ``str.translate`` table mapping each UTF-16 code unit to its canonical case."""
    table: dict[int, str] = {}
    for code in range(0x10000):
        canonical = _js_canonicalize(chr(code))
        if canonical != chr(code):
            table[code] = canonical
    return table


def _canonical(units: str) -> str:
    return units.translate(_canonical_table())


def _class_units(body: str) -> set[int]:
    r"""The code units of a JavaScript character class body such as ``a-z0-9\-\u2013``."""

    def atom(index: int) -> tuple[int, int]:
        if body[index] != "\\":
            return ord(body[index]), index + 1
        escape = body[index + 1]
        if escape == "x":
            return int(body[index + 2 : index + 4], 16), index + 4
        if escape == "u":
            return int(body[index + 2 : index + 6], 16), index + 6
        if escape.isalnum():
            raise ValueError(f"unsupported escape \\{escape} in a character class")
        return ord(escape), index + 2

    units: set[int] = set()
    index = 0
    while index < len(body):
        low, index = atom(index)
        if index < len(body) - 1 and body[index] == "-":
            high, index = atom(index + 1)
            units.update(range(low, high + 1))
        else:
            units.add(low)
    return units


def _ci_class(body: str, *, negated: bool = False) -> str:
    """A Python class matching canonical text as ``[body]`` with the i flag matches the original."""
    units = sorted({ord(_js_canonicalize(chr(unit))) for unit in _class_units(body)})
    parts: list[str] = []
    start = previous = units[0]
    for unit in [*units[1:], -1]:
        if unit != previous + 1:
            parts.append(f"\\u{start:04x}" if start == previous else f"\\u{start:04x}-\\u{previous:04x}")
            start = unit
        previous = unit
    return "[" + ("^" if negated else "") + "".join(parts) + "]"


def _ci_alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(_canonical(_utf16(word))) for word in words)


# --- twitter-text's URL expressions (src/regexp/*.js), pieces named as upstream ----------------------

_PUNCT: Final = r"\!'#%&'\(\)*\+,\\\-\.\/:;<=>\?@\[\]\^_{|}~\$"
_SPACES_GROUP: Final = r"\x09-\x0D\x20\x85\xA0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
_INVALID_CHARS_GROUP: Final = r"\uFFFE\uFEFF\uFFFF"
_DIRECTIONAL_MARKERS_GROUP: Final = r"\u202A-\u202E\u061C\u200E\u200F\u2066\u2067\u2068\u2069"
_LATIN_ACCENT_CHARS: Final = (
    r"\xC0-\xD6\xD8-\xF6\xF8-\xFF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268\u026F"
    r"\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF"
)
_CYRILLIC_LETTERS_AND_MARKS: Final = r"\u0400-\u04FF"
_MAX_URL_LENGTH: Final = 4096
_MAX_TCO_SLUG_LENGTH: Final = 40
_MAX_DOMAIN_LABEL_LENGTH: Final = 63


@dataclass(frozen=True)
class _UrlPatterns:
    extract_url: re.Pattern[str]
    valid_ascii_domain: re.Pattern[str]
    valid_tco_url: re.Pattern[str]


@cache
def _url_patterns() -> _UrlPatterns:
    """twitter-text's extractUrl, validAsciiDomain and validTcoUrl (all case-insensitive upstream)."""
    domain_char = _ci_class(_PUNCT + _SPACES_GROUP + _INVALID_CHARS_GROUP + _DIRECTIONAL_MARKERS_GROUP, negated=True)
    subdomain_inner = _ci_class("_-")
    tld_next = _ci_class("0-9a-zA-Z@+-", negated=True)
    punycode_char = _ci_class(r"\-0-9a-z")
    preceding_char = _ci_class("A-Za-z0-9@＠$#＃" + _INVALID_CHARS_GROUP, negated=True)
    directional = _ci_class(_DIRECTIONAL_MARKERS_GROUP)
    path_char = _ci_class(
        "a-z" + _CYRILLIC_LETTERS_AND_MARKS + r"0-9!\*';:=\+,\.\$\/%#\[\]\-\u2013_~@\|&" + _LATIN_ACCENT_CHARS
    )
    path_end_char = _ci_class(r"\+\-a-z" + _CYRILLIC_LETTERS_AND_MARKS + r"0-9=_#\/" + _LATIN_ACCENT_CHARS)
    query_char = _ci_class(r"a-z0-9!?\*'@\(\);:&=\+\$\/%#\[\]\-_\.,~|")
    query_end_char = _ci_class(r"a-z0-9\-_&=#\/")
    digit = _ci_class("0-9")
    alphanumeric = _ci_class("a-z0-9")
    ascii_domain_char = _ci_class(r"\-a-z0-9" + _LATIN_ACCENT_CHARS)

    subdomain = rf"(?:(?:{domain_char}(?:{subdomain_inner}|{domain_char})*)?{domain_char}\.)"
    domain_name = rf"(?:(?:{domain_char}(?:-|{domain_char})*)?{domain_char}\.)"
    gtld = rf"(?:(?:{_ci_alternatives(_GTLDS)})(?={tld_next}|\Z))"
    cctld = rf"(?:(?:{_ci_alternatives(_CCTLDS)})(?={tld_next}|\Z))"
    punycode = rf"(?:XN--{punycode_char}+)"
    domain = rf"(?:{subdomain}*{domain_name}(?:{gtld}|{cctld}|{punycode}))"
    preceding = rf"(?:{preceding_char}|{directional}|^)"
    balanced_parens = rf"\((?:{path_char}+|(?:{path_char}*\({path_char}+\){path_char}*))\)"
    path_ending = rf"{path_end_char}|(?:{balanced_parens})"
    path = rf"(?:(?:{path_char}*(?:{balanced_parens}{path_char}*)*{path_ending})|(?:@{path_char}+/))"
    extract_url = (
        rf"(({preceding})"  # $1 all, $2 the character before
        rf"((HTTPS?://)?"  # $3 the URL, $4 its protocol
        rf"({domain})"  # $5 domain
        rf"(?::({digit}+))?"  # $6 port
        rf"(/{path}*)?"  # $7 path
        rf"(\?{query_char}*{query_end_char})?))"  # $8 query
    )
    ascii_domain = rf"(?:(?:{ascii_domain_char}+)\.)+(?:{gtld}|{cctld}|{punycode})"
    tco = rf"HTTPS?://T\.CO/({alphanumeric}+)(?:\?{query_char}*{query_end_char})?"
    return _UrlPatterns(re.compile(extract_url), re.compile(ascii_domain), re.compile(tco))


_INVALID_URL_WITHOUT_PROTOCOL_PRECEDING_CHARS: Final = re.compile(r"[-_./]\Z")
_PUNYCODE_NON_ASCII: Final = re.compile(r"[^\x20-\x7E]")
_PUNYCODE_SEPARATORS: Final = re.compile("[\x2e\u3002\uff0e\uff61]")


def _extract_urls(units: str) -> list[tuple[str, int, int]]:
    """``extractUrlsWithIndices(units)``: ``(url, start, end)`` in UTF-16 units, in text order."""
    if "." not in units:
        return []
    patterns = _url_patterns()
    canonical = _canonical(units)
    found: list[tuple[str, int, int]] = []
    for match in patterns.extract_url.finditer(canonical):

        def group(number: int, match: re.Match[str] = match) -> str:
            start, end = match.span(number)
            return units[start:end] if start >= 0 else ""

        before, url, protocol, domain, path = group(2), group(3), group(4), group(5), group(7)
        end = match.end()
        start = end - len(url)
        if not _is_valid_url(url, protocol or "https://", domain):
            continue
        if not protocol:
            if _INVALID_URL_WITHOUT_PROTOCOL_PRECEDING_CHARS.search(before):
                continue
            ascii_domains = 0
            ascii_end = 0
            for ascii_match in patterns.valid_ascii_domain.finditer(_canonical(domain)):
                ascii_domain = domain[ascii_match.start() : ascii_match.end()]
                ascii_start = domain.find(ascii_domain, ascii_end)
                ascii_end = ascii_start + len(ascii_domain)
                found.append((ascii_domain, start + ascii_start, start + ascii_end))
                ascii_domains += 1
            if not ascii_domains:
                continue  # no ASCII-only domain: not a URL without protocol
            if path:  # the last ASCII domain takes the rest of the URL along
                ascii_domain, ascii_start, _ = found[-1]
                found[-1] = (url.replace(domain, ascii_domain, 1), ascii_start, end)
        else:
            tco = patterns.valid_tco_url.match(_canonical(url))
            if tco:
                slug = url[tco.start(1) : tco.end(1)]
                if slug and len(slug) > _MAX_TCO_SLUG_LENGTH:
                    continue
                url = url[: tco.end()]
                end = start + len(url)
            found.append((url, start, end))
    return found


def _is_valid_url(url: str, protocol: str, domain: str) -> bool:
    encoded_domain = _idna_to_ascii(domain)
    if not encoded_domain:
        return False
    url_length = len(url) + len(encoded_domain) - len(domain)
    return len(protocol) + url_length <= _MAX_URL_LENGTH


def _idna_to_ascii(domain: str) -> str | None:
    """twitter-text's ``lib/idna.js`` ``toAscii``: the domain if every label is 1 to 63 long once encoded."""
    if domain[:4] == "xn--" and not _url_patterns().valid_ascii_domain.search(_canonical(domain)):
        return None
    labels = domain.split(".")
    for label in labels:
        encoded = _punycode_to_ascii(label)
        if not 1 <= len(encoded) <= _MAX_DOMAIN_LABEL_LENGTH:
            return None
    return ".".join(labels)


def _punycode_to_ascii(units: str) -> str:
    """punycode.js 1.4.1 ``toASCII`` (``mapDomain`` included), on UTF-16 units."""
    parts = units.split("@")
    prefix = ""
    if len(parts) > 1:
        prefix = parts[0] + "@"
        units = parts[1]
    labels = _PUNYCODE_SEPARATORS.sub(".", units).split(".")
    return prefix + ".".join(
        "xn--" + _from_utf16(label).encode("punycode").decode("ascii") if _PUNYCODE_NON_ASCII.search(label) else label
        for label in labels
    )


@cache
def _emoji_pattern() -> re.Pattern[str]:
    """twemoji-parser 11.0.2's expression (``dist/lib/regex.js``), run on UTF-16 units as upstream."""
    return re.compile(_EMOJI_PATTERN)


# ---------------------------------------------------------------------------------------------------
# Data copied verbatim from the npm packages twitter-text 3.1.0 (Apache-2.0, Copyright 2018 Twitter,
# Inc.: src/regexp/validGTLD.js and validCCTLD.js, in upstream order, which matters) and
# twemoji-parser 11.0.2 (MIT, Copyright 2018 Twitter, Inc.: dist/lib/regex.js). The test
# test_port_data_matches_the_pinned_npm_packages compares them with the installed packages.
# ---------------------------------------------------------------------------------------------------

_GTLDS: Final[tuple[str, ...]] = tuple(
    "삼성 닷컴 닷넷 香格里拉 餐厅 食品 飞利浦 電訊盈科 集团 通販 购物 谷歌 诺基亚 联通 网络 "
    "网站 网店 网址 组织机构 移动 珠宝 点看 游戏 淡马锡 机构 書籍 时尚 新闻 政府 政务 招聘 "
    "手表 手机 我爱你 慈善 微博 广东 工行 家電 娱乐 天主教 大拿 大众汽车 在线 嘉里大酒店 嘉里 "
    "商标 商店 商城 公益 公司 八卦 健康 信息 佛山 企业 中文网 中信 世界 ポイント ファッション "
    "セール ストア コム グーグル クラウド みんな คอม संगठन नेट कॉम همراه موقع موبايلي كوم "
    "كاثوليك عرب شبكة بيتك بازار العليان ارامكو اتصالات ابوظبي קום сайт рус орг онлайн москва "
    "ком католик дети zuerich zone zippo zip zero zara zappos yun youtube you yokohama yoga "
    "yodobashi yandex yamaxun yahoo yachts xyz xxx xperia xin xihuan xfinity xerox xbox wtf "
    "wtc wow world works work woodside wolterskluwer wme winners wine windows win williamhill "
    "wiki wien whoswho weir weibo wedding wed website weber webcam weatherchannel weather "
    "watches watch warman wanggou wang walter walmart wales vuelos voyage voto voting vote "
    "volvo volkswagen vodka vlaanderen vivo viva vistaprint vista vision visa virgin vip vin "
    "villas viking vig video viajes vet versicherung vermögensberatung vermögensberater "
    "verisign ventures vegas vanguard vana vacations ups uol uno university unicom uconnect "
    "ubs ubank tvs tushu tunes tui tube trv trust travelersinsurance travelers travelchannel "
    "travel training trading trade toys toyota town tours total toshiba toray top tools tokyo "
    "today tmall tkmaxx tjx tjmaxx tirol tires tips tiffany tienda tickets tiaa theatre "
    "theater thd teva tennis temasek telefonica telecity tel technology tech team tdk tci taxi "
    "tax tattoo tatar tatamotors target taobao talk taipei tab systems symantec sydney swiss "
    "swiftcover swatch suzuki surgery surf support supply supplies sucks style study studio "
    "stream store storage stockholm stcgroup stc statoil statefarm statebank starhub star "
    "staples stada srt srl spreadbetting spot sport spiegel space soy sony song solutions "
    "solar sohu software softbank social soccer sncf smile smart sling skype sky skin ski site "
    "singles sina silk shriram showtime show shouji shopping shop shoes shiksha shia shell "
    "shaw sharp shangrila sfr sexy sex sew seven ses services sener select seek security "
    "secure seat search scot scor scjohnson science schwarz schule school scholarships schmidt "
    "schaeffler scb sca sbs sbi saxo save sas sarl sapo sap sanofi sandvikcoromant sandvik "
    "samsung samsclub salon sale sakura safety safe saarland ryukyu rwe run ruhr rugby rsvp "
    "room rogers rodeo rocks rocher rmit rip rio ril rightathome ricoh richardli rich rexroth "
    "reviews review restaurant rest republican report repair rentals rent ren reliance reit "
    "reisen reise rehab redumbrella redstone red recipes realty realtor realestate read raid "
    "radio racing qvc quest quebec qpon pwc pub prudential pru protection property properties "
    "promo progressive prof productions prod pro prime press praxi pramerica post porn politie "
    "poker pohl pnc plus plumbing playstation play place pizza pioneer pink ping pin pid "
    "pictures pictet pics piaget physio photos photography photo phone philips phd pharmacy "
    "pfizer pet pccw pay passagens party parts partners pars paris panerai panasonic "
    "pamperedchef page ovh ott otsuka osaka origins orientexpress organic org orange oracle "
    "open ooo onyourside online onl ong one omega ollo oldnavy olayangroup olayan okinawa "
    "office off observer obi nyc ntt nrw nra nowtv nowruz now norton northwesternmutual nokia "
    "nissay nissan ninja nikon nike nico nhk ngo nfl nexus nextdirect next news newholland new "
    "neustar network netflix netbank net nec nba navy natura nationwide name nagoya nadex nab "
    "mutuelle mutual museum mtr mtpc mtn msd movistar movie mov motorcycles moto moscow "
    "mortgage mormon mopar montblanc monster money monash mom moi moe moda mobily mobile mobi "
    "mma mls mlb mitsubishi mit mint mini mil microsoft miami metlife merckmsd meo menu men "
    "memorial meme melbourne meet media med mckinsey mcdonalds mcd mba mattel maserati "
    "marshalls marriott markets marketing market map mango management man makeup maison maif "
    "madrid macys luxury luxe lupin lundbeck ltda ltd lplfinancial lpl love lotto lotte london "
    "lol loft locus locker loans loan llp llc lixil living live lipsy link linde lincoln limo "
    "limited lilly like lighting lifestyle lifeinsurance life lidl liaison lgbt lexus lego "
    "legal lefrak leclerc lease lds lawyer law latrobe latino lat lasalle lanxess landrover "
    "land lancome lancia lancaster lamer lamborghini ladbrokes lacaixa kyoto kuokgroup kred "
    "krd kpn kpmg kosher komatsu koeln kiwi kitchen kindle kinder kim kia kfh kerryproperties "
    "kerrylogistics kerryhotels kddi kaufen juniper juegos jprs jpmorgan joy jot joburg jobs "
    "jnj jmp jll jlc jio jewelry jetzt jeep jcp jcb java jaguar iwc iveco itv itau istanbul "
    "ist ismaili iselect irish ipiranga investments intuit international intel int insure "
    "insurance institute ink ing info infiniti industries inc immobilien immo imdb imamat "
    "ikano iinet ifm ieee icu ice icbc ibm hyundai hyatt hughes htc hsbc how house hotmail "
    "hotels hoteles hot hosting host hospital horse honeywell honda homesense homes homegoods "
    "homedepot holiday holdings hockey hkt hiv hitachi hisamitsu hiphop hgtv hermes here "
    "helsinki help healthcare health hdfcbank hdfc hbo haus hangout hamburg hair guru guitars "
    "guide guge gucci guardian group grocery gripe green gratis graphics grainger gov got gop "
    "google goog goodyear goodhands goo golf goldpoint gold godaddy gmx gmo gmbh gmail globo "
    "global gle glass glade giving gives gifts gift ggee george genting gent gea gdn gbiz gay "
    "garden gap games game gallup gallo gallery gal fyi futbol furniture fund fun fujixerox "
    "fujitsu ftr frontier frontdoor frogans frl fresenius free fox foundation forum forsale "
    "forex ford football foodnetwork food foo fly flsmidth flowers florist flir flights flickr "
    "fitness fit fishing fish firmdale firestone fire financial finance final film fido "
    "fidelity fiat ferrero ferrari feedback fedex fast fashion farmers farm fans fan family "
    "faith fairwinds fail fage extraspace express exposed expert exchange everbank events eus "
    "eurovision etisalat esurance estate esq erni ericsson equipment epson epost enterprises "
    "engineering engineer energy emerck email education edu edeka eco eat earth dvr dvag "
    "durban dupont duns dunlop duck dubai dtv drive download dot doosan domains doha dog dodge "
    "doctor docs dnp diy dish discover discount directory direct digital diet diamonds dhl dev "
    "design desi dentist dental democrat delta deloitte dell delivery degree deals dealer deal "
    "dds dclk day datsun dating date data dance dad dabur cyou cymru cuisinella csc cruises "
    "cruise crs crown cricket creditunion creditcard credit cpa courses coupons coupon country "
    "corsica coop cool cookingchannel cooking contractors contact consulting construction "
    "condos comsec computer compare company community commbank comcast com cologne college "
    "coffee codes coach clubmed club cloud clothing clinique clinic click cleaning claims "
    "cityeats city citic citi citadel cisco circle cipriani church chrysler chrome christmas "
    "chloe chintai cheap chat chase charity channel chanel cfd cfa cern ceo center ceb cbs "
    "cbre cbn cba catholic catering cat casino cash caseih case casa cartier cars careers "
    "career care cards caravan car capitalone capital capetown canon cancerresearch camp "
    "camera cam calvinklein call cal cafe cab bzh buzz buy business builders build bugatti "
    "budapest brussels brother broker broadway bridgestone bradesco box boutique bot boston "
    "bostik bosch boots booking book boo bond bom bofa boehringer boats bnpparibas bnl bmw bms "
    "blue bloomberg blog blockbuster blanco blackfriday black biz bio bingo bing bike bid "
    "bible bharti bet bestbuy best berlin bentley beer beauty beats bcn bcg bbva bbt bbc "
    "bayern bauhaus basketball baseball bargains barefoot barclays barclaycard barcelona bar "
    "bank band bananarepublic banamex baidu baby azure axa aws avianca autos auto author "
    "auspost audio audible audi auction attorney athleta associates asia asda arte art arpa "
    "army archi aramco arab aquarelle apple app apartments aol anz anquan android analytics "
    "amsterdam amica amfam amex americanfamily americanexpress alstom alsace ally allstate "
    "allfinanz alipay alibaba alfaromeo akdn airtel airforce airbus aigo aig agency agakhan "
    "africa afl afamilycompany aetna aero aeg adult ads adac actor active aco accountants "
    "accountant accenture academy abudhabi abogado able abc abbvie abbott abb abarth aarp aaa "
    "onion".split()
)

_CCTLDS: Final[tuple[str, ...]] = tuple(
    "한국 香港 澳門 新加坡 台灣 台湾 中國 中国 გე ລາວ ไทย ලංකා ഭാരതം ಭಾರತ భారత్ சிங்கப்பூர் இலங்கை "
    "இந்தியா ଭାରତ ભારત ਭਾਰਤ ভাৰত ভারত বাংলা भारोत भारतम् भारत ڀارت پاکستان موريتانيا مليسيا مصر "
    "قطر فلسطين عمان عراق سورية سودان تونس بھارت بارت ایران امارات المغرب السعودية الجزائر "
    "البحرين الاردن հայ қаз укр срб рф мон мкд ею бел бг ευ ελ zw zm za yt ye ws wf vu vn vi "
    "vg ve vc va uz uy us um uk ug ua tz tw tv tt tr tp to tn tm tl tk tj th tg tf td tc sz sy "
    "sx sv su st ss sr so sn sm sl sk sj si sh sg se sd sc sb sa rw ru rs ro re qa py pw pt ps "
    "pr pn pm pl pk ph pg pf pe pa om nz nu nr np no nl ni ng nf ne nc na mz my mx mw mv mu mt "
    "ms mr mq mp mo mn mm ml mk mh mg mf me md mc ma ly lv lu lt ls lr lk li lc lb la kz ky kw "
    "kr kp kn km ki kh kg ke jp jo jm je it is ir iq io in im il ie id hu ht hr hn hm hk gy gw "
    "gu gt gs gr gq gp gn gm gl gi gh gg gf ge gd gb ga fr fo fm fk fj fi eu et es er eh eg ee "
    "ec dz do dm dk dj de cz cy cx cw cv cu cr co cn cm cl ck ci ch cg cf cd cc ca bz by bw bv "
    "bt bs br bq bo bn bm bl bj bi bh bg bf be bd bb ba az ax aw au at as ar aq ao an am al ai "
    "ag af ae ad ac".split()
)

_EMOJI_PATTERN: Final = (
    r"(?:\ud83d[\udc68\udc69])(?:\ud83c[\udffb-\udfff])?\u200d(?:\u2695\ufe0f|\u2696\ufe0f|\u2708\ufe0f|"
    r"\ud83c[\udf3e\udf73\udf93\udfa4\udfa8\udfeb\udfed]|\ud83d[\udcbb\udcbc\udd27\udd2c\ude80\ude92]|"
    r"\ud83e[\uddb0-\uddb3])|(?:\ud83c[\udfcb\udfcc]|\ud83d[\udd74\udd75]|\u26f9)((?:\ud83c[\udffb-"
    r"\udfff]|\ufe0f)\u200d[\u2640\u2642]\ufe0f)|(?:\ud83c[\udfc3\udfc4\udfca]|\ud83d[\udc6e\udc71\udc73"
    r"\udc77\udc81\udc82\udc86\udc87\ude45-\ude47\ude4b\ude4d\ude4e\udea3\udeb4-\udeb6]|\ud83e[\udd26"
    r"\udd35\udd37-\udd39\udd3d\udd3e\uddb8\uddb9\uddd6-\udddd])(?:\ud83c[\udffb-\udfff])?\u200d[\u2640"
    r"\u2642]\ufe0f|(?:\ud83d\udc68\u200d\u2764\ufe0f\u200d\ud83d\udc8b\u200d\ud83d\udc68|\ud83d\udc68"
    r"\u200d\ud83d\udc68\u200d\ud83d\udc66\u200d\ud83d\udc66|\ud83d\udc68\u200d\ud83d\udc68\u200d\ud83d"
    r"\udc67\u200d\ud83d[\udc66\udc67]|\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc66\u200d\ud83d\udc66|"
    r"\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d[\udc66\udc67]|\ud83d\udc69\u200d\u2764"
    r"\ufe0f\u200d\ud83d\udc8b\u200d\ud83d[\udc68\udc69]|\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc66"
    r"\u200d\ud83d\udc66|\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d[\udc66\udc67]|\ud83d"
    r"\udc68\u200d\u2764\ufe0f\u200d\ud83d\udc68|\ud83d\udc68\u200d\ud83d\udc66\u200d\ud83d\udc66|\ud83d"
    r"\udc68\u200d\ud83d\udc67\u200d\ud83d[\udc66\udc67]|\ud83d\udc68\u200d\ud83d\udc68\u200d\ud83d[\udc66"
    r"\udc67]|\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d[\udc66\udc67]|\ud83d\udc69\u200d\u2764\ufe0f"
    r"\u200d\ud83d[\udc68\udc69]|\ud83d\udc69\u200d\ud83d\udc66\u200d\ud83d\udc66|\ud83d\udc69\u200d\ud83d"
    r"\udc67\u200d\ud83d[\udc66\udc67]|\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d[\udc66\udc67]|\ud83c"
    r"\udff3\ufe0f\u200d\ud83c\udf08|\ud83c\udff4\u200d\u2620\ufe0f|\ud83d\udc41\u200d\ud83d\udde8|\ud83d"
    r"\udc68\u200d\ud83d[\udc66\udc67]|\ud83d\udc69\u200d\ud83d[\udc66\udc67]|\ud83d\udc6f\u200d\u2640"
    r"\ufe0f|\ud83d\udc6f\u200d\u2642\ufe0f|\ud83e\udd3c\u200d\u2640\ufe0f|\ud83e\udd3c\u200d\u2642\ufe0f|"
    r"\ud83e\uddde\u200d\u2640\ufe0f|\ud83e\uddde\u200d\u2642\ufe0f|\ud83e\udddf\u200d\u2640\ufe0f|\ud83e"
    r"\udddf\u200d\u2642\ufe0f)|[#*0-9]\ufe0f?\u20e3|(?:[©®\u2122\u265f]\ufe0f)|(?:\ud83c[\udc04\udd70"
    r"\udd71\udd7e\udd7f\ude02\ude1a\ude2f\ude37\udf21\udf24-\udf2c\udf36\udf7d\udf96\udf97\udf99-\udf9b"
    r"\udf9e\udf9f\udfcd\udfce\udfd4-\udfdf\udff3\udff5\udff7]|\ud83d[\udc3f\udc41\udcfd\udd49\udd4a\udd6f"
    r"\udd70\udd73\udd76-\udd79\udd87\udd8a-\udd8d\udda5\udda8\uddb1\uddb2\uddbc\uddc2-\uddc4\uddd1-\uddd3"
    r"\udddc-\uddde\udde1\udde3\udde8\uddef\uddf3\uddfa\udecb\udecd-\udecf\udee0-\udee5\udee9\udef0"
    r"\udef3]|[\u203c\u2049\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf\u23ed-\u23ef\u23f1"
    r"\u23f2\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u2604\u260e\u2611\u2614\u2615"
    r"\u2618\u2620\u2622\u2623\u2626\u262a\u262e\u262f\u2638-\u263a\u2640\u2642\u2648-\u2653\u2660\u2663"
    r"\u2665\u2666\u2668\u267b\u267f\u2692-\u2697\u2699\u269b\u269c\u26a0\u26a1\u26aa\u26ab\u26b0\u26b1"
    r"\u26bd\u26be\u26c4\u26c5\u26c8\u26cf\u26d1\u26d3\u26d4\u26e9\u26ea\u26f0-\u26f5\u26f8\u26fa\u26fd"
    r"\u2702\u2708\u2709\u270f\u2712\u2714\u2716\u271d\u2721\u2733\u2734\u2744\u2747\u2757\u2763\u2764"
    r"\u27a1\u2934\u2935\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299])(?:\ufe0f|(?!"
    r"\ufe0e))|(?:(?:\ud83c[\udfcb\udfcc]|\ud83d[\udd74\udd75\udd90]|[\u261d\u26f7\u26f9\u270c\u270d])(?:"
    r"\ufe0f|(?!\ufe0e))|(?:\ud83c[\udf85\udfc2-\udfc4\udfc7\udfca]|\ud83d[\udc42\udc43\udc46-\udc50"
    r"\udc66-\udc69\udc6e\udc70-\udc78\udc7c\udc81-\udc83\udc85-\udc87\udcaa\udd7a\udd95\udd96\ude45-"
    r"\ude47\ude4b-\ude4f\udea3\udeb4-\udeb6\udec0\udecc]|\ud83e[\udd18-\udd1c\udd1e\udd1f\udd26\udd30-"
    r"\udd39\udd3d\udd3e\uddb5\uddb6\uddb8\uddb9\uddd1-\udddd]|[\u270a\u270b]))(?:\ud83c[\udffb-"
    r"\udfff])?|(?:\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc65\udb40\udc6e\udb40\udc67\udb40\udc7f|"
    r"\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f|\ud83c\udff4"
    r"\udb40\udc67\udb40\udc62\udb40\udc77\udb40\udc6c\udb40\udc73\udb40\udc7f|\ud83c\udde6\ud83c[\udde8-"
    r"\uddec\uddee\uddf1\uddf2\uddf4\uddf6-\uddfa\uddfc\uddfd\uddff]|\ud83c\udde7\ud83c[\udde6\udde7"
    r"\udde9-\uddef\uddf1-\uddf4\uddf6-\uddf9\uddfb\uddfc\uddfe\uddff]|\ud83c\udde8\ud83c[\udde6\udde8"
    r"\udde9\uddeb-\uddee\uddf0-\uddf5\uddf7\uddfa-\uddff]|\ud83c\udde9\ud83c[\uddea\uddec\uddef\uddf0"
    r"\uddf2\uddf4\uddff]|\ud83c\uddea\ud83c[\udde6\udde8\uddea\uddec\udded\uddf7-\uddfa]|\ud83c\uddeb"
    r"\ud83c[\uddee-\uddf0\uddf2\uddf4\uddf7]|\ud83c\uddec\ud83c[\udde6\udde7\udde9-\uddee\uddf1-\uddf3"
    r"\uddf5-\uddfa\uddfc\uddfe]|\ud83c\udded\ud83c[\uddf0\uddf2\uddf3\uddf7\uddf9\uddfa]|\ud83c\uddee"
    r"\ud83c[\udde8-\uddea\uddf1-\uddf4\uddf6-\uddf9]|\ud83c\uddef\ud83c[\uddea\uddf2\uddf4\uddf5]|\ud83c"
    r"\uddf0\ud83c[\uddea\uddec-\uddee\uddf2\uddf3\uddf5\uddf7\uddfc\uddfe\uddff]|\ud83c\uddf1\ud83c["
    r"\udde6-\udde8\uddee\uddf0\uddf7-\uddfb\uddfe]|\ud83c\uddf2\ud83c[\udde6\udde8-\udded\uddf0-\uddff]|"
    r"\ud83c\uddf3\ud83c[\udde6\udde8\uddea-\uddec\uddee\uddf1\uddf4\uddf5\uddf7\uddfa\uddff]|\ud83c\uddf4"
    r"\ud83c\uddf2|\ud83c\uddf5\ud83c[\udde6\uddea-\udded\uddf0-\uddf3\uddf7-\uddf9\uddfc\uddfe]|\ud83c"
    r"\uddf6\ud83c\udde6|\ud83c\uddf7\ud83c[\uddea\uddf4\uddf8\uddfa\uddfc]|\ud83c\uddf8\ud83c[\udde6-"
    r"\uddea\uddec-\uddf4\uddf7-\uddf9\uddfb\uddfd-\uddff]|\ud83c\uddf9\ud83c[\udde6\udde8\udde9\uddeb-"
    r"\udded\uddef-\uddf4\uddf7\uddf9\uddfb\uddfc\uddff]|\ud83c\uddfa\ud83c[\udde6\uddec\uddf2\uddf3\uddf8"
    r"\uddfe\uddff]|\ud83c\uddfb\ud83c[\udde6\udde8\uddea\uddec\uddee\uddf3\uddfa]|\ud83c\uddfc\ud83c["
    r"\uddeb\uddf8]|\ud83c\uddfd\ud83c\uddf0|\ud83c\uddfe\ud83c[\uddea\uddf9]|\ud83c\uddff\ud83c[\udde6"
    r"\uddf2\uddfc]|\ud83c[\udccf\udd8e\udd91-\udd9a\udde6-\uddff\ude01\ude32-\ude36\ude38-\ude3a\ude50"
    r"\ude51\udf00-\udf20\udf2d-\udf35\udf37-\udf7c\udf7e-\udf84\udf86-\udf93\udfa0-\udfc1\udfc5\udfc6"
    r"\udfc8\udfc9\udfcf-\udfd3\udfe0-\udff0\udff4\udff8-\udfff]|\ud83d[\udc00-\udc3e\udc40\udc44\udc45"
    r"\udc51-\udc65\udc6a-\udc6d\udc6f\udc79-\udc7b\udc7d-\udc80\udc84\udc88-\udca9\udcab-\udcfc\udcff-"
    r"\udd3d\udd4b-\udd4e\udd50-\udd67\udda4\uddfb-\ude44\ude48-\ude4a\ude80-\udea2\udea4-\udeb3\udeb7-"
    r"\udebf\udec1-\udec5\uded0-\uded2\udeeb\udeec\udef4-\udef9]|\ud83e[\udd10-\udd17\udd1d\udd20-\udd25"
    r"\udd27-\udd2f\udd3a\udd3c\udd40-\udd45\udd47-\udd70\udd73-\udd76\udd7a\udd7c-\udda2\uddb4\uddb7"
    r"\uddc0-\uddc2\uddd0\uddde-\uddff]|[\u23e9-\u23ec\u23f0\u23f3\u267e\u26ce\u2705\u2728\u274c\u274e"
    r"\u2753-\u2755\u2795-\u2797\u27b0\u27bf\ue50a])|\ufe0f"
)
