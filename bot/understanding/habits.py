"""Phrase rules for running habits: onset, warm-up, training load, form."""
from __future__ import annotations

from bot.understanding.rules import Rule, alt, rule

# "heavy until I'm warmed up" speaks of warm legs, not of a warm-up routine.
WARM_BODY = (r"(?:until|till|once|before|after|when|as soon as) (?:i am |i |i get |i have "
             r"|my legs |legs |they |they are |my body |the legs |my muscles |muscles )?"
             r"(?:get |are |have |is )?(?:properly |fully |nicely )?warm(?:ed|ing)? up"
             r"|(?:legs|they|muscles|body) (?:eventually |finally |then )?warm(?:s|ed)? up")
_DAYPART = alt("steps?", "strides?", "miles?", "km", "k", "kilometres?", "minutes?", "bit", "part",
               "moments?", "meters", "metres", "hundred meters", "kilometers?", "stretch")
# "At the start of the year" is about the calendar, not the run.
_NOT_CALENDAR = (r"(?! of (?:the |this |last |my )?(?:month|year|week|season|plan|block|training"
                 r"|marathon|race|program\w*|summer|winter|spring|autumn|january|lockdown))")
# Long runs named in talk of food, drink or training volume say nothing about onset.
_NOT_ONSET = (r"electrolytes?|gels?|drink\w*|eat\w*|water|bottle|fuel\w*|carry|take|snack\w*"
              r"|thirst\w*|parched|spitting feathers|mouth"
              r"|added|adding|increas\w*|more (?:miles|km)|mileage|doing|started|training for")
_LOAD = (r"(?:my |the |our )?(?:weekly |running |training |total )?(?:mileage|distance|volume"
         r"|training|training load|load|km|miles|kilometres|running|intensity|frequency)")
_RUN = alt("runs?", "running", "jogs?", "jogging", "workouts?", "sessions?", "races?")

