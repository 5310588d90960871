"""Danger signs. A red flag counts unless plainly negated ("no chest pain"); a hedge or
a question does not cancel it, since missing one costs far more than asking again."""
from __future__ import annotations

import re

from bot.understanding.negation import Doc
from bot.understanding.rules import Rule, alt, compile_pattern, rule

RF = "red_flag"
_LEG = alt("calf", "leg", "ankle", "shin", "thigh", "lower leg")  # singular: one leg
_SWELL = alt("swollen", "swelling", "swelled", "swells", "puffy", "puffed up", "inflamed",
             "bloated", r"(?:bigger|fatter|larger|thicker) than the other")
_URINE = alt("urine", "pee", "peeing", "peed", r"(?<!a )wee(?! bit)", "weeing", "piss",
             "pissing", "urinating", "urinate", "urinated")
_DRINK = alt("cola", "coke", "coca cola", "tea", "coffee", "irn bru")
_COLOUR = alt(r"dark(?:er)?(?! yellow)", r"brown\w*", "black", "red", "reddish", "rusty", "rust",
              "bloody", "blood", "bronze", _DRINK + r" colou?red")
_LIKE_DRINK = (r"(?:like|(?:the )?colou?r of|colou?red like) (?:a |an )?(?:strong |black |dark "
               r"|flat |builders |cup of |glass of )?" + _DRINK)
_PAIN = alt("pain", "pains", "painful", "hurts?", "hurting", "aches?", "aching", r"throb\w*")
_AT_REST = alt("at rest", r"when (?:i am |i )?(?:just )?(?:resting|sitting|lying|not running"
               r"|still)", r"while (?:i am )?(?:just )?(?:resting|sitting|lying)",
               "sitting (?:down|still|around|at my desk)", "lying (?:down|in bed)",
               "doing nothing", r"even (?:at night|in bed)", "resting",
               r"(?:when |while )?(?:i am |i )?(?:just )?sat (?:down|still|on the (?:sofa|couch"
               r"|settee)|at (?:my |a )?desk|in (?:a )?chair)", r"(?:when|while) (?:i am )?"
               r"(?:in bed|on the (?:sofa|couch|settee)|asleep|trying to sleep)")
_HEAD_RUSH = (r"(?:stand|stands|standing|stood|get up|gets up|getting up|got up|sit up|sitting up"
              r"|sat up) (?:up )?(?:from \w+ )?(?:too |really |very |a bit |super )?(?:quick\w*"
              r"|fast|suddenly|abruptly)|head rush\w*")
# Cold feet from the weather are no danger sign.
_WEATHER = (r"winter|weather|outside|snow\w*|frost\w*|socks|when it is (?:cold|freezing|icy|chilly)"
            r"|(?:freezing|cold) out|in the cold|cold (?:days|mornings|runs)")
# Muscles sore to the touch after hard work ("thighs are sore to touch") are no bone pain;
# one calf is left out: with a swelling it is a clot's sign, read by its own rules.
_MUSCLES = (r"thighs?|quads?|quadriceps|hamstrings?|glutes?|muscles?|calves|both legs"
            r"|all over")
_BREATHLESS = alt("breathless(?:ness)?", "out of breath", "short of breath",
                  "shortness of breath", "gasping", "winded", "struggling for (?:air|breath)")

