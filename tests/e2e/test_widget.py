"""The website widget (api/static/widget.js) in a real headless Chromium, driven by Playwright,
against the really running service. One browser for the module; a fresh context per test.

Set UPDATE_WIDGET_SCREENSHOT=1 to write docs/widget-conversation.png from the conversation test.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright import sync_api
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHADOW = "document.querySelector('[data-heavylegs-widget]').shadowRoot"
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
    """Opens pages in fresh browser contexts (own storage); fails the test on any page error."""
    contexts, errors = [], []

    def make(**options):
        options.setdefault("viewport", {"width": 1100, "height": 820})
        context = browser.new_context(base_url=service.url, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def page(new_page):
    return new_page()


# ---- helpers ----

def shadow(page, expression: str):
    """Evaluates `expression` with `root` bound to the widget's shadow root."""
    return page.evaluate(f"() => {{ const root = {SHADOW}; return {expression}; }}")


def message_box(page):
    return page.get_by_label("Your message")


def open_widget(page):
    page.get_by_role("button", name=re.compile("^Open chat")).click()
    expect(message_box(page)).to_be_focused()


def say(page, text: str):
    message_box(page).fill(text)
    message_box(page).press("Enter")


def quick_replies(page):
    return page.locator(".qr:not([hidden]) button")


def wait_for_reply(page):
    expect(page.locator(".typing")).to_have_count(0)


