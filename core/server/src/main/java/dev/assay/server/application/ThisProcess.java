package dev.assay.server.application;

import java.util.UUID;

/**
 * This server process among the nodes sharing the database: what a running regrade and an outbox claim name, so that
 * work left by a process that died is told apart from work a live one holds. Random per start.
 */
public final class ThisProcess {
    public static final String ID = UUID.randomUUID().toString();

    private ThisProcess() {
    }
}
