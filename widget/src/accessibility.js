// Accessibility: what screen readers are told without moving the focus (the connection state, the banner
// about an interrupted connection, the alert when a message was not sent, the typing indicator), where the
// focus goes, and the keys of the panel. Each text is kept by name, so a change of language says it anew.

import { h } from './dom.js';
import { markLang } from './languages.js';

const ANSWER_TIMEOUT_MS = 30000;
const RECONNECTED_NOTICE_MS = 6000;
const STATUS_TEXTS = { connecting: 'statusConnecting', online: 'statusOnline', offline: 'statusOffline' };

/** The live regions of the panel; every text in them is named by its key, so it can be said again. */
export class LiveRegions {
  /** ui: the panel's elements (status, connection, sendError, typing, sendButton); t: the interface texts. */
  constructor(ui, t) {
    this.ui = ui;
    this.t = t;
    this.state = 'idle'; // idle | connecting | online | offline
    this.wasOffline = false;
    this.noticeKey = null;
    this.errorKey = null;
    this.answerTimer = null;
    this.reconnectedTimer = null;
  }

  /** Puts the texts of another language into the regions that show something. */
  setTexts(t) {
    this.t = t;
    if (STATUS_TEXTS[this.state]) this.say(this.ui.status, STATUS_TEXTS[this.state]);
    if (this.noticeKey) this.say(this.ui.connection, this.noticeKey);
    if (this.errorKey && this.ui.sendError.textContent) this.say(this.ui.sendError, this.errorKey);
    if (this.ui.typing.classList.contains('active')) this.renderTyping();
  }

  /** Puts a text into a region, marked with its language when that is not the interface's. */
  say(el, key) {
    el.textContent = this.t[key];
    markLang(el, this.t.langOf(key), this.t.htmlLang);
  }

  /** Shows the connection state; after an interruption says that it is back. */
  setState(state) {
    if (state === this.state) return;
    this.state = state;
    this.ui.status.dataset.state = state;
    this.say(this.ui.status, STATUS_TEXTS[state]);
    this.ui.sendButton.setAttribute('aria-disabled', state === 'online' ? 'false' : 'true');
    if (state === 'offline') {
      this.wasOffline = true;
      this.hideTyping();
      this.notice('offline', 'offline');
    } else if (state === 'online') {
      this.clearError();
      if (this.wasOffline) {
        this.notice('online', 'reconnected');
        clearTimeout(this.reconnectedTimer);
        this.reconnectedTimer = setTimeout(() => {
          if (this.state === 'online') this.clearNotice();
        }, RECONNECTED_NOTICE_MS);
      } else {
        this.clearNotice();
      }
    }
  }

  /** The banner under the toolbar: kind 'offline' (warning) or 'online' (all right), text by key. */
  notice(kind, key) {
    this.ui.connection.dataset.kind = kind;
    this.noticeKey = key;
    this.say(this.ui.connection, key);
  }

  /** Empties the banner; with a key only when it shows that text. */
  clearNotice(key = null) {
    if (key && this.noticeKey !== key) return;
    this.noticeKey = null;
    this.ui.connection.textContent = '';
  }

  /** Says (again) that a message was not sent: a fresh text node makes screen readers repeat the alert. */
  refuse() {
    this.ui.sendError.textContent = '';
    this.errorKey = 'notSent';
    requestAnimationFrame(() => {
      if (this.errorKey) this.say(this.ui.sendError, this.errorKey);
    });
  }

  /** Removes the alert. */
  clearError() {
    this.errorKey = null;
    this.ui.sendError.textContent = '';
  }

  /** Shows that the bot is writing; after ANSWER_TIMEOUT_MS without an answer says that none came. */
  showTyping() {
    this.renderTyping();
    this.ui.typing.classList.add('active');
    clearTimeout(this.answerTimer);
    this.answerTimer = setTimeout(() => {
      this.hideTyping();
      if (this.state === 'online') this.notice('offline', 'noAnswer');
    }, ANSWER_TIMEOUT_MS);
  }

  /** The typing indicator's text and its three dots (hidden from screen readers). */
  renderTyping() {
    const text = h('span', { class: 'typing-text', text: this.t.typing });
    markLang(text, this.t.langOf('typing'), this.t.htmlLang);
    this.ui.typing.replaceChildren(
      text,
      h('span', { class: 'dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')),
    );
  }

  /** Hides the typing indicator. */
  hideTyping() {
    clearTimeout(this.answerTimer);
    this.ui.typing.classList.remove('active');
    this.ui.typing.replaceChildren();
  }
}

/** Puts the focus where the resident continues: the privacy notice's button, else the message field. */
export function focusStart(ui) {
  (ui.privacy.hidden ? ui.input : ui.ackButton).focus();
}

/** Escape closes the panel; Enter sends the message (Shift+Enter makes a new line). */
export function bindKeys(ui, { close, submit }) {
  ui.panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  ui.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
}
