"""Photos as files: metadata read from every container (EXIF, XMP, TIFF directories), cleaned copies
without GPS, and the vision stage that looks for uniforms and badges."""
