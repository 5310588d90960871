"""Phrase rules for what a runner eats and drinks around runs: fuel and hydration."""
from __future__ import annotations

from bot.understanding.rules import Rule, alt, rule

_FOODS = alt("porridge", "oats", "oatmeal", "toast", "bagels?", "bananas?", "pasta", "rice",
             r"potato\w*", "cereal", "granola", "muesli", "bread", "noodles", "energy gels?",
             "gels", r"carb load\w*", "carbs before", "sandwich", "flapjack", "crumpets?", "pancakes?",
             "waffles?", "jelly babies")
# "I eat plenty of red meat" is about protein or iron, not about carbohydrate fuel.
_NOT_CARBS = (r"(?! of (?:red )?(?:meat|steak|protein|veg\w*|fruit|fish|chicken|eggs|salad"
              r"|greens|spinach|iron|beef|lamb|liver))")
_BAD_AT = alt("bad", "terrible", "awful", "rubbish", "useless", "hopeless", "crap", "shocking",
              "not great", "not good", "not the best", "poor")
_CAFFEINE = alt("coffee", "tea", "coke", "diet coke", "soda", "energy drinks?", "beer", "wine",
                "alcohol", "fizzy drinks?", "red bull", "pop")

RULES: list[Rule] = [
    # fuel
    rule("fuel", "poor",
         r"empty stomach|nothing in (?:my |the )?stomach|empty tank|fasted|fasting|low carbs?"
         r"|no carbs?|keto\w*|cut(?:ting)? (?:out |back on |down on )?carbs|carnivore"
         r"|(?:not|never) eat(?:ing)?(?= [.,;!?]| much| a lot|$)|(?:barely|hardly|rarely|never) eat"
         r"|(?:not|never) (?:been )?(?:eat|eating|eaten) (?:enough|much|properly|before|anything"
         r"|breakfast)|under ?(?:eat|fuel)\w*|calorie deficit|(?:on a|dieting|strict|started a"
         r"|starting a|doing a|going on a) diet|eat (?:very )?little|(?:run|running) (?:first "
         r"thing )?before (?:breakfast|eating|i eat)|nothing before|(?:no|without) (?:food"
         r"|breakfast|eating|fuel)|skip\w* (?:breakfast|meals?|lunch|dinner|food|eating)"
         r"|(?:run|running) on (?:empty|fumes)|hungry (?:during|on|when)", negated="good"),
    rule("fuel", "poor",
         r"eat(?:ing)? (?:a lot |much |way )?less(?! (?:meat|red meat|sugar|junk|processed|sweets"
         r"|chocolate|crisps|takeaways?|fast food|dairy|gluten))|(?:trying|want|wanting|need"
         r"|needing|hoping) to (?:lose|drop|shed)"
         r" (?:some |a bit of )?(?:weight|pounds|a few (?:pounds|kilos|kg|lbs|stone))|dieting"
         r"|cutting (?:calories|cals|back on food)|counting calories|calorie (?:restrict\w*"
         r"|counting)|intermittent fasting|avoid(?:s|ing)? carbs|(?:zero|no|low) carb\w*"
         r"|carb free|paleo|atkins|" + _BAD_AT + r" at (?:eating|fuelling|fueling|remembering to"
         r" eat)|(?:struggle|forget\w*) to eat|(?:just|only) (?:a |an )?(?:black |strong )?"
         r"(?:coffee|espresso)(?: [a-z]+){0,2} (?:before|first thing|in the morning|for"
         r" breakfast)|coffee for breakfast|(?:on|with|after) (?:just|only) (?:a |an )?(?:black "
         r"|strong |cup of )?(?:coffee|espresso|tea)(?! and)", negated="good"),
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
         r"|lots of|loads of|too much) (?:drink |drinking )?" + _CAFFEINE + r"|(?:always"
         r"|constantly|really|very|so) thirsty|thirsty all the time|dry mouth"
         r"|dark yellow (?:pee|urine|wee)|(?:pee|urine|wee) (?:is |was )?dark yellow"
         r"|no water|without water|forget\w* to (?:drink|hydrate)|(?:live|living|run|running"
         r"|survive|surviving) on " + _CAFFEINE + r"|(?:drink|drinking) (?:only |about |around |maybe )?"
         r"(?:0\.\d+|half a|1) litres?(?! or)"),
    rule("hydration", "poor", r"dehydrat\w*", negated="good"),
    rule("hydration", "poor",
         _BAD_AT + r" (?:at|with) (?:drinking|hydrating|hydration|staying hydrated|remembering to"
         r" drink|fluids|water)|(?:struggle|struggling) to drink|(?:only|just|maybe|about|like)"
         r" (?:a|1|2|3) (?:small )?(?:glass|glasses|cups?) (?:of water )?(?:a|per|each) day"
         r"|(?:only|just|mostly) (?:have|had|having) " + _CAFFEINE),
    rule("hydration", "sometimes", r"(?:drink )?(?:only )?when (?:i am |i feel |i get )?thirsty"),
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
    rule("hydration", "good", r"drink(?:ing)? (?:enough |plenty of |lots of )?(?:water|fluids)",
         negated="poor"),
    rule("hydration", "good",
         r"(?:carry|bring|take) (?:a |my )?(?:water )?(?:bottle|water|flask)|water bottle",
         unless=r"hate|dislike|can not stand|do not like|annoying|never"),
]
