package dev.assay.lti;

import dev.assay.server.application.ports.ScoreDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The demo course's gradebook: there is none, so a demo score is delivered where it already is, in Assay (the
 * instructor panel's standings read it from the outbox). Nothing is sent anywhere; {@link AgsDelivery} leaves demo
 * targets to this delivery.
 */
@ApplicationScoped
public class DemoScores implements ScoreDelivery {
    @Inject
    DemoTenancy demo;

    @Override
    public boolean handles(String target) {
        return demo.isDemoTarget(target);
    }

    @Override
    public String lane(String target) {
        return "demo";
    }

    @Override
    public Outcome deliver(Score score) {
        return new Delivered();
    }
}
