package io.leadscore.plugin;

import io.leadscore.sdk.Message;
import io.leadscore.sdk.Plugin;
import io.leadscore.sdk.Record;
import io.leadscore.common.FieldDef;
import io.leadscore.common.FieldType;
import io.leadscore.common.RecordSchema;

import java.util.Arrays;

/** The fields of a system job that lists filter and order by. */
final class SystemJobSchema {

    public static final RecordSchema JOB = new RecordSchema("systemJob", SystemJob.class,
            FieldDef.readOnly("id", "Id", FieldType.ID),
            FieldDef.readOnly("plugin", "Plugin", FieldType.TEXT),
            FieldDef.readOnlyEnum("message", "Message", Arrays.stream(Message.values()).map(Enum::name).toList()),
            FieldDef.readOnly("entity", "Entity", FieldType.TEXT),
            FieldDef.readOnly("entityId", "Record", FieldType.ID),
            FieldDef.readOnlyEnum("status", "Status", Arrays.stream(JobStatus.values()).map(Enum::name).toList()),
            FieldDef.readOnly("attempts", "Attempts", FieldType.INTEGER),
            FieldDef.readOnly("error", "Error", FieldType.TEXT),
            FieldDef.readOnly("correlationId", "Correlation id", FieldType.ID),
            FieldDef.readOnly("createdOn", "Created on", FieldType.INSTANT),
            FieldDef.readOnly("startedOn", "Started on", FieldType.INSTANT),
            FieldDef.readOnly("completedOn", "Completed on", FieldType.INSTANT));

    private SystemJobSchema() {
    }
}
