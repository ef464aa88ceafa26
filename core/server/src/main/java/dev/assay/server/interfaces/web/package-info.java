/**
 * Shared web support, public for every JAX-RS application of Assay (the REST API under /api and the LTI adapter under
 * /lti): {@link dev.assay.server.interfaces.web.WebSupport} lists what an application registers; errors leave in one
 * shape ({@link dev.assay.server.interfaces.web.ErrorBody}), each kind of refusal with one status
 * ({@link dev.assay.server.interfaces.web.ErrorMappers#status}).
 */
package dev.assay.server.interfaces.web;
