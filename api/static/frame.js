/* heavylegs chat frame: the chat panel that widget.js shows in an iframe on a host page.
   It runs on the service's own origin, so the conversation's id and token live in this
   origin's localStorage, out of the host page's reach. See docs/widget.md.
   Query parameters (set by widget.js, checked again here): title, colour. */
(function () {
  'use strict';

  const params = new URLSearchParams(location.search);
  const TITLE = (params.get('title') || '').trim().slice(0, 80) || 'Heavy legs helper';
  const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
  const ACCENT = HEX.test(params.get('colour') || '') ? params.get('colour') : '#0d6b5e';
  const STORE_KEY = 'heavylegs:conversation';  // {sender, token}, this origin's storage only
  const PAGE_SIZE = 500;  // history messages per request: the service's largest page
  const TIMEOUT_MS = 30000;
  const EMBEDDED = window.parent !== window;
  const ENDED = 'That conversation has ended; starting a new one.';
  const GREETING = 'Hi! Tell me what happens to your legs when you run, for example ' +
    '"my legs feel heavy from the first kilometre".';
  const URGENCY = {
    emergency: 'Emergency: call your local emergency number now (999, 911 or 112).',
    urgent: 'See a doctor today.',
    see_doctor: 'Book an appointment with your doctor.',
  };

  // ---- the page (frame.html holds the markup) ----
  const $ = id => document.getElementById(id);
  const log = $('hl-log');
  const input = $('hl-input');
  const errorBox = $('hl-error');
  const errorText = $('hl-error-text');
  const errorAction = $('hl-error-action');
  const confirmBox = $('hl-confirm');
  const deleteButton = $('hl-delete');

  // ---- state ----
  let pair = readPair();  // the conversation: {sender, token}, or null before the first message
  let started = false;
  let busy = false;  // one request at a time: a turn, the history or a deletion
  let errorFn = null;
  let typing = null;

  // Colour maths (WCAG relative luminance): text on the accent is black or white, whichever
  // contrasts more (always >= 4.58:1); the accent as text on white only if it reaches 4.5:1.
  // Set through the CSSOM, which the frame's CSP (style-src 'self') allows.
  function applyAccent() {
    const rgb = ACCENT.length === 4 ? ACCENT.replace(/\w/g, '$&$&') : ACCENT;
    const lum = [0.2126, 0.7152, 0.0722].reduce((sum, weight, i) => {
      const v = parseInt(rgb.substr(1 + 2 * i, 2), 16) / 255;
      return sum + weight * (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    }, 0) + 0.05;
    const style = document.documentElement.style;
    style.setProperty('--a', ACCENT);
    style.setProperty('--on', 1.05 / lum >= lum / 0.05 ? '#fff' : '#000');
    style.setProperty('--at', 1.05 / lum >= 4.5 ? ACCENT : '#1f2328');
  }

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

  // ---- the conversation's id and token ----
  // Storage may be blocked (privacy modes): then the conversation lasts as long as the frame.
  function readPair() {
    let p = null;
    try { p = JSON.parse(localStorage.getItem(STORE_KEY)); } catch (e) { /* blocked or not JSON */ }
    return p && typeof p.sender === 'string' && typeof p.token === 'string'
      ? { sender: p.sender, token: p.token } : null;
  }
  function keepPair(p) {
    pair = p;
    try {
      if (p) localStorage.setItem(STORE_KEY, JSON.stringify(p));
      else localStorage.removeItem(STORE_KEY);
    } catch (e) { /* blocked: kept in memory only */ }
  }

  // ---- HTTP: same origin, so no CORS; the token goes in a header, never in a URL ----
  // The answer is {status, data, headers}; status 0: unreachable, blocked or timed out.
  async function call(method, path, body, token) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = 'Bearer ' + token;
    try {
      const res = await fetch(path, { method, headers, credentials: 'omit', cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body), signal: abort.signal });
      let data = null;
      try { data = await res.json(); } catch (e) { /* no JSON body (204) */ }
      return { status: res.status, data, headers: res.headers };
    } catch (e) {
      return { status: 0, data: null, headers: null };
    } finally {
      clearTimeout(timer);
    }
  }
  function retryable(res) { return res.status === 0 || res.status >= 500; }
  function reason(res) {  // every 4xx/5xx body is {"detail": ...}; 422s give a list
    const d = (res.data || {}).detail;
    return typeof d === 'string' ? d : (d && d[0] && d[0].msg) || 'error ' + res.status;
  }
  function failure(res, notDone) {  // notDone: "Your message was not sent", ...
    if (res.status === 0) return "Can't reach the assistant right now. " + notDone + '.';
    if (res.status >= 500) return 'The assistant is having a problem (error ' + res.status + '). ' + notDone + '.';
    return notDone + ' (' + reason(res) + ').';
  }

  // The conversation is created with the runner's first message, not when the panel opens:
  // most visitors never write, and the service should not keep empty conversations.
  // Returns null once there is one, else the failed answer.
  async function ensureConversation() {
    if (pair) return null;
    const res = await call('POST', '/api/conversations', {});
    const d = res.data || {};
    if (res.status === 201 && typeof d.sender === 'string' && typeof d.token === 'string') {
      keepPair({ sender: d.sender, token: d.token });
      return null;
    }
    return res.status === 201 ? { status: 500, data: null } : res;
  }

  // One turn. A 401 means the conversation is gone (deleted, or purged after the retention
  // period) or its token is wrong: forget it and send the message again in a new one, once.
  async function chatTurn(message, onRenewed) {
    for (let attempt = 0; ; attempt++) {
      const failed = await ensureConversation();
      if (failed) return failed;
      const res = await call('POST', '/api/chat', { sender: pair.sender, message }, pair.token);
      if (res.status !== 401 || attempt > 0) return res;
      keepPair(null);
      onRenewed();
    }
  }

  // The whole history, oldest first, a page at a time while X-Total-Count says more remain.
  async function loadHistory() {
    const path = '/api/conversations/' + encodeURIComponent(pair.sender) + '/messages';
    const messages = [];
    for (;;) {
      const res = await call('GET', path + '?offset=' + messages.length + '&limit=' + PAGE_SIZE,
        undefined, pair.token);
      if (res.status !== 200 || !Array.isArray(res.data)) return res;
      messages.push(...res.data);
      const total = parseInt(res.headers.get('X-Total-Count'), 10);  // NaN: take this page as all
      if (!res.data.length || !(messages.length < total)) return { status: 200, messages };
    }
  }

  // ---- the view ----
  function scrollTo(first) {  // show the start of the newest reply, or the bottom
    const bottom = log.scrollHeight - log.clientHeight;
    log.scrollTop = first ? Math.min(bottom, first.offsetTop - 12) : bottom;
  }
  function add(el) { log.append(el); return el; }
  function bubble(who, text) {
    return add(h('div', { class: 'msg ' + who }, who === 'bot' ? linkify(text) : [text]));
  }
  function notice(text) { scrollTo(add(h('p', { class: 'notice', text }))); }
  function intro() {
    log.textContent = '';
    typing = null;
    bubble('bot', GREETING);
  }
  function setTyping(on) {
    if (typing) typing.remove();
    typing = on ? add(h('div', { class: 'msg bot typing' }, [
      h('span', { class: 'sr', text: 'The assistant is typing' }), h('i'), h('i'), h('i')])) : null;
    if (on) scrollTo();
  }
  function showError(text, fn, label) {
    errorText.textContent = text;
    errorAction.textContent = label || 'Retry';
    errorFn = fn;
    errorAction.hidden = !fn;
    errorBox.hidden = false;
  }
  function clearError() { errorBox.hidden = true; errorFn = null; }

  function list(parent, label, items) {
    if (!Array.isArray(items) || !items.length) return;
    parent.append(h('p', { text: label }),
      h('ul', {}, items.map(x => h('li', {}, [x instanceof Node ? x : String(x)]))));
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

  // ---- what the runner does ----
  async function start() {  // the first time the panel opens: the stored conversation, if any
    started = true;
    clearError();
    intro();
    if (!pair) return;
    busy = true;  // nothing is sent while the history loads
    setTyping(true);
    const res = await loadHistory();
    setTyping(false);
    busy = false;
    if (res.messages) renderHistory(res.messages);
    else if (res.status === 401) { keepPair(null); notice(ENDED); }
    else showError(failure(res, 'The earlier messages could not be loaded'), start);
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
    confirmBox.hidden = true;
    const isRestart = message === '/restart';
    const typed = !fromButton && !isRestart;
    const shown = isRestart ? null : bubble('user', label);
    const groups = [].slice.call(log.querySelectorAll('.qr'));
    groups.forEach(g => { g.hidden = true; });
    if (fromButton) input.focus();
    setTyping(true);
    const res = await chatTurn(message, () => {  // the old conversation is gone: a fresh view
      intro();
      notice(ENDED);
      if (shown) add(shown);
      setTyping(true);
    });
    setTyping(false);
    busy = false;
    if (res.status === 200 && Array.isArray(res.data)) {
      groups.forEach(g => g.remove());
      if (isRestart) intro();
      const group = renderBot(res.data, true);
      if (fromButton && group && document.activeElement === input) group.firstChild.focus({ preventScroll: true });
      return;
    }
    // Not sent: undo, keep the text, offer what can be done about it.
    if (shown) shown.remove();
    groups.forEach(g => { g.hidden = false; });
    if (typed && !input.value) input.value = message;
    if (res.status === 409) {  // the conversation reached its limit of turns
      showError(reason(res), startNewConversation, 'Start a new conversation');
      return;
    }
    const again = () => {
      if (typed && input.value.trim()) sendTyped();
      else send(message, label, fromButton);
    };
    showError(failure(res, 'Your message was not sent'), retryable(res) ? again : null);
  }

  function startNewConversation() {  // the next message creates it
    keepPair(null);
    clearError();
    intro();
    input.focus();
  }

  function restart() {
    if (busy) return;
    confirmBox.hidden = true;
    if (pair) send('/restart', '', false);
    else { clearError(); intro(); }
    input.focus();
  }

  // "Delete my conversation" asks first, in the panel; the focus starts on Cancel.
  function askToDelete() {
    if (busy) return;
    clearError();
    confirmBox.hidden = false;
    $('hl-confirm-no').focus();
  }
  function cancelDelete() {
    confirmBox.hidden = true;
    deleteButton.focus();
  }
  async function deleteConversation() {
    if (busy) return;
    confirmBox.hidden = true;
    clearError();
    const had = Boolean(pair);
    if (pair) {
      busy = true;
      const res = await call('DELETE', '/api/conversations/' + encodeURIComponent(pair.sender),
        undefined, pair.token);
      busy = false;
      // 401: it is gone already (deleted elsewhere, or purged): nothing is left to delete.
      if (res.status !== 204 && res.status !== 401) {
        showError(failure(res, 'Your conversation was not deleted'), retryable(res) ? deleteConversation : null);
        return;
      }
      keepPair(null);
    }
    intro();
    notice(had ? 'Your conversation has been deleted.' : 'There was no conversation to delete.');
    input.focus();
  }

  // ---- talking to the loader (widget.js) on the host page ----
  // Messages say only what the panel should do, never anything about the conversation, so
  // '*' is safe: the frame does not know (and need not trust) which site embeds it.
  function tellHost(type) {
    if (EMBEDDED) window.parent.postMessage({ type: 'heavylegs:' + type }, '*');
  }
  function opened(focus) {
    if (!started) start();
    if (focus) input.focus();
  }
  window.addEventListener('message', e => {
    if (e.source !== window.parent || !e.data || e.data.type !== 'heavylegs:open') return;
    opened(e.data.focus === true);
  });

  // ---- wiring ----
  applyAccent();
  document.title = TITLE;
  $('hl-title').textContent = TITLE;
  $('hl-form').addEventListener('submit', e => { e.preventDefault(); sendTyped(); });
  $('hl-restart').addEventListener('click', restart);
  $('hl-close').addEventListener('click', () => tellHost('close'));
  $('hl-close').hidden = !EMBEDDED;  // opened on its own, there is nothing to close
  errorAction.addEventListener('click', () => errorFn && errorFn());
  deleteButton.addEventListener('click', askToDelete);
  $('hl-confirm-yes').addEventListener('click', deleteConversation);
  $('hl-confirm-no').addEventListener('click', cancelDelete);
  document.addEventListener('keydown', e => {
    if (e.key !== 'Escape') return;
    if (!confirmBox.hidden) cancelDelete();
    else tellHost('close');
  });
  if (EMBEDDED) tellHost('ready');  // the loader answers with "open" when the panel shows
  else opened(false);
})();
