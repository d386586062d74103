package io.connectionhub.sso;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.common.NotFound;
import io.connectionhub.page.PageRefused;
import io.smallrye.mutiny.Uni;

/**
 * "Test sign-in" of the console and the setup portal: the real sign-in flow through one connection (its engine, its
 * IdP or password form, its attribute mapping; the user is created or updated and the log gets its {@code s} or
 * {@code f} event, as for an application), ending on a page of whoever started it with the mapped profile and the
 * claims an application would get, or the failure. A test is started by a console member or by a setup link's
 * session, and only they see its result, once, for {@link TestResults#LIFETIME}.
 */
@ApplicationScoped
public class SignInTest {

    private final SignInStart start;
    private final SignInConnections connections;
    private final TestResults results;

    public SignInTest(SignInStart start, SignInConnections connections, TestResults results) {
        this.start = start;
        this.connections = connections;
        this.results = results;
    }

    /** Whose test: a console member's. */
    public static String byMember(String memberId) {
        return TestResults.CONSOLE + memberId;
    }

    /** Whose test: a setup link's (its portal session). */
    public static String bySetupLink(String linkId) {
        return TestResults.SETUP + linkId;
    }

    /**
     * Starts a test of {@code testFor} through the tenant's connection: where to send the browser (the IdP, the password
     * form, or straight to the result page when the connection cannot start a sign-in). An unknown connection, or one
     * being deleted, is a {@link NotFound}; a strategy the service cannot sign in through is refused (409).
     */
    public Uni<URI> start(String testFor, String tenantId, String connectionId, Browser browser) {
        return connections.find(tenantId, connectionId).chain(connection -> {
            if (connection == null) {
                throw new NotFound(NotFound.Kind.CONNECTION, "The connection does not exist");
            }
            if (connection.kind() == null) {
                throw new PageRefused(409, "Sign-in through connections of strategy '" + connection.strategy()
                        + "' is not available on this service, so this connection cannot be tested.");
            }
            return start.startTest(testFor, connection, browser);
        });
    }

    /** Whether the service can sign in through (and so test) connections of this strategy. */
    public static boolean testable(String strategy) {
        return strategy != null && UpstreamKind.of(strategy) != null;
    }

    /**
     * The result of a test {@code testFor} ran in the tenant, shown once: a 404 page when unknown, already shown or
     * another's, a 410 page when expired.
     */
    public Uni<TestSignInResult> result(String testFor, String tenantId, String resultId) {
        return results.take(testFor, tenantId, resultId);
    }
}
