package io.connectionhub.setup;

import jakarta.enterprise.context.RequestScoped;

import io.connectionhub.common.Unauthenticated;

/** The setup link of this portal request; set by {@link SetupAccess} from the session cookie only. */
@RequestScoped
public class SetupCaller {

    private SetupLink link;

    void opened(SetupLink link) {
        this.link = link;
    }

    public SetupLink link() {
        if (link == null) {
            throw new Unauthenticated("No setup session");
        }
        return link;
    }
}
