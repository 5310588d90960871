"""Slack: `POST /channels/slack/events` serves the Events API and interactivity.

Every request is checked against the app's signing secret (`X-Slack-Signature`,
`X-Slack-Request-Timestamp`, 5-minute window) before anything else, acknowledged at
once, and the conversation turn and the replies (`chat.postMessage` through the Web API
at `SLACK_API_BASE_URL`) happen in the background, as Slack wants an answer within
3 seconds. Direct messages (`message.im`) are one conversation per DM channel;
`app_mention`s in a channel are answered in their thread, one conversation per thread.
Quick replies are Block Kit buttons whose `value` is the button's payload; a press comes
back as a `block_actions` interactivity payload and is handed to the assistant as the
runner's message. Each event (`event_id`) and each button press (`trigger_id`) is taken
once, across replicas, so Slack's retries are answered without a second turn.
"""
from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, BackgroundTasks, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from starlette.concurrency import run_in_threadpool

from api.channel_turns import channel_turn
from api.conversation import clean_text, too_long
from api.deliveries import first_delivery
from api.logs import log_failure
from api.settings import Settings

logger = logging.getLogger(__name__)

router = APIRouter(tags=["channels"])

EVENTS_PATH = "/channels/slack/events"
CHANNEL = "slack"
SIGNATURE_WINDOW_S = 5 * 60

# Block Kit limits (https://docs.slack.dev/reference/block-kit).
SECTION_TEXT_MAX = 3000
BUTTON_TEXT_MAX = 75
BUTTON_VALUE_MAX = 2000
ACTIONS_ELEMENTS_MAX = 25
BLOCKS_MAX = 50
FALLBACK_TEXT_MAX = 4000

# Message subtypes that still carry a person's own words; every other subtype
# (bot_message, message_changed, message_deleted, channel_join, ...) is ignored.
HUMAN_SUBTYPES = {None, "file_share", "thread_broadcast"}

SENDER_UNSAFE = re.compile(r"[^A-Za-z0-9_.:@-]")
SENDER_MAX = 128
MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
LINK = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")

SORRY = "Sorry, something went wrong on my side. Please send that again in a moment."
TOO_LONG = "That message is too long for me ({limit} characters at most). Could you say it shorter?"
DELETE_HINT = "Type *delete my conversation*"


# ---------------------------------------------------------------- Slack's formatting


