package io.leadscore.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Operation ids for generated clients: stable, readable, one per method and path. */
class OpenApiFilterTest {

    @Test
    void operationIdsFollowMethodAndPath() {
        assertEquals("getLeads", OpenApiFilter.operationId("GET", "/api/v1/leads"));
        assertEquals("postLeads", OpenApiFilter.operationId("POST", "/api/v1/leads"));
        assertEquals("getLeadsByIdScore", OpenApiFilter.operationId("GET", "/api/v1/leads/{id}/score"));
        assertEquals("getLeadsByIdScoreHistory", OpenApiFilter.operationId("GET", "/api/v1/leads/{id}/score-history"));
        assertEquals("putLeadsByKeyByExternalSourceByExternalId",
                OpenApiFilter.operationId("PUT", "/api/v1/leads/by-key/{externalSource}/{externalId}"));
    }
}
