package uk.nhs.pcn.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The CloudEvents {@code type} of an event payload, e.g. {@code uk.nhs.pcn.registry.PracticeJoinedNetwork.v1}.
 * Its JSON Schema lives at {@code /schemas/<type>.json} in this module.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CloudEventType {
    String value();
}
