"""The Telegram channel, end to end: real webhook updates into the real service over HTTP,
the Bot API calls it makes recorded by a local fake (`fake_telegram`)."""
from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import random
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest

from bot.triage.contract import FINDINGS, NOT_SURE
from tests.conftest import CHANNEL_MAX_TURNS, CHANNEL_SECRETS
from tests.utils import stored
from tests.utils.chat import INFORM, bearer, inform, start_conversation
from tests.utils.facts import CAUSE_FACTS, HEALTHY
from tests.utils.fake_platform import Call, FakePlatform

PATH = "/channels/telegram/webhook"
TOKEN = CHANNEL_SECRETS["TELEGRAM_TOKEN"]
SECRET = CHANNEL_SECRETS["TELEGRAM_SECRET_TOKEN"]
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ROOT = Path(__file__).resolve().parents[3]

# The fake and the service's database live for the whole session: every test takes its
# own chats and updates.
_ids = itertools.count(random.randint(10**6, 10**8) * 100)


# ---------------------------------------------------------------- updates as Telegram sends them


def new_id() -> int:
    return next(_ids)


def person(user_id: int) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "Ada", "last_name": "Runner",
            "username": f"ada{user_id}", "language_code": "en"}


def chat(chat_id: int) -> dict:
    if chat_id < 0:
        return {"id": chat_id, "title": "Tuesday run club", "type": "supergroup"}
    return {"id": chat_id, "first_name": "Ada", "last_name": "Runner", "username": f"ada{chat_id}",
            "type": "private"}


def message(chat_id: int, user_id: int | None = None, **content) -> dict:
    return {"message_id": new_id() % 10**6, "from": person(user_id or abs(chat_id)),
            "chat": chat(chat_id), "date": int(time.time()), **content}


def message_update(chat_id: int, update_id: int | None = None, **content) -> dict:
    return {"update_id": update_id or new_id(), "message": message(chat_id, **content)}


def text_update(chat_id: int, text: str, update_id: int | None = None) -> dict:
    content: dict = {"text": text}
    if text.startswith("/"):
        command = text.split()[0]
        content["entities"] = [{"offset": 0, "length": len(command), "type": "bot_command"}]
    return message_update(chat_id, update_id, **content)


def callback_update(chat_id: int, data: str) -> tuple[dict, str]:
    """A button press under one of the bot's messages, and the callback query's id."""
    query_id = str(new_id())
    bot_message = {"message_id": new_id() % 10**6, "date": int(time.time()), "chat": chat(chat_id),
                   "from": {"id": 42, "is_bot": True, "first_name": "heavylegs",
                            "username": "heavylegs_bot"},
                   "text": "a question", "reply_markup": {"inline_keyboard": [
                       [{"text": "the answer", "callback_data": data}]]}}
    update = {"update_id": new_id(), "callback_query": {
        "id": query_id, "from": person(abs(chat_id)), "message": bot_message,
        "chat_instance": str(new_id()), "data": data}}
    return update, query_id


STICKER = {"sticker": {"file_id": "CAACAgIAAxkBAAEBsticker", "file_unique_id": "AgADsticker",
                       "type": "regular", "width": 512, "height": 512, "is_animated": False,
                       "is_video": False, "emoji": "🏃"}}
PHOTO = {"photo": [{"file_id": "AgACAgIAAxkBAAphoto-s", "file_unique_id": "AQADs", "width": 90,
                    "height": 67, "file_size": 1201},
                   {"file_id": "AgACAgIAAxkBAAphoto-m", "file_unique_id": "AQADm", "width": 800,
                    "height": 600, "file_size": 52001}],
         "caption": "my legs after the run"}
VOICE = {"voice": {"file_id": "AwACAgIAAxkBAAvoice", "file_unique_id": "AgADvoice", "duration": 3,
                   "mime_type": "audio/ogg"}}
LOCATION = {"location": {"latitude": 52.52, "longitude": 13.405}}
DOCUMENT = {"document": {"file_id": "BQACAgIAAxkBAAdoc", "file_unique_id": "AgADdoc",
                         "file_name": "training-plan.pdf", "mime_type": "application/pdf"}}


# ---------------------------------------------------------------- talking to the service


