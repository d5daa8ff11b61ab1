package io.leadscore.sdk;

import java.util.Map;

/**
 * What a plugin may do with records (Dataverse's IOrganizationService): read, create, change and delete
 * leads, accounts and contacts by their API names ({@code attributes/<name>} for custom attributes). Each
 * call is an operation of its own that goes through the pipeline one level deeper, in the transaction of the
 * step that makes it, with the rights of a System Administrator in the name of the initiating user.
 */
public interface RecordOperations {

    /** The record's values, or empty values when there is none. */
    Record retrieve(String entity, String id);

    /** Creates a record from values; returns its id. */
    String create(String entity, Map<String, Object> values);

    /** Changes the named values of a record (null clears one) and keeps the others. */
    void update(String entity, String id, Map<String, Object> values);

    void delete(String entity, String id);
}
