"""The structured knowledge base: models, loader and queries."""
