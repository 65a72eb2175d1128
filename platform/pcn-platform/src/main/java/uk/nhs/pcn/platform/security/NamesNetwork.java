package uk.nhs.pcn.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a resource method whose path holds the network's {@code {code}}: the caller's token must name that network
 * (a PCN manager acting in their own network), unless it carries one of {@link #orRoles()} (e.g. a commissioner,
 * who acts for every network). {@link NetworkScopeCheck} enforces it before the request body is read, so a token
 * for another network is answered 403 whatever the body says, never 400 for the body's mistakes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NamesNetwork {

    /** Roles that may act for any network here instead. */
    String[] orRoles() default {};
}
