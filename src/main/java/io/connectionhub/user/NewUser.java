package io.connectionhub.user;

/**
 * A user ready to be written: checked, with its id suffix (given or generated) and its JSON metadata as text.
 * {@code passwordHash} is already a slow hash (PBKDF2 from the API, or an imported bcrypt hash).
 */
public record NewUser(String idSuffix, String email, boolean emailVerified, String username, String givenName,
        String familyName, String name, String nickname, boolean blocked, String passwordHash, String userMetadata,
        String appMetadata) {

    public String emailKey() {
        return email.toLowerCase(java.util.Locale.ROOT);
    }
}
