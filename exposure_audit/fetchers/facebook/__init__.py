"""Facebook "Download Your Information", JSON and HTML, in every layout generation since 2018."""
