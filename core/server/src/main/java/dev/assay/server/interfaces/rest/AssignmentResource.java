package dev.assay.server.interfaces.rest;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.CatalogService;
import dev.assay.server.domain.model.AssignmentEntity;
import dev.assay.server.interfaces.rest.dto.Views;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Assignments: the questions of a pack that students answer together. */
@Path("assignments")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
public class AssignmentResource {
    @Inject
    CatalogService catalog;

    @GET
    public List<Views.AssignmentView> list(@QueryParam("pack") String pack) {
        return catalog.assignments(pack).stream().map(AssignmentResource::view).toList();
    }

    @GET
    @Path("{id}")
    public Views.AssignmentView get(@PathParam("id") long id) {
        return view(catalog.assignment(id).orElseThrow(() -> AssayException.notFound("No assignment " + id + ".")));
    }

    /** The state of a batch regrade, with its counts. */
    public record RegradeView(long executionId, long assignmentId, String status, String exitStatus, long submissionsRead,
                              long regraded, java.util.Date started, java.util.Date ended) {
    }

    /**
     * Regrades, as a Jakarta Batch job, every submission of the assignment whose latest grade was given with an
     * older configuration (after a configuration change, say). Grades are added, never replaced; gradebook scores
     * follow through the outbox. 202 with the execution to poll.
     */
    @POST
    @Path("{id}/regrades")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public jakarta.ws.rs.core.Response regrade(@PathParam("id") long id) {
        catalog.assignment(id).orElseThrow(() -> AssayException.notFound("No assignment " + id + "."));
        java.util.Properties params = new java.util.Properties();
        params.setProperty("assignmentId", String.valueOf(id));
        long execution = jakarta.batch.runtime.BatchRuntime.getJobOperator().start("regrade-assignment", params);
        return jakarta.ws.rs.core.Response.status(202).entity(regradeView(id, execution)).build();
    }

    @GET
    @Path("{id}/regrades/{execution}")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public RegradeView regradeStatus(@PathParam("id") long id, @PathParam("execution") long execution) {
        return regradeView(id, execution);
    }

    private static RegradeView regradeView(long assignmentId, long execution) {
        jakarta.batch.operations.JobOperator jobs = jakarta.batch.runtime.BatchRuntime.getJobOperator();
        jakarta.batch.runtime.JobExecution e;
        try {
            e = jobs.getJobExecution(execution);
        } catch (jakarta.batch.operations.NoSuchJobExecutionException ex) {
            throw AssayException.notFound("No regrade " + execution + ".");
        }
        if (!"regrade-assignment".equals(e.getJobName())
                || !String.valueOf(assignmentId).equals(e.getJobParameters().getProperty("assignmentId"))) {
            throw AssayException.notFound("No regrade " + execution + " of assignment " + assignmentId + ".");
        }
        long read = 0;
        long written = 0;
        for (jakarta.batch.runtime.StepExecution s : jobs.getStepExecutions(execution)) {
            for (jakarta.batch.runtime.Metric m : s.getMetrics()) {
                if (m.getType() == jakarta.batch.runtime.Metric.MetricType.READ_COUNT) {
                    read += m.getValue();
                } else if (m.getType() == jakarta.batch.runtime.Metric.MetricType.WRITE_COUNT) {
                    written += m.getValue();
                }
            }
        }
        return new RegradeView(execution, assignmentId, e.getBatchStatus().name(), e.getExitStatus(), read, written,
                e.getStartTime(), e.getEndTime());
    }

    static Views.AssignmentView view(AssignmentEntity a) {
        return new Views.AssignmentView(a.getId(), a.getPackId(), a.getKey(), a.getTitle(), CatalogService.questionIds(a));
    }
}
