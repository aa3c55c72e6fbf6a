"""Text shared by the fetchers and the rules: what the person shared from someone else or the platform sent."""
