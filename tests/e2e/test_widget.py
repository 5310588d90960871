"""The website widget in a real headless Chromium, driven by Playwright, against the really
running service: the loader (api/static/widget.js) on a host page, and the chat panel in its
iframe (/widget/frame, api/static/frame.js). One browser for the module; a fresh context
(own storage) per page.

The loader keeps its launcher and iframe in a CLOSED shadow root, which Playwright's locators
cannot enter. Most tests therefore open it (`open_shadow`, an init script that makes
attachShadow ignore mode "closed") so that `page.frame_locator(FRAME)` and the launcher's
locator work; the test of another site's page runs without it and checks the root is closed.

Set UPDATE_WIDGET_SCREENSHOT=1 to write docs/widget-conversation.png from the conversation test.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright import sync_api
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Playwright turns off Chromium's storage partitioning (microsoft/playwright#32230), and then a
# frame from another site gets no localStorage at all. A stock Chrome partitions an embedded
# frame's storage by top-level site instead: this is Playwright's list of disabled features
# without ThirdPartyStoragePartitioning (the last --disable-features on the command line wins).
DISABLED_FEATURES = ["AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose",
                     "HttpsUpgrades", "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter",
                     "PaintHolding", "AvoidCorsURLLoaderRestartOnRedirect", "OptimizationHints",
                     "NetworkTimeServiceQuerying", "AimEnabled", "PreconnectToSearch"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-features=" + ",".join(DISABLED_FEATURES)]
OPEN_SHADOW_ROOTS = """{
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attach.call(this, Object.assign({}, init, { mode: 'open' }));
  };
}"""
SHADOW = "document.querySelector('[data-heavylegs-widget]').shadowRoot"
FRAME = "iframe[src*='/widget/frame']"
FRAME_URL = re.compile(r"/widget/frame\?")
STORE_KEY = "heavylegs:conversation"
ENDED = "That conversation has ended; starting a new one."
XSS = "<img src=x onerror=alert(1)>"
# Quick replies for a runner who sleeps under 6 hours and is otherwise fine (or not sure).
PREFERRED = ["None of these", "Under 6 hours", "Not sure"]


@pytest.fixture(scope="module")
def browser():
    # A missing browser is an error, not a skip: .ci/run installs Debian's chromium.
    assert Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}: apt-get install chromium"
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, service):
    """Opens pages in fresh browser contexts; fails the test on any script error or CSP
    violation in the page or its frame."""
    contexts, errors = [], []

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            errors.append(message.text)

    def make(open_shadow=True, **options):
        options.setdefault("viewport", {"width": 1100, "height": 820})
        context = browser.new_context(base_url=service.url, **options)
        if open_shadow:
            context.add_init_script(OPEN_SHADOW_ROOTS)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", on_console)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors or CSP violations on the page: {errors}"


@pytest.fixture
def page(new_page):
    return new_page()


# ---- helpers: `chat` is the panel, a FrameLocator (or a Frame where the root is closed) ----

def chat(page):
    return page.frame_locator(FRAME)


def frame_of(page):
    """The panel's Frame: found through the browser, so also behind a closed shadow root."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        frame = page.frame(url=FRAME_URL)
        if frame:
            frame.wait_for_load_state()
            return frame
        page.wait_for_timeout(100)
    raise AssertionError("no widget frame on the page")


def shadow(page, expression: str):
    """Evaluates `expression` with `root` bound to the loader's (opened) shadow root."""
    return page.evaluate(f"() => {{ const root = {SHADOW}; return {expression}; }}")


def stored_pair(page) -> dict | None:
    """The {sender, token} the panel keeps in the service origin's localStorage."""
    return frame_of(page).evaluate(f"() => JSON.parse(localStorage.getItem('{STORE_KEY}'))")


def launcher(page):
    return page.get_by_role("button", name=re.compile("^(Open|Close) chat"))


def message_box(scope):
    return scope.get_by_label("Your message")


def open_widget(page):
    page.get_by_role("button", name=re.compile("^Open chat")).click()
    expect(page.locator(FRAME)).to_be_visible()
    expect(message_box(chat(page))).to_be_focused()


def say(scope, text: str):
    message_box(scope).fill(text)
    message_box(scope).press("Enter")


def quick_replies(scope):
    return scope.locator(".qr:not([hidden]) button")


def wait_for_reply(scope):
    expect(scope.locator(".typing")).to_have_count(0)


