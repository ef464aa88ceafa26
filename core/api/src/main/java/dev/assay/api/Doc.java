package dev.assay.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents a configuration field for the instructor's form: what it means and its default.
 * Put it on the components of a plugin's configuration record.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.TYPE})
public @interface Doc {
    /** What the field means, for an instructor. */
    String value();

    /** The value used when the field is left out, as it would be written in YAML; empty: required. */
    String defaultValue() default "";

    /** An example value, as it would be written in YAML. */
    String example() default "";
}
