"""What every Districte service uses: event contracts, messaging, persistence, logging, settings."""
