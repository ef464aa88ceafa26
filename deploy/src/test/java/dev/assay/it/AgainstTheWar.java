package dev.assay.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A system test of the REST API against the shipped WAR (with the test plugins), calling it through ServerIT's HTTP
 * helpers (calls with the admin token, a one-question pack upload) aimed at this deployment.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class AgainstTheWar {
    @ArquillianResource
    URL base;

    final ServerIT server = new ServerIT();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItPlugin.assayWar();
    }

    @BeforeEach
    void aimAtTheDeployment() {
        server.base = base;
    }
}
