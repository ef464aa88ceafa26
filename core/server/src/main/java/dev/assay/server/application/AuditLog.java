package dev.assay.server.application;

import dev.assay.server.domain.model.AuditEntry;
import dev.assay.server.domain.repository.AuditRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Appends to the audit log in the caller's transaction; and the time every record of the application carries. */
@ApplicationScoped
public class AuditLog {
    @Inject
    AuditRepository entries;

    public AuditLog() {
    }

    /** Outside a container (unit tests of the rules that audit). */
    public AuditLog(AuditRepository entries) {
        this.entries = entries;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String entityType, String entityId, String detail) {
        entries.add(new AuditEntry(now(), actor, action, entityType, entityId, detail));
    }

    /** Now, in UTC: when anything the application stores happened. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
