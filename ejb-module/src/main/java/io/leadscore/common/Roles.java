package io.leadscore.common;

/** The record access rule shared by every service: who may see and change a record owned by whom. */
final class Roles {
    private Roles() {
    }

    public static boolean maySee(Caller caller, String ownerId) {
        return caller.seesAll() || caller.name().equals(ownerId);
    }

    /** A Salesperson may own records only themselves; managers and administrators may assign to anyone. */
    public static void checkAssign(Caller caller, String ownerId) {
        if (!caller.seesAll() && !caller.name().equals(ownerId)) {
            throw new ForbiddenException("ownerId", "A Salesperson may only assign records to themselves");
        }
    }
}
