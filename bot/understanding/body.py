"""Phrase rules for the body between runs: sleep, iron, leg day, rest days.
Numbers ("5 hours", "3 times a week") are read in `numbers`."""
from __future__ import annotations

from bot.understanding.rules import Rule, alt, compile_pattern, rule

FATIGUE = alt("tired", "exhausted", "knackered", "shattered", "fatigued", "drained",
              "wiped out", "worn out", "wrecked", "lethargic", "sluggish", "no energy",
              "low energy", "zero energy", "run down", "wiped", "dead tired", "burnt out",
              "burned out", "sleepy")
LEGS_TIRED = (r"(?:legs?|calves|quads|muscles|hamstrings|thighs)(?: [a-z]+){0,3} "
               + FATIGUE)
_GYM = alt("gym", "weights", "weight training", "lifting", "lifted", "lift", "lifts",
           r"strength (?:training|sessions?|work|classe?s?|workouts?|circuits?)",
           r"weights? (?:sessions?|workouts?|training)", "crossfit", "body pump", "bodypump",
           "hiit class", "spin class", "spinning class", "circuit training",
           r"resistance (?:training|work|sessions?)")
_LOWER = alt(r"legs?", "lower body", r"glutes?", r"quads?", r"hamstrings?", "bum", "booty",
             "posterior chain")
LEG_WORK = alt(
    r"squat(?:s|ted|ting)?", r"lunge(?:s|d)?", "lunging", r"dead ?lifts?", "deadlifted",
    "rdls?", "leg press(?:es)?", "step ups", r"hamstring curls?", r"leg extensions?",
    r"leg curls?", r"calf raises", r"box jumps", r"plyometrics?", "plyos", r"hip thrusts?",
    r"sled (?:push(?:es|ing)?|pulls?|drags?)",
    # a session named for the legs: "legs workout", "glutes and hamstrings day"
    _LOWER + r"(?: (?:and|plus) (?:glutes?|core|bums?|abs|butt|booty|calves|back|shoulders"
    r"|arms|upper body|legs?|hamstrings?|quads?))? (?:workout|session|sessions|sesh|circuit"
    r"|weights|day(?! to day)|training|class|lifting|pump)",
    r"lower body (?:strength|work)",
    # training the legs: "did legs", "hit legs at the gym", "back and legs yesterday"
    r"(?:did|done|do|doing|hit|hitting|trained|train|training|smashed|smash|smashing|blasted"
    r"|lifted|worked) (?:(?:back|arms|chest|shoulders|core|upper body) and )?(?:legs|lower body"
    r"|glutes|quads)(?! (?:are|is|feel|feels|felt|were|was|have|has|had|hurt|hurts|ache|aches"
    r"|get|got|go|goes|went|for (?:a |the |my )?(?:run|marathon|race)|to run)\b)",
    # strength work for the legs: "strength session for legs", "lift heavy, legs included"
    _GYM + r" (?:heavy |hard )?(?:sessions? |workouts? |work |class )?(?:for|on|focused on"
    r"|focusing on|targeting|hitting|mostly|mainly) (?:my |the )?" + _LOWER,
    _GYM + r" (?:[a-z0-9]+ ){0,3}(?:, )?(?:(?:legs?|lower body) included|includ(?:ing|ed|es)"
    r" (?:my |the )?(?:legs?|lower body)|incl (?:legs?|lower body)|(?:legs?|lower body)"
    r" (?:too|as well|also)(?= [.,;:!?-]|$| (?:yesterday|today|this|last|earlier|on|at|in"
    r"|\d)\b))")
RECENT = alt("yesterday", "this morning", "last night", "today", "earlier today",
             r"(?:1|2) days? ago", "the day before", "day before yesterday", "the other day",
             "48 hours", "before (?:my|the|this) run", "this week", "on (?:monday|tuesday"
             r"|wednesday|thursday|friday|saturday|sunday)")
_LEG_MUSCLE = alt(r"legs?", r"thighs?", r"quads?", r"glutes?", r"hamstrings?", "hammies",
                  "calves", "bum", "butt", "backside", "hips", "adductors", "lower body")
_SORE = alt("sore", "tight", "stiff", "aching", "achy", "ache", "aches", "killing me",
            "in bits", "wrecked", "destroyed", "battered", "trashed", "smashed", "toast",
            "cooked", "fried", "shot", "dead", "heavy", "burning", "screaming", "in agony",
            "hurting", "hurt", "hurts", "doms", "jelly", "tired", "knackered", "shattered",
            "exhausted", "fatigued", "wobbly", "mush", "spaghetti", "noodles")
