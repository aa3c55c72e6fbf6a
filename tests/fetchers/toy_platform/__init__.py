"""A toy platform for tests: the "Add a platform" recipe of CONTRIBUTING.md, followed once.

Its download is one file, `toy_notes.txt`, one post per line. It is registered only by the test
that uses it (`tests/fetchers/test_add_a_platform.py`).
"""
