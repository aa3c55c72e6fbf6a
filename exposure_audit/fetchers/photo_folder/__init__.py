"""Plain photo folders (a camera roll copied to disk, or zipped): one PHOTO item per image."""
