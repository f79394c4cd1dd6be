"""How the inbox, check findings and statistics look in the terminal (rich tables and panels)."""

from __future__ import annotations

from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from bot.editor.findings import ERROR, WARNING, Finding
from bot.editor.inbox import Group
from bot.editor.stats import Stats, local_zone, topic_label

SEVERITY_STYLE = {ERROR: "bold red", WARNING: "yellow"}


def when(group: Group) -> str:
    """The newest message's local time."""
    return group.items[0].time.astimezone(local_zone()).strftime("%d.%m.%Y %H:%M")


def guess(group: Group) -> str:
    """The bot's guess with its confidence."""
    newest = group.items[0]
    return f"{newest.guess or '–'} ({newest.confidence:.0%})"


def inbox_table(groups: list[Group]) -> Table:
    """The open inbox as a table, newest first."""
    table = Table(title=f"Offene Nachrichten ({len(groups)} Gruppen)", show_lines=True)
    table.add_column("ID", style="cyan", no_wrap=True)
    table.add_column("Zuletzt", no_wrap=True)
    table.add_column("Anz.", justify="right")
    table.add_column("Frage (ähnliche darunter)")
    table.add_column("Grund")
    table.add_column("Vermutung des Bots")
    for group in groups:
        text = escape(group.text)
        if group.previous:
            text = f"[dim]vorher: {escape(group.previous[:80])}[/dim]\n{text}"
        if group.variants:
            text += "\n" + "\n".join(f"[dim]≈ {escape(variant)}[/dim]" for variant in group.variants[:3])
        if group.answer:
            text += f"\n[dim]Antwort: {escape(group.answer[:160])}…[/dim]"
        table.add_row(
            group.id, when(group), str(len(group.items)), text, ", ".join(group.reasons), guess(group)
        )
    return table


def group_panel(group: Group, number: int, total: int) -> Panel:
    """One inbox group for the interactive review."""
    lines = [f"[dim]vorher gefragt: {escape(group.previous)}[/dim]"] if group.previous else []
    lines.append(f"[bold]{escape(group.text)}[/bold]")
    for variant in group.variants[:5]:
        lines.append(f"  ≈ {escape(variant)}")
    if len(group.variants) > 5:
        lines.append(f"  … und {len(group.variants) - 5} weitere ähnliche")
    lines.append("")
    lines.append(
        f"Grund: {', '.join(group.reasons)}   ·   {len(group.items)}× gefragt, zuletzt {when(group)}"
    )
    lines.append(f"Vermutung des Bots: [cyan]{escape(guess(group))}[/cyan]")
    if group.answer:
        lines.append(f"Antwort des Bots (👎): [dim]{escape(group.answer[:600])}[/dim]")
    return Panel("\n".join(lines), title=f"{number}/{total} · ID {group.id}", title_align="left")


def numbered_menu(title: str, labels: list[str], first: int = 1, columns: int = 3, width: int = 0) -> Table:
    """Choices numbered from `first`, column by column (labels shortened to `width` characters if given)."""
    table = Table(title=title, show_header=False, box=None, padding=(0, 2))
    rows = (len(labels) + columns - 1) // columns
    for _ in range(columns):
        table.add_column()
    for row in range(rows):
        cells = []
        for column in range(columns):
            index = column * rows + row
            label = labels[index] if index < len(labels) else ""
            label = label if not width or len(label) <= width else label[: width - 1] + "…"
            cells.append(f"[cyan]{index + first:>3}[/cyan] {escape(label)}" if index < len(labels) else "")
        table.add_row(*cells)
    return table


def findings_table(findings: list[Finding]) -> Table:
    """Check results: severity, place, problem and what to do."""
    table = Table(title="Prüfergebnis", show_lines=True)
    table.add_column("Art", no_wrap=True)
    table.add_column("Wo", style="cyan")
    table.add_column("Problem")
    table.add_column("Was tun")
    for finding in findings:
        style = SEVERITY_STYLE.get(finding.severity, "dim")
        table.add_row(
            f"[{style}]{finding.severity}[/{style}]",
            finding.place,
            escape(finding.message),
            escape(finding.todo),
        )
    return table


def stats_tables(stats: Stats, top: int) -> list[Table]:
    """Summary, conversations per day and channel, top topics and top answers."""
    summary = Table(title="Überblick", show_header=False)
    summary.add_column()
    summary.add_column(justify="right")
    summary.add_row("Gespräche", str(sum(stats.conversations.values())))
    summary.add_row("Nachrichten von Bürgerinnen und Bürgern", str(stats.messages))
    summary.add_row("nicht verstanden (Fallback-Quote)", f"{stats.fallbacks} ({stats.fallback_rate:.1%})")
    summary.add_row("unklare Eingaben", str(stats.unclear))
    share = stats.thumbs_up_share
    ratio = f"{stats.thumbs_up} : {stats.thumbs_down}" + (
        f" ({share:.0%} hilfreich)" if share is not None else ""
    )
    summary.add_row("Bewertungen 👍 : 👎", ratio)

    per_day = Table(title="Gespräche pro Tag und Kanal")
    per_day.add_column("Tag")
    for channel in stats.channels:
        per_day.add_column(channel, justify="right")
    per_day.add_column("gesamt", justify="right", style="bold")
    for day in stats.days:
        counts = [stats.conversations[(day, channel)] for channel in stats.channels]
        per_day.add_row(day.strftime("%d.%m.%Y"), *map(str, counts), str(sum(counts)))

    topics = Table(title=f"Häufigste Themen (Top {top})")
    topics.add_column("Thema (Absicht)")
    topics.add_column("Nachrichten", justify="right")
    topics.add_column("Anteil", justify="right")
    for intent, count in stats.intents.most_common(top):
        topics.add_row(topic_label(intent), str(count), f"{count / stats.messages:.0%}")
    return [summary, per_day, topics, top_answers_table(stats, top)]


def top_answers_table(stats: Stats, top: int) -> Table:
    """The most sent answers (knowledge entries) with the 👍 and 👎 they got."""
    table = Table(title=f"Häufigste Antworten (Top {top})")
    table.add_column("Antwort (Eintrag)")
    for name in ("gesendet", "👍", "👎"):
        table.add_column(name, justify="right")
    for entry, count, up, down in stats.top_answers(top):
        table.add_row(entry, str(count), str(up), str(down))
    return table
