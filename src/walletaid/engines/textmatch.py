"""Text normalisation and pattern matching for the diagnose engine.

Free text from apps and people comes in full-width forms, mixed case, traditional
characters (``網絡異常``), Taiwan / Hong Kong wording (``網路``, ``帳號``, ``簡訊``),
bracketed error codes (``[E1023]``, ``(-1001)``) and stray spaces between Chinese
characters (``余 额 不 足``).  :func:`normalize` folds all of that into one canonical
form, so the patterns in ``diagnose_rules.json`` can stay short; :func:`find`
returns the first hit of a compiled pattern that is not negated just before it
("没有人问我要验证码", "it is not a network error"), quoted for a reason line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from walletaid.engines.literals import may_match
from walletaid.lazyre import compile_lazily
from walletaid.textsafe import clean

# CJK punctuation, ideographs and full-width forms (a regex class of these ranges costs ~3 ms to compile)
_CJK_RANGES = ((0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF))
_BLANKS = compile_lazily(r"[ \t]+")
_SPACES = compile_lazily(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u3001": ","})
_LONG_DIGITS = compile_lazily(r"\d{6,}")
MAX_QUOTE = 40

# Common traditional characters of wallet, bank and scam talk → simplified (one to one).
_TRAD = (
    "網絡異請後試連錯誤賬帳號碼驗證認實餘額過轉錢凍結鎖機設備權維護務統應舊級閃銀綁註銷處審詐騙員資識輸數幣達單當計"
    "臨暫無線訊簡態狀體據讓說話電這個們為麼沒還時間見關開門問題給對發現會來東買賣紅優領獎點擊鏈頁夠戶壓標準確寶貸險"
    "費稅繳匯從兩萬億筆歲爺孫兒媽幫鐘張條簽錄陸離換貼觸響難斷塊積紀衛視頻螢遠協載裝軟擬環驅動閱讀顯彈啟閉盜劃郵減詢"
    "諮報罰鍵紹戲輪廣場區華國灣邊樣驚傳遞貨運賠償僅隻團業圍亂變擔憂慮縮總鬆緊馬車鐵層幾齡倉庫歷紙順預約雙漲價礦續復"
    "壞廠產圖習慣裡麵髮臺週於並係著製門內錄項攝像鏡頭權碼簡訊綫戰絕護殺盤構邀請罪冒術詳細"
    "掛聞嗎滿繼"
)
_SIMP = (
    "网络异请后试连错误账账号码验证认实余额过转钱冻结锁机设备权维护务统应旧级闪银绑注销处审诈骗员资识输数币达单当计"
    "临暂无线讯简态状体据让说话电这个们为么没还时间见关开门问题给对发现会来东买卖红优领奖点击链页够户压标准确宝贷险"
    "费税缴汇从两万亿笔岁爷孙儿妈帮钟张条签录陆离换贴触响难断块积纪卫视频萤远协载装软拟环驱动阅读显弹启闭盗划邮减询"
    "咨报罚键绍戏轮广场区华国湾边样惊传递货运赔偿仅只团业围乱变担忧虑缩总松紧马车铁层几龄仓库历纸顺预约双涨价矿续复"
    "坏厂产图习惯里面发台周于并系着制门内录项摄像镜头权码简讯线战绝护杀盘构邀请罪冒术详细"
    "挂闻吗满继"
)
_TRAD_TO_SIMP = str.maketrans(_TRAD, _SIMP)
# Regional words (Taiwan / Hong Kong usage) → mainland words the patterns use.
_REGIONAL = {
    "网路": "网络", "连线": "连接", "简讯": "短信", "伺服器": "服务器", "帐": "账", "讯息": "信息", "登入": "登录",
    "登陆": "登录", "应用程式": "应用", "程式": "程序", "软体": "软件", "资讯": "信息",
    "行动网络": "移动网络", "转帐": "转账", "储值": "充值", "加值": "充值", "帐户": "账户", "户口": "账户",
    "逾时": "超时", "收讯": "信号", "讯号": "信号", "身分": "身份",
}
_REGIONAL_RE = compile_lazily("|".join(sorted(map(re.escape, _REGIONAL), key=len, reverse=True)))
# Error codes carry no meaning for the patterns but break up phrases: "[E1023]", "(-1001)",
# "(错误码:-1001)", "code:-1009", "E_7731".  Pure numbers in brackets such as "(503)" stay.
_CODE_LABEL = r"(?:错误码|错误代码|代码|编码|code|err(?:or)?(?: code)?)"
_BRACKET_CODE = compile_lazily(
    rf"[\[(【]\s*{_CODE_LABEL}?\s*[:=]?\s*(?:-\d{{2,8}}|[a-z]{{1,6}}[-_]?\d{{2,8}}|{_CODE_LABEL}\s*[:=]?\s*-?\d{{2,8}})\s*[\])】]"
)
_BARE_CODE = compile_lazily(rf"{_CODE_LABEL}\s*[:=]\s*-?[a-z]{{0,6}}[-_]?\d{{2,8}}|(?<![a-z0-9])[a-z]{{1,3}}[-_]?\d{{3,6}}(?![a-z0-9])")
_UNDERSCORE = compile_lazily(r"(?<=[a-z])_(?=[a-z])")
_CLAUSE_END = compile_lazily(r"[,.;:!?，。；：！？\n]")
NEGATION_WINDOW = 16


def normalize(text: str) -> str:
    """Canonical form: NFKC, lower case, simplified characters, mainland words, no error codes, no spaces around CJK."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower().translate(_TRAD_TO_SIMP)
    text = _REGIONAL_RE.sub(lambda m: _REGIONAL[m.group(0)], text)
    text = _BARE_CODE.sub(" ", _BRACKET_CODE.sub(" ", text))
    text = _SPACES.sub(" ", _UNDERSCORE.sub(" ", text))
    return _drop_blanks_near_cjk(text).strip()


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def _drop_blanks_near_cjk(text: str) -> str:
    """Remove each run of spaces and tabs that has a CJK character on at least one side (``余 额 不 足`` → ``余额不足``)."""

    def keep_or_drop(match: re.Match[str]) -> str:
        start, end = match.span()
        near = (start > 0 and _is_cjk(text[start - 1])) or (end < len(text) and _is_cjk(text[end]))
        return "" if near else match.group(0)

    return _BLANKS.sub(keep_or_drop, text)


