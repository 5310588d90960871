"""Word lists behind normalisation: spelling fixes, slang, number words, and the
vocabulary that fuzzy typo correction may snap a word onto."""
from __future__ import annotations

# Misspellings and slang, token -> replacement (the replacement may be several words).
TYPOS: dict[str, str] = {
    # sleep
    "slep": "sleep", "sleap": "sleep", "sleeo": "sleep", "slepp": "sleep", "sleepp": "sleep",
    "sleept": "slept", "slpet": "slept", "sleping": "sleeping", "sleeing": "sleeping",
    "nite": "night", "nites": "nights", "nighs": "nights", "kip": "sleep", "shuteye": "sleep",
    # warm-up
    "warmup": "warm up", "warmups": "warm ups", "warmedup": "warmed up",
    "warmingup": "warming up", "strech": "stretch", "streches": "stretches",
    "streching": "stretching", "stetches": "stretches",
    # food and drink
    "brekkie": "breakfast", "brekky": "breakfast", "breakfest": "breakfast",
    "breakfas": "breakfast", "brekfast": "breakfast", "breakfst": "breakfast",
    "stomache": "stomach", "tummy": "stomach", "carbos": "carbs", "porrige": "porridge",
    "watter": "water", "coffe": "coffee", "cofee": "coffee", "electrolites": "electrolytes",
    "dehidrated": "dehydrated", "dehyrated": "dehydrated", "dehydrate": "dehydrated",
    "hydate": "hydrate", "vegitarian": "vegetarian", "vegeterian": "vegetarian",
    "vegatarian": "vegetarian", "veggie": "vegetarian", "vego": "vegetarian",
    # training
    "excercise": "exercise", "exercize": "exercise", "exersize": "exercise",
    "excersize": "exercise", "exercice": "exercise", "excercising": "exercising",
    "milage": "mileage", "mileage's": "mileage", "marthon": "marathon",
    "marathin": "marathon", "maraton": "marathon", "legday": "leg day",
    "sqats": "squats", "squts": "squats", "squatts": "squats", "deadlifting": "deadlifts",
    "heelstrike": "heel strike", "heelstriking": "heel striking", "overstiding": "overstriding",
    "wk": "week", "wks": "weeks", "pw": "per week", "everyday": "every day",
    # symptoms
    "palpatations": "palpitations", "palpitaions": "palpitations",
    "palpations": "palpitations", "palps": "palpitations", "dizy": "dizzy",
    "lightheaded": "light headed", "feinted": "fainted", "feint": "faint",
    "swolen": "swollen", "swollon": "swollen", "calve": "calf", "calfs": "calves",
    "urin": "urine", "tierd": "tired", "tird": "tired", "tirred": "tired",
    "exausted": "exhausted", "exhuasted": "exhausted", "exhasted": "exhausted",
    "knackerd": "knackered", "anaemic": "anemic", "anaemia": "anemia",
    "chestpain": "chest pain", "chestpains": "chest pains", "tite": "tight", "tites": "tight",
    "ticker": "heart", "breathles": "breathless", "brething": "breathing",
    "palpitatons": "palpitations", "palpitaitons": "palpitations", "fanted": "fainted",
    "fainded": "fainted", "diziness": "dizziness", "dizzyness": "dizziness",
    "swollan": "swollen", "sweling": "swelling",
    # fillers, hedges and answers
    "alot": "a lot", "abit": "a bit", "alittle": "a little", "u": "you", "ur": "your",
    "idk": "i do not know", "dunno": "do not know", "dno": "do not know",
    "deffo": "definitely", "defo": "definitely", "def": "definitely",
    "definately": "definitely", "defintely": "definitely", "prob": "probably",
    "probs": "probably", "prolly": "probably", "probaly": "probably",
    "cuz": "because", "coz": "because", "cos": "because", "bc": "because", "tho": "though",
    "thru": "through", "somtimes": "sometimes", "sometims": "sometimes",
    "somethimes": "sometimes", "sumtimes": "sometimes", "occasionaly": "occasionally",
    "ocasionally": "occasionally", "usualy": "usually", "realy": "really",
    "remeber": "remember", "rember": "remember", "yesterdy": "yesterday",
    "yday": "yesterday", "tmrw": "tomorrow", "rn": "right now", "esp": "especially",
    "r": "are", "ppl": "people", "gonna": "going to", "wanna": "want to",
    "prety": "pretty", "pritty": "pretty", "nuthin": "nothing",
    "nothin": "nothing", "anythin": "anything", "runnin": "running", "gettin": "getting",
}

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
TENS = frozenset({20, 30, 40, 50, 60, 70, 80, 90})

