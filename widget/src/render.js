// Safe rendering helpers: every piece of text becomes a text node; only http(s) URLs become links.

const URL_RE = /https?:\/\/[^\s<>"'`]+/gi;
const SOURCE_RE = /^\s*(Quelle|Source)\s*:\s*(https?:\/\/\S+?)[.,;]?(\s+.*)?\s*$/i;

/** Returns the URL if it is a well-formed http(s) URL, else null. */
export function safeHref(candidate) {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch (_err) {
    return null;
  }
}

/** Cuts trailing punctuation (and an unbalanced closing bracket) off a URL found in running text. */
export function trimUrl(raw) {
  let url = raw.replace(/[.,;:!?…»“”"']+$/u, '');
  while (/[)\]]$/.test(url)) {
    const open = url.endsWith(')') ? '(' : '[';
    const close = url.slice(-1);
    if (url.split(open).length >= url.split(close).length) break;
    url = url.slice(0, -1).replace(/[.,;:!?]+$/, '');
  }
  return url;
}

/** Builds a link element that opens in a new tab and says so to screen readers. */
export function makeLink(doc, href, label, newTabHint) {
  const a = doc.createElement('a');
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.textContent = label;
  const hint = doc.createElement('span');
  hint.className = 'sr-only';
  hint.textContent = ` ${newTabHint}`;
  a.append(hint);
  return a;
}

/** Appends text to parent, turning http(s) URLs into links; nothing is ever parsed as HTML. */
export function appendLinkified(doc, parent, text, newTabHint) {
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    const url = trimUrl(match[0]);
    const href = safeHref(url);
    if (!href) continue;
    parent.append(doc.createTextNode(text.slice(last, match.index)));
    parent.append(makeLink(doc, href, url, newTabHint));
    last = match.index + url.length;
  }
  parent.append(doc.createTextNode(text.slice(last)));
}

/** A readable link text for a long URL: host, an ellipsis and the last path segment. */
export function shortLabel(href) {
  const url = new URL(href);
  const host = url.hostname.replace(/^www\./, '');
  const segments = url.pathname.split('/').filter(Boolean);
  const full = host + url.pathname.replace(/\/$/, '');
  if (full.length <= 48 || segments.length < 2) return full;
  return `${host}/…/${segments[segments.length - 1]}`;
}

/** Splits a trailing "Quelle: https://… (Stand: …)" line off a bot text. */
export function splitSource(text) {
  const lines = text.replace(/\s+$/, '').split('\n');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    if (!lines[i].trim()) continue;
    const m = SOURCE_RE.exec(lines[i]);
    if (!m) break;
    const url = trimUrl(m[2]);
    const href = safeHref(url);
    if (!href) break;
    return {
      body: lines.slice(0, i).join('\n').replace(/\s+$/, ''),
      source: { href, label: shortLabel(href), rest: (m[3] || '').trim() },
    };
  }
  return { body: text, source: null };
}
