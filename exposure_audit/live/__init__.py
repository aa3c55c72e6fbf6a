"""Opt-in live checks: what strangers can see of the person's public profiles right now.

Nothing here runs unless the person passes `--public`. Each spec becomes a `Download` whose items are
marked public (which raises their severity) and whose images sit in an in-memory tree, so the rest of
the audit treats them like any downloaded archive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from exposure_audit.errors import InputError, UsageError
from exposure_audit.fetchers.downloads import Download
from exposure_audit.limits import Limits
from exposure_audit.live.bluesky import DEFAULT_APPVIEW, BlueskySource
from exposure_audit.live.client import ClientSettings, PoliteClient
from exposure_audit.live.collected import Collected, PrefetchedFetcher, as_tree
from exposure_audit.live.images import ImageFetcher
from exposure_audit.live.mastodon import MastodonSource, split_handle
from exposure_audit.live.safety import AddressPolicy
from exposure_audit.live.web import WebSource


@dataclass(frozen=True, slots=True, kw_only=True)
class LiveOptions:
    max_items: int = 3000  # posts per source
    max_pages: int = 50  # web pages per site
    max_images: int = 200  # images per source
    allow_private: bool = False
    bluesky_appview: str = DEFAULT_APPVIEW
    client: ClientSettings = field(default_factory=ClientSettings)


def _checked(spec: str) -> tuple[str, str]:
    """ "mastodon:@a@host" -> ("mastodon", "@a@host"); a bare http(s) URL -> ("web", url)."""
    if spec.startswith(("http://", "https://")):
        return "web", spec
    kind, _, target = spec.partition(":")
    kind = kind.strip().lower()
    if kind not in ("mastodon", "bluesky", "web") or not target.strip():
        raise UsageError(
            f"--public {spec}",
            "not a live source",
            "Use mastodon:@name@instance, bluesky:handle or an https:// address",
        )
    if kind == "mastodon":
        try:
            split_handle(target)
        except ValueError as exc:
            raise UsageError(f"--public {spec}", str(exc), "Use mastodon:@name@instance") from None
    return kind, target.strip()


def check_specs(specs: Sequence[str]) -> list[tuple[str, str]]:
    """Validate every spec before any request is made (a typo should not cost a crawl)."""
    return [_checked(spec) for spec in specs]


def collect_one(client: PoliteClient, spec: str, kind: str, target: str, options: LiveOptions) -> Collected:
    images = ImageFetcher(client, options.max_images)
    if kind == "mastodon":
        return MastodonSource(client, target, max_items=options.max_items, images=images).collect(spec)
    if kind == "bluesky":
        return BlueskySource(
            client, target, appview=options.bluesky_appview, max_items=options.max_items, images=images
        ).collect(spec)
    return WebSource(client, target, max_pages=options.max_pages, max_items=options.max_items, images=images).collect(
        spec
    )


def live_downloads(
    specs: Sequence[str], options: LiveOptions, limits: Limits, *, only_inputs: bool = False
) -> list[Download]:
    """One Download per spec. With `only_inputs` (no downloads were given either), InputError when no
    source gave anything at all: a run that checked nothing must not exit 0 as if all were well."""
    checked = check_specs(specs)
    policy = AddressPolicy(allow_private=options.allow_private)
    downloads = []
    gathered: list[Collected] = []
    with PoliteClient(policy, options.client, limits=limits) as client:
        for spec, (kind, target) in zip(specs, checked, strict=True):
            collected = collect_one(client, spec, kind, target, options)
            gathered.append(collected)
            downloads.append(
                Download(
                    platform=collected.platform,
                    paths=[spec],
                    tree=as_tree(collected, limits),
                    fetcher=PrefetchedFetcher(collected),
                )
            )
    # A source that answered with nothing (an empty profile) was checked; one that only skipped was not.
    if only_inputs and all(c.skipped and not c.items and not c.files for c in gathered):
        reasons = [s.reason for c in gathered for s in c.skipped]
        first = reasons[0] if reasons else "no source answered"
        raise InputError(
            "--public",
            f"nothing could be checked; every source was refused or failed ({first})",
            "Check the addresses and the network, then run again",
        )
    return downloads
