package io.leadscore.it;

import io.leadscore.common.Caller;
import io.leadscore.common.ConflictException;
import io.leadscore.common.ForbiddenException;
import io.leadscore.common.ListQuery;
import io.leadscore.common.NotFoundException;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.common.ValidationException;
import io.leadscore.common.VersionMismatchException;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadService;
import io.leadscore.lead.LeadStatus;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LeadService inside Liberty: transactions, optimistic locking and access rules on the real database. */
@ExtendWith(ArquillianExtension.class)
class LeadServiceIT {

    private static final Caller SALES = new Caller("sales", true, false, false, false);
    private static final Caller OTHER_SALES = new Caller("someone-else", true, false, false, false);
    private static final Caller MANAGER = new Caller("manager", false, true, false, false);

    @Deployment
    static WebArchive deployment() {
        return ServiceDeployment.of("lead-service-it", LeadServiceIT.class);
    }

    @EJB
    private LeadService leads;

    @Test
    void aCreatedLeadIsReadBackWithVersionOneAndItsAttributes() {
        Lead lead = leads.create(SALES, input(Map.of("lastName", "Arquillian"), Map.of("TotalVisits", 4.0, "Origin", "API")));
        Lead read = leads.get(SALES, lead.id());
        assertEquals(1, read.version());
        assertEquals(LeadStatus.OPEN, read.status());
        assertEquals(Map.of("Origin", "API", "TotalVisits", 4L), read.attributeValues());
    }

    @Test
    void aFailedUpdateRollsBackAndLeavesTheLeadAsItWas() {
        Lead lead = leads.create(SALES, input(Map.of("lastName", "Before"), Map.of()));
        String missingAccount = UUID.randomUUID().toString();
        ValidationException e = assertThrows(ValidationException.class, () -> leads.update(SALES, lead.id(), lead.version(),
                input(Map.of("lastName", "After", "accountId", missingAccount), Map.of())));
        assertEquals("accountId", e.errors().get(0).field());
        Lead read = leads.get(SALES, lead.id());
        assertEquals("Before", read.lastName());
        assertEquals(1, read.version());
    }

    @Test
    void concurrentUpdatesOfOneVersionLetExactlyOneWin() throws Exception {
        Lead lead = leads.create(SALES, input(Map.of("lastName", "Race"), Map.of()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> writers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String topic = "writer " + i;
                writers.add(() -> {
                    try {
                        leads.update(SALES, lead.id(), 1, input(Map.of("lastName", "Race", "topic", topic), Map.of()));
                        return "won";
                    } catch (VersionMismatchException e) {
                        return "lost";
                    }
                });
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(writers)) {
                outcomes.add(f.get());
            }
            assertEquals(1, outcomes.stream().filter("won"::equals).count(), outcomes.toString());
            assertEquals(2, leads.get(SALES, lead.id()).version());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSalespersonCannotReachAnotherOwnersLead() {
        Lead lead = leads.create(MANAGER, input(Map.of("lastName", "Private", "ownerId", "manager"), Map.of()));
        assertThrows(NotFoundException.class, () -> leads.get(OTHER_SALES, lead.id()));
        assertThrows(NotFoundException.class, () -> leads.qualify(OTHER_SALES, lead.id(), null));
        assertThrows(ForbiddenException.class, () -> leads.create(OTHER_SALES, input(Map.of("lastName", "x", "ownerId", "manager"), Map.of())));
        Page<Lead> page = leads.list(OTHER_SALES, LeadService.View.ALL, new ListQuery(null, null, 50, 0, true));
        assertTrue(page.items().stream().allMatch(l -> l.ownerId().equals("someone-else")));
    }

    @Test
    void closingIsFinal() {
        Lead lead = leads.create(SALES, input(Map.of("lastName", "Closer"), Map.of()));
        Lead qualified = leads.qualify(SALES, lead.id(), 1L);
        assertEquals(LeadStatus.QUALIFIED, qualified.status());
        assertThrows(ConflictException.class, () -> leads.disqualify(SALES, lead.id(), null));
        assertThrows(ConflictException.class, () -> leads.update(SALES, lead.id(), qualified.version(),
                input(Map.of("lastName", "Reopened"), Map.of())));
        assertEquals(LeadStatus.QUALIFIED, leads.get(SALES, lead.id()).status());
    }

    private static RecordInput input(Map<String, Object> values, Map<String, Object> attributes) {
        return RecordInput.of(values, attributes);
    }
}
