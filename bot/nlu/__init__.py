"""Custom NLU components and input checks."""
