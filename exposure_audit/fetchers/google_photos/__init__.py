"""Google Takeout, Google Photos: media files and their JSON sidecars, folder by folder."""

from exposure_audit.fetchers.google_photos.fetcher import GooglePhotosFetcher

FETCHER = GooglePhotosFetcher
