package org.sipsocial.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver, for tests of the web console.
 * Every {@link #screenshot} is written under {@code target/screenshots/<test>/}, numbered in order, so that a
 * person can look at what the test saw. Tests call {@link #available()} in a JUnit assumption first: without
 * Chromium they are skipped, saying why (CI installs it: {@code .ci/run}).
 */
public final class ConsoleBrowser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final String MISSING = "Debian's chromium and chromium-driver are not installed "
            + "(apt-get install chromium chromium-driver): the console's browser tests are skipped";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriver driver;
    private final String base;
    private final Path screenshots;
    private final AtomicInteger shots = new AtomicInteger();

    private ConsoleBrowser(ChromeDriver driver, String base, Path screenshots) {
        this.driver = driver;
        this.base = base;
        this.screenshots = screenshots;
    }

    /** Whether Chromium and its driver are installed where Debian puts them. */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A new headless browser (its own profile: no cookies) on the console at {@code 127.0.0.1:port}. */
    public static ConsoleBrowser open(int port, String test) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1100,900", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        // An element looked for right after a navigation may not be parsed yet: look again for up to 2 s.
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        Path folder = Path.of("target", "screenshots", test);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConsoleBrowser(driver, "http://127.0.0.1:" + port, folder);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void go(String path) {
        driver.get(base + path);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks {@code css} after scrolling it to the middle of the window, clear of the fixed Status Message line. */
    public void click(String css) {
        WebElement element = find(css);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    /**
     * Clicks the submit button {@code css} and waits for the page the form leads to. A button that htmx replaced
     * (the live list is fetched again every few seconds) between finding and clicking is found again.
     */
    public void submit(String css) {
        WebElement page = driver.findElement(By.tagName("html"));
        for (int attempt = 1; ; attempt++) {
            try {
                click(css);
                break;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 3) throw e;
            }
        }
        new WebDriverWait(driver, WAIT).until(d -> gone(page)
                && "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Whether the page {@code html} belonged to was replaced. During the navigation Chromium may answer "node does
     * not belong to the document" rather than a stale reference: that too means it is gone.
     */
    private static boolean gone(WebElement html) {
        try {
            html.getTagName();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Logs in through the login page. */
    public void login(String password) {
        go("/login");
        type("#password", password);
        submit("#login");
    }

    /** Waits (up to 10 s) until the text of {@code css} contains {@code expected}; no reload is made. */
    public void waitForText(String css, String expected) {
        waitForText(css, expected, WAIT);
    }

    /** As {@link #waitForText(String, String)}, up to {@code limit}. */
    public void waitForText(String css, String expected, Duration limit) {
        new WebDriverWait(driver, limit).withMessage(() -> css + " never showed \"" + expected + "\"; the page shows:\n"
                + pageText()).until(d -> {
            try {
                return d.findElement(By.cssSelector(css)).getText().contains(expected);
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return false;
            }
        });
    }

    /** Writes what the browser shows now to {@code target/screenshots/<test>/<n>-<name>.png}. */
    public Path screenshot(String name) {
        Path file = screenshots.resolve(String.format("%02d-%s.png", shots.incrementAndGet(), name));
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
