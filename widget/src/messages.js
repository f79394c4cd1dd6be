// Rendering of the conversation: the resident's and the bot's messages (text with links, the source line, an
// image link), the bot's quick replies and the rating buttons under each answer. Every piece of text becomes a
// text node (render.js); nothing is parsed as HTML. Each bubble has the lang of its message (and dir when it is
// written the other way than the widget); the interface's words in it ("Quelle:") are marked with theirs.

import { h, icon } from './dom.js';
import { languageOf, markLang } from './languages.js';
import { appendLinkified, makeLink, splitSource } from './render.js';

/** The bubbles of the message log, built from the conversation's transcript. */
export class MessageLog {
  /** ui: the log, panel and root; conversation: the transcript; actions: reply(button), rate(…). */
  constructor(ui, conversation, actions) {
    this.ui = ui;
    this.t = null;
    this.language = null;
    this.conversation = conversation;
    this.actions = actions;
    this.turnElements = new Map();
    this.replyGroups = new Map();
  }

  /** Shows the whole transcript anew (after a reload, or when another tab changed it). */
  restore() {
    this.ui.log.replaceChildren();
    this.turnElements = new Map();
    this.replyGroups = new Map();
    const entries = this.conversation.entries;
    const last = entries[entries.length - 1];
    for (const entry of entries) {
      if (entry.from === 'user') this.renderUser(entry);
      else if (entry.from === 'bot') this.renderBot(entry, { activeButtons: entry === last });
    }
  }

  /** The interface's texts and language (code) for the bubbles to come; the bubbles there are realigned. */
  setLanguage(t, code) {
    this.t = t;
    this.language = code;
    for (const bubble of this.ui.log.querySelectorAll('.msg')) this.align(bubble);
  }

  /** A bubble in the language of its entry (the interface's when it names none), "You:"/"Chatbot:" first. */
  bubble(kind, entry) {
    const language = languageOf(entry.lang) || languageOf(this.language);
    const bubble = h('div', { class: `msg ${kind}`, lang: language.htmlLang, 'data-dir': language.dir });
    this.align(bubble);
    const key = kind === 'user' ? 'you' : 'bot';
    const prefix = h('span', { class: 'sr-only', text: `${this.t[key]} ` });
    markLang(prefix, this.t.langOf(key), language.htmlLang);
    bubble.append(prefix);
    return bubble;
  }

  /** dir on a bubble only when its language is written the other way than the widget. */
  align(bubble) {
    const dir = bubble.dataset.dir;
    if (dir && dir !== this.ui.wrapper.getAttribute('dir')) bubble.setAttribute('dir', dir);
    else bubble.removeAttribute('dir');
  }

  /** Marks the "new tab" hints of the links in an element with their language. */
  markHints(el, lang) {
    for (const link of el.querySelectorAll('a')) markLang(link.lastChild, this.t.langOf('newTab'), lang);
  }

  /** A message of the resident. */
  renderUser(entry) {
    const bubble = this.bubble('user', entry);
    // Typed text may be in any language: it is written the way its first letters go.
    bubble.append(h('span', { class: 'text', dir: 'auto', text: entry.text }));
    this.ui.log.append(bubble);
    this.scrollToEnd();
  }

  /** A message of the bot, in the element of its answer (turn); a lone source line joins the bubble before. */
  renderBot(entry, { activeButtons = true } = {}) {
    const turnEl = this.turnElement(entry.turn);
    const bubble = this.bubble('bot', entry);
    const { body, source } = splitSource(entry.text);
    if (body) {
      const text = h('span', { class: 'text' });
      appendLinkified(document, text, body, this.t.newTab);
      this.markHints(text, bubble.lang);
      bubble.append(text);
    }
    if (source) {
      const bubbles = turnEl.querySelectorAll('.msg.bot');
      const previous = bubbles[bubbles.length - 1];
      if (!body && !entry.image && !(entry.buttons && entry.buttons.length) && previous) {
        previous.append(this.sourceLine(source, previous.lang)); // Rasa sends "Quelle: …" as its own message
        return;
      }
      bubble.append(this.sourceLine(source, bubble.lang));
    }
    if (entry.image) {
      const link = makeLink(document, entry.image, this.t.image, this.t.newTab);
      markLang(link, this.t.langOf('image'), bubble.lang);
      bubble.append(h('p', {}, link));
    }
    if (entry.buttons && entry.buttons.length && activeButtons && !entry.used) {
      bubble.append(this.renderQuickReplies(entry));
    }
    this.placeInTurn(turnEl, bubble, entry);
  }

