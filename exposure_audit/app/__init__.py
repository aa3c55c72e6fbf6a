"""`exposure-audit app`: the whole audit in a page of the person's own browser, served on 127.0.0.1.

The same engine, reporters and strip-gps code as the command line, behind a local server hardened
against other web pages (`security.py`). Modules: `server` (socket, uvicorn, life), `routes`,
`state` (the one scan and its files), `uploads`, `inputs` (ids for downloads, the Downloads folder),
`settings`, `job` (the scan thread and its phases), `ticks`, `exports`, `pages` and `static/`.
"""
