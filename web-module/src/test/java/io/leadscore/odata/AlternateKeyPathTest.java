package io.leadscore.odata;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Leads(externalSource='…',externalId='…')} read from the raw OData path, in either order and encoding. */
class AlternateKeyPathTest {

    @Test
    void readsBothPartsInEitherOrderWithTheSegmentAfter() {
        assertEquals(Optional.of(new AlternateKey("crm", "LEAD-42", "")),
                AlternateKey.in("/Leads(externalSource='crm',externalId='LEAD-42')"));
        assertEquals(Optional.of(new AlternateKey("crm", "O'Brien 7", "/leadscore.Qualify")),
                AlternateKey.in("/Leads(externalId=%27O%27%27Brien%207%27,externalSource='crm')/leadscore.Qualify"));
        assertEquals(Optional.of(new AlternateKey("dyn", "a,b)", "/score")),
                AlternateKey.in("/Leads(externalSource='dyn',externalId='a,b)')/score"));
    }

    @Test
    void anythingElseIsLeftToOlingo() {
        for (String path : new String[]{"/Leads('abc')", "/Leads", "/Accounts(externalSource='x',externalId='y')",
                "/Leads(externalSource='x',externalSource='y')", "/Leads(externalSource='x')",
                "/Leads(externalSource='x',externalId='y')/a b", "/Leads(externalSource='%ZZ',externalId='y')"}) {
            assertTrue(AlternateKey.in(path).isEmpty(), path);
        }
    }
}
