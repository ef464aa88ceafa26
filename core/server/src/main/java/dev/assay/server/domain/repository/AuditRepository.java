package dev.assay.server.domain.repository;

import dev.assay.server.domain.model.AuditEntry;

/** The audit log: appended to, never changed. */
public interface AuditRepository {
    void add(AuditEntry entry);
}