def answer_until_conclusion(scope):
    for _ in range(20):
        expect(quick_replies(scope).first).to_be_visible()
        if scope.locator(".card").count():
            return
        titles = quick_replies(scope).all_inner_texts()
        choice = next(title for title in PREFERRED if title in titles)
        answered = scope.locator(".msg.user").count()
        quick_replies(scope).get_by_text(choice, exact=True).click()
        expect(scope.locator(".msg.user")).to_have_count(answered + 1)
        expect(scope.locator(".msg.user").last).to_have_text(choice)
        wait_for_reply(scope)
    raise AssertionError("no conclusion card after 20 quick replies")


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two computed `rgb(...)` colours."""
    def luminance(colour: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+", colour)[:3]]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def colour_pairs(frame, pairs: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """[(selector, its colour, the background of `bg`)] computed in the panel's frame."""
    return frame.evaluate("""pairs => pairs.map(([fg, bg]) => [fg,
        getComputedStyle(document.querySelector(fg)).color,
        getComputedStyle(document.querySelector(bg)).backgroundColor])""", pairs)


def host_page(page, service, script_tag: str, path: str = "/host-page") -> None:
    """Serves a bare host page at `path` (same origin as the service) that embeds `script_tag`."""
    html = (f"<!doctype html><html lang='en'><head><meta name='viewport' content='width=device-width'>"
            f"<style>button,iframe{{background:hotpink!important;font:30px serif}}</style></head>"
            f"<body><a href='#'>host link</a>{script_tag}</body></html>")
    page.route(service.url + path, lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(path)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# ---- the tests ----

def test_the_pages_and_scripts_are_served_with_the_right_headers(http, service):
    page = http.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    tag = f'&lt;script src="{service.url}/widget.js" defer&gt;&lt;/script&gt;'
    assert tag in page.text, "the page shows the tag to copy, with this service's address"
    assert '<script src="/widget.js" defer></script>' in page.text, "and embeds the widget itself"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "frame-src 'self'" in page.headers["content-security-policy"]

    script = http.get("/widget.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert "max-age=" in script.headers["cache-control"]
    assert script.headers["x-content-type-options"] == "nosniff"
    assert script.headers["cross-origin-resource-policy"] == "cross-origin"
    again = http.get("/widget.js", headers={"If-None-Match": script.headers["etag"]})
    assert again.status_code == 304 and not again.content
    assert len(script.content) < 8_000, "the loader on every host page stays small"
    assert "mode: 'closed'" in script.text

    frame = http.get("/widget/frame", params={"title": "x", "colour": "#123"})
    assert frame.status_code == 200 and frame.headers["content-type"].startswith("text/html")
    csp = frame.headers["content-security-policy"]
    for directive in ("default-src 'none'", "script-src 'self'", "style-src 'self'",
                      "connect-src 'self'", "frame-ancestors http: https:"):
        assert directive in csp
    assert "x-frame-options" not in frame.headers, "any site may embed the frame"
    assert frame.headers["cache-control"] == "no-cache"
    assets = re.findall(r'(?:src|href)="(/widget/frame\.(?:js|css)\?v=\w+)"', frame.text)
    assert len(assets) == 2, "versioned URLs of its script and style sheet"
    assert "<style" not in frame.text and "style=" not in frame.text and "<script>" not in frame.text
    for asset, media in zip(sorted(assets), ["text/css", "text/javascript"], strict=True):
        answer = http.get(asset)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
        assert "max-age=" in answer.headers["cache-control"]

    for source in (script.text, http.get("/widget/frame.js").text):
        code = source.split("*/", 1)[1]
        assert "innerHTML" not in code and "eval(" not in code and "new Function" not in code
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", code), "no external address"
    assert "localStorage.setItem" not in script.text, "the loader keeps nothing in the page's storage"


def test_a_conversation_ends_in_a_conclusion_card_that_survives_a_reload(page, service, tmp_path):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/")
    expect(page.locator("#embed-tag")).to_have_text(f'<script src="{service.url}/widget.js" defer></script>')
    expect(page.locator(FRAME)).to_be_hidden()
    expect(page.locator(FRAME)).to_have_attribute("title", "Heavy legs helper")
    panel = chat(page)
    open_widget(page)
    expect(panel.get_by_text("not medical advice", exact=False).first).to_be_visible()
    assert stored_pair(page) is None, "no conversation is created just by opening the panel"

    say(panel, "my legs feel heavy on every run")
    expect(panel.locator(".msg.user")).to_have_text(["my legs feel heavy on every run"])
    wait_for_reply(panel)
    expect(quick_replies(panel).get_by_text("None of these", exact=True)).to_be_visible()
    answer_until_conclusion(panel)

    card = panel.locator(".card")
    expect(card).to_have_count(1)
    expect(card.locator("h4").first).to_have_text("Lack of sleep")
    expect(card).to_contain_text("less than 6 hours")
    expect(card.locator(".urgency")).to_have_count(0)  # self_care: no urgency banner
    source = card.locator("a").first
    expect(source).to_have_attribute("href", re.compile(r"^https://"))
    expect(source).to_have_attribute("rel", "noopener noreferrer")
    expect(source).to_have_attribute("target", "_blank")
    # The numbered cause text the bot sends for text-only channels is not shown twice.
    expect(panel.locator(".msg.bot", has_text=re.compile(r"^1\. Lack of sleep"))).to_have_count(0)
    assert all(url.startswith(service.url) for url in requests), "no request leaves the service"

    card.evaluate("card => { card.parentNode.scrollTop = card.offsetTop - 12; }")  # for the picture
    screenshot = tmp_path / "widget-conversation.png"
    page.screenshot(path=screenshot)
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("UPDATE_WIDGET_SCREENSHOT"):
        shutil.copyfile(screenshot, ROOT / "docs" / "widget-conversation.png")

    # After the reload the history comes back three messages a page, to show the paging.
    pages = []

    def small_pages(route):
        pages.append(route.request.url)
        assert route.request.headers["authorization"].startswith("Bearer ")
        route.continue_(url=route.request.url.replace("limit=500", "limit=3"))

    before = panel.locator(".msg").all_inner_texts()
    pair = stored_pair(page)
    page.route("**/api/conversations/*/messages*", small_pages)
    page.reload()
    expect(page.locator(FRAME)).to_be_visible()  # it was open: it stays open in this tab
    expect(panel.locator(".card h4").first).to_have_text("Lack of sleep")
    expect(panel.locator(".msg.user").first).to_have_text("my legs feel heavy on every run")
    after = panel.locator(".msg").all_inner_texts()
    assert sorted(after) == sorted(before), "the same conversation, from the stored history"
    assert len(pages) > 3 and "offset=3&" in pages[1], pages
    expect(panel.locator(".qr")).to_have_count(1)  # buttons only on the last bot message
    expect(quick_replies(panel).get_by_text("Start over", exact=True)).to_be_visible()
    assert stored_pair(page) == pair


def test_markup_in_messages_is_text_and_restart_clears_the_conversation(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto("/")
    panel = chat(page)
    open_widget(page)
    say(panel, XSS)
    wait_for_reply(panel)
    expect(panel.locator(".msg.user")).to_have_text([XSS])
    assert frame_of(page).evaluate("document.querySelectorAll('img').length") == 0

    page.reload()  # the same text again, now from the stored history
    expect(panel.locator(".msg.user")).to_have_text([XSS])
    assert frame_of(page).evaluate("document.querySelectorAll('img, [onerror]').length") == 0
    assert dialogs == [], "no script ran from a message"

    sender = stored_pair(page)["sender"]
    panel.get_by_role("button", name="Start over", exact=True).click()
    expect(panel.get_by_role("log")).to_contain_text("let's start over")
    expect(panel.locator(".msg.user")).to_have_count(0)
    expect(panel.get_by_text(XSS)).to_have_count(0)
    assert stored_pair(page)["sender"] == sender, "start over keeps the conversation"
    page.reload()  # the service restarted the conversation too
    expect(panel.locator(".msg.bot").last).to_contain_text("not a doctor")
    expect(panel.locator(".msg.user")).to_have_count(0)


def test_untrusted_bot_content_is_rendered_safely(page):
    """The renderer on its own, with a hostile service answer: text, links, buttons, card."""
    answer = [
        {"text": "<b>bold</b> see https://example.org/a. and javascript:alert(1)"},
        {"text": "1. Lack of sleep <script>: repeated for text channels"},
        {"custom": {"type": "assessment", "urgency": "urgent", "red_flag": "none", "causes": [
            {"id": "sleep", "title": "Lack of sleep <script>", "score": 0.9,
             "because": ["<i>short nights</i>"], "fixes": ["sleep more"],
             "sources": ["javascript:alert(1)", "https://www.nhlbi.nih.gov/health/sleep-deprivation"]}]}},
        {"text": "Pick one", "buttons": [{"title": XSS, "payload": "/restart"}]},
    ]
    page.route("**/api/chat", lambda route: route.fulfill(json=answer))
    page.goto("/")
    panel = chat(page)
    open_widget(page)
    say(panel, "hello")
    expect(panel.locator(".card")).to_have_count(1)
    expect(panel.locator(".msg.bot").nth(1)).to_have_text(
        "<b>bold</b> see example.org/a (opens in a new tab). and javascript:alert(1)")
    expect(panel.locator(".msg.bot a")).to_have_attribute("href", "https://example.org/a")
    expect(panel.locator(".msg.bot", has_text="repeated for text channels")).to_have_count(0)
    urgency = panel.locator(".card > *").first
    expect(urgency).to_have_class(re.compile("urgency"))
    expect(urgency).to_have_text("See a doctor today.")
    expect(panel.locator(".card h4")).to_have_text("Lack of sleep <script>")
    expect(panel.locator(".card li li").first).to_have_text("<i>short nights</i>")
    links = panel.locator(".card a")
    expect(links).to_have_count(1)  # javascript: stays plain text
    expect(links).to_have_attribute("href", "https://www.nhlbi.nih.gov/health/sleep-deprivation")
    expect(panel.locator(".card")).to_contain_text("javascript:alert(1)")
    expect(quick_replies(panel)).to_have_text([XSS])
    frame = frame_of(page)
    assert frame.evaluate("document.querySelectorAll('.log img, .log script, .log b, .log i, "
                          "[onerror]').length") == 0
    assert frame.evaluate("[...document.querySelectorAll('a')].filter(a => !/^https?:/.test(a.href))"
                          ".length") == 0


def test_keyboard_only_opening_closing_and_accessible_names(page):
    page.goto("/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if shadow(page, "root.activeElement && root.activeElement.className") == "launcher":
            break
    else:
        raise AssertionError("Tab never reached the launcher")
    expect(launcher(page)).to_have_attribute("aria-expanded", "false")
    expect(launcher(page)).to_have_accessible_name("Open chat: Heavy legs helper")
    page.keyboard.press("Enter")
    expect(page.locator(FRAME)).to_be_visible()
    panel = chat(page)
    expect(message_box(panel)).to_be_focused()
    page.keyboard.type("legs heavy when I run")  # the keys really reach the frame's input
    page.keyboard.press("Enter")
    wait_for_reply(panel)
    expect(panel.locator(".msg.user")).to_have_text(["legs heavy when I run"])
    expect(quick_replies(panel).first).to_be_visible()
    expect(launcher(page)).to_have_accessible_name("Close chat: Heavy legs helper")
    page.keyboard.press("Escape")  # in the frame: it asks the loader to close
    expect(page.locator(FRAME)).to_be_hidden()
    assert shadow(page, "root.activeElement && root.activeElement.className") == "launcher"
    expect(launcher(page)).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Space")
    expect(page.locator(FRAME)).to_be_visible()
    expect(message_box(panel)).to_be_focused()
    page.keyboard.press("Shift+Tab")  # back from the input: the quick replies come first
    expect(quick_replies(panel).last).to_be_focused()

    log = panel.get_by_role("log")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(log.locator(".msg.user")).to_have_count(1)
    frame = frame_of(page)
    nameless = frame.evaluate("[...document.querySelectorAll('button')].filter(b => "
                              "!(b.getAttribute('aria-label') || b.textContent).trim()).length")
    assert nameless == 0, "every button has an accessible name"
    for name in ("Start over", "Close chat", "Send", "Delete my conversation"):
        expect(panel.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(panel.get_by_role("heading", name="Heavy legs helper")).to_be_visible()

    pairs = colour_pairs(frame, [("header h2", "header"), (".send", ".send"), (".msg.user", ".msg.user"),
                                 (".msg.bot", ".msg.bot"), (".qr button", ".qr button"),
                                 (".note", ".panel"), (".linkish", ".panel")])
    pairs += shadow(page, "[['.launcher', getComputedStyle(root.querySelector('.launcher')).color, "
                          "getComputedStyle(root.querySelector('.launcher')).backgroundColor]]")
    for selector, foreground, background in pairs:
        assert contrast(foreground, background) >= 4.5, (selector, foreground, background)


@pytest.mark.parametrize("colour", ["#ffcc00", "#3366ff", "#222"])
def test_data_attributes_set_title_colour_position_and_open(page, service, colour):
    host_page(page, service, f'<script src="/widget.js" defer data-title="Legs?" data-colour="{colour}" '
                             'data-position="left" data-open></script>')
    expect(page.locator(FRAME)).to_be_visible()  # data-open
    expect(page.locator(FRAME)).to_have_attribute("title", "Legs?")
    panel = chat(page)
    expect(panel.get_by_role("heading", name="Legs?")).to_be_visible()
    frame = frame_of(page)
    assert frame.title() == "Legs?"
    assert page.evaluate("document.activeElement === document.body"), "opening on load steals no focus"
    assert frame.evaluate("document.activeElement === document.body")
    assert launcher(page).bounding_box()["x"] < 100, "data-position=left"
    assert page.locator(FRAME).bounding_box()["x"] < 100
    pairs = colour_pairs(frame, [("header", "header"), (".send", ".send")])
    pairs += shadow(page, "[['.launcher', getComputedStyle(root.querySelector('.launcher')).color, "
                          "getComputedStyle(root.querySelector('.launcher')).backgroundColor]]")
    for selector, foreground, background in pairs:
        assert contrast(foreground, background) >= 4.5, (selector, foreground, background)
    # The host page's `button, iframe {background: hotpink}` reaches neither the launcher
    # (shadow root) nor the panel (another document).
    hotpink = "rgb(255, 105, 180)"
    assert shadow(page, "getComputedStyle(root.querySelector('.launcher')).backgroundColor") != hotpink
    assert frame.evaluate("getComputedStyle(document.querySelector('.send')).backgroundColor") != hotpink
    assert frame.evaluate("getComputedStyle(document.querySelector('.send')).fontSize") != "30px"


def test_the_frame_checks_what_it_is_given(page):
    title = "<b>long</b> " * 20
    page.goto("/widget/frame?" + urlencode({"title": title, "colour": "red;background:url(//x.example)"}))
    expect(page.get_by_role("heading")).to_have_text(title.strip()[:80])
    assert page.locator("b").count() == 0
    assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") \
        == "rgb(13, 107, 94)", "an invalid colour falls back to the default"
    expect(page.get_by_role("button", name="Close chat")).to_be_hidden()  # not in a frame
    say(page, "my legs feel heavy")  # opened on its own, it still works
    expect(quick_replies(page).first).to_be_visible()


def test_a_phone_screen_gets_a_full_screen_panel_without_horizontal_scrolling(new_page):
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                    device_scale_factor=2)
    page.goto("/")
    page.get_by_role("button", name=re.compile("^Open chat")).click()
    panel = chat(page)
    say(panel, "my legs feel heavy on every run")
    wait_for_reply(panel)
    expect(quick_replies(panel).first).to_be_visible()
    box = page.locator(FRAME).bounding_box()
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 360, 740)
    expect(launcher(page)).to_be_hidden()  # the panel covers the screen; it closes itself
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    frame = frame_of(page)
    assert frame.evaluate("document.documentElement.scrollWidth") <= 360
    assert frame.evaluate("document.querySelector('.log').scrollWidth <= "
                          "document.querySelector('.log').clientWidth")
    widest = frame.evaluate("Math.max(...[...document.querySelectorAll('.panel *')]"
                            ".map(e => e.getBoundingClientRect().right))")
    assert widest <= 360.5, widest
    panel.get_by_role("button", name="Close chat", exact=True).click()
    expect(page.locator(FRAME)).to_be_hidden()
    expect(launcher(page)).to_be_visible()


@pytest.mark.parametrize("failing, failure", [("**/api/chat", "unreachable"), ("**/api/chat", "error 503"),
                                              ("**/api/conversations", "error 503")])
def test_a_failing_service_shows_retry_and_keeps_what_was_typed(page, failing, failure):
    def fail(route):
        if failure == "unreachable":
            route.abort("connectionrefused")
        else:
            route.fulfill(status=503, json={"detail": "internal error"}, headers={"Retry-After": "5"})

    page.goto("/")
    panel = chat(page)
    open_widget(page)
    page.route(failing, fail)
    say(panel, "my legs feel heavy on every run")
    alert = panel.get_by_role("alert")
    expect(alert).to_contain_text("Can't reach" if failure == "unreachable" else "error 503")
    expect(alert).to_contain_text("Your message was not sent")
    expect(message_box(panel)).to_have_value("my legs feel heavy on every run")
    expect(panel.locator(".msg.user")).to_have_count(0)
    page.unroute(failing)
    panel.get_by_role("button", name="Retry").click()
    expect(alert).to_be_hidden()
    expect(panel.locator(".msg.user")).to_have_text(["my legs feel heavy on every run"])
    expect(message_box(panel)).to_have_value("")
    expect(quick_replies(panel).get_by_text("None of these", exact=True)).to_be_visible()
    if failing != "**/api/chat":
        return

    # A quick reply that fails stays available, and Retry sends it.
    page.route(failing, fail)
    quick_replies(panel).get_by_text("None of these", exact=True).click()
    expect(alert).to_be_visible()
    expect(quick_replies(panel).get_by_text("None of these", exact=True)).to_be_visible()
    expect(panel.locator(".msg.user")).to_have_count(1)
    page.unroute(failing)
    panel.get_by_role("button", name="Retry").click()
    expect(panel.locator(".msg.user").last).to_have_text("None of these")
    expect(quick_replies(panel).get_by_text("Under 6 hours", exact=True)).to_be_visible()


def test_over_the_rate_limit_the_widget_says_when_to_try_again(page):
    detail = "too many requests from this address; try again in 30 seconds"
    page.goto("/")
    panel = chat(page)
    open_widget(page)
    page.route("**/api/chat", lambda route: route.fulfill(
        status=429, json={"detail": detail}, headers={"Retry-After": "30"}))
    say(panel, "my legs feel heavy on every run")
    expect(panel.get_by_role("alert")).to_contain_text(detail)
    expect(panel.get_by_role("button", name="Retry")).to_be_hidden()  # wait, then send again
    expect(message_box(panel)).to_have_value("my legs feel heavy on every run")
    expect(panel.locator(".msg.user")).to_have_count(0)


def test_a_conversation_at_its_limit_of_turns_offers_a_new_one(page):
    detail = "this conversation has reached its limit of 200 messages; please start a new one"
    page.goto("/")
    panel = chat(page)
    open_widget(page)
    say(panel, "my legs feel heavy")
    wait_for_reply(panel)
    first = stored_pair(page)
    page.route("**/api/chat", lambda route: route.fulfill(status=409, json={"detail": detail}))
    say(panel, "and sore")
    expect(panel.get_by_role("alert")).to_contain_text(detail)
    expect(message_box(panel)).to_have_value("and sore")
    page.unroute("**/api/chat")
    panel.get_by_role("button", name="Start a new conversation").click()
    expect(panel.get_by_role("alert")).to_be_hidden()
    expect(panel.locator(".msg")).to_have_count(1)  # the greeting
    expect(message_box(panel)).to_be_focused()
    message_box(panel).press("Enter")  # what was typed is still there
    expect(quick_replies(panel).first).to_be_visible()
    assert stored_pair(page)["sender"] != first["sender"]


def test_history_that_cannot_be_loaded_offers_retry_and_a_refused_token_starts_afresh(page):
    page.goto("/")
    panel = chat(page)
    open_widget(page)
    say(panel, "heavy legs on my runs")
    wait_for_reply(panel)
    history = "**/api/conversations/*/messages*"
    page.route(history, lambda route: route.abort("connectionrefused"))
    page.reload()
    expect(panel.get_by_role("alert")).to_contain_text("earlier messages could not be loaded")
    page.unroute(history)
    panel.get_by_role("button", name="Retry").click()
    expect(panel.locator(".msg.user")).to_have_text(["heavy legs on my runs"])

    # A token the service refuses (the conversation was deleted or purged): a fresh start.
    pair = stored_pair(page)
    frame_of(page).evaluate("pair => localStorage.setItem('heavylegs:conversation', JSON.stringify(pair))",
                            {**pair, "token": "not-the-token"})
    page.reload()
    expect(panel.locator(".notice")).to_have_text(ENDED)
    expect(panel.locator(".msg")).to_have_count(1)  # just the greeting
    expect(panel.get_by_role("alert")).to_be_hidden()
    assert stored_pair(page) is None


def test_a_conversation_gone_from_the_service_goes_on_in_a_new_one(page, http):
    page.goto("/")
    panel = chat(page)
    open_widget(page)
    say(panel, "my legs feel heavy on every run")
    wait_for_reply(panel)
    old = stored_pair(page)
    # As the retention purge (or a deletion in another tab) would: the token stops working.
    assert http.delete(f"/api/conversations/{old['sender']}", headers=bearer(old["token"])).status_code == 204

    say(panel, "my legs feel heavy")
    expect(panel.locator(".notice")).to_have_text(ENDED)
    expect(panel.locator(".msg.user")).to_have_text(["my legs feel heavy"])  # sent again, once
    expect(quick_replies(panel).get_by_text("None of these", exact=True)).to_be_visible()
    expect(panel.get_by_role("alert")).to_be_hidden()
    new = stored_pair(page)
    assert new["sender"] != old["sender"] and new["token"] != old["token"]
    history = http.get(f"/api/conversations/{new['sender']}/messages", headers=bearer(new["token"]))
    assert [m.get("text") for m in history.json() if m["sender"] == "user"] == ["my legs feel heavy"]


def test_the_delete_control_deletes_the_conversation_after_asking(page, http):
    page.goto("/")
    panel = chat(page)
    open_widget(page)
    say(panel, "my legs feel heavy on every run")
    wait_for_reply(panel)
    pair = stored_pair(page)
    messages = f"/api/conversations/{pair['sender']}/messages"
    assert http.get(messages, headers=bearer(pair["token"])).status_code == 200

    delete = panel.get_by_role("button", name="Delete my conversation")
    confirm = panel.get_by_role("group", name=re.compile("^Delete this conversation"))
    delete.click()
    expect(confirm).to_be_visible()
    expect(panel.get_by_role("button", name="Cancel")).to_be_focused()  # the safe choice first
    page.keyboard.press("Escape")  # cancels the question, leaves the panel open
    expect(confirm).to_be_hidden()
    expect(page.locator(FRAME)).to_be_visible()
    expect(delete).to_be_focused()
    assert stored_pair(page) == pair

    delete.click()
    panel.get_by_role("button", name="Yes, delete it").click()
    expect(panel.locator(".notice")).to_have_text("Your conversation has been deleted.")
    expect(panel.locator(".msg")).to_have_count(1)  # the greeting again
    expect(message_box(panel)).to_be_focused()
    assert stored_pair(page) is None
    assert http.get(messages, headers=bearer(pair["token"])).status_code == 401, "gone on the service"
    assert http.delete(f"/api/conversations/{pair['sender']}",
                       headers=bearer(pair["token"])).status_code == 401
    page.reload()
    expect(panel.locator(".msg")).to_have_count(1)
    expect(panel.locator(".notice")).to_have_count(0)


# ---- another site's page ----

# The blog's own script: it keeps every message its window receives, with its sender.
BLOG_SPY = "window.seen = []; addEventListener('message', e => seen.push({data: e.data, source: e.source}));"


@contextmanager
def blog_on(service):
    """A site on another origin (another local port, and as `localhost` another site too, so
    the browser partitions the frame's storage) whose page embeds the widget by its tag."""
    page = (f"<!doctype html><html lang='en'><body><p>A running blog.</p><script>{BLOG_SPY}</script>"
            f"<script src='{service.url}/widget.js' defer data-open></script></body></html>").encode()

    class Blog(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Blog)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@pytest.fixture(scope="module")
def blog(service):
    with blog_on(service) as origin:
        yield origin


# What the blog's own script can find: its storage, cookies and text, the messages from the
# widget's frame, and what it can reach of the widget: the shadow root, and the frame's
# document and storage through the frame's window (the source of its messages; an iframe in
# a shadow tree is not in window.frames).
SPY = """() => {
  const attempt = f => { try { return ['read', String(f())]; } catch (e) { return ['refused', e.name]; } };
  const host = document.querySelector('[data-heavylegs-widget]');
  const frameWindow = seen.length ? seen[0].source : null;
  return {
    storage: JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]),
    cookies: document.cookie,
    text: document.documentElement.outerHTML,
    messages: JSON.stringify(seen.map(m => m.data)),
    shadowRoot: host.shadowRoot === null ? 'null' : 'open',
    iframes: document.querySelectorAll('iframe').length + window.length,
    frameDocument: attempt(() => frameWindow.document.body.textContent),
    frameStorage: attempt(() => frameWindow.localStorage.getItem('heavylegs:conversation')),
  };
}"""


def test_on_another_site_the_widget_chats_and_the_page_can_read_nothing_of_it(new_page, blog, service, http):
    page = new_page(open_shadow=False)  # the shadow root as it is: closed
    page.goto(blog + "/blog")
    frame = frame_of(page)
    expect(message_box(frame)).to_be_visible()  # data-open
    assert frame.frame_element().is_visible()
    say(frame, "my legs feel heavy on every run")
    wait_for_reply(frame)
    answer_until_conclusion(frame)
    expect(frame.locator(".card h4").first).to_have_text("Lack of sleep")
    pair = stored_pair(page)
    assert pair and pair["sender"] and pair["token"]

    spied = page.evaluate(SPY)
    for secret in (pair["sender"], pair["token"], "my legs feel heavy", "Lack of sleep"):
        for place in ("storage", "cookies", "text", "messages"):
            assert secret not in spied[place], (secret, place)
    assert spied["shadowRoot"] == "null" and spied["iframes"] == 0, "the closed root hides the frame"
    assert json.loads(spied["messages"]) == [{"type": "heavylegs:ready"}], "nothing but a signal"
    assert spied["frameDocument"] == ["refused", "SecurityError"]
    assert spied["frameStorage"] == ["refused", "SecurityError"]

    # Even knowing the id, the page's script gets nothing without the token: the service says
    # 401, and (no CORS) the browser does not even let the page read that.
    url = f"{service.url}/api/conversations/{pair['sender']}/messages"
    fetch = "([url, mode]) => fetch(url, {mode}).then(r => r.type + ' ' + r.status, e => 'refused ' + e.name)"
    assert page.evaluate(fetch, [url, "cors"]) == "refused TypeError"
    with page.expect_response(lambda r: "/messages" in r.url and r.frame == page.main_frame) as answer:
        assert page.evaluate(fetch, [url, "no-cors"]) == "opaque 0"
    assert answer.value.status == 401
    assert http.get(url).status_code == 401
    assert http.get(url, headers=bearer("a-guess")).status_code == 401

    # The loader listens to its frame only: the page's own "close" message is ignored.
    page.evaluate("""() => new Promise(done => {  // resolves after the loader's own listener ran
      addEventListener('message', () => setTimeout(done), {once: true});
      postMessage({type: 'heavylegs:close'}, '*');
    })""")
    assert frame.frame_element().is_visible()

    page.reload()  # the conversation is kept, in the frame's storage for this site
    frame = frame_of(page)
    expect(frame.locator(".card h4").first).to_have_text("Lack of sleep")
    expect(frame.locator(".msg.user").first).to_have_text("my legs feel heavy on every run")
    assert stored_pair(page) == pair
    page.goto(service.url + "/")  # another top-level site, in the same browser: another store
    assert stored_pair(page) is None


BLOCK_FRAME_STORAGE = """if (location.pathname === '/widget/frame') {
  Object.defineProperty(window, 'localStorage', { get() {
    throw new DOMException('Access is denied for this document.', 'SecurityError'); } });
}"""


def test_where_the_browser_denies_the_frame_storage_the_chat_lasts_as_long_as_the_page(page, blog):
    # As a browser that blocks third-party cookies and site data does.
    page.context.add_init_script(BLOCK_FRAME_STORAGE)
    page.goto(blog + "/blog")
    frame = frame_of(page)
    say(frame, "my legs feel heavy")
    expect(quick_replies(frame).first).to_be_visible()
    say(frame, "what now?")
    expect(frame.locator(".msg.user")).to_have_count(2)
    wait_for_reply(frame)
    expect(frame.get_by_role("alert")).to_be_hidden()  # the same conversation: no 401
    page.reload()
    frame = frame_of(page)
    expect(frame.locator(".msg")).to_have_count(1)  # a fresh start, and no error
    expect(frame.get_by_role("alert")).to_be_hidden()


def test_a_page_that_reaches_the_iframe_still_cannot_read_into_it(page, blog):
    page.goto(blog + "/blog")  # open_shadow: as if the page could reach the iframe element
    frame = frame_of(page)
    say(frame, "my legs feel heavy")
    wait_for_reply(frame)
    reached = shadow(page, """(() => {
      const iframe = root.querySelector('iframe');
      let storage;
      try { storage = String(iframe.contentWindow.localStorage.length); } catch (e) { storage = e.name; }
      return [iframe.contentDocument === null, storage];
    })()""")
    assert reached == [True, "SecurityError"]
    assert json.dumps(stored_pair(page)), "the frame has its conversation all the same"
