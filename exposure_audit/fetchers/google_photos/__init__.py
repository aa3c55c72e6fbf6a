"""Google Takeout, Google Photos: media files and their JSON sidecars, folder by folder."""
