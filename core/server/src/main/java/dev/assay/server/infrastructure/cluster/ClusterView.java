package dev.assay.server.infrastructure.cluster;

import dev.assay.engine.Engines;
import dev.assay.engine.grading.PluginHealth;
import dev.assay.engine.plugin.LoadedPlugin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What /health says about the cluster: its members (as Hazelcast lists them) and, for each, the grading state it last
 * published: each plugin's workers and, for a plugin with a training device (the autoencoder), its training jobs. Pure:
 * the members and the published states come in, health data (flat keys, in order) go out.
 */
public final class ClusterView {
    /** One member of the cluster: its id and its data-grid address; {@code local} for the node answering. */
    public record Member(String id, String address, boolean local) {
    }

    private ClusterView() {
    }

    /** This node's grading state, as it publishes it: one line per plugin, plus who and when. */
    public static HashMap<String, String> stateOf(Engines engines, String address, String process, String at) {
        HashMap<String, String> s = new HashMap<>();
        s.put("address", address);
        s.put("process", process);
        s.put("publishedAt", at);
        for (LoadedPlugin p : engines.registry().plugins()) {
            PluginHealth h = engines.engine().health(p.id());
            Map<String, String> status = engines.engine().status(p);
            s.put("plugin " + p.id(), line(h, status));
        }
        return s;
    }

    /** A plugin's line: its workers now, and its training device's jobs where it has one. */
    static String line(PluginHealth h, Map<String, String> status) {
        StringBuilder b = new StringBuilder("workers: share " + h.share() + ", running " + h.running() + ", waiting " + h.waiting());
        if (status.containsKey("trainingJobs")) {
            b.append("; training on ").append(status.getOrDefault("device", "?")).append(": ").append(status.get("trainingJobs"));
        }
        if (!h.healthy()) {
            b.append("; OUT OF SERVICE");
        }
        return b.toString();
    }

    /**
     * The health data: the cluster's name and size, each member (this node marked), and under each member's address
     * its process id (the name its outbox claims and regrades carry) and its published plugin lines. A member that
     * published nothing yet (starting) says so; a state published by a process that is no longer a member (killed:
     * its entry lasts until its time to live) is left out.
     */
    public static Map<String, Object> health(String clusterName, List<Member> members, Map<String, Map<String, String>> published) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", "cluster");
        d.put("name", clusterName);
        d.put("members", members.size());
        List<Member> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing(Member::address));
        int n = 0;
        for (Member m : sorted) {
            n++;
            d.put("member " + n, m.address() + (m.local() ? " (this node)" : ""));
            Map<String, String> state = published.get(m.id());
            if (state == null) {
                d.put(m.address() + " state", "nothing published yet (starting)");
                continue;
            }
            new TreeMap<>(state).forEach((k, v) -> {
                if (k.startsWith("plugin ")) {
                    d.put(m.address() + " " + k.substring("plugin ".length()), v);
                }
            });
            d.put(m.address() + " process", state.getOrDefault("process", "?"));
            d.put(m.address() + " publishedAt", state.getOrDefault("publishedAt", "?"));
        }
        return d;
    }
}
