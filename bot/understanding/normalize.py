"""Turn raw chat text into one canonical lowercase form the rules can rely on.

The result is ASCII-ish lowercase tokens separated by single spaces, with contractions
expanded ("don't" -> "do not"), punctuation as tokens of its own (so pattern gaps never
cross a comma), units spelt out ("5h" -> "5 hours", "10k" -> "10 km"), number words
as digits ("five and a half" -> "5.5") and common typos fixed.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from bot.understanding import spelling
from bot.understanding.lexicon import KEYWORDS, NUMBER_WORDS, PROTECTED, TENS, TYPOS

MAX_CHARS = 20_000  # longer messages are cut: nobody types more, and it bounds the work

_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                         "\u2014": " - ", "\u2015": " - ", "\u2212": "-",
                         "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u02bc": "'",
                         "\u0060": "'", "\u00b4": "'", "\u201c": '"', "\u201d": '"'})

_BEFORE_TOKENS: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in [
    (r"\bw/o\b", " without "),
    (r"\bw/", " with "),
    (r"\bcan ?'?t\b", "can not"),
    (r"\bcannot\b", "can not"),
    (r"\bwon'?t\b", "will not"),
    (r"\bain'?t\b", "is not"),
    (r"\b(do|does|did|is|are|was|were|have|has|had|could|would|should|must|need|might)"
     r"n'?t\b", r"\1 not"),
    (r"\b([a-z]+)n't\b", r"\1 not"),
    (r"\bi'?m\b", "i am"),
    (r"\bi'?ve\b", "i have"),
    (r"'ve\b", " have"),
    (r"'re\b", " are"),
    (r"'ll\b", " will"),
    (r"\bi'd\b", "i would"),
    (r"'s (?=(?:been|got|gone|had|changed|increased|stayed|dropped|doubled|come|ever)\b)",
     " has "),
    (r"\b(it|that|there|what|he|she|who|here)'s\b", r"\1 is"),
    (r"\b(legs?|calf|calves|ankles?|foot|feet|shins?|thighs?|knees?|toes?|chest|heart|pulse"
     r"|breathing|pee|urine|wee|sleep|form|mileage|training|diet|iron|ferritin|energy|one"
     r"|other|everything|nothing|left|right|body|stride|technique|running|warm up|monday"
     r"|tuesday|wednesday|thursday|friday|saturday|sunday)'s\b",
     r"\1 is"),
    (r"'", ""),
    (r"(\d)ish\b", r"\1 ish"),
    (r"<\s*(?=\d)", " under "),
    (r">\s*(?=\d)", " over "),
    (r"~\s*(?=\d)", " about "),
    (r"(\d)\s*\+", r"\1 plus "),
    (r"(\d)\s*%", r"\1 percent "),
    (r"&", " and "),
    (r"\b(\d{1,2})\s*h\s*(\d{2})\b", lambda m: f"{int(m[1]) + int(m[2]) / 60:g} hours"),
    (r"(\d)\s*(?:-|to)\s*(\d)", r"\1 to \2"),
    (r"(?<=[a-z0-9])-(?=[a-z0-9])", " "),
    (r"(?<!\d)\.|\.(?!\d)", " . "),
    (r"[\n\r]+", " . "),
    (r"([,;:!?()\[\]{}\"/\\|…-])", r" \1 "),
    (r"[^a-z0-9.,;:!?()\[\]{}\"/\\|…\- \u0080-\uffff]", " "),
]]

_AFTER_TOKENS: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in [
    (r"(\d)\s*(?:hours?|hrs?|h)\b", r"\1 hours"),
    (r"(\d)\s*(?:kms?|kilometers?|kilometres?|k)\b", r"\1 km"),
    (r"(\d)\s*(?:mi|miles?)\b", r"\1 miles"),
    (r"(\d)\s*(?:mins?|minutes?)\b", r"\1 minutes"),
    (r"(\d)\s*(?:l|litres?|liters?|ltrs?)\b", r"\1 litres"),
    (r"(\d)\s*x\b", r"\1 times"),
    (r" / (week|night|day|month)\b", r" per \1"),
    (r"\ba couple(?: of)?\b|\bcouple of\b", "2"),
    (r"\b(\d+) point (\d)\b", r"\1.\2"),
    (r"\b(\d+) and (?:a )?half\b(?! (?:marathon|an hour))", lambda m: f"{int(m[1])}.5"),
]]

_ISH = re.compile(r"^([a-z]+?)ish$")
_REPEATS = re.compile(r"(.)\1{2,}")
_WORD = re.compile(r"^[a-z]+$")

_VOCAB = KEYWORDS | PROTECTED | frozenset(TYPOS) | frozenset(NUMBER_WORDS) | frozenset(
    "no yes so nope yeah yep nah sure too good all off well feel full see need keep".split())


def _plain(text: str) -> str:
    """NFKC, lowercase, accents stripped; control characters and emoji become spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).lower()
    out = []
    for ch in unicodedata.normalize("NFKD", text):
        cat = unicodedata.category(ch)
        if cat == "Mn":
            continue
        out.append(" " if cat[0] in "CZS" and ch not in "<>~+%&'\"`" else ch)
    return "".join(out)


@lru_cache(maxsize=8192)
def _fix_word(token: str) -> str:
    """Collapse stretched letters, then fix a known typo or snap a near-miss keyword."""
    if _REPEATS.search(token):
        double, single = _REPEATS.sub(r"\1\1", token), _REPEATS.sub(r"\1", token)
        token = single if single in _VOCAB and double not in _VOCAB else double
    if token in TYPOS:
        return TYPOS[token]
    fixed = spelling.correct(token)
    if fixed != token:
        return fixed
    if len(token) < 6 or token in _VOCAB or not _WORD.match(token):
        return token
    near = [k for k in KEYWORDS if k[0] == token[0] and abs(len(k) - len(token)) <= 2]
    match = difflib.get_close_matches(token, near, n=1, cutoff=0.85)
    return match[0] if match else token


def _numbers(tokens: list[str]) -> list[str]:
    """Number words to digits, "twenty five" -> 25, "sixish" -> "6 ish", "twice" -> "2 times"."""
    out: list[str] = []
    from_word = False
    for tok in tokens:
        ish = _ISH.match(tok)
        if ish and ish.group(1) in NUMBER_WORDS:
            out.extend([str(NUMBER_WORDS[ish.group(1)]), "ish"])
            from_word = False
            continue
        if tok in ("twice", "thrice"):
            out.extend(["2" if tok == "twice" else "3", "times"])
            from_word = False
            continue
        value = NUMBER_WORDS.get(tok)
        if value is None:
            out.append(tok)
            from_word = False
            continue
        if from_word and 0 < value < 10 and out and out[-1].isdigit() and int(out[-1]) in TENS:
            out[-1] = str(int(out[-1]) + value)
        else:
            out.append(str(value))
        from_word = True
    return out


def normalize(text: object) -> str:
    """The canonical form of `text` (never raises; anything not a str reads as empty)."""
    if not isinstance(text, str) or not text:
        return ""
    text = _plain(text[:MAX_CHARS])
    for pattern, repl in _BEFORE_TOKENS:
        text = pattern.sub(repl, text)
    tokens = []
    for tok in text.split():
        tokens.extend(_fix_word(tok).split())
    text = " ".join(_numbers(tokens))
    for pattern, repl in _AFTER_TOKENS:
        text = pattern.sub(repl, text)
    return text