_AFTER_GYM = (r"(?:after|from|since|following|post) (?:the |my |a |this mornings |yesterdays "
              r"|last nights |doing |all the |some |that |those )?(?:heavy |hard |big )?" + _GYM)
# Lower-body soreness put down to the gym: "quads are killing me after weights".
GYM_SORE = (_LEG_MUSCLE + r" <G5>" + _SORE + r" <G4>" + _AFTER_GYM
            + "|" + _SORE + r" (?:and [a-z]+ )?(?:my |the )?" + _LEG_MUSCLE + r" <G3>"
            + _AFTER_GYM
            + "|" + _AFTER_GYM + r" <G3>(?:, )?(?:my |the )?" + _LEG_MUSCLE + r" <G3>" + _SORE
            + "|doms (?:in (?:my |the )?" + _LEG_MUSCLE + " )?" + _AFTER_GYM
            + "|" + _GYM + r" (?:has |have |yesterday |this morning |session |sessions )?"
            r"(?:wrecked|destroyed|killed|smashed|battered|trashed|fried|cooked|annihilated"
            r"|obliterated|nuked|hammered|done in|finished off) (?:my )?" + _LEG_MUSCLE)

# Strength work this long ago no longer counts as "in the last 48 hours".
STALE = compile_pattern(
    r"(?:last|a|1|2|3|few|couple of) weeks? ago|last week|weeks ago|months?|for (?:a |1 )?weeks?"
    r"|(?:[3-9]|\d\d)"
    r" days ago|a while (?:ago|back)|not (?:lately|recently|for a while|in a while"
    r"|this week)|years?|ages ago")

