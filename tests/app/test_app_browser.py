"""The whole audit through the page, in a real headless chromium: add the demo downloads with the
file input, watch the progress reach its end, tick an action and find it ticked after a reload,
download GPS-free copies of the photos, then cancel a second scan midway and find nothing left."""

from __future__ import annotations

import io
import json
import random
import subprocess
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.app.browser import chromium
from tests.app.conftest import RunningApp, start_app, stop_app

pytestmark = pytest.mark.browser
WAIT = 180


def wait_for(driver: webdriver.Chrome, condition: Callable[[webdriver.Chrome], object], timeout: float = WAIT) -> None:
    WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition)


def exif_gps(paths: list[Path]) -> dict[str, list[str]]:
    """exiftool's GPS tags per file (empty lists when none)."""
    out = subprocess.run(
        ["exiftool", "-j", "-G", "-gps:all", *map(str, paths)], capture_output=True, text=True, check=False
    ).stdout
    return {Path(r["SourceFile"]).name: [k for k in r if "GPS" in k] for r in json.loads(out or "[]")}


def slow_photos(target: Path, count: int = 400) -> Path:
    """A download of many distinct photos, so a full photo check takes long enough to cancel."""
    rng = random.Random(7)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for index in range(count):
            image = Image.new("RGB", (480, 360), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
            for _ in range(30):
                x, y = rng.randrange(440), rng.randrange(320)
                image.paste((rng.randrange(256), rng.randrange(256), rng.randrange(256)), (x, y, x + 40, y + 40))
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=85)
            archive.writestr(f"Camera Roll/IMG_{index:04d}.jpg", buffer.getvalue())
    return target


@pytest.fixture
def session(tmp_path: Path) -> Iterator[tuple[RunningApp, webdriver.Chrome, Path]]:
    app = start_app(tmp_path / "home")
    saved = tmp_path / "browser-downloads"
    saved.mkdir()
    driver = chromium(tmp_path / "profile", saved)
    try:
        yield app, driver, saved
    finally:
        driver.quit()
        stop_app(app)


