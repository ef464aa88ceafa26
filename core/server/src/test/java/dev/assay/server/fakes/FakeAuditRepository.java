package dev.assay.server.fakes;

import dev.assay.server.domain.model.AuditEntry;
import dev.assay.server.domain.repository.AuditRepository;
import java.util.ArrayList;
import java.util.List;

/** The audit log in memory. */
public class FakeAuditRepository implements AuditRepository {
    public final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public void add(AuditEntry entry) {
        entries.add(entry);
    }
}
