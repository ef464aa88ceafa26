package dev.assay.server.domain.model;

import java.lang.reflect.Field;

/** Ids for entities made in unit tests, where no database generates them. */
public final class Ids {
    private Ids() {
    }

    public static <T> T withId(T entity, long id) {
        try {
            Field f = entity.getClass().getDeclaredField("id");
            f.setAccessible(true);
            f.set(entity, id);
            return entity;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