def add_files(driver: webdriver.Chrome, files: list[Path]) -> None:
    before = len(driver.find_elements(By.CSS_SELECTOR, "tr[data-input]"))
    driver.find_element(By.ID, "files").send_keys("\n".join(str(f) for f in files))
    wait_for(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr[data-input]")) == before + len(files))


def test_the_whole_audit_in_the_browser(
    session: tuple[RunningApp, webdriver.Chrome, Path], demo_zips: list[Path], tmp_path: Path
) -> None:
    app, driver, saved = session
    driver.get(app.launch_url)
    wait_for(driver, lambda d: d.find_element(By.ID, "files"))
    assert "token" not in driver.current_url  # exchanged for the cookie at once

    add_files(driver, demo_zips)
    platforms = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "tr[data-input] .platform")]
    assert sorted(platforms) == ["Facebook", "Instagram", "LinkedIn", "X (Twitter)"]
    driver.find_element(By.ID, "place").send_keys("-35.3075, 149.1244")
    driver.find_element(By.ID, "start").click()

    wait_for(
        driver,
        lambda d: (
            d.find_elements(By.CSS_SELECTOR, '[data-phase="report"][data-state="done"]') or "/report" in d.current_url
        ),
    )
    wait_for(driver, lambda d: d.current_url.endswith("/report"))

    # The report page opens with the same "Start here" actions as the HTML report.
    actions = driver.find_elements(By.CSS_SELECTOR, "#start li")
    assert actions and actions[0].is_displayed() and actions[0].text.strip()

    wait_for(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ticks") == "loaded")
    box = driver.find_elements(By.CSS_SELECTOR, "input.done[data-key]")[1]
    key = box.get_attribute("data-key")
    assert not box.is_selected()
    box.click()
    wait_for(driver, lambda d: box.get_attribute("data-saved") == "yes")
    driver.refresh()
    wait_for(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ticks") == "loaded")
    ticked = [
        b.get_attribute("data-key")
        for b in driver.find_elements(By.CSS_SELECTOR, "input.done[data-key]")
        if b.is_selected()
    ]
    assert ticked == [key]
    assert "ticks.json" in {p.name for p in app.data.iterdir()}

    originals = tmp_path / "originals"
    for archive in demo_zips:
        with zipfile.ZipFile(archive) as z:
            z.extractall(originals / archive.stem, [n for n in z.namelist() if n.lower().endswith(".jpg")])
    original_photos = sorted(originals.rglob("*.jpg"))
    assert sum(bool(tags) for tags in exif_gps(original_photos).values()) > 0  # there was GPS to remove

    driver.find_element(By.ID, "photos").click()
    wait_for(driver, lambda d: (saved / "cleaned-photos.zip").exists() and not list(saved.glob("*.crdownload")))
    cleaned = tmp_path / "cleaned"
    with zipfile.ZipFile(saved / "cleaned-photos.zip") as z:
        z.extractall(cleaned)
    cleaned_photos = sorted(p for p in cleaned.rglob("*") if p.is_file())
    assert len(cleaned_photos) == len(original_photos)
    assert all(not tags for tags in exif_gps(cleaned_photos).values())

    # A second scan, cancelled midway, leaves nothing behind.
    driver.find_element(By.ID, "discard").click()
    wait_for(driver, lambda d: d.find_elements(By.ID, "files"))
    assert app.leftovers() == []
    baseline = (app.data / "baseline.json").stat().st_mtime_ns
    add_files(driver, [slow_photos(tmp_path / "camera-roll.zip")])
    Select(driver.find_element(By.ID, "images")).select_by_value("full")
    driver.find_element(By.ID, "start").click()
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-phase="photos"][data-state="running"]'))
    count = driver.find_element(By.CSS_SELECTOR, '[data-phase="photos"] .count').text
    driver.find_element(By.ID, "cancel").click()
    wait_for(driver, lambda d: d.find_elements(By.ID, "files"))
    done, total = (int(n) for n in count.split()[0:3:2]) if count else (0, 1)
    assert done < total  # it really was midway
    time.sleep(0.5)
    assert app.leftovers() == []
    assert (app.data / "baseline.json").stat().st_mtime_ns == baseline
    assert not driver.find_elements(By.CSS_SELECTOR, "tr[data-input]")
    assert app.process.poll() is None


def test_the_pages_fit_a_phone(tmp_path: Path, demo_zips: list[Path]) -> None:
    app = start_app(tmp_path / "home")
    driver = chromium(tmp_path / "profile", tmp_path / "saved")
    # A window cannot be made this narrow in headless mode; the page is shown as on a 390 px phone.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
    )
    overflow = "return document.documentElement.scrollWidth - window.innerWidth"
    try:
        driver.get(app.launch_url)
        wait_for(driver, lambda d: d.find_element(By.ID, "files"))
        assert driver.execute_script("return window.innerWidth") <= 390
        add_files(driver, demo_zips[:1])
        assert driver.execute_script(overflow) <= 0
        driver.find_element(By.ID, "place").send_keys("Canber")
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '#towns option[value="Canberra, AU"]'), 60)
        driver.find_element(By.ID, "place").clear()
        driver.find_element(By.ID, "place").send_keys("Canberra, AU")
        Select(driver.find_element(By.ID, "images")).select_by_value("off")
        driver.find_element(By.ID, "start").click()
        wait_for(driver, lambda d: d.current_url.endswith("/report"))
        assert driver.execute_script(overflow) <= 0
        driver.find_element(By.ID, "summary-link").click()
        wait_for(driver, lambda d: d.find_elements(By.ID, "summary-text"))
        assert "counts only" in driver.find_element(By.ID, "summary-text").text
        assert driver.execute_script(overflow) <= 0
    finally:
        driver.quit()
        stop_app(app)
