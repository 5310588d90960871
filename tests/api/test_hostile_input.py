"""Hostile and bad input against the real service: odd text, odd payloads, odd bodies.

Each message gets a 200 with a clear reply (or, for a malformed request, a clear 4xx), the
conversation it was sent in still concludes with the right cause, and nothing leaks from
one conversation into another. tests/api/test_chat.py has the first, simpler cases.
"""
from __future__ import annotations

import gzip
import json
import random
import unicodedata
import uuid

from bot.triage import invalid_findings
from tests.utils.chat import Runner, inform
from tests.utils.facts import CAUSE_FACTS, HEALTHY

SEED = 1234
MAX_MESSAGE_CHARS = 2000  # the default of the MAX_MESSAGE_CHARS setting the service runs with

# Code points for random text; no ASCII letters or digits, so no random string can read as
# an answer ("5" hours, "no") and change the conclusion.
ASTRAL_EMOJI = [*range(0x1F300, 0x1F5FF), *range(0x1F600, 0x1F64F), *range(0x1F680, 0x1F6FF),
                *range(0x1F900, 0x1F9FF), *range(0x1FA70, 0x1FAFF)]
SKIN_TONES = list(range(0x1F3FB, 0x1F400))
COMBINING = list(range(0x0300, 0x0370)) + list(range(0x20D0, 0x20F0))
JOINERS = [0x200D, 0xFE0F, 0x200B, 0x200C, 0x2060]  # ZWJ, VS16, ZWSP, ZWNJ, word joiner
SCRIPTS = [*range(0x4E00, 0x4FFF), *range(0x0627, 0x064A), *range(0x05D0, 0x05EA),
           *range(0x0905, 0x0939), *range(0x0E01, 0x0E2E), *range(0xAC00, 0xAD00)]
DIRECTION = [0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2069]


def random_text(rng: random.Random) -> str:
    """Emoji (some joined into sequences, with skin tones), letters with stacked combining
    marks, zero-width and direction characters, in random order."""
    pieces = []
    for _ in range(rng.randint(1, 12)):
        kind = rng.choice(("emoji", "sequence", "letter", "joiner", "direction", "space"))
        if kind == "emoji":
            pieces.append(chr(rng.choice(ASTRAL_EMOJI)) + chr(rng.choice(SKIN_TONES)) * rng.randint(0, 1))
        elif kind == "sequence":
            pieces.append("\u200d".join(chr(rng.choice(ASTRAL_EMOJI)) for _ in range(rng.randint(2, 4))))
        elif kind == "letter":
            pieces.append(chr(rng.choice(SCRIPTS)) + "".join(chr(rng.choice(COMBINING))
                                                             for _ in range(rng.randint(0, 6))))
        elif kind == "joiner":
            pieces.append(chr(rng.choice(JOINERS)))
        elif kind == "direction":
            pieces.append(chr(rng.choice(DIRECTION)))
        else:
            pieces.append(" ")
    text = "".join(pieces)
    return text if text.strip() else text + chr(rng.choice(ASTRAL_EMOJI))


def assert_clear_reply(replies: list[dict], sent: str) -> None:
    texts = [m.get("text") or "" for m in replies]
    assert any(text.strip() for text in texts), f"no text in the reply to {sent!r}: {replies}"
    assert not any("internal error" in text.lower() or "traceback" in text.lower() for text in texts)


def finish_with_hostile_turns(runner: Runner, hostile: list[str], facts: dict[str, str]) -> dict:
    """Sends each hostile message in turn, answering the question still asked (by its button)
    after each one; then answers the rest. Returns the finished assessment."""
    runner.say("my legs feel heavy when I run")
    for message in hostile:
        asked = runner.asked()
        assert_clear_reply(runner.say(message), message)
        still_asked = runner.asked()
        if asked is not None:
            # A question in progress survives the hostile message: the bot asks again.
            assert still_asked is not None, f"no question after {message!r}: {runner.last}"
        if still_asked is not None:
            runner.say(inform(still_asked, facts.get(still_asked, "not_sure")))
    return runner.answer_until_done(facts)


def history(runner: Runner) -> list[dict]:
    response = runner.messages(limit=500)
    assert response.status_code == 200, response.text
    return response.json()


