// Dortmund chat widget: one <script> tag, Shadow DOM, Rasa's Socket.IO channel.
//
// <script src="/dortmund-chat.js" data-server="http://localhost:5005" data-title="…"
//         data-lang="de" data-open="false"></script>
//
// This file wires the parts together: storage.js (conversation id and transcript), connection.js (Socket.IO),
// panel.js (the DOM), messages.js (the bubbles and their buttons) and accessibility.js (live regions, focus,
// keys).

import { LiveRegions, bindKeys, focusStart } from './accessibility.js';
import { Connection, botEntry } from './connection.js';
import { PRIVACY_PATH, STRINGS, pickLang } from './i18n.js';
import { MessageLog } from './messages.js';
import { applyTexts, buildWidget } from './panel.js';
import { Conversation, KEY, local, parseEntries, randomId, readJson, tab } from './storage.js';

/** The privacy page of this chat: served beside the widget bundle (/datenschutz on the same server). */
function privacyPageOf(script) {
  try {
    return new URL(PRIVACY_PATH, script && script.src ? script.src : window.location.href).href;
  } catch (_err) {
    return PRIVACY_PATH;
  }
}

/** The options of the script tag (data-*), with defaults. */
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

/** The chat on a page: the launcher, the panel and the conversation behind them. */
class ChatWidget {
  /** Builds the widget, shows the stored conversation and reopens the panel if it was open in this tab. */
  constructor(config) {
    this.cfg = config;
    this.t = STRINGS[config.lang];
    this.tabId = randomId();
    this.turn = null; // bot answer currently being filled
    this.nextTurnNoFeedback = false;
    this.conversation = new Conversation();
    this.ui = buildWidget(config.lang);
    applyTexts(this.ui, this.t, config);
    this.live = new LiveRegions(this.ui, this.t);
    this.messages = new MessageLog(this.ui, this.t, this.conversation, {
      reply: (button) => this.reply(button),
      rate: (turnId, rating, group) => this.rate(turnId, rating, group),
    });
    this.connection = new Connection(config, {
      sessionId: () => this.conversation.session.id,
      onState: (state) => this.live.setState(state),
      onConfirm: (id) => {
        if (id && id !== this.conversation.session.id) this.conversation.startSession(id);
      },
      onMessage: (message) => this.onBotMessage(message),
    });
    this.bind();
    this.restore();
    if (config.open || tab.get('open') === '1') this.open({ focus: false });
  }