@pytest.fixture
def client(channels_service):
    with httpx.Client(base_url=channels_service.url, timeout=30) as http:
        http.database_url = channels_service.env["DATABASE_URL"]  # where the chats are stored
        yield http


def post(client: httpx.Client, update: dict | list | str | bytes, secret: str | None = SECRET
         ) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    body = update if isinstance(update, bytes | str) else json.dumps(update)
    return client.post(PATH, content=body, headers=headers)


def deliver(client: httpx.Client, update: dict) -> None:
    response = post(client, update)
    assert response.status_code == 200, response.text


def sent_to(fake: FakePlatform, chat_id: int, method: str = "sendMessage") -> list[Call]:
    return [c for c in fake.called(method) if str(c.body.get("chat_id")) == str(chat_id)]


def wait_until(condition, what: str, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise TimeoutError(f"waited {timeout}s for {what}")


def wait_sent(fake: FakePlatform, chat_id: int, count: int = 1) -> list[Call]:
    """The messages sent to `chat_id`, once there are at least `count`."""
    return wait_until(lambda: (lambda calls: calls if len(calls) >= count else None)(
        sent_to(fake, chat_id)), f"{count} sendMessage to chat {chat_id}")


def keyboards(fake: FakePlatform, chat_id: int) -> list[Call]:
    return [c for c in sent_to(fake, chat_id) if c.body.get("reply_markup")]


def wait_keyboard(fake: FakePlatform, chat_id: int, count: int) -> Call:
    """The `count`-th message with buttons sent to `chat_id` (the question ending a turn)."""
    calls = wait_until(lambda: (lambda calls: calls if len(calls) >= count else None)(
        keyboards(fake, chat_id)), f"{count} messages with buttons to chat {chat_id}")
    return calls[count - 1]


def callback_data(call: Call) -> list[str]:
    rows = call.body["reply_markup"]["inline_keyboard"]
    assert all(len(row) == 1 for row in rows), "one button per row"
    return [row[0]["callback_data"] for row in rows]


def asked(call: Call) -> str | None:
    """The finding a question with buttons asks about, from its payloads."""
    for data in callback_data(call):
        match = INFORM.match(data)
        if match:
            return next(iter(json.loads(match.group(1))))
    return None


def barrier(client: httpx.Client, fake: FakePlatform, chat_id: int) -> list[Call]:
    """Sends a sticker and waits for its "text only" reply; returns what the chat got up to
    it. A chat's updates are answered one at a time, in order: everything an earlier update
    of the chat caused is in by then."""
    def only_text() -> list[int]:
        return [i for i, c in enumerate(sent_to(fake, chat_id)) if "only read text" in c.body["text"]]

    seen = len(only_text())
    deliver(client, message_update(chat_id, **STICKER))
    last = wait_until(lambda: only_text()[seen:], f"the text-only reply in chat {chat_id}")[0]
    return sent_to(fake, chat_id)[:last + 1]


def assessment(client: httpx.Client, chat_id: int) -> dict | None:
    """The chat's stored assessment: no /api/* call reaches a Telegram conversation."""
    return stored.assessment(client.database_url, f"telegram-{chat_id}")


def user_texts(client: httpx.Client, chat_id: int) -> list[str]:
    return stored.texts(client.database_url, f"telegram-{chat_id}")


# ---------------------------------------------------------------- messages in, replies out


def test_a_text_message_in_a_private_chat_is_answered_through_the_bot_api(client, fake_telegram):
    chat_id = new_id()
    started = time.monotonic()
    response = post(client, text_update(chat_id, "my legs feel heavy on every run"))
    assert response.status_code == 200 and response.json() == {"ok": True}
    assert time.monotonic() - started < 2, "answered before the conversation work"

    question = wait_keyboard(fake_telegram, chat_id, 1)
    assert question.path == f"/bot{TOKEN}/sendMessage"
    assert int(question.body["chat_id"]) == chat_id
    assert "safety check" in question.body["text"]
    assert callback_data(question) == [inform("red_flag", v) for v in (*FINDINGS["red_flag"], NOT_SURE)]
    titles = [row[0]["text"] for row in question.body["reply_markup"]["inline_keyboard"]]
    assert titles[0] == "None of these"
    replies = sent_to(fake_telegram, chat_id)
    assert all(call.body["text"].strip() for call in replies)
    assert replies[-1] is question, "the question with the buttons ends the turn"

    assert assessment(client, chat_id)["status"] == "in_progress"
    assert user_texts(client, chat_id) == ["my legs feel heavy on every run"]


def test_start_greets_and_group_chats_are_conversations_too(client, fake_telegram):
    private, group = new_id(), -1000000000000 - new_id()
    deliver(client, text_update(private, "/start"))
    deliver(client, text_update(group, "/start@heavylegs_bot"))
    for chat_id in (private, group):
        texts = [c.body["text"] for c in wait_sent(fake_telegram, chat_id, 2)]
        assert any(text.startswith("Hi!") for text in texts), texts
        assert assessment(client, chat_id) is not None
    assert assessment(client, group)["sender"] == f"telegram-{group}"


def test_a_button_press_is_acknowledged_and_answers_the_question(client, fake_telegram):
    chat_id = new_id()
    deliver(client, text_update(chat_id, "my legs feel like lead"))
    question = wait_keyboard(fake_telegram, chat_id, 1)
    assert asked(question) == "red_flag"

    press, query_id = callback_update(chat_id, inform("red_flag", "none"))
    deliver(client, press)
    acknowledged = wait_until(lambda: [c for c in fake_telegram.called("answerCallbackQuery")
                                       if c.body.get("callback_query_id") == query_id],
                              "answerCallbackQuery")
    assert len(acknowledged) == 1
    assert acknowledged[0].path == f"/bot{TOKEN}/answerCallbackQuery"

    following = wait_keyboard(fake_telegram, chat_id, 2)
    assert asked(following) not in (None, "red_flag"), following.body
    assert assessment(client, chat_id)["findings"]["red_flag"] == "none"


@pytest.mark.parametrize("content", [STICKER, PHOTO, VOICE, LOCATION, DOCUMENT],
                         ids=["sticker", "photo", "voice", "location", "document"])
def test_what_is_not_text_gets_a_polite_text_only_reply(client, fake_telegram, content):
    chat_id = new_id()
    deliver(client, message_update(chat_id, **content))
    [reply] = wait_sent(fake_telegram, chat_id)
    assert "only read text" in reply.body["text"]
    assert not reply.body.get("reply_markup")
    assert assessment(client, chat_id) is None, "no conversation turn was taken"


def test_edits_service_messages_and_other_updates_are_ignored(client, fake_telegram):
    chat_id = new_id()
    edited = {"update_id": new_id(), "edited_message": {
        **message(chat_id, text="my legs feel heavy (edited)"), "edit_date": int(time.time())}}
    joined = message_update(chat_id, new_chat_title="Heavy legs club")
    for update in (edited, joined, {"update_id": new_id()}):
        response = post(client, update)
        assert response.status_code == 200, (update, response.text)

    replies = barrier(client, fake_telegram, chat_id)
    assert len(replies) == 1, [c.body["text"] for c in replies]
    assert assessment(client, chat_id) is None


def test_an_update_delivered_twice_is_answered_once(client, fake_telegram):
    chat_id = new_id()
    update = text_update(chat_id, "my legs feel heavy when I run")
    assert post(client, update).status_code == 200
    assert post(client, update).status_code == 200, "a redelivery is still 200, or Telegram retries"

    replies = barrier(client, fake_telegram, chat_id)[:-1]
    assert sum("safety check" in c.body["text"] for c in replies) == 1
    assert user_texts(client, chat_id) == ["my legs feel heavy when I run"]
    bot_texts = stored.texts(client.database_url, f"telegram-{chat_id}", "bot")
    assert len(bot_texts) == len(replies)


def test_a_whole_conversation_by_buttons_reaches_the_conclusion(client, fake_telegram):
    answers = {**HEALTHY, **CAUSE_FACTS["sleep"]}
    chat_id = new_id()
    deliver(client, text_update(chat_id, "/start"))
    deliver(client, text_update(chat_id, "my legs are heavy when I run"))
    pressed: list[str] = []
    for turn in range(1, 20):
        question = wait_keyboard(fake_telegram, chat_id, turn)
        finding = asked(question)
        if finding is None:  # the closing "tell me more / start over" buttons
            assert "/restart" in callback_data(question)
            break
        payload = inform(finding, answers[finding])
        assert payload in callback_data(question), (payload, callback_data(question))
        press, _ = callback_update(chat_id, payload)
        deliver(client, press)
        pressed.append(finding)
    else:
        pytest.fail(f"no conclusion after {pressed}")

    result = assessment(client, chat_id)
    assert result["status"] == "complete"
    assert result["causes"][0]["id"] == "sleep"
    assert result["findings"]["sleep_hours"] == "under_6"
    assert set(result["findings"].items()) <= set(answers.items())
    texts = "\n".join(c.body["text"] for c in sent_to(fake_telegram, chat_id))
    assert "1. Lack of sleep" in texts
    assert len(fake_telegram.called("answerCallbackQuery")) >= len(pressed)


# ---------------------------------------------------------------- ownership and deletion


def test_a_telegram_conversation_cannot_be_read_deleted_or_answered_from_the_web(
        client, fake_telegram):
    chat_id = new_id()
    sender = f"telegram-{chat_id}"
    deliver(client, text_update(chat_id, "my legs feel like lead"))
    assert asked(wait_keyboard(fake_telegram, chat_id, 1)) == "red_flag"
    web_sender, web_token = start_conversation(client)  # a real token, of another conversation
    for headers in ({}, bearer(web_token), bearer("x" * 43)):
        for method, path in (("GET", f"/api/conversations/{sender}/assessment"),
                             ("GET", f"/api/conversations/{sender}/messages"),
                             ("DELETE", f"/api/conversations/{sender}")):
            response = client.request(method, path, headers=headers)
            assert response.status_code == 401, (method, path, headers)
            assert "my legs" not in response.text
        answer = client.post("/api/chat", headers=headers, json={
            "sender": sender, "message": inform("red_flag", "none")})
        assert answer.status_code == 401, headers
    assert assessment(client, chat_id)["findings"] == {}, "nobody answered for the runner"
    deliver(client, text_update(chat_id, "none of those"))
    following = wait_keyboard(fake_telegram, chat_id, 2)
    assert asked(following) not in (None, "red_flag")
    assert assessment(client, chat_id)["findings"]["red_flag"] == "none"
    assert user_texts(client, chat_id) == ["my legs feel like lead", "none of those"]


def test_delete_asks_first_then_deletes_the_whole_conversation(client, fake_telegram):
    chat_id = new_id()
    deliver(client, text_update(chat_id, "my legs feel heavy"))
    wait_keyboard(fake_telegram, chat_id, 1)
    deliver(client, text_update(chat_id, "/delete"))
    confirm = wait_keyboard(fake_telegram, chat_id, 2)
    assert "Delete it?" in confirm.body["text"]
    assert callback_data(confirm) == ["/delete_confirmed", "/delete_cancelled"]

    press, _ = callback_update(chat_id, "/delete_cancelled")
    deliver(client, press)
    kept = wait_until(lambda: [c for c in sent_to(fake_telegram, chat_id)
                               if "Nothing was deleted" in c.body["text"]], "the cancel reply")
    assert kept and assessment(client, chat_id) is not None

    deliver(client, text_update(chat_id, "delete my conversation"))
    wait_keyboard(fake_telegram, chat_id, 3)
    press, _ = callback_update(chat_id, "/delete_confirmed")
    deliver(client, press)
    wait_until(lambda: [c for c in sent_to(fake_telegram, chat_id)
                        if "conversation is deleted" in c.body["text"]], "the deleted reply")
    assert assessment(client, chat_id) is None
    assert user_texts(client, chat_id) == []
    deliver(client, text_update(chat_id, "my legs are heavy"))
    assert asked(wait_keyboard(fake_telegram, chat_id, 4)) == "red_flag", "a fresh start"
    assert user_texts(client, chat_id) == ["my legs are heavy"]


def test_past_max_turns_the_runner_is_told_how_to_start_again(client, fake_telegram):
    chat_id = new_id()
    for turn in range(CHANNEL_MAX_TURNS):
        deliver(client, text_update(chat_id, f"my legs are heavy, day {turn}"))
    wait_until(lambda: len(user_texts(client, chat_id)) == CHANNEL_MAX_TURNS, "every turn stored")
    deliver(client, text_update(chat_id, "one more"))
    capped = wait_until(lambda: [c for c in sent_to(fake_telegram, chat_id)
                                 if "limit of" in c.body["text"]], "the cap's reply")
    assert f"limit of {CHANNEL_MAX_TURNS} messages" in capped[0].body["text"]
    assert "/delete" in capped[0].body["text"]
    assert "one more" not in user_texts(client, chat_id), "not read past the cap"
    shown = len(keyboards(fake_telegram, chat_id))
    deliver(client, text_update(chat_id, "/delete"))
    assert "Delete it?" in wait_keyboard(fake_telegram, chat_id, shown + 1).body["text"], \
        "the way out works at the cap"


# ---------------------------------------------------------------- refused requests


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", SECRET.upper(), SECRET + "x"],
                         ids=["missing", "empty", "wrong", "other-case", "longer"])
