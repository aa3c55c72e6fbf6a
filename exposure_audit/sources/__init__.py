"""Reading a download in place: zips, folders and in-memory files as one tree, walked without recursion,
with what was not understood sniffed for the person's own content."""