RULES: list[Rule] = [
    # onset
    rule("onset", "from_start",
         r"(?:(?:from|on|in|during|at|for|within) (?:the |my )?|the )(?:very )?(?:1st|first) "
         r"(?:few |2 |3 |4 |5 |10 |couple of |couple )?" + _DAYPART),
    rule("onset", "from_start",
         r"(?:right |straight )?from the (?:very )?(?:start|beginning|off|get go|outset"
         r"|word go|first step)" + _NOT_CALENDAR),
    rule("onset", "from_start",
         r"(?:as soon as|the moment|the minute|the second|when|once) i (?:first )?"
         r"(?:start|begin|set off|head out|get going|step out|go out|start running)"
         r"(?! (?:doing|to do|training))"),
    rule("onset", "from_start",
         r"(?:at|in|near) the (?:start|beginning|begining)" + _NOT_CALENDAR + r" (?:of )?(?:the "
         r"|my |every |each |a "
         r"|most |all )?(?:runs?|jogs?|sessions?)?|the (?:start|beginning) of (?:the |my |every "
         r"|each |a |most |all )?(?:runs?|jogs?|sessions?)"),
    rule("onset", "from_start",
         r"(?:right|straight) away|immediately(?! after)|from step 1|early (?:in|on) (?:the |my "
         r"|a |each |every )?runs?|warming up phase|" + WARM_BODY),
    rule("onset", "from_start",
         r"(?:then|but|and|until) (?:it |that )?(?:wears off|goes away|eases off|eases|loosens up"
         r"|loosen up|gets better|disappears|improves|fades)(?! <G2>(?:when|once|after|if) i "
         r"(?:stop|finish|rest))"),
    rule("onset", "during_long_runs",
         r"(?:on|during|in|towards the end of|at the end of|late in|later in|near the end of"
         r"|end of|through|into|only on|only in) (?:the |my |a |any |those |these |longer |most )?"
         r"(?:long|longer|longest) (?:runs?|sessions?|ones?|distances?|efforts?)",
         unless=_NOT_ONSET),
    rule("onset", "during_long_runs",
         r"after (?:about |around |roughly |maybe |like |approximately |over |more than |some )?"
         r"(?:(?:[8-9]|[1-9]\d+)(?:\.\d)? km|(?:[5-9]|[1-9]\d+)(?:\.\d)? miles|(?:[4-9]\d|[1-9]\d\d)"
         r" minutes|(?:an|1|2|1.5) hours?|half an hour|a while|a few miles|a few km)"
         r"|(?:half ?way|midway|mid way)(?: through)?|second half(?! marathon)|later (?:in|on)"
         r" (?:the |my |in the )?runs?|late in (?:the |my )?runs?|towards the end|near the end"
         r"|end of (?:the |my |a |long )?runs?|last (?:few |2 |3 |couple of )?(?:km|miles?"
         r"|kilometers|minutes)|the (?:longer|further|farther|more) i (?:run|go)"
         r"|(?:builds?|building|creeps?|creeping) (?:up|in) (?:over|during|as|through)"
         r"|(?:past|beyond) (?:about |around )?(?:(?:[8-9]|[1-9]\d+)(?:\.\d)? km|(?:[5-9]|[1-9]\d+)"
         r"(?:\.\d)? miles|(?:[4-9]\d|[1-9]\d\d) minutes)|(?:at|around|about|by|from|after)"
         r" (?:the )?(?:mile (?:[5-9]|[1-4]\d)|km (?:[8-9]|[1-4]\d))(?![\w.])"
         r"|gets? (?:heavier|worse) (?:as|the longer|over|during|throughout)"
         r"|as the run (?:goes on|progresses)|(?:\d+) (?:km|miles|minutes) (?:into|in(?= [.,;:!?-]|$"
         r"| (?:and|then|i|my|they|it|legs|things|everything|when|or so|ish|before)\b))"
         r"|(?:[8-9]|[1-9]\d)(?:\.\d)? (?:km|miles) mark",
         unless=_NOT_ONSET),
    rule("onset", "after_runs",
         r"afterwards?|after (?:my |the |a |each |every |most |hard |long |easy |big |)"
         r"(?:hard |long |easy )?" + _RUN + r"(?! (?:of|on) )|after running|post (?:run|race)"
         r"|the (?:day|morning|night|evening) after|(?:the )?next (?:day|morning)"
         r"|following (?:day|morning)|later (?:in|that|on in) (?:the )?(?:day|evening|night)"
         r"|later that|that (?:evening|night)|in the evening after|by the evening"
         r"|doms(?! (?:in (?:my |the )?[a-z]+ )?(?:from|after) (?:the |my |a |doing )?(?:gym"
         r"|weights|lifting|squats|lunges|leg day|legs|strength|deadlifts|crossfit))"
         r"|for (?:a few |2 |3 |a couple of )?(?:days|hours) after|(?:heavy|heaviness|aches?"
         r"|aching|sore|tired|dead|stiff) <G3>(?:in the|by the|that|every|at) (?:evening|night)",
         unless=r"thirst\w*|parched|spitting feathers"),
    rule("onset", "after_runs",
         r"(?:when|once|after) i (?:have )?(?:finish(?:ed)?|get home|got home|get back|am done"
         r"|cool(?:ed)? down|sit down|stop(?:ped)?)(?! running for)",
         unless=r"(?:ease|eases|eased|easing|goes|go|settles?|subsides?|disappears?"
                r"|wears off|fades?|better|stops|improves?) <G3>(?:when|once|after) i"),
    # warm_up
    rule("warm_up", "yes", r"(?:warm|warms|warmed|warming) ups?(?! (?:sets|laps?|jacket"
         r"|clothes|gear|top|kit))", negated="no", unless=WARM_BODY),
    rule("warm_up", "yes",
         r"(?:jog|jogging|run|running|walk|walking) (?:very )?(?:easy|easily|slowly|slow|gently"
         r"|gentle|lightly) (?:for )?(?:a few |a couple of |2 |3 |4 |5 |10 )?(?:minutes )?"
         r"(?:first|before|to start|at first|to begin|beforehand)", negated="no"),
    rule("warm_up", "yes",
         r"(?:few|2|3|4|5|10) minutes (?:of )?(?:easy|slow|gentle|light|easy paced) "
         r"(?:jogging|running|walking|jog|walk|pace)|(?:walk|jog|run|walking|jogging) (?:for )?"
         r"(?:a few|a couple of|a couple|[1-9]|10|15) minutes (?:first|before|beforehand)",
         negated="no"),
    rule("warm_up", "yes",
         r"(?:dynamic|active) (?:stretch\w*|warm up|drills|mobility)|leg swings|high knees"
         r"|butt kicks|(?:start|begin|set off|ease) (?:off |out |in |my runs? )?(?:slow|slowly"
         r"|easy|gently|gradually|steady)|(?:slow|easy|gentle|gradual) start|ease (?:myself )?"
         r"into (?:it|the run|my runs?|running)|eas(?:e|es|ed|ing) (?:myself |my legs |my body )?"
         r"(?:gently |slowly |gradually )?in(?:to (?:it|things|the run|my runs?|running|the pace"
         r"|pace|the session))?(?= [.,;:!?-]| (?:and|then|first|gradually|slowly|gently|before"
         r"|at)\b|$)|build (?:up )?(?:the )?(?:pace|speed"
         r"|intensity|effort)? ?(?:gradually|slowly)|gradually build"
         r"|start (?:with|by) (?:a |an |some )?(?:slow|easy|gentle|light|few|walk|jog)"
         r"|(?:then|and then) (?:gradually |slowly )?(?:build|speed|pick) (?:it |the pace )?up"
         r"|(?:slow|easy|gentle) jog (?:first|to start|before)|(?:drills|mobility|activation"
         r" (?:work|exercises)|(?:a few |some )?strides) (?:before|first|beforehand|to start)"
         r"|walk (?:first |for a bit |a bit )?"
         r"(?:then|and then|before) (?:a |i )?(?:jog|run|start)", negated="no"),
    rule("warm_up", "no",
         r"just (?:go|head out|set off|get going|take off|start running|start|run|go for it"
         r"|leave|head off|get on with it)(?= [.,;!?]| but| and|$)",
         unless=r"(?:legs?|they|it|energy|strength) just go"),  # "my legs just go": they give out
    rule("warm_up", "no",
         r"what warm ups?(?= [.,!?]| lol| haha| ha|$)|never (?:heard of|done) (?:a |any )?warm ups?"
         r"|just (?:head|go|walk|step|run|jog) (?:straight )?out (?:of )?(?:the|my) (?:front )?door"
         r"|straight (?:out (?:of )?the door|into (?:it|the run|running|pace|my runs?|fast))"
         r"|start (?:straight |right )?(?:at|with|on) (?:race |full |my |target |tempo |normal "
         r"|goal |a fast |fast |hard )?(?:pace|speed|effort)|straight at (?:\w+ )?pace"
         r"|(?:(?:start|starts|starting) (?:off |out )?|(?:set|sets|setting|go|goes|going|shoot"
         r"|shoots|fly|flies|tear|tears|bolt|bolts|charge|charges|race|races|head|heads)"
         r" (?:off|out) )(?:way |far "
         r"|much |a bit |a little |always )?(?:too |really |very |pretty |quite |super |so )?"
         r"(?:fast|quick|quickly|hard|sprinting|at a sprint|like a rocket|like a bullet"
         r"|like a bat out of hell|flat out|at full pelt|full pelt|hell for leather"
         r"|all guns blazing)|(?:straight |right )?(?:out "
         r")?(?:at|with) (?:full|top|max|maximum) (?:speed|pace|effort)|go out (?:too )?(?:fast"
         r"|hard|quick)|from cold|cold start|(?:no|zero) (?:time for (?:a )?)?warm(?:ing)?(?: up)?"
         r"|start (?:to run|running|jogging) (?:directly|straight away|right away|immediately)"),
    # load_change
    rule("load_change", "big_increase",
         r"doubled|doubling|tripled|tripling|twice as (?:much|many|far|long)"
         r"|(?:a lot|loads|way|much|heaps|far|significantly|massively|hugely|tons) more "
         r"(?:miles|km|mileage|running|runs|distance|training|volume|kilometers|sessions|often"
         r"|speed work|intervals|hills|hill \w+)"
         r"|running (?:a lot|way|much|loads|heaps|far) more"
         r"|ramp\w* (?:it |things |my \w+ |my training |up )?up|ramped|(?:upped|upping|increased"
         r"|increasing|raised|raising|bumped up|boosted|jumped) (?:my |the )?(?:\w+ )?(?:a lot"
         r"|massively|loads"
         r"|significantly|dramatically|heaps|big time|hugely|quite a bit|a ton)",
         negated="no_change"),
    # "way more than usual", unless it is a body that does more ("winded way more than normal")
    rule("load_change", "big_increase",
         r"(?:a lot|loads|way|much|heaps|far|significantly|massively|hugely|tons) more "
         r"than (?:usual|before|normal)", negated="no_change",
         unless=r"winded|breath\w*|puff\w*|pant\w*|gasp\w*|tired|sore\w*|pain\w*|hurt\w*"
                r"|ach\w*|sweat\w*|heart|pulse|thirst\w*|sleep\w*|eat\w*|drink\w*", wide=True),
    rule("load_change", "big_increase",
         _LOAD + r" (?:has |have |is |are |just |really |suddenly |recently |totally "
         r"|massively )*(?:(?:rocketed|skyrocketed|sky rocketed|soared|spiked|ballooned"
         r"|exploded|leapt|leaped|jumped)(?: (?:right |way )?up)?|shot (?:right |way )?up"
         r"|(?:gone|went|shot) (?:way up|through the roof))(?! (?:a (?:little|bit|tad)"
         r"|slightly))|" + _LOAD + r" (?:has |have |is |are )?"
         r"(?:gone|went|increased|risen|rose|grown|climbed) (?:up )?(?:a lot|loads|massively"
         r"|hugely|big time|a ton|heaps|dramatically|significantly|sharply|steeply)"
         r"|(?:big|huge|massive|sudden|sharp|large|major|significant|dramatic|steep) (?:jump"
         r"|spike|increase|rise|hike|leap|ramp up|step up) in (?:my |the )?" + _LOAD
         + r"|" + _LOAD + r" (?:spike|jump)", negated="no_change"),
    # Training for a race says nothing of a change in load ("marathon training = 4 hours
    # sleep" is no increase): only a first long race, or starting, is read as a big one.
    # Being a beginner is not ("I'm new to running and my technique is all wrong").
    rule("load_change", "big_increase",
         r"(?:training|train|preparing) for (?:a |an |my |the )?(?:1st |first |debut )"
         r"(?:half |full )?(?:marathon|ultra|ironman|triathlon)"
         r"|(?:started|starting|begun|began) (?:training|to train) for"
         r"|couch to 5 km|c25k"
         r"|(?:just|recently|only) (?:started|starting|took up|taken up|begun|began|getting into)"
         r" (?:running|to run|jogging)(?! (?:more|less|in (?:january|february|march|april|may"
         r"|june|july|august|september|october|november|december)))"
         r"|(?:started|starting|took up|begun|began) (?:running|jogging) (?:\d+|a few|a couple"
         r" of|few) weeks ago|started (?:running |to run )?"
         r"(?:every day|daily)|(?:harder|tougher|more intense) (?:training )?plan",
         unless=r"\d+ years|years ago|for years|long time|a year ago|last year|months ago"
         r"|as a kid|decade"),
    rule("load_change", "some_increase",
         r"(?:more|extra) (?:intervals|tempo\w*|speed ?work|hills|hill (?:work|repeats|sprints)"
         r"|track (?:work|sessions)|fartlek\w*|workouts)(?! than)",
         negated="no_change", unless=r"should|could|want|need|thinking|plan to|going to"),
    rule("load_change", "some_increase",
         r"(?:a (?:little|bit|tad)|slightly|somewhat|marginally|a touch|little bit) "
         r"(?:more|further|faster|longer) (?:miles|km|mileage|running|runs|distance|training"
         r"|volume|often|than (?:usual|before|normal|last))|(?:running|run|training|train) "
         r"(?:a little|a bit|a tad|slightly|little bit) (?:more|further|faster|longer)"
         r"|(?:added|adding|add) (?:in )?(?:1 |an extra |another |a few |some |1 more |a "
         r"|an additional |2 )?(?:extra |more |additional |new |longer |long |faster )?(?:\d+ )?"
         r"(?:runs?|km"
         r"|miles|sessions?|days?|intervals|hills?|hill sprints|hill repeats|speed ?work"
         r"|speed sessions?|tempo runs?|track sessions?|workouts?|distance|mileage)"
         r"|(?:increased|upped|raised|bumped up|increasing|building up|built up) (?:my |the )?"
         r"(?:weekly )?(?:mileage|distance|volume|training|pace|speed|km|miles|runs|load"
         r"|frequency)(?! (?:a lot|massively|loads|significantly|dramatically|hugely))"
         r"|started (?:doing |adding )?(?:intervals|speed ?work|hill repeats|hills|tempo"
         r"|track|fartlek)"
         r"|new (?:[a-z0-9]+ ){0,3}(?:training )?plan|(?:bumped|upped|increased|raised|pushed"
         r"|built) (?:my |the )?(?:[a-z]+ )?(?:up )?(?:a (?:little|bit|tad)|slightly)"
         r"|(?:bumped|pushed|built|upped) (?:my |the )?(?:mileage|distance|training|volume) up"
         r"|(?:running|training|doing|run) (?:a bit |a little |slightly )?more (?:than (?:usual"
         r"|before|normal|last)|often|miles|km|mileage|distance|lately|recently)",
         negated="no_change"),
    rule("load_change", "some_increase",
         _LOAD + r" (?:has |have |is |are |just |recently |been )*(?:gone up|going up|went up"
         r"|crept up|creeping up|increased|increasing|risen|rising|climbed|climbing|edged up"
         r"|ticked up|grown|growing|jumped (?:a little|a bit|a tad|slightly))"
         r"|(?:small|slight|little|bit of a|modest|gradual) (?:jump"
         r"|increase|rise|bump|step up) in (?:my |the )?" + _LOAD, negated="no_change"),
    rule("load_change", "no_change",
         _LOAD + r" (?:has |have |is |are )?not (?:really |actually |much )?(?:gone up|went up"
         r"|increased|risen|shot up|jumped|grown|changed much)"),
    rule("load_change", "no_change",
         r"(?:training|mileage|distance|volume|routine|running|load|schedule) (?:has )?"
         r"(?:stayed|been|is|remained) (?:pretty much |about |roughly )?the same"
         r"|same (?:routine|mileage|distance|training|plan|amount|volume|schedule|runs)"
         r"|(?:consistent|steady) (?:mileage|training|volume)|(?:cut|cutting) (?:back|down)"
         r"|reduced (?:my )?(?:mileage|training|distance)|running less|taper\w*"
         r"|nothing (?:has |really |much )?changed (?:in|with|about) (?:my )?(?:training"
         r"|running|mileage|routine|plan|schedule)|(?:training|mileage|running|routine|distance"
         r"|plan|schedule|load) (?:has |have )?not (?:really )?changed"
         r"|(?:have|has) not (?:really )?(?:changed"
         r"|increased|upped|added) (?:anything|my (?:training|running|mileage|routine|plan"
         r"|distance|pace))"),
    # form
    rule("form", "yes",
         r"over ?strid\w*|heel strik\w*|land(?:ing)? (?:hard )?on (?:my )?heels"
         r"|(?:long|big|huge|massive|too long) strides?|strides? (?:is|are) (?:too )?(?:long|big)"
         r"|arms? (?:swing|swinging|swings|flail\w*|flap\w*|cross\w*|all over|everywhere"
         r"|wave\w*|(?:go|goes|going|fly|flying) (?:everywhere|all over|wild|crazy))"
         r"|swing(?:ing)? my arms|(?:big|huge|wild|lot of) arm (?:swing|movement)"
         r"|push(?:ing)? off (?:with|from) (?:my )?(?:quads|thighs)|(?:use|using|run with"
         r"|running with|rely on) (?:my )?(?:quads|thighs)|run(?:ning)? from (?:my|the) hips"
         r"|(?:bad|poor|terrible|awful|sloppy|messy|ugly|inefficient|shocking|wonky|horrible"
         r"|rubbish|crap|not great|not good|not the best) (?:running )?(?:form|technique"
         r"|posture|gait|style)|(?:form|technique|posture|gait) (?:is|was|has been|gets|goes)"
         r" <G1>(?:bad|poor|terrible|awful|sloppy|off|a mess|all over the place|falls? apart"
         r"|rubbish|not great|not good|shocking|wonky)|hunch\w*|slouch\w*|lean(?:ing)? back"
         r"|stomp\w*|sit(?:ting)? back", negated="no"),
    rule("form", "no",
         r"(?:form|technique|posture|gait|stride|running style) (?:is|seems|looks|was|feels)"
         r" <G1>(?:fine|good|ok|okay|decent|great|solid|alright|efficient|normal|not bad)"
         r"|(?:good|decent|solid|great|efficient|nice|fine) (?:running )?(?:form|technique"
         r"|posture|gait)|coach (?:has )?(?:checked|looked at|analy[sz]ed|filmed|watched)"
         r"|(?:checked|analy[sz]ed|filmed|looked at) by (?:a )?(?:coach|physio)"
         r"|gait (?:analysis|assessment|test)|physio (?:checked|said|looked)"
         r"|had (?:my )?(?:form|gait|running) (?:checked|analy[sz]ed|assessed)"),
]
