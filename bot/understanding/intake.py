"""Phrase rules for what a runner eats and drinks around runs: fuel and hydration."""
from __future__ import annotations

from bot.understanding.rules import IDIOM, Rule, alt, rule

_FOODS = alt("porridge", "oats", "oatmeal", "toast", "bagels?", "bananas?", "pasta", "rice",
             r"potato\w*", "cereal", "granola", "muesli", "bread", "noodles", "energy gels?",
             "gels", r"carb load\w*", "carbs before", "sandwich", "flapjack", "crumpets?", "pancakes?",
             "waffles?", "jelly babies")
# "I eat plenty of red meat" is about protein or iron, not about carbohydrate fuel.
_NOT_CARBS = (r"(?! of (?:red )?(?:meat|steak|protein|veg\w*|fruit|fish|chicken|eggs|salad"
              r"|greens|spinach|iron|beef|lamb|liver))")
_BAD_AT = alt("bad", "terrible", "awful", "rubbish", "useless", "hopeless", "crap", "shocking",
              "not great", "not good", "not the best", "poor")
# Food words as slang for a worn-out body, or in idioms: "legs are toast", "I'm toast",
# "legs like wet noodles", "bread and butter session", "couch potato". None is fuel.
_SLANG_FOOD = alt("toast", "noodles?", "spaghetti", "jelly", "mush", "pancakes?", r"potato\w*")
_WORN_OUT_BY = alt(r"legs?", "body", "muscles", "quads", "calves", "thighs", "hamstrings",
                   "glutes", "knees", "brain", "head", "i am", "i was", "i feel", "i felt",
                   "i have been", "i will be", "i would be", "i am feeling", "you are", "we are",
                   "they are", "they feel", "they felt", "they were", "they have gone")
_BECOME = (r"(?:(?:are|is|was|were|feel|feels|felt|feeling|look|looks|have been|has been"
           r"|have gone|has gone|have turned|went|go|goes|gone|turn|turns|turned|turning"
           r"|became|become) )?(?:(?:to|into|in to|like|so|really|very|totally|completely"
           r"|absolutely|utterly|just|pure|proper|properly|literally|basically|actually"
           r"|officially|already|now|well and truly|a bit|a little|kind of|kinda|sort of"
           r"|all|a|an|some|wet|limp|soggy|cold|overcooked|cooked|boiled|burnt|burned|stale"
           r"|total|complete|absolute|utter) ){0,4}")
_FOOD_IDIOMS = (
    _WORN_OUT_BY + " " + _BECOME + _SLANG_FOOD
    + r"|(?:totally|completely|absolutely|utterly|proper|well and truly) toast"
    r"|noodles? legs?|piece of cake|easy as pie|pie in the sky|cake ?walk"
    r"|(?:my|our|your|their|is|are|was|were) bread and butter(?! pudding)"
    r"|bread and butter (?:sessions?|runs?|workouts?|routes?|miles|km|training|distance|pace"
    r"|efforts?|stuff|work|of)|since sliced bread|(?:flat|thin) as (?:a )?pancakes?"
    r"|couch potato\w*|hot potato\w*|small potato\w*|meat and potato\w*"
    r"|(?:go|goes|going|gone|went|drives? me|driving me|drove me) bananas?|top banana"
    r"|banana skins?|wild oats|feeling (?:my|his|her|their) oats"
    r"|(?:sorry|apologies) (?:for|about) (?:the|my|this|all the) (?:long )?waffle"
    r"|waffles? on|(?:raise|raised|raising|make|made|propose|proposed) a toast|a toast to"
    r"|(?:warm|snug) as toast|toast of the town|gels? (?:well |nicely |together )?with")
_THIRST = alt("thirsty", "parched", "gasping for (?:a )?(?:drink|water)", "dying of thirst",
              "spitting feathers")
