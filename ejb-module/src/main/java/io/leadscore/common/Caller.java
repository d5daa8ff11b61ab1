package io.leadscore.common;

import java.util.Objects;

/**
 * Who is asking, with the roles of API.md. A Salesperson sees and changes only the leads they own
 * (Dynamics' user-level access); a Sales Manager and a System Administrator see all.
 */
public record Caller(String name, boolean salesperson, boolean manager, boolean administrator, boolean operator) {

    public static final String SALESPERSON = "Salesperson";
    public static final String SALES_MANAGER = "SalesManager";
    public static final String SYSTEM_ADMINISTRATOR = "SystemAdministrator";
    public static final String OPERATOR = "Operator";

    public Caller {
        Objects.requireNonNull(name, "name");
    }

    /** True when the caller sees every record, not only their own. */
    public boolean seesAll() {
        return manager || administrator;
    }
}