RULES: list[Rule] = [
    # chest_pain_breathless
    rule(RF, "chest_pain_breathless",
         r"chest <G5>(?:pains?|tight\w*|pressure|discomfort|hurts?|hurting|aches?|aching"
         r"|squeez\w*|crushing|burning|heavy|heaviness|constrict\w*|elephant|vice|vise"
         r"|weight on it)"),
    rule(RF, "chest_pain_breathless",
         r"(?:pains?|tightness|pressure|discomfort|aches?|aching|squeezing|heaviness|burning"
         r"|crushing|tight|heavy) (?:feeling |sensation )?(?:in|across|on|around) (?:my |the )?"
         r"chest"),
    rule(RF, "chest_pain_breathless", r"tight chest|angina|heart attack"),
    rule(RF, "chest_pain_breathless",
         r"(?:can not|could not|can barely|could barely|struggl\w* to|unable to|hard to"
         r"|difficult to) (?:catch|get|find) (?:my |a |any )?breathe?"),
    rule(RF, "chest_pain_breathless",
         r"(?:can not|could not|can barely|struggl\w* to|unable to) breathe"),
    rule(RF, "chest_pain_breathless",
         _BREATHLESS + r" <G3>(?:, )?(?:even )?" + alt(
             "at rest", "when resting", "while resting", "sitting (?:down|still)",
             "lying down", "doing nothing", "for no reason", "out of proportion",
             r"(?:way |much |far )?more than (?:usual|normal|i should|it should)",
             "on easy runs", "on an easy run", "at a slow pace")),
    # fainting_palpitations
    rule(RF, "fainting_palpitations", r"(?<!a )faint(?:ed|ing|s)?(?! (?:ache|pain|smell))"),
    rule(RF, "fainting_palpitations",
         r"black(?:ed|ing)? out|blackouts?|keel(?:ed)? over"
         r"|los(?:t|e|ing) consciousness|vision (?:went|goes|going) (?:black|dark|grey|gray)"),
    # Light-headed for a moment on standing up quickly (a head rush) is not a danger sign.
    rule(RF, "fainting_palpitations",
         r"dizz(?:y|iness)|light headed(?:ness)?|woozy|vertigo|(?:head|room) (?:is |was )?"
         r"spinning", unless=_HEAD_RUSH),
    rule(RF, "fainting_palpitations", r"collaps(?:e|ed|ing)|pass(?:ed|ing|es)? out",
         unless=r"sofa|couch|bed|settee|form|posture|in front of the tv"),
    rule(RF, "fainting_palpitations",
         r"(?:hearts?|pulse|heartbeat|heart beat|heart rate) (?:is )?<G2>(?:rac(?:ing|es|ed|e)"
         r"|(?:go|goes|going|went|does|feels?) (?:all )?(?:funny|weird|strange|wonky|odd)"
         r"|pound(?:ing|s|ed)?|thump(?:ing|s|ed)?|skip(?:ping|s|ped)?|flutter(?:ing|s|ed)?"
         r"|irregular|erratic|jump(?:ing|s|ed)|flip(?:ping|s)|somersault\w*|miss(?:ing|es|ed) beats"
         r"|(?:going|goes|went) (?:crazy|mad|haywire)|all over the place|hammer(?:ing|s)"
         r"|bang(?:ing|s)|out of rhythm|beat(?:ing|s) (?:really |very |so )?(?:fast|hard"
         r"|weird\w*|irregular\w*|funny|oddly|strangely))"),
    rule(RF, "fainting_palpitations",
         r"palpitation\w*|(?:racing|pounding|thumping|fluttering|irregular) (?:heart\w*|pulse)"
         r"|(?:skipped|missed) (?:heart ?)?beats?|heart flutter\w*|arrhythmia|afib|a fib"
         r"|atrial fibrillation|ectopic\w*"),
    # one_leg_swollen
    rule(RF, "one_leg_swollen", r"(?<!both )" + _LEG + r" (?:, )?<G4>" + _SWELL),
    rule(RF, "one_leg_swollen",
         r"(?:bigger|larger|fatter|thicker|puffier|puffy|swollen) on (?:1|the (?:left|right)) side"
         r"|1 of (?:my |the )?(?:calves|legs|ankles|shins) <G4>(?:bigger|larger|fatter|thicker"
         r"|puffier)|1 of (?:my |the )?(?:calves|legs|ankles|shins) <G4>" + _SWELL
         + r"|(?:1|only 1|left|right) (?:calf|leg|ankle|thigh|lower leg) (?:, )?<G4>(?:bigger"
         r"|larger|fatter|thicker|puffier|more swollen)"),
    # "way bigger than the right": one leg measured against the other.
    rule(RF, "one_leg_swollen",
         r"(?:bigger|larger|fatter|thicker|puffier|more swollen|(?:swollen|massive|huge|big"
         r"|fat) compared) (?:than|to|with)"
         r" (?:the|my) (?:other|left|right)(?= 1| leg| calf| ankle| side| [.,;!?]| and| but|$)"),
    rule(RF, "one_leg_swollen",
         r"(?:swollen|swelling|puffy|puffiness|inflammation|lump) (?:in|on|of|around) "
         r"(?:my |the )?(?:left |right |lower |1 )?" + _LEG),
    rule(RF, "one_leg_swollen", r"(?:swollen|puffy|inflamed) (?:left |right |1 )?" + _LEG),
    rule(RF, "one_leg_swollen",
         _LEG + r" <G3>(?:red|hot|warm|tender) (?:and |, )?(?:tender|sore|painful|hot|warm"
         r"|red|swollen)"),
    rule(RF, "one_leg_swollen", r"dvt|deep vein|blood clots?|clot in|thrombo\w*"),
    # dark_urine
    rule(RF, "dark_urine", _URINE + r" <G4>" + alt(_COLOUR, _LIKE_DRINK)),
    rule(RF, "dark_urine", _COLOUR + r" (?:colou?red )?" + _URINE + "|" + _DRINK
         + r" (?:colou?red )?" + _URINE),
    rule(RF, "dark_urine", r"rhabdo\w*|myoglobin|blood in (?:my |the )?" + _URINE),
    # rest_pain_cold_foot
    rule(RF, "rest_pain_cold_foot",
         r"(?:foot|feet|toes?) <G3>(?:cold|icy|ice cold|freezing|pale|white|blue|bluish"
         r"|purple|grey|gray)", unless=_WEATHER),
    rule(RF, "rest_pain_cold_foot",
         r"(?:cold|icy|freezing|pale|white|blue|bluish) (?:left |right |1 )?(?:foot|feet|toes)",
         unless=_WEATHER),
    rule(RF, "rest_pain_cold_foot", _PAIN + r" <G5>(?:even )?" + _AT_REST),
    rule(RF, "rest_pain_cold_foot", r"rest pain|pain at rest"),
    # bone_pain
    rule(RF, "bone_pain",
         r"(?:1|single|particular|specific|certain|tiny|small|exact|sore|tender|painful)"
         r" (?:spot|point|place|area"
         r"|bit|patch) <G4>(?:bone|shin|shinbone|tibia|foot|metatarsal|heel|hip|femur"
         r"|fibula)"),
    rule(RF, "bone_pain",
         r"(?:bone|shinbone|tibia|metatarsal|femur|fibula) <G4>(?:hurts?|pain\w*|sore"
         r"|tender|aches?|aching|throb\w*)"),
    rule(RF, "bone_pain",
         r"(?:hurts?|pain\w*|sore|tender|aches?|aching) <G3>(?:to|when i|if i|when you"
         r"|if you) (?:press|push on|push it|touch|poke|prod|hop|jump)",
         unless=_MUSCLES),
    rule(RF, "numb_tight_during_runs",
         r"(?:numb|tight|tingly|weak)(?: (?:or|and) (?:numb|tight|tingly|weak))+ (?:during|on"
         r"|in|while) (?:my |the )?(?:runs?|running)|compartment syndrome"),
    rule(RF, "bone_pain", r"(?:pain|ache|hurts?|hurting|aching) in (?:1 of )?(?:a|the|my|1)"
         r" (?:\w+ )?(?:bones?|shinbone|tibia|fibula|metatarsals?|femur)"),
    rule(RF, "bone_pain",
         r"stress (?:fracture|reaction)|pinpoint pain|point tender\w*|bone pain|bone bruise"
         r"|(?:can not|unable to|hurts to) hop|pain <G3>(?:worse|gets worse|getting worse)"
         r" (?:with |on |after )?(?:each|every) run"),
]

