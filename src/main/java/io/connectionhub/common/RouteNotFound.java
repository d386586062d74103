package io.connectionhub.common;

/** No endpoint at this path. */
public class RouteNotFound extends DomainException {

    public RouteNotFound() {
        super("Not Found");
    }
}
