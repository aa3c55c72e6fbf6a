"""Instagram "Download your information": JSON in every layout generation, and HTML."""
