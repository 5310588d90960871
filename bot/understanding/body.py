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
LEG_WORK = alt("leg day", "legs day", r"squat(?:s|ted|ting)?", r"lunge(?:s|d)?", "lunging",
               r"dead ?lifts?", "deadlifted", "rdls?", "leg press(?:es)?",
               r"leg (?:workout|session|circuit|weights)", r"lower body (?:workout|session|day"
               r"|strength|weights|work)", "step ups", r"hamstring curls?", r"leg extensions?",
               r"leg curls?", r"calf raises", r"box jumps", r"plyometrics?", "plyos",
               r"hip thrusts?", r"weights? (?:for|on) (?:my )?legs")
_GYM = alt("gym", "weights", "weight training", "lifting", "lifted", "lift", "strength training",
           "strength session", "strength work", "strength class", "crossfit", "body pump",
           "bodypump", "hiit class", "spin class", "spinning class", "circuit training")
RECENT = alt("yesterday", "this morning", "last night", "today", "earlier today",
             r"(?:1|2) days? ago", "the day before", "day before yesterday", "the other day",
             "48 hours", "before (?:my|the|this) run", "this week", "on (?:monday|tuesday"
             r"|wednesday|thursday|friday|saturday|sunday)")
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
         r"|sleeping|a good night|8 hours|sleep|good sleep|rest days|days off))"
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
    rule("leg_day", None, _GYM, negated="no"),
    # rest_days, in words (counts are read in `numbers`)
    rule("rest_days", "none",
         r"(?:run|running|runs|train|training|jog|jogging|out|exercise|exercising) (?:every|each)"
         r" (?:single )?day|(?:run|running|train|training) daily|no (?:rest|off|recovery)"
         r" days?|no days off|never (?:take |have |get )?(?:a )?(?:day off|rest day|break)"
         r"|never rest|(?:run|running) streak|streak of \d+"),
    rule("rest_days", None,
         r"(?:take|have|get|do|taking|having) (?:a |any |my )?(?:rest|recovery|off) days?"
         r"|rest days?|days? off|(?:take|taking) (?:a )?(?:day|break) off", negated="none"),
    rule("rest_days", "two_plus",
         r"every other day|alternate days|weekends off|(?:a )?few (?:rest )?days off"),
]
