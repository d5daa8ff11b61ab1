package org.example.leadplugins;

import io.leadscore.sdk.Plugin;
import io.leadscore.sdk.PluginExecutionContext;

/** Partner leads without a source came from the partner portal; tells later steps it did so. */
public class PartnerSourcePlugin implements Plugin {

    @Override
    public void execute(PluginExecutionContext context) {
        if ("Partner".equals(context.target().get("businessProcess")) && context.target().get("source") == null) {
            context.target().set("source", "Partner portal");
            context.sharedVariables().put("sourceFilledIn", Boolean.TRUE);
        }
    }
}
