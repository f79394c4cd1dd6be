"""Dortmund citizen-information bot."""
