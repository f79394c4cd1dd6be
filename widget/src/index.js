// Dortmund chat widget: one <script> tag, Shadow DOM, Rasa's Socket.IO channel.
//
// <script src="/dortmund-chat.js" data-server="http://localhost:5005" data-title="…"
//         data-lang="de" data-open="false"></script>
//
// This file wires the parts together: storage.js (conversation id and transcript), connection.js (Socket.IO),
// chat.js (sending and receiving), panel.js (the DOM), messages.js (the bubbles and their buttons),
// accessibility.js (live regions, focus, keys), languages.js and menu.js (the languages of
// knowledge/languages/ and the menu to choose one).

import { LiveRegions, bindKeys, focusStart } from './accessibility.js';
import { Chat } from './chat.js';
import { Connection } from './connection.js';
import { PRIVACY_PATH, pickLang } from './i18n.js';
import { ORIGINAL_LANGUAGE, isLanguage, languageOf, menuLanguages, textsFor } from './languages.js';
import { LanguageMenu } from './menu.js';
import { MessageLog } from './messages.js';
import { applyLanguage, applyTexts, buildWidget } from './panel.js';
import { Conversation, KEY, local, parseEntries, readJson, tab } from './storage.js';

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
  const codes = menuLanguages().map((language) => language.code);
  const lang = pickLang(data.lang, document.documentElement.lang, codes);
  return {
    server: data.server || 'http://localhost:5005',
    socketPath: data.socketPath || '/socket.io/',
    lang,
    title: data.title || textsFor(lang).title,
    open: data.open === 'true',
    privacyUrl: data.privacyUrl || privacyPageOf(script),
  };
}

/** The chat on a page: the launcher, the panel and the conversation behind them. */
class ChatWidget {
  /** Builds the widget, shows the stored conversation and reopens the panel if it was open in this tab. */
  constructor(config) {
    this.cfg = config;
    this.pendingLanguage = null; // chosen in the menu, not told to the bot yet
    this.conversation = new Conversation();
    const chosen = tab.get('language');
    this.menu = new LanguageMenu(chosen, (code) => this.chooseLanguage(code));
    this.ui = buildWidget(this.menu);
    this.live = new LiveRegions(this.ui, null);
    this.messages = new MessageLog(this.ui, this.conversation, {
      reply: (button) => this.chat.reply(button),
      rate: (turnId, rating, group) => this.chat.rate(turnId, rating, group),
    });
    this.connection = new Connection(config, {
      sessionId: () => this.conversation.session.id,
      onState: (state) => this.onState(state),
      onConfirm: (id) => {
        if (id && id !== this.conversation.session.id) this.conversation.startSession(id);
      },
      onMessage: (message) => this.chat.receive(message),
    });
    const { ui, conversation, connection, live, messages } = this;
    this.chat = new Chat(
      { ui, conversation, connection, live, messages },
      { language: () => this.language, follow: (code) => this.followLanguage(code) },
    );
    this.setLanguage(isLanguage(chosen) ? chosen : config.lang);
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
      this.tellLanguage();
    });
    ui.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.chat.submitInput();
    });
    bindKeys(ui, { close: () => this.close(), submit: () => this.chat.submitInput() });
    ui.input.addEventListener('input', () => tab.set('draft', ui.input.value));
    ui.input.value = tab.get('draft') || '';
    window.addEventListener('storage', (event) => this.onStorage(event));
  }

  /** Keeps several tabs of the same conversation in step. */
  onStorage(event) {
    if (event.key === `${KEY}log`) {
      this.conversation.entries = parseEntries(event.newValue);
      this.chat.turn = null;
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
      this.tellLanguage();
    }
  }

  /** Shows the interface in a language: its texts, lang and dir of the whole widget, the menu, the bubbles. */
  setLanguage(code) {
    this.language = code;
    this.t = textsFor(code);
    applyLanguage(this.ui, languageOf(code));
    // The page's data-title is in the page's language; any other language has its own title.
    const title = code === this.cfg.lang ? this.cfg.title : this.t.title;
    applyTexts(this.ui, this.t, { title, privacyUrl: this.cfg.privacyUrl });
    this.menu.show(code);
    this.live.setTexts(this.t);
    this.messages.setLanguage(this.t, code);
  }

  /** The resident chose a language in the menu: the interface switches at once, the bot as soon as it may. */
  chooseLanguage(code) {
    tab.set('language', code);
    this.setLanguage(code);
    this.pendingLanguage = code;
    this.tellLanguage();
  }

  /** Sends the chosen language to the bot once connected and the privacy notice has been acknowledged. */
  tellLanguage() {
    if (!this.pendingLanguage || this.live.state !== 'online' || local.get('privacy') !== '1') return;
    const payload = `/choose_language${JSON.stringify({ language: this.pendingLanguage })}`;
    this.pendingLanguage = null;
    this.chat.send(payload, { payload: true, noRating: true }); // no bubble of the resident
  }

  /** A bot message in another language: the resident wrote in it, so the interface follows. */
  followLanguage(code) {
    // Not to German: untranslated texts are German whatever language the conversation is in.
    if (!isLanguage(code) || code === this.language || code === ORIGINAL_LANGUAGE) return;
    tab.set('language', code);
    this.setLanguage(code);
  }

  /** The connection state; a (re)confirmed conversation gets the language chosen meanwhile. */
  onState(state) {
    this.live.setState(state);
    if (state === 'online') this.tellLanguage();
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
    this.menu.close({ focus: false });
    this.ui.panel.hidden = true;
    this.ui.launcher.hidden = false;
    this.ui.launcher.setAttribute('aria-expanded', 'false');
    tab.set('open', '0');
    this.ui.launcher.focus();
  }

  /** "Neues Gespräch": empties the transcript and asks the server for a new conversation. */
  newConversation() {
    this.live.hideTyping();
    this.conversation.entries = [];
    this.conversation.persistLog();
    this.chat.turn = null;
    this.conversation.startSession();
    this.restore();
    this.live.clearError();
    // A language chosen in this tab carries over; the bot is told once it confirms the new conversation.
    const chosen = tab.get('language');
    if (isLanguage(chosen) && chosen !== ORIGINAL_LANGUAGE) this.pendingLanguage = chosen;
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
