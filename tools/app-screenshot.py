#!/usr/bin/env python3
"""Make docs/app-screenshot.png: the app's report page for the demo officer, in headless chromium.

Run from the repository with the test extra installed: `.venv/bin/python tools/app-screenshot.py`.
It reuses the test suite's app launcher and browser set-up, so the picture shows what the tests drive.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from exposure_audit.demo import build_demo_download  # noqa: E402
from exposure_audit.demo.zips import zip_downloads  # noqa: E402
from tests.app.browser import chromium  # noqa: E402
from tests.app.conftest import start_app, stop_app  # noqa: E402


def main() -> None:
    target = REPO / "docs" / "app-screenshot.png"
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        zips = zip_downloads(build_demo_download(root / "demo", "officer"), root / "zips")
        app = start_app(root / "home")
        driver = chromium(root / "profile", root / "saved", width=1100, height=1000)
        try:
            driver.get(app.launch_url)
            driver.find_element(By.ID, "files").send_keys("\n".join(str(z) for z in zips))
            WebDriverWait(driver, 60).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr[data-input]")) == 4)
            driver.find_element(By.ID, "place").send_keys("-35.3075, 149.1244")
            driver.find_element(By.ID, "start").click()
            WebDriverWait(driver, 300).until(lambda d: d.current_url.endswith("/report"))
            WebDriverWait(driver, 30).until(
                lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ticks") == "loaded"
            )
            target.parent.mkdir(exist_ok=True)
            driver.save_screenshot(str(target))
        finally:
            driver.quit()
            stop_app(app)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
