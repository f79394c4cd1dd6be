// Interface texts. German by default, English when the host page (or data-lang) says "en".

// The chat's own privacy page, served by the same server as the widget (bot/web.py).
export const PRIVACY_PATH = '/datenschutz';

const de = {
  title: 'Chat der Stadt Dortmund',
  subtitle: 'Automatische Antworten eines Chatbots',
  launcher: 'Fragen? Chat öffnen',
  close: 'Chat schließen',
  newConversation: 'Neues Gespräch',
  newConversationLabel: 'Neues Gespräch beginnen (der bisherige Verlauf wird gelöscht)',
  log: 'Chatverlauf',
  you: 'Sie:',
  bot: 'Chatbot:',
  inputLabel: 'Ihre Nachricht',
  placeholder: 'Ihre Frage, z. B. „Was ist HSU?“',
  send: 'Senden',
  typing: 'Der Chatbot schreibt …',
  statusConnecting: 'Verbinde …',
  statusOnline: 'Verbunden',
  statusOffline: 'Offline',
  offline:
    'Keine Verbindung zum Chat. Wir versuchen es automatisch weiter. Ihr Text im Eingabefeld bleibt erhalten.',
  reconnected: 'Wieder verbunden. Sie können weiterschreiben.',
  notSent:
    'Nicht gesendet: Es besteht gerade keine Verbindung. Ihr Text bleibt im Eingabefeld – bitte senden Sie ihn erneut, sobald „Verbunden“ angezeigt wird.',
  noAnswer: 'Es kam keine Antwort. Bitte versuchen Sie es noch einmal.',
  source: 'Quelle:',
  newTab: '(öffnet in neuem Tab)',
  image: 'Bild öffnen',
  feedbackGroup: 'War diese Antwort hilfreich?',
  feedbackUp: 'Hilfreich',
  feedbackDown: 'Nicht hilfreich',
  feedbackThanks: 'Danke, Ihre Bewertung wurde gesendet.',
  privacyHeading: 'Hinweis zum Datenschutz',
  privacyText:
    `Dieser Chat wird von einem Computerprogramm beantwortet. Gespeichert werden Ihre Nachrichten und die Antworten unter einer zufälligen Gesprächsnummer, ${__RETENTION_DAYS__} Tage lang; danach werden sie gelöscht. Ihr Browser merkt sich die Gesprächsnummer und den Verlauf, bis Sie „Neues Gespräch“ wählen. Bitte geben Sie keine persönlichen Daten wie Name, Adresse oder Aktenzeichen ein.`,
  privacyMore: 'Mehr dazu in der',
  privacyLink: 'Datenschutzhinweisen dieses Chats',
  privacyLinkLang: 'de',
  privacyLinkHint: '',
  privacyAck: 'Verstanden – Chat starten',
  privacyShort: 'Datenschutz',
};

const en = {
  title: 'City of Dortmund chat',
  subtitle: 'Automatic answers from a chatbot',
  launcher: 'Questions? Open chat',
  close: 'Close chat',
  newConversation: 'New conversation',
  newConversationLabel: 'Start a new conversation (the current history is deleted)',
  log: 'Chat history',
  you: 'You:',
  bot: 'Chatbot:',
  inputLabel: 'Your message',
  placeholder: 'Your question, e.g. “What is HSU?”',
  send: 'Send',
  typing: 'The chatbot is typing …',
  statusConnecting: 'Connecting …',
  statusOnline: 'Connected',
  statusOffline: 'Offline',
  offline: 'No connection to the chat. We keep retrying automatically. The text you typed is kept.',
  reconnected: 'Connected again. You can continue.',
  notSent:
    'Not sent: there is no connection right now. Your text stays in the input field – please send it again once “Connected” is shown.',
  noAnswer: 'No answer arrived. Please try again.',
  source: 'Source:',
  newTab: '(opens in a new tab)',
  image: 'Open image',
  feedbackGroup: 'Was this answer helpful?',
  feedbackUp: 'Helpful',
  feedbackDown: 'Not helpful',
  feedbackThanks: 'Thank you, your rating was sent.',
  privacyHeading: 'Privacy notice',
  privacyText:
    `This chat is answered by a computer program. Your messages and the answers are stored under a random conversation number for ${__RETENTION_DAYS__} days and then deleted. Your browser keeps the conversation number and the history until you choose “New conversation”. Please do not enter personal data such as your name, address or file number.`,
  privacyMore: 'More in the',
  privacyLink: 'Datenschutzhinweise dieses Chats',
  privacyLinkLang: 'de',
  privacyLinkHint: ' (privacy notice of this chat, in German)',
  privacyAck: 'Understood – start chat',
  privacyShort: 'Privacy',
};

export const STRINGS = { de, en };

/** Picks one of the `known` languages: data-lang wins, then the host page's lang attribute; else German. */
export function pickLang(dataLang, pageLang, known = ['de', 'en']) {
  const wanted = (dataLang || pageLang || 'de').toLowerCase();
  // "tr-TR" on a Turkish page is Turkish; a language the widget does not have is German.
  return known.find((code) => code === wanted) || known.find((code) => wanted.split('-')[0] === code) || 'de';
}
