package dev.assay.server.infrastructure.persistence;

import dev.assay.server.application.CatalogService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/**
 * Starts the application: the database (chosen at run time by configuration: H2 embedded by
 * default, PostgreSQL by environment variables), its schema, then the course packs.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
@DataSourceDefinition(
        name = "java:app/jdbc/assay",
        className = "${MPCONFIG=assay.db.class}",
        url = "${MPCONFIG=assay.db.url}",
        user = "${MPCONFIG=assay.db.user}",
        password = "${MPCONFIG=assay.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32)
public class Bootstrap {
    @Resource(lookup = "java:app/jdbc/assay")
    DataSource dataSource;

    @Inject
    CatalogService catalog;

    @PostConstruct
    void start() {
        DatabaseMigration.migrate(dataSource);
        catalog.importConfiguredPacks();
    }
}
