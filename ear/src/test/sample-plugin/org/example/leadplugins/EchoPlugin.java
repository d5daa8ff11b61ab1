package org.example.leadplugins;

import io.leadscore.sdk.Plugin;
import io.leadscore.sdk.PluginExecutionContext;

import java.util.Map;

/** Counts attributes/echo up by updating the lead again, which triggers itself: a loop. */
public class EchoPlugin implements Plugin {

    @Override
    public void execute(PluginExecutionContext context) {
        Object echo = context.target().get("attributes/echo");
        double next = (echo instanceof Number n ? n.doubleValue() : 0) + 1;
        context.records().update("lead", context.target().id(), Map.of("attributes/echo", next));
    }
}