def test_random_unicode_gets_clear_replies_and_the_triage_still_concludes(service):
    rng = random.Random(SEED)
    texts = [random_text(rng) for _ in range(12)]
    assert any(ord(ch) > 0xFFFF for text in texts for ch in text), "astral-plane characters"
    assert any(unicodedata.combining(ch) for text in texts for ch in text), "combining marks"
    assert any("\u200d" in text for text in texts), "zero-width joiners"
    runner = Runner(service.url)
    result = finish_with_hostile_turns(runner, texts, {**HEALTHY, **CAUSE_FACTS["sleep"]})
    assert result["status"] == "complete"
    assert result["causes"][0]["id"] == "sleep"
    assert result["findings"]["sleep_hours"] == "under_6"
    assert not invalid_findings(result["findings"])
    said = [m["text"] for m in history(runner) if m["sender"] == "user"]
    assert texts[0].strip() in said, "the text arrived as it was sent"


def test_control_characters_and_direction_overrides_are_read_as_text(service):
    texts = ["my\x00 legs\x07 feel\x1b heavy\x7f", "\x1b[31mblorp\x1b[0m",
             "\u200fmy legs feel heavy\u200f",
             "\u202eyvaeh leef sgel ym\u202c",
             "\u202ablorp\u202b zqx\u2066 vlim\u2069 \u202dkrat\u202c",
             "\ufeffblorp zqx",
             "blorp\tzqx\nvlim\r\nkrat\x0cblorp\x0bzqx",
             "\x85blorp \u2028zqx\u2029 vlim"]  # nonsense words: no answer, no command
    runner = Runner(service.url)
    result = finish_with_hostile_turns(runner, texts, {**HEALTHY, **CAUSE_FACTS["overtraining"]})
    assert result["causes"][0]["id"] == "overtraining"
    said = [m["text"] for m in history(runner) if m["sender"] == "user"]
    assert "my legs feel heavy" in said, "control characters are dropped, the words kept"
    for text in said:
        assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text), text
    assert "\u202eyvaeh leef sgel ym\u202c" in said, "direction overrides are kept as sent"


def test_odd_payloads_get_clear_replies_and_the_triage_still_concludes(service):
    wide = "/inform" + json.dumps({f"finding_{i}": "x" * 20 for i in range(80)})
    payloads = [
        '/inform{"shoe_size": "42"}',  # an unknown finding
        '/inform{"warm_up": "maybe"}',  # an unknown value of a known finding
        '/inform{"sleep_hours": 5}', '/inform{"sleep_hours": null}', "/inform[]",
        '/inform{"sleep_hours": true}', '/inform{"sleep_hours": ["lots", 6]}',
        '/inform{"sleep_hours": {"hours": {"min": 5}}}', '/inform"under_6"', "/inform 5",
        '/inform{"a": ' + "[" * 990 + "]" * 990 + "}",  # Rasa's JSON parser ran out of stack
        wide[:MAX_MESSAGE_CHARS - 2] + '"}',  # wide: 80 unknown findings, the length limit
        "/launch_rockets", '/launch_rockets{"sleep_hours": "under_6"}', "/", "//",
        "/inform/inform", "/inform{}", '/inform{"": ""}',
    ]
    assert len(payloads[10]) < MAX_MESSAGE_CHARS and len(payloads[11]) <= MAX_MESSAGE_CHARS
    runner = Runner(service.url)
    result = finish_with_hostile_turns(runner, payloads, {**HEALTHY, **CAUSE_FACTS["dehydration"]})
    assert result["status"] == "complete"
    assert result["causes"][0]["id"] == "dehydration"
    assert not invalid_findings(result["findings"]), "only contract values are ever stored"
    # Odd values never replace the answer given by button, nor does an unknown intent's payload.
    assert result["findings"].get("sleep_hours") == "7_to_9", result["findings"]


def test_a_message_of_the_longest_length_is_read_and_one_more_character_is_422(service, http):
    documented = http.get("/openapi.json").json()["components"]["schemas"]["ChatRequest"]
    assert documented["properties"]["message"]["maxLength"] == MAX_MESSAGE_CHARS
    runner = Runner(service.url)
    for longest in ("my legs are heavy " * 200)[:MAX_MESSAGE_CHARS], "\U0001F3C3" * MAX_MESSAGE_CHARS:
        assert len(longest) == MAX_MESSAGE_CHARS  # characters (code points), not bytes
        response = runner.post(longest)
        assert response.status_code == 200, response.text
        assert_clear_reply(response.json(), longest[:20])
        response = runner.post(longest + ".")
        assert response.status_code == 422, response.text
        assert "message" in json.dumps(response.json()["detail"])
    assert sum(m["sender"] == "user" for m in history(runner)) == 2, "only the two accepted"


