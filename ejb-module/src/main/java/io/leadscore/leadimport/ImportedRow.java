package io.leadscore.leadimport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/**
 * A row of an import that has been dealt with: the lead it became, or (lead_import_error) why it was
 * rejected. Written in the transaction of the row's lead, so a restarted import knows to skip it.
 */
public final class ImportedRow {

    private ImportedRow() {
    }

    /** The key of both: the import and the row number. */
    public record Key(String importId, long rowNo) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Entity
    @Table(name = "lead_import_row")
    @IdClass(Key.class)
    public static class Written {
        @Id
        @Column(name = "import_id", length = 36)
        private String importId;
        @Id
        @Column(name = "row_no")
        private long rowNo;
        @Column(name = "lead_id", nullable = false, length = 36)
        private String leadId;

        protected Written() {
        }

        Written(String importId, long rowNo, String leadId) {
            this.importId = importId;
            this.rowNo = rowNo;
            this.leadId = leadId;
        }
    }

    @Entity
    @Table(name = "lead_import_error")
    @IdClass(Key.class)
    public static class Rejected {
        @Id
        @Column(name = "import_id", length = 36)
        private String importId;
        @Id
        @Column(name = "row_no")
        private long rowNo;
        @Column(nullable = false, length = 2000)
        private String message;

        protected Rejected() {
        }

        Rejected(String importId, long rowNo, String message) {
            this.importId = importId;
            this.rowNo = rowNo;
            this.message = message.length() > 2000 ? message.substring(0, 2000) : message;
        }
    }
}
