// The widget's DOM: a custom element with a shadow root (the page's CSS stays out, ours stays in), the launcher
// and the panel (header, toolbar, privacy notice, message log, composer, footer). The structure is built once;
// applyTexts() puts in the interface texts, so a change of language goes through the same code.

import css from './styles.css';
import { h, icon } from './dom.js';
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

/** Title, subtitle and close button; toolbar with the connection state and "new conversation". */
function buildTop(ui) {
  ui.title = h('h2', { id: 'dc-title' });
  ui.subtitle = h('p', { class: 'subtitle' });
  ui.closeButton = h('button', { class: 'close', type: 'button' }, icon('close'));
  const titles = h('div', { class: 'titles' }, ui.title, ui.subtitle);
  ui.header = h('div', { class: 'header' }, titles, ui.closeButton);
  ui.status = h('span', { class: 'status', 'data-state': 'idle', text: '' });
  ui.newButtonText = h('span');
  ui.newButton = h('button', { class: 'secondary', type: 'button' }, icon('refresh'), ui.newButtonText);
  ui.toolbar = h('div', { class: 'toolbar' }, ui.status, ui.newButton);
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
export function buildWidget(lang) {
  const { host, root, style } = buildShell();
  const ui = { host };
  ui.launcherText = h('span', { class: 'launcher-text' });
  ui.launcher = h(
    'button',
    { class: 'launcher', type: 'button', 'aria-expanded': 'false' },
    icon('chat'),
    ui.launcherText,
  );
  buildTop(ui);
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
  ui.wrapper = h('div', { class: 'dc', lang }, ui.launcher, ui.panel);
  root.append(...[style, ui.wrapper].filter(Boolean));
  document.body.append(host);
  return ui;
}

/** The privacy notice: what is stored for how long, the link to the chat's privacy page, the button. */
function privacyTexts(ui, t, privacyUrl) {
  const link = makeLink(document, privacyUrl, t.privacyLink, t.newTab);
  link.setAttribute('hreflang', t.privacyLinkLang);
  link.firstChild.replaceWith(h('span', { lang: t.privacyLinkLang, text: t.privacyLink }));
  if (t.privacyLinkHint) link.insertBefore(document.createTextNode(t.privacyLinkHint), link.lastChild);
  ui.ackButton.textContent = t.privacyAck;
  ui.privacy.replaceChildren(
    h('h3', { id: 'dc-privacy-heading', text: t.privacyHeading }),
    h('p', { text: t.privacyText }),
    h('p', {}, `${t.privacyMore} `, link, '.'),
    ui.ackButton,
  );
}

/** Puts the interface texts of one language into every control, label and notice. */
export function applyTexts(ui, t, { title, privacyUrl }) {
  ui.launcherText.textContent = t.launcher;
  ui.title.textContent = title;
  ui.subtitle.textContent = t.subtitle;
  ui.closeButton.setAttribute('aria-label', t.close);
  ui.newButton.setAttribute('aria-label', t.newConversationLabel);
  ui.newButtonText.textContent = t.newConversation;
  ui.log.setAttribute('aria-label', t.log);
  ui.input.setAttribute('placeholder', t.placeholder);
  ui.inputLabel.textContent = t.inputLabel;
  ui.sendButton.textContent = t.send;
  privacyTexts(ui, t, privacyUrl);
  ui.footer.replaceChildren(makeLink(document, privacyUrl, t.privacyShort, t.newTab));
}
