"""What the platforms' readers share: guarded JSON, CSV and HTML reading, dates, Meta records and signatures."""
