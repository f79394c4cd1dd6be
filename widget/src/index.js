// Dortmund chat widget: one <script> tag, Shadow DOM, Rasa's Socket.IO channel.
//
// <script src="/dortmund-chat.js" data-server="http://localhost:5005" data-title="…"
//         data-lang="de" data-open="false"></script>

import { io } from 'socket.io-client';
import css from './styles.css';
import { PRIVACY_PATH, STRINGS, pickLang } from './i18n.js';
import { appendLinkified, makeLink, safeHref, splitSource } from './render.js';

const KEY = 'dortmund-chat:v1:';
const RETENTION_MS = __RETENTION_DAYS__ * 24 * 60 * 60 * 1000; // as long as the server keeps conversations
const MAX_ENTRIES = 200;
const MAX_INPUT = __MAX_MESSAGE_CHARS__;
const ANSWER_TIMEOUT_MS = 30000;

const memory = new Map();

/** localStorage (or sessionStorage) that falls back to memory when storage is blocked. */
function storage(kind) {
  return {
    get(key) {
      try {
        return window[kind].getItem(KEY + key);
      } catch (_err) {
        return memory.has(kind + key) ? memory.get(kind + key) : null;
      }
    },
    set(key, value) {
      try {
        window[kind].setItem(KEY + key, value);
      } catch (_err) {
        memory.set(kind + key, value);
      }
    },
    remove(key) {
      try {
        window[kind].removeItem(KEY + key);
      } catch (_err) {
        memory.delete(kind + key);
      }
    },
  };
}

const local = storage('localStorage');
const tab = storage('sessionStorage');

function randomId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function readJson(raw, fallback) {
  try {
    return raw ? JSON.parse(raw) : fallback;
  } catch (_err) {
    return fallback;
  }
}

/** The privacy page of this chat: served beside the widget bundle (/datenschutz on the same server). */
function privacyPageOf(script) {
  try {
    return new URL(PRIVACY_PATH, script && script.src ? script.src : window.location.href).href;
  } catch (_err) {
    return PRIVACY_PATH;
  }
}

function readConfig(script) {
  const data = (script && script.dataset) || {};
  const lang = pickLang(data.lang, document.documentElement.lang);
  return {
    server: data.server || 'http://localhost:5005',
    socketPath: data.socketPath || '/socket.io/',
    lang,
    title: data.title || STRINGS[lang].title,
    open: data.open === 'true',
    privacyUrl: data.privacyUrl || privacyPageOf(script),
  };
}

/** Small element factory: h('button', {class: 'x', type: 'button'}, 'Text'). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  el.append(...children.filter((c) => c != null));
  return el;
}

// Icon paths from Google's Material Icons (Apache License 2.0).
const ICONS = {
  chat: 'M20 2H4c-1.1 0-2 .9-2 2v18l4-4h14c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2zm0 14H6l-2 2V4h16v12z',
  thumb:
    'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z',
  close:
    'M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z',
  refresh:
    'M17.65 6.35A7.958 7.958 0 0 0 12 4c-4.42 0-7.99 3.58-7.99 8s3.57 8 7.99 8c3.73 0 6.84-2.55 7.73-6h-2.08A5.99 5.99 0 0 1 12 18c-3.31 0-6-2.69-6-6s2.69-6 6-6c1.66 0 3.14.69 4.22 1.78L13 11h7V4l-2.35 2.35z',
};

/** An inline SVG icon, hidden from assistive technology (the control carries the name). */
function icon(name, { flip = false } = {}) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name]);
  if (flip) path.setAttribute('transform', 'rotate(180 12 12)');
  svg.append(path);
  return svg;
}

function normaliseButtons(list) {
  if (!Array.isArray(list)) return [];
  return list
    .filter((b) => b && typeof b.title === 'string' && typeof b.payload === 'string')
    .map((b) => ({ title: b.title, payload: b.payload }));
}

class ChatWidget {
  constructor(config) {
    this.cfg = config;
    this.t = STRINGS[config.lang];
    this.socket = null;
    this.state = 'idle'; // idle | connecting | online | offline
    this.wasOffline = false;
    this.turn = null; // bot answer currently being filled
    this.nextTurnNoFeedback = false;
    this.answerTimer = null;
    this.tabId = randomId();
    this.session = this.loadSession();
    this.entries = readJson(local.get('log'), []);
    if (!Array.isArray(this.entries)) this.entries = [];
    this.build();
    this.restore();
    if (config.open || tab.get('open') === '1') this.open({ focus: false });
  }

  // ---- session and transcript -------------------------------------------------------------

