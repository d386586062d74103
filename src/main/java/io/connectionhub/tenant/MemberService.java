package io.connectionhub.tenant;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.common.CallerContext;
import io.connectionhub.common.Conflict;
import io.connectionhub.common.Ids;
import io.connectionhub.common.InvalidRequest;
import io.connectionhub.common.NotFound;
import io.connectionhub.common.UniqueViolation;
import io.connectionhub.user.PasswordHasher;
import io.smallrye.mutiny.Uni;

/**
 * The members of a tenant (its console administrators), managed through the admin API, and the password check of
 * the console's sign-in. Passwords are PBKDF2 hashes, as users' are; hashing runs on a worker thread.
 */
@ApplicationScoped
public class MemberService {

    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 1024;
    static final int MAX_EMAIL = 254;

    private final MemberRepository members;
    private final PasswordHasher hasher;
    /** Checked against when the email is unknown, so that an unknown email costs the same time as a wrong password. */
    private final String dummyHash;

    public MemberService(MemberRepository members, PasswordHasher hasher) {
        this.members = members;
        this.hasher = hasher;
        this.dummyHash = hasher.hash(Ids.secret(16));
    }

    public Uni<MemberResponse> create(String tenantId, MemberRequest request) {
        if (request == null) {
            throw new InvalidRequest(null, "Missing required property: email", "The member's email");
        }
        String email = checkEmail(request.email());
        String password = checkPassword(request.password());
        return requireTenant(tenantId)
                .chain(() -> CallerContext.onWorker(() -> hasher.hash(password)))
                .chain(hash -> members.insert(Ids.alphanumeric("mem_", 16), tenantId, email, hash))
                .onFailure(failure -> UniqueViolation.of(failure, "members_email_key"))
                .transform(failure -> new Conflict("A member with this email already exists"))
                .map(MemberResponse::of);
    }

    public Uni<List<MemberResponse>> list(String tenantId) {
        return requireTenant(tenantId).chain(() -> members.listInTenant(tenantId))
                .map(found -> found.stream().map(MemberResponse::of).toList());
    }

    /** Deleting a member ends their console sessions (the sessions' foreign key cascades). */
    public Uni<Void> delete(String tenantId, String memberId) {
        return requireTenant(tenantId).chain(() -> members.delete(tenantId, memberId)).invoke(deleted -> {
            if (deleted == 0) {
                throw memberNotFound();
            }
        }).replaceWithVoid();
    }

    public Uni<Void> setPassword(String tenantId, String memberId, MemberRequest request) {
        String password = checkPassword(request == null ? null : request.password());
        return requireTenant(tenantId)
                .chain(() -> CallerContext.onWorker(() -> hasher.hash(password)))
                .chain(hash -> members.setPassword(tenantId, memberId, hash)).invoke(updated -> {
                    if (updated == 0) {
                        throw memberNotFound();
                    }
                }).replaceWithVoid();
    }

    /**
     * The member when {@code password} is theirs; null otherwise, after the same hashing work whether the email is
     * unknown or the password wrong.
     */
    public Uni<SignedInMember> authenticate(String email, String password) {
        if (email == null || password == null || email.length() > MAX_EMAIL || password.length() > MAX_PASSWORD) {
            return CallerContext.onWorker(() -> hasher.matches(password == null ? "" : password, dummyHash))
                    .replaceWith((SignedInMember) null);
        }
        return members.findByEmail(email.strip()).chain(member -> CallerContext.onWorker(() -> {
            boolean matches = hasher.matches(password, member == null ? dummyHash : member.passwordHash());
            return member != null && matches ? new SignedInMember(member.id(), member.tenantId(), member.email()) : null;
        }));
    }

    private Uni<Void> requireTenant(String tenantId) {
        return members.tenantExists(tenantId).invoke(exists -> {
            if (!exists) {
                throw new NotFound(NotFound.Kind.TENANT, "The tenant does not exist");
            }
        }).replaceWithVoid();
    }

    static String checkEmail(String email) {
        if (email == null) {
            throw new InvalidRequest(null, "Missing required property: email", "The member's email");
        }
        String value = email.strip();
        int at = value.indexOf('@');
        if (value.length() > MAX_EMAIL || at < 1 || at != value.lastIndexOf('@') || at == value.length() - 1
                || value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidRequest("email", "Object didn't pass validation for format email: " + printable(value),
                    "The member's email");
        }
        return value;
    }

    static String checkPassword(String password) {
        if (password == null) {
            throw new InvalidRequest(null, "Missing required property: password", "The member's password");
        }
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new InvalidRequest("password", "String length must be " + MIN_PASSWORD + "-" + MAX_PASSWORD + " ("
                    + password.length() + " chars)", "The member's password");
        }
        if (password.indexOf('\0') >= 0) {
            throw new InvalidRequest("password", "Must not contain NUL characters", "The member's password");
        }
        return password;
    }

    private static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private static NotFound memberNotFound() {
        return new NotFound(NotFound.Kind.MEMBER, "The member does not exist");
    }
}