# numb_tight_during_runs needs a whole-sentence reading (see `numb_tight_hits`).
_SENSATION = compile_pattern(
    r"numb\w*|tingl\w*|pins and needles|tight\w*|weak\w*|burn\w*|(?:go|goes|went) dead"
    r"|pains?|aches?|aching|hurts?")
_NUMB = re.compile(r"^(?:numb|tingl|pins)")
_PAIN_WORD = re.compile(r"^(?:pain|ache|aching|hurt|burn)")
_PART = re.compile(r"\b(?:shins?|calf|calves|legs?|feet|foot|toes|lower legs?|ankles?)\b")
_SAME_POINT = compile_pattern(
    r"same (?:point|spot|place|time|distance|stage|mark|km|mile|minute)|at exactly|always at")
_EASES_ON_STOP = compile_pattern(
    r"(?:ease|eases|eased|easing|goes|go|going|settles?|disappears?|stops?|fades?|wears off"
    r"|better|subsides?|away) <G3>(?:when|once|after|as soon as|if) (?:i )?(?:stop|rest|walk)"
    r"|after stopping|(?:until|till|unless) i stop|have to stop|forced to stop")
_EVERY_RUN = compile_pattern(
    r"every (?:single )?(?:run|time i run)|each run|every time|during (?:my |the |a )?runs?"
    r"|while (?:i am )?running|when i run|mid run|on (?:my |the |every |each )?runs?")
_START = compile_pattern(r"start|first|beginning|warm(?:ed)? up|get going|early on")


def numb_tight_hits(doc: Doc) -> list[tuple[int, int, str]]:
    """Shins or calves going numb, tight or weak at the same point of every run and
    easing on stopping (compartment syndrome), unlike heaviness at the start of a run
    that wears off (circulation). Numbness needs less context than tightness or pain,
    which are common after any hard run."""
    hits = []
    for m in _SENSATION.finditer(doc.text):
        if doc.is_negated(m.start(), strict=True):
            continue
        sentence = doc.sentence(m.start(), m.end())
        if not _PART.search(sentence):
            continue
        same = bool(_SAME_POINT.search(sentence))
        stops = bool(_EASES_ON_STOP.search(sentence))
        every = bool(_EVERY_RUN.search(sentence))
        if _START.search(sentence) and not (same or stops):
            continue
        if _NUMB.match(m.group()):
            flagged = same or stops or every
        elif _PAIN_WORD.match(m.group()):
            flagged = same or (stops and every)
        else:
            flagged = same or stops
        if flagged:
            hits.append((m.start(), m.end(), "numb_tight_during_runs"))
    return hits
