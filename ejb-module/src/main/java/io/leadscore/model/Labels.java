package io.leadscore.model;

import io.leadscore.common.FieldDef;
import io.leadscore.common.RecordSchema;
import io.leadscore.lead.LeadSchema;

/** The label people read for an attribute path: "Industry", "Account industry", "TotalVisits". */
final class Labels {

    private Labels() {
    }

    public static String of(String path) {
        if (path.startsWith("attributes/")) {
            return path.substring("attributes/".length());
        }
        int slash = path.indexOf('/');
        if (slash < 0) {
            return LeadSchema.LEAD.field(path).map(FieldDef::label).orElse(path);
        }
        String relation = path.substring(0, slash);
        String rest = path.substring(slash + 1);
        RecordSchema target = LeadSchema.LEAD.relation(relation).map(RecordSchema.Relation::target).orElse(null);
        String inner = rest.startsWith("attributes/") ? rest.substring("attributes/".length())
                : target == null ? rest : target.field(rest).map(FieldDef::label).map(Labels::lowerFirst).orElse(rest);
        return Character.toUpperCase(relation.charAt(0)) + relation.substring(1) + " " + inner;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
