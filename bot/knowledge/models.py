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
    keywords: Mapped[list[str]] = mapped_column(JSON)
    answer: Mapped[str] = mapped_column(Text)
    source_url: Mapped[str] = mapped_column(String(500))
    as_of: Mapped[date | None] = mapped_column(Date, nullable=True)
    uncertain: Mapped[str | None] = mapped_column(Text)

    topic: Mapped[Topic] = relationship(back_populates="entries")

    def __repr__(self) -> str:
        """Short form for logs and test output."""
        return f"Entry({self.slug!r})"


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
