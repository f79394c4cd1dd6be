"""Entry point: `python -m bot.editor <command>`."""

from bot.editor.cli import main

if __name__ == "__main__":
    main()
