package dev.assay.lti;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** The name each launch gives a user, remembered for instructors' views; written only when it changes. */
@ApplicationScoped
public class Names {
    @Resource(lookup = "java:app/jdbc/assay")
    DataSource dataSource;

    private Db db;
    private final ConcurrentHashMap<String, String> known = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        db = new Db(dataSource);
    }

    @Transactional
    public void remember(String userKey, String name) {
        if (name == null || name.isBlank() || name.equals(known.get(userKey))) {
            return;
        }
        String clipped = name.length() > 500 ? name.substring(0, 500) : name;
        if (db.update("update lti_user_name set name = ?, updated_at = ? where user_key = ?", clipped, Instant.now(), userKey) == 0) {
            db.update("insert into lti_user_name (user_key, name, updated_at) values (?, ?, ?)", userKey, clipped, Instant.now());
        }
        if (known.size() < 100_000) {
            known.put(userKey, clipped);
        }
    }

    @Transactional
    public Map<String, String> of(Collection<String> userKeys) {
        Map<String, String> out = new HashMap<>();
        for (String k : userKeys) {
            String n = known.get(k);
            if (n == null) {
                n = db.one("select name from lti_user_name where user_key = ?", rs -> rs.getString(1), k).orElse(null);
            }
            if (n != null) {
                out.put(k, n);
            }
        }
        return out;
    }
}
