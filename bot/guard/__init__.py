"""Hardening of the Rasa server: typed text stays text, limits, fault answers, redaction, health."""
