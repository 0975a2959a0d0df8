package dev.bursar.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.testing.RunningBursar;
import java.io.File;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: headless Chromium (Debian's chromium + chromium-driver; never a downloaded
 * driver) against a running gateway with a month and a half of ledger rows. One browser for the class; each page is
 * checked against the admin API it reads, for console errors, and saved as a screenshot under
 * {@code target/ui-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final String YAML = """
            providers:
              - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000, rate-limit-rate: 0, server-error-rate: 0, timeout-rate: 0, cut-stream-rate: 0, seed: 3 } }
            budgets:
              - { name: acme-monthly, scope: customer, match: acme, window: month, limit-usd: "50.00", alert-at: [0.5, 0.8, 1.0] }
              - { name: globex-daily, scope: customer, match: globex, window: day, limit-usd: "0.75", alert-at: [0.5, 1.0], enforce: soft }
              - { name: all-daily, scope: global, window: day, limit-usd: "500" }
            plans:
              - { name: pro, monthly-usd: "15" }
              - { name: enterprise, monthly-usd: "2000" }
            alerts:
              rules:
                - { type: spend-above, scope: customer, match: "*", window: day, usd: "1" }
                - { type: margin-below, scope: customer, match: "*", percent: 0 }
            customers:
              - { id: acme, plan: pro, seats: 1 }
              - { id: globex, plan: enterprise, seats: 1 }
              - { id: initech, plan: pro, seats: 1 }
            """;
    private static final Path SHOTS = Path.of("target", "ui-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunningBursar bursar;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        bursar = RunningBursar.start(YAML);
        DemoLedger.fill(bursar.bursar().storage().ledger(), Instant.now().minusSeconds(2), 1500, 42);
        for (int i = 0; i < 6; i++) { // real calls, so budgets have windows and alerts fire
            var call = bursar.post("/v1/chat/completions", """
                    {"model":"gpt-4o","max_tokens":40,"messages":[{"role":"user","content":"Summarise item %d"}]}""".formatted(i),
                    "X-Bursar-Customer", i % 2 == 0 ? "acme" : "globex", "X-Bursar-Feature", "summarize");
            assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        }
        bursar.bursar().alerts().evaluateNow();
        Files.createDirectories(SHOTS);
        driver = browser();
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (bursar != null) {
            bursar.close();
        }
    }

    /** Debian's paths unless CHROMIUM / CHROMEDRIVER say otherwise; Selenium Manager is never asked for a driver. */
    private static ChromeDriver browser() {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
        assertThat(new File(chromium)).as("Chromium (apt-get install chromium chromium-driver)").canRead();
        assertThat(new File(chromedriver).canExecute()).as("chromedriver at " + chromedriver + " (apt-get install chromium-driver)").isTrue();
        System.setProperty("webdriver.chrome.driver", chromedriver);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1100", "--hide-scrollbars", "--disable-extensions", "--no-first-run");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    @Order(1)
    void a_wrong_master_key_is_refused_and_no_session_is_given() {
        driver.get(bursar.baseUrl() + "/ui/");
        wait.until(d -> d.getCurrentUrl().endsWith("/ui/login.html"));
        screenshot("login");
        driver.findElement(By.id("key")).sendKeys("not-the-master-key");
        driver.findElement(By.id("submit")).click();
        WebElement error = driver.findElement(By.id("login-error"));
        wait.until(d -> error.isDisplayed());

        assertThat(error.getText()).isEqualTo("That is not the master key.");
        assertThat(driver.getCurrentUrl()).endsWith("/ui/login.html");
        assertThat(driver.manage().getCookieNamed(Sessions.COOKIE)).isNull();
        assertNoConsoleErrors("login", "401"); // the refused POST itself is logged by the browser
    }

    @Test
    @Order(2)
    void logging_in_gives_an_http_only_strict_expiring_cookie_and_the_overview() {
        driver.findElement(By.id("key")).sendKeys(RunningBursar.MASTER_KEY);
        driver.findElement(By.id("submit")).click();
        waitForPage("overview");

        Cookie c = driver.manage().getCookieNamed(Sessions.COOKIE);
        assertThat(c).isNotNull();
        assertThat(c.isHttpOnly()).isTrue();
        assertThat(c.getSameSite()).isEqualTo("Strict");
        assertThat(c.getExpiry()).isAfter(new java.util.Date()).isBefore(new java.util.Date(System.currentTimeMillis() + 13 * 3_600_000L));
        assertThat((Object) driver.executeScript("return document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"))
                .as("nothing readable by scripts holds a key or the session").isEqualTo("{}{}");
        screenshot("overview");
        assertNoConsoleErrors("overview");
    }

    @Test
    @Order(3)
    void the_overview_shows_exactly_the_numbers_of_admin_spend() throws Exception {
        assertThat(overviewMismatches()).isEmpty();
        List<String> topCustomers = texts("#top-customer tbody tr td:first-child");
        JsonNode byCustomer = api("/admin/spend?group_by=customer&" + monthRange());
        List<String> expected = new ArrayList<>();
        byCustomer.get("rows").forEach(r -> expected.add(r.get("customer").asText()));
        assertThat(topCustomers).containsExactlyElementsOf(expected.subList(0, Math.min(8, expected.size())));
        assertThat(texts("#top-customer tbody tr td:nth-child(2)").getFirst())
                .isEqualTo(dollars(byCustomer.get("rows").get(0).get("cost_usd").asText()));

        driver.findElement(By.cssSelector("button[data-grain=hour]")).click(); // the hourly series loads on demand
        wait.until(d -> d.findElement(By.cssSelector("button[data-grain=hour]")).getAttribute("class").contains("on"));
        Thread.sleep(300);
        assertNoConsoleErrors("overview, hourly");
    }

    @Test
    @Order(4)
    void the_comparison_fails_when_the_page_and_the_api_disagree() throws Exception {
        // A row lands after the page was drawn: the page is now stale, and the check must say so.
        bursar.bursar().storage().ledger().append(DemoLedger.event(99_999, Instant.now().minusSeconds(1), new Random(7)));
        assertThat(overviewMismatches()).isNotEmpty();
        driver.navigate().refresh();
        waitForPage("overview");
        assertThat(overviewMismatches()).isEmpty();
    }

    @Test
    @Order(5)
    void customers_are_listed_with_negative_margins_first_and_an_attacker_named_customer_renders_as_text() throws Exception {
        go("customers");
        List<String> margins = texts("#customers tbody tr td:nth-child(8)");
        assertThat(margins).isNotEmpty();
        assertThat(margins.getFirst()).startsWith("-$");
        JsonNode margin = api("/admin/margin?month=" + YearMonth.now(ZoneOffset.UTC) + "&group_by=customer");
        for (JsonNode row : margin.get("rows")) {
            String id = row.get("customer").asText();
            WebElement tr = driver.findElement(By.cssSelector("#customers tr[data-customer='" + id + "']"));
            assertThat(tr.findElement(By.cssSelector("td:nth-child(8)")).getText()).as(id)
                    .isEqualTo(dollars(row.get("margin_usd").asText()));
        }
        assertThat(texts("#customers tbody tr td:first-child")).contains(DemoLedger.XSS_CUSTOMER);
        assertThat(driver.findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertNoAlert();
        screenshot("customers");
        assertNoConsoleErrors("customers");

        driver.findElement(By.linkText(DemoLedger.XSS_CUSTOMER)).click();
        waitForPage("customer");
        assertThat(driver.findElement(By.id("title")).getText()).isEqualTo(DemoLedger.XSS_CUSTOMER);
        assertThat(driver.findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertNoAlert();
        assertNoConsoleErrors("customer page");

        go("customer/acme");
        JsonNode features = api("/admin/spend?group_by=customer,feature&" + monthRange());
        BigDecimal acme = BigDecimal.ZERO;
        for (JsonNode r : features.get("rows")) {
            acme = r.get("customer").asText().equals("acme") ? acme.add(new BigDecimal(r.get("cost_usd").asText())) : acme;
        }
        assertThat(driver.findElement(By.cssSelector("[data-metric=customer_month] .kpi-value")).getText()).isEqualTo(dollars(acme.toPlainString()));
        screenshot("customer");
    }

    @Test
    @Order(6)
    void budgets_and_alerts_show_each_window_and_the_alert_history() throws Exception {
        go("budgets");
        JsonNode budgets = api("/admin/budgets");
        assertThat(driver.findElements(By.cssSelector("#budget-status tbody tr"))).hasSize(budgets.get("status").size());
        assertThat(driver.findElements(By.cssSelector("#budget-status .bar"))).hasSize(budgets.get("status").size());
        JsonNode alerts = api("/admin/alerts?limit=200");
        assertThat(alerts.get("alerts").size()).as("the spend and margin rules fired").isPositive();
        assertThat(driver.findElements(By.cssSelector("#alerts tbody tr"))).hasSize(alerts.get("alerts").size());
        screenshot("budgets");
        assertNoConsoleErrors("budgets");
    }

    @Test
    @Order(7)
    void requests_filter_by_customer_and_status_and_show_exact_costs() throws Exception {
        go("requests");
        assertThat(driver.findElements(By.cssSelector("#requests tbody tr"))).hasSize(100);
        screenshot("requests");
        driver.findElement(By.id("filter-customer")).sendKeys("globex");
        new Select(driver.findElement(By.id("filter-status"))).selectByValue("error");
        driver.findElement(By.cssSelector("#request-filters button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().contains("customer=globex") && "true".equals(body("ready")));
        wait.until(d -> texts("#requests tbody tr td:nth-child(2)").stream().allMatch("globex"::equals));

        JsonNode expected = api("/admin/requests?customer=globex&status=error&limit=100");
        List<String> costs = driver.findElements(By.cssSelector("#requests tbody tr")).stream()
                .map(tr -> tr.getAttribute("data-cost")).toList();
        List<String> apiCosts = new ArrayList<>();
        expected.get("rows").forEach(r -> apiCosts.add(r.get("cost_usd").asText()));
        assertThat(apiCosts).isNotEmpty();
        assertThat(costs).containsExactlyElementsOf(apiCosts);
        assertThat(texts("#requests tbody tr td:nth-child(10)")).containsExactlyElementsOf(apiCosts.stream()
                .map(c -> new BigDecimal(c).stripTrailingZeros().toPlainString()).toList());
        assertThat(texts("#requests tbody tr td:nth-child(5)")).allMatch(s -> s.startsWith("error"));
        screenshot("requests-filtered");
        assertNoConsoleErrors("requests");
    }

    @Test
    @Order(8)
    void prices_are_searchable_and_show_a_models_history() throws Exception {
        go("prices");
        JsonNode prices = api("/admin/prices");
        assertThat(driver.findElements(By.cssSelector("#prices tbody tr[data-model]"))).hasSize(prices.get("models").size());
        driver.findElement(By.id("price-search")).sendKeys("gpt-4o-mini");
        wait.until(d -> d.findElements(By.cssSelector("#prices tbody tr[data-model]")).stream()
                .allMatch(tr -> tr.getAttribute("data-model").contains("gpt-4o-mini")));
        driver.findElement(By.cssSelector("#prices tr[data-model='gpt-4o-mini']")).click();
        JsonNode mini = null;
        for (JsonNode m : prices.get("models")) {
            mini = m.get("id").asText().equals("gpt-4o-mini") ? m : mini;
        }
        assertThat(driver.findElements(By.cssSelector("#prices tr.history table.inner tbody tr"))).hasSize(mini.get("history").size());
        screenshot("prices");
        assertNoConsoleErrors("prices");
    }

    @Test
    @Order(9)
    void every_page_has_a_strict_content_security_policy_and_logging_out_ends_the_session() throws Exception {
        var page = bursar.get("/ui/login.html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(UiHeaders.CSP);
        assertThat(UiHeaders.CSP).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        String cookie = driver.manage().getCookieNamed(Sessions.COOKIE).getValue();
        driver.findElement(By.id("logout")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/ui/login.html"));
        assertThat(bursar.get("/admin/spend", "Cookie", Sessions.COOKIE + "=" + cookie).statusCode()).isEqualTo(401);
    }

    /** What differs between the overview's cards and /admin/spend for the same ranges; empty when they agree. */
    private List<String> overviewMismatches() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        YearMonth last = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        JsonNode t = api("/admin/spend?from=" + today + "&to=" + today).get("rows").get(0);
        JsonNode m = api("/admin/spend?" + monthRange()).get("rows").get(0);
        JsonNode l = api("/admin/spend?from=" + last.atDay(1) + "&to=" + last.atEndOfMonth()).get("rows").get(0);
        List<String> wrong = new ArrayList<>();
        compare(wrong, "today", t.get("cost_usd").asText());
        compare(wrong, "month", m.get("cost_usd").asText());
        compare(wrong, "last_month", l.get("cost_usd").asText());
        compare(wrong, "wasted", m.get("failed_cost_usd").asText());
        compare(wrong, "saved", m.get("saved_usd").asText());
        String requests = String.format(Locale.US, "%,d requests", t.get("requests").asLong());
        String note = driver.findElement(By.cssSelector("[data-metric=today] .kpi-note")).getText();
        if (!note.equals(requests)) {
            wrong.add("today's requests: page '" + note + "', API '" + requests + "'");
        }
        return wrong;
    }

    private void compare(List<String> wrong, String metric, String apiValue) {
        WebElement card = driver.findElement(By.cssSelector("[data-metric=" + metric + "]"));
        String exact = card.getAttribute("data-exact");
        String shown = card.findElement(By.className("kpi-value")).getText();
        if (exact == null || new BigDecimal(exact).compareTo(new BigDecimal(apiValue)) != 0 || !shown.equals(dollars(apiValue))) {
            wrong.add(metric + ": page " + shown + " (" + exact + "), API " + apiValue);
        }
    }

    /** The API's exact amount as the page should show it: dollars and cents, half up, thousands grouped. */
    static String dollars(String exact) {
        BigDecimal v = new BigDecimal(exact).setScale(2, RoundingMode.HALF_UP);
        DecimalFormat f = new DecimalFormat("$#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        return v.signum() < 0 ? "-" + f.format(v.negate()) : f.format(v);
    }

    private static String monthRange() {
        YearMonth m = YearMonth.now(ZoneOffset.UTC);
        return "from=" + m.atDay(1) + "&to=" + m.atEndOfMonth();
    }

    private JsonNode api(String path) throws Exception {
        var res = bursar.get(path, "Authorization", "Bearer " + RunningBursar.MASTER_KEY);
        assertThat(res.statusCode()).as(path + ": " + res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    private void go(String route) {
        driver.get(bursar.baseUrl() + "/ui/#/" + route);
        waitForPage(route.split("/")[0]);
    }

    private void waitForPage(String name) {
        wait.until(d -> name.equals(body("page")) && "true".equals(body("ready")));
        assertThat(driver.findElement(By.id("error")).isDisplayed()).as(driver.findElement(By.id("error")).getText()).isFalse();
    }

    private String body(String data) {
        return (String) driver.executeScript("return document.body && document.body.dataset['" + data + "'] || null");
    }

    private List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private void assertNoAlert() {
        try {
            driver.switchTo().alert();
            throw new AssertionError("a script ran: an alert is open");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    /** The browser's console since the last call: no errors (CSP violations, failed loads, exceptions). */
    private void assertNoConsoleErrors(String page, String... allowed) {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            boolean expected = false;
            for (String a : allowed) {
                expected |= e.getMessage().contains(a);
            }
            if (e.getLevel().intValue() >= Level.SEVERE.intValue() && !expected) {
                errors.add(e.getMessage());
            }
        }
        assertThat(errors).as("console errors on " + page).isEmpty();
    }

    private void screenshot(String name) {
        try {
            Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