def test_a_missing_or_wrong_secret_is_403_and_nothing_is_sent(client, fake_telegram, secret):
    chat_id = new_id()
    response = post(client, text_update(chat_id, "my legs feel heavy"), secret=secret)
    assert response.status_code == 403
    assert SECRET_HEADER in response.json()["detail"]
    assert len(barrier(client, fake_telegram, chat_id)) == 1, "only the barrier's reply"
    assert assessment(client, chat_id) is None


@pytest.mark.parametrize("body", [
    b"{not json", b"", "[1, 2, 3]", '"update"', {"message": {"text": "hi"}},
    {"update_id": "7"}, {"update_id": True}, {"update_id": 7, "message": "hello"},
    {"update_id": 7, "message": {"text": "hi"}},
    {"update_id": 7, "callback_query": {"data": "/restart"}},
], ids=["broken-json", "empty", "list", "string", "no-update-id", "text-update-id",
        "bool-update-id", "message-not-object", "message-without-chat", "callback-without-id"])
def test_a_body_that_is_not_an_update_is_400(client, body):
    response = post(client, body)
    assert response.status_code == 400, response.text
    assert "update" in response.json()["detail"] or "JSON" in response.json()["detail"]
    assert post(client, body, secret="wrong").status_code == 403, "the secret is checked first"


