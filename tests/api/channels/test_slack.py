"""The Slack channel, end to end: signed Slack requests into the real service, the Web API
calls it makes recorded by a local fake (`fake_slack`), over real HTTP."""
from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import urllib.parse
import uuid

import httpx
import pytest
from slack_sdk.signature import SignatureVerifier

from tests.conftest import CHANNEL_SECRETS
from tests.utils import stored
from tests.utils.chat import inform
from tests.utils.facts import CAUSE_FACTS, HEALTHY
from tests.utils.fake_platform import FakePlatform, slack_answer
from tests.utils.service import ROOT, Service

PATH = "/channels/slack/events"
SECRET = CHANNEL_SECRETS["SLACK_SIGNING_SECRET"]
TEAM = "T0HEAVY"
USER = "U0RUNNER"
BOT_USER = "UBOT"  # what the fake's auth.test answers
INFORM = re.compile(r"^/inform(\{.*\})$")


# ---------------------------------------------------------------- helpers


def signed(body: bytes, content_type: str, timestamp: int | str | None = None,
           secret: str = SECRET, **headers: str) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature, **headers}


def post_json(client: httpx.Client, payload: dict | list | str, **headers: str) -> httpx.Response:
    body = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
    return client.post(PATH, content=body, headers=signed(body, "application/json", **headers))


def post_form(client: httpx.Client, fields: dict[str, str], **headers: str) -> httpx.Response:
    body = urllib.parse.urlencode(fields).encode()
    return client.post(PATH, content=body,
                       headers=signed(body, "application/x-www-form-urlencoded", **headers))


def new_id(prefix: str) -> str:
    return prefix + uuid.uuid4().hex[:10].upper()


def slack_ts() -> str:
    return f"{time.time():.6f}"


def event_callback(event: dict, event_id: str | None = None) -> dict:
    """An Events API request body as Slack sends it."""
    return {"token": "legacy-verification-token", "team_id": TEAM, "api_app_id": "A0HEAVY",
            "event": event, "type": "event_callback", "event_id": event_id or new_id("Ev"),
            "event_time": int(time.time()),
            "authorizations": [{"enterprise_id": None, "team_id": TEAM, "user_id": BOT_USER,
                                "is_bot": True, "is_enterprise_install": False}],
            "is_ext_shared_channel": False, "event_context": "4-" + uuid.uuid4().hex}


def dm_event(channel: str, text: str, user: str = USER, **extra) -> dict:
    ts = slack_ts()
    return {"client_msg_id": str(uuid.uuid4()), "type": "message", "text": text, "user": user,
            "ts": ts, "team": TEAM, "channel": channel, "event_ts": ts, "channel_type": "im",
            **extra}


