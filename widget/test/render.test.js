// Unit tests of the safe rendering helpers (node --test). A tiny stand-in for the DOM records what is built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendLinkified, safeHref, shortLabel, splitSource, trimUrl } from '../src/render.js';

class Node {
  constructor(tag, text = '') {
    this.tag = tag;
    this.textContent = text;
    this.children = [];
  }
  append(...nodes) {
    this.children.push(...nodes);
  }
}

const doc = {
  createElement: (tag) => new Node(tag),
  createTextNode: (text) => new Node('#text', text),
};

function render(text) {
  const root = new Node('span');
  appendLinkified(doc, root, text, '(neuer Tab)');
  return root.children.map((n) => (n.tag === 'a' ? { href: n.href, text: n.textContent } : n.textContent));
}

test('http and https URLs become links, trailing punctuation stays text', () => {
  assert.deepEqual(render('Siehe https://www.dortmund.de/hsu. Oder http://example.org/a_(b)!'), [
    'Siehe ',
    { href: 'https://www.dortmund.de/hsu', text: 'https://www.dortmund.de/hsu' },
    '. Oder ',
    { href: 'http://example.org/a_(b)', text: 'http://example.org/a_(b)' },
    '!',
  ]);
});

test('markup and other schemes stay plain text', () => {
  const text = '<a href="javascript:alert(1)">x</a> javascript:alert(1) data:text/html,<b>x</b> <script>y</script>';
  assert.deepEqual(render(text), [text]);
});

test('a URL inside markup is linked only up to the markup', () => {
  assert.deepEqual(render('<img src="https://evil.example/x.png" onerror=alert(1)>'), [
    '<img src="',
    { href: 'https://evil.example/x.png', text: 'https://evil.example/x.png' },
    '" onerror=alert(1)>',
  ]);
});

test('safeHref accepts only http(s)', () => {
  assert.equal(safeHref('https://dortmund.de/'), 'https://dortmund.de/');
  assert.equal(safeHref('javascript:alert(1)'), null);
  assert.equal(safeHref('not a url'), null);
});

test('trimUrl keeps balanced brackets', () => {
  assert.equal(trimUrl('https://de.wikipedia.org/wiki/Dortmund_(Begriffsklärung))'), 'https://de.wikipedia.org/wiki/Dortmund_(Begriffsklärung)');
  assert.equal(trimUrl('https://dortmund.de/a),'), 'https://dortmund.de/a');
});

test('the source line is split off with its as-of date', () => {
  const { body, source } = splitSource('Antwort.\nZweite Zeile.\n\nQuelle: https://www.dortmund.de/themen/bildung/angebote/sehr-langer-name (Stand: 01.01.2025)');
  assert.equal(body, 'Antwort.\nZweite Zeile.');
  assert.deepEqual(source, {
    href: 'https://www.dortmund.de/themen/bildung/angebote/sehr-langer-name',
    label: 'dortmund.de/…/sehr-langer-name',
    rest: '(Stand: 01.01.2025)',
  });
  assert.equal(splitSource('Quelle: javascript:alert(1)').source, null);
  assert.equal(splitSource('Keine Quelle hier.').source, null);
});

test('short labels for source links', () => {
  assert.equal(shortLabel('https://www.dortmund.de/datenschutz'), 'dortmund.de/datenschutz');
});
