// Connection: Rasa's Socket.IO channel. The widget asks for its conversation (session_request), the server
// confirms it (session_confirm, possibly with an id of its own), then messages go out as user_uttered and come
// back as bot_uttered.

import { io } from 'socket.io-client';
import { languageOf } from './languages.js';
import { safeHref } from './render.js';

/** One Socket.IO connection to the Rasa server; socket.io reconnects by itself. */
export class Connection {
  /** handlers: sessionId() (the conversation to ask for), onState(state), onConfirm(id), onMessage(message). */
  constructor(config, handlers) {
    this.cfg = config;
    this.handlers = handlers;
    this.socket = null;
  }

  /** True while the socket is connected. */
  get connected() {
    return Boolean(this.socket && this.socket.connected);
  }

  /** Opens the socket (once) and asks for the conversation whenever it (re)connects. */
  connect() {
    if (this.socket) return;
    const { onState, onConfirm, onMessage, sessionId } = this.handlers;
    onState('connecting');
    this.socket = io(this.cfg.server, {
      path: this.cfg.socketPath,
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
      timeout: 8000,
    });
    this.socket.on('connect', () => this.socket.emit('session_request', { session_id: sessionId() }));
    this.socket.on('session_confirm', (confirmed) => {
      onConfirm(typeof confirmed === 'string' ? confirmed : confirmed && confirmed.session_id);
      onState('online');
    });
    this.socket.on('bot_uttered', (message) => onMessage(message));
    this.socket.on('disconnect', (reason) => {
      onState('offline');
      // After a disconnect by the server socket.io does not retry by itself.
      if (reason === 'io server disconnect') setTimeout(() => this.socket.connect(), 1000);
    });
    this.socket.on('connect_error', () => onState('offline'));
  }

  /** Asks for another conversation (a new one, or the one another tab switched to). */
  requestSession(id) {
    if (this.connected) this.socket.emit('session_request', { session_id: id });
  }

  /** Sends a resident's message: {message} (typed) or {payload} (a control), with the session id. */
  send(data) {
    this.socket.emit('user_uttered', data);
  }
}

/** Quick replies of a bot message that have a title and a payload (Rasa sends quick_replies or buttons). */
function normaliseButtons(list) {
  if (!Array.isArray(list)) return [];
  return list
    .filter((b) => b && typeof b.title === 'string' && typeof b.payload === 'string')
    .map((b) => ({ title: b.title, payload: b.payload }));
}

/** A bot_uttered message as a transcript entry (text, buttons, image, language); null if it shows nothing. */
export function botEntry(message) {
  const entry = {
    from: 'bot',
    text: typeof message.text === 'string' ? message.text : '',
    buttons: normaliseButtons(message.quick_replies || message.buttons),
    lang: languageOf(message.lang) ? message.lang : null, // bot.channels.socketio sends the message's language
  };
  const attachment = message.attachment;
  if (typeof attachment === 'string') entry.image = safeHref(attachment);
  else if (attachment && attachment.type === 'image' && attachment.payload) {
    entry.image = safeHref(attachment.payload.src || '');
  }
  return entry.text || entry.buttons.length || entry.image ? entry : null;
}
