// Storage: the conversation id and its transcript live in localStorage (shared by all tabs of the site, kept as
// long as the server keeps the conversation); what belongs to one tab (panel open, draft) in sessionStorage.
// When the browser blocks storage, both fall back to memory.

export const KEY = 'dortmund-chat:v1:';
const RETENTION_MS = __RETENTION_DAYS__ * 24 * 60 * 60 * 1000; // as long as the server keeps conversations
const MAX_ENTRIES = 200;

const memory = new Map();

/** localStorage (or sessionStorage) that falls back to memory when storage is blocked. */
function storage(kind) {
  return {
    get(key) {
      try {
        return window[kind].getItem(KEY + key);
      } catch (_err) {
        return memory.has(kind + key) ? memory.get(kind + key) : null;
      }
    },
    set(key, value) {
      try {
        window[kind].setItem(KEY + key, value);
      } catch (_err) {
        memory.set(kind + key, value);
      }
    },
    remove(key) {
      try {
        window[kind].removeItem(KEY + key);
      } catch (_err) {
        memory.delete(kind + key);
      }
    },
  };
}

export const local = storage('localStorage');
export const tab = storage('sessionStorage');

/** 32 random hex digits. */
export function randomId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The parsed JSON text, or the fallback when it is empty or no JSON. */
export function readJson(raw, fallback) {
  try {
    return raw ? JSON.parse(raw) : fallback;
  } catch (_err) {
    return fallback;
  }
}

/** A stored transcript as a list of entries (empty when missing or damaged). */
export function parseEntries(raw) {
  const entries = readJson(raw, []);
  return Array.isArray(entries) ? entries : [];
}

/** The conversation this browser takes part in: its id (session) and its transcript (entries). */
export class Conversation {
  /** Loads the saved conversation, or starts one when there is none or it is older than the retention. */
  constructor() {
    this.session = this.loadSession();
    this.entries = parseEntries(local.get('log'));
  }

  /** The saved session while the server still keeps it; else a new one (and the old transcript goes). */
  loadSession() {
    const saved = readJson(local.get('session'), null);
    if (saved && typeof saved.id === 'string' && Date.now() - (saved.updated || 0) < RETENTION_MS) return saved;
    local.remove('log');
    return this.saveSession({ id: randomId(), updated: Date.now() });
  }

  /** Stores the session for every tab and returns it. */
  saveSession(session) {
    local.set('session', JSON.stringify(session));
    return session;
  }

  /** Switches to a session (a new random one when no id is given). */
  startSession(id = randomId()) {
    this.session = this.saveSession({ id, updated: Date.now() });
  }

  /** Notes that the conversation is in use (the retention counts from here). */
  touch() {
    this.session.updated = Date.now();
    this.saveSession(this.session);
  }

  /** Adds an entry to the transcript (the oldest go beyond MAX_ENTRIES) and returns it. */
  record(entry) {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    this.persistLog();
    return entry;
  }

  /** Stores the transcript for every tab. */
  persistLog() {
    local.set('log', JSON.stringify(this.entries));
  }
}
