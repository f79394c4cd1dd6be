// The widget's DOM: a custom element with a shadow root (the page's CSS stays out, ours stays in), the launcher
// and the panel (header with the language menu, toolbar, privacy notice, message log, composer, footer). The
// structure is built once; applyTexts() puts in the texts of a language, so every change of language goes
// through the same code. A text a language does not have yet is marked with the lang of the one shown.

import css from './styles.css';
import { h, icon } from './dom.js';
import { directionOf, markLang } from './languages.js';
import { makeLink } from './render.js';

const MAX_INPUT = __MAX_MESSAGE_CHARS__;

/** The host element and its shadow root with the widget's styles. */
function buildShell() {
  const host = document.createElement('dortmund-chat');
  host.style.setProperty('all', 'initial'); // CSSOM, so a strict CSP (no 'unsafe-inline') allows it
  const root = host.attachShadow({ mode: 'open' });
  let style = null;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch (_err) {
    style = h('style', { text: css }); // older browsers
  }
  return { host, root, style };
}

/** Title, subtitle, language menu, close button; toolbar with the connection state and "new conversation". */
function buildTop(ui, menu) {
  ui.title = h('h2', { id: 'dc-title' });
  ui.subtitle = h('p', { class: 'subtitle' });
  ui.closeButton = h('button', { class: 'close', type: 'button' }, icon('close'));
  const titles = h('div', { class: 'titles' }, ui.title, ui.subtitle);
  const controls = h('div', { class: 'header-controls' }, menu.element, ui.closeButton);
  ui.header = h('div', { class: 'header' }, titles, controls);
  ui.status = h('span', { class: 'status', 'data-state': 'idle', text: '' });
  ui.newButtonText = h('span');
  // Named by its visible text (in any translation), described by what it does.
  ui.newButtonHint = h('span', { id: 'dc-new-hint', hidden: true });
  const newAttrs = { class: 'secondary', type: 'button', 'aria-describedby': 'dc-new-hint' };
  ui.newButton = h('button', newAttrs, icon('refresh'), ui.newButtonText);
  ui.toolbar = h('div', { class: 'toolbar' }, ui.status, ui.newButton, ui.newButtonHint);
}

/** The connection banner, the privacy notice, the message log and the typing indicator. */
function buildBody(ui) {
  ui.connection = h('div', { class: 'connection', role: 'status' });
  ui.ackButton = h('button', { class: 'primary', type: 'button' });
  ui.privacy = h('section', { class: 'privacy', 'aria-labelledby': 'dc-privacy-heading' });
  ui.log = h('div', {
    class: 'log',
    role: 'log',
    'aria-live': 'polite',
    'aria-relevant': 'additions',
    tabindex: '0',
  });
  ui.typing = h('div', { class: 'typing', role: 'status' });
  ui.body = h('div', { class: 'body' }, ui.privacy, ui.log, ui.typing);
}

/** The message field with its label, the send button and the alert for a message that was not sent. */
function buildComposer(ui) {
  ui.input = h('textarea', {
    id: 'dc-input',
    class: 'input',
    rows: '2',
    maxlength: String(MAX_INPUT),
    autocomplete: 'off',
    'aria-describedby': 'dc-send-error',
  });
  ui.inputLabel = h('label', { for: 'dc-input', class: 'sr-only' });
  ui.sendButton = h('button', { class: 'send', type: 'submit' });
  ui.sendError = h('p', { id: 'dc-send-error', class: 'send-error', role: 'alert' });
  ui.form = h(
    'form',
    { class: 'composer', novalidate: true },
    ui.inputLabel,
    h('div', { class: 'composer-row' }, ui.input, ui.sendButton),
    ui.sendError,
  );
  ui.footer = h('p', { class: 'footer' });
}

