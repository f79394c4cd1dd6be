"""`make shell`: chat with the bot in the terminal over the REST channel."""

from __future__ import annotations

import argparse
import uuid

import httpx


def ask(client: httpx.Client, url: str, sender: str, text: str) -> list[str]:
    """Send one message and return the bot's replies as lines, buttons included."""
    lines = []
    for message in client.post(url, json={"sender": sender, "message": text}, timeout=60).json():
        if message.get("text"):
            lines.append(message["text"])
        for button in message.get("buttons") or []:
            lines.append(f"  [{button['title']}] -> {button['payload']}")
    return lines


def main() -> None:
    """Read questions until an empty line after 'exit' or Ctrl-D."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:5005/webhooks/rest/webhook")
    args = parser.parse_args()
    sender = f"shell-{uuid.uuid4().hex[:8]}"
    print("Fragen Sie den Dortmund-Bot (Ende mit 'exit' oder Strg-D).")
    with httpx.Client() as client:
        while True:
            try:
                text = input("Sie: ")
            except EOFError:
                break
            if text.strip() in {"exit", "quit"}:
                break
            for line in ask(client, args.url, sender, text) or ["(keine Antwort)"]:
                print(f"Bot: {line}")


if __name__ == "__main__":
    main()