  /** The element that holds all bubbles of one answer and its rating buttons. */
  turnElement(turnId) {
    let turnEl = this.turnElements.get(turnId);
    if (!turnEl) {
      turnEl = h('div', { class: 'turn' });
      this.turnElements.set(turnId, turnEl);
    }
    return turnEl;
  }

  /** "Quelle: <link> (Stand: …)" under an answer in language `lang`; "Quelle:" in the interface's. */
  sourceLine(source, lang) {
    const link = makeLink(document, source.href, source.label, this.t.newTab);
    const label = h('span', { class: 'source-label', text: `${this.t.source} ` });
    markLang(label, this.t.langOf('source'), lang);
    const sourceEl = h('p', { class: 'source' }, label, link);
    this.markHints(sourceEl, lang);
    if (source.rest) sourceEl.append(` ${source.rest}`);
    return sourceEl;
  }

  /** Puts a bubble into its answer, before the rating buttons (which come with the first rated bubble). */
  placeInTurn(turnEl, bubble, entry) {
    const feedbackEl = turnEl.querySelector('.feedback');
    if (feedbackEl) turnEl.insertBefore(bubble, feedbackEl);
    else turnEl.append(bubble);
    if (entry.feedback && !feedbackEl) turnEl.append(this.renderFeedback(entry.turn));
    if (!turnEl.isConnected) this.ui.log.append(turnEl);
  }

  /** The bot's quick replies as buttons, labelled by the message they belong to. */
  renderQuickReplies(entry) {
    const group = h('div', { class: 'quick-replies', role: 'group', 'aria-label': entry.text || this.t.bot });
    for (const button of entry.buttons) {
      const el = h('button', { class: 'quick-reply', type: 'button', text: button.title });
      el.addEventListener('click', () => this.actions.reply(button));
      group.append(el);
    }
    this.replyGroups.set(entry, group);
    return group;
  }

  /** Removes the quick replies once the resident has written or chosen something (kept so after reloads). */
  retireQuickReplies() {
    let changed = false;
    for (const group of this.replyGroups.values()) group.remove();
    this.replyGroups.clear();
    for (const entry of this.conversation.entries) {
      if (entry.buttons && entry.buttons.length && !entry.used) {
        entry.used = true;
        changed = true;
      }
    }
    if (changed) this.conversation.persistLog();
  }

  /** 👍 and 👎 under an answer, pressed as the resident rated it before. */
  renderFeedback(turnId) {
    const t = this.t;
    const previous = this.conversation.entries.find((e) => e.from === 'rating' && e.turn === turnId);
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
      button.addEventListener('click', () => this.actions.rate(turnId, rating, group));
      return button;
    };
    group.append(make('up', t.feedbackUp), make('down', t.feedbackDown));
    // Stays in this language when the interface changes later: so its lang is always given.
    group.setAttribute('lang', t.langOf('feedbackGroup'));
    for (const button of group.children) markLang(button, t.langOf('feedbackUp'), t.langOf('feedbackGroup'));
    return group;
  }

  /** Shows which rating button is pressed. */
  markRating(group, rating) {
    for (const button of group.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', button.dataset.rating === rating ? 'true' : 'false');
    }
  }

  /** Scrolls the newest message into view. */
  scrollToEnd() {
    this.ui.log.scrollTop = this.ui.log.scrollHeight;
    const body = this.ui.log.parentElement;
    body.scrollTop = body.scrollHeight;
    // On short screens the whole panel scrolls instead of the message area.
    const panel = this.ui.panel;
    if (getComputedStyle(panel).overflowY === 'auto') panel.scrollTop = panel.scrollHeight;
  }
}
