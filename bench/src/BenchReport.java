import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What every bench/ program shares: the machine it ran on, and rewriting its own section of bench/RESULTS.md. */
final class BenchReport {

    private BenchReport() {
    }

    /** From a script: {@code java BenchReport <name> <section text>} rewrites that section. */
    public static void main(String[] args) throws IOException {
        write(args[0], args[1]);
    }

    static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + Math.round(memKb / 1048576.0)
                + " GB, Java " + System.getProperty("java.version");
    }

    /** Prints the section and puts it between the {@code <!-- name:start -->} and {@code <!-- name:end -->} markers. */
    static void write(String name, String section) throws IOException {
        System.out.println();
        System.out.println(section);
        Path p = Path.of("bench/RESULTS.md");
        String text = Files.exists(p) ? Files.readString(p) : "# Benchmark results\n\nEach section is rewritten by its script.\n";
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        String block = start + "\n" + section + end;
        int a = text.indexOf(start);
        int b = text.indexOf(end);
        text = a >= 0 && b > a ? text.substring(0, a) + block + text.substring(b + end.length())
                : text.strip() + "\n\n" + block + "\n";
        Files.writeString(p, text);
        System.out.println("wrote " + p);
    }
}