def answer_until_conclusion(page):
    for _ in range(20):
        expect(quick_replies(page).first).to_be_visible()
        if page.locator(".card").count():
            return
        titles = quick_replies(page).all_inner_texts()
        choice = next(title for title in PREFERRED if title in titles)
        answered = page.locator(".msg.user").count()
        quick_replies(page).get_by_text(choice, exact=True).click()
        expect(page.locator(".msg.user")).to_have_count(answered + 1)
        expect(page.locator(".msg.user").last).to_have_text(choice)
        wait_for_reply(page)
    raise AssertionError("no conclusion card after 20 quick replies")


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two computed `rgb(...)` colours."""
    def luminance(colour: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+", colour)[:3]]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def host_page(page, service, script_tag: str, path: str = "/host-page") -> None:
    """Serves a bare host page at `path` (same origin as the service) that embeds `script_tag`."""
    html = (f"<!doctype html><html lang='en'><head><meta name='viewport' content='width=device-width'>"
            f"<style>button{{background:hotpink!important;font:30px serif}}</style></head>"
            f"<body><a href='#'>host link</a>{script_tag}</body></html>")
    page.route(service.url + path, lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(path)


# ---- the tests ----

def test_the_demo_page_and_the_script_are_served_with_the_right_headers(http, service):
    page = http.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    tag = f'&lt;script src="{service.url}/widget.js" defer&gt;&lt;/script&gt;'
    assert tag in page.text, "the page shows the tag to copy, with this service's address"
    assert '<script src="/widget.js" defer></script>' in page.text, "and embeds the widget itself"
    assert "script-src 'self'" in page.headers["content-security-policy"]

    script = http.get("/widget.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert "max-age=" in script.headers["cache-control"]
    assert script.headers["x-content-type-options"] == "nosniff"
    again = http.get("/widget.js", headers={"If-None-Match": script.headers["etag"]})
    assert again.status_code == 304 and not again.content
    assert len(script.content) < 20_000, "the widget stays small"
    source = script.text
    assert "innerHTML" not in source and "eval(" not in source and "new Function" not in source
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", source.split("*/", 1)[1]), \
        "no external address in the code"


def test_a_conversation_ends_in_a_conclusion_card_that_survives_a_reload(page, service, tmp_path):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/")
    expect(page.locator("#embed-tag")).to_have_text(f'<script src="{service.url}/widget.js" defer></script>')
    expect(page.get_by_role("dialog")).to_be_hidden()
    open_widget(page)
    expect(page.get_by_text("not medical advice", exact=False).first).to_be_visible()

    say(page, "my legs feel heavy on every run")
    expect(page.locator(".msg.user")).to_have_text(["my legs feel heavy on every run"])
    wait_for_reply(page)
    expect(quick_replies(page).get_by_text("None of these", exact=True)).to_be_visible()
    answer_until_conclusion(page)

    card = page.locator(".card")
    expect(card).to_have_count(1)
    expect(card.locator("h4").first).to_have_text("Lack of sleep")
    expect(card).to_contain_text("less than 6 hours")
    expect(card.locator(".urgency")).to_have_count(0)  # self_care: no urgency banner
    source = card.locator("a").first
    expect(source).to_have_attribute("href", re.compile(r"^https://"))
    expect(source).to_have_attribute("rel", "noopener noreferrer")
    expect(source).to_have_attribute("target", "_blank")
    # The numbered cause text the bot sends for text-only channels is not shown twice.
    expect(page.locator(".msg.bot", has_text=re.compile(r"^1\. Lack of sleep"))).to_have_count(0)
    assert all(url.startswith(service.url) for url in requests), "no request leaves the service"

    card.evaluate("card => { card.parentNode.scrollTop = card.offsetTop - 12; }")  # for the picture
    screenshot = tmp_path / "widget-conversation.png"
    page.screenshot(path=screenshot)
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("UPDATE_WIDGET_SCREENSHOT"):
        shutil.copyfile(screenshot, ROOT / "docs" / "widget-conversation.png")

    before = page.locator(".msg").all_inner_texts()
    sender = page.evaluate("() => Object.entries(localStorage).find(([k]) => k.endsWith('sender'))[1]")
    page.reload()
    expect(page.get_by_role("dialog")).to_be_visible()  # it was open: it stays open in this tab
    expect(page.locator(".card h4").first).to_have_text("Lack of sleep")
    expect(page.locator(".msg.user").first).to_have_text("my legs feel heavy on every run")
    after = page.locator(".msg").all_inner_texts()
    assert sorted(after) == sorted(before), "the same conversation, from the stored history"
    expect(page.locator(".qr")).to_have_count(1)  # buttons only on the last bot message
    expect(quick_replies(page).get_by_text("Start over", exact=True)).to_be_visible()
    assert page.evaluate("() => Object.entries(localStorage).find(([k]) => k.endsWith('sender'))[1]") \
        == sender


def test_markup_in_messages_is_text_and_restart_clears_the_conversation(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto("/")
    open_widget(page)
    say(page, XSS)
    wait_for_reply(page)
    expect(page.locator(".msg.user")).to_have_text([XSS])
    assert shadow(page, "root.querySelectorAll('img').length") == 0
    assert page.locator("img").count() == 0

    page.reload()  # the same text again, now from the stored history
    expect(page.locator(".msg.user")).to_have_text([XSS])
    assert shadow(page, "root.querySelectorAll('img, [onerror]').length") == 0
    assert dialogs == [], "no script ran from a message"

    page.get_by_role("button", name="Start over", exact=True).click()
    expect(page.get_by_role("log")).to_contain_text("let's start over")
    expect(page.locator(".msg.user")).to_have_count(0)
    expect(page.get_by_text(XSS)).to_have_count(0)
    page.reload()  # the service restarted the conversation too
    expect(page.locator(".msg.bot").last).to_contain_text("not a doctor")
    expect(page.locator(".msg.user")).to_have_count(0)


def test_untrusted_bot_content_is_rendered_safely(page, service):
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
    open_widget(page)
    say(page, "hello")
    expect(page.locator(".card")).to_have_count(1)
    expect(page.locator(".msg.bot").nth(1)).to_have_text(
        "<b>bold</b> see example.org/a (opens in a new tab). and javascript:alert(1)")
    expect(page.locator(".msg.bot a")).to_have_attribute("href", "https://example.org/a")
    expect(page.locator(".msg.bot", has_text="repeated for text channels")).to_have_count(0)
    urgency = page.locator(".card > *").first
    expect(urgency).to_have_class(re.compile("urgency"))
    expect(urgency).to_have_text("See a doctor today.")
    expect(page.locator(".card h4")).to_have_text("Lack of sleep <script>")
    expect(page.locator(".card li li").first).to_have_text("<i>short nights</i>")
    links = page.locator(".card a")
    expect(links).to_have_count(1)  # javascript: stays plain text
    expect(links).to_have_attribute("href", "https://www.nhlbi.nih.gov/health/sleep-deprivation")
    expect(page.locator(".card")).to_contain_text("javascript:alert(1)")
    expect(quick_replies(page)).to_have_text([XSS])
    assert shadow(page, "root.querySelectorAll('img, script, b, i, [onerror]').length") == 0
    assert shadow(page, "[...root.querySelectorAll('a')].filter(a => !/^https?:/.test(a.href)).length") == 0


def test_keyboard_only_opening_closing_and_accessible_names(page):
    page.goto("/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if shadow(page, "root.activeElement && root.activeElement.className") == "launcher":
            break
    else:
        raise AssertionError("Tab never reached the launcher")
    launcher = page.get_by_role("button", name=re.compile("^Open chat"))
    expect(launcher).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_visible()
    expect(message_box(page)).to_be_focused()
    page.keyboard.type("legs heavy when I run")
    page.keyboard.press("Enter")
    wait_for_reply(page)
    expect(quick_replies(page).first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert shadow(page, "root.activeElement && root.activeElement.className") == "launcher"
    page.keyboard.press("Space")
    expect(page.get_by_role("dialog")).to_be_visible()
    expect(message_box(page)).to_be_focused()

    log = page.get_by_role("log")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(log.locator(".msg.user")).to_have_count(1)
    nameless = shadow(page, "[...root.querySelectorAll('button')].filter(b => "
                            "!(b.getAttribute('aria-label') || b.textContent).trim()).length")
    assert nameless == 0, "every button has an accessible name"
    for name in ("Start over", "Close chat", "Send"):
        expect(page.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Close chat: Heavy legs helper")).to_be_visible()

    pairs = shadow(page, """[['header h2', 'header'], ['.launcher', '.launcher'], ['.send', '.send'],
        ['.msg.user', '.msg.user'], ['.msg.bot', '.msg.bot'], ['.qr button', '.qr button'],
        ['.note', '.panel']].map(([fg, bg]) => [fg,
            getComputedStyle(root.querySelector(fg)).color,
            getComputedStyle(root.querySelector(bg)).backgroundColor])""")
    for selector, foreground, background in pairs:
        assert contrast(foreground, background) >= 4.5, (selector, foreground, background)


@pytest.mark.parametrize("colour", ["#ffcc00", "#3366ff", "#222"])
def test_data_attributes_set_title_colour_position_and_open(page, service, colour):
    host_page(page, service, f'<script src="/widget.js" defer data-title="Legs?" data-colour="{colour}" '
                             'data-position="left" data-open></script>')
    dialog = page.get_by_role("dialog", name="Legs?")
    expect(dialog).to_be_visible()  # data-open
    assert page.evaluate("document.activeElement === document.body"), "opening on load steals no focus"
    box = page.locator(".launcher").bounding_box()
    assert box["x"] < 100, "data-position=left"
    pairs = shadow(page, """['header', '.launcher', '.send'].map(s => [s,
        getComputedStyle(root.querySelector(s)).color,
        getComputedStyle(root.querySelector(s)).backgroundColor])""")
    for selector, foreground, background in pairs:
        assert contrast(foreground, background) >= 4.5, (selector, foreground, background)
    # The host page's `button {font: 30px serif; background: hotpink}` does not reach inside.
    assert shadow(page, "getComputedStyle(root.querySelector('.send')).fontSize") != "30px"
    send_background = shadow(page, "getComputedStyle(root.querySelector('.send')).backgroundColor")
    assert send_background != "rgb(255, 105, 180)"


def test_a_phone_screen_gets_a_full_width_panel_without_horizontal_scrolling(new_page):
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                    device_scale_factor=2)
    page.goto("/")
    page.get_by_role("button", name=re.compile("^Open chat")).click()
    say(page, "my legs feel heavy on every run")
    wait_for_reply(page)
    expect(quick_replies(page).first).to_be_visible()
    panel = page.get_by_role("dialog").bounding_box()
    assert panel["x"] == 0 and panel["width"] == 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert shadow(page, "root.querySelector('.log').scrollWidth <= root.querySelector('.log').clientWidth")
    widest = shadow(page, "Math.max(...[...root.querySelectorAll('.panel *')]"
                          ".map(e => e.getBoundingClientRect().right))")
    assert widest <= 360.5, widest
    page.get_by_role("button", name="Close chat", exact=True).click()
    expect(page.get_by_role("dialog")).to_be_hidden()


@pytest.mark.parametrize("failure", ["unreachable", "error 503"])
def test_a_failing_service_shows_retry_and_keeps_what_was_typed(page, failure):
    def fail(route):
        if failure == "unreachable":
            route.abort("connectionrefused")
        else:
            route.fulfill(status=503, json={"detail": "internal error"})

    page.goto("/")
    open_widget(page)
    page.route("**/api/chat", fail)
    say(page, "my legs feel heavy on every run")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Can't reach" if failure == "unreachable" else "error 503")
    expect(message_box(page)).to_have_value("my legs feel heavy on every run")
    expect(page.locator(".msg.user")).to_have_count(0)
    page.unroute("**/api/chat")
    page.get_by_role("button", name="Retry").click()
    expect(alert).to_be_hidden()
    expect(page.locator(".msg.user")).to_have_text(["my legs feel heavy on every run"])
    expect(message_box(page)).to_have_value("")
    expect(quick_replies(page).get_by_text("None of these", exact=True)).to_be_visible()

    # A quick reply that fails stays available, and Retry sends it.
    page.route("**/api/chat", fail)
    quick_replies(page).get_by_text("None of these", exact=True).click()
    expect(alert).to_be_visible()
    expect(quick_replies(page).get_by_text("None of these", exact=True)).to_be_visible()
    expect(page.locator(".msg.user")).to_have_count(1)
    page.unroute("**/api/chat")
    page.get_by_role("button", name="Retry").click()
    expect(page.locator(".msg.user").last).to_have_text("None of these")
    expect(quick_replies(page).get_by_text("Under 6 hours", exact=True)).to_be_visible()


def test_over_the_rate_limit_the_widget_says_when_to_try_again(page):
    detail = "too many requests from this address; try again in 30 seconds"
    page.goto("/")
    open_widget(page)
    page.route("**/api/chat", lambda route: route.fulfill(
        status=429, json={"detail": detail}, headers={"Retry-After": "30"}))
    say(page, "my legs feel heavy on every run")
    expect(page.get_by_role("alert")).to_contain_text(detail)
    expect(message_box(page)).to_have_value("my legs feel heavy on every run")
    expect(page.locator(".msg.user")).to_have_count(0)


def test_history_that_cannot_be_loaded_offers_retry_and_unknown_ids_start_afresh(page):
    page.goto("/")
    open_widget(page)
    say(page, "heavy legs on my runs")
    wait_for_reply(page)
    page.route("**/api/conversations/**", lambda route: route.abort("connectionrefused"))
    page.reload()
    expect(page.get_by_role("alert")).to_contain_text("earlier messages could not be loaded")
    page.unroute("**/api/conversations/**")
    page.get_by_role("button", name="Retry").click()
    expect(page.locator(".msg.user")).to_have_text(["heavy legs on my runs"])

    key = page.evaluate("() => Object.keys(localStorage).find(k => k.endsWith('sender'))")
    page.evaluate(f"() => localStorage.setItem({json.dumps(key)}, 'web-never-seen-by-the-service')")
    page.reload()
    expect(page.locator(".msg.bot")).to_have_count(1)  # just the greeting
    expect(page.get_by_role("alert")).to_be_hidden()
    assert page.evaluate(f"() => localStorage.getItem({json.dumps(key)})") is None


@contextmanager
def blog_on(port: int, service):
    """A site on another origin (another local port) whose page embeds the widget by its tag."""
    page = (f"<!doctype html><html lang='en'><body><p>A running blog.</p>"
            f"<script src='{service.url}/widget.js' defer data-open></script></body></html>").encode()

    class Blog(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Blog)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@pytest.fixture(scope="module")
def other_site(service, other_site_origin):
    """A site the service allows (CORS_ORIGINS, set by conftest's `service`)."""
    with blog_on(int(other_site_origin.rsplit(":", 1)[1]), service) as origin:
        assert origin == other_site_origin
        yield origin


@pytest.fixture(scope="module")
def unlisted_site(service):
    """A site on yet another port, not in CORS_ORIGINS."""
    with blog_on(0, service) as origin:
        yield origin


def test_the_widget_loads_on_another_origin_and_chats(page, other_site):
    page.goto(other_site + "/blog")
    expect(page.get_by_role("dialog")).to_be_visible()  # the script itself loads from anywhere
    say(page, "my legs feel heavy")
    expect(quick_replies(page).first).to_be_visible(timeout=15_000)


def test_on_a_site_not_in_cors_origins_the_browser_keeps_the_widget_from_chatting(page, unlisted_site):
    page.goto(unlisted_site + "/blog")
    expect(page.get_by_role("dialog")).to_be_visible()  # the script loads, but may not call the API
    say(page, "my legs feel heavy")
    expect(page.get_by_role("alert")).to_contain_text("Can't reach")
    expect(page.locator(".msg.user")).to_have_count(0)
    expect(message_box(page)).to_have_value("my legs feel heavy")
