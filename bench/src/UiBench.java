import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.BufferedWriter;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * bench/ui: how quick the web UI is for a salesperson with many open leads, measured in a real browser from
 * the user's action to the rendered result. The leads come in through the product's CSV import.
 * java UiBench <baseUrl> <command> <openLeads> <repeats>
 */
public class UiBench {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SALES = "Basic " + Base64.getEncoder().encodeToString("sales:sales".getBytes());
    static String base;

    public static void main(String[] args) throws Exception {
        base = args[0];
        String command = args[1];
        int leads = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        int before = count("status eq 'OPEN'");
        importLeads(leads);
        long waitStart = System.nanoTime();
        int open;
        while ((open = count("status eq 'OPEN'")) < before + leads || count("status eq 'OPEN' and score/value eq null") > 0) {
            if (System.nanoTime() - waitStart > Duration.ofMinutes(15).toNanos()) {
                throw new IllegalStateException("the imported leads were not all scored in 15 minutes");
            }
            Thread.sleep(2000);
        }
        System.out.println(open + " open leads of sales, all scored");

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,800");
        WebDriver d = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.pollingEvery(Duration.ofMillis(10)); // the default 500 ms would round every figure up to it
        List<String> lines = new ArrayList<>();
        try {
            // warm-up: one pass of everything
            for (int warm = 0; warm < 2; warm++) {
                signIn(d, wait);
                d.findElement(By.id("sign-out")).click();
                wait.until(x -> x.findElements(By.id("username")).isEmpty() ? null : true);
            }
            long[] signIn = new long[repeats];
            long[] sort = new long[repeats];
            long[] grade = new long[repeats];
            long[] next = new long[repeats];
            long[] lead = new long[repeats];
            long[] details = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                d.manage().deleteAllCookies();
                d.get(base + "/#/signin");
                wait.until(x -> x.findElements(By.id("username")).isEmpty() ? null : true);
                signIn[i] = time(() -> signIn(d, wait));
                sort[i] = time(() -> {
                    d.findElement(By.xpath("//th/button[starts-with(., 'Name')]")).click();
                    awaitPage(wait, "1–25 of ", "//th[@aria-sort='ascending']");
                });
                grade[i] = time(() -> {
                    new Select(d.findElement(By.id("grade"))).selectByValue("B");
                    wait.until(x -> x.findElements(By.cssSelector("main tbody .grade")).stream()
                            .allMatch(g -> g.getText().equals("B")) && status(x).startsWith("1–") ? true : null);
                });
                next[i] = time(() -> {
                    d.findElement(By.xpath("//button[contains(., 'Next')]")).click();
                    wait.until(x -> status(x).startsWith("26–50 of ") ? true : null);
                });
                lead[i] = time(() -> {
                    d.findElements(By.cssSelector("main tbody tr a")).get(0).click();
                    wait.until(x -> x.findElements(By.cssSelector(".reasons li")).isEmpty() ? null : true);
                });
                details[i] = time(() -> {
                    d.findElement(By.id("details")).click();
                    wait.until(x -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) x).executeScript(
                            "return !!(window.Chart && Chart.getChart('history-chart'))")) ? true : null);
                });
                d.findElement(By.id("close-details")).click();
                d.findElement(By.id("sign-out")).click();
                wait.until(x -> x.findElements(By.id("username")).isEmpty() ? null : true);
            }
            lines.add(row("sign in → My Open Leads Scored rendered (best first)", signIn));
            lines.add(row("sort by name", sort));
            lines.add(row("filter grade B", grade));
            lines.add(row("next page", next));
            lines.add(row("open a lead: form and score widget with reasons", lead));
            lines.add(row("Details: every reason and the score graph", details));
        } finally {
            d.quit();
        }
        StringBuilder md = new StringBuilder();
        md.append("## ui — ").append(LocalDate.now()).append("\n\n");
        md.append("Machine: ").append(BenchReport.machine()).append("; headless Chromium 1280×800 on the same machine.\n");
        md.append("Command: `").append(command).append("`. ").append(open).append(" open leads owned by `sales` (")
                .append(leads).append(" imported), all scored; embedded Derby. Times from the user's action to the "
                        + "rendered result in the browser (polled every 10 ms), ").append(repeats).append(" runs each after a warm-up.\n\n");
        md.append("| step | median ms | p90 ms |\n| --- | ---: | ---: |\n");
        lines.forEach(l -> md.append(l).append('\n'));
        BenchReport.write("ui", md.toString());
    }

    static void signIn(WebDriver d, WebDriverWait wait) {
        d.get(base + "/");
        WebElement user = wait.until(x -> x.findElements(By.id("username")).isEmpty() ? null : x.findElement(By.id("username")));
        user.sendKeys("sales");
        d.findElement(By.id("password")).sendKeys("sales");
        d.findElement(By.cssSelector("form.signin button[type=submit]")).click();
        wait.until(x -> status(x).startsWith("1–25 of ") ? true : null);
    }

    static void awaitPage(WebDriverWait wait, String prefix, String xpath) {
        wait.until(x -> !x.findElements(By.xpath(xpath)).isEmpty() && status(x).startsWith(prefix) ? true : null);
    }

    static String status(WebDriver d) {
        List<WebElement> s = d.findElements(By.cssSelector("main p[aria-live]"));
        return s.isEmpty() ? "" : s.get(0).getText();
    }

    static long time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1_000_000;
    }

    static String row(String step, long[] ms) {
        long[] s = ms.clone();
        java.util.Arrays.sort(s);
        return "| " + step + " | " + s[s.length / 2] + " | " + s[(int) Math.ceil(s.length * 0.9) - 1] + " |";
    }

    static int count(String filter) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/leads?view=my-open-scored&top=0&count=true&filter="
                + java.net.URLEncoder.encode(filter, StandardCharsets.UTF_8))).header("Authorization", SALES).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return Integer.parseInt(r.body().replaceAll(".*\"count\":(\\d+).*", "$1"));
    }

    /** Open leads for sales through the product's CSV import, with the demo data's attributes. */
    static void importLeads(int n) throws Exception {
        Path csv = Path.of("bench/work/ui-leads.csv");
        Random rnd = new Random(20261127);
        String[] industries = {"Finance", "Technology", "Healthcare", "Manufacturing", "Retail", "Energy", "Logistics"};
        String[] sources = {"Web", "Referral", "Partner", "Trade show", "Cold call", "Email campaign"};
        String[] titles = {"Buyer", "Facilities Manager", "Director of Purchasing", "Office Manager", "CFO"};
        String[] origins = {"API", "Landing Page Submission", "Lead Add Form", "Lead Import"};
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("Last Name,First Name,Email,Company Name,Job Title,Industry,Source,Country,Lead Origin,TotalVisits,"
                    + "PageViewsPerVisit,TimeOnWebsite,EmailsOpened,WebinarAttended\n");
            for (int i = 0; i < n; i++) {
                String last = "Bench" + i;
                w.write(last + ",Uma," + last.toLowerCase() + "@example" + (i % 97) + ".com,Company " + (i % 500) + ","
                        + titles[rnd.nextInt(titles.length)] + "," + industries[rnd.nextInt(industries.length)] + ","
                        + sources[rnd.nextInt(sources.length)] + ",Germany," + origins[rnd.nextInt(origins.length)] + ","
                        + rnd.nextInt(15) + "," + (1 + rnd.nextInt(40) / 10.0) + "," + rnd.nextInt(1500) + ","
                        + rnd.nextInt(8) + "," + rnd.nextBoolean() + "\n");
            }
        }
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/imports?businessProcess=Standard"))
                .header("Authorization", SALES).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("import refused: " + r.statusCode() + " " + r.body());
        }
        System.out.println("import started: " + r.body());
    }
}
