package dev.strangler.monolith.storefront;

import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A shopper's first visit in a real headless Chromium: register, order, and find the order on the profile.
 */
@MonolithIntegrationTest
class StorefrontJourneyIntegrationTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    WebDriver browser;

    @BeforeEach
    void startBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        // CI installs Chromium (.ci/run), so there a missing browser is a failure, never a silent skip.
        if (System.getenv("CI") != null) {
            assertThat(installed).as("Chromium and chromedriver must be installed in CI").isTrue();
        }
        assumeTrue(installed, "Install Debian's chromium and chromium-driver to run the browser journey");
        var options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1280,900");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shopperShouldRegisterOrderAndSeeTheOrderOnTheProfile() throws Exception {
        var shop = new ShopFixtures(jdbc);
        long lamp = shop.product("DSK-004", "69.00", 18);
        shop.product("KIT-007", "14.50", 80);

        open("/");
        screenshot("1-products");
        assertThat(browser.getTitle()).isEqualTo("Products · Strangler Shop");
        assertThat(browser.findElements(By.cssSelector(".card"))).hasSize(2);

        browser.findElement(By.linkText("Register")).click();
        browser.findElement(By.id("name")).sendKeys("Hedy Lamarr");
        browser.findElement(By.id("email")).sendKeys("hedy@example.com");
        browser.findElement(By.id("register")).click();
        assertThat(browser.findElement(By.id("profile-name")).getText()).isEqualTo("Hedy Lamarr");
        assertThat(browser.getPageSource()).contains("No orders yet");

        open("/");
        browser.findElement(By.partialLinkText("Product DSK-004")).click();
        screenshot("2-product");
        var quantity = browser.findElement(By.id("quantity"));
        quantity.clear();
        quantity.sendKeys("2");
        browser.findElement(By.id("place-order")).click();

        screenshot("3-profile-with-order");
        assertThat(browser.findElement(By.cssSelector(".flash.notice")).getText()).startsWith("Thank you! Order #");
        var rows = browser.findElements(By.cssSelector("#orders .order-row"));
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().getText()).contains("2 × Product DSK-004", "138.00 €", "PLACED");
        assertThat(shop.stockOf(lamp)).isEqualTo(16);
        assertThat(RealInfrastructure.smtp().getReceivedMessages()).extracting(message -> message.getSubject())
                .containsExactly("Welcome to Strangler Shop, Hedy Lamarr",
                        "Your Strangler Shop order #" + jdbc.queryForObject("select id from orders", Long.class));
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    private void screenshot(String name) throws Exception {
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOTS);
        Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
