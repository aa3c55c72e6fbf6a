"""Plain photo folders (a camera roll copied to disk, or zipped): one PHOTO item per image."""

from exposure_audit.fetchers.photo_folder.fetcher import PhotoFolderFetcher

FETCHER = PhotoFolderFetcher
