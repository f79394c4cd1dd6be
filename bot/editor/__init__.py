"""Tools for the city's editors: review inbox, data checks, evaluation, retraining and usage statistics."""
