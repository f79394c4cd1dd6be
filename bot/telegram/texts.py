"""The gateway's own German texts (everything else the user reads comes from Rasa)."""

from bot.settings import PRIVACY_PAGE, RETENTION_DAYS, Settings

CITY_CONTACT_URL = "https://www.dortmund.de"
PRIVACY_URL = Settings().public_url.rstrip("/") + PRIVACY_PAGE

WELCOME = (
    "Willkommen beim Chatbot der Stadt Dortmund! Ich beantworte Fragen zu Integration und "
    "internationalen Themen, zum Beispiel zum Herkunftssprachlichen Unterricht (HSU), zum "
    "Integrationsrat, zu Förderprogrammen oder zur IGA 2027. "
    "Schreiben Sie Ihre Frage einfach als Nachricht.\n\n"
    "Datenschutz: Gespeichert werden nur Ihre Nachrichtentexte und die Antworten, unter einer "
    f"pseudonymen Kennung und für {RETENTION_DAYS} Tage. Ihr Name, Ihr Benutzername und Ihre "
    "Telegram-ID werden nicht gespeichert. Bitte schreiben Sie keine persönlichen Daten wie Adresse, "
    f"Telefonnummer oder Bankverbindung in den Chat. Mehr dazu: {PRIVACY_URL}\n\n"
    "/hilfe – was ich weiß\n/datenschutz – Hinweise zum Datenschutz\n/neu – neues Gespräch beginnen"
)
NEW_CONVERSATION = "Ein neues Gespräch hat begonnen. Was möchten Sie wissen?"
UNSUPPORTED = "Ich kann bisher nur Textnachrichten lesen. Bitte schreiben Sie Ihre Frage als Text."
UNKNOWN_COMMAND = "Diesen Befehl kenne ich nicht. Ich verstehe /start, /hilfe, /datenschutz und /neu."
SLOW_DOWN = (
    "Bitte etwas langsamer – Sie haben mir sehr viele Nachrichten auf einmal geschickt. "
    "Ich beantworte Ihre nächste Nachricht in ein paar Sekunden wieder."
)
UNAVAILABLE = (
    "Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal. "
    f"Informationen und Kontakt der Stadt Dortmund: {CITY_CONTACT_URL}"
)
NO_ANSWER = "Darauf habe ich leider keine Antwort. Mit /hilfe sehen Sie, wobei ich helfen kann."
CHOOSE = "Bitte wählen Sie:"
BUTTON_EXPIRED = "Diese Auswahl ist abgelaufen. Bitte stellen Sie Ihre Frage noch einmal."
