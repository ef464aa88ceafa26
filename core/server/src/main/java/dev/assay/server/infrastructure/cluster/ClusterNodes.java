package dev.assay.server.infrastructure.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.assay.server.application.ThisProcess;
import dev.assay.server.application.engine.GradingRuntime;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.AccessTimeout;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The cluster as this node sees it (issue 16). With {@code ./assay serve --cluster} Payara Micro runs its embedded
 * Hazelcast (JNDI {@code payara/Hazelcast}): every few seconds this node puts its grading state (each plugin's workers,
 * the autoencoder's training jobs on its device) into the map {@value #MAP} under its member id, with a time to live
 * of six periods, so a killed node's entry goes away by itself; /health lists the members and each one's state. With
 * {@code --nocluster} (the default) there is no Hazelcast, and /health says single node.
 */
@Singleton
@Startup
@DependsOn("Bootstrap")
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterNodes {
    private static final Logger LOG = Logger.getLogger(ClusterNodes.class.getName());
    static final String MAP = "assay-nodes";

    @Resource
    TimerService timers;

    @Inject
    GradingRuntime runtime;

    @Inject
    @ConfigProperty(name = "assay.cluster.publish-millis", defaultValue = "5000")
    long publishMillis;

    /**
     * Set by {@code ./assay serve --cluster} (ASSAY_CLUSTER). Payara Micro runs a Hazelcast instance of its own even with
     * {@code --nocluster} (one member, cluster "development"): only a clustered start counts as a cluster.
     */
    @Inject
    @ConfigProperty(name = "assay.cluster", defaultValue = "false")
    boolean clustered;

    private volatile HazelcastInstance grid;

    @PostConstruct
    void start() {
        grid = clustered ? lookup() : null;
        if (grid == null) {
            LOG.info("Cluster: none (single node)");
            return;
        }
        LOG.info(() -> "Cluster '" + clusterName() + "': " + grid.getCluster().getMembers().size() + " members "
                + grid.getCluster().getMembers() + "; this node publishes its grading state every " + publishMillis + " ms");
        timers.createIntervalTimer(0, Math.max(500, publishMillis), new TimerConfig("cluster-state", false));
    }

    /** Payara's data grid when it runs (a clustered start), otherwise null. */
    private static HazelcastInstance lookup() {
        try {
            Object o = new InitialContext().lookup("payara/Hazelcast");
            if (o instanceof HazelcastInstance h && h.getLifecycleService().isRunning()) {
                return h;
            }
        } catch (Exception | LinkageError e) {
            LOG.log(Level.FINE, "No Hazelcast: " + e, e);
        }
        return null;
    }

    @PreDestroy
    void stop() {
        HazelcastInstance h = grid;
        if (h != null) {
            try {
                h.getMap(MAP).remove(h.getCluster().getLocalMember().getUuid().toString());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Cluster: could not withdraw this node's state: " + e, e);
            }
        }
    }

    @Timeout
    @AccessTimeout(0)
    void publish() {
        HazelcastInstance h = grid;
        if (h == null) {
            return;
        }
        try {
            Member me = h.getCluster().getLocalMember();
            HashMap<String, String> state = ClusterView.stateOf(runtime.engines(), me.getAddress().toString(), ThisProcess.ID,
                    Instant.now().toString());
            IMap<String, HashMap<String, String>> map = h.getMap(MAP);
            map.put(me.getUuid().toString(), state, Math.max(3000, 6 * publishMillis), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cluster: could not publish this node's state (next try in " + publishMillis + " ms): " + e, e);
        }
    }

    /** The health data: the members and their published states, or single node. */
    public Map<String, Object> health() {
        HazelcastInstance h = grid;
        if (h == null || !h.getLifecycleService().isRunning()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("mode", "single node (no cluster: ./assay serve --cluster joins one)");
            return d;
        }
        List<ClusterView.Member> members = new ArrayList<>();
        for (Member m : h.getCluster().getMembers()) {
            members.add(new ClusterView.Member(m.getUuid().toString(), m.getAddress().toString(), m.localMember()));
        }
        Map<String, Map<String, String>> published = new HashMap<>();
        IMap<String, HashMap<String, String>> map = h.getMap(MAP);
        for (ClusterView.Member m : members) {
            HashMap<String, String> s = map.get(m.id());
            if (s != null) {
                published.put(m.id(), s);
            }
        }
        return ClusterView.health(clusterName(), members, published);
    }

    private String clusterName() {
        try {
            return grid.getConfig().getClusterName();
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
