package io.connectionhub.ui;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * A console page resource: {@link ConsoleAccess} lets only a signed-in member reach it. A name binding, so that the
 * session check (an asynchronous filter) runs for these resources only, not on every API request.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface ConsoleSignedIn {
}
