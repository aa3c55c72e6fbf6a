"""X (Twitter) archives: `data/*.js` files behind `window.YTD` assignments, listed by `manifest.js`."""
