"""Cleaned copies of photos: GPS removed (or all metadata), pixels untouched, inputs never modified.

GPS is removed by editing the metadata bytes in place (`geo.tiff_edit`, `geo.xmp`): the GPS
directory is unlinked and zeroed, XMP GPS properties are blanked, and every other byte of the file
stays where it was, so no format is re-encoded. With `all_metadata`, EXIF, XMP, IPTC and comments
go too (the date and orientation can be kept; the colour profile is kept unless dropped). Every
copy is read back before it is written, and is only written when no GPS is left in it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import piexif

from exposure_audit.errors import MemberError, UsageError
from exposure_audit.limits import DEFAULT_LIMITS, Limits
from exposure_audit.media import tiff_ifd as tiff
from exposure_audit.media.container_edit import jpeg_without, png_fix_crcs, png_without, webp_without
from exposure_audit.media.containers import locate_exif
from exposure_audit.media.metadata import read_photo_facts
from exposure_audit.media.tiff_edit import TiffEditor, has_gps_directory, remove_gps
from exposure_audit.media.tiff_ifd import TiffBlock
from exposure_audit.media.xmp import blank_gps
from exposure_audit.media.xmp import has_gps as xmp_has_gps
from exposure_audit.output.atomic import write_private
from exposure_audit.output.commit import check_not_an_input
from exposure_audit.sources.archive import Tree

# IFD0 tags that describe the picture's origin rather than how to decode it
DESCRIPTIVE_TAGS = frozenset(
    {
        0x010E,
        0x010F,
        0x0110,
        0x0131,
        0x0132,
        0x013B,
        0x013C,
        0x8298,
        0x02BC,
        0x83BB,
        0x8649,
        0x8769,
        0x8825,
        0x9C9B,
        0x9C9C,
        0x9C9D,
        0x9C9E,
        0x9C9F,
        0xC4A5,
        0x0112,
        0x8773,
    }
)
DATE_TAGS = frozenset(
    {
        tiff.DATETIME_ORIGINAL,
        tiff.DATETIME_DIGITIZED,
        tiff.OFFSET_TIME,
        tiff.OFFSET_TIME_ORIGINAL,
        tiff.OFFSET_TIME_DIGITIZED,
    }
)
ICC_TAG = 0x8773


@dataclass(frozen=True, slots=True, kw_only=True)
class StripOptions:
    all_metadata: bool = False  # drop EXIF, XMP, IPTC and comments, not only GPS
    keep_date: bool = False  # with all_metadata: keep when the photo was taken
    keep_orientation: bool = False  # with all_metadata: keep which way up the photo is
    keep_colour_profile: bool = True  # the ICC profile affects how colours look, not where you were


@dataclass(frozen=True, slots=True)
class Cleaned:
    data: bytes
    format: str
    had_gps: bool


def clean_image(data: bytes, options: StripOptions = StripOptions()) -> Cleaned:
    """The cleaned bytes of one image; MemberError when it cannot be cleaned and proven clean."""
    located = locate_exif(io.BytesIO(data))
    if located.format == "other":
        raise MemberError("not a photo format that carries EXIF (GIF, BMP or video); not copied")
    had_gps = bool(located.exif) and has_gps_directory(located.exif or b"")
    buffer = bytearray(data)
    had_gps = bool(blank_gps(buffer)) or had_gps
    if located.exif and located.exif_start < 0:
        raise MemberError("the EXIF block could not be found in the file to edit it safely")
    if located.exif:
        block = memoryview(buffer)[located.exif_start : located.exif_start + len(located.exif)]
        remove_gps(block)
        if options.all_metadata and located.format in ("tiff", "heif"):
            _reduce_in_place(block, options, whole_file_is_tiff=located.format == "tiff")
    if options.all_metadata and located.format in ("jpeg", "png", "webp"):
        result = _rebuild(bytes(buffer), located.format, located.exif, options)
    else:
        if located.format == "png":
            png_fix_crcs(buffer)
        result = bytes(buffer)
    verify_clean(result)
    return Cleaned(result, located.format, had_gps)


def verify_clean(data: bytes) -> None:
    """Raise MemberError unless the image has no GPS: no coordinates, no GPS directory, no XMP GPS."""
    located = locate_exif(io.BytesIO(data))
    if read_photo_facts(io.BytesIO(data)).has_gps:
        raise MemberError("GPS coordinates are still readable after cleaning")
    if located.exif and has_gps_directory(located.exif):
        raise MemberError("a GPS directory is still linked after cleaning")
    if xmp_has_gps(data):
        raise MemberError("XMP still holds GPS properties after cleaning")


def _kept_exif(exif: bytes | None, options: StripOptions) -> bytes | None:
    """A new minimal EXIF block with only what the options keep, or None when nothing is kept."""
    if not exif or not (options.keep_date or options.keep_orientation):
        return None
    reader = TiffBlock(exif)
    ifd0 = reader.directory(reader.first_offset)
    zeroth: dict[int, object] = {}
    sub: dict[int, object] = {}
    if options.keep_orientation and (entry := ifd0.entries.get(tiff.ORIENTATION)) is not None:
        (value,) = reader.numbers(entry, 1)
        if value is not None and 1 <= value <= 8:
            zeroth[tiff.ORIENTATION] = int(value)
    if options.keep_date:
        if (entry := ifd0.entries.get(tiff.DATETIME)) is not None and entry.type == tiff.ASCII:
            zeroth[tiff.DATETIME] = reader.text(entry).encode()
        exif_ifd = reader.sub_directory(ifd0, tiff.EXIF_POINTER)
        for tag in sorted(DATE_TAGS):
            entry = exif_ifd.entries.get(tag) if exif_ifd else None
            if entry is not None and entry.type == tiff.ASCII:
                sub[tag] = reader.text(entry).encode()
    if not zeroth and not sub:
        return None
    dumped: bytes = piexif.dump({"0th": zeroth, "Exif": sub, "GPS": {}, "1st": {}, "thumbnail": None})
    return dumped[6:]  # piexif prefixes "Exif\0\0"


def _rebuild(data: bytes, fmt: str, exif: bytes | None, options: StripOptions) -> bytes:
    new_exif = _kept_exif(exif, options)
    if fmt == "jpeg":
        drop = {"exif", "xmp", "app1", "iptc", "mfe"} | (set() if options.keep_colour_profile else {"app2"})
        return jpeg_without(data, drop, new_exif)
    if fmt == "png":
        drop = {"eXIf", "tEXt", "zTXt", "iTXt", "tIME"} | (set() if options.keep_colour_profile else {"iCCP"})
        return png_without(data, drop, new_exif)
    drop = {"EXIF", "XMP "} | (set() if options.keep_colour_profile else {"ICCP"})
    return webp_without(data, drop, new_exif)


def _reduce_in_place(block: memoryview, options: StripOptions, whole_file_is_tiff: bool) -> None:
    """All metadata out of a TIFF file or a HEIF Exif item, without moving any byte."""
    editor = TiffEditor(block)
    drop = set(DESCRIPTIVE_TAGS)
    if options.keep_orientation:
        drop.discard(tiff.ORIENTATION)
    if options.keep_date:
        drop.discard(tiff.DATETIME)
    if options.keep_colour_profile:
        drop.discard(ICC_TAG)
    directories = list(editor.tiff.chain()) if whole_file_is_tiff else [editor.tiff.directory(editor.tiff.first_offset)]
    for index, directory in enumerate(directories):
        exif_ifd = editor._child(directory, tiff.EXIF_POINTER) if options.keep_date and index == 0 else None
        if exif_ifd is not None:
            editor.remove(exif_ifd, set(exif_ifd.entries) - DATE_TAGS)
            drop_here = drop - {tiff.EXIF_POINTER}
        else:
            drop_here = drop
        rewritten = editor.remove(directory, drop_here)
        if not whole_file_is_tiff:
            editor.cut_chain_after(rewritten)  # the HEIF Exif thumbnail


# ---------------------------------------------------------------- copying folders, zips and files

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".png", ".webp", ".tif", ".tiff", ".heic", ".heif", ".avif")


@dataclass(slots=True)
class StripReport:
    cleaned: int = 0
    had_gps: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (where, reason)
    written: list[Path] = field(default_factory=list)


def check_destination(sources: Sequence[Path], out: Path) -> None:
    """UsageError when the output folder is an input, inside one, or holds an input file."""
    check_not_an_input(sources, out, "--out")
    target = out.resolve()
    for source in sources:
        resolved = source.resolve()
        if resolved.is_file() and target == resolved.parent:
            raise UsageError(
                f"--out {out}",
                f"it is the folder that holds the input {source}",
                "Choose a new, separate output folder",
            )


def _label(source: Path, taken: set[str]) -> str:
    base = source.stem if source.is_file() else source.name or "photos"
    label, n = base, 1
    while label in taken:
        n += 1
        label = f"{base}-{n}"
    taken.add(label)
    return label


def _is_image_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in IMAGE_SUFFIXES


def _members(source: Path, limits: Limits) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """(relative name, reader) of every image in a folder, a zip, or a single image file."""
    if _is_image_file(source):
        yield source.name, source.read_bytes
        return
    tree = Tree.open([source], limits)
    try:
        for path in tree.members:
            if path.lower().endswith(IMAGE_SUFFIXES):
                yield path, partial(tree.read_bytes, path)
    finally:
        tree.close()


def strip_paths(
    sources: Sequence[Path], out: Path, options: StripOptions = StripOptions(), limits: Limits = DEFAULT_LIMITS
) -> StripReport:
    """Write a cleaned copy of every image found in `sources` under `out/<source name>/...`."""
    check_destination(sources, out)
    inputs = {s.resolve() for s in sources}
    report = StripReport()
    taken: set[str] = set()
    for source in sources:
        label = _label(source, taken)
        single = _is_image_file(source)
        for name, read in _members(source, limits):
            where = str(source) if single else f"{source}:{name}"
            target = out / name if single else out / label / name
            if target.resolve() in inputs:
                report.failed.append((where, "the copy would overwrite an input; not written"))
                continue
            try:
                cleaned = clean_image(read(), options)
            except (MemberError, OSError) as exc:
                report.failed.append((where, exc.reason if isinstance(exc, MemberError) else str(exc)))
                continue
            write_private(target, cleaned.data)
            try:  # read the written copy back from disk: what is on disk is what gets shared
                verify_clean(target.read_bytes())
            except (MemberError, OSError) as exc:
                target.unlink(missing_ok=True)
                report.failed.append((where, f"the written copy failed the check and was removed ({exc})"))
                continue
            report.cleaned += 1
            report.had_gps += cleaned.had_gps
            report.written.append(target)
    return report
