package dev.assay.server.infrastructure.persistence.jpa;

import dev.assay.server.domain.model.CoursePackEntity;
import dev.assay.server.domain.model.PackConflictEntity;
import dev.assay.server.domain.model.PackSourceEntity;
import dev.assay.server.domain.repository.PackRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaPackRepository implements PackRepository {
    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<CoursePackEntity> find(String id) {
        return Optional.ofNullable(em.find(CoursePackEntity.class, id));
    }

    @Override
    public List<CoursePackEntity> all() {
        return em.createQuery("select p from CoursePackEntity p order by p.id", CoursePackEntity.class).getResultList();
    }

    @Override
    public List<String> ids() {
        return em.createQuery("select p.id from CoursePackEntity p order by p.id", String.class).getResultList();
    }

    @Override
    public void save(CoursePackEntity pack) {
        // No mapped relationships: EclipseLink orders inserts by class, so parents are flushed first.
        em.persist(pack);
        em.flush();
    }

    @Override
    public long bumpCatalogVersion(String packId) {
        em.createNativeQuery("UPDATE course_pack SET catalog_version = catalog_version + 1 WHERE id = ?")
                .setParameter(1, packId).executeUpdate();
        return catalogVersion(packId);
    }

    @Override
    public java.util.Map<String, Long> catalogVersions() {
        java.util.Map<String, Long> versions = new java.util.HashMap<>();
        for (Object row : em.createNativeQuery("SELECT id, catalog_version FROM course_pack").getResultList()) {
            Object[] r = (Object[]) row;
            versions.put((String) r[0], ((Number) r[1]).longValue());
        }
        return versions;
    }

    @Override
    public long catalogVersion(String packId) {
        List<?> rows = em.createNativeQuery("SELECT catalog_version FROM course_pack WHERE id = ?").setParameter(1, packId)
                .getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    @Override
    public Optional<PackSourceEntity> source(String packId, String source) {
        return Optional.ofNullable(em.find(PackSourceEntity.class, new PackSourceEntity.Key(packId, source)));
    }

    @Override
    public void addSource(PackSourceEntity source) {
        em.persist(source);
    }

    @Override
    public List<SourceImport> sources(String packId) {
        return em.createQuery("select s.source, s.archiveSha256, s.importedAt from PackSourceEntity s where s.packId = :p"
                        + " order by s.source", Object[].class)
                .setParameter("p", packId).getResultList().stream()
                .map(r -> new SourceImport((String) r[0], (String) r[1], (OffsetDateTime) r[2])).toList();
    }

    @Override
    public List<PackConflictEntity> conflicts(String packId) {
        var query = em.createQuery("select c from PackConflictEntity c" + (packId == null ? "" : " where c.packId = :p")
                + " order by c.questionId, c.field", PackConflictEntity.class);
        if (packId != null) {
            query.setParameter("p", packId);
        }
        return query.getResultList();
    }

    @Override
    public List<PackConflictEntity> conflicts(String packId, String source) {
        return em.createQuery("select c from PackConflictEntity c where c.packId = :p and c.source = :s", PackConflictEntity.class)
                .setParameter("p", packId).setParameter("s", source).getResultList();
    }

    @Override
    public List<PackConflictEntity> conflictsOfQuestion(String questionId) {
        return em.createQuery("select c from PackConflictEntity c where c.questionId = :q", PackConflictEntity.class)
                .setParameter("q", questionId).getResultList();
    }

    @Override
    public void addConflict(PackConflictEntity conflict) {
        em.persist(conflict);
    }

    @Override
    public void removeConflict(PackConflictEntity conflict) {
        em.remove(conflict);
    }
}
