package io.connectionhub.ui;

/** The signed-in member of a console request: everything the page shows is of {@code tenantId}. */
public record ConsoleMember(String tenantId, String memberId, String email, String sessionHash) {
}
