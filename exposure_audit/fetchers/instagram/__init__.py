"""Instagram "Download your information": JSON in every layout generation, and HTML."""

from exposure_audit.fetchers.instagram.fetcher import InstagramFetcher

FETCHER = InstagramFetcher