# Thirst that keeps coming back, or on the run itself: "always parched on runs".
_THIRSTY = (r"(?:always|constantly|really|very|so|super|often|permanently|forever|perpetually"
            r"|usually|properly|absolutely|totally|completely|massively) (?:(?:feel|feeling|get"
            r"|getting|am|been|so|really|very|super|bone) ){0,2}" + _THIRST
            + r"|" + _THIRST + r" (?:all the time|constantly|all day|every day|on (?:every |my "
            r"|most |all |the |long |hot )?runs?|during (?:my |the |every |most )?runs?|mid run"
            r"|when i run|while running|(?:by|at) (?:the )?(?:end|halfway|half way|mile \d+"
            r"|km \d+))|spitting feathers|dying of thirst|(?:dry|parched|cotton) mouth"
            r"|mouth (?:is |gets |goes |feels )?(?:so |really |very |bone )?(?:dry|like sandpaper)")
_CAFFEINE = alt("coffee", "tea", "coke", "diet coke", "soda", "energy drinks?", "beer", "wine",
                "alcohol", "fizzy drinks?", "red bull", "pop")

RULES: list[Rule] = [
    # fuel
    rule("fuel", "poor",
         r"empty stomach|nothing in (?:my |the )?stomach|empty tank|fasted|fasting|low carbs?"
         r"|no carbs?|keto\w*|cut(?:ting)? (?:out |back on |down on )?carbs|carnivore"
         r"|(?:not|never) (?:really |actually |usually )?eat(?:ing)?(?= [.,;!?]| much| a lot|$)"
         r"|(?:barely|hardly|rarely|never) eat(?! (?:red |any )?(?:meat|fish|veg\w*|greens|dairy"
         r"|sugar|sweets|junk|out|fast food|takeaways?|beef|pork|chicken))"
         r"|eat (?:not much|very little|nothing|almost nothing)"
         r"|(?:not|never) (?:been )?(?:eat|eating|eaten) (?:enough|much|properly|before|anything"
         r"|breakfast|a thing|since|all day|for hours)|under ?(?:eat|fuel)\w*|calorie deficit"
         r"|(?:on a|dieting|strict|started a"
         r"|starting a|doing a|going on a) diet|eat (?:very )?little|(?:run|running) (?:first "
         r"thing )?before (?:breakfast|eating|i eat)|nothing before|(?:no|without) (?:food"
         r"|breakfast|eating|fuel)|skip\w* (?:breakfast|meals?|lunch|dinner|food|eating)"
         r"|(?:run|running) on (?:empty|fumes)|hungry (?:during|on|when)", negated="good"),
    rule("fuel", "poor",
         r"eat(?:ing)? (?:a lot |much |way )?less(?! (?:meat|red meat|sugar|junk|processed|sweets"
         r"|chocolate|crisps|takeaways?|fast food|dairy|gluten))|dieting"
         r"|cutting (?:calories|cals|back on food)|counting calories|calorie (?:restrict\w*"
         r"|counting)|intermittent fasting|avoid(?:s|ing)? carbs|(?:zero|no|low) carb\w*"
         r"|carb free|paleo|atkins|" + _BAD_AT + r" at (?:eating|fuelling|fueling|remembering to"
         r" eat)|(?:struggle|forget\w*) to eat|(?:just|only) (?:a |an )?(?:black |strong )?"
         r"(?:coffee|espresso)(?: [a-z]+){0,2} (?:before|first thing|in the morning|for"
         r" breakfast)|coffee for breakfast|(?:on|with|after) (?:just|only) (?:a |an )?(?:black "
         r"|strong |cup of )?(?:coffee|espresso|tea)(?! and)", negated="good"),
    rule("fuel", IDIOM, _FOOD_IDIOMS),
    rule("fuel", "good", _FOODS),
    rule("fuel", "good",
         r"eat(?:ing)? (?:properly|well|enough|plenty|a lot|loads|a proper (?:meal|breakfast)"
         r"|a good breakfast|breakfast|before (?:i run|running|runs|my runs?)|something before)"
         + _NOT_CARBS +
         r"|(?:fuel|fuelling|fueling) (?:well|properly|up)|well fuel\w*|(?:good|healthy"
         r"|balanced|proper) (?:diet|meals?|breakfast)|(?:plenty|lots) of carbs"
         r"|(?:high|enough) carbs?|diet is (?:fine|good|great|ok|balanced)"
         r"|eat(?:ing)? (?:ok|okay|fine|alright|normally|decently)", negated="poor"),
    # hydration
    rule("hydration", "poor",
         r"(?:hardly|barely|rarely|never|not) (?:any |much |enough )?(?:water|fluids?)"
         r"|(?:hardly|barely|rarely|never|seldom|not) (?:really )?drink(?:ing)?(?! (?:alcohol"
         r"|beer|wine|coffee|tea|booze|fizzy))|(?:mostly|only|just|nothing but"
         r"|lots of|loads of|too much) (?:drink |drinking )?" + _CAFFEINE + r"|" + _THIRSTY
         + r"|dark yellow (?:pee|urine|wee)|(?:pee|urine|wee) (?:is |was )?dark yellow"
         r"|no water|without water|forget\w* to (?:drink|hydrate)|(?:live|living|run|running"
         r"|survive|surviving) on " + _CAFFEINE + r"|(?:drink|drinking) (?:only |about |around |maybe )?"
         r"(?:0\.\d+|half a|1) litres?(?! or)"),
    rule("hydration", "poor", r"dehydrat\w*", negated="good",  # not a runner's guess at it
         unless=r"(?:probably|maybe|perhaps|possibly|might|could|guess|think|wonder\w*|if)"
                r"(?: i am| it is| it was| i was| be| just| be just)* (?:just )?dehydrat\w*"),
    rule("hydration", "poor",
         _BAD_AT + r" (?:at|with) (?:drinking|hydrating|hydration|staying hydrated|remembering to"
         r" drink|fluids|water)|(?:struggle|struggling) to drink|(?:only|just|maybe|about|like)"
         r" (?:a|1|2|3) (?:small )?(?:glass|glasses|cups?) (?:of water )?(?:a|per|each) day"
         r"|(?:only|just|mostly) (?:have|had|having) " + _CAFFEINE),
    rule("hydration", "sometimes", r"(?:drink )?(?:only )?when (?:i am |i feel |i get )?"
         r"(?:really )?(?:thirsty|parched)"),
    rule("hydration", "good",
         r"drink (?:plenty|lots|loads|a lot|enough|well|(?:about |around |roughly |at least "
         r"|over |like )?(?:1\.[5-9]|[2-9](?:\.\d)?|1\d) (?:or \d )?litres"
         r"|water (?:all day|throughout|regularly|constantly)|throughout the day|all day"
         r"|constantly|regularly|loads of water)(?! of " + _CAFFEINE + r")"
         r"|(?:well|properly|fully) hydrated|stay (?:well )?hydrated|keep hydrated"
         r"|hydrate (?:well|properly|a lot|before|during|after)|hydration (?:vest|pack|belt"
         r"|tablets)|electrolytes?|(?:good|great|fine) (?:hydration|fluid intake)"
         r"|plenty of (?:water|fluids)|(?:lots|loads) of water|hydration is (?:good|fine|ok)"
         r"|sip\w* (?:on )?(?:water|fluids)|water (?:all day|throughout the day)|tailwind|nuun"
         r"|sports drinks?|isotonic|dioralyte|(?:hydration|salt|electrolyte) tab\w*"
         r"|(?:[6-9]|1\d) (?:glasses|cups) (?:of water )?(?:a|per|each) day",
         negated="poor"),
    # "I drink fine", "my eating is decent": the habit judged in so many words
    rule("hydration", "good", r"(?:i |my )(?:drink|drinking|hydration|fluids|water intake)"
         r" (?:is |are |has been )?(?:fine|ok|okay|good|great|decent|solid|spot on|sorted)",
         negated="poor"),
    rule("fuel", "good", r"(?:i |my )(?:eat|eating|diet|fuelling|fueling|nutrition)"
         r" (?:is |are |has been )?(?:fine|ok|okay|good|great|decent|solid|spot on|sorted)",
         negated="poor"),
    rule("hydration", "good", r"drink(?:ing)? (?:enough |plenty of |lots of )?(?:water|fluids)",
         negated="poor"),
    rule("hydration", "good",
         r"(?:carry|bring|take) (?:a |my )?(?:water )?(?:bottle|water|flask)|water bottle",
         unless=r"hate|dislike|can not stand|do not like|annoying|never"),
]