def test_a_sender_of_128_characters_is_checked_for_its_token_and_129_is_422_naming_sender(service):
    runner = Runner(service.url)
    allowed = "AZaz09_.:@-"
    longest = (allowed * 12)[:128]
    response = runner.http.post("/api/chat", json={"sender": longest, "message": "my legs are heavy"})
    assert response.status_code == 401, "a well-formed id the service never issued"
    response = runner.http.post("/api/chat", json={"sender": longest + "x", "message": "hi"})
    assert response.status_code == 422, response.text
    assert "sender" in json.dumps(response.json()["detail"])
    assert runner.http.get(f"/api/conversations/{longest}x/assessment").status_code == 422


def test_hostile_texts_never_appear_in_another_conversation(service):
    rng = random.Random(SEED + 1)
    a, b = Runner(service.url), Runner(service.url)
    a.say("my legs feel heavy")
    b.say("my legs feel heavy")
    sent = []
    for i in range(6):
        marker = f"{random_text(rng)} \u202emarker-{uuid.uuid4().hex}\u202c <script>alert({i})</script>"
        sent.append(marker)
        assert_clear_reply(a.say(marker), marker)
        b.say(inform(b.asked(), "not_sure") if b.asked() else "thanks")
    a_texts = [m.get("text") or "" for m in history(a)]
    b_texts = [m.get("text") or "" for m in history(b)]
    for marker in sent:
        assert marker.strip() in a_texts, "the sender's own history has the text"
        assert not any(marker.split("marker-")[1][:32] in text for text in b_texts)
    assert set(b.assessment()["findings"].values()) <= {"not_sure"}, "b only ever said not sure"


def test_bodies_in_other_encodings_or_with_a_wrong_content_type_get_a_clear_4xx(service):
    runner = Runner(service.url)
    http = runner.http
    chat = {"sender": runner.sender, "message": "my legs feel heavy, café"}
    findings = {"findings": {"sleep_hours": "under_6", "warm_up": "no", "café": "x"}}
    for path, body in (("/api/chat", chat), ("/api/assessments", findings),
                       ("/api/conversations", {"café": 1})):
        text = json.dumps(body, ensure_ascii=False)
        unreadable = [(text.encode("latin-1"), "application/json; charset=latin-1", {}),
                      (text.encode("cp1252"), "application/json", {}),
                      (gzip.compress(text.encode()), "application/json", {"content-encoding": "gzip"})]
        for data, content_type, headers in unreadable:
            response = http.post(path, content=data, headers={"content-type": content_type, **headers})
            assert response.status_code == 400, (path, content_type, response.text)
            assert "UTF-8" in response.json()["detail"]
        not_json = [(text.encode(), "text/plain"), (text.encode(), None),
                    (b"sender=a&message=hi", "application/x-www-form-urlencoded"),
                    (b'--x\r\nContent-Disposition: form-data; name="sender"\r\n\r\na\r\n--x--\r\n',
                     "multipart/form-data; boundary=x"),
                    (b"<chat><sender>a</sender></chat>", "application/xml")]
        for data, content_type in not_json:
            request = http.build_request("POST", path, content=data,
                                         headers={"content-type": content_type} if content_type else {})
            assert content_type is not None or "content-type" not in request.headers
            response = http.send(request)
            assert response.status_code == 415, (path, content_type, response.text)
            assert "Content-Type" in response.json()["detail"]
        deep = b'{"x": ' + b"[" * 20000 + b"]" * 20000 + b"}"
        response = http.post(path, content=deep, headers={"content-type": "application/json"})
        assert response.status_code == 400 and "nested" in response.json()["detail"], response.text
    assert runner.messages().json() == [], "none of it reached the conversation"


def test_json_in_utf_16_or_utf_32_is_read_as_sent(service):
    """JSON's own encodings (RFC 7159) are understood, not refused: the text arrives intact."""
    for encoding in ("utf-16", "utf-32", "utf-16-le"):
        runner = Runner(service.url)
        body = json.dumps({"sender": runner.sender, "message": "my legs feel heavy, café 🏃"},
                          ensure_ascii=False)
        response = runner.http.post("/api/chat", content=body.encode(encoding),
                                    headers={"content-type": "application/json"})
        assert response.status_code == 200, (encoding, response.text)
        assert_clear_reply(response.json(), encoding)
        said = [m["text"] for m in history(runner) if m["sender"] == "user"]
        assert said == ["my legs feel heavy, café 🏃"], encoding
