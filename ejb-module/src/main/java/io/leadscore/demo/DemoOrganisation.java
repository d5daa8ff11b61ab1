package io.leadscore.demo;

import io.leadscore.common.Ids;
import io.leadscore.demo.DemoRows.AccountRow;
import io.leadscore.demo.DemoRows.ContactRow;
import io.leadscore.lead.LeadRow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates a realistic sales organisation. Whether a closed lead was qualified follows a logistic
 * relation between its attributes (industry, source, job title seniority, email domain, company size,
 * country, web engagement, business process) plus noise, so that a model can learn it but not perfectly;
 * better leads also qualify faster. Same seed and size, same organisation.
 */
final class DemoOrganisation {

    /** Size of the generated organisation. */
    public record Size(int accounts, int contacts, int closedLeads, int openLeads) {
        public static final Size DEMO = new Size(300, 600, 6000, 400);
    }

    /** Who owns the demo's leads: the sales roles only (administrators and operators own no CRM records). */
    public static final List<String> OWNERS = List.of("sales", "manager");
    private static final double[] OWNER_WEIGHTS = {0.7, 0.3};
    public static final List<String> BUSINESS_PROCESSES = List.of("Standard", "Partner");

    private static final String[] INDUSTRIES = {"Finance", "Technology", "Healthcare", "Manufacturing", "Retail",
            "Education", "Government", "Energy", "Hospitality", "Logistics"};
    private static final double[] INDUSTRY_EFFECT = {0.9, 0.6, 0.4, 0.1, -0.7, -0.3, -0.2, 0.3, -0.5, 0.0};
    private static final String[] SOURCES = {"Web", "Referral", "Partner", "Trade show", "Email campaign",
            "Cold call", "Social", "Advertisement"};
    private static final double[] SOURCE_WEIGHTS = {0.3, 0.1, 0.08, 0.1, 0.15, 0.12, 0.08, 0.07};
    private static final double[] SOURCE_EFFECT = {0.2, 1.2, 0.8, 0.5, -0.1, -0.9, -0.4, -0.3};
    private static final String[] TITLES = {"Chief Executive Officer", "Chief Financial Officer", "VP Sales",
            "VP Operations", "Director of Purchasing", "IT Director", "Office Manager", "Facilities Manager", "Buyer",
            "Procurement Specialist", "Analyst", "Consultant", "Intern", "Student"};
    private static final double[] TITLE_EFFECT = {0.7, 0.7, 0.6, 0.5, 0.6, 0.4, 0.2, 0.2, 0.4, 0.3, -0.2, -0.1, -1.0, -1.3};
    private static final String[] COUNTRIES = {"UK", "US", "Germany", "France", "Netherlands", "Spain", "India",
            "Brazil", "Canada", "Australia"};
    private static final double[] COUNTRY_EFFECT = {0.2, 0.3, 0.2, 0.0, 0.1, -0.1, -0.3, -0.3, 0.1, 0.1};
    private static final String[][] CITIES = {{"London", "Manchester", "Leeds"}, {"New York", "Chicago", "Austin"},
            {"Berlin", "Munich", "Hamburg"}, {"Paris", "Lyon", "Lille"}, {"Amsterdam", "Rotterdam", "Utrecht"},
            {"Madrid", "Barcelona", "Valencia"}, {"Bengaluru", "Mumbai", "Pune"}, {"São Paulo", "Rio de Janeiro", "Curitiba"},
            {"Toronto", "Vancouver", "Montreal"}, {"Sydney", "Melbourne", "Brisbane"}};
    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Linus", "Margaret", "Tim", "Barbara", "Dennis",
            "Frances", "Ken", "Hedy", "John", "Katherine", "Edsger", "Radia", "Donald", "Sophie", "Niklaus", "Anita",
            "Bjarne", "Jean", "Guido", "Mary", "James", "Shafi", "Leslie", "Adele", "Whitfield", "Karen", "Yukihiro"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Berners-Lee",
            "Liskov", "Ritchie", "Allen", "Thompson", "Lamarr", "Backus", "Johnson", "Dijkstra", "Perlman", "Knuth",
            "Wilson", "Wirth", "Borg", "Stroustrup", "Sammet", "van Rossum", "Keller", "Gosling", "Goldwasser",
            "Lamport", "Goldberg", "Diffie", "Spärck Jones", "Matsumoto"};
    private static final String[] NAME_A = {"Contoso", "Fabrikam", "Northwind", "Adventure", "Tailspin", "Wingtip",
            "Litware", "Proseware", "Alpine", "Blue Yonder", "Coho", "Fourth Coffee", "Humongous", "Lucerne", "Margie's",
            "Trey", "Wide World", "Woodgrove", "Graphic", "Southridge", "Relecloud", "Datum", "Consolidated", "Nod"};
    private static final String[] NAME_B = {"Bank", "Systems", "Health", "Works", "Traders", "Labs", "Partners",
            "Industries", "Logistics", "Energy", "Group", "Holdings", "Studios", "Foods", "Motors", "Insurance"};
    private static final String[] FREE_MAIL = {"gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com"};
    private static final String[] PRODUCTS = {"Office chairs", "Standing desks", "Meeting room fit-out",
            "Ergonomic assessment", "Storage systems", "Reception furniture", "Acoustic panels", "Lighting upgrade"};
    private static final String[] ORIGINS = {"Landing Page Submission", "API", "Lead Add Form", "Lead Import", "Quick Add Form"};
    private static final double[] ORIGIN_EFFECT = {0.1, -0.1, 0.9, -0.6, 0.0};

    private final Random rnd;
    private final Size size;
    private final Instant now;
    private long idClock;

    public DemoOrganisation(long seed, Size size, Instant now) {
        this.rnd = new Random(seed);
        this.size = size;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        this.idClock = this.now.minus(Duration.ofDays(3650)).toEpochMilli();
    }

    /** Streams the whole organisation into the sink. */
    public void generate(DemoRows.Sink sink) {
        List<AccountRow> accounts = new ArrayList<>(size.accounts());
        for (int i = 0; i < size.accounts(); i++) {
            AccountRow a = account(i);
            accounts.add(a);
            sink.account(a);
        }
        List<ContactRow> contacts = new ArrayList<>(size.contacts());
        for (int i = 0; i < size.contacts() && !accounts.isEmpty(); i++) {
            AccountRow a = accounts.get(rnd.nextInt(accounts.size()));
            String first = pick(FIRST);
            String last = pick(LAST);
            ContactRow c = new ContactRow(uuid(), first, last, email(first, last, a.domain()), pick(TITLES), a.id(),
                    user(), a.createdOn().plus(Duration.ofDays(rnd.nextInt(30))));
            contacts.add(c);
            sink.contact(c);
        }
        for (int i = 0; i < size.closedLeads(); i++) {
            sink.lead(lead(accounts, contacts, false));
        }
        for (int i = 0; i < size.openLeads(); i++) {
            sink.lead(lead(accounts, contacts, true));
        }
    }

    private AccountRow account(int i) {
        String name = pick(NAME_A) + " " + pick(NAME_B) + (i >= NAME_A.length * NAME_B.length / 2 ? " " + (i + 1) : "");
        String domain = name.toLowerCase().replaceAll("[^a-z0-9]+", "") + ".example";
        int employees = (int) Math.max(2, Math.round(Math.exp(3.5 + 1.8 * rnd.nextGaussian())));
        employees = Math.min(employees, 250_000);
        BigDecimal revenue = BigDecimal.valueOf(employees * (120_000 + 60_000 * rnd.nextGaussian() * 0.5))
                .max(BigDecimal.valueOf(50_000)).setScale(2, RoundingMode.HALF_UP);
        int country = rnd.nextInt(COUNTRIES.length);
        return new AccountRow(uuid(), name, pick(INDUSTRIES), COUNTRIES[country], employees, revenue, user(),
                now.minus(Duration.ofDays(730 + rnd.nextInt(700))), domain);
    }

    private LeadRow lead(List<AccountRow> accounts, List<ContactRow> contacts, boolean open) {
        AccountRow account = !accounts.isEmpty() && rnd.nextDouble() < 0.55 ? accounts.get(rnd.nextInt(accounts.size())) : null;
        ContactRow contact = account != null && !contacts.isEmpty() && rnd.nextDouble() < 0.3
                ? contacts.get(rnd.nextInt(contacts.size())) : null;
        int industryIx = account != null ? indexOf(INDUSTRIES, account.industry()) : rnd.nextInt(INDUSTRIES.length);
        int countryIx = account != null ? indexOf(COUNTRIES, account.country()) : rnd.nextInt(COUNTRIES.length);
        int sourceIx = weighted(SOURCE_WEIGHTS);
        int titleIx = rnd.nextInt(TITLES.length);
        int originIx = rnd.nextInt(ORIGINS.length);
        String process = rnd.nextDouble() < 0.75 ? BUSINESS_PROCESSES.get(0) : BUSINESS_PROCESSES.get(1);
        int employees = account != null ? account.numberOfEmployees()
                : (int) Math.max(1, Math.round(Math.exp(2.5 + 1.7 * rnd.nextGaussian())));

        String first = contact != null ? contact.firstName() : pick(FIRST);
        String last = contact != null ? contact.lastName() : pick(LAST);
        String company = account != null ? account.name() : pick(NAME_A) + " " + pick(NAME_B);
        double mailDraw = rnd.nextDouble();
        String email;
        double emailEffect;
        if (mailDraw < 0.55) {
            String domain = account != null ? account.domain() : company.toLowerCase().replaceAll("[^a-z0-9]+", "") + ".example";
            email = email(first, last, domain);
            emailEffect = 0.4;
        } else if (mailDraw < 0.9) {
            email = email(first, last, pick(FREE_MAIL));
            emailEffect = -0.5;
        } else {
            email = null;
            emailEffect = -0.8;
        }
        boolean webinar = rnd.nextDouble() < 0.2;
        int visits = poisson(2.5 + (sourceIx == 0 ? 2 : 0));
        double pagesPerVisit = visits == 0 ? 0 : Math.round(Math.max(1, 2.5 + 1.2 * rnd.nextGaussian()) * 10) / 10.0;
        int minutesOnSite = visits == 0 ? 0 : (int) Math.round(visits * Math.max(0.5, 4 + 3 * rnd.nextGaussian()));
        int emailsOpened = poisson(1.8);

        double logit = -0.55
                + INDUSTRY_EFFECT[industryIx]
                + SOURCE_EFFECT[sourceIx]
                + TITLE_EFFECT[titleIx]
                + COUNTRY_EFFECT[countryIx]
                + ORIGIN_EFFECT[originIx]
                + emailEffect
                + 0.25 * (Math.log10(employees) - 2)
                + 0.45 * (Math.log1p(visits) - 1.2)
                + 0.004 * (minutesOnSite - 10)
                + (emailsOpened >= 3 ? 0.35 : 0)
                + (webinar ? 0.7 : 0)
                + ("Partner".equals(process) ? 0.3 : 0)
                + 0.8 * rnd.nextGaussian();
        double p = 1 / (1 + Math.exp(-logit));
        boolean qualified = rnd.nextDouble() < p;

        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("TotalVisits", visits);
        attributes.put("PageViewsPerVisit", pagesPerVisit);
        attributes.put("TimeOnWebsite", minutesOnSite);
        attributes.put("EmailsOpened", emailsOpened);
        attributes.put("WebinarAttended", webinar);
        attributes.put("Lead Origin", ORIGINS[originIx]);

        Instant created;
        Instant closed = null;
        String status = "OPEN";
        if (open) {
            created = now.minus(Duration.ofMinutes(rnd.nextInt(45 * 24 * 60)));
        } else {
            // better leads close faster; time to qualify is log-normal around a few days
            double medianDays = qualified ? Math.max(1, 6 - 2.5 * logit) : 12 + 4 * rnd.nextDouble();
            double days = Math.max(0.05, medianDays * Math.exp(0.6 * rnd.nextGaussian()));
            Duration toClose = Duration.ofMinutes((long) (days * 24 * 60));
            Instant latestCreate = now.minus(toClose).minus(Duration.ofHours(1));
            long windowMinutes = Duration.between(now.minus(Duration.ofDays(730)), latestCreate).toMinutes();
            created = latestCreate.minus(Duration.ofMinutes((long) (rnd.nextDouble() * Math.max(1, windowMinutes))));
            closed = created.plus(toClose);
            status = qualified ? "QUALIFIED" : "DISQUALIFIED";
        }
        String country = COUNTRIES[countryIx];
        String city = CITIES[countryIx][rnd.nextInt(3)];
        int seats = 5 * (1 + rnd.nextInt(60));
        String topic = pick(PRODUCTS) + " for " + seats + " seats";
        String phone = rnd.nextDouble() < 0.8 ? "+" + (10 + rnd.nextInt(89)) + " " + (100 + rnd.nextInt(900)) + " "
                + (1000 + rnd.nextInt(9000)) + " " + (1000 + rnd.nextInt(9000)) : null;
        Instant modified = closed != null ? closed : created;
        return new LeadRow(uuid(), topic, first, last, email, phone, TITLES[titleIx], company, INDUSTRIES[industryIx],
                SOURCES[sourceIx], country, city, status, process, user(), account == null ? null : account.id(),
                contact == null ? null : contact.id(), null, null, created, modified, closed, attributes);
    }

    private String email(String first, String last, String domain) {
        String local = (first + "." + last).toLowerCase().replaceAll("[^a-z0-9.]+", "");
        return local + (rnd.nextInt(4) == 0 ? String.valueOf(rnd.nextInt(100)) : "") + "@" + domain;
    }

    private String user() {
        return OWNERS.get(weighted(OWNER_WEIGHTS));
    }

    /** Time-ordered ids in generation order (as the platform makes them), so bulk inserts append to the indexes. */
    private String uuid() {
        return Ids.timeOrdered(idClock++, rnd.nextLong(), rnd.nextLong()).toString();
    }

    private int poisson(double lambda) {
        double l = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = rnd.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private String pick(String[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private static int indexOf(String[] values, String v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(v)) {
                return i;
            }
        }
        return 0;
    }
}
