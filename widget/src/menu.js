// The language menu in the header: a button named "Sprache / Language" with the current language, which opens
// a list of all languages, each named in itself with its own lang attribute. Keys: Enter, Space or the arrow
// keys open the list on the current language; arrows, Home and End move; Escape closes the list (not the chat)
// and returns to the button; leaving the list with Tab closes it.

import { h, icon } from './dom.js';
import { menuLanguages } from './languages.js';

const MOVES = { ArrowDown: 1, ArrowUp: -1 };

/** The button with its list of languages. */
export class LanguageMenu {
  /** Builds the menu showing `current`; onChoose(code) runs when a resident picks another language. */
  constructor(current, onChoose) {
    this.onChoose = onChoose;
    this.code = null;
    this.currentName = h('span', { class: 'language-current' });
    // The label is the same in every language, so residents find it whatever language is shown.
    const label = h('span', { id: 'dc-language-label' }, h('span', { lang: 'de', text: 'Sprache' }), ' / ');
    label.append(h('span', { lang: 'en', text: 'Language' }));
    this.toggle = h(
      'button',
      { class: 'language-toggle', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'dc-languages' },
      h('span', { class: 'sr-only' }, label, ': '),
      icon('language'),
      this.currentName,
    );
    this.options = menuLanguages().map((language) => this.option(language));
    this.list = h(
      'ul',
      { id: 'dc-languages', class: 'language-list', 'aria-labelledby': 'dc-language-label', hidden: true },
      ...this.options.map((option) => h('li', {}, option)),
    );
    this.element = h('div', { class: 'languages' }, this.toggle, this.list);
    this.bind();
    this.show(current);
  }

  /** One language of the list: its name in itself, marked with its lang. */
  option(language) {
    const button = h('button', {
      class: 'language-option',
      type: 'button',
      lang: language.htmlLang,
      'data-code': language.code,
      text: language.name,
    });
    button.addEventListener('click', () => this.choose(language.code));
    return button;
  }

  /** Opening, closing and moving with mouse and keys. */
  bind() {
    this.toggle.addEventListener('click', () => (this.list.hidden ? this.open() : this.close()));
    this.toggle.addEventListener('keydown', (event) => {
      if (event.key in MOVES && this.list.hidden) {
        event.preventDefault();
        this.open();
      } else if (event.key === 'Escape' && !this.list.hidden) {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      }
    });
    this.list.addEventListener('keydown', (event) => this.onListKey(event));
    this.element.addEventListener('focusout', (event) => {
      if (!this.list.hidden && !this.element.contains(event.relatedTarget)) this.close({ focus: false });
    });
  }

  /** Arrow keys, Home and End move through the languages (round); Escape closes the list. */
  onListKey(event) {
    const count = this.options.length;
    const index = this.options.indexOf(event.target);
    let next = null;
    if (event.key in MOVES) next = (index + MOVES[event.key] + count) % count;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    else if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation(); // Escape here closes the list, not the chat
    if (next === null) this.close();
    else this.options[next].focus();
  }

  /** Shows which language is current: on the button and as aria-current in the list. */
  show(code) {
    const language = menuLanguages().find((item) => item.code === code);
    if (!language) return;
    this.code = code;
    this.currentName.textContent = language.name;
    this.currentName.setAttribute('lang', language.htmlLang);
    for (const option of this.options) {
      if (option.dataset.code === code) option.setAttribute('aria-current', 'true');
      else option.removeAttribute('aria-current');
    }
  }

  /** Opens the list with the focus on the current language. */
  open() {
    this.list.hidden = false;
    this.toggle.setAttribute('aria-expanded', 'true');
    (this.options.find((option) => option.dataset.code === this.code) || this.options[0]).focus();
  }

  /** Closes the list; the focus goes back to the button unless it has gone elsewhere. */
  close({ focus = true } = {}) {
    this.list.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'false');
    if (focus) this.toggle.focus();
  }

  /** A language was picked: close the list and switch if it is another one. */
  choose(code) {
    this.close();
    if (code !== this.code) this.onChoose(code);
  }
}
