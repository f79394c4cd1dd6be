// Unit tests of the interface texts per language (node --test): fallbacks, {days}, lang of each text.
// Needs src/languages.generated.js, which scripts/setup_widget.sh writes from knowledge/languages/.
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.__RETENTION_DAYS__ = 30; // esbuild puts the number in; here it comes from the global scope
const { STRINGS } = await import('../src/i18n.js');
const { isLanguage, languageOf, markLang, menuLanguages, textsFor, textsOf } = await import('../src/languages.js');

const arabic = {
  code: 'ar',
  name: 'العربية',
  dir: 'rtl',
  htmlLang: 'ar',
  strings: { send: 'إرسال', privacyText: 'تُحذف بعد {days} يومًا.', misspelt: 'x', close: 42 },
};

test('a translated text is used, {days} filled in; the rest is English and says so', () => {
  const t = textsOf(arabic);
  assert.equal(t.send, 'إرسال');
  assert.equal(t.privacyText, 'تُحذف بعد 30 يومًا.');
  assert.equal(t.close, STRINGS.en.close);
  assert.equal(t.placeholder, STRINGS.en.placeholder);
  assert.equal(t.htmlLang, 'ar');
  assert.deepEqual([t.langOf('send'), t.langOf('privacyText'), t.langOf('close')], ['ar', 'ar', 'en']);
  assert.equal(t.misspelt, undefined);
  assert.deepEqual(Object.keys(t).sort(), Object.keys(STRINGS.en).sort());
});

test('Leichte Sprache falls back to German, German and English are built in', () => {
  const easy = { code: 'de-ls', name: 'Leichte Sprache', dir: 'ltr', htmlLang: 'de', strings: {} };
  const t = textsOf(easy);
  assert.equal(t.send, STRINGS.de.send);
  assert.equal(t.langOf('send'), 'de');
  assert.equal(textsFor('de').title, STRINGS.de.title);
  assert.equal(textsFor('en').langOf('title'), 'en');
  assert.equal(textsFor('xx').title, STRINGS.de.title); // unknown: the original language
});

test('the languages come from knowledge/languages/ in menu order', () => {
  assert.equal(menuLanguages()[0].code, 'de'); // position 1
  assert.ok(['de-ls', 'en', 'ar'].every(isLanguage) && !isLanguage('xx'));
  assert.equal(languageOf('ar').dir, 'rtl');
  assert.deepEqual(languageOf('pt-BR'), { code: 'pt-BR', name: 'pt-BR', dir: 'ltr', htmlLang: 'pt-BR', strings: {} });
  assert.equal(languageOf('<script>'), null);
});

test('markLang marks lang, and dir only when the direction differs', () => {
  const attributes = new Map();
  const el = {
    setAttribute: (name, value) => attributes.set(name, value),
    removeAttribute: (name) => attributes.delete(name),
  };
  markLang(el, 'en', 'ar');
  assert.deepEqual(Object.fromEntries(attributes), { lang: 'en', dir: 'ltr' });
  markLang(el, 'en', 'de');
  assert.deepEqual(Object.fromEntries(attributes), { lang: 'en' });
  markLang(el, 'de', 'de');
  assert.deepEqual(Object.fromEntries(attributes), {});
});

test('the host page language picks the widget language, also a region variant of it', async () => {
  const { pickLang } = await import('../src/i18n.js');
  const known = ['de', 'de-ls', 'en', 'tr', 'ar'];
  assert.equal(pickLang(undefined, 'tr-TR', known), 'tr');
  assert.equal(pickLang('ar', 'de', known), 'ar');
  assert.equal(pickLang(undefined, 'fr', known), 'de');
  assert.equal(pickLang(undefined, 'en-GB', known), 'en');
});
