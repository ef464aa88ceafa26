package dev.assay.server.fakes;

import dev.assay.server.domain.model.AssignmentEntity;
import dev.assay.server.domain.model.CoursePackEntity;
import dev.assay.server.domain.model.Ids;
import dev.assay.server.domain.model.PackConflictEntity;
import dev.assay.server.domain.model.PackSourceEntity;
import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.domain.model.QuestionEntity;
import dev.assay.server.domain.repository.AssignmentRepository;
import dev.assay.server.domain.repository.PackRepository;
import dev.assay.server.domain.repository.QuestionRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Packs, questions and assignments in memory: what a pack import reads and writes. */
public final class FakeCatalogRepositories {
    public final Packs packs = new Packs();
    public final Questions questions = new Questions();
    public final Assignments assignments = new Assignments();
    private long nextId = 1;

    private <T> T withId(T entity) {
        return Ids.withId(entity, nextId++);
    }

    public final class Packs implements PackRepository {
        public final Map<String, CoursePackEntity> stored = new TreeMap<>();
        public final Map<String, PackSourceEntity> sources = new LinkedHashMap<>();
        public final List<PackConflictEntity> conflicts = new ArrayList<>();
        public final Map<String, Long> catalogVersions = new TreeMap<>();

        @Override
        public long bumpCatalogVersion(String packId) {
            return catalogVersions.merge(packId, 1L, Long::sum);
        }

        @Override
        public Map<String, Long> catalogVersions() {
            Map<String, Long> all = new TreeMap<>();
            stored.keySet().forEach(id -> all.put(id, catalogVersions.getOrDefault(id, 0L)));
            return all;
        }

        @Override
        public long catalogVersion(String packId) {
            return catalogVersions.getOrDefault(packId, 0L);
        }

        @Override
        public Optional<CoursePackEntity> find(String id) {
            return Optional.ofNullable(stored.get(id));
        }

        @Override
        public List<CoursePackEntity> all() {
            return List.copyOf(stored.values());
        }

        @Override
        public List<String> ids() {
            return List.copyOf(stored.keySet());
        }

        @Override
        public void save(CoursePackEntity pack) {
            stored.put(pack.getId(), pack);
        }

        @Override
        public Optional<PackSourceEntity> source(String packId, String source) {
            return Optional.ofNullable(sources.get(packId + " " + source));
        }

        @Override
        public void addSource(PackSourceEntity source) {
            sources.put(source.getPackId() + " " + source.getSource(), source);
        }

        @Override
        public List<SourceImport> sources(String packId) {
            return sources.values().stream().filter(s -> s.getPackId().equals(packId))
                    .map(s -> new SourceImport(s.getSource(), s.getArchiveSha256(), s.getImportedAt())).toList();
        }

        @Override
        public List<PackConflictEntity> conflicts(String packId) {
            return conflicts.stream().filter(c -> packId == null || c.getPackId().equals(packId))
                    .sorted(Comparator.comparing(PackConflictEntity::getQuestionId).thenComparing(PackConflictEntity::getField))
                    .toList();
        }

        @Override
        public List<PackConflictEntity> conflicts(String packId, String source) {
            return conflicts.stream().filter(c -> c.getPackId().equals(packId) && c.getSource().equals(source)).toList();
        }

        @Override
        public List<PackConflictEntity> conflictsOfQuestion(String questionId) {
            return conflicts.stream().filter(c -> c.getQuestionId().equals(questionId)).toList();
        }

        @Override
        public void addConflict(PackConflictEntity conflict) {
            conflicts.add(withId(conflict));
        }

        @Override
        public void removeConflict(PackConflictEntity conflict) {
            conflicts.remove(conflict);
        }
    }

    public final class Questions implements QuestionRepository {
        public final Map<String, QuestionEntity> rows = new TreeMap<>();
        public final List<QuestionConfigEntity> configs = new ArrayList<>();

        @Override
        public Optional<QuestionEntity> find(String id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public void add(QuestionEntity question) {
            rows.put(question.getId(), question);
        }

        @Override
        public Optional<QuestionConfigEntity> currentConfig(String questionId) {
            return versions(questionId).stream().reduce((a, b) -> b);
        }

        @Override
        public List<QuestionConfigEntity> versions(String questionId) {
            return configs.stream().filter(c -> c.getQuestionId().equals(questionId))
                    .sorted(Comparator.comparingInt(QuestionConfigEntity::getVersion)).toList();
        }

        @Override
        public Optional<QuestionConfigEntity> config(long id) {
            return configs.stream().filter(c -> c.getId() == id).findFirst();
        }

        @Override
        public void addConfig(QuestionConfigEntity config) {
            configs.add(withId(config));
        }
    }

    public final class Assignments implements AssignmentRepository {
        public final List<AssignmentEntity> rows = new ArrayList<>();

        @Override
        public Optional<AssignmentEntity> find(long id) {
            return rows.stream().filter(a -> a.getId() == id).findFirst();
        }

        @Override
        public Optional<AssignmentEntity> lock(long id) {
            return find(id);
        }

        @Override
        public Optional<AssignmentEntity> byKey(String packId, String key) {
            return rows.stream().filter(a -> a.getPackId().equals(packId) && a.getKey().equals(key)).findFirst();
        }

        @Override
        public List<AssignmentEntity> all(String packId) {
            return rows.stream().filter(a -> packId == null || a.getPackId().equals(packId)).toList();
        }

        @Override
        public void add(AssignmentEntity assignment) {
            rows.add(withId(assignment));
        }
    }
}
