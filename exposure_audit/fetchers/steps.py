"""Per-platform steps to find an item or setting: each platform's `steps.toml`, plus the shared one.

The steps live in data files because the apps move their menus more often than this program
changes. `fetchers/common/steps.toml` holds the layout description, the date the steps were
checked, and the steps every platform shares (the default steps and the phone's); each registered
platform's package holds its own `steps.toml` (its label, its steps, the wording of its location
fixes, whether `explain` shows it).
They are read in registry order, which is the order `explain` lists platforms in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from exposure_audit.runtime import shipped_toml

SHARED_STEPS = "steps.toml"  # in exposure_audit.fetchers.common, beside the readers every platform shares
_MAX_INCLUDE_DEPTH = 4


@dataclass(frozen=True, slots=True)
class PlatformSteps:
    """Every platform's label, its steps to each item or setting, and its fix wording."""

    checked: str  # when the steps were last checked against the apps
    labels: dict[str, str]
    steps: dict[str, dict[str, tuple[str, ...]]]  # platform -> target key -> steps
    # platform -> one-line texts: "remove_posted" / "coarse_place" (how to remove a posted location),
    # "explain" ("always", or "location" for the location rules only: what `explain RULE` shows)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)

    def text(self, platform: str, key: str) -> str:
        return self.texts.get(platform, {}).get(key, "")

    def explained(self, location_rule: bool) -> tuple[str, ...]:
        """The platforms `explain RULE` shows steps for, in registry order."""
        wanted = ("always", "location") if location_rule else ("always",)
        return tuple(p for p, texts in self.texts.items() if texts.get("explain") in wanted)

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


_TEXTS = ("remove_posted", "coarse_place", "explain")


def parse_steps(table: dict[str, Any]) -> PlatformSteps:
    labels: dict[str, str] = {}
    steps: dict[str, dict[str, tuple[str, ...]]] = {}
    texts: dict[str, dict[str, str]] = {}
    platforms = table.get("platforms", {})
    for name, entry in platforms.items():
        if not isinstance(entry, dict):
            raise ValueError(f"platforms.{name} must be a table")
        labels[name] = str(entry.get("label", ""))
        texts[name] = {key: str(entry[key]) for key in _TEXTS if key in entry}
        raw_steps = entry.get("steps", {})
        steps[name] = {}
        for key, value in raw_steps.items():
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"platforms.{name}.steps.{key} must be a list of strings")
            steps[name][key] = tuple(value)
    return PlatformSteps(checked=str(table.get("checked", "")), labels=labels, steps=steps, texts=texts)


def steps_table() -> dict[str, Any]:
    """The shared steps with every registered platform's `steps.toml` merged into its `platforms`."""
    from exposure_audit import fetchers as registry

    text = (resources.files("exposure_audit.fetchers.common") / SHARED_STEPS).read_text(encoding="utf-8")
    table = shipped_toml.loads(text)
    platforms: dict[str, Any] = table.setdefault("platforms", {})
    for entry in registry.REGISTRY:
        path = entry.steps_file()
        if path is not None:
            own = shipped_toml.loads(path.read_text(encoding="utf-8")).get("platforms", {})
            if set(own) != {entry.platform.value}:
                raise ValueError(f"{path}: must hold [platforms.{entry.platform.value}] and nothing else")
            platforms.update(own)
    return table


def platform_steps() -> PlatformSteps:
    """The steps of the registered platforms, parsed again only when the registry is another one (a
    test can register a platform). Asked for every geotag found: the registry is recognised by
    identity, without hashing it."""
    from exposure_audit import fetchers as registry

    current = registry.REGISTRY
    if not _latest or _latest[0][0] is not current:
        _latest[:] = [(current, parse_steps(steps_table()))]
    return _latest[0][1]


_latest: list[tuple[object, PlatformSteps]] = []  # the registry last asked about, and its steps
