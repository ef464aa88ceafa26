package dev.assay.server.domain.model;

import dev.assay.api.Grade;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * A grade's status as stored: its name. A name this version does not know (written by a newer one, or by hand) reads as
 * null rather than failing the read: stored data always renders, and such a grade shows as unreadable.
 */
@Converter
public class GradeStatusColumn implements AttributeConverter<Grade.Status, String> {
    @Override
    public String convertToDatabaseColumn(Grade.Status status) {
        return status == null ? null : status.name();
    }

    @Override
    public Grade.Status convertToEntityAttribute(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return Grade.Status.valueOf(stored);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
