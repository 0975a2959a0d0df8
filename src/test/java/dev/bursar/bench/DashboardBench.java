package dev.bursar.bench;

import dev.bursar.Bursar;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigLoader;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How long each dashboard page takes over a big ledger: a gateway on the given SQLite ledger, headless Chromium
 * logged in, each page loaded {@code runs} times; the page's own render time (first fetch to last DOM change, read
 * from {@code data-render-ms}) and each admin call it makes, timed from a plain HTTP client.
 * Usage: {@code DashboardBench DB RUNS SHOTS_DIR}.
 */
public final class DashboardBench {

    private static final String KEY = "bench-master-key";

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path shots = Path.of(args[2]);
        Files.createDirectories(shots);
        String yaml = "providers: [ { name: sim, type: sim } ]\nstorage: { sqlite: \"" + db.toAbsolutePath() + "\" }\n";
        BursarConfig config = ConfigLoader.parse(yaml, Map.of(), "bench.yaml");
        config = config.withServer(config.server().withPort(0));
        try (Bursar bursar = Bursar.start(config, Map.of("BURSAR_MASTER_KEY", KEY), new PrintStream(OutputStream.nullOutputStream()))) {
            System.out.printf("ledger rows: %,d%n", bursar.storage().ledger().count());
            apiCalls(bursar.baseUrl(), runs);
            pages(bursar.baseUrl(), runs, shots);
        }
    }

    /** The calls the overview and customers pages make, one by one, in milliseconds (min / median over runs). */
    private static void apiCalls(String base, int runs) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        YearMonth m = YearMonth.now(ZoneOffset.UTC);
        String month = "from=" + m.atDay(1) + "&to=" + m.atEndOfMonth();
        List<String> calls = List.of(
                "/admin/spend?from=" + today + "&to=" + today,
                "/admin/spend?" + month,
                "/admin/spend?group_by=day&from=" + today.minusDays(29) + "&to=" + today,
                "/admin/spend?group_by=hour&from=" + today.minusDays(2) + "&to=" + today,
                "/admin/spend?group_by=customer&" + month,
                "/admin/spend?group_by=customer,feature&" + month,
                "/admin/spend?group_by=customer,day&from=" + today.minusDays(29) + "&to=" + today,
                "/admin/margin?month=" + m + "&group_by=customer",
                "/admin/budgets",
                "/admin/alerts?limit=200",
                "/admin/requests?limit=100",
                "/admin/requests?limit=100&customer=cust-042&status=error",
                "/admin/prices");
        for (String call : calls) {
            long[] ms = new long[runs];
            int status = 0;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(URI.create(base + call))
                        .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
                status = res.statusCode();
            }
            Arrays.sort(ms);
            System.out.printf("api %-90s %d  min %5d ms  median %5d ms  max %5d ms%n", call, status, ms[0], ms[runs / 2], ms[runs - 1]);
        }
    }

    /** A data attribute of the current document's body, read by script (a reload replaces the element). */
    private static String body(ChromeDriver driver, String name) {
        return (String) driver.executeScript("return document.body && document.body.dataset['" + name + "'] || null");
    }

    private static void pages(String base, int runs, Path shots) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1440,1100");
        String driverPath = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverPath)).usingAnyFreePort().build(), options);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
            driver.get(base + "/ui/login.html");
            driver.findElement(By.id("key")).sendKeys(KEY);
            driver.findElement(By.id("submit")).click();
            wait.until(d -> "true".equals(body(driver, "ready")));
            for (String route : List.of("overview", "customers", "customer/cust-001", "budgets", "requests", "prices")) {
                List<Long> render = new ArrayList<>();
                List<Long> wall = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    driver.get(base + "/ui/?run=" + i + "#/" + route); // a full load each time: scripts, fetches, charts
                    wait.until(d -> route.split("/")[0].equals(body(driver, "page")) && "true".equals(body(driver, "ready")));
                    wall.add((System.nanoTime() - t0) / 1_000_000);
                    render.add(Long.parseLong(body(driver, "renderMs")));
                }
                Files.write(shots.resolve(route.replace('/', '-') + ".png"), driver.getScreenshotAs(OutputType.BYTES));
                render.sort(null);
                wall.sort(null);
                System.out.printf("page %-20s render (fetch + draw) min %5d ms  median %5d ms  max %5d ms · full load median %5d ms%n",
                        route, render.getFirst(), render.get(runs / 2), render.getLast(), wall.get(runs / 2));
            }
        } finally {
            driver.quit();
        }
    }
}
