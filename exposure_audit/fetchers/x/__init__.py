"""X (Twitter) archives: `data/*.js` files behind `window.YTD` assignments, listed by `manifest.js`."""

from exposure_audit.fetchers.x.fetcher import XArchiveFetcher

FETCHER = XArchiveFetcher
