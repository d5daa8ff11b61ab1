package io.leadscore.api;

import io.leadscore.common.Caller;
import jakarta.ws.rs.core.SecurityContext;

/** The authenticated caller and their roles, from JAX-RS's security context. */
final class Callers {
    private Callers() {
    }

    static Caller of(SecurityContext sc) {
        return new Caller(sc.getUserPrincipal().getName(),
                sc.isUserInRole(Caller.SALESPERSON),
                sc.isUserInRole(Caller.SALES_MANAGER),
                sc.isUserInRole(Caller.SYSTEM_ADMINISTRATOR),
                sc.isUserInRole(Caller.OPERATOR));
    }
}
