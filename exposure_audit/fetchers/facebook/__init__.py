"""Facebook "Download Your Information", JSON and HTML, in every layout generation since 2018."""

from exposure_audit.fetchers.facebook.fetcher import FacebookFetcher

FETCHER = FacebookFetcher