# ---------------------------------------------------------------- channel off, model loading


def in_process(**settings):
    """The app without its lifespan: no database, no model, just the routes."""
    from fastapi.testclient import TestClient

    from api.main import create_app
    from api.settings import Settings

    return TestClient(create_app(Settings(database_url="sqlite://", **settings)))


@pytest.mark.parametrize("credentials", [
    {"telegram_token": None, "telegram_secret_token": None},
    {"telegram_token": TOKEN, "telegram_secret_token": None},
    {"telegram_token": None, "telegram_secret_token": SECRET},
], ids=["none", "token-only", "secret-only"])
def test_the_path_is_404_when_the_channel_is_off(credentials):
    response = post(in_process(**credentials), text_update(new_id(), "hi"))
    assert response.status_code == 404
    assert "TELEGRAM_TOKEN" in response.json()["detail"]


def test_a_message_while_the_model_loads_is_503_so_telegram_retries():
    app = in_process(telegram_token=TOKEN, telegram_secret_token=SECRET)
    response = post(app, text_update(new_id(), "my legs feel heavy"))
    assert response.status_code == 503
    assert response.headers.get("Retry-After")
    assert post(app, text_update(new_id(), "hi"), secret="nope").status_code == 403


# ---------------------------------------------------------------- what is sent, piece by piece


