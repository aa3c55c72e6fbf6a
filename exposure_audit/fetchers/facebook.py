"""Facebook "Download Your Information" (JSON) fetcher. Being written; see issue 2."""

from __future__ import annotations

import re

from exposure_audit.archive import Tree
from exposure_audit.fetchers.base import Fetcher, Marker, Task
from exposure_audit.model import Platform


class FacebookFetcher(Fetcher):
    platform = Platform.FACEBOOK
    markers = (
        Marker("profile_information.json", re.compile(r"(^|/)profile_information\.json$")),
    )

    def plan(self, tree: Tree) -> list[Task]:
        return []
