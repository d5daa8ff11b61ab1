package io.leadscore.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Liberty server the build started, killed and started again as an operator would (bin/server). */
final class Server {

    private Server() {
    }

    /** kill -9: no shutdown hook, no orderly stop. */
    static void kill(Path wlp) throws Exception {
        long pid = Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid/leadscore.pid")).strip());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no server process " + pid));
        assertTrue(server.destroyForcibly());
        server.onExit().get(30, TimeUnit.SECONDS).pid();
    }

    /** Starts the server with the configuration the build wrote and waits until it is ready. */
    static void start(Path wlp) throws IOException, InterruptedException {
        Path log = Files.createTempFile("server-start", ".log");
        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), "start", "leadscore")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "server start returned");
        assertEquals(0, p.exitValue(), Files.readString(log));
        Api.awaitReady();
    }
}
