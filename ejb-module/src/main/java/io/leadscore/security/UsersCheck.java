package io.leadscore.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.logging.Level;
import java.util.logging.Logger;

/** At start-up: an application without users configured fails to start, saying what to set (see UserSettings). */
@Startup
@Singleton
public class UsersCheck {

    private static final Logger LOG = Logger.getLogger(UsersCheck.class.getName());

    @PostConstruct
    void check() {
        Config config = ConfigProvider.getConfig();
        UserSettings.problem(name -> config.getOptionalValue(name, String.class)).ifPresent(problem -> {
            LOG.log(Level.SEVERE, problem);
            throw new IllegalStateException(problem);
        });
    }
}
