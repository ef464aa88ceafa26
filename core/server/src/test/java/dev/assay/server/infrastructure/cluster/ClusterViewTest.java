package dev.assay.server.infrastructure.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.engine.grading.PluginHealth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterViewTest {
    @Test
    void listsEveryMemberSortedWithItsPublishedPluginLinesAndLeavesOutStatesOfFormerMembers() {
        List<ClusterView.Member> members = List.of(new ClusterView.Member("b", "[127.0.0.1]:18601", false),
                new ClusterView.Member("a", "[127.0.0.1]:18600", true), new ClusterView.Member("c", "[127.0.0.1]:18602", false));
        Map<String, Map<String, String>> published = Map.of(
                "a", Map.of("address", "[127.0.0.1]:18600", "process", "p-a", "publishedAt", "t1", "plugin autoencoder-dl4j", "workers: share 1"),
                "b", Map.of("address", "[127.0.0.1]:18601", "publishedAt", "t2", "plugin token-sequence", "workers: share 1"),
                "dead", Map.of("address", "[127.0.0.1]:18603", "publishedAt", "t0", "plugin token-sequence", "x"));

        Map<String, Object> d = ClusterView.health("assay", members, published);

        assertThat(d).containsEntry("mode", "cluster").containsEntry("name", "assay").containsEntry("members", 3)
                .containsEntry("member 1", "[127.0.0.1]:18600 (this node)").containsEntry("member 2", "[127.0.0.1]:18601")
                .containsEntry("member 3", "[127.0.0.1]:18602")
                .containsEntry("[127.0.0.1]:18600 autoencoder-dl4j", "workers: share 1")
                .containsEntry("[127.0.0.1]:18601 token-sequence", "workers: share 1")
                .containsEntry("[127.0.0.1]:18600 process", "p-a").containsEntry("[127.0.0.1]:18600 publishedAt", "t1")
                .containsEntry("[127.0.0.1]:18602 state", "nothing published yet (starting)");
        assertThat(d.keySet()).noneMatch(k -> k.contains("18603"));
    }

    @Test
    void aPluginLineShowsItsWorkersAndItsTrainingDeviceJobsWhereItHasOne() {
        PluginHealth h = new PluginHealth("autoencoder-dl4j", 10, 0, 0, 0, true, 1, 1, 1, 3);
        assertThat(ClusterView.line(h, Map.of("device", "cpu", "trainingJobs", "1 running (at most 1), 0 over budget, 0 refused while busy")))
                .isEqualTo("workers: share 1, running 1, waiting 3; training on cpu: 1 running (at most 1), 0 over budget, 0 refused while busy");
        PluginHealth out = new PluginHealth("token-sequence", 10, 3, 3, 0, false, 2, 2, 0, 0);
        assertThat(ClusterView.line(out, Map.of())).isEqualTo("workers: share 2, running 0, waiting 0; OUT OF SERVICE");
    }
}
