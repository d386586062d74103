package io.connectionhub.user;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The checks a user passes before it is written, the same for {@code POST /api/v2/users} and for each entry of an
 * import file. Problems carry the import job's error codes.
 */
public final class UserRules {

    static final int MAX_EMAIL = 254;
    static final int MAX_NAME = 300;
    static final int MAX_USER_ID = 255;
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_+\\-.!#$'^`~@]{1,128}");
    static final Pattern USER_ID = Pattern.compile("[^|\\s]{1," + MAX_USER_ID + "}");
    static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    /** The properties an import entry may have. */
    static final Set<String> IMPORT_FIELDS = Set.of("email", "email_verified", "user_id", "username", "given_name",
            "family_name", "name", "nickname", "picture", "blocked", "password_hash", "app_metadata", "user_metadata");

    private static final byte[] PROCESS = new byte[5];
    private static final AtomicInteger COUNTER;

    static {
        SecureRandom random = new SecureRandom();
        random.nextBytes(PROCESS);
        COUNTER = new AtomicInteger(random.nextInt(1 << 24));
    }

    private UserRules() {
    }

    /** A user of the import file, or the problems that keep it out. */
    public record Checked(NewUser user, List<UserProblem> problems) {
    }

    public static Checked checkImportEntry(JsonNode entry) {
        List<UserProblem> problems = new ArrayList<>();
        if (entry == null || !entry.isObject()) {
            problems.add(new UserProblem("INVALID_TYPE", "Expected type object but found type "
                    + (entry == null ? "null" : entry.getNodeType().name().toLowerCase()), ""));
            return new Checked(null, problems);
        }
        for (Iterator<String> names = entry.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!IMPORT_FIELDS.contains(name)) {
                problems.add(new UserProblem("ADDITIONAL_PROPERTIES", "Additional properties not allowed: " + name, name));
            }
        }
        String email = string(entry, "email", problems);
        if (email == null && !entry.has("email")) {
            problems.add(new UserProblem("OBJECT_REQUIRED", "Missing required property: email", "email"));
        } else if (email != null) {
            checkEmail(email, problems);
        }
        boolean emailVerified = bool(entry, "email_verified", problems);
        String userId = string(entry, "user_id", problems);
        if (userId != null) {
            checkUserId(userId, problems);
        }
        String username = string(entry, "username", problems);
        if (username != null) {
            checkUsername(username, problems);
        }
        String givenName = bounded(entry, "given_name", problems);
        String familyName = bounded(entry, "family_name", problems);
        String name = bounded(entry, "name", problems);
        String nickname = bounded(entry, "nickname", problems);
        bounded(entry, "picture", problems);
        boolean blocked = bool(entry, "blocked", problems);
        String passwordHash = string(entry, "password_hash", problems);
        if (passwordHash != null && !BCRYPT.matcher(passwordHash).matches()) {
            problems.add(new UserProblem("PATTERN", "String does not match pattern of a bcrypt hash", "password_hash"));
        }
        String userMetadata = object(entry, "user_metadata", problems);
        String appMetadata = object(entry, "app_metadata", problems);
        if (!problems.isEmpty()) {
            return new Checked(null, problems);
        }
        return new Checked(new NewUser(userId != null ? userId : generatedId(), email, emailVerified, username,
                givenName, familyName, name, nickname, blocked, passwordHash, userMetadata, appMetadata), List.of());
    }

    static void checkEmail(String email, List<UserProblem> problems) {
        if (email.length() > MAX_EMAIL) {
            problems.add(new UserProblem("MAX_LENGTH", "String is too long (" + email.length() + " chars), maximum "
                    + MAX_EMAIL, "email"));
        } else if (!EMAIL.matcher(email).matches()) {
            problems.add(new UserProblem("FORMAT", "Object didn't pass validation for format email: " + email, "email"));
        }
    }

    static void checkUserId(String userId, List<UserProblem> problems) {
        if (userId.length() > MAX_USER_ID) {
            problems.add(new UserProblem("MAX_LENGTH", "String is too long (" + userId.length() + " chars), maximum "
                    + MAX_USER_ID, "user_id"));
        } else if (!USER_ID.matcher(userId).matches()) {
            problems.add(new UserProblem("PATTERN", "String does not match pattern ^[^|\\s]+$: " + userId, "user_id"));
        }
    }

    static void checkUsername(String username, List<UserProblem> problems) {
        if (username.length() > 128) {
            problems.add(new UserProblem("MAX_LENGTH", "String is too long (" + username.length()
                    + " chars), maximum 128", "username"));
        } else if (!USERNAME.matcher(username).matches()) {
            problems.add(new UserProblem("PATTERN", "String does not match pattern of a username: " + username, "username"));
        }
    }

    static void checkLength(String property, String value, List<UserProblem> problems) {
        if (value != null && value.length() > MAX_NAME) {
            problems.add(new UserProblem("MAX_LENGTH", "String is too long (" + value.length() + " chars), maximum "
                    + MAX_NAME, property));
        }
    }

    /**
     * 24 hex characters laid out as a MongoDB ObjectId, like the vendor's generated user ids: seconds since the
     * epoch, a per-process random value and a counter. Ids made close in time sort close together, so a large
     * import appends to the user-id index instead of scattering writes over it.
     */
    public static String generatedId() {
        byte[] id = new byte[12];
        int seconds = (int) (System.currentTimeMillis() / 1000);
        int count = COUNTER.getAndIncrement();
        id[0] = (byte) (seconds >>> 24);
        id[1] = (byte) (seconds >>> 16);
        id[2] = (byte) (seconds >>> 8);
        id[3] = (byte) seconds;
        System.arraycopy(PROCESS, 0, id, 4, 5);
        id[9] = (byte) (count >>> 16);
        id[10] = (byte) (count >>> 8);
        id[11] = (byte) count;
        return HexFormat.of().formatHex(id);
    }

    private static String string(JsonNode entry, String property, List<UserProblem> problems) {
        JsonNode value = entry.get(property);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new UserProblem("INVALID_TYPE", "Expected type string but found type "
                    + value.getNodeType().name().toLowerCase(), property));
            return null;
        }
        return value.asText();
    }

    private static String bounded(JsonNode entry, String property, List<UserProblem> problems) {
        String value = string(entry, property, problems);
        checkLength(property, value, problems);
        return value;
    }

    private static boolean bool(JsonNode entry, String property, List<UserProblem> problems) {
        JsonNode value = entry.get(property);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            problems.add(new UserProblem("INVALID_TYPE", "Expected type boolean but found type "
                    + value.getNodeType().name().toLowerCase(), property));
            return false;
        }
        return value.asBoolean();
    }

    private static String object(JsonNode entry, String property, List<UserProblem> problems) {
        JsonNode value = entry.get(property);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            problems.add(new UserProblem("INVALID_TYPE", "Expected type object but found type "
                    + value.getNodeType().name().toLowerCase(), property));
            return null;
        }
        return value.toString();
    }
}
