package dev.assay.server.interfaces.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** The administrator's credential ({@code assay.admin.token}), as every application checks it. */
public final class AdminToken {
    private AdminToken() {
    }

    /** Whether an Authorization header carries the admin token (compared in constant time). */
    public static boolean matches(String authorizationHeader, Optional<String> adminToken) {
        String expected = adminToken.orElse("");
        if (expected.isBlank() || authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorizationHeader.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8));
    }
}