RULES: list[Rule] = [
    # sleep_hours, in words (numbers are read in `numbers`)
    rule("sleep_hours", "under_6",
         r"(?:barely|hardly|rarely|never) (?:get |getting )?(?:any |much |enough )?"
         r"sleep(?:ing)?|(?:not|never) (?:getting |get |sleeping )?(?:enough|much) sleep"
         r"|(?:not|never) sleep(?:ing)? (?:enough|much|well|properly|great)|lack of sleep"
         r"|sleep deprived|sleep deprivation|(?:little|no|bad|poor|terrible|broken|awful|crap"
         r"|rubbish|short) sleep|sleeping (?:badly|poorly|terribly|awfully)|sleep (?:badly"
         r"|poorly|terribly|is (?:bad|terrible|awful|poor|rubbish|crap|a mess))|insomnia"
         r"|newborn|new baby|up all night|short nights|(?:short|little|low) on sleep"),
    rule("sleep_hours", "7_to_9",
         r"sleep(?:ing)? (?:well|fine|great|plenty|loads|enough|like a log|like a baby"
         r"|soundly|properly)|(?:plenty of|enough|good|decent|great|solid|lots of) sleep"
         r"|sleep (?:is|has been) (?:fine|good|great|ok|okay|decent|solid)", negated="under_6"),
    # iron_signs
    rule("iron_signs", "yes",
         r"(?:always|constantly|permanently|forever|continually|chronically|often|all day)"
         r" (?:so |really |very |super |feeling |feel |been |)" + FATIGUE
         + r"|" + FATIGUE + r" (?:all the time|constantly|all day|every day|24 7|for weeks"
         r"|for months|no matter|even (?:at|when|after|on|with) (?:rest|resting|i rest|sitting"
         r"|sleeping|a good night|8 hours|sleep|good sleep|rest days|days off)"
         r"|even (?:(?:when )?(?:i am )?(?:at|sat at|sitting at|sat|sitting|lying|on) (?:my |the "
         r"|a )?(?:desk|work|the office|office|computer|home|sofa|couch|down|still|around"
         r"|in bed|non running days|easy days|weekends?)))"
         r"|(?:chronic|constant|extreme|persistent|general) (?:fatigue|tiredness|exhaustion)"
         r"|tired at rest", negated="no", unless=LEGS_TIRED),
    rule("iron_signs", "yes", r"pale(?! (?:yellow|ale|blue|pink))|pallor|washed out",
         negated="no", unless=r"foot|feet|toes?|pee|urine|wee|(?:calf|leg|shin) <G3>pale"
         r"|pale (?:and \w+ )?(?:calf|leg|shin)", wide=True),
    rule("iron_signs", "yes",
         r"(?:out of breath|breathless|short of breath|winded|puffed|puffing|huffing|gasping"
         r"|struggl\w*|knackered|gassed) <G4>(?:stairs|staircase|a flight|flights|steps"
         r"|walking|just walking|walking up|hills? (?:when|while) walking)"
         r"|stairs (?:leave|leaves|make|makes|get|gets) me (?:out of breath|breathless|winded"
         r"|puffed)", negated="no"),
    rule("iron_signs", "yes",
         r"heavy periods?|periods? (?:are|is|have been|were|get) <G2>heavy|heavy (?:menstrual"
         r"|menstruation|bleeding|flow)|menorrhagia", negated="no"),
    rule("iron_signs", "yes",
         r"low (?:iron|ferritin|haemoglobin|hemoglobin|hb|b12|blood count)|anemi\w*"
         r"|iron deficien\w*|(?:lacking|deficient|short) (?:in|of) iron|iron (?:is |was "
         r"|levels? (?:is |are |were |was )?)(?:low|bad)|ferritin (?:is |was |of )?low"
         r"|(?:little|not much|no) iron|iron poor", negated="no"),
    rule("iron_signs", "no",
         r"(?:otherwise|other than that|apart from that|apart from (?:my |the )?legs) (?:i )?"
         r"(?:am |feel |i feel |i am )?(?:fine|good|great|ok|okay|healthy|normal|well)"
         r"|(?:feel|feeling|i am) (?:fine|good|great|ok|okay|healthy|normal|well|energetic)"
         r" otherwise|(?:plenty of|lots of|good|normal|high) energy|energy (?:levels? )?"
         r"(?:is |are )?(?:fine|good|great|normal|high|ok)|(?:iron|ferritin|bloods?"
         r"|blood (?:tests?|work|results)|haemoglobin|hemoglobin) (?:levels? )?(?:is |are |was "
         r"|were |came back |all |have been |looked |look )*(?:fine|normal|good|ok|okay|clear"
         r"|great)|eat (?:plenty of |lots of |a lot of )?(?:red meat|steak|iron rich)"),
    # leg_day (staleness is checked in `extract`)
    rule("leg_day", "yes", LEG_WORK, negated="no",
         unless=r"(?:when|if|whenever) i (?:squat|lunge|bend)"),
    rule("leg_day", "yes", _GYM + r" <G4>" + RECENT + "|" + RECENT + r" <G4>" + _GYM,
         negated="no"),
    rule("leg_day", "yes", GYM_SORE),
    # "I don't get sore legs after weights" denies the soreness, not the weights.
    rule("leg_day", None, _GYM, negated="no", unless=_AFTER_GYM),
    # rest_days, in words (counts are read in `numbers`)
    rule("rest_days", "none",
         r"(?:run|running|runs|train|training|jog|jogging|out|exercise|exercising) (?:every|each)"
         r" (?:single )?day|(?:run|running|train|training) daily|no (?:rest|off|recovery)"
         r" days?|no days off|never (?:take |have |get )?(?:a )?(?:day off|rest day|break)"
         r"|never rest|(?:run|running) streak|streak of \d+"
         r"|every (?:single )?(?:morning|evening|night|day) (?:including|incl|even on|and)"
         r" (?:the )?weekends?|7 days a week|seven days a week"),
    rule("rest_days", None,
         r"(?:take|have|get|do|taking|having) (?:a |any |my )?(?:rest|recovery|off) days?"
         r"|rest days?|days? off|(?:take|taking) (?:a )?(?:day|break) off", negated="none"),
    rule("rest_days", "none",
         r"(?:weeks|ages|months|a month|a fortnight|forever|a long time|a while|\d+ (?:weeks"
         r"|months)) since (?:my |i (?:last )?(?:had|took|have had|have taken) (?:a |my )?)"
         r"(?:last )?(?:proper )?(?:day off|rest day|recovery day|day of rest|full rest day)"
         r"|(?:can not|do not|could not) (?:even )?remember (?:the last time i (?:had|took"
         r"|have had|have taken|rested|took it easy)|my last (?:proper )?(?:day off|rest day))"
         r"|(?:have not|had not|not|never) (?:properly |actually |really )?rested (?:in|for)"
         r" (?:weeks|ages|months|a month|a fortnight|forever|a long time|a while|\d+ (?:weeks"
         r"|months))"),
    rule("rest_days", "two_plus",
         r"every other day|alternate days|weekends off|(?:a )?few (?:rest )?days off"),
]