  /** The controls' events, the draft of this tab, and the other tabs' changes. */
  bind() {
    const ui = this.ui;
    ui.launcher.addEventListener('click', () => this.open({ focus: true }));
    ui.closeButton.addEventListener('click', () => this.close());
    ui.newButton.addEventListener('click', () => this.newConversation());
    ui.ackButton.addEventListener('click', () => {
      local.set('privacy', '1');
      this.updatePrivacy();
      ui.input.focus();
    });
    ui.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitInput();
    });
    bindKeys(ui, { close: () => this.close(), submit: () => this.submitInput() });
    ui.input.addEventListener('input', () => tab.set('draft', ui.input.value));
    ui.input.value = tab.get('draft') || '';
    window.addEventListener('storage', (event) => this.onStorage(event));
  }

  /** Keeps several tabs of the same conversation in step. */
  onStorage(event) {
    if (event.key === `${KEY}log`) {
      this.conversation.entries = parseEntries(event.newValue);
      this.turn = null;
      this.restore();
      this.messages.scrollToEnd();
    } else if (event.key === `${KEY}session`) {
      const session = readJson(event.newValue, null);
      if (session && session.id !== this.conversation.session.id) {
        this.conversation.session = session;
        this.connection.requestSession(session.id);
      }
    } else if (event.key === `${KEY}privacy`) {
      this.updatePrivacy();
    }
  }

  /** The privacy notice until it is acknowledged (in any tab), then the message field. */
  updatePrivacy() {
    const acknowledged = local.get('privacy') === '1';
    this.ui.privacy.hidden = acknowledged;
    this.ui.form.hidden = !acknowledged;
    this.ui.log.hidden = !acknowledged && this.conversation.entries.length === 0;
  }

  /** Shows the whole transcript again. */
  restore() {
    this.messages.restore();
    this.updatePrivacy();
  }

  /** Opens the panel (and the connection); with focus, moves it into the panel. */
  open({ focus }) {
    this.ui.panel.hidden = false;
    this.ui.launcher.hidden = true;
    this.ui.launcher.setAttribute('aria-expanded', 'true');
    tab.set('open', '1');
    this.connection.connect();
    this.messages.scrollToEnd();
    if (focus) focusStart(this.ui);
  }

  /** Closes the panel; the focus goes back to the launcher. */
  close() {
    this.ui.panel.hidden = true;
    this.ui.launcher.hidden = false;
    this.ui.launcher.setAttribute('aria-expanded', 'false');
    tab.set('open', '0');
    this.ui.launcher.focus();
  }

  /** Sends what the resident typed; the field empties only when it went out. */
  submitInput() {
    const text = this.ui.input.value.trim();
    if (!text) {
      this.ui.input.focus();
      return;
    }
    if (this.send(text, { display: text })) {
      this.ui.input.value = '';
      tab.set('draft', '');
    }
    this.ui.input.focus();
  }

  /** Sends typed text (or, for the widget's own controls, a payload) to Rasa; refuses while offline. */
  send(message, { display = null, metadata = null, feedback = false, payload = false } = {}) {
    if (this.live.state !== 'online') {
      this.live.refuse();
      return false;
    }
    this.live.clearError();
    // Typed text travels as "message" and stays text; only buttons and 👍/👎 send a "payload".
    const data = { [payload ? 'payload' : 'message']: message, session_id: this.conversation.session.id };
    if (metadata) data.metadata = metadata;
    this.connection.send(data);
    local.set('sender', this.tabId); // other tabs of this conversation leave the answer to this one
    this.conversation.touch();
    if (display != null) {
      this.messages.retireQuickReplies();
      this.ui.log.hidden = false;
      this.messages.renderUser(this.conversation.record({ from: 'user', text: display }));
    }
    this.turn = null;
    this.nextTurnNoFeedback = feedback;
    this.live.showTyping();
    this.messages.scrollToEnd();
    return true;
  }

  /** A quick reply: shown as the resident's message, sent as its payload. */
  reply(button) {
    if (this.send(button.payload, { display: button.title, payload: true })) this.ui.input.focus();
  }

  /** A message of the bot: recorded and shown by the tab that sent the question, as part of its answer. */
  onBotMessage(message) {
    if (!message || typeof message !== 'object') return;
    this.live.clearNotice('noAnswer');
    const sender = local.get('sender');
    if (sender && sender !== this.tabId) return; // that tab records it; this one syncs via 'storage'
    this.live.hideTyping();
    const entry = botEntry(message);
    if (!entry) return;
    if (!this.turn) {
      this.turn = { id: randomId().slice(0, 12), feedback: !this.nextTurnNoFeedback };
      this.nextTurnNoFeedback = false;
    }
    entry.turn = this.turn.id;
    entry.feedback = this.turn.feedback;
    this.conversation.record(entry);
    this.messages.renderBot(entry);
    this.messages.scrollToEnd();
  }

  /** 👍 or 👎 for an answer: sent with the answer's text, remembered in the transcript. */
  rate(turnId, rating, group) {
    const entries = this.conversation.entries;
    const current = entries.find((e) => e.from === 'rating' && e.turn === turnId);
    if (current && current.rating === rating) return;
    const answer = entries
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
    this.messages.markRating(group, rating);
    if (current) {
      current.rating = rating;
      this.conversation.persistLog();
    } else {
      this.conversation.record({ from: 'rating', turn: turnId, rating });
    }
  }

  /** "Neues Gespräch": empties the transcript and asks the server for a new conversation. */
  newConversation() {
    this.live.hideTyping();
    this.conversation.entries = [];
    this.conversation.persistLog();
    this.turn = null;
    this.conversation.startSession();
    this.restore();
    this.live.clearError();
    this.connection.requestSession(this.conversation.session.id);
    focusStart(this.ui);
  }
}

const currentScript = document.currentScript || document.querySelector('script[src*="dortmund-chat"]');

/** Starts the widget once per page. */
function start() {
  if (window.__dortmundChat) return;
  window.__dortmundChat = new ChatWidget(readConfig(currentScript));
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
