"""SQLAlchemy models of the knowledge base (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of all knowledge-base tables."""


class Topic(Base):
    """One topic, read from one file knowledge/<slug>.yml and answered for one Rasa intent."""

    __tablename__ = "kb_topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    intent: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(80))
    official_url: Mapped[str] = mapped_column(String(500))
    # The title in other languages: {"en": "Heritage language classes (HSU)"}.
    title_translations: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)

    entries: Mapped[list[Entry]] = relationship(
        back_populates="topic", cascade="all, delete-orphan", order_by="Entry.id"
    )
    entities: Mapped[list[EntityValue]] = relationship(
        back_populates="topic", cascade="all, delete-orphan", order_by="EntityValue.id"
    )

    def __repr__(self) -> str:
        """Short form for logs and test output."""
        return f"Topic({self.slug!r})"


class Entry(Base):
    """One answer of a topic; its facet (overview, deadline, ...) is unique within the topic."""

    __tablename__ = "kb_entry"
    __table_args__ = (UniqueConstraint("topic_id", "facet"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("kb_topic.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    facet: Mapped[str] = mapped_column(String(64))
    question: Mapped[str] = mapped_column(String(200))
    examples: Mapped[list[str]] = mapped_column(JSON)
    answer: Mapped[str] = mapped_column(Text)
    source_url: Mapped[str] = mapped_column(String(500))
    more_sources: Mapped[list[str]] = mapped_column(JSON)
    # A day, a month or a year as the source gives it: "2025-09-13", "2025-09" or "2025".
    as_of: Mapped[str | None] = mapped_column(String(10))
    review_by: Mapped[date | None] = mapped_column(Date)
    uncertain: Mapped[str | None] = mapped_column(Text)
    about: Mapped[str | None] = mapped_column(String(100))

    topic: Mapped[Topic] = relationship(back_populates="entries")
    translations: Mapped[list[EntryTranslation]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="EntryTranslation.language"
    )

    def translation(self, language: str) -> EntryTranslation | None:
        """The text in this language, if there is one."""
        return next((item for item in self.translations if item.language == language), None)

    def __repr__(self) -> str:
        """Short form for logs and test output."""
        return f"Entry({self.slug!r})"


class EntryTranslation(Base):
    """An entry's text in another language; `reviewed` once an editor has approved it."""

    __tablename__ = "kb_entry_translation"
    __table_args__ = (UniqueConstraint("entry_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("kb_entry.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(12))
    question: Mapped[str | None] = mapped_column(String(200))
    answer: Mapped[str] = mapped_column(Text)
    uncertain: Mapped[str | None] = mapped_column(Text)
    reviewed: Mapped[bool]

    entry: Mapped[Entry] = relationship(back_populates="translations")

    def __repr__(self) -> str:
        """Short form for logs and test output."""
        return f"EntryTranslation({self.language!r})"


class EntityValue(Base):
    """A value the bot recognises in messages (language, district, ...) and whether its topic covers it."""

    __tablename__ = "kb_entity_value"
    __table_args__ = (UniqueConstraint("kind", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("kb_topic.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(100))
    aliases: Mapped[list[str]] = mapped_column(JSON)
    covered: Mapped[bool]

    topic: Mapped[Topic] = relationship(back_populates="entities")

    def __repr__(self) -> str:
        """Short form for logs and test output."""
        return f"EntityValue({self.kind!r}, {self.value!r})"


class LoadInfo(Base):
    """One successful load of the knowledge files (a row per load, newest last)."""

    __tablename__ = "kb_load_info"

    id: Mapped[int] = mapped_column(primary_key=True)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    files: Mapped[int]
    topics: Mapped[int]
    entries: Mapped[int]
    entity_values: Mapped[int]
