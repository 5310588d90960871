"""Whether a message is about legs or running trouble at all, for messages no rule reads."""
from __future__ import annotations

from bot.understanding.normalize import normalize
from bot.understanding.rules import alt, compile_pattern

_BODY = alt(r"legs?", "calf", "calves", "quads", "thighs?", "hamstrings?", "shins?", "feet",
            "foot", "knees?", "muscles")
_TROUBLE = alt("heavy", "heaviness", "lead", "leaden", "concrete", "bricks", "dead", "tired",
               "tight", "sore", "weak", "jelly", "stiff", r"ach\w*", r"hurt\w*", r"pain\w*",
               r"cramp\w*", "sluggish", "wooden", "like logs", "like stone", "exhausted",
               "burning", "numb", "tingly", "swollen", "fatigue", "fatigued", "knackered")
# Slang said of the legs only: "legs are toast", "quads are cooked", "legs in bits".
_WORN = alt("toast", "cooked", "fried", "mush", "spaghetti", r"noodles?", "wrecked", "trashed",
            "battered", "destroyed", "shot", "in bits", "shredded")
_TROUBLE_TALK = compile_pattern(
    _BODY + r" <G4>" + _TROUBLE + "|" + _BODY + r" <G3>" + _WORN + "|" + _TROUBLE + r" <G2>" + _BODY
    + r"|(?:running|run|wading|jogging) (?:through|in) (?:mud|treacle|sand|water|glue|syrup"
    r"|molasses|quicksand|concrete)|dead legs|heavy legs|leg heaviness")
_RUNNING = compile_pattern(r"runs?|running|ran|jog\w*|marathon|parkrun|race|training|km|miles")
_TROUBLE_WORD = compile_pattern(_TROUBLE)


def mentions_running_trouble(text: str) -> bool:
    """The message talks about legs that feel wrong, or about running trouble."""
    try:
        norm = normalize(text)
        return bool(_TROUBLE_TALK.search(norm)) or (
            bool(_RUNNING.search(norm)) and bool(_TROUBLE_WORD.search(norm)))
    except Exception:
        return False
