package io.leadscore.model;

import io.leadscore.common.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Where the key ranges of a rescore job instance's partitions are kept, so that a restart works on the same ranges. */
@ApplicationScoped
public class RescorePartitionRepository {

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;

    /** The ranges stored for a job instance, in partition order (none before its first execution planned them). */
    public List<RescoreSelection.Range> ranges(long jobInstanceId) {
        @SuppressWarnings("unchecked")
        List<Object[]> stored = em.createNativeQuery("SELECT from_id, to_id, created_since, model_id FROM rescore_partition "
                + "WHERE job_instance_id = ? ORDER BY partition_no").setParameter(1, jobInstanceId).getResultList();
        List<RescoreSelection.Range> out = new ArrayList<>();
        for (Object[] r : stored) {
            out.add(new RescoreSelection.Range((String) r[0], (String) r[1],
                    ((Timestamp) r[2]).toLocalDateTime().toInstant(ZoneOffset.UTC), (String) r[3]));
        }
        return out;
    }

    public void add(long jobInstanceId, int partition, RescoreSelection.Range r) {
        em.createNativeQuery("INSERT INTO rescore_partition (job_instance_id, partition_no, from_id, to_id, "
                        + "created_since, model_id) VALUES (?, ?, ?, ?, ?, ?)")
                .setParameter(1, jobInstanceId).setParameter(2, partition).setParameter(3, r.fromId())
                .setParameter(4, r.toId()).setParameter(5, Timestamp.valueOf(Times.utc(r.createdSince())))
                .setParameter(6, r.modelId()).executeUpdate();
    }
}
