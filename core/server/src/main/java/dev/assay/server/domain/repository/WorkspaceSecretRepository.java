package dev.assay.server.domain.repository;

/** The key instructor workspace tokens are signed with, the same on every node (made at the first start). */
public interface WorkspaceSecretRepository {
    /** The key's bytes; fails when the server has not made it (it does at start). */
    byte[] secret();
}
