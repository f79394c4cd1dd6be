"""The gateway's own texts: German and English here, other languages from knowledge/languages/ (section
`telegram`); everything else the user reads comes from Rasa."""

from bot.language import in_all_languages
from bot.settings import PRIVACY_PAGE, RETENTION_DAYS, Settings

CITY_CONTACT_URL = "https://www.dortmund.de"
PRIVACY_URL = Settings().public_url.rstrip("/") + PRIVACY_PAGE

WELCOME = {
    "de": "Willkommen beim Chatbot der Stadt Dortmund! Ich beantworte Fragen zu Integration und "
    "internationalen Themen, zum Beispiel zum Herkunftssprachlichen Unterricht (HSU), zum "
    "Integrationsrat, zu Förderprogrammen oder zur IGA 2027. "
    "Schreiben Sie Ihre Frage einfach als Nachricht.\n\n"
    "Datenschutz: Gespeichert werden nur Ihre Nachrichtentexte und die Antworten, unter einer "
    f"pseudonymen Kennung und für {RETENTION_DAYS} Tage. Ihr Name, Ihr Benutzername und Ihre Telegram-ID "
    "werden nicht gespeichert. Bitte schreiben Sie keine persönlichen Daten wie Adresse, Telefonnummer oder "
    f"Bankverbindung in den Chat. Mehr dazu: {PRIVACY_URL}\n\n"
    "/hilfe – was ich weiß\n/datenschutz – Hinweise zum Datenschutz\n/neu – neues Gespräch beginnen\n"
    "/sprache – Sprache wählen (Türkçe, العربية, Українська, Русский, Polski, English, Leichte Sprache)",
    "en": "Welcome to the chatbot of the City of Dortmund! I answer questions about integration and "
    "international topics, for example heritage language classes (HSU), the Integration Council, "
    "funding programmes or the IGA 2027. Just write your question as a message.\n\n"
    "Privacy: only the texts of your messages and the answers are stored, under a pseudonymous "
    f"identifier and for {RETENTION_DAYS} days. Your name, user name and Telegram ID are not stored. "
    "Please do not write personal data such as your address, phone number or bank details in the chat. "
    f"More: {PRIVACY_URL}"
    "\n\n/help – what I know\n/datenschutz – privacy notice\n/neu – start a new conversation\n"
    "/language – choose the language",
}
NEW_CONVERSATION = {
    "de": "Ein neues Gespräch hat begonnen. Was möchten Sie wissen?",
    "en": "A new conversation has started. What would you like to know?",
}
UNSUPPORTED = {
    "de": "Ich kann bisher nur Textnachrichten lesen. Bitte schreiben Sie Ihre Frage als Text.",
    "en": "So far I can only read text messages. Please write your question as text.",
}
UNKNOWN_COMMAND = {
    "de": "Diesen Befehl kenne ich nicht. Ich verstehe /start, /hilfe, /datenschutz, /neu und /sprache.",
    "en": "I do not know this command. I understand /start, /help, /datenschutz, /neu and /language.",
}
SLOW_DOWN = {
    "de": "Bitte etwas langsamer – Sie haben mir sehr viele Nachrichten auf einmal geschickt. "
    "Ich beantworte Ihre nächste Nachricht in ein paar Sekunden wieder.",
    "en": "Please slow down – you sent me a lot of messages at once. "
    "I will answer your next message again in a few seconds.",
}
UNAVAILABLE = {
    "de": "Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal. "
    f"Informationen und Kontakt der Stadt Dortmund: {CITY_CONTACT_URL}",
    "en": "The service cannot be reached right now. Please try again later. "
    f"Information and contact of the City of Dortmund: {CITY_CONTACT_URL}",
}
NO_ANSWER = {
    "de": "Darauf habe ich leider keine Antwort. Mit /hilfe sehen Sie, wobei ich helfen kann.",
    "en": "I am afraid I have no answer to that. /help shows what I can help with.",
}
CHOOSE = {"de": "Bitte wählen Sie:", "en": "Please choose:"}
BUTTON_EXPIRED = {
    "de": "Diese Auswahl ist abgelaufen. Bitte stellen Sie Ihre Frage noch einmal.",
    "en": "This choice has expired. Please ask your question again.",
}
# The command menu (command: description); other languages name their menu in `telegram: COMMANDS:`.
COMMANDS = {
    "de": {
        "hilfe": "Was ich weiß",
        "datenschutz": "Hinweise zum Datenschutz",
        "neu": "Neues Gespräch beginnen",
        "sprache": "Sprache wählen / Language",
    },
    "en": {
        "help": "What I know",
        "datenschutz": "Privacy notice",
        "neu": "Start a new conversation",
        "language": "Choose the language",
    },
}


def _with_language_files(name: str, builtin: dict[str, str]) -> dict[str, str]:
    """The texts of `name` in every language; the values written as {RETENTION_DAYS} etc. are filled in."""
    values = {
        "RETENTION_DAYS": RETENTION_DAYS,
        "PRIVACY_URL": PRIVACY_URL,
        "CITY_CONTACT_URL": CITY_CONTACT_URL,
    }
    texts = in_all_languages("telegram", name, builtin)
    for code, text in texts.items():
        for key, value in values.items():
            text = text.replace("{" + key + "}", str(value))
        texts[code] = text
    return texts


WELCOME = _with_language_files("WELCOME", WELCOME)
NEW_CONVERSATION = _with_language_files("NEW_CONVERSATION", NEW_CONVERSATION)
UNSUPPORTED = _with_language_files("UNSUPPORTED", UNSUPPORTED)
UNKNOWN_COMMAND = _with_language_files("UNKNOWN_COMMAND", UNKNOWN_COMMAND)
SLOW_DOWN = _with_language_files("SLOW_DOWN", SLOW_DOWN)
UNAVAILABLE = _with_language_files("UNAVAILABLE", UNAVAILABLE)
NO_ANSWER = _with_language_files("NO_ANSWER", NO_ANSWER)
CHOOSE = _with_language_files("CHOOSE", CHOOSE)
BUTTON_EXPIRED = _with_language_files("BUTTON_EXPIRED", BUTTON_EXPIRED)
COMMANDS = in_all_languages("telegram", "COMMANDS", COMMANDS)