def mention_event(channel: str, text: str, thread_ts: str | None = None) -> dict:
    ts = slack_ts()
    event = {"client_msg_id": str(uuid.uuid4()), "type": "app_mention", "text": text,
             "user": USER, "ts": ts, "team": TEAM, "channel": channel, "event_ts": ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def block_actions(channel: str, value: str, message: dict, trigger_id: str | None = None) -> dict:
    """An interactivity payload for a press of the button with `value` on `message`."""
    direct = channel.startswith("D")
    container = {"type": "message", "message_ts": message["ts"], "channel_id": channel,
                 "is_ephemeral": False}
    if message.get("thread_ts"):
        container["thread_ts"] = message["thread_ts"]
    return {
        "type": "block_actions",
        "user": {"id": USER, "username": "runner", "name": "runner", "team_id": TEAM},
        "api_app_id": "A0HEAVY", "token": "legacy-verification-token",
        "container": container,
        "trigger_id": trigger_id or f"{int(time.time())}.{uuid.uuid4().int % 10**12}.abc",
        "team": {"id": TEAM, "domain": "heavylegs"}, "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel, "name": "directmessage" if direct else "running"},
        "message": {"type": "message", "user": BOT_USER, "bot_id": "BBOT", "team": TEAM,
                    "text": message.get("text", ""), "blocks": message.get("blocks", []),
                    "ts": message["ts"], **({"thread_ts": message["thread_ts"]}
                                            if message.get("thread_ts") else {})},
        "state": {"values": {}}, "response_url": "https://hooks.slack.com/actions/T/1/x",
        "actions": [{"action_id": "quick_reply_0", "block_id": "quick_replies_0",
                     "text": {"type": "plain_text", "text": "pressed", "emoji": True},
                     "value": value, "type": "button", "action_ts": slack_ts()}],
    }


def press(client: httpx.Client, channel: str, value: str, message: dict,
          trigger_id: str | None = None) -> httpx.Response:
    payload = block_actions(channel, value, message, trigger_id)
    return post_form(client, {"payload": json.dumps(payload)})


def posts(fake: FakePlatform, channel: str) -> list[dict]:
    """The chat.postMessage bodies sent to `channel`, each with the ts the fake answered."""
    return [call.body for call in fake.called("chat.postMessage")
            if call.body.get("channel") == channel]


def wait_posts(fake: FakePlatform, channel: str, count: int, with_buttons: bool = True,
               timeout: float = 30) -> list[dict]:
    """Waits until `channel` got at least `count` messages (the last one with buttons: a
    turn's last reply is its question, or the offer after the conclusion)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sent = posts(fake, channel)
        if len(sent) >= count and (not with_buttons or buttons(sent[-1])):
            time.sleep(0.2)  # the rest of the turn, if any, lands now
            return posts(fake, channel)
        time.sleep(0.05)
    raise TimeoutError(f"{channel}: {len(posts(fake, channel))} messages, wanted {count}: "
                       f"{posts(fake, channel)}")


def settled(fake: FakePlatform, channel: str, quiet: float = 2.0, timeout: float = 30) -> list[dict]:
    """The messages sent to `channel` once nothing more came for `quiet` seconds."""
    deadline = time.monotonic() + timeout
    sent = posts(fake, channel)
    calm_since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = posts(fake, channel)
        if len(now) != len(sent):
            sent, calm_since = now, time.monotonic()
        elif time.monotonic() - calm_since >= quiet:
            return sent
    raise TimeoutError(f"{channel} never went quiet")


def buttons(message: dict) -> list[dict]:
    return [element for block in message.get("blocks") or [] if block["type"] == "actions"
            for element in block["elements"]]


def values(message: dict) -> list[str]:
    return [button["value"] for button in buttons(message)]


def asked(sent: list[dict]) -> tuple[str | None, dict | None]:
    """The finding the latest question is about, and the message that asks it."""
    for message in reversed(sent):
        for value in values(message):
            match = INFORM.match(value)
            if match:
                return next(iter(json.loads(match.group(1)))), message
    return None, None


def with_ts(message: dict) -> dict:
    """A sent message as Slack would show it: the fake answers ts, here one is made up."""
    return {"ts": slack_ts(), **message}


def assessment(client: httpx.Client, sender: str) -> dict | None:
    """The stored assessment: no /api/* call reaches a Slack conversation."""
    return stored.assessment(client.database_url, sender)


def user_texts(client: httpx.Client, sender: str) -> list[str]:
    return stored.texts(client.database_url, sender)


def dm_sender(channel: str) -> str:
    return f"slack-{TEAM}-{channel}"


def thread_sender(channel: str, thread_ts: str) -> str:
    return f"slack-{TEAM}-{channel}-{thread_ts}"


@pytest.fixture
def slack(channels_service):
    with httpx.Client(base_url=channels_service.url, timeout=30) as client:
        client.database_url = channels_service.env["DATABASE_URL"]  # where the chats are stored
        yield client


# ---------------------------------------------------------------- signature and shape


def test_url_verification_answers_the_challenge(slack):
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    response = post_json(slack, {"token": "legacy", "challenge": challenge,
                                 "type": "url_verification"})
    assert response.status_code == 200
    assert response.json() == {"challenge": challenge}


@pytest.mark.parametrize("case", ["missing", "no_timestamp", "wrong_secret", "stale", "future",
                                  "tampered", "garbage_timestamp"])
def test_bad_signatures_are_401(slack, fake_slack, case):
    channel = new_id("D")
    body = json.dumps(event_callback(dm_event(channel, "my legs are heavy"))).encode()
    now = int(time.time())
    headers = {
        "missing": {"Content-Type": "application/json"},
        "no_timestamp": {k: v for k, v in signed(body, "application/json").items()
                         if k != "X-Slack-Request-Timestamp"},
        "wrong_secret": signed(body, "application/json", secret="not-the-signing-secret"),
        "stale": signed(body, "application/json", timestamp=now - 6 * 60),
        "future": signed(body, "application/json", timestamp=now + 6 * 60),
        "tampered": signed(body.replace(b"heavy", b"light"), "application/json"),
        "garbage_timestamp": signed(body, "application/json", timestamp="soon"),
    }[case]
    response = slack.post(PATH, content=body, headers=headers)
    assert response.status_code == 401, response.text
    assert "signature" in response.json()["detail"]
    time.sleep(0.5)
    assert posts(fake_slack, channel) == []
    assert assessment(slack, dm_sender(channel)) is None


def test_a_signature_within_the_window_is_accepted(slack):
    body = json.dumps({"type": "url_verification", "challenge": "c"}).encode()
    headers = signed(body, "application/json", timestamp=int(time.time()) - 4 * 60)
    assert slack.post(PATH, content=body, headers=headers).status_code == 200


@pytest.mark.parametrize("body, content_type", [
    (b"{not json", "application/json"),
    (b'["a", "list"]', "application/json"),
    (b'{"no": "type"}', "application/json"),
    (b'{"type": "event_callback", "event_id": "Ev1"}', "application/json"),
    (b'{"type": "url_verification"}', "application/json"),
    (b'"just a string"', "application/json"),
    (b"", "application/x-www-form-urlencoded"),
    (b"token=x&team_id=T1", "application/x-www-form-urlencoded"),
    (b"payload=%7Bnot+json", "application/x-www-form-urlencoded"),
    (b"payload=" + urllib.parse.quote(json.dumps({"type": "block_actions"})).encode(),
     "application/x-www-form-urlencoded"),
])
def test_malformed_bodies_are_400_with_a_reason(slack, body, content_type):
    response = slack.post(PATH, content=body, headers=signed(body, content_type))
    assert response.status_code == 400, response.text
    assert response.json()["detail"]


# ---------------------------------------------------------------- events


def test_a_direct_message_is_answered_in_the_dm_with_button_blocks(slack, fake_slack):
    channel = new_id("D")
    started = time.monotonic()
    # Slack escapes &, < and > in the text it delivers
    event = dm_event(channel, "my legs feel heavy &amp; &lt;tired&gt;")
    response = post_json(slack, event_callback(event))
    assert response.status_code == 200
    assert time.monotonic() - started < 3, "Slack wants an answer within 3 seconds"

    sent = wait_posts(fake_slack, channel, 1)
    calls = [c for c in fake_slack.called("chat.postMessage") if c.body.get("channel") == channel]
    assert all(c.headers.get("Authorization") == "Bearer xoxb-test-token" for c in calls)
    for message in sent:
        assert "thread_ts" not in message  # a DM is answered in the DM, not in a thread
        assert message["text"]
        assert message["blocks"][0]["type"] == "section"
        assert message["blocks"][0]["text"]["type"] == "mrkdwn"
    finding, question = asked(sent)
    assert finding == "red_flag"
    assert '/inform{"red_flag": "none"}' == values(question)[0]
    assert {v for v in values(question)} >= {inform("red_flag", "none"),
                                              inform("red_flag", "chest_pain_breathless"),
                                              inform("red_flag", "not_sure")}
    elements = buttons(question)
    assert all(e["type"] == "button" and 0 < len(e["text"]["text"]) <= 75 for e in elements)
    assert len({e["action_id"] for e in elements}) == len(elements)
    assert all(len(b["elements"]) <= 25 for b in question["blocks"] if b["type"] == "actions")

    assert user_texts(slack, dm_sender(channel)) == ["my legs feel heavy & <tired>"]
    assert assessment(slack, dm_sender(channel))["status"] == "in_progress"


def test_an_app_mention_is_answered_in_its_thread(slack, fake_slack):
    channel = new_id("C")
    event = mention_event(channel, f"<@{BOT_USER}> my legs feel like lead on every run")
    assert post_json(slack, event_callback(event)).status_code == 200

    sent = wait_posts(fake_slack, channel, 1)
    assert all(m["thread_ts"] == event["ts"] for m in sent)
    assert asked(sent)[0] == "red_flag"
    sender = thread_sender(channel, event["ts"])
    assert user_texts(slack, sender) == ["my legs feel like lead on every run"]  # mention gone

    # mentioned again inside that thread: the same conversation, answered in the thread
    again = mention_event(channel, f"<@{BOT_USER}> none of those", thread_ts=event["ts"])
    assert post_json(slack, event_callback(again)).status_code == 200
    sent = wait_posts(fake_slack, channel, len(sent) + 1)
    assert all(m["thread_ts"] == event["ts"] for m in sent)
    assert user_texts(slack, sender) == ["my legs feel like lead on every run", "none of those"]
    assert assessment(slack, thread_sender(channel, again["ts"])) is None


def test_messages_in_channels_without_a_mention_are_not_answered(slack, fake_slack):
    channel = new_id("C")
    event = dm_event(channel, "my legs are heavy", channel_type="channel")
    response = post_json(slack, event_callback(event))
    assert response.status_code == 200
    assert response.json()["ignored"]
    assert assessment(slack, dm_sender(channel)) is None


def test_the_bots_own_and_other_bots_messages_are_not_answered(slack, fake_slack):
    channel = new_id("D")
    ignored = [
        dm_event(channel, "Do you have any of these danger signs?", user=BOT_USER, bot_id="BBOT",
                 app_id="A0HEAVY"),
        dm_event(channel, "I am the bot, without a bot_id", user=BOT_USER),
        {**dm_event(channel, "posted by an integration", user=None), "subtype": "bot_message",
         "bot_id": "B0OTHER", "username": "other bot"},
        dm_event(channel, "another app's bot user", user="U0OTHERBOT", bot_id="B0OTHER",
                 bot_profile={"id": "B0OTHER", "name": "other"}),
        {**dm_event(channel, "", user=None), "subtype": "message_changed",
         "message": {"type": "message", "user": USER, "text": "edited: my legs"}},
        {**dm_event(channel, "", user=None), "subtype": "message_deleted"},
    ]
    for event in ignored:
        response = post_json(slack, event_callback(event))
        assert response.status_code == 200
        assert response.json().get("ignored"), event

    # a runner's message after them gets its replies, and nothing was sent before those
    other = new_id("D")
    assert post_json(slack, event_callback(dm_event(other, "my legs are heavy"))).status_code == 200
    wait_posts(fake_slack, other, 1)
    assert posts(fake_slack, channel) == []
    assert assessment(slack, dm_sender(channel)) is None
    # the bot's user id came from auth.test, asked once and cached
    assert len(fake_slack.called("auth.test")) == 1


def test_a_button_press_in_a_dm_continues_that_conversation(slack, fake_slack):
    channel = new_id("D")
    assert post_json(slack, event_callback(dm_event(channel, "heavy legs"))).status_code == 200
    sent = wait_posts(fake_slack, channel, 1)
    finding, question = asked(sent)
    assert finding == "red_flag"

    response = press(slack, channel, inform("red_flag", "none"), with_ts(question))
    assert response.status_code == 200
    after = wait_posts(fake_slack, channel, len(sent) + 1)
    assert all("thread_ts" not in m for m in after)
    assert assessment(slack, dm_sender(channel))["findings"]["red_flag"] == "none"
    next_finding, _ = asked(after[len(sent):])
    assert next_finding not in (None, "red_flag")


def test_a_button_press_in_a_thread_is_answered_in_that_thread(slack, fake_slack):
    channel = new_id("C")
    event = mention_event(channel, f"<@{BOT_USER}> legs heavy as bricks")
    assert post_json(slack, event_callback(event)).status_code == 200
    sent = wait_posts(fake_slack, channel, 1)
    _, question = asked(sent)

    assert press(slack, channel, inform("red_flag", "none"), with_ts(question)).status_code == 200
    after = wait_posts(fake_slack, channel, len(sent) + 1)
    assert all(m["thread_ts"] == event["ts"] for m in after)
    sender = thread_sender(channel, event["ts"])
    assert assessment(slack, sender)["findings"] == {"red_flag": "none"}


def test_delete_my_conversation_asks_first_then_deletes_it(slack, fake_slack):
    channel = new_id("D")
    assert post_json(slack, event_callback(dm_event(channel, "heavy legs"))).status_code == 200
    sent = wait_posts(fake_slack, channel, 1)
    assert assessment(slack, dm_sender(channel)) is not None
    assert post_json(slack, event_callback(dm_event(channel, "Delete my conversation"))
                     ).status_code == 200
    sent = wait_posts(fake_slack, channel, len(sent) + 1)
    assert values(sent[-1]) == ["/delete_confirmed", "/delete_cancelled"]
    assert press(slack, channel, "/delete_confirmed", with_ts(sent[-1])).status_code == 200
    done = wait_posts(fake_slack, channel, len(sent) + 1, with_buttons=False)
    assert "conversation is deleted" in done[-1]["text"]
    assert assessment(slack, dm_sender(channel)) is None
    assert user_texts(slack, dm_sender(channel)) == []


# ---------------------------------------------------------------- once only


def test_a_retry_and_a_duplicate_event_are_answered_once(slack, fake_slack):
    channel = new_id("D")
    request = event_callback(dm_event(channel, "my legs are heavy"), event_id=new_id("Ev"))
    assert post_json(slack, request).status_code == 200
    sent = wait_posts(fake_slack, channel, 1)

    retry = post_json(slack, request, **{"X-Slack-Retry-Num": "1",
                                         "X-Slack-Retry-Reason": "http_timeout"})
    assert retry.status_code == 200
    duplicate = post_json(slack, request)
    assert duplicate.status_code == 200

    # a different event afterwards is still answered, and the first one was taken once
    follow_up = event_callback(dm_event(channel, "not sure"))
    assert post_json(slack, follow_up).status_code == 200
    after = wait_posts(fake_slack, channel, len(sent) + 1)
    assert settled(fake_slack, channel) == after
    assert user_texts(slack, dm_sender(channel)) == ["my legs are heavy", "not sure"]


def test_a_first_delivery_that_arrives_as_a_retry_is_processed(slack, fake_slack):
    channel = new_id("D")
    request = event_callback(dm_event(channel, "my legs are heavy"))
    response = post_json(slack, request, **{"X-Slack-Retry-Num": "2",
                                            "X-Slack-Retry-Reason": "http_error"})
    assert response.status_code == 200
    wait_posts(fake_slack, channel, 1)
    assert user_texts(slack, dm_sender(channel)) == ["my legs are heavy"]


def test_a_button_press_delivered_twice_is_answered_once(slack, fake_slack):
    channel = new_id("D")
    assert post_json(slack, event_callback(dm_event(channel, "heavy legs"))).status_code == 200
    sent = wait_posts(fake_slack, channel, 1)
    _, question = asked(sent)
    message, trigger = with_ts(question), "1234567.98765.deadbeef" + uuid.uuid4().hex[:6]
    assert press(slack, channel, inform("red_flag", "none"), message, trigger).status_code == 200
    assert press(slack, channel, inform("red_flag", "none"), message, trigger).status_code == 200
    after = wait_posts(fake_slack, channel, len(sent) + 1)
    assert settled(fake_slack, channel) == after  # no second turn's replies
    assert len(user_texts(slack, dm_sender(channel))) == 2  # the message and one press


# ---------------------------------------------------------------- a whole conversation


def test_a_conversation_by_button_presses_reaches_the_conclusion(slack, fake_slack):
    channel = new_id("D")
    answers = {**HEALTHY, **CAUSE_FACTS["sleep"]}
    assert answers["sleep_hours"] == "under_6" and answers["onset"] == "not_sure"
    assert post_json(slack, event_callback(dm_event(channel, "my legs feel heavy"))).status_code == 200
    sent = wait_posts(fake_slack, channel, 1)
    sender = dm_sender(channel)

    for _ in range(20):
        result = assessment(slack, sender)
        if result["status"] == "complete":
            break
        finding, question = asked(sent)
        assert finding, f"no question and no conclusion: {sent[-3:]}"
        value = inform(finding, answers[finding])
        assert value in values(question), f"no button {value} on {question}"
        assert press(slack, channel, value, with_ts(question)).status_code == 200
        sent = wait_posts(fake_slack, channel, len(sent) + 1)
    else:
        pytest.fail("no conclusion after 20 button presses")

    assert result["urgency"] == "self_care"
    assert result["causes"][0]["id"] == "sleep"
    # the assistant may conclude before asking everything; what it has are the presses
    assert result["findings"].items() <= answers.items()
    assert result["findings"]["red_flag"] == "none"
    assert result["findings"]["sleep_hours"] == "under_6"
    conclusion = "\n".join(m["text"] for m in sent)
    assert result["causes"][0]["title"] in conclusion.replace("&amp;", "&")
    # the conclusion's structured card (custom only) is for the widget: never sent to Slack
    assert all(m["blocks"] for m in sent)


# ---------------------------------------------------------------- off, and loading


def test_the_path_is_404_when_slack_is_off(http):
    body = json.dumps({"type": "url_verification", "challenge": "c"}).encode()
    response = http.post(PATH, content=body, headers=signed(body, "application/json"))
    assert response.status_code == 404
    assert http.get("/health").status_code == 200  # the service itself is up


class LoadingService(Service):
    """A service whose model never loads: ready as soon as it answers at all."""

    def wait_healthy(self) -> None:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.log_tail())
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code in (200, 503):
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise TimeoutError(self.log_tail())


def test_events_are_503_while_the_assistant_is_not_loaded(tmp_path):
    empty = tmp_path / "models"
    empty.mkdir()
    fake = FakePlatform(slack_answer).start()
    svc = LoadingService(f"sqlite:///{tmp_path}/heavylegs.db", tmp_path / "service.log",
                         MODEL_DIR=str(empty), SLACK_API_BASE_URL=fake.url,
                         SLACK_BOT_TOKEN=CHANNEL_SECRETS["SLACK_BOT_TOKEN"],
                         SLACK_SIGNING_SECRET=SECRET).start()
    try:
        with httpx.Client(base_url=svc.url, timeout=30) as client:
            assert client.get("/health").status_code == 503
            challenge = post_json(client, {"type": "url_verification", "challenge": "abc"})
            assert challenge.json() == {"challenge": "abc"}
            channel = new_id("D")
            request = event_callback(dm_event(channel, "my legs are heavy"))
            first = post_json(client, request)
            assert first.status_code == 503
            # not taken: Slack's retry of the same event_id is not dropped as a duplicate
            retry = post_json(client, request, **{"X-Slack-Retry-Num": "1"})
            assert retry.status_code == 503
            assert fake.called("chat.postMessage") == []
    finally:
        svc.stop()
        fake.stop()


# ---------------------------------------------------------------- the message building


def test_slack_messages_escape_split_and_skip_custom():
    from api.channels.slack import slack_message

    many = [{"title": f"Option {i} " + "x" * 100, "payload": f"/choose{{\"n\": {i}}}"}
            for i in range(30)]
    message = slack_message({"text": "Fish & chips <b> 5 > 3", "buttons": many})
    assert message["text"] == "Fish &amp; chips &lt;b&gt; 5 &gt; 3"
    assert message["blocks"][0] == {"type": "section", "text": {
        "type": "mrkdwn", "text": "Fish &amp; chips &lt;b&gt; 5 &gt; 3"}}
    actions = [b for b in message["blocks"] if b["type"] == "actions"]
    assert [len(b["elements"]) for b in actions] == [25, 5]
    elements = [e for b in actions for e in b["elements"]]
    assert [e["value"] for e in elements] == [b["payload"] for b in many]
    assert all(len(e["text"]["text"]) <= 75 for e in elements)
    assert len({e["action_id"] for e in elements}) == 30

    assert slack_message({"custom": {"type": "assessment"}}) is None
    long = slack_message({"text": ("a line & more\n" * 400).strip()})
    assert all(len(b["text"]["text"]) <= 3000 for b in long["blocks"])
    assert "".join(b["text"]["text"] + "\n" for b in long["blocks"]).count("&amp;") == 400


def test_web_api_errors_are_logged_not_raised(caplog):
    from api.channels.slack import SlackChannel
    from api.settings import Settings

    failing = FakePlatform(lambda method, body: {"ok": False, "error": "channel_not_found"}).start()
    try:
        settings = Settings(slack_bot_token="xoxb-test", slack_signing_secret="s",
                            slack_api_base_url=failing.url)
        channel = SlackChannel(settings)
        with caplog.at_level(logging.ERROR):
            asyncio.run(channel.post("C0NOWHERE", None, {"text": "hello"}))
        assert failing.called("chat.postMessage")
        assert "channel_not_found" in caplog.text
    finally:
        failing.stop()


def test_the_app_manifest_subscribes_what_the_channel_serves():
    import yaml

    from api.channels.slack import EVENTS_PATH

    manifest = yaml.safe_load((ROOT / "docs" / "slack-app-manifest.yml").read_text())
    assert manifest["_metadata"]["major_version"] == 1
    assert manifest["features"]["bot_user"]["display_name"]
    home = manifest["features"]["app_home"]
    assert home["messages_tab_enabled"] is True and home["messages_tab_read_only_enabled"] is False
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "app_mentions:read", "chat:write", "im:history", "im:read", "im:write"}
    settings = manifest["settings"]
    url = f"https://YOUR-HOST{EVENTS_PATH}"
    assert settings["event_subscriptions"]["request_url"] == url
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im"}
    assert settings["interactivity"] == {"is_enabled": True, "request_url": url}
    assert settings["socket_mode_enabled"] is False
