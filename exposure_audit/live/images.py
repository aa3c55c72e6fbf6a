"""Downloading the images a public profile shows, within a budget, as PHOTO items.

Images on personal pages and some instances still carry EXIF GPS, so they go through the same photo
phase (EXIF, image checks) as a download's photos.
"""

from __future__ import annotations

from exposure_audit.live.client import FetchError, PoliteClient
from exposure_audit.live.collected import Collected, public_item
from exposure_audit.live.safety import RefusedAddress
from exposure_audit.model import ItemKind, MediaRef


class ImageFetcher:
    def __init__(self, client: PoliteClient, max_images: int) -> None:
        self.client = client
        self.left = max_images
        self._seen: set[str] = set()

    def fetch(
        self, collected: Collected, *, image_url: str, page_url: str, identity: str, context: str, description: str = ""
    ) -> None:
        """Download one image (once per URL) and add it as a PHOTO item; a failure is a Skipped entry."""
        if self.left <= 0 or image_url in self._seen:
            return
        self._seen.add(image_url)
        try:
            answer = self.client.get(image_url)
        except (FetchError, RefusedAddress) as exc:
            collected.skip(image_url, str(exc))
            return
        if answer.status >= 400 or not answer.content_type.startswith("image/"):
            collected.skip(image_url, f"not an image ({answer.status}, {answer.content_type or 'no type'})")
            return
        self.left -= 1
        member = collected.add_image(image_url, answer.body, answer.content_type)
        collected.items.append(
            public_item(
                collected,
                kind=ItemKind.PHOTO,
                url=page_url,
                identity=identity,
                text=description,
                field_name="photo",
                media=(MediaRef(uri=image_url, member=member),),
                extra={"context": " ".join(filter(None, (context, description)))},
            )
        )
