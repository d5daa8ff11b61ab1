package io.leadscore.it;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Builds the third-party plugin jar of {@code src/test/sample-plugin} as an integrator would: compiled against
 * the plugin SDK jar alone, with a service file naming its plugins.
 */
final class SamplePluginJar {

    static final Path SOURCES = Path.of("src/test/sample-plugin");

    private SamplePluginJar() {
    }

    /** Compiles the sample plugins and writes the jar at {@code target} in one move (never half a jar). */
    static void build(Path target) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        Path classes = Files.createTempDirectory("sample-plugin");
        // the plugin SDK jar (io.leadscore:ejb-module:<version>:jar:sdk) and nothing else, as a plugin author has it
        String sdk = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(p -> p.endsWith("-sdk.jar")).findFirst()
                .orElseThrow(() -> new AssertionError("the plugin SDK jar is not on the test class path"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp", sdk));
        sources.forEach(s -> args.add(s.toString()));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "the sample plugins compile");

        List<String> plugins = new ArrayList<>();
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        Files.createDirectories(target.getParent());
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(tmp));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(f).toString().replace('\\', '/');
                jar.putNextEntry(new JarEntry(name));
                Files.copy(f, jar);
                jar.closeEntry();
                if (name.endsWith("Plugin.class") && !name.contains("$")) {
                    plugins.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
            jar.putNextEntry(new JarEntry("META-INF/services/io.leadscore.sdk.Plugin"));
            OutputStream out = jar;
            out.write((String.join("\n", plugins) + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
