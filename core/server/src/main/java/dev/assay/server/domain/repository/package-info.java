/**
 * Repositories of the domain, as interfaces: what the application needs from storage, in the domain's terms. Their JPA
 * implementations are in {@code infrastructure.persistence.jpa}; unit tests of the application's rules use fakes.
 */
package dev.assay.server.domain.repository;
