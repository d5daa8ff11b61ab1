package io.leadscore.leadimport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where imports are stored: the imports, the ranges of rows written and the rows rejected, in the caller's transaction. */
@ApplicationScoped
public class ImportRepository {

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;

    public Optional<LeadImport> find(String id) {
        return Optional.ofNullable(id == null ? null : em.find(LeadImport.class, id));
    }

    public void add(LeadImport i) {
        em.persist(i);
    }

    /** A rejected row and why. */
    void rejected(String importId, long row, String why) {
        em.persist(new ImportedRow.Rejected(importId, row, why));
    }

    /** Rows from {@code first} to {@code last} were written or rejected (a restart skips them). */
    void written(String importId, long first, long last) {
        em.persist(new ImportedRow.Written(importId, first, last));
    }

    /** An import's rejected rows (row number, message), in row order. */
    @SuppressWarnings("unchecked")
    public List<Object[]> rejections(String importId, int max) {
        return em.createNativeQuery("SELECT row_no, message FROM lead_import_error WHERE import_id = ? ORDER BY row_no")
                .setParameter(1, importId).setMaxResults(max).getResultList();
    }

    /** Which of the rows from {@code from} to {@code to} an earlier attempt already wrote or rejected. */
    @SuppressWarnings("unchecked")
    Set<Long> done(String importId, long from, long to) {
        Set<Long> done = new HashSet<>();
        List<Object[]> written = em.createNativeQuery("SELECT first_row, last_row FROM lead_import_chunk "
                        + "WHERE import_id = ? AND first_row <= ? AND last_row >= ?")
                .setParameter(1, importId).setParameter(2, to).setParameter(3, from).getResultList();
        for (Object[] range : written) {
            for (long n = Math.max(from, ((Number) range[0]).longValue()); n <= Math.min(to, ((Number) range[1]).longValue()); n++) {
                done.add(n);
            }
        }
        List<?> rejected = em.createNativeQuery("SELECT row_no FROM lead_import_error WHERE import_id = ? AND row_no BETWEEN ? AND ?")
                .setParameter(1, importId).setParameter(2, from).setParameter(3, to).getResultList();
        rejected.forEach(n -> done.add(((Number) n).longValue()));
        return done;
    }
}
