package dev.assay.server.interfaces.rest.security;

/**
 * Who may call what. Students answer; instructors also configure and preview; admins also import
 * packs and regrade. Until the LTI launch (which will say who is who), the admin token is the only
 * credential and carries every role.
 */
public enum Role {
    STUDENT, INSTRUCTOR, ADMIN
}