@lru_cache(maxsize=None)
def compiled(regex: str) -> re.Pattern[str]:
    """The regex compiled once (patterns are data, compiled on first use)."""
    return re.compile(regex)


def negated(text: str, start: int, negation: str) -> bool:
    """True when the clause just before ``start`` ends in a negation cue (``negation`` is anchored with ``$``)."""
    before = text[max(0, start - NEGATION_WINDOW) : start]
    parts = _CLAUSE_END.split(before)
    return compiled(negation).search(parts[-1]) is not None


def find(
    regex: str, text: str, unless: str | None = None, negation: str | None = None, requires: str | None = None,
    hint: Sequence[str] | None = None,
) -> str | None:
    """The first hit of ``regex`` in normalised ``text`` that is not negated, or None.

    None also when ``unless`` matches the text, or when ``requires`` does not.
    ``hint`` (see :mod:`walletaid.engines.literals`) lets a pattern that cannot
    match be skipped without compiling it.
    """
    if not may_match(hint, text) or (requires and not compiled(requires).search(text)):
        return None
    # `unless` is compiled only for a hit: most patterns never hit a given text
    for match in compiled(regex).finditer(text):
        if negation is None or not negated(text, match.start(), negation):
            return None if unless and compiled(unless).search(text) else match.group(0)
    return None


def quote(snippet: str) -> str:
    """A matched snippet made fit to quote: control characters removed, long digit runs hidden (codes, card numbers), length capped."""
    snippet = _LONG_DIGITS.sub("****", clean(snippet, keep_newlines=False).strip())
    return snippet if len(snippet) <= MAX_QUOTE else snippet[: MAX_QUOTE - 1] + "…"
