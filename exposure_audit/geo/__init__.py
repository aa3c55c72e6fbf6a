"""Location: EXIF containers, distances, clustering, home/work/routine inference, place names, the map."""