  loadSession() {
    const saved = readJson(local.get('session'), null);
    if (saved && typeof saved.id === 'string' && Date.now() - (saved.updated || 0) < RETENTION_MS) return saved;
    local.remove('log');
    return this.saveSession({ id: randomId(), updated: Date.now() });
  }

  saveSession(session) {
    local.set('session', JSON.stringify(session));
    return session;
  }

  touch() {
    this.session.updated = Date.now();
    this.saveSession(this.session);
  }

  record(entry) {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    this.persistLog();
    return entry;
  }

  persistLog() {
    local.set('log', JSON.stringify(this.entries));
  }

  // ---- DOM ----------------------------------------------------------------------------------

  build() {
    const t = this.t;
    this.host = document.createElement('dortmund-chat');
    this.host.style.setProperty('all', 'initial'); // CSSOM, so a strict CSP (no 'unsafe-inline') allows it
    const root = this.host.attachShadow({ mode: 'open' });
    let style = null;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } catch (_err) {
      style = h('style', { text: css }); // older browsers
    }

    this.launcher = h(
      'button',
      { class: 'launcher', type: 'button', 'aria-expanded': 'false' },
      icon('chat'),
      h('span', { class: 'launcher-text', text: t.launcher }),
    );

    this.status = h('span', { class: 'status', 'data-state': 'idle', text: '' });
    this.newButton = h(
      'button',
      { class: 'secondary', type: 'button', 'aria-label': t.newConversationLabel },
      icon('refresh'),
      h('span', { text: t.newConversation }),
    );
    this.closeButton = h(
      'button',
      { class: 'close', type: 'button', 'aria-label': t.close },
      icon('close'),
    );
    const header = h(
      'div',
      { class: 'header' },
      h(
        'div',
        { class: 'titles' },
        h('h2', { id: 'dc-title', text: this.cfg.title }),
        h('p', { class: 'subtitle', text: t.subtitle }),
      ),
      this.closeButton,
    );
    const toolbar = h('div', { class: 'toolbar' }, this.status, this.newButton);

    this.connection = h('div', { class: 'connection', role: 'status' });
    this.privacy = this.buildPrivacy();
    this.log = h('div', {
      class: 'log',
      role: 'log',
      'aria-live': 'polite',
      'aria-relevant': 'additions',
      'aria-label': t.log,
      tabindex: '0',
    });
    this.typing = h('div', { class: 'typing', role: 'status' });

    this.input = h('textarea', {
      id: 'dc-input',
      class: 'input',
      rows: '2',
      maxlength: String(MAX_INPUT),
      placeholder: t.placeholder,
      autocomplete: 'off',
      'aria-describedby': 'dc-send-error',
    });
    this.sendButton = h('button', { class: 'send', type: 'submit' }, t.send);
    this.sendError = h('p', { id: 'dc-send-error', class: 'send-error', role: 'alert' });
    this.form = h(
      'form',
      { class: 'composer', novalidate: true },
      h('label', { for: 'dc-input', class: 'sr-only', text: t.inputLabel }),
      h('div', { class: 'composer-row' }, this.input, this.sendButton),
      this.sendError,
    );
    const footer = h(
      'p',
      { class: 'footer' },
      makeLink(document, this.cfg.privacyUrl, t.privacyShort, t.newTab),
    );

    this.panel = h(
      'div',
      { class: 'panel', role: 'dialog', 'aria-labelledby': 'dc-title', id: 'dc-panel', hidden: true },
      header,
      toolbar,
      this.connection,
      h('div', { class: 'body' }, this.privacy, this.log, this.typing),
      this.form,
      footer,
    );
    this.launcher.setAttribute('aria-controls', 'dc-panel');
    this.wrapper = h('div', { class: 'dc', lang: this.cfg.lang }, this.launcher, this.panel);
    root.append(...[style, this.wrapper].filter(Boolean));
    document.body.append(this.host);

