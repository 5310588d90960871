/* heavylegs chat widget: <script src="https://HOST/widget.js" defer></script>
   Options: data-title, data-colour, data-position, data-open. See docs/widget.md. */
(function () {
  'use strict';
  if (window.__heavylegsWidget) return;
  window.__heavylegsWidget = true;

  const script = document.currentScript ||
    [].slice.call(document.querySelectorAll('script[src*="widget.js"]')).pop();
  if (!script) return;
  const API = new URL(script.src, location.href).origin;
  const ds = script.dataset;
  const TITLE = (ds.title || 'Heavy legs helper').slice(0, 80);
  const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
  const ACCENT = HEX.test(ds.colour || ds.color || '') ? (ds.colour || ds.color) : '#0d6b5e';
  const LEFT = ds.position === 'left';
  const OPEN_ON_LOAD = 'open' in ds && ds.open !== 'false';
  const KEY = 'heavylegs-widget:' + API + ':';
  const NS = 'http://www.w3.org/2000/svg';
  const URGENCY = {
    emergency: 'Emergency: call your local emergency number now (999, 911 or 112).',
    urgent: 'See a doctor today.',
    see_doctor: 'Book an appointment with your doctor.',
  };
  const ICONS = {
    chat: 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z',
    close: 'M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z',
    restart: 'M17.65 6.35A8 8 0 1 0 19.73 14h-2.08A6 6 0 1 1 12 6c1.66 0 3.14.69 4.22 1.78L13 11h7V4z',
    send: 'M2 21 23 12 2 3v7l15 2-15 2z',
  };

  // Colour maths (WCAG relative luminance): text on the accent is black or white, whichever
  // contrasts more (always >= 4.58:1); the accent as text on white only if it reaches 4.5:1.
  const rgb = ACCENT.length === 4 ? ACCENT.replace(/\w/g, '$&$&') : ACCENT;
  const lum = [0.2126, 0.7152, 0.0722].reduce((sum, weight, i) => {
    const v = parseInt(rgb.substr(1 + 2 * i, 2), 16) / 255;
    return sum + weight * (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
  }, 0) + 0.05;
  const ON_ACCENT = 1.05 / lum >= lum / 0.05 ? '#fff' : '#000';
  const ACCENT_TEXT = 1.05 / lum >= 4.5 ? ACCENT : '#1f2328';

  const CSS = `
:host{all:initial!important}
*{box-sizing:border-box}
[hidden]{display:none!important}
.root{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2328}
button{font:inherit;cursor:pointer}
:focus-visible{outline:3px solid #1f2328;outline-offset:2px;box-shadow:0 0 0 2px #fff}
svg{width:24px;height:24px;fill:currentColor}
.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;border:0;
border-radius:50%;padding:0;display:flex;align-items:center;justify-content:center;
background:var(--a);color:var(--on);box-shadow:0 4px 14px rgba(0,0,0,.3)}
.panel{position:fixed;bottom:88px;right:20px;z-index:2147483000;width:380px;max-width:calc(100vw - 40px);
height:600px;max-height:calc(100vh - 108px);display:flex;flex-direction:column;background:#fff;
border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden}
.left .launcher,.left .panel{right:auto;left:20px}
header{display:flex;align-items:center;gap:2px;padding:8px 8px 8px 16px;background:var(--a);color:var(--on)}
h2{flex:1;margin:0;font-size:16px;font-weight:600}
.icon{width:40px;height:40px;border:0;border-radius:8px;padding:0;display:flex;align-items:center;
justify-content:center;background:transparent;color:inherit}
.icon:hover{background:rgba(127,127,127,.3)}
.log{flex:1;position:relative;overflow-y:auto;overflow-x:hidden;padding:12px;display:flex;
flex-direction:column;gap:8px}
.msg{max-width:85%;padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}
.bot{align-self:flex-start;background:#eef1f4;border-bottom-left-radius:4px}
.user{align-self:flex-end;background:var(--a);color:var(--on);border-bottom-right-radius:4px}
a{color:#0b57d0;overflow-wrap:anywhere}
.qr{display:flex;flex-wrap:wrap;gap:6px}
.qr button{border:1.5px solid var(--at);color:var(--at);background:#fff;border-radius:16px;
padding:6px 12px;text-align:left}
.qr button:hover{background:#eef1f4}
.card{border:1px solid #d0d7de;border-radius:12px;padding:12px}
.card h3,.card h4{margin:0 0 6px;font-size:15px}
.card ol{margin:0;padding-left:20px}
.card ol>li+li{margin-top:12px}
.card p{margin:6px 0 2px;font-size:13px;font-weight:600;color:#57606a}
.card ul{margin:0;padding-left:18px}
.urgency{margin:0 0 10px;padding:8px 10px;border-radius:8px;font-weight:600}
.u-emergency{background:#b3261e;color:#fff}
.u-urgent{background:#fdecea;color:#8a1c14}
.u-see_doctor{background:#fff5d6;color:#6b4e00}
.typing{display:flex;gap:4px;padding:12px}
.typing i{width:7px;height:7px;border-radius:50%;background:#57606a;animation:b 1s infinite alternate}
.typing i:nth-child(2){animation-delay:.2s}.typing i:nth-child(3){animation-delay:.4s}
@keyframes b{to{opacity:.2}}
@media (prefers-reduced-motion:reduce){.typing i{animation:none}}
.error{margin:0 12px 8px;padding:8px 10px;border-radius:8px;background:#fdecea;color:#8a1c14;
display:flex;gap:8px;align-items:center}
.error span{flex:1}
.error button{border:0;border-radius:6px;padding:6px 12px;background:#8a1c14;color:#fff}
form{display:flex;gap:6px;padding:8px 12px;border-top:1px solid #d0d7de}
input{flex:1;min-width:0;font:inherit;font-size:16px;padding:8px 10px;color:#1f2328;background:#fff;
border:1px solid #6e7781;border-radius:8px}
.send{width:44px;border:0;border-radius:8px;padding:0;background:var(--a);color:var(--on)}
.note{margin:0;padding:0 12px 8px;font-size:12px;color:#57606a}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px){.root .panel{top:0;right:0;bottom:0;left:0;width:100%;max-width:none;
height:100%;max-height:none;border-radius:0}.is-open .launcher{display:none}}`;

  // Elements are built with createElement/textContent only: data never becomes markup.
  function h(tag, props, kids) {
    const el = document.createElement(tag);
    Object.keys(props || {}).forEach(k => {
      const v = props[k];
      if (v == null || v === false) return;
      if (k === 'text') el.textContent = v;
      else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : v);
    });
    (kids || []).forEach(kid => kid && el.append(kid));
    return el;
  }
  function icon(name) {
    const svg = document.createElementNS(NS, 'svg');
    const path = document.createElementNS(NS, 'path');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    path.setAttribute('d', ICONS[name]);
    svg.append(path);
    return svg;
  }
  function link(url) {
    let u = null;
    try { u = new URL(url); } catch (e) { /* not a URL: plain text */ }
    if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) return document.createTextNode(url);
    return h('a', { href: u.href, target: '_blank', rel: 'noopener noreferrer' },
      [u.host + u.pathname.replace(/\/$/, ''), h('span', { class: 'sr', text: ' (opens in a new tab)' })]);
  }
  function linkify(text) {  // bot text: plain text nodes, http(s) URLs as links
    const out = [];
    let last = 0;
    text.replace(/https?:\/\/[^\s<>"]*[^\s<>".,;:!?)]/g, (url, at) => {
      out.push(text.slice(last, at), link(url));
      last = at + url.length;
    });
    out.push(text.slice(last));
    return out;
  }

  // Storage may be blocked (privacy modes): then the conversation lasts as long as the page.
  function stored(k, session, v) {
    try {
      const area = session ? sessionStorage : localStorage;
      if (v === undefined) return area.getItem(KEY + k);
      v ? area.setItem(KEY + k, v) : area.removeItem(KEY + k);
    } catch (e) { return null; }
  }
  function newSender() {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    return 'web-' + [].map.call(bytes, b => (b + 256).toString(16).slice(1)).join('');
  }

  // ---- the DOM ----
  const host = h('div', { 'data-heavylegs-widget': '' });
  const shadow = host.attachShadow({ mode: 'open' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];  // works under a strict style-src CSP
  } catch (e) {
    shadow.append(h('style', { text: CSS }));
  }
  const launcher = h('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false',
    'aria-controls': 'hl-panel', 'aria-label': 'Open chat: ' + TITLE, onclick: () => setOpen(panel.hidden, true) },
  [icon('chat')]);
  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation',
    tabindex: '0' });
  const errorText = h('span');
  const retry = h('button', { type: 'button', text: 'Retry', onclick: () => retryFn && retryFn() });
  const errorBox = h('div', { class: 'error', role: 'alert', hidden: true }, [errorText, retry]);
  const input = h('input', { id: 'hl-input', type: 'text', maxlength: '2000', autocomplete: 'off',
    placeholder: 'Type your message' });
  const form = h('form', { onsubmit: e => { e.preventDefault(); sendTyped(); } }, [
    h('label', { class: 'sr', for: 'hl-input', text: 'Your message' }), input,
    h('button', { class: 'send', type: 'submit', 'aria-label': 'Send' }, [icon('send')])]);
  const panel = h('section', { id: 'hl-panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'hl-title',
    hidden: true, onkeydown: e => { if (e.key === 'Escape') { e.stopPropagation(); setOpen(false, true); } } }, [
    h('header', {}, [
      h('h2', { id: 'hl-title', text: TITLE }),
      h('button', { class: 'icon', type: 'button', 'aria-label': 'Start over', title: 'Start over',
        onclick: restart }, [icon('restart')]),
      h('button', { class: 'icon', type: 'button', 'aria-label': 'Close chat', title: 'Close',
        onclick: () => setOpen(false, true) }, [icon('close')])]),
    log, errorBox, form,
    h('p', { class: 'note', text: 'Self-help information, not medical advice. ' +
      'If you are worried or in pain, see a health professional.' })]);
  const root = h('div', { class: 'root' + (LEFT ? ' left' : '') }, [launcher, panel]);
  root.style.setProperty('--a', ACCENT);
  root.style.setProperty('--on', ON_ACCENT);
  root.style.setProperty('--at', ACCENT_TEXT);
  shadow.append(root);

  // ---- state ----
  let sender = stored('sender');
  let started = false;
  let busy = false;
  let retryFn = null;
  let typing = null;

  function setOpen(open, byUser) {
    panel.hidden = !open;
    root.classList.toggle('is-open', open);
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', (open ? 'Close chat: ' : 'Open chat: ') + TITLE);
    launcher.replaceChildren(icon(open ? 'close' : 'chat'));
    stored('open', true, open ? '1' : '');
    if (open) {
      if (!started) start();
      if (byUser) input.focus();
      log.scrollTop = log.scrollHeight;
    } else if (byUser) {
      launcher.focus();
    }
  }

  function scrollTo(first) {  // show the start of the newest reply, or the bottom
    const bottom = log.scrollHeight - log.clientHeight;
    log.scrollTop = first ? Math.min(bottom, first.offsetTop - 12) : bottom;
  }
  function add(el) { log.append(el); return el; }
  function bubble(who, text) {
    return add(h('div', { class: 'msg ' + who }, who === 'bot' ? linkify(text) : [text]));
  }
  function intro() {
    log.textContent = '';
    bubble('bot', 'Hi! Tell me what happens to your legs when you run, for example ' +
      '"my legs feel heavy from the first kilometre".');
  }
  function setTyping(on) {
    if (typing) typing.remove();
    typing = on ? add(h('div', { class: 'msg bot typing' }, [
      h('span', { class: 'sr', text: 'The assistant is typing' }), h('i'), h('i'), h('i')])) : null;
    if (on) scrollTo();
  }
  function showError(text, fn) {
    errorText.textContent = text;
    retryFn = fn;
    retry.hidden = !fn;
    errorBox.hidden = false;
  }
  function clearError() { errorBox.hidden = true; retryFn = null; }

  function list(parent, label, items) {
    if (!Array.isArray(items) || !items.length) return;
    parent.append(h('p', { text: label }), h('ul', {}, items.map(x => h('li', {}, [x instanceof Node ? x : String(x)]))));
  }
  function card(a) {
    const el = h('div', { class: 'card' });
    if (a.urgency && a.urgency !== 'self_care') {
      const known = Object.prototype.hasOwnProperty.call(URGENCY, a.urgency);
      el.append(h('div', { class: 'urgency u-' + (known ? a.urgency : 'urgent'),
        text: known ? URGENCY[a.urgency] : 'Please see a doctor.' }));
    }
    const causes = Array.isArray(a.causes) ? a.causes : [];
    if (causes.length) {
      el.append(h('h3', { text: 'Likely reasons, strongest first' }), h('ol', {}, causes.map(c => {
        const li = h('li', {}, [h('h4', { text: String(c.title) })]);
        list(li, 'Why it fits', c.because);
        list(li, 'What to try', c.fixes);
        list(li, 'Sources', (c.sources || []).map(s => link(String(s))));
        return li;
      })));
    }
    return add(el);
  }
  function quickReplies(buttons) {
    const group = h('div', { class: 'qr', role: 'group', 'aria-label': 'Quick replies' });
    buttons.forEach(b => group.append(h('button', { type: 'button', text: String(b.title),
      onclick: () => send(String(b.payload), String(b.title), true) })));
    return add(group);
  }

  // One batch of consecutive bot messages. The numbered cause texts that repeat an
  // assessment (for text-only channels) are left out: the card shows them.
  function renderBot(messages, withButtons) {
    const first = log.lastChild;
    const assessment = messages.map(m => m.custom).find(c => c && c.type === 'assessment');
    const titles = assessment && Array.isArray(assessment.causes) ? assessment.causes.map(c => String(c.title)) : [];
    const repeats = t => /^\d+\.\s/.test(t) && titles.some(x => t.replace(/^\d+\.\s+/, '').indexOf(x) === 0);
    messages.forEach(m => {
      if (typeof m.text === 'string' && m.text && !(m.buttons && m.buttons.length ? false : repeats(m.text))) {
        bubble('bot', m.text);
      }
      if (m.custom && m.custom.type === 'assessment') card(m.custom);
    });
    const last = messages[messages.length - 1];
    let group = null;
    if (withButtons && last && Array.isArray(last.buttons) && last.buttons.length) group = quickReplies(last.buttons);
    scrollTo(first ? first.nextSibling : log.firstChild);
    return group;
  }
  function renderHistory(messages) {
    intro();
    let batch = [];
    messages.forEach((m, i) => {
      if (m.sender === 'bot') batch.push(m);
      if (batch.length && (m.sender !== 'bot' || i === messages.length - 1)) {
        renderBot(batch, i === messages.length - 1 && m.sender === 'bot');
        batch = [];
      }
      if (m.sender === 'user' && m.text) bubble('user', m.text);
    });
    scrollTo();
  }

  async function call(path, body) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 30000);
    try {
      const res = await fetch(API + path, { method: body ? 'POST' : 'GET', credentials: 'omit',
        headers: body ? { 'Content-Type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined, signal: abort.signal });
      let data = null;
      try { data = await res.json(); } catch (e) { /* no JSON body */ }
      return { status: res.status, data };
    } finally {
      clearTimeout(timer);
    }
  }
  function failure(res) {
    if (!res) return "Can't reach the assistant right now.";
    if (res.status >= 500) return 'The assistant is having a problem (error ' + res.status + ').';
    const d = (res.data || {}).detail;
    const reason = typeof d === 'string' ? d : (d && d[0] && d[0].msg) || 'error ' + res.status;
    return 'That message could not be sent (' + reason + ').';
  }

  async function start() {
    started = true;
    clearError();
    intro();
    if (!sender) return;
    busy = true;  // no sending while the history loads
    setTyping(true);
    let res = null;
    try { res = await call('/api/conversations/' + encodeURIComponent(sender) + '/messages'); }
    catch (e) { /* unreachable */ }
    setTyping(false);
    busy = false;
    if (res && res.status === 404) {  // forgotten by the service: start a new conversation
      sender = null;
      stored('sender', false, '');
    } else if (res && res.status === 200 && Array.isArray(res.data)) {
      renderHistory(res.data);
    } else {
      showError(failure(res) + ' The earlier messages could not be loaded.', start);
    }
  }

  function sendTyped() {
    const text = input.value.trim();
    if (!text || busy) return;
    input.value = '';
    send(text, text, false);
  }

  async function send(message, label, fromButton) {
    if (busy) return;
    busy = true;
    clearError();
    if (!sender) {
      sender = newSender();
      stored('sender', false, sender);
    }
    const isRestart = message === '/restart';
    const typed = !fromButton && !isRestart;
    const shown = isRestart ? null : bubble('user', label);
    const groups = [].slice.call(log.querySelectorAll('.qr'));
    groups.forEach(g => { g.hidden = true; });
    if (fromButton) input.focus();
    setTyping(true);
    let res = null;
    try { res = await call('/api/chat', { sender, message }); } catch (e) { /* unreachable */ }
    setTyping(false);
    busy = false;
    if (res && res.status === 200 && Array.isArray(res.data)) {
      groups.forEach(g => g.remove());
      if (isRestart) intro();
      const group = renderBot(res.data, true);
      if (fromButton && group && shadow.activeElement === input) group.firstChild.focus({ preventScroll: true });
      return;
    }
    // Not sent: undo, keep the text, offer a retry of the same message.
    if (shown) shown.remove();
    groups.forEach(g => { g.hidden = false; });
    if (typed && !input.value) input.value = message;
    const again = () => {
      if (typed && input.value.trim()) sendTyped();
      else send(message, label, fromButton);
    };
    showError(failure(res) + (res && res.status < 500 ? '' : ' Your message was not sent.'),
      res && res.status < 500 ? null : again);
  }

  function restart() {
    if (busy) return;
    if (sender) send('/restart', '', false);
    else { clearError(); intro(); }
    input.focus();
  }

  function mount() {
    document.body.append(host);
    if (OPEN_ON_LOAD || stored('open', true)) setOpen(true, false);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
