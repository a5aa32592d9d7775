"""How notifications are reached: the census consumer and request-reply queries."""
