"""Per-platform steps to find an item or setting, read from `exposure_audit/data/platform_steps.toml`.

The steps live in a data file because the apps move their menus more often than this program
changes; see the file's header for its layout.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

STEPS_RESOURCE = "platform_steps.toml"
_MAX_INCLUDE_DEPTH = 4


@dataclass(frozen=True, slots=True)
class PlatformSteps:
    checked: str  # when the steps were last checked against the apps
    labels: dict[str, str]
    steps: dict[str, dict[str, tuple[str, ...]]]  # platform -> target key -> steps

    def label(self, platform: str) -> str:
        return self.labels.get(platform) or platform.replace("-", " ").title()

    def for_target(self, platform: str, target: str, field: str = "") -> tuple[str, ...]:
        """Steps for a target on a platform: field variant, then target, then the default's."""
        found = self._lookup(platform, target, field)
        if found is None:
            found = self._lookup(platform, "generic", "") or ()
        return found

    def _lookup(self, platform: str, target: str, field: str) -> tuple[str, ...] | None:
        for where in (platform, "default"):
            table = self.steps.get(where, {})
            for key in ((f"{target}.{field}",) if field else ()) + (target,):
                if key in table:
                    return self._expand(table[key], self.label(platform), 0)
        return None

    def _expand(self, steps: tuple[str, ...], label: str, depth: int) -> tuple[str, ...]:
        out: list[str] = []
        for step in steps:
            if step.startswith("@"):
                if depth >= _MAX_INCLUDE_DEPTH:
                    continue  # an include cycle: its steps are already in the list
                platform, _, key = step[1:].partition(".")
                included = self.steps.get(platform, {}).get(key, ())
                inner_label = label if platform == "default" else self.label(platform)
                out.extend(self._expand(included, inner_label, depth + 1))
            else:
                out.append(step.replace("{platform}", label))
        return tuple(dict.fromkeys(out))


def parse_steps(table: dict[str, Any]) -> PlatformSteps:
    labels: dict[str, str] = {}
    steps: dict[str, dict[str, tuple[str, ...]]] = {}
    platforms = table.get("platforms", {})
    for name, entry in platforms.items():
        if not isinstance(entry, dict):
            raise ValueError(f"platforms.{name} must be a table")
        labels[name] = str(entry.get("label", ""))
        raw_steps = entry.get("steps", {})
        steps[name] = {}
        for key, value in raw_steps.items():
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"platforms.{name}.steps.{key} must be a list of strings")
            steps[name][key] = tuple(value)
    return PlatformSteps(checked=str(table.get("checked", "")), labels=labels, steps=steps)


@lru_cache(maxsize=1)
def platform_steps() -> PlatformSteps:
    text = (resources.files("exposure_audit") / "data" / STEPS_RESOURCE).read_text(encoding="utf-8")
    return parse_steps(tomllib.loads(text))
