"""`docgen serve` in a real headless Chromium: the page follows the file as it is saved.

Needs Debian's chromium and chromium-driver (scripts/setup.sh) and selenium; skipped otherwise.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from serve_support import BROKEN, GOOD, running, save, url

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium 未安装（pip install selenium）")
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="需要 Debian 的 chromium 和 chromium-driver（scripts/setup.sh 会安装）")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000")


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    profile = tempfile.mkdtemp(prefix="docgen-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    except WebDriverException as exc:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"无法启动 headless Chromium：{exc.msg}")
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(check: Callable[[], str | None], timeout: float = 8.0) -> tuple[str, float]:
    """Poll until check() returns text; browser exceptions during a reload count as 'not yet'."""
    start = time.monotonic()
    last: object = None
    while time.monotonic() - start < timeout:
        try:
            result = check()
            if result:
                return result, time.monotonic() - start
        except WebDriverException as exc:
            last = exc
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s (last error: {last})")


def document_text(driver: webdriver.Chrome) -> str:
    """The text of the rendered document inside the preview frame ('' while loading)."""
    driver.switch_to.default_content()
    frames = driver.find_elements(By.ID, "doc")
    if not frames:
        return ""
    driver.switch_to.frame(frames[0])
    try:
        return driver.find_element(By.TAG_NAME, "body").text
    finally:
        driver.switch_to.default_content()


def page_text(driver: webdriver.Chrome) -> str:
    driver.switch_to.default_content()
    return driver.find_element(By.TAG_NAME, "body").text


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "预览.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_page_shows_the_title(browser, plan: Path) -> None:
    with running(plan.parent) as server:
        browser.get(server.url.rstrip("/") + url("p", plan.name))
        wait_for(lambda: "关于预览测试的通告" in document_text(browser) and "ok")
        assert "关于预览测试的通告" in browser.title
        assert "通过" in page_text(browser)
        sheets = browser.execute_script(
            "var f = document.getElementById('doc').contentDocument;"
            "return f.documentElement.getAttribute('data-sheets');")
        assert sheets and int(sheets) >= 1


def test_saved_change_appears_without_reload(browser, plan: Path) -> None:
    with running(plan.parent) as server:
        browser.get(server.url.rstrip("/") + url("p", plan.name))
        wait_for(lambda: "预览里应当看见这句话" in document_text(browser) and "ok")
        save(plan, GOOD.replace("预览里应当看见这句话", "保存以后自动出现的新句子"))
        _, waited = wait_for(lambda: "保存以后自动出现的新句子" in document_text(browser) and "ok")
        assert waited < 3.0, f"preview took {waited:.1f}s to follow the save"


def test_broken_plan_shows_error_line_then_recovers(browser, plan: Path) -> None:
    with running(plan.parent) as server:
        browser.get(server.url.rstrip("/") + url("p", plan.name))
        wait_for(lambda: "关于预览测试的通告" in document_text(browser) and "ok")

        save(plan, BROKEN)
        text, _ = wait_for(lambda: (t := page_text(browser)) and "错误：" in t and t)
        assert "预览.yaml:5:" in text  # file:line:col of the full-width colon
        assert "5 │ 缘由：为做好预览测试工作" in text  # the offending source line
        assert "1 个错误" in text or "个错误" in text

        save(plan, GOOD.replace("关于预览测试的通告", "关于修好以后的通告"))
        wait_for(lambda: "关于修好以后的通告" in document_text(browser) and "ok")
        assert "错误：" not in page_text(browser)
