/**
 * The application API of Assay's core: its use cases as services that take and return records (never entities), for
 * every client of the core (the REST API under /api, the LTI adapter, and any later one). Each service is one use
 * case area: {@link dev.assay.server.application.api.Answers} (validate, submit, history),
 * {@link dev.assay.server.application.api.Reviews} (the review queue and the review, the only way a review is given),
 * {@link dev.assay.server.application.api.Assignments}, {@link dev.assay.server.application.api.Questions},
 * {@link dev.assay.server.application.api.Packs}, {@link dev.assay.server.application.api.Plugins},
 * {@link dev.assay.server.application.api.Regrades} and {@link dev.assay.server.application.api.Scores} (the outbox
 * and the standings on a gradebook target). Refusals are {@link dev.assay.server.application.AssayException}s, each kind
 * with one HTTP status in the shared web support. A client also implements the ports
 * ({@code application.ports}) it serves.
 */
package dev.assay.server.application.api;
