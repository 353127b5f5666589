package io.uptake.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Overview page in Debian's headless Chromium: the time from navigation to the moment the last of
 * its charts finished its first drawing (each chart records that moment in {@code data-drawn-at}).
 * Each measurement is a fresh browser with an empty profile, so nothing is cached.
 */
final class PageTimer {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String LAST_CHART_DRAWN = """
            const charts = [...document.querySelectorAll('[id^="chart-"]')];
            if (charts.length === 0 || charts.some((c) => !c.dataset.drawnAt)) return null;
            return Math.max(...charts.map((c) => Number(c.dataset.drawnAt)));
            """;

    private PageTimer() {}

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Milliseconds from navigation to the Overview's charts all drawn, signed in with {@code sessionCookie}. */
    static double overviewMillis(String baseUrl, String sessionCookie, Path work) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory(work, "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            // The session cookie is set on the site's origin first (a page that needs no sign-in).
            browser.get(baseUrl + "/login");
            String[] nameValue = sessionCookie.split("=", 2);
            browser.manage().addCookie(new Cookie(nameValue[0], nameValue[1]));
            browser.get(baseUrl + "/");
            Object drawn = new WebDriverWait(browser, Duration.ofSeconds(60))
                    .until(b -> ((JavascriptExecutor) b).executeScript(LAST_CHART_DRAWN));
            if (!browser.findElements(By.id("login-form")).isEmpty()) {
                throw new IOException("the browser was sent to the sign-in page");
            }
            return ((Number) drawn).doubleValue();
        } finally {
            browser.quit();
        }
    }
}
