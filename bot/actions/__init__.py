"""Custom actions: one module per topic, answered from the knowledge base."""
