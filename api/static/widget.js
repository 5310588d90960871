/* heavylegs chat widget: <script src="https://HOST/widget.js" defer></script>
   Options: data-title, data-colour, data-position, data-open. See docs/widget.md.
   This script draws only the launcher button and an iframe. The chat itself runs in the
   iframe, on the service's own origin (/widget/frame, api/static/frame.js), so the host
   page's scripts can read neither the conversation nor its token. */
(function () {
  'use strict';
  if (window.__heavylegsWidget) return;
  window.__heavylegsWidget = true;

  const script = document.currentScript ||
    [].slice.call(document.querySelectorAll('script[src*="widget.js"]')).pop();
  if (!script) return;
  const API = new URL(script.src, location.href).origin;
  const ds = script.dataset;
  const TITLE = (ds.title || '').trim().slice(0, 80) || 'Heavy legs helper';
  const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
  const ACCENT = HEX.test(ds.colour || ds.color || '') ? (ds.colour || ds.color) : '#0d6b5e';
  const LEFT = ds.position === 'left';
  const OPEN_ON_LOAD = 'open' in ds && ds.open !== 'false';
  const OPEN_KEY = 'heavylegs-widget:' + API + ':open';  // in this tab's sessionStorage
  const NS = 'http://www.w3.org/2000/svg';
  const ICONS = {
    chat: 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z',
    close: 'M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z',
  };

  // Text on the accent is black or white, whichever contrasts more (WCAG relative luminance);
  // frame.js does the same for the panel.
  const rgb = ACCENT.length === 4 ? ACCENT.replace(/\w/g, '$&$&') : ACCENT;
  const lum = [0.2126, 0.7152, 0.0722].reduce((sum, weight, i) => {
    const v = parseInt(rgb.substr(1 + 2 * i, 2), 16) / 255;
    return sum + weight * (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
  }, 0) + 0.05;
  const ON_ACCENT = 1.05 / lum >= lum / 0.05 ? '#fff' : '#000';

  // The closed frame stays laid out but invisible (not display:none), so the chat keeps its
  // size and scroll position; invisible, it takes no clicks and no focus.
  const CSS = `
:host{all:initial!important}
.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;border:0;
border-radius:50%;padding:0;display:flex;align-items:center;justify-content:center;cursor:pointer;
background:var(--a);color:var(--on);box-shadow:0 4px 14px rgba(0,0,0,.3)}
.launcher:focus-visible{outline:3px solid #1f2328;outline-offset:2px;box-shadow:0 0 0 2px #fff}
svg{width:24px;height:24px;fill:currentColor}
.frame{position:fixed;bottom:88px;right:20px;z-index:2147483000;width:380px;max-width:calc(100vw - 40px);
height:600px;max-height:calc(100vh - 108px);border:0;border-radius:12px;background:#fff;
box-shadow:0 8px 30px rgba(0,0,0,.3);visibility:hidden}
.open .frame{visibility:visible}
.left .launcher,.left .frame{right:auto;left:20px}
@media (max-width:480px){.root .frame{top:0;right:0;bottom:0;left:0;width:100%;max-width:none;
height:100%;max-height:none;border-radius:0}.open .launcher{display:none}}`;

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
  // Whether the panel is open is all this page keeps (nothing about the conversation).
  function storedOpen(value) {
    try {
      if (value === undefined) return sessionStorage.getItem(OPEN_KEY) === '1';
      if (value) sessionStorage.setItem(OPEN_KEY, '1');
      else sessionStorage.removeItem(OPEN_KEY);
    } catch (e) { return false; }  // storage blocked
  }

  // ---- the DOM: a closed shadow root, so the page's scripts and styles cannot reach in ----
  const host = document.createElement('div');
  host.setAttribute('data-heavylegs-widget', '');
  const shadow = host.attachShadow({ mode: 'closed' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];  // works under a strict style-src CSP
  } catch (e) {
    const style = document.createElement('style');
    style.textContent = CSS;
    shadow.append(style);
  }
  const launcher = document.createElement('button');
  launcher.className = 'launcher';
  launcher.type = 'button';
  launcher.setAttribute('aria-controls', 'hl-frame');
  launcher.addEventListener('click', () => setOpen(!isOpen, true));
  const frame = document.createElement('iframe');
  frame.id = 'hl-frame';
  frame.className = 'frame';
  frame.title = TITLE;
  frame.referrerPolicy = 'no-referrer';  // the service need not know which page embeds it
  frame.src = API + '/widget/frame?' + new URLSearchParams({ title: TITLE, colour: ACCENT });
  const root = document.createElement('div');
  root.className = 'root' + (LEFT ? ' left' : '');
  root.style.setProperty('--a', ACCENT);
  root.style.setProperty('--on', ON_ACCENT);
  root.append(launcher, frame);
  shadow.append(root);

  // ---- open and close ----
  let isOpen = false;
  let frameReady = false;
  let focusFrame = false;  // focus the frame's input once it is ready (opened by the user)

  function setOpen(open, byUser) {
    isOpen = open;
    root.classList.toggle('open', open);
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', (open ? 'Close chat: ' : 'Open chat: ') + TITLE);
    launcher.replaceChildren(icon(open ? 'close' : 'chat'));
    storedOpen(open);
    if (open) {
      focusFrame = byUser;
      if (frameReady) tellFrame();
    } else if (byUser) {
      launcher.focus();
    }
  }
  // The frame's input takes the focus only when the runner opened the panel: a panel open on
  // load (data-open, or open before a reload) moves no focus.
  function tellFrame() {
    if (focusFrame) frame.focus();
    frame.contentWindow.postMessage({ type: 'heavylegs:open', focus: focusFrame }, API);
    focusFrame = false;
  }

  // Only the frame, from the service's origin, is listened to; it sends nothing sensitive.
  window.addEventListener('message', e => {
    if (e.origin !== API || e.source !== frame.contentWindow || !e.data) return;
    if (e.data.type === 'heavylegs:ready') {
      frameReady = true;
      if (isOpen) tellFrame();
    } else if (e.data.type === 'heavylegs:close') {
      setOpen(false, true);
    }
  });

  function mount() {
    // Before the frame, the widget kept its conversation id in this page's localStorage: drop it.
    try { localStorage.removeItem('heavylegs-widget:' + API + ':sender'); } catch (e) { /* blocked */ }
    document.body.append(host);
    setOpen(OPEN_ON_LOAD || storedOpen(), false);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