# Words the rules look for: a misspelt token close to one of them is snapped onto it.
KEYWORDS: frozenset[str] = frozenset("""
sleep sleeping breakfast stomach palpitations swollen swelling exhausted exhaustion
tired dehydrated dehydration hydration hydrated hydrate water warming overstride
overstriding overstrides marathon mileage squats deadlifts lunges vegetarian vegan
anemic anemia ferritin periods breathless breathlessness dizzy dizziness fainted
fainting racing pounding tingly tingling numbness electrolytes porridge pasta
exercise doubled tripled increased sometimes occasionally usually remember definitely
probably really stretches stretching dynamic fasted fasting skipping skipped hardly
barely knackered shattered fatigue fatigued haemoglobin hemoglobin urine tightness
pressure calves shins tender fracture compartment coffee bottle drinking thirsty
weights strength yesterday morning evening afterwards running training sessions session
workout workouts glutes quads hamstrings lunges parched mileage increase
carbohydrates carbs bagel cereal potatoes granola muesli oatmeal banana heartbeat
fluttering skipping irregular collapsed unconscious blackout blacked throbbing
palpitation swallow swollen walking sitting resting stairs climbing menstrual ferritin
deficient deficiency iron pale washed drained lethargic sluggish knackered
""".split())

# Real words that look like a typo of a keyword and must be left alone.
PROTECTED: frozenset[str] = frozenset("""
sleepy sleeper sleeps asleep slept slipped stripped tripped faster fastest barley
stars tried tries tiered weighs period breathe breathed breathing drinks drinker
racings pacing facing spacing waiting working warmer warmest walked walker
raising raining ration lunged lunger wetter better bitter butter pastas pastry
"""
# Dictionary words (British and American) the fuzzy matcher would otherwise snap onto a
# different keyword: "seeing" is not "sleeping", "sipping" is not "skipping".
"""
backed bandana bandanas bandanna blacken blackened blacker blackhead blanked blocked
breathes cerebral claiming collapses comportment deficit definitively dehydrates diking
dining dizzies double doubles doublet doubted drainer draining dynamical electroplates
excise exorcise fainter farting fastened fastening fating feasted feasting fining flattering
flustering hardily hydrae hydrant increases lounges moaning mooning mooring mourning
override overrides overriding palliation pouncing pressurise pressurize provably racking
ranching reaching reacting recasting regally renting rerunning resenting resetting resisting
resorting restating restoring resulting reusing roaching ruining rusting sallow scattered
seeing seeping selling setting shallow shelling shines shipped shipping sifting silting
sipped sipping siting situating skiing skimped skimping skipper skippered skippering
sleeking sleeting slipping slitting smelling smiting snipped snipping spattered spelling
spiting spitting splitting stating steeping strengthen stretcher stretchers stretchiest
suiting swattered sweeping swilling swivelling tainting tangling tenderer thirstily thirsts
tiling tingeing tinging tinkling tippled trailed trailing trendier trialed trifled trilled
triple triples triplet twinging unusually wailing waiter waking waling walling warding
warning warping warring waster watery wearing weight weighty whaling wights worming weights
""".split())
