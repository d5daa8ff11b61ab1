package io.leadscore.leadimport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/**
 * Rows of an import that have been dealt with: a range of rows written as leads (lead_import_chunk), or
 * (lead_import_error) one row and why it was rejected. Written in the transaction of the rows' leads, so a
 * restarted import knows to skip them.
 */
public final class ImportedRow {

    private ImportedRow() {
    }

    /** The key of a rejection: the import and the row number. */
    public record Key(String importId, long rowNo) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    /** Rows first to last of an import, written in one transaction (some of them may have been rejected). */
    @Entity
    @Table(name = "lead_import_chunk")
    @IdClass(ChunkKey.class)
    public static class Written {
        @Id
        @Column(name = "import_id", length = 36)
        private String importId;
        @Id
        @Column(name = "first_row")
        private long firstRow;
        @Column(name = "last_row", nullable = false)
        private long lastRow;

        protected Written() {
        }

        Written(String importId, long firstRow, long lastRow) {
            this.importId = importId;
            this.firstRow = firstRow;
            this.lastRow = lastRow;
        }
    }

    /** The key of a chunk: the import and its first row. */
    public record ChunkKey(String importId, long firstRow) implements Serializable {
        public ChunkKey() {
            this(null, 0);
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
