// The exchange with the bot: what the resident sends (typed text, quick replies, ratings, the language choice)
// and what comes back, recorded in the transcript and shown as bubbles grouped by answer (turn). Of several
// tabs of one conversation, the one that sent the question records the answer; the others follow through
// localStorage.

import { botEntry } from './connection.js';
import { local, randomId, tab } from './storage.js';

/** Sending and receiving for one tab. */
export class Chat {
  /** parts: ui, conversation, connection, live, messages; hooks: language() (the interface's), follow(code). */
  constructor(parts, hooks) {
    this.ui = parts.ui;
    this.conversation = parts.conversation;
    this.connection = parts.connection;
    this.live = parts.live;
    this.messages = parts.messages;
    this.hooks = hooks;
    this.tabId = randomId();
    this.turn = null; // bot answer currently being filled
    this.nextTurnNoFeedback = false;
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
  send(message, { display = null, metadata = null, noRating = false, payload = false } = {}) {
    if (this.live.state !== 'online') {
      this.live.refuse();
      return false;
    }
    this.live.clearError();
    // Typed text travels as "message" and stays text; only buttons, 👍/👎 and the menu send a "payload".
    const data = { [payload ? 'payload' : 'message']: message, session_id: this.conversation.session.id };
    if (metadata) data.metadata = metadata;
    this.connection.send(data);
    local.set('sender', this.tabId); // other tabs of this conversation leave the answer to this one
    this.conversation.touch();
    if (display != null) {
      this.messages.retireQuickReplies();
      this.ui.log.hidden = false;
      const entry = { from: 'user', text: display, lang: this.hooks.language() };
      this.messages.renderUser(this.conversation.record(entry));
    }
    this.turn = null;
    this.nextTurnNoFeedback = noRating; // the reply to a rating or a language choice is not rated
    this.live.showTyping();
    this.messages.scrollToEnd();
    return true;
  }

  /** A quick reply: shown as the resident's message, sent as its payload. */
  reply(button) {
    if (this.send(button.payload, { display: button.title, payload: true })) this.ui.input.focus();
  }

  /** A message of the bot: recorded and shown by the tab that sent the question, as part of its answer. */
  receive(message) {
    if (!message || typeof message !== 'object') return;
    this.live.clearNotice('noAnswer');
    const sender = local.get('sender');
    if (sender && sender !== this.tabId) return; // that tab records it; this one syncs via 'storage'
    this.live.hideTyping();
    const entry = botEntry(message);
    if (!entry) return;
    this.hooks.follow(entry.lang);
    entry.lang = entry.lang || this.hooks.language();
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
      noRating: true,
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
}
