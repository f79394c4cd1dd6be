"""The editors' web console: inbox, answers, training, statistics and accounts in the browser."""
