// The widget's languages and interface texts. Which languages there are (code, name in itself, dir, htmlLang)
// and their texts come from knowledge/languages/ (languages.generated.js, written by bot.widget_languages);
// German and English texts are built in (i18n.js). A language takes each text it lacks from German when it is
// a form of German (Leichte Sprache), else from English; such a text keeps the lang of the language it is in.

import { STRINGS } from './i18n.js';
import { LANGUAGES, ORIGINAL_LANGUAGE } from './languages.generated.js';

export { ORIGINAL_LANGUAGE };

const BY_CODE = new Map(LANGUAGES.map((language) => [language.code, language]));
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;
const DAYS = '{days}';

/** Every language of the menu, in menu order. */
export function menuLanguages() {
  return LANGUAGES;
}

/** True for the code of a language of the menu. */
export function isLanguage(code) {
  return BY_CODE.has(code);
}

/** The language of a code: one of the menu, or a well-formed tag as itself (left to right); else null. */
export function languageOf(code) {
  if (BY_CODE.has(code)) return BY_CODE.get(code);
  if (typeof code === 'string' && LANGUAGE_TAG.test(code)) {
    return { code, name: code, dir: 'ltr', htmlLang: code, strings: {} };
  }
  return null;
}

/** The texts a language has of its own: only names the English texts have, {days} filled in. */
function ownTexts(language) {
  const own = {};
  for (const [key, text] of Object.entries(language.strings || {})) {
    if (typeof text !== 'string' || !(key in STRINGS.en)) continue;
    own[key] = text.split(DAYS).join(String(__RETENTION_DAYS__));
  }
  return own;
}

/** The interface texts of a language of the menu (the original language's for an unknown code). */
export function textsFor(code) {
  return textsOf(BY_CODE.get(code) || BY_CODE.get(ORIGINAL_LANGUAGE));
}

/** The interface texts of a language by name; t.htmlLang is its lang, t.langOf(name) that of one text. */
export function textsOf(language) {
  const htmlLang = language.htmlLang;
  const fallback = STRINGS[language.code] ? language.code : STRINGS[htmlLang] ? htmlLang : 'en';
  const own = STRINGS[language.code] ? {} : ownTexts(language);
  const t = { ...STRINGS[fallback], ...own };
  const fallbackLang = languageOf(fallback).htmlLang;
  Object.defineProperty(t, 'htmlLang', { value: htmlLang });
  Object.defineProperty(t, 'langOf', { value: (key) => (key in own ? htmlLang : fallbackLang) });
  return t;
}

/** The writing direction of a lang attribute's value (left to right unless a language of the menu says not). */
export function directionOf(htmlLang) {
  const language = LANGUAGES.find((item) => item.htmlLang === htmlLang);
  return language ? language.dir : 'ltr';
}

/** Marks an element's language (and direction) when it differs from the one it is in; else it inherits. */
export function markLang(el, lang, context) {
  const differs = Boolean(lang) && lang !== context;
  if (differs) el.setAttribute('lang', lang);
  else el.removeAttribute('lang');
  // An English text in the Arabic interface keeps its punctuation where it belongs (styles.css aligns it).
  if (differs && directionOf(lang) !== directionOf(context)) el.setAttribute('dir', directionOf(lang));
  else el.removeAttribute('dir');
}
