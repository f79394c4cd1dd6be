"""Channel fixes for the Rasa server."""