    this.launcher.addEventListener('click', () => this.open({ focus: true }));
    this.closeButton.addEventListener('click', () => this.close());
    this.newButton.addEventListener('click', () => this.newConversation());
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.close();
      }
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitInput();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submitInput();
      }
    });
    this.input.addEventListener('input', () => tab.set('draft', this.input.value));
    this.input.value = tab.get('draft') || '';
    this.updatePrivacy();
    window.addEventListener('storage', (event) => this.onStorage(event));
  }

  /** Keeps several tabs of the same conversation in step. */
  onStorage(event) {
    if (event.key === `${KEY}log`) {
      this.entries = readJson(event.newValue, []);
      if (!Array.isArray(this.entries)) this.entries = [];
      this.turn = null;
      this.restore();
      this.scrollToEnd();
    } else if (event.key === `${KEY}session`) {
      const session = readJson(event.newValue, null);
      if (session && session.id !== this.session.id) {
        this.session = session;
        if (this.socket && this.socket.connected) {
          this.socket.emit('session_request', { session_id: session.id });
        }
      }
    } else if (event.key === `${KEY}privacy`) {
      this.updatePrivacy();
    }
  }

  buildPrivacy() {
    const t = this.t;
    this.ackButton = h('button', { class: 'primary', type: 'button', text: t.privacyAck });
    this.ackButton.addEventListener('click', () => {
      local.set('privacy', '1');
      this.updatePrivacy();
      this.input.focus();
    });
    const link = makeLink(document, this.cfg.privacyUrl, t.privacyLink, t.newTab);
    link.setAttribute('hreflang', t.privacyLinkLang);
    link.firstChild.replaceWith(h('span', { lang: t.privacyLinkLang, text: t.privacyLink }));
    if (t.privacyLinkHint) link.insertBefore(document.createTextNode(t.privacyLinkHint), link.lastChild);
    return h(
      'section',
      { class: 'privacy', 'aria-labelledby': 'dc-privacy-heading' },
      h('h3', { id: 'dc-privacy-heading', text: t.privacyHeading }),
      h('p', { text: t.privacyText }),
      h('p', {}, `${t.privacyMore} `, link, '.'),
      this.ackButton,
    );
  }

  updatePrivacy() {
    const acknowledged = local.get('privacy') === '1';
    this.privacy.hidden = acknowledged;
    this.form.hidden = !acknowledged;
    this.log.hidden = !acknowledged && this.entries.length === 0;
  }

  // ---- open / close ---------------------------------------------------------------------------

  open({ focus }) {
    this.panel.hidden = false;
    this.launcher.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'true');
    tab.set('open', '1');
    this.connect();
    this.scrollToEnd();
    if (focus) (this.privacy.hidden ? this.input : this.ackButton).focus();
  }

  close() {
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'false');
    tab.set('open', '0');
    this.launcher.focus();
  }

  // ---- connection ---------------------------------------------------------------------------

  connect() {
    if (this.socket) return;
    this.setState('connecting');
    this.socket = io(this.cfg.server, {
      path: this.cfg.socketPath,
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
      timeout: 8000,
    });
    this.socket.on('connect', () => this.socket.emit('session_request', { session_id: this.session.id }));
    this.socket.on('session_confirm', (confirmed) => {
      const id = typeof confirmed === 'string' ? confirmed : confirmed && confirmed.session_id;
      if (id && id !== this.session.id) {
        this.session = this.saveSession({ id, updated: Date.now() });
      }
      this.setState('online');
    });
    this.socket.on('bot_uttered', (message) => this.onBotMessage(message));
    this.socket.on('disconnect', (reason) => {
      this.setState('offline');
      // After a disconnect by the server socket.io does not retry by itself.
      if (reason === 'io server disconnect') setTimeout(() => this.socket.connect(), 1000);
    });
    this.socket.on('connect_error', () => this.setState('offline'));
  }

  setState(state) {
    const t = this.t;
    const previous = this.state;
    if (state === previous) return;
    this.state = state;
    this.status.dataset.state = state;
    this.status.textContent = {
      connecting: t.statusConnecting,
      online: t.statusOnline,
      offline: t.statusOffline,
    }[state];
    this.sendButton.setAttribute('aria-disabled', state === 'online' ? 'false' : 'true');
    if (state === 'offline') {
      this.wasOffline = true;
      this.hideTyping();
      this.connection.dataset.kind = 'offline';
      this.connection.textContent = t.offline;
    } else if (state === 'online') {
      this.sendError.textContent = '';
      if (this.wasOffline) {
        this.connection.dataset.kind = 'online';
        this.connection.textContent = t.reconnected;
        clearTimeout(this.reconnectedTimer);
        this.reconnectedTimer = setTimeout(() => {
          if (this.state === 'online') this.connection.textContent = '';
        }, 6000);
      } else {
        this.connection.textContent = '';
      }
    }
  }

  // ---- sending ------------------------------------------------------------------------------

  submitInput() {
    const text = this.input.value.trim();
    if (!text) {
      this.input.focus();
      return;
    }
    if (this.send(text, { display: text })) {
      this.input.value = '';
      tab.set('draft', '');
    }
    this.input.focus();
  }

  /** Sends typed text (or, for the widget's own controls, a payload) to Rasa; refuses while offline. */
  send(message, { display = null, metadata = null, feedback = false, payload = false } = {}) {
    if (this.state !== 'online') {
      this.sendError.textContent = '';
      // A fresh text node makes screen readers announce the alert again on a repeated attempt.
      requestAnimationFrame(() => {
        this.sendError.textContent = this.t.notSent;
      });
      return false;
    }
    this.sendError.textContent = '';
    // Typed text travels as "message" and stays text; only buttons and 👍/👎 send a "payload".
    const data = { [payload ? 'payload' : 'message']: message, session_id: this.session.id };
    if (metadata) data.metadata = metadata;
    this.socket.emit('user_uttered', data);
    local.set('sender', this.tabId); // other tabs of this conversation leave the answer to this one
    this.touch();
    if (display != null) {
      this.retireQuickReplies();
      this.log.hidden = false;
      this.renderUser(this.record({ from: 'user', text: display }));
    }
    this.turn = null;
    this.nextTurnNoFeedback = feedback;
    this.showTyping();
    return true;
  }

  // ---- receiving ----------------------------------------------------------------------------

  onBotMessage(message) {
    if (!message || typeof message !== 'object') return;
    if (this.connection.textContent === this.t.noAnswer) this.connection.textContent = '';
    const sender = local.get('sender');
    if (sender && sender !== this.tabId) return; // that tab records it; this one syncs via 'storage'
    this.hideTyping();
    const entry = {
      from: 'bot',
      text: typeof message.text === 'string' ? message.text : '',
      buttons: normaliseButtons(message.quick_replies || message.buttons),
    };
    const attachment = message.attachment;
    if (typeof attachment === 'string') entry.image = safeHref(attachment);
    else if (attachment && attachment.type === 'image' && attachment.payload) {
      entry.image = safeHref(attachment.payload.src || '');
    }
    if (!entry.text && !entry.buttons.length && !entry.image) return;
    if (!this.turn) {
      this.turn = { id: randomId().slice(0, 12), feedback: !this.nextTurnNoFeedback };
      this.nextTurnNoFeedback = false;
    }
    entry.turn = this.turn.id;
    entry.feedback = this.turn.feedback;
    this.record(entry);
    this.renderBot(entry);
    this.scrollToEnd();
  }

  showTyping() {
    this.typing.replaceChildren(
      h('span', { class: 'typing-text', text: this.t.typing }),
      h('span', { class: 'dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')),
    );
    this.typing.classList.add('active');
    clearTimeout(this.answerTimer);
    this.answerTimer = setTimeout(() => {
      this.hideTyping();
      if (this.state === 'online') {
        this.connection.dataset.kind = 'offline';
        this.connection.textContent = this.t.noAnswer;
      }
    }, ANSWER_TIMEOUT_MS);
    this.scrollToEnd();
  }

  hideTyping() {
    clearTimeout(this.answerTimer);
    this.typing.classList.remove('active');
    this.typing.replaceChildren();
  }

  // ---- rendering ----------------------------------------------------------------------------

  restore() {
    this.log.replaceChildren();
    this.turnElements = new Map();
    this.replyGroups = new Map();
    const last = this.entries[this.entries.length - 1];
    for (const entry of this.entries) {
      if (entry.from === 'user') this.renderUser(entry);
      else if (entry.from === 'bot') this.renderBot(entry, { activeButtons: entry === last });
    }
    this.updatePrivacy();
  }

  renderUser(entry) {
    const t = this.t;
    const bubble = h(
      'div',
      { class: 'msg user' },
      h('span', { class: 'sr-only', text: `${t.you} ` }),
      h('span', { class: 'text', text: entry.text }),
    );
    this.log.append(bubble);
    this.scrollToEnd();
  }

  renderBot(entry, { activeButtons = true } = {}) {
    const t = this.t;
    let turnEl = this.turnElements.get(entry.turn);
    if (!turnEl) {
      turnEl = h('div', { class: 'turn' });
      this.turnElements.set(entry.turn, turnEl);
    }
    const bubble = h('div', { class: 'msg bot' }, h('span', { class: 'sr-only', text: `${t.bot} ` }));
    const { body, source } = splitSource(entry.text);
    if (body) {
      const text = h('span', { class: 'text' });
      appendLinkified(document, text, body, t.newTab);
      bubble.append(text);
    }
    if (source) {
      const link = makeLink(document, source.href, source.label, t.newTab);
      const sourceEl = h('p', { class: 'source' }, h('span', { class: 'source-label', text: `${t.source} ` }), link);
      if (source.rest) sourceEl.append(` ${source.rest}`);
      const bubbles = turnEl.querySelectorAll('.msg.bot');
      const previous = bubbles[bubbles.length - 1];
      if (!body && !entry.image && !(entry.buttons && entry.buttons.length) && previous) {
        previous.append(sourceEl); // Rasa sends the "Quelle:" paragraph as its own message
        return;
      }
      bubble.append(sourceEl);
    }
    if (entry.image) {
      bubble.append(h('p', {}, makeLink(document, entry.image, t.image, t.newTab)));
    }
    if (entry.buttons && entry.buttons.length && activeButtons && !entry.used) {
      bubble.append(this.renderQuickReplies(entry));
    }
    const feedbackEl = turnEl.querySelector('.feedback');
    if (feedbackEl) turnEl.insertBefore(bubble, feedbackEl);
    else turnEl.append(bubble);
    if (entry.feedback && !feedbackEl) turnEl.append(this.renderFeedback(entry.turn));
    if (!turnEl.isConnected) this.log.append(turnEl);
  }

  renderQuickReplies(entry) {
    const group = h('div', { class: 'quick-replies', role: 'group', 'aria-label': entry.text || this.t.bot });
    for (const button of entry.buttons) {
      const el = h('button', { class: 'quick-reply', type: 'button', text: button.title });
      el.addEventListener('click', () => {
        if (this.send(button.payload, { display: button.title, payload: true })) this.input.focus();
      });
      group.append(el);
    }
    this.replyGroups.set(entry, group);
    return group;
  }

  retireQuickReplies() {
    let changed = false;
    for (const group of this.replyGroups.values()) group.remove();
    this.replyGroups.clear();
    for (const entry of this.entries) {
      if (entry.buttons && entry.buttons.length && !entry.used) {
        entry.used = true;
        changed = true;
      }
    }
    if (changed) this.persistLog();
  }

  renderFeedback(turnId) {
    const t = this.t;
    const previous = this.entries.find((e) => e.from === 'rating' && e.turn === turnId);
    const group = h('div', { class: 'feedback', role: 'group', 'aria-label': t.feedbackGroup });
    const make = (rating, label) => {
      const button = h(
        'button',
        {
          class: 'rate',
          type: 'button',
          'aria-pressed': previous && previous.rating === rating ? 'true' : 'false',
          'aria-label': label,
          title: label,
          'data-rating': rating,
        },
        icon('thumb', { flip: rating === 'down' }),
      );
      button.addEventListener('click', () => this.rate(turnId, rating, group));
      return button;
    };
    group.append(make('up', t.feedbackUp), make('down', t.feedbackDown));
    return group;
  }

  rate(turnId, rating, group) {
    const current = this.entries.find((e) => e.from === 'rating' && e.turn === turnId);
    if (current && current.rating === rating) return;
    const answer = this.entries
      .filter((e) => e.from === 'bot' && e.turn === turnId)
      .map((e) => e.text)
      .join('\n\n')
      .slice(0, 500);
    const sent = this.send(`/feedback{"rating":"${rating}"}`, {
      metadata: { feedback_on: answer },
      feedback: true,
      payload: true,
    });
    if (!sent) return;
    for (const button of group.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', button.dataset.rating === rating ? 'true' : 'false');
    }
    if (current) {
      current.rating = rating;
      this.persistLog();
    } else {
      this.record({ from: 'rating', turn: turnId, rating });
    }
  }

  scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
    const body = this.log.parentElement;
    body.scrollTop = body.scrollHeight;
    // On short screens the whole panel scrolls instead of the message area.
    if (getComputedStyle(this.panel).overflowY === 'auto') this.panel.scrollTop = this.panel.scrollHeight;
  }

  // ---- new conversation ---------------------------------------------------------------------

  newConversation() {
    this.hideTyping();
    this.entries = [];
    this.persistLog();
    this.turn = null;
    this.session = this.saveSession({ id: randomId(), updated: Date.now() });
    this.restore();
    this.sendError.textContent = '';
    if (this.socket && this.socket.connected) {
      this.socket.emit('session_request', { session_id: this.session.id });
    }
    (this.privacy.hidden ? this.input : this.ackButton).focus();
  }
}

const currentScript = document.currentScript || document.querySelector('script[src*="dortmund-chat"]');

function start() {
  if (window.__dortmundChat) return;
  window.__dortmundChat = new ChatWidget(readConfig(currentScript));
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
