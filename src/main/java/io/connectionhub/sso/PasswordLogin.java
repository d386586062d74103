package io.connectionhub.sso;

import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.auth.LoginThrottle;
import io.connectionhub.page.PageRefused;
import io.connectionhub.user.UserService;
import io.smallrye.mutiny.Uni;

/**
 * The password form of database connections. A wrong email and a wrong password get the same message after the same
 * hashing work (the log tells them apart: {@code fu}, {@code fp}). Brute-force protection: every attempt of one
 * email from one address is counted before its password is checked; past the limit the pair is blocked
 * ({@code limit_wc}) and its passwords are no longer checked, right or wrong.
 */
@ApplicationScoped
class PasswordLogin {

    static final String WRONG = "Wrong email or password.";
    static final int MAX_PASSWORD = 1024;
    /** What the password form names as the application of a test sign-in. */
    static final String TEST_APPLICATION = "a test sign-in of Connection Hub";

    private final SignInStart start;
    private final SignInCompletion completion;
    private final SignInConnections connections;
    private final UserService users;
    private final LoginThrottle throttle;
    private final LoginThrottle.Policy policy;

    PasswordLogin(SignInStart start, SignInCompletion completion, SignInConnections connections, UserService users,
            LoginThrottle throttle, SsoConfig config) {
        this.start = start;
        this.completion = completion;
        this.connections = connections;
        this.users = users;
        this.throttle = throttle;
        this.policy = new LoginThrottle.Policy(config.bruteForce().enabled(), config.bruteForce().maxFailures(),
                config.bruteForce().block());
    }

    /** The request and its database connection behind the password page, else the error page. */
    Uni<Form> form(String requestId) {
        return start.active(requestId).chain(request -> connectionOf(request).chain(connection -> request.test()
                ? Uni.createFrom().item(new Form(request, connection, TEST_APPLICATION))
                : start.client(request).map(client -> new Form(request, connection, client.name()))));
    }

    /** The request of a password page, its connection, and the application's name. */
    record Form(PendingRequest request, SignInConnection connection, String application) {
    }

    Uni<FormOutcome> attempt(String requestId, String email, String password, Browser browser) {
        return form(requestId).chain(form -> {
            if (email == null || email.isBlank() || password == null || password.isEmpty()) {
                return Uni.createFrom().item(FormOutcome.again(400, "Enter your email address and your password."));
            }
            if (email.length() > 254 || password.length() > MAX_PASSWORD || !AuthorizationRequest.printable(email)
                    || !AuthorizationRequest.printable(password)) {
                return Uni.createFrom().item(FormOutcome.again(400, WRONG));
            }
            String given = email.trim();
            String subject = given.toLowerCase(Locale.ROOT);
            SignInConnection connection = form.connection();
            PendingRequest request = form.request();
            return throttle.begin(connection.id(), subject, browser.ip(), policy).chain(attempt -> {
                if (!attempt.allowed()) {
                    return completion.recordAttempt(request, connection, SignInEvent.BLOCKED, "Too many failed logins "
                            + "of this user from " + browser.ip() + ": blocked until " + attempt.blockedUntil()
                            + " (brute-force protection; it lifts by itself)", given, browser)
                            .replaceWith(FormOutcome.again(429, "Too many failed attempts to sign in to this account "
                                    + "from your network. It is blocked for " + minutes(policy.block())
                                    + " minutes; try again later."));
                }
                return users.checkPassword(connection.id(), given, password).chain(check -> switch (check.outcome()) {
                    case UNKNOWN_USER -> completion.recordAttempt(request, connection, SignInEvent.UNKNOWN_USER, WRONG,
                            given, browser).replaceWith(FormOutcome.again(400, WRONG));
                    case WRONG_PASSWORD -> completion.recordAttempt(request, connection, SignInEvent.WRONG_PASSWORD,
                            WRONG, given, browser).replaceWith(FormOutcome.again(400, WRONG));
                    case MATCH -> throttle.succeeded(connection.id(), subject, browser.ip())
                            .chain(() -> completion.succeedDatabase(request.id(), connection, check.userId(), browser))
                            .map(FormOutcome::redirect);
                });
            });
        });
    }

    private Uni<SignInConnection> connectionOf(PendingRequest request) {
        if (request.connectionId() == null) {
            throw new PageRefused(400, "This sign-in has not chosen a connection yet. Go back and enter your email.");
        }
        return connections.find(request.tenantId(), request.connectionId()).map(connection -> {
            if (connection == null || connection.kind() != UpstreamKind.DATABASE) {
                throw new PageRefused(400, "This sign-in does not use a password here. Go back to the application and "
                        + "sign in again.");
            }
            return connection;
        });
    }

    private static long minutes(Duration block) {
        return Math.max(1, (block.toSeconds() + 59) / 60);
    }
}