/** Builds the widget into the page (hidden panel, launcher shown) and returns its elements by name. */
export function buildWidget(menu) {
  const { host, root, style } = buildShell();
  const ui = { host, menu };
  ui.launcherText = h('span', { class: 'launcher-text' });
  ui.launcher = h(
    'button',
    { class: 'launcher', type: 'button', 'aria-expanded': 'false' },
    icon('chat'),
    ui.launcherText,
  );
  buildTop(ui, menu);
  buildBody(ui);
  buildComposer(ui);
  ui.panel = h(
    'div',
    { class: 'panel', role: 'dialog', 'aria-labelledby': 'dc-title', id: 'dc-panel', hidden: true },
    ui.header,
    ui.toolbar,
    ui.connection,
    ui.body,
    ui.form,
    ui.footer,
  );
  ui.launcher.setAttribute('aria-controls', 'dc-panel');
  ui.wrapper = h('div', { class: 'dc' }, ui.launcher, ui.panel);
  root.append(...[style, ui.wrapper].filter(Boolean));
  document.body.append(host);
  return ui;
}

/** Puts a text into an element, marked with its language when that is not the interface's. */
function put(el, t, key, text = t[key]) {
  el.textContent = text;
  markLang(el, t.langOf(key), t.htmlLang);
}

/** Sets a label of a control, marked like put(). */
function label(el, t, attribute, key) {
  el.setAttribute(attribute, t[key]);
  markLang(el, t.langOf(key), t.htmlLang);
}

/** The field's placeholder; an untranslated one written the other way is isolated, so its punctuation stays. */
function placeholder(t) {
  const same = directionOf(t.langOf('placeholder')) === directionOf(t.htmlLang);
  return same ? t.placeholder : `\u2068${t.placeholder}\u2069`;
}

/** A link that opens in a new tab; the link and its "new tab" hint are marked with their languages. */
function newTabLink(t, href, key, text = t[key]) {
  const link = makeLink(document, href, text, t.newTab);
  markLang(link, t.langOf(key), t.htmlLang);
  markLang(link.lastChild, t.langOf('newTab'), t.langOf(key));
  return link;
}

/** The privacy notice: what is stored for how long, the link to the chat's privacy page, the button. */
function privacyTexts(ui, t, privacyUrl) {
  // The link's name is that of the (German) page; a hint in the interface's language may follow it.
  const link = newTabLink(t, privacyUrl, 'privacyLinkHint', t.privacyLink);
  link.setAttribute('hreflang', t.privacyLinkLang);
  link.firstChild.replaceWith(h('span', { lang: t.privacyLinkLang, text: t.privacyLink }));
  if (t.privacyLinkHint) link.insertBefore(document.createTextNode(t.privacyLinkHint), link.lastChild);
  const heading = h('h3', { id: 'dc-privacy-heading' });
  const text = h('p');
  const more = h('p', {}, `${t.privacyMore} `, link, '.');
  put(heading, t, 'privacyHeading');
  put(text, t, 'privacyText');
  markLang(more, t.langOf('privacyMore'), t.htmlLang);
  put(ui.ackButton, t, 'privacyAck');
  ui.privacy.replaceChildren(heading, text, more, ui.ackButton);
}

/** Puts the interface texts of one language into every control, label and notice. */
export function applyTexts(ui, t, { title, privacyUrl }) {
  put(ui.launcherText, t, 'launcher');
  put(ui.title, t, 'title', title);
  put(ui.subtitle, t, 'subtitle');
  label(ui.closeButton, t, 'aria-label', 'close');
  put(ui.newButtonText, t, 'newConversation');
  put(ui.newButtonHint, t, 'newConversationLabel');
  ui.log.setAttribute('aria-label', t.log);
  ui.input.setAttribute('placeholder', placeholder(t));
  put(ui.inputLabel, t, 'inputLabel');
  put(ui.sendButton, t, 'send');
  privacyTexts(ui, t, privacyUrl);
  ui.footer.replaceChildren(newTabLink(t, privacyUrl, 'privacyShort'));
}

/** The language and writing direction of the whole widget. */
export function applyLanguage(ui, language) {
  ui.wrapper.setAttribute('lang', language.htmlLang);
  ui.wrapper.setAttribute('dir', language.dir);
}