def test_long_texts_are_split_buttons_go_last_and_unsendable_parts_are_left_out():
    from api.channels.telegram import MAX_TEXT, outgoing

    paragraph = "Legs feel heavy when recovery falls behind training. " * 30
    text = "\n".join([paragraph] * 6)  # ~9,500 characters
    sends = outgoing({"text": text, "buttons": [
        {"title": "Start over", "payload": "/restart"},
        {"title": "Too long", "payload": "/inform" + json.dumps({"sleep_hours": "x" * 60})},
        {"title": "Fine", "payload": inform("sleep_hours", "under_6")}]})
    assert len(sends) == 3
    assert all(len(s["text"]) <= MAX_TEXT for s in sends)
    assert " ".join(s["text"] for s in sends).split() == text.split(), "nothing lost"
    assert [s["reply_markup"] is None for s in sends] == [True, True, False]
    rows = sends[-1]["reply_markup"].inline_keyboard
    assert [row[0].callback_data for row in rows] == ["/restart", inform("sleep_hours", "under_6")]

    emoji = outgoing({"text": "🏃" * 3000})  # 6,000 UTF-16 code units
    assert len(emoji) == 2 and all(len(s["text"].encode("utf-16-le")) // 2 <= MAX_TEXT for s in emoji)
    assert outgoing({"custom": {"type": "assessment", "causes": []}}) == []
    assert outgoing({"text": "   "}) == []
    [only_buttons] = outgoing({"buttons": [{"title": "Start over", "payload": "/restart"}]})
    assert only_buttons["text"] and only_buttons["reply_markup"] is not None


def test_a_bot_api_that_cannot_be_reached_is_logged_not_raised(caplog):
    from telegram import Bot

    from api.channels.telegram import send_replies

    unreachable = Bot(TOKEN, base_url="http://127.0.0.1:9/bot")  # nothing listens on port 9
    with caplog.at_level(logging.WARNING, logger="api.channels.telegram"):
        asyncio.run(send_replies(unreachable, 1, [{"text": "one"}, {"text": "two"}]))
    failures = [r for r in caplog.records if "send_message failed" in r.getMessage()]
    assert len(failures) == 2, "each message is tried, each failure logged"


# ---------------------------------------------------------------- heavylegs telegram ...


def heavylegs(fake: FakePlatform, *args: str, **env: str | None) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("heavylegs")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "api.cli"]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    environment.update({"TELEGRAM_API_BASE_URL": fake.url, "TELEGRAM_TOKEN": TOKEN,
                        "TELEGRAM_SECRET_TOKEN": SECRET})
    environment.update(env)
    environment = {k: v for k, v in environment.items() if v is not None}
    return subprocess.run([*command, "telegram", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=60)


def test_set_webhook_registers_the_path_the_secret_and_the_updates(fake_telegram):
    host = f"https://{uuid.uuid4().hex[:8]}.example.org"
    done = heavylegs(fake_telegram, "set-webhook", "--url", host + "/")
    assert done.returncode == 0, done.stderr
    [call] = [c for c in fake_telegram.called("setWebhook") if c.body.get("url", "").startswith(host)]
    assert call.path == f"/bot{TOKEN}/setWebhook"
    assert call.body["url"] == f"{host}{PATH}"
    assert call.body["secret_token"] == SECRET
    assert call.body["allowed_updates"] == ["message", "callback_query"]
    assert f"{host}{PATH}" in done.stdout

    before = len(fake_telegram.called("deleteWebhook"))
    done = heavylegs(fake_telegram, "delete-webhook")
    assert done.returncode == 0, done.stderr
    assert len(fake_telegram.called("deleteWebhook")) == before + 1


@pytest.mark.parametrize("args, env, complaint", [
    (["--url", "https://bot.example.org"], {"TELEGRAM_TOKEN": None}, "TELEGRAM_TOKEN"),
    (["--url", "https://bot.example.org"], {"TELEGRAM_SECRET_TOKEN": None}, "TELEGRAM_SECRET_TOKEN"),
    (["--url", "https://bot.example.org"], {"TELEGRAM_SECRET_TOKEN": "has spaces!"},
     "TELEGRAM_SECRET_TOKEN"),
    (["--url", "http://bot.example.org"], {}, "https"),
], ids=["no-token", "no-secret", "bad-secret", "not-https"])
def test_set_webhook_explains_what_is_missing(fake_telegram, args, env, complaint):
    before = len(fake_telegram.called("setWebhook"))
    done = heavylegs(fake_telegram, "set-webhook", *args, **env)
    assert done.returncode != 0
    assert complaint in done.stderr and "Traceback" not in done.stderr
    assert len(fake_telegram.called("setWebhook")) == before
