package io.leadscore.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Liberty server the build started for the tests (its own server directory, database and ports, never the
 * one the README's run command uses), killed and started again as an operator would (bin/server).
 */
final class Server {

    /** The Liberty installation the build created. */
    static final Path WLP = Path.of(System.getProperty("it.wlp.dir", "target/liberty/wlp"));
    /** The test server's name (ear/pom.xml {@code it.server.name}). */
    static final String NAME = System.getProperty("it.server.name", "leadscore-it");
    /** Where a test drops the sample plugin jar: the test server's plugin directory. */
    static final Path SAMPLE_PLUGIN_JAR = WLP.resolve("usr/servers/" + NAME + "/plugins/example-lead-plugins.jar");

    private Server() {
    }

    /** kill -9: no shutdown hook, no orderly stop. */
    static void kill() throws Exception {
        long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + NAME + ".pid")).strip());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no server process " + pid));
        assertTrue(server.destroyForcibly());
        server.onExit().get(30, TimeUnit.SECONDS).pid();
    }

    /** Starts the server with the configuration the build wrote and waits until it is ready. */
    static void start() throws IOException, InterruptedException {
        Path log = Files.createTempFile("server-start", ".log");
        Process p = new ProcessBuilder(WLP.resolve("bin/server").toString(), "start", NAME)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "server start returned");
        assertEquals(0, p.exitValue(), Files.readString(log));
        Api.awaitReady();
    }
}
