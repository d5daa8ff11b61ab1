package io.leadscore.model;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** The bytes of a version's {@link io.leadscore.scoring.ModelArtifact}, stored apart from the version row. */
@Entity
@Table(name = "ml_model_artifact")
public class StoredArtifact {

    @Id
    @Column(name = "version_id", length = 36)
    private String versionId;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "content", nullable = false)
    private byte[] content;

    protected StoredArtifact() {
    }

    public StoredArtifact(String versionId, byte[] content) {
        this.versionId = versionId;
        this.content = content.clone();
    }

    public byte[] content() {
        return content.clone();
    }
}