def escape(text: str) -> str:
    """Escapes the three characters Slack's mrkdwn reserves for its own markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def incoming_text(text: str, bot_user_id: str | None) -> str:
    """A Slack message's text as the runner typed it: the bot's mention dropped, other
    mentions and links reduced to their label, and `&amp;`, `&lt;`, `&gt;` undone."""

    def mention(match: re.Match) -> str:
        return "" if bot_user_id is None or match.group(1) == bot_user_id else "@" + match.group(1)

    def link(match: re.Match) -> str:
        target, label = match.group(1), match.group(2)
        if label:
            return label
        return target.lstrip("#@!")

    text = MENTION.sub(mention, text or "")
    text = LINK.sub(link, text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def escaped_pieces(text: str, size: int) -> list[str]:
    """`text` escaped for mrkdwn, in pieces of at most `size` characters each (Slack's
    limit on a section's text), cut at line breaks where it can, never inside an entity."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        line = escape(line)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= size:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = ""
        while len(line) > size:
            cut = size
            amp = line.rfind("&", max(0, cut - 4), cut)
            if amp != -1 and ";" not in line[amp:cut]:
                cut = amp  # keep &amp; &lt; &gt; whole
            pieces.append(line[:cut])
            line = line[cut:]
        current = line
    if current.strip():
        pieces.append(current)
    return pieces


def _button_text(title: str) -> str:
    title = " ".join(str(title).split()) or "…"
    return title if len(title) <= BUTTON_TEXT_MAX else title[:BUTTON_TEXT_MAX - 1] + "…"


def slack_message(message: dict) -> dict | None:
    """One bot message (Rasa REST-channel shape) as `chat.postMessage` arguments (`text`
    as the notification fallback, `blocks`), or None when there is nothing to show in
    Slack (a `custom` card meant for the web widget)."""
    text = (message.get("text") or "").strip()
    buttons = [b for b in message.get("buttons") or []
               if isinstance(b, dict) and b.get("payload")
               and len(str(b["payload"])) <= BUTTON_VALUE_MAX]
    image = message.get("image")
    if not text and not buttons and not image:
        return None
    blocks: list[dict] = [{"type": "section", "text": {"type": "mrkdwn", "text": piece}}
                          for piece in escaped_pieces(text, SECTION_TEXT_MAX)]
    if image:
        blocks.append({"type": "image", "image_url": str(image), "alt_text": text[:100] or "image"})
    elements = [{"type": "button",
                 "text": {"type": "plain_text", "text": _button_text(b.get("title") or b["payload"]),
                          "emoji": True},
                 "value": str(b["payload"]), "action_id": f"quick_reply_{i}"}
                for i, b in enumerate(buttons)]
    for start in range(0, len(elements), ACTIONS_ELEMENTS_MAX):
        blocks.append({"type": "actions", "block_id": f"quick_replies_{start // ACTIONS_ELEMENTS_MAX}",
                       "elements": elements[start:start + ACTIONS_ELEMENTS_MAX]})
    fallback = text or " / ".join(e["text"]["text"] for e in elements) or "image"
    return {"text": escape(fallback[:FALLBACK_TEXT_MAX]), "blocks": blocks[:BLOCKS_MAX]}


def sender_id(team: str | None, channel: str, thread_ts: str | None = None) -> str:
    """The conversation id: `slack-<team>-<channel>` for a DM, plus `-<thread_ts>` for a
    channel thread, kept to the characters the service accepts in a sender."""
    parts = ["slack", team or "T", channel] + ([thread_ts] if thread_ts else [])
    return SENDER_UNSAFE.sub("_", "-".join(parts))[:SENDER_MAX]


# ---------------------------------------------------------------- the Web API side


@dataclass(frozen=True)
class Turn:
    """One message for the assistant, and where its replies go."""

    sender: str
    channel: str
    thread_ts: str | None
    text: str


class SlackChannel:
    """The Web API client and the bot's own identity (auth.test, asked once), per app."""

    def __init__(self, settings: Settings) -> None:
        base_url = settings.slack_api_base_url.rstrip("/") + "/"
        self.client = AsyncWebClient(token=settings.slack_bot_token, base_url=base_url,
                                     timeout=15)
        self.verifier = SignatureVerifier(settings.slack_signing_secret)
        self._bot_user_id: str | None = None
        self._lock = asyncio.Lock()

    async def bot_user_id(self) -> str | None:
        """The bot's user id from auth.test, cached after the first answer (None while the
        Web API cannot be reached: asked again next time)."""
        if self._bot_user_id is None:
            async with self._lock:
                if self._bot_user_id is None:
                    try:
                        response = await self.client.auth_test()
                        self._bot_user_id = response.get("user_id")
                    except Exception:
                        logger.exception("slack auth.test failed")
        return self._bot_user_id

    async def post(self, channel: str, thread_ts: str | None, message: dict) -> None:
        arguments = slack_message(message)
        if arguments is None:
            return
        if thread_ts:
            arguments["thread_ts"] = thread_ts
        try:
            await self.client.chat_postMessage(channel=channel, **arguments)
        except Exception as exc:  # Slack's error code, not the channel (a runner's DM)
            logger.error("slack chat.postMessage failed: %s", _failure_reason(exc))
            logger.debug("slack chat.postMessage to %s failed: %s", channel, exc)


def _failure_reason(exc: Exception) -> str:
    """What a failed Web API call may log above debug: Slack's error code ("not_in_channel")
    or the exception's type, never its text (which quotes the request)."""
    response = getattr(exc, "response", None)
    error = response.get("error") if response is not None and hasattr(response, "get") else None
    return f"{type(exc).__name__} {error}" if isinstance(error, str) else type(exc).__name__


def slack_channel(request: Request) -> SlackChannel:
    state = request.app.state
    channel = getattr(state, "slack_channel", None)
    if channel is None:
        channel = state.slack_channel = SlackChannel(state.settings)
    return channel


async def run_turn(app_state: Any, slack: SlackChannel, turn: Turn) -> None:
    """The background half: one conversation turn, then the replies, in order."""
    try:
        limit = app_state.settings.max_message_chars
        if too_long(turn.text, limit):
            await slack.post(turn.channel, turn.thread_ts, {"text": TOO_LONG.format(limit=limit)})
            return
        replies = await channel_turn(app_state, turn.sender, turn.text, CHANNEL, DELETE_HINT)
    except Exception:  # neither the text nor the conversation above debug: see api/logs.py
        log_failure(logger, "slack: a conversation turn failed",
                    private=f"conversation {turn.sender} on {turn.text!r}")
        await slack.post(turn.channel, turn.thread_ts, {"text": SORRY})
        return
    for reply in replies:
        await slack.post(turn.channel, turn.thread_ts, reply)


# ---------------------------------------------------------------- the inbound side


def verified(verifier: SignatureVerifier, body: bytes, timestamp: str | None,
             signature: str | None) -> bool:
    """Slack's v0 signature of the raw body, within 5 minutes of the request's timestamp."""
    if not timestamp or not signature:
        return False
    try:
        if abs(time.time() - int(timestamp)) > SIGNATURE_WINDOW_S:
            return False
        return verifier.is_valid(body=body, timestamp=timestamp, signature=signature)
    except (ValueError, UnicodeDecodeError):
        return False


def bad_request(detail: str) -> HTTPException:
    return HTTPException(status_code=400, detail=detail)


def parse_body(body: bytes, content_type: str) -> dict:
    """The JSON of an Events API request, or the `payload` JSON of an interactivity one."""
    try:
        text = body.decode("utf-8")
        if "application/x-www-form-urlencoded" in content_type:
            fields = urllib.parse.parse_qs(text, keep_blank_values=True, strict_parsing=True)
            if "payload" not in fields:
                raise bad_request("form body without a `payload` field")
            data = json.loads(fields["payload"][0])
        else:
            data = json.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:
        raise bad_request(f"body is not valid JSON or form data: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise bad_request("body must be a JSON object with a `type`")
    return data


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def require_assistant(request: Request) -> None:
    """503 while the model loads, before the event is taken, so that Slack's retry works."""
    if request.app.state.assistant is None:
        raise HTTPException(status_code=503, detail="the assistant is starting",
                            headers={"Retry-After": "5"})


async def taken_before(request: Request, delivery_id: str) -> bool:
    return not await run_in_threadpool(first_delivery, request.app.state.database, CHANNEL,
                                       delivery_id)


def ack(note: str | None = None) -> JSONResponse:
    return JSONResponse({"ok": True, **({"ignored": note} if note else {})})


async def event_turn(slack: SlackChannel, data: dict) -> Turn | str:
    """The turn an `event_callback` asks for, or why it is ignored."""
    event = data.get("event")
    if not isinstance(event, dict):
        raise bad_request("event_callback without an `event` object")
    kind = event.get("type")
    if kind not in ("message", "app_mention"):
        return f"event type {kind}"
    if kind == "message" and event.get("channel_type") != "im":
        return "message outside a direct message"
    if event.get("bot_id") or event.get("bot_profile") or event.get("subtype") not in HUMAN_SUBTYPES:
        return "bot or system message"
    user, channel = _str(event.get("user")), _str(event.get("channel"))
    if not user or not channel:
        return "message without a user or channel"
    bot_user = await slack.bot_user_id()
    if user == bot_user:
        return "the bot's own message"
    team = _str(data.get("team_id")) or _str(event.get("team"))
    if kind == "message":
        sender, thread_ts = sender_id(team, channel), None
    else:
        thread_ts = _str(event.get("thread_ts")) or _str(event.get("ts"))
        sender = sender_id(team, channel, thread_ts)
    text = clean_text(incoming_text(event.get("text") or "", bot_user))
    if not text:
        if kind != "app_mention":
            return "message without text"
        text = "hi"  # a bare mention: start (or carry on) the conversation
    return Turn(sender, channel, thread_ts, text)


def action_turn(data: dict) -> Turn | str:
    """The turn a `block_actions` button press asks for, or why it is ignored."""
    actions = data.get("actions")
    if not isinstance(actions, list) or not actions or not isinstance(actions[0], dict):
        raise bad_request("block_actions without `actions`")
    value = _str(actions[0].get("value"))
    if actions[0].get("type") != "button" or not value:
        return "not a button with a value"
    channel_info = data.get("channel") if isinstance(data.get("channel"), dict) else {}
    container = data.get("container") if isinstance(data.get("container"), dict) else {}
    message = data.get("message") if isinstance(data.get("message"), dict) else {}
    team = data.get("team") if isinstance(data.get("team"), dict) else {}
    user = data.get("user") if isinstance(data.get("user"), dict) else {}
    channel = _str(channel_info.get("id")) or _str(container.get("channel_id"))
    if not channel:
        return "button outside a conversation"
    team_id = _str(team.get("id")) or _str(user.get("team_id"))
    direct = channel.startswith("D") or channel_info.get("name") == "directmessage"
    if direct:
        sender, thread_ts = sender_id(team_id, channel), None
    else:
        thread_ts = (_str(message.get("thread_ts")) or _str(container.get("thread_ts"))
                     or _str(message.get("ts")) or _str(container.get("message_ts")))
        sender = sender_id(team_id, channel, thread_ts)
    text = clean_text(value)
    if not text:
        return "empty button value"
    return Turn(sender, channel, thread_ts, text)


@router.post(EVENTS_PATH, summary="Slack Events API and interactivity",
             responses={400: {"description": "malformed body"},
                        401: {"description": "missing, wrong or stale Slack signature"},
                        404: {"description": "the Slack channel is off"},
                        503: {"description": "the assistant is starting; Slack retries"}})
async def slack_events(request: Request, background: BackgroundTasks) -> Response:
    """Takes a signed Slack request, acknowledges it, and answers in the background."""
    settings: Settings = request.app.state.settings
    if not settings.slack_enabled:
        raise HTTPException(status_code=404, detail="the Slack channel is off")
    slack = slack_channel(request)
    body = await request.body()
    if not verified(slack.verifier, body, request.headers.get("x-slack-request-timestamp"),
                    request.headers.get("x-slack-signature")):
        logger.warning("slack request refused: missing, wrong or stale signature "
                       "(check SLACK_SIGNING_SECRET and the clock)")
        raise HTTPException(status_code=401, detail="missing, wrong or stale Slack signature")
    data = parse_body(body, request.headers.get("content-type", ""))
    kind = data["type"]

    if kind == "url_verification":
        challenge = data.get("challenge")
        if not isinstance(challenge, str):
            raise bad_request("url_verification without a `challenge`")
        return JSONResponse({"challenge": challenge})

    if kind == "event_callback":
        turn = await event_turn(slack, data)
        if isinstance(turn, str):
            return ack(turn)
        require_assistant(request)
        event_id = _str(data.get("event_id")) or f"{turn.channel}:{data['event'].get('ts')}"
        if await taken_before(request, event_id):  # the id may name the channel: debug only
            logger.info("slack event redelivered (retry %s): ignored",
                        request.headers.get("x-slack-retry-num", "-"))
            logger.debug("slack event %s redelivered: ignored", event_id)
            return ack("already taken")

    elif kind == "block_actions":
        turn = action_turn(data)
        if isinstance(turn, str):
            return ack(turn)
        require_assistant(request)
        action = data["actions"][0]
        action_id = (_str(data.get("trigger_id"))
                     or f"{turn.channel}:{action.get('action_ts')}:{action.get('action_id')}")
        if await taken_before(request, "action:" + action_id):
            return ack("already taken")

    else:
        return ack(f"request type {kind}")

    background.add_task(run_turn, request.app.state, slack, turn)
    return ack()
