package org.example.leadplugins;

import io.leadscore.sdk.InvalidPluginExecutionException;
import io.leadscore.sdk.Message;
import io.leadscore.sdk.Mode;
import io.leadscore.sdk.Plugin;
import io.leadscore.sdk.PluginExecutionContext;
import io.leadscore.sdk.Stage;
import io.leadscore.sdk.StepDefinition;

import java.util.List;
import java.util.Set;

/** Partner leads must come with an email address. */
public class RequireEmailPlugin implements Plugin {

    @Override
    public void execute(PluginExecutionContext context) {
        if ("Partner".equals(context.target().get("businessProcess")) && context.target().get("email") == null) {
            throw new InvalidPluginExecutionException("A Partner lead needs an email address");
        }
    }

    @Override
    public List<StepDefinition> defaultSteps() {
        return List.of(new StepDefinition("RequireEmailPlugin", Message.Create, "lead", Stage.PreOperation,
                Mode.Synchronous, Set.of(), 1, true));
    }
}
