package io.connectionhub.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.connectionhub.common.Unauthenticated;

/** Who is signed in for this console request; set by {@link ConsoleAccess} from the session cookie only. */
@Named("console")
@RequestScoped
public class ConsoleCaller {

    private ConsoleMember member;

    void signedIn(ConsoleMember member) {
        this.member = member;
    }

    public ConsoleMember member() {
        if (member == null) {
            throw new Unauthenticated("No console session");
        }
        return member;
    }

    public String tenantId() {
        return member().tenantId();
    }

    /** For the layout: the member's email, or null on pages without a session. */
    public String getEmail() {
        return member == null ? null : member.email();
    }
}
