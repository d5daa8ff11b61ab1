package io.leadscore.plugin;

/** Where a system job stands (Dataverse's asyncoperation status). */
public enum JobStatus {
    Waiting, InProgress, Succeeded, Failed, Canceled
}
